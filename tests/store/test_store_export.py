"""Exports: GDELT 2.0 rows that pandas reads with GDELT's column names, and the flat formats."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

import newsevents.store as st
from newsevents.types import Actor, Place
from store.store_fakes import UN, USA, event, result, story_text

GDELT_ORDER_SAMPLE = ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code"]
ASIA = Place(text="Asia", start=0, end=4, name="Asia", country=None, lat=29.8, lon=89.3, geonameid=6255147,
             feature="continent")
IRAQ = Place(text="Iraq", start=0, end=4, name="Iraq", country="IRQ", lat=33.0, lon=44.0, geonameid=99237,
             feature="country")
MOSUL_REBELS = Actor(text="rebels\tin Mosul", name="Mosul\nrebels", country="IRQ", sector="REB", code="IRQREB")


@pytest.fixture()
def store(store_db: Path | str) -> st.EventStore:
    db = store_db  # DuckDB and PostgreSQL
    evs = [event("a", 0), event("a", 1, source=UN, cameo="0231", day=date(2024, 12, 31), location=IRAQ),
           event("a", 2, source=MOSUL_REBELS, cameo="190", goldstein=-10.0, quad=4, day=None, location=ASIA)]
    with st.open(db, read_only=False) as writer:
        writer.ingest([result("a", story_text(1), events=evs, url="https://news.example/a", published=date(2024, 5, 2)),
                       result("b", story_text(2), events=[event("b", 0, sentence_index=4)], site="AP")])
    return st.open(db)


def test_gdelt_columns_are_gdelt_2_order() -> None:
    names = st.gdelt_names()
    assert len(names) == 61
    assert names[:6] == GDELT_ORDER_SAMPLE
    assert names[25:35] == ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                            "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    assert names[35] == "Actor1Geo_Type" and names[51] == "ActionGeo_Type"
    assert names[-2:] == ["DATEADDED", "SOURCEURL"]


def test_gdelt_export_loads_in_pandas_with_gdelt_types(store: st.EventStore, tmp_path: Path) -> None:
    path = tmp_path / "events.export.CSV"
    with store, path.open("wb") as sink:
        assert store.export("gdelt", sink) == 3
    frame = pd.read_csv(path, sep="\t", header=None, names=st.gdelt_names())
    assert len(frame) == 3
    for column in ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "QuadClass", "NumMentions", "NumSources",
                   "NumArticles", "IsRootEvent", "DATEADDED"):
        assert frame[column].dtype == "int64", column
    for column in ("FractionDate", "GoldsteinScale", "AvgTone", "ActionGeo_Lat", "ActionGeo_Long"):
        assert frame[column].dtype == "float64", column
    consult = frame[frame["Actor1Code"] == "USAGOV"].iloc[0]
    assert (consult["SQLDATE"], consult["MonthYear"], consult["Year"]) == (20240501, 202405, 2024)
    assert (consult["NumMentions"], consult["NumArticles"], consult["NumSources"]) == (2, 2, 2)
    assert consult["Actor1Name"] == "UNITED STATES" and consult["Actor1Type1Code"] == "GOV"
    assert consult["ActionGeo_Type"] == 4 and consult["ActionGeo_CountryCode"] == "IZ"  # FIPS, not ISO
    assert consult["ActionGeo_FullName"] == "Baghdad, Iraq" and consult["ActionGeo_FeatureID"] == "98182"
    assert consult["SOURCEURL"] == "https://news.example/a" and consult["AvgTone"] == 0.0
    un = frame[frame["Actor1Code"] == "IGOUNO"].iloc[0]
    assert (un["Actor1KnownGroupCode"], un["Actor1Type1Code"], un["EventCode"]) == ("UNO", "IGO", 231)
    assert (un["ActionGeo_Type"], un["ActionGeo_ADM1Code"], un["ActionGeo_FeatureID"]) == (1, "IZ", "IZ")
    assert un["FractionDate"] == pytest.approx(2024.9999, abs=1e-6)  # day 366 of a leap year stays in 2024
    assert consult["FractionDate"] == pytest.approx(2024 + 122 / 365, abs=1e-4)
    rebels = frame[frame["Actor1Code"] == "IRQREB"].iloc[0]
    assert rebels["Actor1Name"] == "MOSUL REBELS"  # the line break did not split the row
    assert rebels["SQLDATE"] == 20240502  # undated: the article's publication date
    assert pd.isna(rebels["ActionGeo_Type"]) and pd.isna(rebels["ActionGeo_Lat"])  # a continent has no GDELT type
    as_text = pd.read_csv(path, sep="\t", header=None, names=st.gdelt_names(), dtype={"EventCode": str})
    assert sorted(as_text["EventCode"]) == ["0231", "042", "190"]


def test_flat_exports_hold_every_event(store: st.EventStore, tmp_path: Path) -> None:
    with store:
        outputs = {}
        for fmt in ("parquet", "csv", "jsonl"):
            sink = io.BytesIO()
            assert store.export(fmt, sink) == 3
            outputs[fmt] = sink.getvalue()
    assert pq.read_table(io.BytesIO(outputs["parquet"])).num_rows == 3
    assert pd.read_csv(io.BytesIO(outputs["csv"]))["cameo"].astype(str).tolist() == ["42", "231", "190"]
    records = [json.loads(line) for line in outputs["jsonl"].decode().splitlines()]
    assert [r["source"]["code"] for r in records] == ["USAGOV", "IGOUNO", "IRQREB"]
    assert records[0]["num_articles"] == 2 and records[0]["location"]["geonameid"] == 98182
    assert USA.code == records[0]["source"]["code"]
