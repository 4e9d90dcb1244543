"""The examples through the real CLI into a real DuckDB file: ingest twice, export GDELT, query,
and a user's own actor dictionary changing who an event is about."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import newsevents
from newsevents.store.gdelt import gdelt_names

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsevents.cli", *args], capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("store") / "examples.duckdb"
    first = _cli("ingest", str(EXAMPLES), "--db", str(db), "--date", "2025-11-14")
    assert first.returncode == 0, first.stderr
    return db


@pytest.mark.model
def test_ingesting_the_examples_twice_changes_nothing(store_path: Path) -> None:
    with newsevents.open(store_path) as store:
        before = store.counts()
    assert before["articles"] >= 6 and before["events"] > 20
    again = _cli("ingest", str(EXAMPLES), "--db", str(store_path), "--date", "2025-11-14")
    assert again.returncode == 0, again.stderr
    assert f"{before['articles']} duplicates" in again.stderr
    with newsevents.open(store_path) as store:
        assert store.counts() == before


@pytest.mark.model
def test_gdelt_export_loads_with_gdelts_column_list(store_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.gdelt.tsv"
    done = _cli("export", "--format", "gdelt", "--db", str(store_path), "--output", str(out))
    assert done.returncode == 0, done.stderr
    df = pd.read_csv(out, sep="\t", header=None, names=gdelt_names(), dtype={"EventCode": str})
    with newsevents.open(store_path) as store:
        assert len(df) == store.count_events(modality="asserted")  # GDELT files hold events that happened
    assert list(df.columns)[:2] == ["GLOBALEVENTID", "SQLDATE"] and df.columns[-1] == "SOURCEURL"
    assert df["SQLDATE"].between(20000101, 20991231).all()
    assert df["QuadClass"].isin([1, 2, 3, 4]).all()
    assert (df["NumMentions"] >= 1).all()


@pytest.mark.model
def test_events_by_country_returns_only_that_country(store_path: Path) -> None:
    done = _cli("events", "--db", str(store_path), "--country", "GEO", "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(x) for x in done.stdout.splitlines()]
    assert rows
    for r in rows:
        countries = {(r.get("source") or {}).get("country"), (r.get("target") or {}).get("country")}
        assert "GEO" in countries, r


@pytest.mark.model
def test_a_user_dictionary_names_an_actor(tmp_path: Path) -> None:
    article = tmp_path / "visit.txt"
    article.write_text("Envoy Mara Lindqvist met Iraqi officials in Baghdad on Tuesday to discuss the border "
                       "crossings and the return of displaced families.\n", encoding="utf-8")
    actors = tmp_path / "mine.yaml"
    actors.write_text("- name: Mara Lindqvist\n  country: SWE\n  sector: GOV\n", encoding="utf-8")
    without = _cli("code", str(article), "--date", "2025-03-04", "--format", "jsonl")
    with_dict = _cli("code", str(article), "--date", "2025-03-04", "--format", "jsonl", "--actors", str(actors))
    assert without.returncode == 0 and with_dict.returncode == 0, with_dict.stderr
    sources = {(json.loads(x)["source"] or {}).get("code") for x in with_dict.stdout.splitlines()}
    assert "SWEGOV" in sources
    assert "SWEGOV" not in {(json.loads(x)["source"] or {}).get("code") for x in without.stdout.splitlines()}


def test_a_bad_flag_is_a_usage_error() -> None:
    done = _cli("code", "--format", "xml", str(EXAMPLES))
    assert done.returncode == 2
    assert "xml" in done.stderr
