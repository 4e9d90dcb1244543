"""What only a PostgreSQL store has: roles, the URL, the missing driver (the rest runs on both backends)."""

from __future__ import annotations

import io
import sys
import uuid
from pathlib import Path

import pytest

import newsevents.store as st
from newsevents.errors import MissingExtraError, QueryRefusedError, StoreError, UsageError
from newsevents.settings import StoreSettings
from store.backends import pg_schema, server_url
from store.store_fakes import event, result, story_text


def test_a_role_that_may_only_select_reads_and_is_refused_the_rest() -> None:
    psycopg = pytest.importorskip("psycopg")
    role = f"reader_{uuid.uuid4().hex[:8]}"
    with pg_schema() as url:
        with st.open(url, read_only=False) as writer:
            writer.ingest([result("a", story_text(1), events=[event("a", 0)])])
        schema = url.rsplit("%3D", 1)[1]
        with psycopg.connect(server_url(), autocommit=True) as admin:
            admin.execute(f"CREATE ROLE {role} LOGIN")
            admin.execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
            admin.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}")
        as_reader = url.replace("postgresql://postgres@", f"postgresql://{role}@")
        try:
            with st.open(as_reader) as reader:
                assert reader.counts()["articles"] == 1
                with pytest.raises(QueryRefusedError, match="E003"):
                    reader.sql("SELECT pg_read_file('/etc/hostname') AS f")  # the server's files: not for a reader
                with pytest.raises(QueryRefusedError, match="E003"):
                    reader.sql("WITH gone AS (DELETE FROM events RETURNING 1) SELECT count(*) FROM gone")
                with pytest.raises(UsageError, match="exactly one SQL statement"):
                    reader.sql("SELECT 1; COMMIT; SET default_transaction_read_only = off; DELETE FROM events")
            with pytest.raises(StoreError, match="cannot be opened for writing"):
                st.open(as_reader, read_only=False)
            with st.open(url) as again:
                assert again.counts()["events"] == 1  # nothing the reader tried changed the store
        finally:
            with psycopg.connect(server_url(), autocommit=True) as admin:
                admin.execute(f"DROP OWNED BY {role}")
                admin.execute(f"DROP ROLE {role}")


def test_a_url_that_went_through_path_still_names_the_server() -> None:
    url = "postgresql://someone@db.example:5433/news?sslmode=require"
    assert StoreSettings(path=Path(url)).path == url  # typer hands --db over as a Path, which folds '//'
    assert StoreSettings(path="events.duckdb").path == Path("events.duckdb")


def test_an_unreachable_server_is_one_line_without_the_password() -> None:
    url = "postgresql://someone:s3cret@127.0.0.1:9/news?connect_timeout=2"
    with pytest.raises(StoreError) as caught:
        st.open(url, settings=StoreSettings(lock_wait_s=1))
    message = str(caught.value)
    assert "[E500] cannot connect to postgresql://someone:***@127.0.0.1:9/news" in message
    assert "s3cret" not in message and "\n" not in message


def test_without_psycopg_a_url_says_to_install_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now raises ImportError
    with pytest.raises(MissingExtraError, match=r"E007.*pip install 'newsevents\[postgres\]'"):
        st.open("postgresql://someone@db.example/news")


def test_the_same_events_export_the_same_from_both_backends(tmp_path: Path) -> None:
    """GDELT and POLECAT files are written by DuckDB's expressions either way (mirror.py): the same bytes,
    but for GDELT's DATEADDED, the moment each store first recorded the event."""
    results = [result("a", story_text(1), events=[event("a", 0), event("a", 1, cameo="190", plover="ASSAULT", quad=4,
                                                                      goldstein=-10.0, day=None)],
                      url="https://news.example/a", site="AP"),
               result("b", story_text(2), events=[event("b", 0, sentence_index=3)])]
    exports: dict[str, dict[str, list[list[str]]]] = {}
    with pg_schema() as url:
        for name, target in (("duckdb", tmp_path / "same.duckdb"), ("postgresql", url)):
            with st.open(target, read_only=False) as store:
                store.ingest(results)
                exports[name] = {}
                for fmt in ("gdelt", "polecat", "csv"):
                    sink = io.BytesIO()
                    store.export(fmt, sink)
                    exports[name][fmt] = [line.split("\t") for line in sink.getvalue().decode().splitlines()]
    duck, pg = exports["duckdb"], exports["postgresql"]
    assert len(duck["gdelt"]) == 2 and [row[:-2] for row in pg["gdelt"]] == [row[:-2] for row in duck["gdelt"]]
    assert [row[-1] for row in pg["gdelt"]] == [row[-1] for row in duck["gdelt"]]  # SOURCEURL
    assert pg["polecat"] == duck["polecat"] and len(duck["polecat"]) == 3  # a header and two events
    assert pg["csv"][0] == duck["csv"][0]  # the flat export's columns, in the same order
