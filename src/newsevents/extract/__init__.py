"""Documents -> Articles: the clean text every offset downstream indexes, with its metadata.

    Extractor(settings.extract).extract(doc) -> Article

By kind: "html" goes through trafilatura (``html.py``) and the boilerplate cleaner, "text" (scraped
plain text) through the cleaner alone (``text.py``), "clean" (JSON Lines ``text``) is used as given,
so offsets index the user's text. Every kind first loses its invisible format characters
(zero-width spaces and joiners, soft hyphens, bidi controls: ``invisible.py``), which would
otherwise split words for the model: removed inside a word, a space elsewhere; for "clean" text
that is the only change. Decoding is done by ``read.content`` for both stages.

A document's ``url`` that cannot be parsed is E110 (it is the user's: a record's or a request's);
one found in the page's own metadata is dropped instead.

A bad document raises an ``InputError`` (bytes that are not text) or an ``ExtractionError``: no
article (E201) or not a configured language (E202); the pipeline turns them into Failures.
An HTML page whose main text is shorter than ``extract.min_text_chars`` has no article (navigation,
login and empty pages); scraped text and clean text have none only when nothing is left, since a
one-sentence file is a legitimate input there.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ..errors import NewsEventsError, NoArticleError
from ..read.content import decode_document
from ..read.urls import check_url, safe_url
from ..settings import ExtractSettings
from ..types import Article, Document
from .html import HtmlExtractor
from .invisible import strip_invisible, strip_invisible_or_none
from .language import LanguageDetector
from .text import TextCleaner

__all__ = ["Extractor"]


class Extractor:
    """Built once per process: the boilerplate cues and the language model load here."""

    def __init__(self, settings: ExtractSettings) -> None:
        self.settings = settings
        self._cleaner = TextCleaner()
        self._html = HtmlExtractor(self._cleaner)
        self._language = LanguageDetector(settings.languages, settings.min_language_chars)

    def extract(self, doc: Document) -> Article:
        """The article in ``doc``; raises InputError or ExtractionError subclasses naming ``doc.source``."""
        try:
            return self._extract(doc)
        except NewsEventsError as exc:
            exc.source = exc.source or doc.source
            raise

    def _extract(self, doc: Document) -> Article:
        what = f"document {doc.source}"
        if doc.url is not None:
            check_url(doc.url, what)
        raw = strip_invisible(decode_document(doc))
        title = strip_invisible_or_none(doc.title)
        if doc.kind == "clean":
            if not raw.strip():
                raise NoArticleError(f"{what} holds nothing but invisible characters; pass the article's text")
            return Article(doc_id=doc.doc_id, source=doc.source, text=raw, language=self._language.check(raw, what),
                           url=doc.url, title=title, published=doc.published, site=_host(doc.url))
        if doc.kind == "text":
            cleaned = self._cleaner.clean(raw)
            if not cleaned.text.strip():
                raise NoArticleError(f"{what} has no article text left once its headline, byline and "
                                     "boilerplate are removed; pass the article's text")
            return Article(doc_id=doc.doc_id, source=doc.source, text=cleaned.text,
                           language=self._language.check(cleaned.text, what), url=doc.url,
                           title=title or cleaned.title, author=cleaned.author,
                           published=doc.published or cleaned.published, site=_host(doc.url),
                           original_source=cleaned.original_source)
        page = self._html.extract(raw, doc.url)
        text = strip_invisible(page.text)
        if len(text) < self.settings.min_text_chars:
            raise NoArticleError(f"{what} has no article: its main text is {len(text)} characters, under "
                                 f"extract.min_text_chars ({self.settings.min_text_chars}), as on navigation, "
                                 "login or empty pages; pass the article's own page or lower the setting")
        url = doc.url or safe_url(page.url)
        return Article(doc_id=doc.doc_id, source=doc.source, text=text,
                       language=self._language.check(text, what), url=url,
                       title=title or strip_invisible_or_none(page.title),
                       author=strip_invisible_or_none(page.author),
                       published=doc.published or page.published, site=page.site or _host(url),
                       original_source=page.original_source)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None
