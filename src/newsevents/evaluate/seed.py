"""The seed article: a whole scraped article with hand-coded must / may / must-not events.

    {"doc": "article.txt", "published": "2024-12-13",
     "must": [{"id", "plover": [...], "source": {"country": ..., "sector": ...}, "target": {...},
               "modality"?: [...], "date"?: "...", "location"?: {"country": ...}}, ...],
     "may": [...], "must_not": ["any event whose source or target is A or B", ...]}

Scored by the referee's ``seed`` rules: a prediction fits a spec when its PLOVER type is one of the
spec's, each actor field the spec names has one of the accepted values (null accepts a missing
actor), and the modality is an accepted one where the spec lists some. Reported: the must events
found, located (with the right location country) and dated (with the right date); the share of
predictions that fit some must or may event; and boilerplate events, whose source or target names
someone the article only mentions in its byline or footer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvaluationError
from .gold import SeedGold, SeedSpec, parse_date
from .predictions import PredEvent

# "any event whose source or target is Ravi Patel or the University of Chicago": the names after "is".
_MUST_NOT_ACTORS = re.compile(r"\bsource or target is (.+)$", re.I)


def _values(raw: object) -> frozenset[str | None]:
    items = raw if isinstance(raw, list) else [raw]
    return frozenset(None if v is None else str(v) for v in items)


def _role(raw: object, where: str) -> tuple[tuple[str, frozenset[str | None]], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict):
        raise EvaluationError(f"an actor spec is {raw!r}; write it as an object such as "
                              '{"country": "USA"}', source=where)
    return tuple((str(k), _values(v)) for k, v in raw.items())


def _spec(raw: object, where: str) -> SeedSpec:
    if not isinstance(raw, dict) or "plover" not in raw:
        raise EvaluationError('a seed event spec has no "plover" list; give each spec an id and its PLOVER '
                              "types", source=where)
    modality = raw.get("modality")
    location = raw.get("location")
    return SeedSpec(
        id=str(raw.get("id") or ""), plover=frozenset(str(p) for p in _values(raw["plover"]) if p),
        source=_role(raw.get("source"), where), target=_role(raw.get("target"), where),
        modality=frozenset(str(m) for m in _values(modality) if m) if modality is not None else None,
        date=str(raw["date"]) if raw.get("date") else None,
        location_country=str(location.get("country")) if isinstance(location, dict) and location.get("country")
        else None)


def boilerplate_names(gold: Mapping[str, Any]) -> tuple[str, ...]:
    """Lower-case surnames of the people and bodies no event may involve (from ``must_not``).

    The last word of each name is kept, so that "Patel" or "Chicago" alone is caught as well as the
    full "Ravi Patel" or "the University of Chicago".
    """
    names: list[str] = []
    for line in gold.get("must_not") or []:
        m = _MUST_NOT_ACTORS.search(str(line))
        if m:
            names += [part.split()[-1].lower() for part in re.split(r"\s+or\s+|,\s*", m.group(1)) if part.split()]
    return tuple(dict.fromkeys(names))


def read_seed_gold(path: Path | str) -> SeedGold:
    """The seed reference (``*.gold.json``); its article is ``doc`` next to it."""
    path = Path(path)
    where = str(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EvaluationError(f"seed gold {path} does not exist; check the path", source=where) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"seed gold {path} is not a readable JSON object ({exc})", source=where) from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("must"), list):
        raise EvaluationError('the seed gold has no "must" list; is it a seed gold file?', source=where)
    published = parse_date(raw.get("published"), where)
    if published is None:
        raise EvaluationError('the seed gold has no "published" date; add it as YYYY-MM-DD', source=where)
    doc = raw.get("doc") or path.name.removesuffix(".gold.json") + ".txt"
    return SeedGold(path=path, text_path=path.parent / str(doc), published=published,
                    must=tuple(_spec(s, where) for s in raw["must"]),
                    may=tuple(_spec(s, where) for s in raw.get("may") or []),
                    boilerplate_names=boilerplate_names(raw))


def fits(spec: SeedSpec, e: PredEvent) -> bool:
    if e.plover not in spec.plover:
        return False
    for role, actor in (("source", e.source), ("target", e.target)):
        for field, accepted in (spec.source if role == "source" else spec.target):
            if (actor.get(field) if actor else None) not in accepted:
                return False
    return spec.modality is None or e.modality in spec.modality


@dataclass(frozen=True, slots=True)
class SeedScores:
    must: tuple[tuple[str, bool], ...]
    located: tuple[tuple[str, bool], ...]
    dated: tuple[tuple[str, bool], ...]
    explained: int  # predictions that fit a must or may spec
    events: int
    boilerplate: tuple[PredEvent, ...]
    unexplained: tuple[PredEvent, ...]

    def headline(self) -> dict[str, Any]:
        """The referee's numbers, in the referee's shape."""
        return {
            "must_found": f"{sum(ok for _, ok in self.must)}/{len(self.must)}", "must": dict(self.must),
            "located": dict(self.located), "dated": dict(self.dated),
            "precision_vs_must_and_may": round(self.explained / self.events, 4) if self.events else 0.0,
            "events": self.events, "boilerplate_events": len(self.boilerplate),
        }


def _names_boilerplate(e: PredEvent, names: Sequence[str]) -> bool:
    fields = [a.get(k) or "" for a in (e.source, e.target) if a for k in ("text", "name")]
    return any(n in f.lower() for n in names for f in fields)


def score_seed(gold: SeedGold, predictions: Sequence[PredEvent]) -> SeedScores:
    must = tuple((m.id, any(fits(m, e) for e in predictions)) for m in gold.must)
    located = tuple((m.id, any(fits(m, e) and e.location_country == m.location_country for e in predictions))
                    for m in gold.must if m.location_country is not None)
    dated = tuple((m.id, any(fits(m, e) and e.date == m.date for e in predictions))
                  for m in gold.must if m.date is not None)
    specs = gold.must + gold.may
    unexplained = tuple(e for e in predictions if not any(fits(s, e) for s in specs))
    return SeedScores(must=must, located=located, dated=dated, explained=len(predictions) - len(unexplained),
                      events=len(predictions),
                      boilerplate=tuple(e for e in predictions if _names_boilerplate(e, gold.boilerplate_names)),
                      unexplained=unexplained)
