"""How bytes become text: the one decoding rule shared by read/ and extract/ (read/content.py)."""

from __future__ import annotations

import pytest

from newsevents.errors import EncodingError
from newsevents.read.content import UTF8_BOM, declared_charset, decode, sniff_kind

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


def test_plain_text_is_never_guessed() -> None:
    with pytest.raises(EncodingError, match="not valid utf-8"):
        decode(CAFE.encode("cp1252"), "text", "file a.txt")


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
