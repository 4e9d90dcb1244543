"""`newsevents sql` reaches the store's tables and nothing else, stops at its time limit, and prints any type."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import time
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import newsevents.store as st
from newsevents.cli import sql
from newsevents.errors import QueryRefusedError, QueryTimeoutError
from newsevents.settings import StoreSettings
from store.store_fakes import event, result, story_text
from store.test_kill_resume import _newsevents


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sql") / "sql.duckdb"
    with st.open(path, read_only=False) as store:
        store.ingest([result("a", "Washington visited Iraq. " + story_text(1), events=[event("a", 0)]),
                      result("b", "Washington visited Iraq. " + story_text(2), events=[event("b", 0)], site="AP")])
    return path


@pytest.fixture()
def app() -> typer.Typer:
    app = typer.Typer()
    sql.register(app)

    @app.command("noop")
    def noop() -> None:  # a second command, so that Typer keeps "sql" as a subcommand name
        pass

    return app


def _sql(app: typer.Typer, db: Path, query: str, fmt: str = "jsonl") -> object:
    return CliRunner().invoke(app, ["sql", query, "--db", str(db), "--format", fmt])


@pytest.mark.parametrize("query", [
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM read_csv('/etc/passwd', sep = ':')",
    "SELECT * FROM glob('/etc/*')",
    "SELECT content FROM read_text('/proc/self/environ')",
    "SELECT * FROM read_blob('/etc/hostname')",
    "SELECT * FROM read_parquet('https://data.example/x.parquet')",
    "SELECT * FROM sniff_csv('/etc/passwd')",
    "SELECT * FROM duckdb_extensions()",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "ATTACH '/tmp/another.duckdb' AS other",
    "COPY events TO '/tmp/events.csv'",
    "DELETE FROM events",
    "CREATE TABLE copied AS SELECT * FROM events",
])
def test_sql_refuses_files_extensions_and_writes(app: typer.Typer, db: Path, query: str) -> None:
    answer = _sql(app, db, query)
    assert isinstance(answer.exception, QueryRefusedError), (query, answer.exception)
    assert answer.exception.code == "E003" and answer.stdout == ""
    with st.open(db) as store:
        assert store.counts()["events"] == 1 and store.sql("SELECT count(*) AS n FROM articles")["n"][0] == 2


def test_a_refusal_is_one_coded_line_and_exit_status_2(db: Path) -> None:
    answer = subprocess.run([_newsevents(), "sql", "SELECT * FROM read_text('/etc/passwd')", "--db", str(db)],
                            capture_output=True, text=True, timeout=120)
    assert answer.returncode == 2 and answer.stdout == "" and "root:" not in answer.stderr
    assert answer.stderr.startswith("newsevents: [E003] the query reaches past the store")
    assert len(answer.stderr.strip().splitlines()) == 1


def test_jsonl_and_csv_print_hugeint_decimal_and_far_dates(app: typer.Typer, db: Path) -> None:
    query = ("SELECT sum(num_mentions) AS mentions, 12.50::DECIMAL(6, 2) AS price, "
             "170141183460469231731687303715884105727::HUGEINT AS huge, DATE '12345-06-07' AS far, "
             "DATE '0001-01-01' - 1 AS before_christ, [DATE '12345-06-07'] AS dates, INTERVAL 3 DAY AS span "
             "FROM events")
    jsonl = _sql(app, db, query)
    assert jsonl.exit_code == 0, jsonl.exception
    assert json.loads(jsonl.stdout) == {"mentions": 2, "price": 12.5, "huge": 170141183460469231731687303715884105727,
                                        "far": "12345-06-07", "before_christ": "0001-12-31 (BC)",
                                        "dates": "[12345-06-07]", "span": "3 days"}
    table = _sql(app, db, query, "csv")
    assert table.exit_code == 0, table.exception
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert rows == [{"mentions": "2", "price": "12.50", "huge": "170141183460469231731687303715884105727",
                     "far": "12345-06-07", "before_christ": "0001-12-31 (BC)", "dates": "[12345-06-07]",
                     "span": "3 days"}]
    assert _sql(app, db, query, "table").exit_code == 0


def test_a_query_past_its_time_limit_is_stopped_and_the_store_stays_usable(db: Path) -> None:
    with st.open(db, settings=StoreSettings(sql_timeout_s=0.5)) as store:
        started = time.monotonic()
        with pytest.raises(QueryTimeoutError, match=r"0.5 s \(store.sql_timeout_s\)"):
            store.sql("SELECT count(*) FROM range(1000000000000) AS a(x) WHERE x % 7 = 3")
        assert time.monotonic() - started < 10
        assert store.sql("SELECT count(*) AS n FROM events")["n"][0] == 1  # the same connection answers again
    with st.open(db) as store:
        assert store.counts()["articles"] == 2
