"""The read queries behind EventStore, the CLI and the HTTP API; each returns a pyarrow Table.

Every query takes the caller's cursor (one per thread) and binds every value as a parameter.
"""

from __future__ import annotations

import base64
import binascii
import threading
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import QueryRefusedError, QueryTimeoutError, UsageError
from .dialect import dialect_of
from .filters import EventFilter

EVENT_COLUMNS = (
    "event_id", "date", "source_code", "source_name", "source_country", "source_sector",
    "target_code", "target_name", "target_country", "target_sector", "cameo", "event_base", "event_root",
    "plover_type", "plover_mode", "goldstein", "quad_class", "modality", "location_name", "location_country",
    "location_lat", "location_lon", "location_geonameid", "location_feature", "location_admin1",
    "num_mentions", "num_sources", "num_articles", "num_stories", "is_root", "first_seen", "last_seen",
    "first_doc_id", "event_key",
)
MENTION_COLUMNS = (
    "doc_id", "ordinal", "coder_event_id", "sentence_index", "sentence", "char_start", "char_end", "trigger",
    "source_text", "target_text", "location_text", "coder_name", "coder_version", "added_at",
)
_EVENTS = ", ".join(EVENT_COLUMNS)
_SORT_DATE = "coalesce(date, DATE '0001-01-01')"  # undated events sort last, newest first
_ORDER = f"ORDER BY {_SORT_DATE} DESC, event_id DESC"


def _table(cur: Any, sql: str, params: list[Any] | None = None) -> pa.Table:
    return cur.sql(sql, params=params or None).to_arrow_table()


# -- events -------------------------------------------------------------------------------------------------

def encode_cursor(row: dict[str, Any]) -> str:
    """An opaque page cursor: the sort key of the last row of a page."""
    when = row["date"].isoformat() if row["date"] else "0001-01-01"
    return base64.urlsafe_b64encode(f"{when}/{row['event_id']}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[date, int]:
    try:
        when, event_id = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().split("/")
        return date.fromisoformat(when), int(event_id)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise UsageError(f"cursor {cursor!r} is not one this API gave out: use next_cursor from a "
                         "previous page, or start again without a cursor") from None


def events(cur: Any, flt: EventFilter, *, limit: int | None = None, offset: int = 0,
           cursor: str | None = None) -> pa.Table:
    """Events matching ``flt``, newest first (ties by event id, descending), one page of them."""
    where, params = flt.where()
    sql = f"SELECT {_EVENTS} FROM events WHERE {where}"
    if cursor:
        after, event_id = decode_cursor(cursor)
        sql += f" AND ({_SORT_DATE} < ? OR ({_SORT_DATE} = ? AND event_id < ?))"
        params += [after, after, event_id]
    sql += f" {_ORDER}"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    elif offset:
        sql += " OFFSET ?"
        params.append(offset)
    return _table(cur, sql, params)


def count_events(cur: Any, flt: EventFilter) -> int:
    where, params = flt.where()
    return int(cur.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchall()[0][0])


def event(cur: Any, event_id: int) -> pa.Table:
    """One row per mention (the evidence) of one event, with the event's columns and the article's."""
    cols = ", ".join([*(f"e.{c}" for c in EVENT_COLUMNS), *(f"m.{c}" for c in MENTION_COLUMNS),
                      "m.date AS mention_date", "a.url", "a.title", "a.published", "a.outlet", "a.story_id",
                      "a.source_uri"])
    return _table(cur, f"SELECT {cols} FROM events e JOIN event_mentions m ON m.event_id = e.event_id "
                       "JOIN articles a ON a.doc_id = m.doc_id WHERE e.event_id = ? "
                       "ORDER BY m.added_at, m.doc_id, m.ordinal", [event_id])


def article(cur: Any, doc_id: str) -> pa.Table:
    return _table(cur, "SELECT * FROM articles WHERE doc_id = ?", [doc_id])


def article_mentions(cur: Any, doc_id: str) -> pa.Table:
    """The event mentions found in one article, with the event each belongs to."""
    cols = ", ".join([*(f"m.{c}" for c in MENTION_COLUMNS), "m.date AS mention_date", "e.event_id",
                      "e.cameo", "e.plover_type", "e.source_code", "e.target_code", "e.date", "e.num_articles"])
    return _table(cur, f"SELECT {cols} FROM event_mentions m JOIN events e ON e.event_id = m.event_id "
                       "WHERE m.doc_id = ? ORDER BY m.ordinal", [doc_id])


def stories(cur: Any, story_id: str) -> pa.Table:
    return _table(cur, "SELECT doc_id, source, url, title, outlet, published FROM articles WHERE story_id = ? "
                       "ORDER BY ingested_at, doc_id", [story_id])


# -- aggregates ----------------------------------------------------------------------------------------------

def actors(cur: Any, limit: int, flt: EventFilter | None = None) -> pa.Table:
    """Actors by the number of distinct events they take part in, either side."""
    where, params = (flt or EventFilter()).where()
    mode = dialect_of(cur).mode
    sql = (
        f"WITH chosen AS (SELECT * FROM events WHERE {where}), sides AS ("
        " SELECT source_code AS code, source_name AS name, source_country AS country, source_sector AS sector,"
        "  event_id, 1 AS as_source, 0 AS as_target FROM chosen WHERE source_code IS NOT NULL"
        " UNION ALL"
        " SELECT target_code, target_name, target_country, target_sector, event_id, 0, 1"
        "  FROM chosen WHERE target_code IS NOT NULL)"
        f" SELECT code, {mode('name')} AS name, {mode('country')} AS country, {mode('sector')} AS sector,"
        "  count(DISTINCT event_id) AS events, sum(as_source)::BIGINT AS as_source,"
        "  sum(as_target)::BIGINT AS as_target"
        " FROM sides GROUP BY code ORDER BY events DESC, code LIMIT ?")
    return _table(cur, sql, [*params, limit])


def timeline(cur: Any, flt: EventFilter) -> pa.Table:
    """Distinct events and their mentions per day and quad class (undated events left out)."""
    where, params = flt.where()
    return _table(cur, "SELECT date, quad_class, count(*) AS events, sum(num_mentions)::BIGINT AS mentions "
                       f"FROM events WHERE date IS NOT NULL AND {where} GROUP BY date, quad_class "
                       "ORDER BY date, quad_class", params)


def failures(cur: Any, *, include_resolved: bool = False) -> pa.Table:
    condition = "TRUE" if include_resolved else "NOT resolved"
    return _table(cur, "SELECT failure_id, source, doc_id, code, message, first_seen, last_seen, attempts, "
                       f"resolved, resolved_at FROM failures WHERE {condition} ORDER BY first_seen, failure_id")


# -- free SQL --------------------------------------------------------------------------------------------------

def read_sql(cur: Any, query: str, *, timeout_s: float | None = None) -> pa.Table:
    """One SELECT statement's result, stopped after ``timeout_s``; anything that could write is refused.

    ``cur`` is a cursor on a locked-down connection (connection.CONFIG): DuckDB itself refuses files,
    extensions and configuration changes, and a read-only connection refuses writes; the statement
    type is checked first so that the message can say why. On PostgreSQL, postgres.py does the same
    with the server's means (a READ ONLY transaction, one statement, statement_timeout).
    """
    if dialect_of(cur).name == "postgresql":
        return cur.read_sql(query, timeout_s=timeout_s)
    try:
        statements = cur.extract_statements(query)
    except duckdb.Error as exc:
        raise UsageError(f"the SQL does not parse ({exc}); `newsevents sql --help` shows how to list the tables "
                         "and their columns") from None
    if len(statements) != 1:
        raise UsageError(f"give exactly one SQL statement, not {len(statements)}")
    kind = statements[0].type
    if kind != duckdb.StatementType.SELECT:
        raise QueryRefusedError(f"only SELECT statements are allowed here, not {kind.name}: the store is written "
                                "only by newsevents ingest")
    timer = threading.Timer(timeout_s, cur.interrupt) if timeout_s else None
    if timer is not None:
        timer.daemon = True
        timer.start()
    try:
        return cur.sql(query).to_arrow_table()
    except duckdb.InterruptException:
        raise QueryTimeoutError(f"the query ran for {timeout_s:g} s (store.sql_timeout_s) and was stopped; the "
                                "store is unchanged: narrow it (a WHERE on date, a LIMIT) or raise the "
                                "setting") from None
    except duckdb.PermissionException as exc:
        raise QueryRefusedError(f"the query reaches past the store ({_first_line(exc)}): here SQL reads only the "
                                "store's tables, with no files, URLs or extensions; use newsevents export, or "
                                "DuckDB itself on a copy of the file, for anything else") from None
    except duckdb.Error as exc:
        if "read-only" in str(exc).lower():
            raise QueryRefusedError(f"the query would write to the store ({_first_line(exc)}); the store is "
                                    "written only by newsevents ingest") from None
        raise UsageError(f"the query failed: {exc}") from None
    finally:
        if timer is not None:
            timer.cancel()


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
