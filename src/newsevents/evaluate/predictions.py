"""What the coder produced, in the shape the CLI prints, ready to be scored.

Predictions are read from the JSON the CLI writes (``newsevents code --format jsonl`` for events,
``newsevents extract --format jsonl`` for places), and results of the pipeline are turned into the
same JSON first (``Event.to_dict()``, ``Place.to_dict()``): the scorer then sees exactly what a user
or the referee (``score_events.py``) would see, whichever way the predictions came.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from .gold import jsonl_records


def _opt(value: object) -> str | None:
    """A field as text, None when empty: an empty value never identifies a country or a code."""
    return str(value) if value else None


@dataclass(frozen=True, slots=True)
class PredActor:
    country: str | None
    sector: str | None
    code: str | None
    text: str | None = None
    name: str | None = None

    @classmethod
    def from_dict(cls, raw: object) -> PredActor | None:
        if not isinstance(raw, dict):
            return None
        return cls(country=_opt(raw.get("country")), sector=_opt(raw.get("sector")), code=_opt(raw.get("code")),
                   text=_opt(raw.get("text")), name=_opt(raw.get("name")))

    def get(self, key: str) -> str | None:
        """A field by its JSON name; None for a name the CLI does not print."""
        return {"country": self.country, "sector": self.sector, "code": self.code, "text": self.text,
                "name": self.name}.get(key)

    def label(self) -> str:
        return self.code or self.country or self.sector or "?"


@dataclass(frozen=True, slots=True)
class PredEvent:
    """One predicted event: the fields the scores use, and the evidence shown in reports."""

    doc_id: str
    plover: str | None
    cameo: str | None
    source: PredActor | None
    target: PredActor | None
    modality: str | None = None
    date: str | None = None  # ISO, as printed
    location_country: str | None = None
    trigger: str | None = None

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> PredEvent:
        plover = raw.get("plover")
        location = raw.get("location")
        return cls(doc_id=str(raw.get("doc_id")),
                   plover=_opt(plover.get("type") if isinstance(plover, dict) else plover),
                   cameo=_opt(raw.get("cameo")),
                   source=PredActor.from_dict(raw.get("source")), target=PredActor.from_dict(raw.get("target")),
                   modality=_opt(raw.get("modality")), date=_opt(raw.get("date")),
                   location_country=_opt(location.get("country")) if isinstance(location, dict) else None,
                   trigger=_opt(raw.get("trigger")))


@dataclass(frozen=True, slots=True)
class PredPlace:
    start: int | None
    end: int | None
    lat: float | None
    lon: float | None
    geonameid: str | None
    name: str | None = None

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any], where: str) -> PredPlace:
        try:
            start, end = raw.get("start"), raw.get("end")
            lat, lon = raw.get("lat"), raw.get("lon")
            return cls(start=None if start is None else int(start), end=None if end is None else int(end),
                       lat=None if lat is None else float(lat), lon=None if lon is None else float(lon),
                       geonameid=None if raw.get("geonameid") is None else str(raw["geonameid"]),
                       name=_opt(raw.get("name")))
        except (TypeError, ValueError) as exc:
            raise EvaluationError(f"a place cannot be read ({exc}); places need numeric start, end, lat and lon",
                                  source=where) from exc


def read_event_predictions(path: Path | str) -> list[PredEvent]:
    """Events as ``newsevents code --format jsonl`` prints them, one per line."""
    return [PredEvent.from_dict(record) for _, record in jsonl_records(Path(path))]


def read_place_predictions(path: Path | str) -> dict[str, tuple[PredPlace, ...]]:
    """Places by document id, from documents as ``newsevents extract --format jsonl`` prints them.

    A document id given twice keeps its last record, as the referee does.
    """
    out: dict[str, tuple[PredPlace, ...]] = {}
    for where, record in jsonl_records(Path(path)):
        places = record.get("places") or []
        if not isinstance(places, list):
            raise EvaluationError('"places" is not a list; give documents as newsevents extract prints them',
                                  source=where)
        out[str(record.get("doc_id"))] = tuple(PredPlace.from_dict(p, where) for p in places if isinstance(p, dict))
    return out


def group_by_doc(events: Iterable[PredEvent]) -> dict[str, list[PredEvent]]:
    """Events by document id, in their printed order (the order the one-to-one matching follows)."""
    out: dict[str, list[PredEvent]] = {}
    for e in events:
        out.setdefault(e.doc_id, []).append(e)
    return out
