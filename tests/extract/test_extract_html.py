"""The HTML extractor on the project's example blog page and on pages without an article."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsevents.errors import NoArticleError
from newsevents.extract import Extractor
from newsevents.settings import ExtractSettings
from newsevents.types import Article, Document

DATA = Path(__file__).resolve().parents[1] / "data" / "extract"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(ExtractSettings())


def html_doc(path: Path, **fields: object) -> Document:
    return Document(doc_id=path.stem, source=str(path), content=path.read_bytes(), kind="html", **fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def border(extractor: Extractor) -> Article:
    return extractor.extract(html_doc(EXAMPLES / "border-clashes.html"))


def test_metadata_of_the_example_page(border: Article) -> None:
    assert border.title == "Thai and Cambodian troops clash along disputed border"
    assert border.author == "Sophie Tran"
    assert border.published == date(2025, 7, 24)
    assert border.site == "The Mekong Monitor"
    assert border.url == "https://mekongmonitor.example.com/2025/07/24/thai-cambodian-troops-clash-border/"
    assert border.language == "en"


def test_main_text_of_the_example_page(border: Article) -> None:
    paragraphs = border.text.split("\n\n")
    assert paragraphs[0].startswith("BANGKOK — Thai and Cambodian troops exchanged heavy fire on Thursday")
    assert paragraphs[-1].endswith("called on both sides to exercise restraint.")
    assert len(paragraphs) == 7
    for gone in ["Home", "Share this", "Facebook", "Related", "fruit", "About Sophie", "View all posts",
                 "Leave a Reply", "email address", "Required fields", "Post Comment", "Save my name",
                 "Recent Posts", "Privacy", "All rights reserved", "Posted in", "Tagged"]:
        assert gone not in border.text, gone


def test_document_metadata_wins_over_the_page(extractor: Extractor) -> None:
    article = extractor.extract(html_doc(EXAMPLES / "border-clashes.html", published=date(2025, 7, 25),
                                         title="Given title", url="https://given.example.org/x"))
    assert article.published == date(2025, 7, 25)
    assert article.title == "Given title" and article.url == "https://given.example.org/x"


def test_boilerplate_inside_the_article_body_is_cleaned(extractor: Extractor) -> None:
    article = extractor.extract(html_doc(DATA / "surviving-boilerplate.html"))
    assert article.text.startswith("BELGRADE, Aug 21 - Serbia recalled")  # the <h1> is the title, not text
    assert article.text.endswith("resolve the dispute through dialogue.")
    assert article.author == "Lena Hartmann"  # from the author box trafilatura kept
    assert article.original_source == "www.balkan-wire.example"
    assert article.published == date(2025, 8, 21) and article.site == "Balkan Daily"
    for gone in ["Share this", "Click to share", "Like this", "About Lena", "Western Balkans"]:
        assert gone not in article.text, gone


@pytest.mark.parametrize("content", [
    (DATA / "no-article.html").read_bytes(),
    b"<!DOCTYPE html><html><head><title>x</title></head><body></body></html>",
    b"<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>",
])
def test_page_without_an_article_is_e201(extractor: Extractor, content: bytes) -> None:
    doc = Document(doc_id="login", source="pages/login.html", content=content, kind="html")
    with pytest.raises(NoArticleError) as info:
        extractor.extract(doc)
    assert info.value.code == "E201"
    assert info.value.source == "pages/login.html"
    assert "extract.min_text_chars" in info.value.message and "pages/login.html" in info.value.message
