"""GDELT and POLECAT exports from a PostgreSQL store, by DuckDB: one copy of their SQL for both backends.

Their column expressions (data/gdelt_columns.csv, data/polecat_columns.csv) are DuckDB's SQL, and the
text they write (how a number or a date is printed) is DuckDB's. So that a PostgreSQL store exports
the same bytes, the events a filter chooses are copied from the server a page at a time, with the
first article and first mentions of each, into an in-memory DuckDB holding the store's own schema
(schema.MIGRATIONS), and the DuckDB export runs there. Memory is bounded by one page.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import duckdb

from .connection import CONFIG
from .filters import EventFilter
from .gdelt import gdelt_lines
from .ingest import append_arrow
from .polecat import polecat_lines
from .schema import migrate

# Events per page: with their first articles' text, a page stays in the tens of megabytes.
PAGE_EVENTS = 10_000
_TABLES = ("events", "articles", "event_mentions")


def mirrored_pages(cur: Any, flt: EventFilter, page_events: int = PAGE_EVENTS) -> Iterator[Any]:
    """In-memory DuckDB connections, each holding the next page of the events ``flt`` chooses from ``cur``."""
    duck = duckdb.connect(config=CONFIG)
    try:
        migrate(duck)
        where, params = flt.where()
        last: int | None = None
        while True:
            after = "" if last is None else " AND event_id > ?"
            events = cur.sql(f"SELECT * FROM events WHERE {where}{after} ORDER BY event_id LIMIT ?",
                             [*params, *([] if last is None else [last]), page_events]).to_arrow_table()
            if events.num_rows == 0:
                return
            ids = events["event_id"].to_pylist()
            docs = sorted({d for d in events["first_doc_id"].to_pylist() if d is not None})
            articles = cur.sql("SELECT * FROM articles WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                               [docs]).to_arrow_table()
            mentions = cur.sql("SELECT m.* FROM event_mentions m JOIN events e ON e.event_id = m.event_id "
                               "AND e.first_doc_id = m.doc_id WHERE m.event_id IN (SELECT unnest(?::BIGINT[]))",
                               [ids]).to_arrow_table()
            for table in _TABLES:
                duck.execute(f"DELETE FROM {table}")
            for table, rows in zip(_TABLES, (events, articles, mentions), strict=True):
                append_arrow(duck, table, rows)
            yield duck
            last = ids[-1]
    finally:
        duck.close()


def mirrored_lines(cur: Any, fmt: str, flt: EventFilter, batch_rows: int) -> Iterator[str]:
    """``gdelt_lines`` or ``polecat_lines`` (its header once) over the events ``flt`` chooses from ``cur``."""
    if fmt == "polecat":
        yield next(polecat_lines(_NoRows(), EventFilter()))
    for page in mirrored_pages(cur, flt):
        if fmt == "gdelt":
            yield from gdelt_lines(page, EventFilter(), batch_rows)
        else:
            lines = polecat_lines(page, EventFilter(), batch_rows)
            next(lines)  # the header, written once above
            yield from lines


class _NoRows:
    """polecat_lines yields its header before it touches the cursor."""
