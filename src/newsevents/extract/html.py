"""HTML pages -> main text and metadata, with trafilatura (the only module that imports it, at the first page).

Precision first: a sentence of navigation or of a related-story teaser coded as an event is worse
for a researcher than a missed paragraph, so trafilatura runs with ``favor_precision`` and without
comments. What survives extraction (an author box, share links, "Related" lists inside the article
body) goes through the same cleaner as scraped text. The date comes from the page's metadata and
date elements only (htmldate without its extensive search, which takes dates from the body text:
those are event dates, not the publication date).
"""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass
from datetime import date
from typing import Any

from .text import TextCleaner


@dataclass(frozen=True, slots=True)
class PageText:
    """What an HTML page gave: the clean main text (paragraphs separated by blank lines) and metadata."""

    text: str
    title: str | None = None
    author: str | None = None
    published: date | None = None
    site: str | None = None
    url: str | None = None
    original_source: str | None = None


class HtmlExtractor:
    """Built once per Extractor; ``extract`` is called per page."""

    def __init__(self, cleaner: TextCleaner) -> None:
        self._cleaner = cleaner
        # trafilatura (and lxml, htmldate, courlan, justext beneath it) is imported at the first page, not
        # here: plain text and JSON Lines never need it, and it is a good part of a start (issue 9).
        self._options: Any = None

    def _trafilatura_options(self) -> Any:
        if self._options is None:
            from trafilatura.settings import Extractor, set_date_params

            self._options = Extractor(
                output_format="python",
                precision=True,
                comments=False,
                with_metadata=True,
                date_params=set_date_params(extensive=False),  # original date, up to today
            )
        return self._options

    def extract(self, html: str, url: str | None = None) -> PageText:
        """The page's article; an empty ``text`` when trafilatura finds none."""
        import trafilatura
        from trafilatura.settings import Document as _Page

        options = copy(self._trafilatura_options())
        options.url = url
        options.source = url
        try:
            result = trafilatura.bare_extraction(html, options=options)
        except ValueError:  # trafilatura's documented way to say "nothing to extract"
            result = None
        if not isinstance(result, _Page):  # None: no main text found
            return PageText(text="")
        cleaned = self._cleaner.clean(result.text or "", find_title=False, join_wrapped=False)
        title = _clean(result.title)
        return PageText(
            text=_without_headline(cleaned.text, title),
            title=title,
            author=_clean(result.author) or cleaned.author,
            published=_iso_date(result.date) or cleaned.published,
            site=_clean(result.sitename),
            url=_clean(result.url),
            original_source=cleaned.original_source,
        )


def _without_headline(text: str, title: str | None) -> str:
    """The text without a first paragraph that repeats the title (an <h1> kept by trafilatura): the
    headline is metadata, as in scraped text, and coding it would count its event twice."""
    first, sep, rest = text.partition("\n\n")
    if title and sep and " ".join(first.split()).casefold() == " ".join(title.split()).casefold():
        return rest
    return text


def _clean(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _iso_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
