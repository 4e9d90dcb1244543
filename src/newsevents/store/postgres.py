"""The store on a PostgreSQL server (``--db postgresql://...``), through psycopg 3.

``PgAccess`` stands where connection.Access stands for a DuckDB file: ``reading()`` gives a cursor on
one of a few pooled read-only connections (one per thread at a time), ``writing()`` the process's one
write connection. Unlike a DuckDB file, a server takes any number of writers and readers at once from
any number of processes; what keeps an ingest exactly-once among them is the transaction per batch,
the unique keys, and the advisory lock each batch takes (dialect.py).

``PgCursor`` answers the calls the store's modules make of a DuckDB connection (``execute`` with ``?``
placeholders, ``fetchall``, ``executemany``, ``sql(...).to_arrow_table()`` / ``.to_arrow_reader()``),
so that queries.py, ingest.py and schema.py run their one copy of the SQL on either backend. Results
become Arrow tables with DuckDB's types for the same columns.

psycopg is an optional dependency (``pip install 'newsevents[postgres]'``): without it a PostgreSQL URL
is refused with E007.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pyarrow as pa

from ..errors import MissingExtraError, QueryRefusedError, QueryTimeoutError, StoreBusyError, StoreError, UsageError
from .dialect import POSTGRESQL

# PostgreSQL type OIDs (pg_type.dat) -> the Arrow type DuckDB gives the same column.
_ARROW = {
    16: pa.bool_(), 17: pa.binary(), 20: pa.int64(), 21: pa.int16(), 23: pa.int32(), 25: pa.string(),
    19: pa.string(), 1042: pa.string(), 1043: pa.string(), 700: pa.float32(), 701: pa.float64(),
    1082: pa.date32(), 1114: pa.timestamp("us"), 1184: pa.timestamp("us", tz="UTC"),
}
# Columns whose DuckDB type PostgreSQL lacks (TINYINT): cast back, so both backends give one schema.
_COLUMN_TYPES = {"quad_class": pa.int8()}
_FIRST_WORD = re.compile(r"^\s*(?:(?:--[^\n]*\n|/\*.*?\*/)\s*)*\(*\s*(\w+)", re.DOTALL)
_READING_WORDS = {"select", "with", "values", "table"}


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise MissingExtraError("a PostgreSQL store needs psycopg, which is not installed: pip install "
                               "'newsevents[postgres]' (or use a DuckDB file as --db)") from None
    return psycopg


def driver_errors() -> tuple[type[BaseException], ...]:
    return (_psycopg().Error,)


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = (parts.username or "") + ":***"
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc[1]}"))


def placeholders(sql: str) -> str:
    """DuckDB's ``?`` as psycopg's ``%s`` (and a literal ``%`` as ``%%``), outside quotes only."""
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if quote:
            if ch == quote:
                quote = None
            out.append("%%" if ch == "%" else ch)
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        else:
            out.append("%%" if ch == "%" else ch)
    return "".join(out)


def arrow_table(description: Sequence[Any] | None, rows: list[tuple[Any, ...]]) -> pa.Table:
    """Rows from psycopg as an Arrow table, typed by the result's column types (not guessed from values)."""
    if not description:
        return pa.table({})
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in description]
    arrays = {}
    for col, values in zip(description, columns, strict=True):
        wanted = _ARROW.get(col.type_code)
        array = pa.array(list(values), type=wanted) if wanted is not None else pa.array(list(values))
        cast = _COLUMN_TYPES.get(col.name)
        arrays[col.name] = array.cast(cast) if cast is not None and pa.types.is_integer(array.type) else array
    return pa.table(arrays)


class PgResult:
    """What DuckDB's ``sql()`` relation gives the store: the rows as Arrow, whole or in batches."""

    def __init__(self, cur: PgCursor, sql: str, params: Sequence[Any] | None) -> None:
        self._cur = cur
        self._sql = sql
        self._params = params

    def to_arrow_table(self) -> pa.Table:
        raw = self._cur.execute(self._sql, self._params).raw
        return arrow_table(raw.description, raw.fetchall())

    def to_arrow_reader(self, batch_rows: int = 50_000) -> pa.RecordBatchReader:
        """Batches from a server-side cursor: a large export never sits in memory whole."""
        conn = self._cur.connection
        tx = conn.transaction()
        tx.__enter__()
        try:
            named = conn.cursor(name=f"newsevents_export_{id(self)}")
            named.execute(placeholders(self._sql) if self._params else self._sql, self._params or None)
            first = arrow_table(named.description, named.fetchmany(batch_rows))
        except BaseException as exc:
            tx.__exit__(type(exc), exc, exc.__traceback__)
            raise
        schema = first.schema

        def batches() -> Iterator[pa.RecordBatch]:
            try:
                yield from first.to_batches()
                while rows := named.fetchmany(batch_rows):
                    yield from arrow_table(named.description, rows).cast(schema).to_batches()
                named.close()
            except BaseException as exc:
                tx.__exit__(type(exc), exc, exc.__traceback__)
                raise
            tx.__exit__(None, None, None)

        return pa.RecordBatchReader.from_batches(schema, batches())


class PgCursor:
    """A psycopg cursor that takes the store's DuckDB-style calls (see the module's docstring)."""

    dialect = POSTGRESQL

    def __init__(self, connection: Any, *, url: str, wait_s: float) -> None:
        self.connection = connection
        self.raw = connection.cursor()
        self.url = url
        self.wait_s = wait_s

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> PgCursor:
        psycopg = _psycopg()
        try:
            if params:
                self.raw.execute(placeholders(sql), params)
            else:
                self.raw.execute(sql)
        except psycopg.errors.LockNotAvailable as exc:
            raise StoreBusyError(f"{redact(self.url)} was being written by another newsevents process for "
                                 f"{self.wait_s:g} s (store.lock_wait_s): wait for it to finish, or raise "
                                 "store.lock_wait_s") from exc
        return self

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.raw.executemany(placeholders(sql), rows)

    def fetchall(self) -> list[tuple[Any, ...]]:
        return list(self.raw.fetchall())

    def sql(self, sql: str, params: Sequence[Any] | None = None) -> PgResult:
        return PgResult(self, sql, params)

    def copy_rows(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Append ``rows`` (dicts with the same keys) to ``table`` (one of the schema's names) by COPY."""
        names = list(rows[0])
        with self.raw.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[n] for n in names])

    def cursor(self) -> PgCursor:
        return PgCursor(self.connection, url=self.url, wait_s=self.wait_s)

    def close(self) -> None:
        self.raw.close()

    def read_sql(self, query: str, *, timeout_s: float | None) -> pa.Table:
        """One read-only statement's result (queries.read_sql's PostgreSQL side).

        The statement runs alone (the extended protocol takes one statement, so no ``; COMMIT; ...``), in a
        READ ONLY transaction that is rolled back, under ``statement_timeout``. A role that may only
        SELECT (docs/store.md) is what keeps server functions that read files out of reach.
        """
        psycopg = _psycopg()
        match = _FIRST_WORD.match(query)
        if match is None or match.group(1).lower() not in _READING_WORDS:
            word = match.group(1).upper() if match else "nothing"
            raise QueryRefusedError(f"only SELECT statements are allowed here, not {word}: the store is written "
                                    "only by newsevents ingest")
        try:
            self.raw.execute("BEGIN READ ONLY")
            try:
                if timeout_s:
                    self.raw.execute(f"SET LOCAL statement_timeout = {int(timeout_s * 1000)}")
                self.raw.execute(query, binary=True)  # binary: the extended protocol, one statement only
                return arrow_table(self.raw.description, self.raw.fetchall() if self.raw.description else [])
            finally:
                self.raw.execute("ROLLBACK")
        except psycopg.errors.QueryCanceled:
            raise QueryTimeoutError(f"the query ran for {timeout_s:g} s (store.sql_timeout_s) and was stopped; the "
                                    "store is unchanged: narrow it (a WHERE on date, a LIMIT) or raise the "
                                    "setting") from None
        except (psycopg.errors.ReadOnlySqlTransaction, psycopg.errors.InsufficientPrivilege) as exc:
            raise QueryRefusedError(f"the query would write to the store or reach past it ({_first_line(exc)}); "
                                    "the store is written only by newsevents ingest") from None
        except psycopg.errors.SyntaxError as exc:
            if "multiple commands" in str(exc):
                raise UsageError("give exactly one SQL statement") from None
            raise UsageError(f"the SQL does not parse ({_first_line(exc)}); `newsevents sql --help` shows how to "
                             "list the tables and their columns") from None
        except psycopg.Error as exc:
            raise UsageError(f"the query failed: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def connect(url: str, *, read_only: bool, wait_s: float) -> Any:
    """An autocommit psycopg connection; readers' connections refuse to write."""
    psycopg = _psycopg()
    try:
        conn = psycopg.connect(url, autocommit=True, connect_timeout=max(1, int(wait_s) or 1))
    except psycopg.Error as exc:
        raise StoreError(f"cannot connect to {redact(url)} ({_first_line(exc)}); check the URL, that the "
                         "server runs and that the role may log in") from None
    try:
        if read_only:
            conn.execute("SET default_transaction_read_only = on")
        # A batch waits this long for another writer's batch (the advisory lock), then gives up with E501.
        conn.execute(f"SET lock_timeout = {int(wait_s * 1000)}")
    except psycopg.Error as exc:
        conn.close()
        raise StoreError(f"{redact(url)} refused the session settings ({_first_line(exc)})") from None
    return conn


class PgAccess:
    """A PostgreSQL store's connections within a process: a small pool of readers, one writer."""

    def __init__(self, url: str, *, read_only: bool, wait_s: float) -> None:
        self.url = url
        self.path = redact(url)  # what messages and EventStore.path show
        self.read_only = read_only
        self.wait_s = wait_s
        self.errors = driver_errors()
        self._lock = threading.Lock()
        self._idle: list[Any] = []
        self._writer: Any = None
        self._write_lock = threading.Lock()
        self._closed = False

    @contextmanager
    def reading(self) -> Iterator[PgCursor]:
        with self._lock:
            self._check_open()
            conn = self._idle.pop() if self._idle else None
        if conn is None:
            conn = connect(self.url, read_only=True, wait_s=self.wait_s)
        cur = PgCursor(conn, url=self.url, wait_s=self.wait_s)
        try:
            yield cur
        finally:
            cur.close()
            # A connection left inside a transaction (an export's reader abandoned half-way) is not reused.
            idle = not conn.closed and conn.info.transaction_status == _psycopg().pq.TransactionStatus.IDLE
            with self._lock:
                if self._closed or conn.broken or not idle:
                    conn.close()
                else:
                    self._idle.append(conn)

    @contextmanager
    def writing(self) -> Iterator[PgCursor]:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; open it with read_only=False to write to it")
        with self._write_lock:
            with self._lock:
                self._check_open()
            if self._writer is None or self._writer.closed or self._writer.broken:
                self._writer = connect(self.url, read_only=False, wait_s=self.wait_s)
            cur = PgCursor(self._writer, url=self.url, wait_s=self.wait_s)
            try:
                yield cur
            finally:
                cur.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()
        with self._write_lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError(f"{self.path} was closed; open the store again")
