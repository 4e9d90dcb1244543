"""The dashboard's endpoints over a small real store, served by uvicorn as `newsevents serve` serves them."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyarrow.parquet as pq
import pytest

import newsevents.store as st
from api.test_api_server import serving
from dashboard.dashboard_store import MEET, SHELL, VISIT, build
from newsevents.api import create_app
from newsevents.api.dashboard import marks
from newsevents.settings import Settings
from newsevents.store.gdelt import gdelt_names
from store.backends import BACKENDS, store_target


@pytest.fixture(scope="module", params=BACKENDS)
def client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    with store_target(request.param, tmp_path_factory.mktemp("dash"), "dash") as target:
        path = build(target)
        settings = Settings()
        with st.open(path, settings=settings.store) as store, serving(create_app(store, settings, dict)) as client:
            yield client


def _volume(client: httpx.Client, **params: str) -> dict[tuple[str, int], int]:
    rows = client.get("/stats/volume", params=params).json()["volume"]
    return {(r["period"], r["quad_class"]): r["events"] for r in rows}


def test_volume_per_day_and_week_by_quad_class(client: httpx.Client) -> None:
    daily = _volume(client)
    assert daily[("2024-05-01", 1)] == 1 and daily[("2024-05-04", 2)] == 1 and daily[("2024-05-12", 4)] == 1
    assert sum(daily.values()) == 12
    weekly = _volume(client, bucket="week")
    # ISO weeks from Monday: 2024-04-29 holds 1-4 May; 2024-05-13 the 15th and the 19th (a Sunday), not the 20th.
    assert weekly[("2024-04-29", 1)] == 3 and weekly[("2024-04-29", 2)] == 1
    assert weekly[("2024-05-13", 1)] == 1 and weekly[("2024-05-13", 4)] == 1 and weekly[("2024-05-20", 4)] == 2
    body = client.get("/stats/volume", params={"bucket": "week", "quad": "4"}).json()
    assert {r["quad_class"] for r in body["volume"]} == {4}
    assert all(r["goldstein"] == -10.0 and r["scored"] == r["events"] for r in body["volume"])
    monthly = _volume(client, bucket="month")
    assert monthly == {("2024-05-01", 1): 5, ("2024-05-01", 2): 1, ("2024-05-01", 3): 1, ("2024-05-01", 4): 5}
    assert client.get("/stats/volume", params={"bucket": "year"}).status_code == 422


@pytest.mark.parametrize(("params", "bucket"), [
    ({}, "day"),  # the store's 28 days of events
    ({"since": "2024-01-01", "until": "2024-04-29"}, "day"),  # 120 days
    ({"since": "2024-01-01", "until": "2024-04-30"}, "week"),
    ({"since": "2023-01-01", "until": "2024-12-31"}, "week"),  # 731 days
    ({"since": "2020-01-01"}, "month"),  # to the last event, 2024-05-28
    ({"country": "CHN"}, "day"),  # nothing matches: the finest
])
def test_auto_bucket_keeps_the_bars_few(client: httpx.Client, params: dict, bucket: str) -> None:
    assert client.get("/stats/volume", params=params).json()["bucket"] == bucket


def test_places_cluster_and_lead_back_to_their_events(client: httpx.Client) -> None:
    places = client.get("/stats/places").json()["places"]
    assert [(p["place"], p["country"], p["events"]) for p in places] == [
        ("Baghdad", "IRQ", 5), ("Kharkiv", "UKR", 5), ("Lyon", "FRA", 2)]
    kharkiv = places[1]
    listed = client.get("/events", params={"near": f"{kharkiv['lat']},{kharkiv['lon']},{kharkiv['km']}"}).json()
    assert listed["total"] == 5 and {e["location"]["name"] for e in listed["events"]} == {"Kharkiv"}
    # A coarse grid puts Lyon, Kharkiv and Baghdad (Lyon-Baghdad about 3,400 km) in one cluster whose
    # radius holds them all.
    coarse = client.get("/stats/places", params={"cell": 90}).json()["places"]
    assert len(coarse) == 1 and coarse[0]["events"] == 12 and coarse[0]["places"] == 3
    assert client.get("/events", params={"near": f"{coarse[0]['lat']},{coarse[0]['lon']},{coarse[0]['km']}"}
                      ).json()["total"] == 12
    filtered = client.get("/stats/places", params={"country": "FRA"}).json()["places"]
    assert [p["place"] for p in filtered] == ["Lyon"]


def test_dyads_with_change_against_the_previous_period(client: httpx.Client) -> None:
    body = client.get("/stats/dyads", params={"since": "2024-05-15", "until": "2024-05-28"}).json()
    assert body["period"] == {"since": "2024-05-15", "until": "2024-05-28"}
    assert body["previous"] == {"since": "2024-05-01", "until": "2024-05-14"}
    rows = {(d["source_code"], d["target_code"]): d for d in body["dyads"]}
    assert set(rows) == {("RUSGOV", "UKRGOV"), ("FRAGOV", "DEUGOV")}
    rus = rows[("RUSGOV", "UKRGOV")]
    assert (rus["events"], rus["previous"], rus["change"], rus["conflict"], rus["cooperation"]) == (4, 1, 3, 4, 0)
    assert rus["goldstein"] == -10.0 and rus["source_name"] == "Russia"
    fra = rows[("FRAGOV", "DEUGOV")]
    assert (fra["events"], fra["previous"], fra["change"], fra["cooperation"]) == (2, 0, 2, 2)
    # Without dates the period is the matching events' own span, and nothing comes before it.
    whole = client.get("/stats/dyads", params={"limit": 1}).json()
    assert whole["period"] == {"since": "2024-05-01", "until": "2024-05-28"}
    assert [(d["source_code"], d["events"], d["previous"]) for d in whole["dyads"]] == [("RUSGOV", 5, 0)]
    empty = client.get("/stats/dyads", params={"country": "CHN"}).json()
    assert empty["period"] is None and empty["dyads"] == []


def test_filters_reach_every_view(client: httpx.Client) -> None:
    for params, total in [({"quad": "1,2"}, 6), ({"quad": "3"}, 1), ({"q": "shelled"}, 5),
                          ({"q": "lyon"}, 2), ({"q": "germany"}, 2), ({"q": "kharkiv moscow"}, 5),
                          ({"q": "nowhere"}, 0), ({"modality": "asserted"}, 12), ({"modality": "negated"}, 0)]:
        assert client.get("/events", params=params).json()["total"] == total, params
        assert sum(_volume(client, **params).values()) == total, params
    assert client.get("/actors", params={"q": "shelled"}).json()["actors"][0]["code"] in {"RUSGOV", "UKRGOV"}
    for bad in ({"quad": "5"}, {"quad": ""}, {"modality": "maybe"}, {"q": " ".join("w" * i for i in range(1, 13))}):
        response = client.get("/stats/volume", params=bad)
        assert response.status_code == 422 and response.json()["code"].startswith("E"), bad


def test_evidence_marks_the_sentence_and_lists_the_story(client: httpx.Client) -> None:
    event_id = client.get("/events", params={"dyad": "USA:IRQ", "until": "2024-05-01"}).json()["events"][0]["event_id"]
    body = client.get(f"/events/{event_id}/evidence").json()
    text = body["article"]["text"]
    found = {m["kind"]: text[m["start"]:m["end"]] for m in body["marks"]}
    # The fake coder's mentions carry the actors' and place's own words: the sentence has all but the place.
    assert found == {"sentence": VISIT, "trigger": "visited", "source": "Washington", "target": "Iraq"}
    assert [s["url"] for s in body["story"]] in (["https://wire.example/visit0"], ["https://news.example/visit0"])
    assert body["article"]["url"] in {"https://news.example/visit0", "https://wire.example/visit0"}
    assert client.get("/events/999999/evidence").status_code == 404
    assert client.get(f"/events/{event_id}/evidence", params={"mention": 5}).status_code == 404


def test_marks_skip_words_the_sentence_lacks_and_never_overlap() -> None:
    text = "Intro. Paris met Berlin in Lyon. End."
    mention = {"char_start": 7, "char_end": 7 + len(MEET), "trigger": "met", "source_text": "Paris",
               "target_text": "Berlin", "location_text": "Rome"}
    spans = {m["kind"]: text[m["start"]:m["end"]] for m in marks(text, mention)}
    assert spans == {"sentence": MEET, "trigger": "met", "source": "Paris", "target": "Berlin"}
    assert marks(text, {**mention, "char_end": 999}) == []


def test_export_of_the_current_filter(client: httpx.Client, tmp_path: Path) -> None:
    response = client.get("/export", params={"format": "csv", "country": "UKR"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 5 and {r["location_name"] for r in rows} == {"Kharkiv"}
    parquet = client.get("/export", params={"format": "parquet", "quad": "1"})
    (tmp_path / "e.parquet").write_bytes(parquet.content)
    assert pq.read_table(tmp_path / "e.parquet").num_rows == 5
    gdelt = client.get("/export", params={"format": "gdelt", "q": SHELL.split()[1]}).text.splitlines()
    assert len(gdelt) == 5 and all(len(line.split("\t")) == len(gdelt_names()) for line in gdelt)
    assert client.get("/export", params={"format": "xlsx"}).status_code == 422
