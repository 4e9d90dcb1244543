"""RSS and Atom feeds (feedparser), and feed lists (OPML, or one URL a line): the articles they link to.

    parse_feed(body, base_url, what)       -> [FeedEntry]  the entries, newest as the feed orders them
    feed_list(body, what)                  -> [str | FeedError]  the feeds a list names, a bad line its error
    read_feed_url / read_feed_file / read_feed_list   -> Iterator[Document | Failure]  for read_inputs

A feed is recognised by its input: a URL whose response is a feed (an RSS, Atom or XML media type, or
a body that starts like one), a file ending ``.rss``, ``.atom`` or ``.xml``; a feed list is a file ending
``.opml`` (the ``xmlUrl`` of every outline) or ``.feeds`` (one URL a line, ``#`` comments). Each entry's
link is fetched politely (``polite.py``: robots.txt, the per-host pause) and becomes a Document with
the link as its source and URL and the entry's title and date (its ``published`` date, else its
``updated`` date). A feed that is not one is E112; an entry without a usable link is E112 for that
entry; a page that cannot be fetched is that page's failure; the rest go on.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from ..errors import FeedError, InputTooLargeError, NewsEventsError
from ..settings import ReadSettings
from ..types import Document, Failure
from .opening import open_regular
from .outcome import as_failure
from .polite import Polite
from .url import Fetched, is_url, to_document

FEED_SUFFIXES = (".rss", ".atom", ".xml")
LIST_SUFFIXES = (".opml", ".feeds")
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
                         "text/xml", "application/x-rss+xml"})
_SNIFFED_TYPES = frozenset({"", "application/octet-stream"})
_FEED_STARTS = (b"<rss", b"<feed", b"<rdf:rdf")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed: the page it links to, and what the feed says of it."""

    link: str
    key: str  # the entry's id (guid) when it has one, else its link: what ``watch`` remembers it by
    title: str | None = None
    published: date | None = None


def is_feed_file(item: str) -> bool:
    return item.lower().endswith(FEED_SUFFIXES)


def is_feed_list(item: str) -> bool:
    return item.lower().endswith(LIST_SUFFIXES)


def is_feed_response(got: Fetched) -> bool:
    """Whether a response is a feed rather than a page: by its media type, or by its first tag when untyped."""
    mime = got.content_type.partition(";")[0].strip().lower()
    return mime in _FEED_TYPES or (mime in _SNIFFED_TYPES and looks_like_feed(got.body))


def looks_like_feed(body: bytes) -> bool:
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2:]
    while head.lstrip().startswith(b"<!--"):  # comments before the root
        head = head[head.find(b"-->") + 3:]
    return head.lstrip().startswith(_FEED_STARTS)


def parse_feed(body: bytes, base_url: str | None, what: str) -> list[FeedEntry | FeedError]:
    """The entries of an RSS or Atom feed, each a FeedEntry or the FeedError (E112) of an entry without a
    usable link; raises FeedError when ``body`` is no feed at all."""
    # A file-like object, never bytes or str: feedparser would take a string for a URL or a file name to open.
    import feedparser  # here, not at the top: a command that reads no feed does not pay for it (issue 9)

    headers = {"content-location": base_url} if base_url else {}
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=False)
    if not parsed.get("version") and not parsed.entries:
        why = parsed.get("bozo_exception")
        raise FeedError(f"{what} is not an RSS or Atom feed" + (f" ({_first_line(why)})" if why else "")
                        + "; check that the address is the feed's, not its web page's")
    entries: list[FeedEntry | FeedError] = []
    for n, entry in enumerate(parsed.entries, 1):
        link = _link(entry, base_url)
        if link is None:
            entries.append(FeedError(f"{what} entry {n} has no http(s) link to an article; it is skipped"))
            continue
        title = str(entry.get("title") or "").strip() or None
        entries.append(FeedEntry(link=link, key=str(entry.get("id") or link), title=title,
                                 published=_entry_date(entry)))
    return entries


def feed_list(body: bytes, what: str) -> list[str | FeedError]:
    """The feed URLs an OPML file or a one-URL-a-line list names; a line that is no URL is its FeedError."""
    if looks_like_feed(body):
        raise FeedError(f"{what} is a feed itself, not a list of feeds: give watch the feed's URL, or read the file "
                        "once with code or ingest (as a .rss, .atom or .xml file)")
    if body.lstrip(b"\xef\xbb\xbf \t\r\n")[:256].lower().startswith((b"<?xml", b"<opml")):
        return _opml(body, what)
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FeedError(f"{what} is not UTF-8 text ({exc.reason} at byte {exc.start}); save the feed list as "
                        "UTF-8, one feed URL a line") from exc
    urls: list[str | FeedError] = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        urls.append(line if is_url(line) else FeedError(f"{what} line {n} is not an http(s) URL ({line[:80]!r}); "
                                                        "write one feed URL a line, # for comments"))
    return urls


def _opml(body: bytes, what: str) -> list[str | FeedError]:
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise FeedError(f"{what} is not well-formed OPML ({exc}); fix the file or list one feed URL a line "
                        "in a .feeds file") from exc
    urls: list[str | FeedError] = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if url:
            urls.append(url if is_url(url) else FeedError(f"{what} has an outline whose xmlUrl is not an http(s) "
                                                          f"URL ({url[:80]!r}); it is skipped"))
    if not urls:
        raise FeedError(f"{what} names no feed (no <outline xmlUrl=...>); add the feeds' addresses")
    return urls


def _link(entry: Any, base_url: str | None) -> str | None:
    candidates = [entry.get("link")] + [ln.get("href") for ln in entry.get("links", ())
                                        if ln.get("rel", "alternate") == "alternate"]
    for candidate in candidates:
        if candidate:
            link = urljoin(base_url, str(candidate).strip()) if base_url else str(candidate).strip()
            if is_url(link):
                return link
    return None


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:  # feedparser gives every date as a UTC struct_time
                return date(int(parsed[0]), int(parsed[1]), int(parsed[2]))
            except (TypeError, ValueError, IndexError):
                continue
    return None


def _first_line(exc: object) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


# -- readers for read_inputs ---------------------------------------------------------------------------------


def fetch_article(entry: FeedEntry, polite: Polite) -> Document | Failure:
    """The page an entry links to, as a Document carrying the entry's title and date."""
    what = f"URL {entry.link}"
    try:
        got = polite.get(entry.link, what=what)
        return to_document(got, entry.link, what, title=entry.title, published=entry.published)
    except NewsEventsError as exc:
        return as_failure(exc, entry.link)


def articles(entries: list[FeedEntry | FeedError], source: str, polite: Polite) -> Iterator[Document | Failure]:
    for entry in entries:
        if isinstance(entry, FeedError):
            yield as_failure(entry, source)
        else:
            yield fetch_article(entry, polite)


def read_feed_url(url: str, polite: Polite, *, robots: bool) -> Iterator[Document | Failure]:
    """A URL: a feed's articles when it serves a feed, else the page itself."""
    what = f"URL {url}"
    got = polite.get(url, robots=robots, what=what)
    if is_feed_response(got):
        yield from articles(parse_feed(got.body, got.url, f"feed {url}"), url, polite)
    else:
        yield to_document(got, url, what)


def read_feed_file(path: str, settings: ReadSettings, polite: Polite) -> Iterator[Document | Failure]:
    what = f"feed {path}"
    yield from articles(parse_feed(_read_small(path, settings, what), None, what), path, polite)


def read_feed_list(path: str, settings: ReadSettings, polite: Polite) -> Iterator[Document | Failure]:
    what = f"feed list {path}"
    for url in feed_list(_read_small(path, settings, what), what):
        if isinstance(url, FeedError):
            yield as_failure(url, path)
            continue
        try:
            got = polite.get(url, what=f"feed {url}")
            entries = parse_feed(got.body, got.url, f"feed {url}")
        except NewsEventsError as exc:
            yield as_failure(exc, url)
            continue
        yield from articles(entries, url, polite)


def _read_small(path: str, settings: ReadSettings, what: str) -> bytes:
    stream, size = open_regular(Path(path), what)
    with stream:
        if size > settings.max_bytes:
            raise InputTooLargeError(f"{what} is {size:,} bytes, over the limit of {settings.max_bytes:,} "
                                     "(setting read.max_bytes); raise read.max_bytes to read it")
        return stream.read(settings.max_bytes + 1)
