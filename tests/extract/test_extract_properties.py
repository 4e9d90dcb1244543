"""Property tests of the extractors: any Document gives an Article or a coded error, never another
exception; the Article's text holds no invisible format characters; clean text is kept as given."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.errors import NewsEventsError
from newsevents.extract import Extractor
from newsevents.extract.invisible import INVISIBLE, strip_invisible
from newsevents.extract.text import TextCleaner
from newsevents.read.content import decode
from newsevents.settings import ExtractSettings
from newsevents.types import Document

FAST = settings(max_examples=60, deadline=None)
# Built once: the language model and the cues are read-only after construction.
EXTRACTOR = Extractor(ExtractSettings(min_text_chars=10, min_language_chars=10_000))
CLEANER = TextCleaner()

WORDS = st.sampled_from(["Police", "arrested", "protesters", "in", "Nairobi", ".", "By Jane Doe", "\n", "\n\n",
                         "Share this:", "Related", "About Jane Doe", "Published: June 3, 2025", "\u200b", "\u202e",
                         "Original Source: www.example.org", "Leave a Reply", "  ", "\r\n", "“", "é"])
PROSE = st.lists(WORDS, max_size=40).map(" ".join)
TAGS = st.sampled_from(["<html>", "</html>", "<body>", "<p>", "</p>", "<article>", "</article>", "<h1>", "</h1>",
                        "<script>", "</script>", "<nav>", "<div>", "</div>", "<title>", "</title>", "<!--", "-->",
                        '<meta charset="utf-8">', "<br>", "<table><tr><td>", "&amp;", "&#0;", "&#xD800;", "<"])
HTML = st.lists(st.one_of(TAGS, PROSE), max_size=30).map("".join)


@FAST
@given(st.one_of(PROSE, st.text(max_size=300)))
def test_the_cleaner_never_raises_and_keeps_paragraphs_apart(text: str) -> None:
    cleaned = CLEANER.clean(text)
    assert "\r" not in cleaned.text
    assert cleaned.title is None or "\n" not in cleaned.title


@FAST
@given(st.sampled_from(["clean", "text", "html"]), st.one_of(PROSE, HTML, st.text(max_size=300)))
def test_any_document_gives_an_article_or_a_coded_error(kind: str, body: str) -> None:
    try:
        content = body.encode("utf-8")
    except UnicodeEncodeError:
        return
    doc = Document(doc_id="p", source="prop", content=content, kind=kind)  # type: ignore[arg-type]
    try:
        article = EXTRACTOR.extract(doc)
    except NewsEventsError as exc:
        assert exc.source == "prop" and exc.code[:2] in ("E1", "E2")
        return
    assert article.text.strip() and not INVISIBLE.search(article.text)
    if kind == "clean":  # offsets index the text as given, less invisible characters
        assert article.text == strip_invisible(decode(content, "clean", "prop"))


@FAST
@given(st.text(max_size=200))
def test_stripping_is_idempotent_and_moves_offsets_only_to_join_words(text: str) -> None:
    once = strip_invisible(text)
    assert strip_invisible(once) == once and not INVISIBLE.search(once)
    assert len(text) - len(once) <= len(INVISIBLE.findall(text))
    if len(once) == len(text):  # nothing removed inside a word: every other character where it was
        assert all(a == b or (INVISIBLE.fullmatch(a) and b == " ") for a, b in zip(text, once, strict=True))
