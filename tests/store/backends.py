"""The store's two backends for the tests: a DuckDB file, or a fresh schema on the tests' PostgreSQL.

The PostgreSQL server is the one NEWSEVENTS_TEST_PG names (make starts one under build/pg, .ci/pg-server);
without it the PostgreSQL cases are skipped, saying so, except where NEWSEVENTS_PG_REQUIRED=1 (CI),
where they fail. Each test gets its own schema (the URL's search_path), dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

BACKENDS = ("duckdb", "postgresql")
NO_SERVER = ("no PostgreSQL server for the tests: set NEWSEVENTS_TEST_PG=postgresql://... or run them "
             "through make (make unit starts one under build/pg)")


def server_url() -> str:
    url = os.environ.get("NEWSEVENTS_TEST_PG", "").strip()
    if not url:
        if os.environ.get("NEWSEVENTS_PG_REQUIRED") == "1":
            pytest.fail(f"NEWSEVENTS_PG_REQUIRED=1 but {NO_SERVER}")
        pytest.skip(NO_SERVER)
    return url


@contextmanager
def pg_schema() -> Iterator[str]:
    """A store URL on a schema of its own, dropped (with whatever is in it) afterwards."""
    import psycopg

    base = server_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    joiner = "&" if "?" in base else "?"
    try:
        yield f"{base}{joiner}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(base, autocommit=True) as admin:
            admin.execute("SET lock_timeout = '10s'")
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@contextmanager
def store_target(backend: str, directory: Path, name: str = "store") -> Iterator[Path | str]:
    """Where a test's store lives: ``directory/name.duckdb``, or a fresh PostgreSQL schema's URL."""
    if backend == "duckdb":
        yield directory / f"{name}.duckdb"
    else:
        with pg_schema() as url:
            yield url


@contextmanager
def raw_connection(target: Path | str) -> Iterator[Any]:
    """A plain connection to the store's database (no EventStore), for building old states by hand;
    both kinds take the store's ``?`` placeholders."""
    if isinstance(target, Path):
        import duckdb

        with duckdb.connect(str(target)) as con:
            yield con
    else:
        from newsevents.store.postgres import PgCursor, connect

        conn = connect(target, read_only=False, wait_s=10)
        try:
            yield PgCursor(conn, url=target, wait_s=10)
        finally:
            conn.close()
