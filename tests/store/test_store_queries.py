"""Filters, pagination, aggregates and read-only SQL over a small real store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

import newsevents.store as st
from newsevents.errors import UsageError
from newsevents.store.filters import EventFilter
from newsevents.types import Actor, Place
from store.backends import BACKENDS, store_target
from store.store_fakes import BAGHDAD, IRQ, UN, USA, event, result, story_text

IRN = Actor(text="Tehran", name="Iran", country="IRN", sector="GOV", code="IRNGOV")
IRN_MIL = Actor(text="Iranian forces", name="Iranian armed forces", country="IRN", sector="MIL", code="IRNMIL")
PARIS = Place(text="Paris", start=0, end=5, name="Paris", country="FRA", lat=48.85341, lon=2.3488,
              geonameid=2988507, feature="city")
BASRA = Place(text="Basra", start=0, end=5, name="Basra", country="IRQ", lat=30.50852, lon=47.7804,
              geonameid=99532, feature="city")


@pytest.fixture(scope="module", params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[st.EventStore]:
    with store_target(request.param, tmp_path_factory.mktemp("queries"), "q") as db:
        yield from _filled(db)


def _filled(db: Path | str) -> Iterator[st.EventStore]:
    evs = [
        event("a", 0, day=date(2024, 5, 1)),                                   # USA->IRQ consult, Baghdad
        event("a", 1, day=date(2024, 5, 3), source=IRN, target=USA, cameo="112", plover="ACCUSE", quad=3,
              goldstein=-2.0, location=PARIS),
        event("a", 2, day=date(2024, 6, 10), source=IRN_MIL, target=IRQ, cameo="190", plover="ASSAULT", quad=4,
              goldstein=-10.0, location=BASRA),
        event("a", 3, day=date(2024, 6, 11), source=UN, target=IRQ, cameo="0421", location=None),
        event("a", 4, day=None, source=USA, target=IRN, cameo="172", plover="COERCE", quad=4, location=None),
    ]
    with st.open(db, read_only=False) as writer:
        writer.ingest([result("a", story_text(1), events=evs)])
    with st.open(db) as reader:
        yield reader


def _codes(frame) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{s}>{t}:{c}" for s, t, c in zip(frame["source_code"], frame["target_code"], frame["cameo"],
                                                strict=True)]


def test_events_are_newest_first_with_undated_last(store: st.EventStore) -> None:
    assert _codes(store.events()) == ["IGOUNO>IRQGOV:0421", "IRNMIL>IRQGOV:190", "IRNGOV>USAGOV:112",
                                      "USAGOV>IRQGOV:042", "USAGOV>IRNGOV:172"]


@pytest.mark.parametrize(("filters", "expected"), [
    ({"actor": "IRN"}, ["IRNMIL>IRQGOV:190", "IRNGOV>USAGOV:112", "USAGOV>IRNGOV:172"]),
    ({"actor": "armed forces"}, ["IRNMIL>IRQGOV:190"]),
    ({"country": "fra"}, ["IRNGOV>USAGOV:112"]),  # by the location's country
    ({"country": "IRQ", "since": "2024-06-01"}, ["IGOUNO>IRQGOV:0421", "IRNMIL>IRQGOV:190"]),
    ({"dyad": "IRN:IRQ"}, ["IRNMIL>IRQGOV:190"]),
    ({"dyad": "USAGOV:IRN"}, ["USAGOV>IRNGOV:172"]),
    ({"type": "assault"}, ["IRNMIL>IRQGOV:190"]),
    ({"cameo": "042"}, ["IGOUNO>IRQGOV:0421", "USAGOV>IRQGOV:042"]),
    ({"cameo": "19"}, ["IRNMIL>IRQGOV:190"]),
    ({"until": date(2024, 5, 2)}, ["USAGOV>IRQGOV:042"]),
    ({"near": "33.3,44.4,50"}, ["USAGOV>IRQGOV:042"]),  # Baghdad, not Basra (~450 km away)
    ({"near": (31.0, 46.0, 600)}, ["IRNMIL>IRQGOV:190", "USAGOV>IRQGOV:042"]),
])
def test_each_filter(store: st.EventStore, filters: dict, expected: list[str]) -> None:
    assert _codes(store.events(**filters)) == expected
    assert store.count_events(**filters) == len(expected)


def test_injection_looking_values_are_only_values(store: st.EventStore) -> None:
    assert store.events(actor="x' OR '1'='1").empty
    assert store.events(actor="%").empty  # no LIKE wildcards either
    assert store.counts()["events"] == 5


@pytest.mark.parametrize(("filters", "message"), [
    ({"country": "IRAQ"}, "alpha-3"),
    ({"cameo": "19; DROP TABLE events"}, "1 to 4 digits"),
    ({"type": "ASSAULT", "cameo": "19"}, "not both"),
    ({"dyad": "USA"}, "SOURCE:TARGET"),
    ({"since": "May 2024"}, "YYYY-MM-DD"),
    ({"since": "2024-06-01", "until": "2024-05-01"}, "swap"),
    ({"near": "33,44"}, "LAT,LON,KM"),
    ({"near": "95,44,10"}, "latitude"),
])
def test_bad_filters_say_what_is_wrong(filters: dict, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        EventFilter.parse(**filters)


def test_cursor_pages_cover_every_event_once(store: st.EventStore) -> None:
    from newsevents.store.queries import encode_cursor

    seen: list[int] = []
    cursor = None
    while True:
        page = store.events_arrow(limit=2, cursor=cursor).to_pylist()
        seen += [r["event_id"] for r in page]
        if len(page) < 2:
            break
        cursor = encode_cursor(page[-1])
    assert sorted(seen) == sorted(store.events()["event_id"].tolist())
    assert len(seen) == len(set(seen)) == 5
    assert store.events(limit=2, offset=2)["event_id"].tolist() == seen[2:4]


def test_a_forged_cursor_is_refused(store: st.EventStore) -> None:
    with pytest.raises(UsageError, match="cursor"):
        store.events(cursor="bm90LWEtY3Vyc29y")


def test_event_evidence_and_article(store: st.EventStore) -> None:
    event_id = int(store.events(cameo="190")["event_id"][0])
    evidence = store.event(event_id)
    assert evidence[["doc_id", "ordinal", "sentence", "coder_name"]].values.tolist() == \
        [["a", 2, "Washington visited Iraq.", "fake"]]
    assert store.event(10_000).empty
    article = store.article("a")
    assert article["text"][0] == story_text(1) and article["story_id"][0] == "a"


def test_actors_rank_by_events(store: st.EventStore) -> None:
    actors = store.actors(limit=2)
    assert actors[["code", "events", "as_source", "as_target"]].values.tolist() == [["IRQGOV", 3, 0, 3],
                                                                                      ["USAGOV", 3, 2, 1]]


def test_timeline_counts_per_day_and_quad_class(store: st.EventStore) -> None:
    frame = store.timeline(since="2024-05-01", until="2024-06-10")
    assert frame["date"].dtype.kind == "M"  # datetime64: resample and plot without converting
    rows = frame.values.tolist()
    assert [[d.strftime("%Y-%m-%d"), q, n] for d, q, n, _ in rows] == [["2024-05-01", 1, 1], ["2024-05-03", 3, 1],
                                                                         ["2024-06-10", 4, 1]]


def test_sql_reads_and_refuses_to_write(store: st.EventStore) -> None:
    assert store.sql("SELECT count(*) AS n FROM events")["n"][0] == 5
    for statement in ("DELETE FROM events", "DROP TABLE events", "COPY events TO 'x.csv'",
                      "SELECT 1; DELETE FROM events", "ATTACH 'other.db'", "UPDATE events SET cameo = '0'"):
        with pytest.raises(UsageError):
            store.sql(statement)
    assert store.counts()["events"] == 5


def test_sql_errors_are_usage_errors(store: st.EventStore) -> None:
    with pytest.raises(UsageError, match="failed"):
        store.sql("SELECT no_such_column FROM events")


def test_baghdad_fixture_is_where_the_first_event_is(store: st.EventStore) -> None:
    row = store.events(cameo="042", country="IRQ", until="2024-05-01").iloc[0]
    assert (row["location_name"], row["location_geonameid"]) == (BAGHDAD.name, BAGHDAD.geonameid)
