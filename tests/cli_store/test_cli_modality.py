"""`--modality` on `newsevents events` and `newsevents export`, and `export --format polecat` (issue 9)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

import newsevents.store as st
from newsevents.cli import events, export
from newsevents.errors import UsageError
from store.store_fakes import event, result, story_text


@pytest.fixture()
def app() -> typer.Typer:
    app = typer.Typer()
    for module in (events, export):
        module.register(app)
    return app


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "modality.duckdb"
    evs = [event("a", 0), event("a", 1, cameo="193", plover="ASSAULT", quad=4, goldstein=-10.0, modality="negated"),
           event("a", 2, cameo="036", plover="CONSULT", quad=1, goldstein=4.0, modality="future")]
    with st.open(path, read_only=False) as store:
        store.ingest([result("a", story_text(1), events=evs)])
    return path


def _run(app: typer.Typer, *args: str | Path):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, [str(a) for a in args])


def test_events_shows_every_modality_unless_asked(app: typer.Typer, db: Path) -> None:
    every = _run(app, "events", "--db", db, "--format", "jsonl")
    negated = _run(app, "events", "--db", db, "--format", "jsonl", "--modality", "negated")
    two = _run(app, "events", "--db", db, "--format", "jsonl", "--modality", "negated", "--modality", "future")
    commas = _run(app, "events", "--db", db, "--format", "jsonl", "--modality", "negated,future")
    assert sorted(json.loads(x)["modality"] for x in every.stdout.splitlines()) == ["asserted", "future", "negated"]
    assert [json.loads(x)["cameo"] for x in negated.stdout.splitlines()] == ["193"]
    assert two.stdout == commas.stdout and len(two.stdout.splitlines()) == 2


def test_export_gdelt_writes_asserted_events_and_says_what_it_left_out(app: typer.Typer, db: Path,
                                                                      tmp_path: Path) -> None:
    out = tmp_path / "gdelt.tsv"
    done = _run(app, "export", "--format", "gdelt", "--db", db, "-o", out)
    assert done.exit_code == 0, done.stderr
    assert "exported 1 asserted events as gdelt" in done.stderr and "2 other events left out" in done.stderr
    frame = pd.read_csv(out, sep="\t", header=None, names=st.gdelt_names(), dtype={"EventCode": str})
    assert frame["EventCode"].tolist() == ["042"]
    every = _run(app, "export", "--format", "gdelt", "--db", db, "-o", out, "--modality", "all")
    assert every.exit_code == 0 and "exported 3 events" in every.stderr and "left out" not in every.stderr
    flat = _run(app, "export", "--format", "jsonl", "--db", db)
    assert len(flat.stdout.splitlines()) == 3  # the flat formats carry the modality column: every event


def test_export_polecat_has_a_header_and_asserted_events(app: typer.Typer, db: Path, tmp_path: Path) -> None:
    out = tmp_path / "polecat.tsv"
    done = _run(app, "export", "--format", "polecat", "--db", db, "-o", out, "--modality", "asserted,future")
    assert done.exit_code == 0, done.stderr
    frame = pd.read_csv(out, sep="\t", dtype=str)
    assert list(frame.columns) == st.polecat_names()
    assert sorted(frame["Modality"]) == ["asserted", "future"]


def test_a_wrong_modality_is_a_usage_error_before_anything_is_written(app: typer.Typer, db: Path,
                                                                     tmp_path: Path) -> None:
    out = tmp_path / "never.tsv"
    bad = _run(app, "export", "--format", "gdelt", "--db", db, "-o", out, "--modality", "denied")
    assert isinstance(bad.exception, UsageError) and "denied" in str(bad.exception)
    assert not out.exists() and not list(tmp_path.glob(".*partial"))
    bad_events = _run(app, "events", "--db", db, "--modality", "maybe")
    assert isinstance(bad_events.exception, UsageError)
