"""Exports that mean what they say (issue 9): GDELT and POLECAT files hold asserted events unless asked;
ADM1 codes for cities; SOURCEURL a URL or a file:// URI; dates as dates and codes as strings."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import newsevents.store as st
from newsevents.errors import UsageError
from newsevents.types import Place
from store.store_fakes import IRQ, USA, event, result, story_text

BAGHDAD_07 = Place(text="Baghdad", start=0, end=7, name="Baghdad", country="IRQ", lat=33.34058, lon=44.40088,
                   geonameid=98182, feature="city", admin1="07")
NEW_YORK = Place(text="New York", start=0, end=8, name="New York City", country="USA", lat=40.71427,
                 lon=-74.00597, geonameid=5128581, feature="city", admin1="NY")
ZURICH = Place(text="Zurich", start=0, end=6, name="Zürich", country="CHE", lat=47.36667, lon=8.55,
               geonameid=2657896, feature="city", admin1="ZH")  # GeoNames' ISO canton code, not FIPS 10-4
TEXAS = Place(text="Texas", start=0, end=5, name="Texas", country="USA", lat=31.25, lon=-99.25, geonameid=None,
              feature="admin1", admin1="TX")
IRAQ = Place(text="Iraq", start=0, end=4, name="Iraq", country="IRQ", lat=33.0, lon=44.0, geonameid=99237,
             feature="country")
MODES = {"asserted": ("190", -10.0, 4), "negated": ("193", -10.0, 4), "future": ("036", 4.0, 1),
         "hypothetical": ("138", -7.0, 3)}


def _by_modality(doc_id: str) -> list:  # type: ignore[type-arg]
    return [event(doc_id, k, cameo=c, goldstein=g, quad=q, modality=m, plover=None, location=None)  # type: ignore[arg-type]
            for k, (m, (c, g, q)) in enumerate(MODES.items())]


@pytest.fixture()
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store_db: Path | str) -> st.EventStore:
    monkeypatch.chdir(tmp_path)
    Path("inbox").mkdir()
    Path("inbox/report.txt").write_text("a report", encoding="utf-8")
    Path("feed.jsonl").write_text("{}\n{}\n{}\n", encoding="utf-8")
    db = store_db  # DuckDB and PostgreSQL
    with st.open(db, read_only=False) as writer:
        writer.ingest([
            result("web", story_text(1), events=_by_modality("web"), url="https://news.example/web"),
            result("file", story_text(2), source="inbox/report.txt", site="Inbox Daily",
                   events=[event("file", k, location=place, day=date(2024, 5, 1 + k))
                           for k, place in enumerate((BAGHDAD_07, NEW_YORK, ZURICH, TEXAS, IRAQ))]),
            result("rec", story_text(3), source="feed.jsonl:3",
                   events=[event("rec", 0, day=date(2024, 6, 1), location=None)]),
            result("pasted", story_text(4), source="<stdin>",
                   events=[event("pasted", 0, day=date(2024, 6, 2), location=None)]),
        ])
    return st.open(db)


def _gdelt(store: st.EventStore, **kwargs: object) -> pd.DataFrame:
    sink = io.BytesIO()
    n = store.export("gdelt", sink, **kwargs)  # type: ignore[arg-type]
    frame = pd.read_csv(io.BytesIO(sink.getvalue()), sep="\t", header=None, names=st.gdelt_names(),
                        dtype={"EventCode": str, "ActionGeo_ADM1Code": str, "ActionGeo_FeatureID": str})
    assert n == len(frame)
    return frame


def test_the_gdelt_export_writes_asserted_events_by_default(store: st.EventStore) -> None:
    with store:
        default = _gdelt(store)
        every = _gdelt(store, modality="all")
        denied = _gdelt(store, modality=["negated", "hypothetical"])
        total = store.count_events()
    assert "193" not in set(default["EventCode"])  # a denied attack is not exported as an attack
    assert {"036", "138"}.isdisjoint(default["EventCode"])
    assert len(default) == total - 3 and "190" in set(default["EventCode"])
    assert len(every) == total
    assert sorted(denied["EventCode"]) == ["138", "193"]


def test_the_flat_exports_keep_every_modality_and_say_which(store: st.EventStore) -> None:
    with store:
        sink = io.BytesIO()
        n = store.export("csv", sink)
        total = store.count_events()
        only = io.BytesIO()
        store.export("csv", only, modality="future")
    assert n == total
    assert set(pd.read_csv(io.BytesIO(sink.getvalue()))["modality"]) == set(MODES)
    assert pd.read_csv(io.BytesIO(only.getvalue()))["modality"].tolist() == ["future"]


def test_events_filter_by_modality(store: st.EventStore) -> None:
    with store:
        assert store.events(modality="negated")["cameo"].tolist() == ["193"]
        assert sorted(store.events(modality="future,hypothetical")["cameo"]) == ["036", "138"]
        assert store.count_events(modality="all") == store.count_events()
        with pytest.raises(UsageError, match="'denied' is not one of asserted, negated, future, hypothetical"):
            store.events(modality="denied")


def test_adm1_is_the_fips_country_and_the_division_code(store: st.EventStore) -> None:
    with store:
        frame = _gdelt(store).set_index("ActionGeo_FullName")
    adm1 = frame["ActionGeo_ADM1Code"]
    assert adm1["Baghdad, Iraq"] == "IZ07"  # FIPS IZ + GeoNames' (FIPS) code for Baghdad governorate
    assert adm1["New York City, United States"] == "USNY"  # US states by postal code, as GDELT writes them
    assert adm1["Texas, United States"] == "USTX" and frame.loc["Texas, United States", "ActionGeo_Type"] == 2
    assert pd.isna(adm1["Zürich, Switzerland"])  # GeoNames' ISO canton code is not GDELT's: left empty
    assert adm1["Iraq"] == "IZ"


def test_sourceurl_is_a_url_or_an_absolute_file_uri(store: st.EventStore, tmp_path: Path) -> None:
    with store:
        urls = _gdelt(store).groupby("SOURCEURL", dropna=False).size()
        by_doc = dict(store.sql("SELECT doc_id, source_uri FROM articles").values.tolist())
    assert by_doc["web"] == "https://news.example/web"
    assert by_doc["file"] == (tmp_path / "inbox" / "report.txt").resolve().as_uri()
    assert by_doc["rec"] == (tmp_path / "feed.jsonl").resolve().as_uri() + "#line=2,3"  # RFC 5147: line 3
    assert by_doc["pasted"] is None
    assert set(urls.index.dropna()) == {by_doc["web"], by_doc["file"], by_doc["rec"]}
    assert not any(str(u).startswith(("inbox", "Inbox", "<")) for u in urls.index.dropna())


def test_the_polecat_export_names_its_columns_as_polecat_does(store: st.EventStore) -> None:
    with store:
        sink = io.BytesIO()
        n = store.export("polecat", sink)
        asserted = store.count_events(modality="asserted")
    frame = pd.read_csv(io.BytesIO(sink.getvalue()), sep="\t", dtype=str, keep_default_na=False)
    assert n == len(frame) == asserted
    assert list(frame.columns) == st.polecat_names()
    for name in ("Event ID", "Event Date", "Event Type", "Event Mode", "Quad Code", "Actor Name", "Actor Country",
                 "Primary Actor Sector", "Recipient Name", "Recipient Country", "Primary Recipient Sector",
                 "Placename", "Country", "Latitude", "Longitude", "GeoNames ID", "Story ID", "Publication Date"):
        assert name in frame.columns, name
    assert set(frame["Modality"]) == {"asserted"}
    baghdad = frame[frame["GeoNames ID"] == "98182"].iloc[0]
    assert (baghdad["Event Type"], baghdad["Quad Code"], baghdad["Event Date"]) == \
        ("CONSULT", "VERBAL COOPERATION", "2024-05-01")
    assert (baghdad["Actor Name"], baghdad["Actor Country"], baghdad["Primary Actor Sector"]) == \
        (USA.name, "USA", "GOV")
    assert (baghdad["Recipient Name"], baghdad["Recipient Country"]) == (IRQ.name, "IRQ")
    assert (baghdad["Placename"], baghdad["Country"], baghdad["Story ID"]) == ("Baghdad", "IRQ", "file")
    assert baghdad["Event Text"] == "Washington visited Iraq." and baghdad["CAMEO Code"] == "042"
    assert baghdad["Source"] == "Inbox Daily"


def test_dataframes_carry_dates_as_dates_and_codes_as_strings(store: st.EventStore) -> None:
    with store:
        events = store.events(modality="all")
    assert events["date"].dtype.kind == "M" and events["first_seen"].dtype.kind == "M"
    assert events["cameo"].map(type).eq(str).all() and "036" in set(events["cameo"])
    assert all(isinstance(v, str) for v in events["source_code"].dropna())
    assert str(events["location_geonameid"].dtype) == "Int64"  # not floats, though some are missing
    assert 98182 in set(events["location_geonameid"].dropna())
    assert str(events["quad_class"].dtype).startswith("Int")


def test_parquet_carries_dates_as_dates_and_codes_as_strings(store: st.EventStore) -> None:
    with store:
        sink = io.BytesIO()
        store.export("parquet", sink)
    schema = pq.read_schema(io.BytesIO(sink.getvalue()))
    assert schema.field("date").type == pa.date32()
    assert pa.types.is_timestamp(schema.field("first_seen").type)
    for name in ("cameo", "event_base", "event_root", "source_code", "target_code", "location_admin1"):
        assert pa.types.is_string(schema.field(name).type) or pa.types.is_large_string(schema.field(name).type), name
    table = pq.read_table(io.BytesIO(sink.getvalue()))
    assert "036" in table.column("cameo").to_pylist()
