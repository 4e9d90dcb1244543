"""Extractor by document kind, and golden checks on every example article the project ships."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsevents.errors import EncodingError, NoArticleError
from newsevents.extract import Extractor
from newsevents.read import read_inputs
from newsevents.settings import ExtractSettings, ReadSettings
from newsevents.types import Article, Document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(ExtractSettings())


def test_clean_text_is_used_exactly_as_given(extractor: Extractor) -> None:
    text = "\ufeff  Share this: Norway criticised Russia.\n\nBy Jane Doe\n\nLeave a Reply\n"
    doc = Document(doc_id="r1", source="w.jsonl:1", content=text.encode("utf-8"), kind="clean",
                   url="https://www.example.org/r1", title="T", published=date(2025, 6, 1))
    article = extractor.extract(doc)
    # No cleaning, no stripping: offsets index the user's text (an invisible character becomes a space).
    assert article.text == text.replace("\ufeff", " ")
    assert (article.doc_id, article.source, article.title, article.published) == ("r1", "w.jsonl:1", "T",
                                                                                  date(2025, 6, 1))
    assert article.url == "https://www.example.org/r1" and article.site == "example.org"
    assert article.author is None and article.original_source is None


def test_text_document_title_wins_over_the_headline(extractor: Extractor) -> None:
    content = b"Headline line\n\nKenya and Somalia agreed on Friday to reopen their main border crossing at Mandera."
    article = extractor.extract(Document(doc_id="t", source="t.txt", content=content, kind="text", title="Given"))
    assert article.title == "Given" and article.text.startswith("Kenya and Somalia")


def test_one_sentence_text_file_is_an_article(extractor: Extractor) -> None:
    article = extractor.extract(Document(doc_id="s", source="s.txt", content=b"Putin visited Beijing.", kind="text"))
    assert article.text == "Putin visited Beijing." and article.language == "en"


def test_text_that_is_only_boilerplate_has_no_article(extractor: Extractor) -> None:
    doc = Document(doc_id="b", source="b.txt", content=b"Share this:\nFacebook\n\nLeave a Reply\n", kind="text")
    with pytest.raises(NoArticleError) as info:
        extractor.extract(doc)
    assert info.value.source == "b.txt" and info.value.code == "E201"


def test_undecodable_document_raises_input_error_with_source(extractor: Extractor) -> None:
    doc = Document(doc_id="x", source="api:42", content=b"Talks " + bytes(range(0x80, 0x100)) * 8, kind="text")
    with pytest.raises(EncodingError) as info:
        extractor.extract(doc)
    assert info.value.source == "api:42" and info.value.code == "E104"


@pytest.fixture(scope="module")
def example_articles(extractor: Extractor) -> list[Article]:
    docs = list(read_inputs([str(EXAMPLES)], ReadSettings()))
    assert all(isinstance(d, Document) for d in docs)
    return [extractor.extract(d) for d in docs if isinstance(d, Document)]


def test_every_example_is_an_english_article_dated_june_to_november_2025(example_articles: list[Article]) -> None:
    assert len(example_articles) >= 6
    for article in example_articles:
        assert article.language == "en", article.source
        assert article.title, article.source
        assert article.published is not None and date(2025, 6, 1) <= article.published <= date(2025, 11, 30)
        words = len(article.text.split())
        assert 150 <= words <= 400, (article.source, words)


def test_examples_keep_paragraphs_and_no_boilerplate(example_articles: list[Article]) -> None:
    for article in example_articles:
        assert "\n\n" in article.text
        for cue in ["Leave a Reply", "Share this", "View all posts", "Original Source", "Post Comment"]:
            assert cue not in article.text, (article.source, cue)
