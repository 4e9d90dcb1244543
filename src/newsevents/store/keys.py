"""What makes two documents the same article, and two coded events the same event.

Article identity (``documents.article_key``; an article is stored once per key):
  * ``url:<normalised URL>`` for an article with a URL (scheme and host lower-cased; fragment,
    ``utm_*`` tracking parameters and a trailing slash dropped): the same page fetched again;
  * ``text:<text hash>`` for an article without one (a file, standard input, a JSON Lines record
    with no ``url``), the hash being the SHA-256 of the text with whitespace runs collapsed, and
    ``@<site>`` after it when the article names its site or original source: the same file again,
    renamed or re-saved, is the same article.
The same text at another URL, or from another named site, is another article: a syndicated copy,
stored with its mentions, so that every event it reports counts it (GDELT's NumArticles, NumSources;
issue 9). Copies join one story (stories.py); ``num_stories`` counts the story once.

Event identity (one row in ``events``, however many articles report it), joined with ``|``:
  date | source actor | target actor | CAMEO code | location | modality
  * date: the event's ISO date; an undated event is keyed by its story (``undated:<story_id>``) so
    that undated reports of different stories are never merged across time;
  * actor: its CAMEO code (``USAGOV``), or ``name:<lower-cased name>`` if it has no code, or ``-``;
  * location: the GeoNames id, else ``<lower-cased name>/<country>``, else ``-``;
  * modality: a denied or hypothetical attack is not the same event as an attack that happened.
The key is stored as written (``events.event_key``) so that anyone can see why two mentions merged.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..types import Actor, Article, Event, Place

_SPACE = re.compile(r"\s+")
_JSONL_RECORD = re.compile(r"^(?P<path>.+\.jsonl):(?P<line>[0-9]+)$", re.IGNORECASE)


def normalise_url(url: str | None) -> str | None:
    """The URL two fetches of one page share, or None for a missing or blank URL, one that cannot be
    parsed (the pipeline refuses those with E110, after this has been asked), one with a scheme but no
    host, or one that normalises to nothing ("?", "#top"): such URLs must never make unrelated
    articles the same. Normalising a key again gives the key (tests/read/test_read_properties.py)."""
    if not url or not url.strip():
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "http://[::1/": not a key; the document's own E110 says why
        return None
    netloc = parts.netloc.strip().lower()
    if parts.scheme and not netloc:  # "http:/x", "mailto:a@b": no page on a host to name
        return None
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith("utm_")])
    path = parts.path.strip()
    while path and (path[-1] == "/" or path[-1].isspace()):  # a trailing slash names the same page
        path = path[:-1]
    return urlunsplit((parts.scheme.lower(), netloc, path, query, "")) or None


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace runs collapsed and the ends stripped."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def raw_hash(content: bytes) -> str:
    """SHA-256 of an input's bytes: lets a re-run skip documents already stored without coding them."""
    return hashlib.sha256(content).hexdigest()


def url_host(url: str | None) -> str | None:
    """The host of a URL, lower-cased, without ``www.``, port or credentials; None without one."""
    if not url or not url.strip():
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:  # a malformed port or IPv6 literal: no host to speak of
        return None
    return host.removeprefix("www.") if host else None


def named_site(article: Article) -> str | None:
    """The site the article names: the extractor's site, else the original source a scraped text credits."""
    for name in (article.site, article.original_source):
        if name and name.strip():
            return name.strip()
    return None


def outlet(article: Article) -> str:
    """Who published this copy, for NumSources: the URL's host, else the site it names, else its input.

    GDELT counts the sites a report appeared on, so a wire story carried by three sites is three
    sources (and one story, see ``num_stories``); the wire itself stays in ``original_source``.
    """
    return url_host(article.url) or named_site(article) or article.source


def article_key(article: Article, digest: str) -> str:
    """The article's identity (see the module docstring); ``digest`` is ``content_hash(article.text)``."""
    url = normalise_url(article.url)
    if url:
        return f"url:{url}"
    site = named_site(article)
    return f"text:{digest}" + (f"@{site.lower()}" if site else "")


def source_uri(article: Article) -> str | None:
    """Where the article can be found again: its URL, else the absolute ``file://`` URI of the file it came
    from (a JSON Lines record's with ``#line=N-1,N``, RFC 5147's fragment for line N), else None (standard
    input, the HTTP API). Worked out at ingest, when a relative path still means what it meant."""
    if article.url and article.url.strip():
        return article.url.strip()
    path, fragment = Path(article.source), ""
    record = _JSONL_RECORD.match(article.source)
    if record and not path.is_file():
        line = int(record["line"])
        path, fragment = Path(record["path"]), f"#line={line - 1},{line}"
    try:
        if not path.is_file():
            return None
        return path.resolve().as_uri() + fragment
    except (OSError, ValueError):  # an unreadable path, or a name that is not a path at all
        return None


def _actor_key(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    if actor.code:
        return actor.code.upper()
    return "name:" + _SPACE.sub(" ", actor.name).strip().lower()


def _place_key(place: Place | None) -> str:
    if place is None:
        return "-"
    if place.geonameid is not None:
        return str(place.geonameid)
    return f"{_SPACE.sub(' ', place.name).strip().lower()}/{place.country or ''}"


def event_key(event: Event, story_id: str) -> str:
    """The identity of a coded event across articles (see the module docstring)."""
    when = event.date.isoformat() if event.date else f"undated:{story_id}"
    return "|".join((when, _actor_key(event.source), _actor_key(event.target), event.cameo,
                     _place_key(event.location), event.modality))
