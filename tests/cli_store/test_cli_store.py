"""The store commands: ingest (with a stand-in pipeline), events, sql, export, failures, serve, each with
--db a DuckDB file and a PostgreSQL URL (store_db)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import types
from datetime import date
from pathlib import Path

import httpx
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

import newsevents.store as st
from newsevents.cli import events, export, failures, ingest, sql
from newsevents.errors import StoreError, UsageError
from newsevents.settings import Settings
from store.store_fakes import FakePipeline, event, result, story_text


@pytest.fixture()
def app() -> typer.Typer:
    app = typer.Typer()
    for module in (ingest, events, sql, export, failures):
        module.register(app)
    return app


@pytest.fixture()
def db(store_db: Path | str) -> Path | str:
    path = store_db
    with st.open(path, read_only=False) as store:
        store.ingest([result("a", story_text(1), events=[event("a", 0), event("a", 1, cameo="190", plover="ASSAULT",
                                                                              quad=4, goldstein=-10.0)])])
    return path


def run(app: typer.Typer, *args: str | Path) -> object:
    return CliRunner().invoke(app, [str(a) for a in args])


class _StandIn:
    """What ``newsevents.pipeline`` offers the ingest command: a Pipeline built from settings."""

    def __init__(self, settings: Settings, *, default_date: date | None = None) -> None:
        self.fake = FakePipeline()

    def load(self) -> _StandIn:
        return self

    def run(self, items, *, n_process: int = 1):  # type: ignore[no-untyped-def]
        return self.fake.run(items)


@pytest.fixture()
def stand_in(monkeypatch: pytest.MonkeyPatch) -> None:
    # The real pipeline needs the spaCy model; the kill test (tests/store/test_kill_resume.py) runs it.
    module = types.ModuleType("newsevents.pipeline")
    module.Pipeline = _StandIn  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "newsevents.pipeline", module)


def test_ingest_stores_reports_and_is_idempotent(app: typer.Typer, tmp_path: Path, stand_in: None,
                                                 store_db: Path | str) -> None:
    inputs = tmp_path / "in.jsonl"
    lines = [{"id": "n1", "text": "Washington visited Iraq. " + story_text(1)},
             {"id": "n2", "text": "FAIL " + story_text(2)},
             {"id": "n3", "text": story_text(3), "url": "https://x.example/3"}]
    inputs.write_text("".join(json.dumps(x) + "\n" for x in lines))
    db = store_db
    first = run(app, "ingest", inputs, "--db", db, "-v")
    assert first.exit_code == 1  # one input failed
    assert "stored n1 from" in first.stderr and "[E201]" in first.stderr
    assert "2 articles stored" in first.stderr and "1 failure," in first.stderr
    second = run(app, "ingest", inputs, "--db", db)
    assert "0 articles stored" in second.stderr and "2 skipped before coding" in second.stderr
    with st.open(db) as store:
        assert store.counts()["articles"] == 2 and store.counts()["event_mentions"] == 1
    listed = run(app, "failures", "--db", db, "--format", "jsonl")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(r["doc_id"], r["code"], r["attempts"]) for r in rows] == [("n2", "E201", 2)]


def test_ingest_summary_counts_in_words_and_gives_the_wall_time(tmp_path: Path, stand_in: None) -> None:
    from newsevents.cli.app import build_app

    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({"id": "n1", "text": "Washington visited Iraq. " + story_text(1)}) + "\n")
    done = CliRunner().invoke(build_app(), ["ingest", str(one), "--db", str(tmp_path / "one.duckdb")])
    assert done.exit_code == 0, done.stderr
    summary = done.stderr.strip().splitlines()[-1]
    assert re.match(r"ingested 1 document in \d+\.\d s: 1 article stored ", summary), summary
    assert "1 event mention, 1 new event" in summary and "0 failures" in summary
    quiet = CliRunner().invoke(build_app(), ["-q", "ingest", str(one), "--db", str(tmp_path / "q.duckdb")])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    verbose = CliRunner().invoke(build_app(), ["-v", "ingest", str(one), "--db", str(tmp_path / "v.duckdb")])
    assert "stored n1 from" in verbose.stderr and "(1 event)" in verbose.stderr


def test_events_formats_and_filters(app: typer.Typer, db: Path | str) -> None:
    jsonl = run(app, "events", "--db", db, "--format", "jsonl", "--type", "ASSAULT")
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [(r["cameo"], r["plover"]["type"], r["source"]["code"]) for r in records] == [("190", "ASSAULT", "USAGOV")]
    csv_out = run(app, "events", "--db", db, "--format", "csv", "--cameo", "04")
    assert csv_out.stdout.splitlines()[0].startswith("event_id,date,source_code")
    assert len(csv_out.stdout.splitlines()) == 2
    table = run(app, "events", "--db", db, "--near", "33.3,44.4,25", "--since", "2024-05-01")
    assert table.exit_code == 0 and "USAGOV" in table.stdout and "Baghdad" in table.stdout
    limited = run(app, "events", "--db", db, "--format", "jsonl", "--limit", "1")
    assert len(limited.stdout.splitlines()) == 1


def test_events_refuses_bad_filters(app: typer.Typer, db: Path | str) -> None:
    bad = run(app, "events", "--db", db, "--country", "Iraq")
    assert isinstance(bad.exception, UsageError)  # main() turns it into exit status 2
    missing = run(app, "events", "--db", db.with_name("none.duckdb") if isinstance(db, Path) else
                  db.replace("search_path%3D", "search_path%3Dnone_"))  # a schema with no store in it
    assert isinstance(missing.exception, StoreError)


def test_sql_reads_and_refuses_writes(app: typer.Typer, db: Path | str) -> None:
    ok = run(app, "sql", "SELECT cameo FROM events ORDER BY cameo", "--db", db, "--format", "csv")
    assert ok.stdout.splitlines() == ["cameo", "042", "190"]
    refused = run(app, "sql", "DELETE FROM events", "--db", db)
    assert isinstance(refused.exception, UsageError) and "only SELECT" in str(refused.exception)
    with st.open(db) as store:
        assert store.counts()["events"] == 2


def test_export_gdelt_to_a_file_and_jsonl_to_stdout(app: typer.Typer, db: Path | str, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    done = run(app, "export", "--format", "gdelt", "--db", db, "--output", out)
    assert done.exit_code == 0 and "exported 2 asserted events" in done.stderr
    frame = pd.read_csv(out, sep="\t", header=None, names=st.gdelt_names())
    assert sorted(frame["EventRootCode"].tolist()) == [4, 19]
    assert not list(tmp_path.glob(".*partial"))
    parquet = tmp_path / "events.parquet"
    assert run(app, "export", "--format", "parquet", "--db", db, "-o", parquet).exit_code == 0
    assert len(pd.read_parquet(parquet)) == 2
    streamed = run(app, "export", "--format", "jsonl", "--db", db)
    assert sorted(json.loads(line)["cameo"] for line in streamed.stdout.splitlines()) == ["042", "190"]
    bad = run(app, "export", "--format", "xml", "--db", db)
    assert isinstance(bad.exception, UsageError)


def test_serve_runs_the_api_on_the_given_port(db: Path | str, tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "newsevents"
    if not command.exists():
        pytest.skip("the newsevents command is not installed (pip install -e .)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "NEWSEVENTS_API_TOKEN": "t0ken"}
    env.pop("NEWSEVENTS_CONFIG", None)
    proc = subprocess.Popen([str(command), "serve", "--db", str(db), "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "serve did not answer"
                time.sleep(0.2)
        assert health.json()["read_only"] is False and health.json()["events"] == 2  # a token: writable
        assert httpx.post(f"http://127.0.0.1:{port}/articles", json={"text": "x"}).status_code == 401
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=20)
    assert proc.returncode in (0, -signal.SIGTERM)  # uvicorn shuts down, then re-raises the signal it caught
