"""What the store commands share: the --db option, opening the store, printing a table of rows."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import typer
from rich.console import Console
from rich.table import Table

from ..errors import UsageError
from ..settings import Settings
from ..store import EventStore
from ..store import open as open_store
from ..store.records import jsonable
from .common import build_settings

DB_OPTION = typer.Option(None, "--db", dir_okay=False,
                         help="The event store (a DuckDB file); default: store.path in the settings, "
                         "newsevents.duckdb.")
FORMAT_OPTION = typer.Option("table", "--format", help="table, jsonl or csv.")
MODALITY_HELP = ("asserted, negated, future, hypothetical, or all; repeat it or separate with commas "
                 "for several (asserted,negated).")
ROW_FORMATS = ("table", "jsonl", "csv")


def store_settings(config: Path | None, db: Path | None) -> Settings:
    return build_settings(config, extra={"store": {"path": db}} if db else None)


def open_for_reading(config: Path | None, db: Path | None) -> EventStore:
    settings = store_settings(config, db)
    return open_store(settings.store.path, read_only=True, settings=settings.store)


def check_format(fmt: str, allowed: Sequence[str] = ROW_FORMATS) -> str:
    if fmt not in allowed:
        raise UsageError(f"--format {fmt!r} is not one of {', '.join(allowed)}")
    return fmt


def write_rows(table: pa.Table, fmt: str, out: TextIO, *, record: Callable[[dict[str, Any]], Any] | None = None,
               columns: Sequence[str] | None = None) -> int:
    """Rows as JSON Lines (``record`` shapes each), CSV (every column) or a table (``columns`` only)."""
    rows = table.to_pylist()
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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.hex()
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
