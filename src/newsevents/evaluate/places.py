"""Scoring resolved places against gold toponyms, by the referee's rules.

A gold toponym is *recognised* when the first predicted place whose span overlaps it has
coordinates; it is *right* (acc@161km, the usual geoparsing measure) when that place lies within
161 km (100 miles) of the gold coordinates. Missed toponyms count as wrong, so acc@161km is over all
gold toponyms; acc@161 of recognised shows resolution alone. The median error is over recognised
toponyms (the upper median, as the referee takes it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..geo.distance import haversine_km
from .gold import GoldPlacesDoc, GoldToponym
from .predictions import PredPlace

RIGHT_KM = 161.0  # 100 miles: the threshold of Leidner's and GeoWebNews' accuracy measure


@dataclass(frozen=True, slots=True)
class ToponymOutcome:
    doc_id: str
    gold: GoldToponym
    place: PredPlace | None  # the first overlapping prediction, whether or not it has coordinates
    error_km: float | None  # None when not recognised

    @property
    def recognised(self) -> bool:
        return self.error_km is not None

    @property
    def right(self) -> bool:
        return self.error_km is not None and self.error_km <= RIGHT_KM

    @property
    def exact(self) -> bool:
        return (self.recognised and self.place is not None and self.gold.geonameid is not None
                and self.place.geonameid == self.gold.geonameid)

    def to_dict(self) -> dict[str, Any]:
        p = self.place
        return {"doc_id": self.doc_id, "text": self.gold.text, "start": self.gold.start, "end": self.gold.end,
                "gold": {"lat": self.gold.lat, "lon": self.gold.lon, "geonameid": self.gold.geonameid},
                "predicted": None if p is None else {"name": p.name, "lat": p.lat, "lon": p.lon,
                                                     "geonameid": p.geonameid},
                "error_km": None if self.error_km is None else round(self.error_km, 1)}


@dataclass(frozen=True, slots=True)
class PlaceScores:
    toponyms: tuple[ToponymOutcome, ...]

    @property
    def n(self) -> int:
        return len(self.toponyms)

    @property
    def recognised(self) -> int:
        return sum(t.recognised for t in self.toponyms)

    @property
    def right(self) -> int:
        return sum(t.right for t in self.toponyms)

    @property
    def exact(self) -> int:
        return sum(t.exact for t in self.toponyms)

    def median_error_km(self) -> float | None:
        errors = sorted(t.error_km for t in self.toponyms if t.error_km is not None)
        return errors[len(errors) // 2] if errors else None

    def headline(self) -> dict[str, Any]:
        """The referee's numbers, in the referee's shape."""
        n, found, median = self.n, self.recognised, self.median_error_km()
        return {
            "toponyms": n,
            "recognised": round(found / n, 4) if n else 0,
            "acc_at_161km": round(self.right / n, 4) if n else 0,
            "acc_at_161km_of_recognised": round(self.right / found, 4) if found else 0,
            "exact_geonameid": round(self.exact / n, 4) if n else 0,
            "median_error_km": round(median, 1) if median is not None else None,
        }

    def worst(self, n: int) -> list[ToponymOutcome]:
        """Wrong toponyms, the unrecognised first, then by distance, farthest first."""
        wrong = [t for t in self.toponyms if not t.right]
        return sorted(wrong, key=lambda t: (t.recognised, -(t.error_km or 0.0)))[:n]


def _first_overlap(t: GoldToponym, places: Sequence[PredPlace]) -> PredPlace | None:
    for p in places:
        if p.start is not None and p.end is not None and p.start < t.end and p.end > t.start:
            return p
    return None


def score_places(gold: Sequence[GoldPlacesDoc], predictions: Mapping[str, Sequence[PredPlace]]) -> PlaceScores:
    outcomes = []
    for doc in gold:
        places = predictions.get(doc.id, ())
        for t in doc.toponyms:
            hit = _first_overlap(t, places)
            error = None
            if hit is not None and hit.lat is not None and hit.lon is not None:
                error = haversine_km(t.lat, t.lon, hit.lat, hit.lon)
            outcomes.append(ToponymOutcome(doc.id, t, hit, error))
    return PlaceScores(tuple(outcomes))
