"""The records that flow through the pipeline, one direction, all frozen.

    Document  raw bytes + where they came from (read/)
    Article   clean text and metadata (extract/)
    Actor     who: name, country, sector, code (actors/)
    Mention   an entity span in the article text, with its actor if it can act
    Place     a toponym resolved against the gazetteer (geo/)
    Event     who did what to whom, when and where, with its evidence (events/)
    Failure   a document that could not be processed, and why
    Result    one document's outcome: an article with its records, or a failure

No record holds a spaCy object: everything after the NLP stage is plain data that
pickles, serialises to JSON and crosses process boundaries.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

DocKind = Literal["text", "html", "clean"]
"""How a Document's content is to be read: scraped plain text, an HTML page, or text
already clean (JSON Lines ``text``: offsets then index it exactly as given)."""

Modality = Literal["asserted", "negated", "future", "hypothetical"]


@dataclass(frozen=True, slots=True)
class Document:
    """Raw input, nothing interpreted yet."""

    doc_id: str
    source: str  # where it came from: a path, a URL, "<stdin>", or "file.jsonl:LINE"
    content: bytes
    kind: DocKind
    url: str | None = None
    title: str | None = None
    published: date | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """Clean text with its metadata; every offset downstream indexes ``text``."""

    doc_id: str
    source: str
    text: str
    language: str
    url: str | None = None
    title: str | None = None
    author: str | None = None
    published: date | None = None
    site: str | None = None
    original_source: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A political actor in CAMEO style.

    ``code`` is the CAMEO-style actor code: the country (ISO 3166 alpha-3) followed by
    the sector (``USAGOV``), or a transnational kind (``IGO``, ``NGO``, ``IMG``...)
    optionally followed by a specific organisation (``IGOUNO``).
    """

    text: str
    name: str
    country: str | None
    sector: str | None
    code: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "country": self.country,
                "sector": self.sector, "code": self.code}


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry a toponym resolved to (``start``/``end`` index the article text)."""

    text: str
    start: int
    end: int
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str  # "city", "admin1", "country", "continent", "region", "landmark"
    admin1: str | None = None  # the GeoNames first-level region code within ``country`` (GDELT's ADM1)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "name": self.name,
                "country": self.country, "lat": self.lat, "lon": self.lon,
                "geonameid": self.geonameid, "feature": self.feature, "admin1": self.admin1}

    def location_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon,
                "geonameid": self.geonameid, "admin1": self.admin1}


@dataclass(frozen=True, slots=True)
class Mention:
    """A named entity span in the article text; ``actor`` is set when it can act."""

    text: str
    label: str
    start: int
    end: int
    actor: Actor | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "label": self.label, "start": self.start, "end": self.end,
                "actor": self.actor.to_dict() if self.actor else None}


@dataclass(frozen=True, slots=True)
class Coder:
    name: str
    version: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "version": self.version}


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event with its evidence: the sentence and its offsets in the article."""

    doc_id: str
    event_id: str
    sentence_index: int
    sentence: str
    char_start: int
    char_end: int
    trigger: str  # the words that carry the event ("visit", "pull out of")
    trigger_start: int  # the trigger's offsets in the article text (its first word to its last)
    trigger_end: int
    cameo: str
    plover_type: str | None
    plover_mode: str | None
    goldstein: float
    quad_class: int
    modality: Modality
    source: Actor | None
    target: Actor | None
    date: date | None
    location: Place | None
    coder: Coder
    date_note: str | None = None  # why ``date`` is None although the sentence names one (an impossible date)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "event_id": self.event_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "char_start": self.char_start,
            "char_end": self.char_end,
            "trigger": self.trigger,
            "trigger_start": self.trigger_start,
            "trigger_end": self.trigger_end,
            "date": self.date.isoformat() if self.date else None,
            "date_note": self.date_note,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "plover": {"type": self.plover_type, "mode": self.plover_mode},
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "modality": self.modality,
            "location": self.location.location_dict() if self.location else None,
            "coder": self.coder.to_dict(),
        }

    def replace(self, **changes: Any) -> Event:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Failure:
    """A document (or input) that could not be processed: one line for the user."""

    source: str
    code: str
    message: str
    doc_id: str | None = None

    def line(self) -> str:
        return f"{self.source}: [{self.code}] {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "doc_id": self.doc_id, "code": self.code, "message": self.message}


@dataclass(frozen=True, slots=True)
class Result:
    """One document's outcome: an article with what was found in it."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    sentences: tuple[tuple[int, int], ...] = field(default=())  # (start, end) of each sentence


@dataclass(frozen=True, slots=True)
class CodedEvent:
    """What the event coder found in one sentence, before dates and places are attached.

    Offsets index the article text. The pipeline turns it into an ``Event``.
    """

    sentence_index: int
    sent_start: int
    sent_end: int
    trigger: str  # the words that carry the event, as written ("visit", "cracked down on")
    trigger_start: int
    trigger_end: int
    code: str  # CAMEO code
    source: Actor | None
    target: Actor | None
    source_span: tuple[int, int] | None
    target_span: tuple[int, int] | None
    modality: Modality
    pattern: str  # the verb pattern that fired, as written in events/data/verbs.yaml
