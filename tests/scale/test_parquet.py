"""Coded documents as date-partitioned Parquet and back: exactly the same records, the same store."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from newsevents.errors import MissingInputError
from newsevents.pipeline import Pipeline
from newsevents.read import read_inputs
from newsevents.scale import records
from newsevents.scale.parquet import NO_DATE, read_parquet, write_parquet
from newsevents.settings import Settings
from newsevents.store import open as open_store
from newsevents.types import Actor, Article, Coder, Event, Failure, Place, Result

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SETTINGS = Settings()
# Loaded from Parquet the articles come in date order, not input order: the ids the store numbers events by
# may differ, what the events are may not.
EVENT_COLUMNS = ["date", "source_code", "target_code", "cameo", "goldstein", "modality", "location_name",
                 "num_mentions", "num_articles"]


def _key(r: Result | Failure) -> tuple[str, str]:
    return (r.source, r.doc_id or "") if isinstance(r, Failure) else (r.article.source, r.article.doc_id)


@pytest.fixture(scope="module")
def coded() -> list[Result | Failure]:
    pipeline = Pipeline(SETTINGS, default_date=date(2025, 11, 14)).load()
    return list(pipeline.run(read_inputs([str(EXAMPLES)], SETTINGS.read), n_process=1))


def test_a_record_with_every_kind_of_field_comes_back_equal() -> None:
    actor = Actor(text="the army", name="Army", country="IRQ", sector="MIL", code="IRQMIL")
    place = Place(text="Basra", start=30, end=35, name="Basra", country="IRQ", lat=30.5, lon=47.8, geonameid=99,
                  feature="city", admin1="02")
    event = Event(doc_id="a", event_id="a:0", sentence_index=0, sentence="The army shelled Basra.", char_start=0,
                  char_end=23, trigger="shelled", trigger_start=9, trigger_end=16, cameo="195", plover_type="ASSAULT",
                  plover_mode="aerial", goldstein=-10.0, quad_class=4, modality="asserted", source=actor, target=None,
                  date=date(2025, 1, 2), location=place, coder=Coder("patterns", "2"), date_note=None)
    result = Result(article=Article(doc_id="a", source="a.txt", text="The army shelled Basra.", language="en",
                                    published=None), places=(place,), events=(event,), sentences=((0, 23),))
    assert records.loads(records.dumps(result), Result) == result
    failure = Failure("b.txt", "E105", "empty", None)
    assert records.loads(records.dumps(failure), Failure) == failure


def test_the_parquet_round_trip_gives_back_every_record(coded: list[Result | Failure], tmp_path: Path) -> None:
    summary = write_parquet(coded, tmp_path / "out")
    assert summary.documents == len(coded) and summary.events == sum(len(r.events) for r in coded
                                                                    if isinstance(r, Result))
    back = list(read_parquet(tmp_path / "out"))
    assert sorted(back, key=_key) == sorted(coded, key=_key)
    # Hive layout, one partition per publication date, as DuckDB reads it.
    days = {r.article.published.isoformat() if r.article.published else NO_DATE for r in coded
            if isinstance(r, Result)}
    assert {p.name for p in (tmp_path / "out").iterdir()} == {f"date={d}" for d in days}
    counts = duckdb.sql(f"SELECT kind, count(*), sum(events) FROM read_parquet('{tmp_path / 'out'}/**/*.parquet', "
                        "hive_partitioning = true) GROUP BY kind").fetchall()
    assert counts == [("result", summary.results, summary.events)]


def test_a_spoilt_file_is_one_failure_and_the_rest_are_read(coded: list[Result | Failure], tmp_path: Path) -> None:
    write_parquet(coded, tmp_path / "out")
    spoilt = tmp_path / "out" / "date=2000-01-01" / "part-x-00000.parquet"
    spoilt.parent.mkdir()
    spoilt.write_bytes(b"PAR1 not really")
    back = list(read_parquet(tmp_path / "out"))
    failures = [r for r in back if isinstance(r, Failure)]
    assert [(f.source, f.code) for f in failures] == [(str(spoilt), "E700")]
    assert len(back) == len(coded) + 1


def test_a_folder_without_parquet_is_a_coded_error(tmp_path: Path) -> None:
    with pytest.raises(MissingInputError, match=r"holds no \.parquet files"):
        list(read_parquet(tmp_path))


def _sorted(events: pd.DataFrame) -> pd.DataFrame:
    frame = events[EVENT_COLUMNS].astype(str)
    return frame.sort_values(EVENT_COLUMNS).reset_index(drop=True)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsevents.cli", *args], capture_output=True, text=True,
                          timeout=300)


def test_ingest_from_parquet_stores_what_ingesting_the_results_stores(coded: list[Result | Failure],
                                                                      tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    write_parquet(coded, out)
    loaded = _cli("ingest", "--from-parquet", str(out), "--db", str(tmp_path / "later.duckdb"))
    assert loaded.returncode == 0, loaded.stderr
    with open_store(tmp_path / "later.duckdb", read_only=False, settings=SETTINGS.store) as store:
        again = store.ingest(read_parquet(out))
    assert (again.articles, again.duplicates) == (0, len(coded))  # loading twice stores nothing twice
    with open_store(tmp_path / "direct.duckdb", read_only=False, settings=SETTINGS.store) as store:
        store.ingest(coded)
        direct = _sorted(store.events())
    with open_store(tmp_path / "later.duckdb", settings=SETTINGS.store) as store:
        later = _sorted(store.events())
    assert len(later) > 0
    pd.testing.assert_frame_equal(later, direct)


@pytest.mark.slow
def test_ingest_parquet_out_writes_what_the_pipeline_codes(coded: list[Result | Failure], tmp_path: Path) -> None:
    out = tmp_path / "parquet"
    wrote = _cli("ingest", str(EXAMPLES), "--parquet-out", str(out), "--date", "2025-11-14")
    assert wrote.returncode == 0, wrote.stderr
    assert f"wrote {len(coded)} documents" in wrote.stderr and not (tmp_path / "newsevents.duckdb").exists()
    assert sorted(read_parquet(out), key=_key) == sorted(coded, key=_key)


def test_from_parquet_takes_no_inputs(tmp_path: Path) -> None:
    done = _cli("ingest", str(EXAMPLES), "--from-parquet", str(tmp_path))
    assert done.returncode == 2 and "[E001] --from-parquet stores what was coded before" in done.stderr
