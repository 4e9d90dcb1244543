"""Gold records and their JSON Lines readers: coded sentences, toponyms, and the seed article's spec.

    read_event_gold(path)   -> list[GoldSentence]   {"id", "text", "date", "events": [...]} per line,
                                                     or PETRARCH validation XML (see ``petrarch.py``)
    read_places_gold(path)  -> list[GoldPlacesDoc]  {"id", "text", "toponyms": [...]} per line
    read_seed_gold(path)    -> SeedGold             one JSON object: must / may / must-not events

A line that cannot be read raises ``EvaluationError`` naming ``file:line``: a gold set with a broken
record would silently score a different set, so the whole file is refused instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from ..errors import EvaluationError

Kind = Literal["events", "places", "seed"]


@dataclass(frozen=True, slots=True)
class GoldActor:
    """A gold actor: ISO alpha-3 country (None when unknown or transnational), CAMEO sector and code."""

    country: str | None
    sector: str | None
    code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"country": self.country, "sector": self.sector, "code": self.code}


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One expected event. ``plover`` is None for CAMEO statements and appeals, which PLOVER lacks."""

    plover: str | None
    cameo: str | None
    mode: str | None
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]
    reciprocal: bool
    date: date | None = None  # the event's own date, where the gold gives one

    def to_dict(self) -> dict[str, Any]:
        return {"plover": self.plover, "cameo": self.cameo, "mode": self.mode,
                "sources": [a.to_dict() for a in self.sources], "targets": [a.to_dict() for a in self.targets],
                "reciprocal": self.reciprocal, "date": self.date.isoformat() if self.date else None}


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """A gold text (usually one sentence) with every event it should yield; ``where`` is ``file:line``."""

    id: str
    text: str
    date: date | None
    events: tuple[GoldEvent, ...]
    where: str


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    geonameid: str | None
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class GoldPlacesDoc:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]
    where: str


@dataclass(frozen=True, slots=True)
class SeedSpec:
    """One hand-coded event of the seed article: what a predicted event must have to count as it.

    ``source`` and ``target`` map an actor field ("country", "sector") to its accepted values; None
    among them accepts a missing actor. ``modality``, ``date`` and ``location_country`` are None
    where the spec does not constrain them.
    """

    id: str
    plover: frozenset[str]
    source: tuple[tuple[str, frozenset[str | None]], ...]
    target: tuple[tuple[str, frozenset[str | None]], ...]
    modality: frozenset[str] | None
    date: str | None
    location_country: str | None


@dataclass(frozen=True, slots=True)
class SeedGold:
    """The seed article's reference: its text file, publication date, and must / may events."""

    path: Path
    text_path: Path
    published: date
    must: tuple[SeedSpec, ...]
    may: tuple[SeedSpec, ...]
    boilerplate_names: tuple[str, ...]  # lower-case name fragments no event's actor may carry


# -- JSON Lines --------------------------------------------------------------------------------------


def jsonl_records(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(``file:line``, object) for every non-blank line; EvaluationError on anything else."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise EvaluationError(f"gold file {path} does not exist; check the path", source=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"gold file {path} cannot be read as UTF-8 text ({exc})", source=str(path)) from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"line {n} is not valid JSON ({exc.msg} at column {exc.colno}); fix or "
                                  "remove it", source=where) from exc
        if not isinstance(record, dict):
            raise EvaluationError(f"line {n} is a JSON {type(record).__name__}, not an object; write one "
                                  "record per line", source=where)
        yield where, record


def _fail(where: str, problem: str, fix: str) -> EvaluationError:
    return EvaluationError(f"{problem}; {fix}", source=where)


def _id(record: Mapping[str, Any], where: str) -> str:
    value = record.get("id")
    if isinstance(value, bool) or not isinstance(value, str | int) or str(value).strip() == "":
        raise _fail(where, f"the record has id {value!r}", "give every gold record a non-empty string id")
    return str(value)


def _text(record: Mapping[str, Any], where: str) -> str:
    value = record.get("text")
    if not isinstance(value, str):
        raise _fail(where, f"the record's text is {type(value).__name__}", 'give it a "text" string')
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_COMPACT_DATE = re.compile(r"\d{8}\Z")


def parse_date(value: object, where: str) -> date | None:
    """An ISO date ("2008-08-06", also with a time after it) or PETRARCH's "20080806"; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            if _COMPACT_DATE.match(text):
                return date(int(text[:4]), int(text[4:6]), int(text[6:]))
            if _ISO_DATE.match(text):
                return date.fromisoformat(text[:10])
        except ValueError:
            pass
    raise _fail(where, f"{value!r} is not a date", "write dates as YYYY-MM-DD")


def _opt_str(value: object, where: str, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _fail(where, f"{name} is {value!r}, not a string", f"write {name} as a string or null")
    return value


def _actor(raw: object, where: str) -> GoldActor:
    if not isinstance(raw, dict):
        raise _fail(where, f"an actor is {raw!r}, not an object", 'write actors as {"country", "sector"}')
    return GoldActor(country=_opt_str(raw.get("country"), where, "country"),
                     sector=_opt_str(raw.get("sector"), where, "sector"),
                     code=_opt_str(raw.get("code"), where, "code"))


def _actors(raw: object, where: str, role: str) -> tuple[GoldActor, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise _fail(where, f'"{role}" is not a list', f'write "{role}" as a list of actors')
    return tuple(_actor(a, where) for a in raw)


def _event(raw: object, where: str) -> GoldEvent:
    if not isinstance(raw, dict):
        raise _fail(where, f"an event is {raw!r}, not an object", 'write events as {"plover", "sources", ...}')
    cameo = raw.get("cameo")
    if isinstance(cameo, int) and not isinstance(cameo, bool):
        raise _fail(where, f"CAMEO code {cameo} is a number, which loses its leading zero",
                    'write it as a string ("042")')
    return GoldEvent(plover=_opt_str(raw.get("plover"), where, "plover"),
                     cameo=_opt_str(cameo, where, "cameo"), mode=_opt_str(raw.get("mode"), where, "mode"),
                     sources=_actors(raw.get("sources"), where, "sources"),
                     targets=_actors(raw.get("targets"), where, "targets"),
                     reciprocal=bool(raw.get("reciprocal")), date=parse_date(raw.get("date"), where))


def gold_sentence(record: Mapping[str, Any], where: str) -> GoldSentence:
    events = record.get("events")
    if not isinstance(events, list):
        raise _fail(where, 'the record has no "events" list', 'add "events": [] for a sentence without events')
    return GoldSentence(id=_id(record, where), text=_text(record, where), date=parse_date(record.get("date"), where),
                        events=tuple(_event(e, where) for e in events), where=where)


def read_event_gold(path: Path | str) -> list[GoldSentence]:
    """Every coded sentence of an events gold file: JSON Lines, or PETRARCH validation XML (``.xml``)."""
    path = Path(path)
    if path.suffix.lower() == ".xml":
        from .petrarch import read_petrarch_xml  # the XML reader needs the codebook and country table

        return read_petrarch_xml(path)
    sentences = [gold_sentence(record, where) for where, record in jsonl_records(path)]
    if not sentences:
        raise EvaluationError(f"gold file {path} holds no records; is it the right file?", source=str(path))
    return sentences


def _toponym(raw: object, where: str) -> GoldToponym:
    try:
        if not isinstance(raw, dict):
            raise TypeError("not an object")
        start, end = raw["start"], raw["end"]
        if not (isinstance(start, int) and isinstance(end, int)) or start > end:
            raise ValueError(f"offsets {start!r}..{end!r}")
        gid = raw.get("geonameid")
        return GoldToponym(start=start, end=end, text=str(raw.get("text") or ""),
                           geonameid=str(gid) if gid else None, lat=float(raw["lat"]), lon=float(raw["lon"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise _fail(where, f"a toponym cannot be read ({type(exc).__name__}: {exc})",
                    'write each as {"start", "end", "text", "geonameid", "lat", "lon"}') from exc


def read_places_gold(path: Path | str) -> list[GoldPlacesDoc]:
    """Every document of a places gold file (JSON Lines with ``toponyms``)."""
    path = Path(path)
    docs = []
    for where, record in jsonl_records(path):
        toponyms = record.get("toponyms")
        if not isinstance(toponyms, list):
            raise _fail(where, 'the record has no "toponyms" list', "use an events gold with --kind events, or "
                        'add "toponyms": [...]')
        docs.append(GoldPlacesDoc(id=_id(record, where), text=_text(record, where),
                                  toponyms=tuple(_toponym(t, where) for t in toponyms), where=where))
    if not docs:
        raise EvaluationError(f"gold file {path} holds no records; is it the right file?", source=str(path))
    return docs


def detect_kind(path: Path | str) -> Kind:
    """"events", "places" or "seed", from the file's shape (XML and event records are events)."""
    path = Path(path)
    if path.suffix.lower() == ".xml":
        return "events"
    if path.suffix.lower() == ".json":
        return "seed"
    for _, record in jsonl_records(path):
        return "places" if "toponyms" in record else "events"
    return "events"
