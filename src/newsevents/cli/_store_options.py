"""What the store commands share: the --db option, opening the store, printing a table of rows."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import typer

from ..errors import UsageError
from ..settings import Settings
from .common import build_settings

if TYPE_CHECKING:
    import pyarrow as pa

    from ..store import EventStore

# The store (DuckDB, pandas, pyarrow) is imported when a command opens it, not when the app is built.
DB_OPTION = typer.Option(None, "--db", dir_okay=False, metavar="FILE|URL",
                         help="The event store: a DuckDB file, or a PostgreSQL database as "
                         "postgresql://USER@HOST:PORT/DBNAME; default: store.path in the settings, "
                         "newsevents.duckdb.")
FORMAT_OPTION = typer.Option("table", "--format", metavar="FORMAT", help="table, jsonl or csv.")
MODALITY_HELP = ("asserted, negated, future, hypothetical, or all; repeat it or separate with commas "
                 "for several (asserted,negated).")
ROW_FORMATS = ("table", "jsonl", "csv")


def store_settings(config: Path | None, db: Path | None) -> Settings:
    return build_settings(config, extra={"store": {"path": db}} if db else None)


def open_for_reading(config: Path | None, db: Path | None) -> EventStore:
    from ..store import open as open_store

    settings = store_settings(config, db)
    return open_store(settings.store.path, read_only=True, settings=settings.store)


def check_format(fmt: str, allowed: Sequence[str] = ROW_FORMATS) -> str:
    if fmt not in allowed:
        raise UsageError(f"--format {fmt!r} is not one of {', '.join(allowed)}")
    return fmt


def write_rows(table: pa.Table, fmt: str, out: TextIO, *, record: Callable[[dict[str, Any]], Any] | None = None,
               columns: Sequence[str] | None = None) -> int:
    """Rows as JSON Lines (``record`` shapes each), CSV (every column) or a table (``columns`` only)."""
    from rich.console import Console
    from rich.table import Table

    from ..store.records import jsonable

    rows = python_rows(table)
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(record(row) if record else row, default=jsonable, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.column_names)
        writer.writerows([_cell(v) for v in row.values()] for row in rows)
    else:
        shown = [c for c in (columns or table.column_names) if c in table.column_names]
        grid = Table(*shown, show_lines=False)
        for row in rows:
            grid.add_row(*(_cell(row[c]) for c in shown))
        Console(file=out, width=None if out.isatty() else 200, highlight=False, soft_wrap=False).print(grid)
    return len(rows)


def python_rows(table: pa.Table) -> list[dict[str, Any]]:
    """The rows as dicts of Python values, whatever the column types.

    Python's dates stop at years 1 and 9999 and it has no interval type, while DuckDB's do not: such a
    column is given as DuckDB's own text for each value (``294247-01-10``, ``3 days``), cast by an
    in-memory DuckDB. HUGEINT and DECIMAL arrive as ``Decimal`` (``jsonable`` and ``_cell`` print them).
    """
    names = table.column_names
    columns = [_python_values(column) for column in table.columns]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


def _python_values(column: pa.ChunkedArray) -> list[Any]:
    import duckdb
    import pyarrow as pa

    from ..store.connection import CONFIG

    if not pa.types.is_interval(column.type):
        try:
            return column.to_pylist()
        except (ValueError, OverflowError, pa.ArrowException):
            pass  # a date or timestamp out of Python's range, perhaps inside a list or struct
    con = duckdb.connect(config=CONFIG)
    try:
        con.register("unprintable", pa.table({"value": column}))
        return [row[0] for row in con.sql("SELECT CAST(value AS VARCHAR) FROM unprintable").fetchall()]
    finally:
        con.close()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | dict | tuple):  # DuckDB's LIST, STRUCT and MAP: JSON reads back anywhere
        from ..store.records import jsonable

        return json.dumps(value, default=jsonable, ensure_ascii=False)
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
