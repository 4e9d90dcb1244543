"""The few places where the store's SQL differs between its two backends, DuckDB and PostgreSQL.

Every other statement in store/ is written once, in SQL both accept, with ``?`` for each bound value
(postgres.py turns them into psycopg's placeholders). What differs is decided here, by the cursor a
function is handed (``dialect_of``):

  column types     DuckDB's DOUBLE, TINYINT and BLOB are PostgreSQL's DOUBLE PRECISION, SMALLINT and
                   BYTEA (``ddl`` rewrites a migration's statement; the migrations themselves are shared)
  functions        PostgreSQL gets DuckDB's ``regexp_extract`` as a small SQL function (``prelude``),
                   which one migration uses; ``mode``, ``arg_max``, ``any_value`` and ``round`` to
                   places are written its way (the methods of the same names)
  writers          DuckDB lets one process write a file at a time (connection.py); PostgreSQL takes any
                   number of writers, so each batch takes a transaction-scoped advisory lock first
                   (``lock_writers``): batches are serialised per store, each sees every batch committed
                   before it, and the unique keys never have to settle a race
  appends          DuckDB scans an Arrow table (``INSERT ... BY NAME``); PostgreSQL is sent ``COPY``
                   (ingest.py's ``_append`` asks the cursor)
  text exports     the GDELT and POLECAT column expressions are DuckDB's SQL; from PostgreSQL the chosen
                   events are copied, a page at a time, into an in-memory DuckDB that runs them (mirror.py)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

Backend = Literal["duckdb", "postgresql"]

_PG_TYPES = ((re.compile(r"\bDOUBLE\b"), "DOUBLE PRECISION"), (re.compile(r"\bTINYINT\b"), "SMALLINT"),
             (re.compile(r"\bBLOB\b"), "BYTEA"))
# DuckDB's regexp_extract(string, pattern, group): the group's text, '' when the pattern does not match.
_PG_PRELUDE = (
    "CREATE OR REPLACE FUNCTION regexp_extract(s text, pattern text, grp integer) RETURNS text "
    "LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce((regexp_match(s, pattern))[grp], '') $$",
)
# One advisory lock per store (a store is a schema), so that stores in other schemas never wait on it.
_PG_LOCK = "SELECT pg_advisory_xact_lock(hashtext('newsevents ' || current_schema()))"
_PG_MIGRATION_LOCK = "SELECT pg_advisory_lock(hashtext('newsevents migrate ' || current_schema()))"
_PG_MIGRATION_UNLOCK = "SELECT pg_advisory_unlock(hashtext('newsevents migrate ' || current_schema()))"


@dataclass(frozen=True, slots=True)
class Dialect:
    name: Backend

    def ddl(self, statement: str) -> str:
        """A migration's statement in this backend's types."""
        if self.name == "postgresql":
            for pattern, replacement in _PG_TYPES:
                statement = pattern.sub(replacement, statement)
        return statement

    @property
    def prelude(self) -> tuple[str, ...]:
        """Statements run before the migrations, each time some are pending."""
        return _PG_PRELUDE if self.name == "postgresql" else ()

    def mode(self, column: str) -> str:
        """The most frequent value of ``column`` (a name written by the caller, never user input)."""
        return f"mode() WITHIN GROUP (ORDER BY {column})" if self.name == "postgresql" else f"mode({column})"

    def arg_max(self, value: str, by: str) -> str:
        """``value`` of a row where ``by`` is largest."""
        return f"(array_agg({value} ORDER BY {by} DESC))[1]" if self.name == "postgresql" else f"arg_max({value}, {by})"

    def any_value(self, column: str) -> str:
        """Some value of ``column`` in the group (PostgreSQL 15 has no any_value: its least)."""
        return f"min({column})" if self.name == "postgresql" else f"any_value({column})"

    def round(self, expression: str, digits: int) -> str:
        """A double rounded to ``digits`` decimals (PostgreSQL rounds only NUMERIC to a number of places)."""
        if self.name == "postgresql":
            return f"round(CAST({expression} AS NUMERIC), {digits})::DOUBLE PRECISION"
        return f"round({expression}, {digits})"

    def lock_writers(self, cur: Any) -> None:
        """Inside a write transaction: wait until no other writer of this store is inside one."""
        if self.name == "postgresql":
            cur.execute(_PG_LOCK)

    @contextmanager
    def migrating(self, cur: Any) -> Iterator[None]:
        """One process at a time checks and applies migrations (DuckDB's file lock already sees to that)."""
        if self.name != "postgresql":
            yield
            return
        cur.execute(_PG_MIGRATION_LOCK)
        try:
            yield
        finally:
            cur.execute(_PG_MIGRATION_UNLOCK)


DUCKDB = Dialect("duckdb")
POSTGRESQL = Dialect("postgresql")


def dialect_of(cur: Any) -> Dialect:
    """The dialect of a cursor: postgres.py's cursors say so, anything else is a DuckDB connection."""
    found = getattr(cur, "dialect", None)
    return found if isinstance(found, Dialect) else DUCKDB
