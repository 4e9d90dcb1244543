"""The event filters shared by the Python API, the CLI and the HTTP API, and the SQL they become.

Every value reaches the database (DuckDB or PostgreSQL: the same SQL) as a bound parameter: the SQL
text is assembled only from fixed fragments.

  actor    an actor code prefix (``USA`` matches ``USAGOV``) or a part of an actor's name, either side
  country  an ISO 3166 alpha-3 code: the source's, the target's or the location's country
  dyad     ``A:B``: source matches A and target matches B (country code or actor code prefix)
  type     a PLOVER event type (``CONSULT``, ``ASSAULT``...); exclusive with ``cameo``
  cameo    a CAMEO code prefix: ``19`` is every kind of fight, ``190`` only the base code
  since, until   inclusive event dates
  near     ``LAT,LON,KM``: events located within KM kilometres (haversine, mean Earth radius)
  quad     one or more quad classes, 1 to 4 (verbal cooperation, material cooperation, verbal conflict,
           material conflict), as a list or one string with commas
  text     words searched, case-insensitively, in the actors' names, the place's name and the evidence
           sentences (every word must occur somewhere)
  modality one or more of ``asserted``, ``negated``, ``future``, ``hypothetical`` (a list, or one string
           with commas); ``all`` or nothing for every modality
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, get_args

from ..errors import UsageError
from ..geo.distance import haversine_sql
from ..types import Modality

KM_PER_DEGREE_LAT = 111.0  # a little under the true ~111.2, so the latitude pre-filter never cuts a match
_ISO3 = re.compile(r"^[A-Za-z]{3}$")
_CODE = re.compile(r"^[A-Za-z0-9]{1,15}$")
_CAMEO = re.compile(r"^\d{1,4}$")
_PLOVER = re.compile(r"^[A-Za-z_-]{1,40}$")
MODALITIES: tuple[Modality, ...] = get_args(Modality)
ModalityChoice = str | Sequence[str] | None  # "asserted", "asserted,negated", ["future", "hypothetical"], "all"
QuadChoice = int | str | Sequence[int | str] | None  # 4, "3,4", [1, 2]
QUAD_CLASSES = (1, 2, 3, 4)
MAX_WORDS = 10


@dataclass(frozen=True, slots=True)
class Near:
    lat: float
    lon: float
    km: float


@dataclass(frozen=True, slots=True)
class EventFilter:
    actor: str | None = None
    country: str | None = None
    dyad: tuple[str, str] | None = None
    type: str | None = None
    cameo: str | None = None
    since: date | None = None
    until: date | None = None
    near: Near | None = None
    modality: tuple[Modality, ...] | None = None  # None: every modality
    quad: tuple[int, ...] | None = None  # None: every quad class
    text: tuple[str, ...] | None = None  # lower-cased words, each of which must occur

    @classmethod
    def parse(cls, *, actor: str | None = None, country: str | None = None, dyad: str | tuple[str, str] | None = None,
              type: str | None = None, cameo: str | None = None, since: date | str | None = None,
              until: date | str | None = None, near: str | Near | tuple[float, float, float] | None = None,
              modality: ModalityChoice = None, quad: QuadChoice = None, text: str | None = None) -> EventFilter:
        """Validated filters from user text; raises UsageError saying which value is wrong and why."""
        if type and cameo:
            raise UsageError("give either an event type (PLOVER) or a CAMEO code, not both")
        if country is not None and not _ISO3.match(country):
            raise UsageError(f"country {country!r} is not an ISO 3166 alpha-3 code (e.g. IRQ, USA)")
        if cameo is not None and not _CAMEO.match(cameo):
            raise UsageError(f"CAMEO code {cameo!r} must be 1 to 4 digits (e.g. 19, 042, 1823)")
        if type is not None and not _PLOVER.match(type):
            raise UsageError(f"event type {type!r} is not a PLOVER type name (e.g. CONSULT, ASSAULT)")
        if actor is not None and not actor.strip():
            raise UsageError("the actor filter is empty: give an actor code (USAGOV) or part of a name")
        start, end = _date(since, "since"), _date(until, "until")
        if start and end and start > end:
            raise UsageError(f"since ({start}) is after until ({end}): swap them")
        return cls(actor=actor.strip() if actor else None, country=country.upper() if country else None,
                   dyad=_dyad(dyad), type=type.upper() if type else None, cameo=cameo,
                   since=start, until=end, near=_near(near), modality=parse_modality(modality),
                   quad=parse_quad(quad), text=_words(text))

    def where(self) -> tuple[str, list[Any]]:
        """A SQL condition over ``events`` (``TRUE`` if no filter) and its parameters, in order."""
        parts: list[str] = []
        params: list[Any] = []
        if self.actor:
            parts.append("(starts_with(source_code, ?) OR starts_with(target_code, ?) "
                         "OR strpos(lower(source_name), ?) > 0 OR strpos(lower(target_name), ?) > 0)")
            code, name = self.actor.upper(), self.actor.lower()
            params += [code, code, name, name]
        if self.country:
            parts.append("(source_country = ? OR target_country = ? OR location_country = ?)")
            params += [self.country] * 3
        if self.dyad:
            for side, value in zip(("source", "target"), self.dyad, strict=True):
                parts.append(f"({side}_country = ? OR starts_with({side}_code, ?))")
                params += [value, value]
        if self.type:
            parts.append("plover_type = ?")
            params.append(self.type)
        if self.cameo:
            parts.append("starts_with(cameo, ?)")
            params.append(self.cameo)
        if self.since:
            parts.append("date >= ?")
            params.append(self.since)
        if self.until:
            parts.append("date <= ?")
            params.append(self.until)
        if self.near:
            n = self.near
            margin = n.km / KM_PER_DEGREE_LAT
            parts.append(f"(location_lat BETWEEN ? AND ? AND {haversine_sql('location_lat', 'location_lon')} <= ?)")
            params += [n.lat - margin, n.lat + margin, n.lat, n.lat, n.lon, n.km]
        if self.modality is not None:
            parts.append("modality IN (SELECT unnest(?::VARCHAR[]))")
            params.append(list(self.modality))
        if self.quad is not None:
            parts.append("quad_class IN (SELECT unnest(?::INTEGER[]))")
            params.append(list(self.quad))
        for word in self.text or ():
            # Names and the place first: the evidence sentences (another table) only where those miss.
            parts.append("(strpos(lower(source_name), ?) > 0 OR strpos(lower(target_name), ?) > 0 "
                         "OR strpos(lower(location_name), ?) > 0 OR event_id IN "
                         "(SELECT event_id FROM event_mentions WHERE strpos(lower(sentence), ?) > 0))")
            params += [word] * 4
        return (" AND ".join(parts) or "TRUE"), params


def parse_modality(value: ModalityChoice) -> tuple[Modality, ...] | None:
    """The modalities asked for, in the codebook's order; None for all of them (``all`` or nothing)."""
    if value is None:
        return None
    words = [w.strip().lower() for part in ([value] if isinstance(value, str) else value) for w in part.split(",")]
    words = [w for w in words if w]
    if not words:
        raise UsageError("the modality filter is empty: give asserted, negated, future, hypothetical or all")
    if "all" in words:
        return None
    unknown = [w for w in words if w not in MODALITIES]
    if unknown:
        raise UsageError(f"modality {', '.join(map(repr, unknown))} is not one of {', '.join(MODALITIES)} "
                         "(or all); separate several with commas")
    return tuple(m for m in MODALITIES if m in words)


def parse_quad(value: QuadChoice) -> tuple[int, ...] | None:
    """The quad classes asked for, ascending; None for all of them."""
    if value is None:
        return None
    items = [value] if isinstance(value, int | str) else list(value)
    words = [w.strip() for item in items for w in str(item).split(",") if w.strip()]
    if not words:
        raise UsageError("the quad class filter is empty: give one or more of 1, 2, 3, 4 (commas between)")
    wrong = [w for w in words if w not in {str(q) for q in QUAD_CLASSES}]
    if wrong:
        raise UsageError(f"quad class {', '.join(map(repr, wrong))} is not one of 1 (verbal cooperation), "
                         "2 (material cooperation), 3 (verbal conflict), 4 (material conflict)")
    return tuple(q for q in QUAD_CLASSES if str(q) in words)


def _words(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    words = tuple(dict.fromkeys(value.lower().split()))
    if not words:
        raise UsageError("the text search is empty: give one or more words")
    if len(words) > MAX_WORDS:
        raise UsageError(f"the text search has {len(words)} words; give at most {MAX_WORDS}")
    return words


def _date(value: date | str | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{name} {value!r} is not a date: write it as YYYY-MM-DD") from None


def _dyad(value: str | tuple[str, str] | None) -> tuple[str, str] | None:
    if value is None:
        return None
    parts = value.split(":") if isinstance(value, str) else list(value)
    if len(parts) != 2 or not all(_CODE.match(p) for p in parts):
        raise UsageError(f"dyad {value!r} must be SOURCE:TARGET, each a country or actor code (e.g. USA:IRN)")
    return parts[0].upper(), parts[1].upper()


def _near(value: str | Near | tuple[float, float, float] | None) -> Near | None:
    if value is None or isinstance(value, Near):
        return value
    try:
        lat, lon, km = (float(v) for v in (value.split(",") if isinstance(value, str) else value))
    except ValueError:
        raise UsageError(f"near {value!r} must be LAT,LON,KM (e.g. 33.3,44.4,50)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and 0 < km <= 20_100):
        raise UsageError(f"near {value!r}: latitude must be within ±90, longitude within ±180, "
                         "and the radius between 0 and 20,100 km")
    return Near(lat, lon, km)
