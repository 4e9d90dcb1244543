"""Invisible format characters (zero-width, soft hyphens, bidi controls) are taken out of the Article
text in extract, for every kind, so words reach the model whole: removed inside a word, a space in
their place elsewhere, so that offsets move only where a word was split."""

from __future__ import annotations

import pytest

from newsevents.errors import BadUrlError, NoArticleError
from newsevents.extract import Extractor
from newsevents.extract.invisible import INVISIBLE, strip_invisible
from newsevents.read.urls import safe_url
from newsevents.settings import ExtractSettings
from newsevents.types import Document

PLAIN = "Police arrested twelve protesters in Nairobi on Tuesday, the interior ministry said."
HIDDEN = ("Po\u200blice arr\u00adested twelve pro\u200dtesters in \u202aNairobi\u202c on Tues\u2060day, "
          "the \u2067interior\u2069 min\ufeffistry said.\u200e")


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(ExtractSettings(min_text_chars=20))


def words(text: str) -> str:
    return " ".join(text.split())


def test_strip_invisible_joins_words_and_keeps_other_offsets() -> None:
    assert words(strip_invisible(HIDDEN)) == PLAIN
    assert strip_invisible("pro\u200btesters \u202aNairobi\u202c.") == "protesters  Nairobi ."
    kept = "Zürich — “quoted” — \ufeffש — 東京 — tab\there"
    assert strip_invisible(kept) == kept.replace("\ufeff", " ")  # beside a space: same length


@pytest.mark.parametrize(("kind", "content"), [
    ("clean", HIDDEN.encode("utf-8")),
    ("text", HIDDEN.encode("utf-8")),
    ("html", f"<html><head><title>T\u200bitle</title></head><body><article><p>{HIDDEN}</p></article></body>"
             "</html>".encode()),
])
def test_every_kind_loses_them_before_the_model(extractor: Extractor, kind: str, content: bytes) -> None:
    article = extractor.extract(Document(doc_id="z", source="in", content=content, kind=kind,  # type: ignore[arg-type]
                                         title="Ar\u200brests" if kind != "html" else None))
    assert PLAIN in words(article.text) and not INVISIBLE.search(article.text)
    assert article.title is not None and not INVISIBLE.search(article.title)


def test_nothing_but_invisible_characters_is_no_article(extractor: Extractor) -> None:
    with pytest.raises(NoArticleError):
        extractor.extract(Document(doc_id="z", source="in", content="\u200b\u200e".encode(), kind="clean"))


def test_a_document_url_that_cannot_be_parsed_is_e110(extractor: Extractor) -> None:
    with pytest.raises(BadUrlError) as info:
        extractor.extract(Document(doc_id="z", source="api:z", content=PLAIN.encode(), kind="clean",
                                   url="http://[::1/"))
    assert info.value.code == "E110" and info.value.source == "api:z"


def test_a_url_from_page_metadata_that_cannot_be_parsed_is_dropped() -> None:
    assert safe_url("http://[::1/x") is None and safe_url("http://a.example:99999/") is None
    assert safe_url("https://a.example/x") == "https://a.example/x" and safe_url(None) is None
