"""How bytes become text: the one decoding rule shared by read/ and extract/ (read/content.py)."""

from __future__ import annotations

import pytest

from newsevents.errors import EncodingError
from newsevents.read.content import UTF8_BOM, declared_charset, decode, sniff_kind, transcode

CAFE = "Caf\u00e9 talks \u2013 day two"  # é is in Latin-1 and cp1252; the en dash only in cp1252


def page(charset: str | None, body: bytes) -> bytes:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<!DOCTYPE html><html><head>{meta}</head><body><p>".encode("ascii") + body + b"</p></body></html>"


def test_html_declared_charset_is_honoured() -> None:
    content = page("windows-1252", CAFE.encode("cp1252"))
    assert CAFE in decode(content, "html", "page")


def test_html_declared_latin1_is_read_as_windows_1252_like_browsers() -> None:
    content = page("ISO-8859-1", CAFE.encode("cp1252"))
    assert CAFE in decode(content, "html", "page")


def test_http_equiv_declaration_is_found() -> None:
    content = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r"></head>'
    assert declared_charset(content) == "koi8-r"


def test_undeclared_html_tries_utf8_then_windows_1252() -> None:
    assert CAFE in decode(page(None, CAFE.encode("utf-8")), "html", "page")
    assert CAFE in decode(page(None, CAFE.encode("cp1252")), "html", "page")


def test_html_that_breaks_its_declared_utf8_is_e104() -> None:
    with pytest.raises(EncodingError, match="declares charset 'utf-8'"):
        decode(page("utf-8", CAFE.encode("cp1252")), "html", "page")


@pytest.mark.parametrize(("text", "codec"), [
    (CAFE, "cp1252"),
    ("Officials in São Paulo said the minister met the envoy on Tuesday.", "cp1252"),
    ("Minister powiedział w Łodzi, że rozmowy będą kontynuowane we wtorek.", "cp1250"),
    ("Президент встретился с министром во вторник в Москве.", "cp1251"),
    ("Президент встретился с министром во вторник в Москве.", "koi8_r"),
])
def test_plain_text_in_a_legacy_encoding_is_decoded(text: str, codec: str) -> None:
    assert decode(text.encode(codec), "text", "file a.txt") == text


def test_plain_text_that_no_encoding_reads_is_e104() -> None:
    with pytest.raises(EncodingError, match=r"not UTF-8 .*no other encoding reads it as text"):
        decode(bytes(range(0x80, 0x100)) * 8, "text", "file a.txt")


@pytest.mark.parametrize("label", ["base64", "punycode", "zlib", "unicode_escape", "rot13", "idna", "utf8mb4"])
def test_a_label_that_is_no_whatwg_encoding_is_never_used(label: str) -> None:
    assert CAFE in decode(page(label, CAFE.encode("utf-8")), "html", "page")  # UTF-8 bytes: read as UTF-8
    with pytest.raises(EncodingError, match=f"declares charset '{label}', which is not an encoding label"):
        decode(page(label, CAFE.encode("cp1252")), "html", "page")


def test_an_xml_declaration_is_held_to_the_same_labels() -> None:
    content = b'<?xml version="1.0" encoding="punycode"?><html><body><p>Caf\xe9</p></body></html>'
    with pytest.raises(EncodingError, match="'punycode', which is not an encoding label"):
        decode(content, "html", "page")
    assert decode(content.replace(b"punycode", b" Latin1 "), "html", "page").endswith("Café</p></body></html>")


def test_replacement_labels_are_e104() -> None:
    with pytest.raises(EncodingError, match="'iso-2022-kr', which the WHATWG Encoding Standard reads as no text"):
        decode(page("iso-2022-kr", b"plain ascii"), "html", "page")


def test_utf16_and_x_user_defined_in_a_page_read_as_html_says() -> None:
    assert CAFE in decode(page("utf-16", CAFE.encode("utf-8")), "html", "page")
    assert CAFE in decode(page("x-user-defined", CAFE.encode("cp1252")), "html", "page")


def test_labels_are_matched_like_browsers_do() -> None:
    for label in ("ISO-8859-2", " latin2", "L2", "csisolatin2"):
        assert decode(page(label, "Łódź".encode("iso8859_2")), "html", "page").count("Łódź") == 1


@pytest.mark.parametrize(("label", "body", "text"), [
    ("windows-1251", "Москва".encode("cp1251"), "Москва"),
    ("utf-16be", "Kyiv".encode("utf-16-be"), "Kyiv"),
    ("x-user-defined", b"a\x80", "a\uf780"),
])
def test_a_server_charset_is_transcoded(label: str, body: bytes, text: str) -> None:
    out = transcode(body, label, "URL u")
    assert out.startswith(UTF8_BOM) and out[len(UTF8_BOM):].decode("utf-8") == text


def test_a_server_charset_that_is_no_encoding() -> None:
    assert transcode(b"plain", "base64", "URL u") == UTF8_BOM + b"plain"  # UTF-8 bytes: kept
    declared = page("windows-1252", CAFE.encode("cp1252"))
    assert transcode(declared, "punycode", "URL u") == declared  # the page's own declaration decides
    with pytest.raises(EncodingError, match="is served with charset 'punycode', which is not an encoding label"):
        transcode(CAFE.encode("cp1252"), "punycode", "URL u")


def test_bom_wins_over_a_declared_charset() -> None:
    content = UTF8_BOM + page("iso-8859-1", CAFE.encode("utf-8"))
    assert CAFE in decode(content, "html", "page")


def test_clean_text_keeps_everything_as_given() -> None:
    raw = "\ufeff  leading and trailing  \n"
    assert decode(raw.encode("utf-8"), "clean", "record") == raw


def test_utf16_with_bom_is_text_not_binary() -> None:
    content = "Hello, Ankara.".encode("utf-16")
    assert decode(content, "text", "file") == "Hello, Ankara."


@pytest.mark.parametrize(("head", "kind"), [
    (b"\xef\xbb\xbf  <!doctype html><html>", "html"),
    (b"<!-- saved page -->\n<html lang=en>", "html"),
    (b"<HTML><BODY>", "html"),
    (b"<p>a fragment</p>", "text"),
    (b"Words about <html> tags", "text"),
])
def test_sniff(head: bytes, kind: str) -> None:
    assert sniff_kind(head) == kind
