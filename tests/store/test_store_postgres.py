"""What only a PostgreSQL store has: roles, the URL, the missing driver (the rest runs on both backends)."""

from __future__ import annotations

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
