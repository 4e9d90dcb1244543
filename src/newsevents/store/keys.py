"""What makes two documents the same article, and two coded events the same event.

Article identity (exact duplicates, never stored twice):
  * the normalised URL (scheme and host lower-cased, fragment, ``utm_*`` tracking parameters and a
    trailing slash dropped), or
  * the SHA-256 of the text with runs of whitespace collapsed, so a re-scrape that only changed line
    breaks is still the same article.

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
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..types import Actor, Article, Event, Place

_SPACE = re.compile(r"\s+")


def normalise_url(url: str | None) -> str | None:
    """The URL two fetches of one page share, or None for a missing or blank URL."""
    if not url or not url.strip():
        return None
    parts = urlsplit(url.strip())
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith("utm_")])
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace runs collapsed and the ends stripped."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def raw_hash(content: bytes) -> str:
    """SHA-256 of an input's bytes: lets a re-run skip documents already stored without coding them."""
    return hashlib.sha256(content).hexdigest()


def outlet(article: Article) -> str:
    """Who published the report, for NumSources: the original source of a syndicated story, else the
    site, else the URL's host, else the input it came from."""
    for name in (article.original_source, article.site):
        if name and name.strip():
            return name.strip()
    if article.url:
        host = urlsplit(article.url).netloc.lower()
        if host:
            return host.removeprefix("www.")
    return article.source


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
