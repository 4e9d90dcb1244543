"""Place and seed metrics on hand-made cases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsevents.evaluate import (
    GoldPlacesDoc,
    GoldToponym,
    PredActor,
    PredEvent,
    PredPlace,
    SeedGold,
    score_places,
    score_seed,
)
from newsevents.evaluate.gold import SeedSpec
from newsevents.evaluate.seed import boilerplate_names
from newsevents.geo.distance import haversine_km


def topo(start: int, end: int, lat: float, lon: float, gid: str | None = None) -> GoldToponym:
    return GoldToponym(start, end, "x", gid, lat, lon)


def place(start: int, end: int, lat: float | None, lon: float | None, gid: str | None = None) -> PredPlace:
    return PredPlace(start, end, lat, lon, gid)


def test_haversine() -> None:
    assert haversine_km(0, 0, 0, 0) == 0
    # one degree of latitude is about 111.2 km on a sphere of radius 6371 km
    assert haversine_km(10, 20, 11, 20) == pytest.approx(111.19, abs=0.01)


def test_place_scores() -> None:
    gold = [GoldPlacesDoc("a", "", (topo(0, 5, 48.85, 2.35, "2988507"),  # Paris, resolved exactly
                                    topo(10, 15, 45.75, 4.85, "2996944"),  # Lyon, ~100 km off: right, not exact
                                    topo(20, 25, 40.0, -3.7),  # first overlapping place has no coordinates
                                    topo(30, 35, 52.5, 13.4, "2950159")), ""),  # resolved 5 degrees off
            GoldPlacesDoc("b", "", (topo(0, 4, 1.0, 1.0),), "")]  # no predictions for b at all
    preds = {"a": (place(0, 5, 48.85, 2.35, "2988507"), place(12, 20, 46.6, 4.85, "1"),
                   place(22, 24, None, None), place(20, 25, 40.0, -3.7), place(30, 31, 47.5, 13.4))}
    s = score_places(gold, preds)
    assert (s.n, s.recognised, s.right, s.exact) == (5, 3, 2, 1)
    head = s.headline()
    assert head["recognised"] == 0.6 and head["acc_at_161km"] == 0.4
    assert head["acc_at_161km_of_recognised"] == 0.6667 and head["exact_geonameid"] == 0.2
    # errors sorted: 0, ~94.5, ~556 km: the median is the middle one (the upper one for an even count)
    assert head["median_error_km"] == pytest.approx(haversine_km(45.75, 4.85, 46.6, 4.85), abs=0.05)
    worst = s.worst(10)
    assert [w.gold.start for w in worst] == [20, 0, 30]  # unrecognised first (in order), then farthest
    assert worst[0].place is not None and worst[0].place.lat is None


def test_touching_spans_do_not_overlap() -> None:
    s = score_places([GoldPlacesDoc("a", "", (topo(5, 10, 1.0, 1.0),), "")],
                     {"a": (place(0, 5, 1.0, 1.0), place(10, 12, 1.0, 1.0))})
    assert s.recognised == 0
    assert s.headline()["median_error_km"] is None


def spec(id_: str, plover: set[str], source: dict | None = None, target: dict | None = None, **kw: object) -> SeedSpec:
    def role(d: dict | None) -> tuple:
        return tuple((k, frozenset(v if isinstance(v, list) else [v])) for k, v in (d or {}).items())
    return SeedSpec(id_, frozenset(plover), role(source), role(target), kw.get("modality"),  # type: ignore[arg-type]
                    kw.get("date"), kw.get("location_country"))  # type: ignore[arg-type]


def ev(plover: str, source: PredActor | None, target: PredActor | None, **kw: str) -> PredEvent:
    return PredEvent("seed", plover, "040", source, target, modality=kw.get("modality", "asserted"),
                     date=kw.get("date"), location_country=kw.get("loc"))


def actor(country: str | None, sector: str | None = None, text: str = "someone") -> PredActor:
    return PredActor(country, sector, None, text, text)


def test_seed_scores() -> None:
    gold = SeedGold(
        path=Path("g.json"), text_path=Path("g.txt"), published=date(2024, 1, 5),
        must=(spec("visit", {"CONSULT"}, {"country": "USA", "sector": "GOV"}, {"country": "IRQ"}, date="2024-01-05",
                   location_country="IRQ"),
              spec("meet", {"CONSULT", "AGREE"}, {"country": "USA"}, {"country": ["JOR", None]},
                   modality=frozenset({"future"}), location_country="JOR")),
        may=(spec("threat", {"THREATEN"}, {"country": "IRN"}, {"country": "USA"}),),
        boilerplate_names=("patel",))
    preds = [
        ev("CONSULT", actor("USA", "GOV"), actor("IRQ"), date="2024-01-05", loc="IRQ"),
        ev("AGREE", actor("USA", "GOV"), None, modality="future", loc="SYR"),  # fits meet, wrong place
        ev("AGREE", actor("USA", "GOV"), None),  # asserted: meet wants the future
        ev("THREATEN", actor("IRN"), actor("USA")),
        ev("ACCUSE", actor("USA", text="Ravi Patel"), actor("IRQ")),
    ]
    s = score_seed(gold, preds)
    head = s.headline()
    assert head["must_found"] == "2/2" and head["must"] == {"visit": True, "meet": True}
    assert head["located"] == {"visit": True, "meet": False}
    assert head["dated"] == {"visit": True}
    assert head["precision_vs_must_and_may"] == 0.6 and head["events"] == 5
    assert head["boilerplate_events"] == 1
    assert len(s.unexplained) == 2


def test_seed_without_predictions() -> None:
    gold = SeedGold(Path("g"), Path("t"), date(2024, 1, 5), (spec("a", {"CONSULT"}),), (), ())
    assert score_seed(gold, []).headline()["precision_vs_must_and_may"] == 0.0
    assert score_seed(gold, []).headline()["must_found"] == "0/1"


def test_boilerplate_names_from_must_not() -> None:
    gold = {"must_not": ["any event whose source or target is Jane Q. Doe or the Institute of Oslo",
                         "an ASSAULT event between A and B"]}
    assert boilerplate_names(gold) == ("doe", "oslo")
    assert boilerplate_names({}) == ()
