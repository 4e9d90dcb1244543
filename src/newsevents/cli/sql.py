"""`newsevents sql`: one read-only SELECT over the store."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ._store_options import DB_OPTION, FORMAT_OPTION, check_format, open_for_reading, write_rows
from .common import CONFIG_OPTION


def sql(
    query: str = typer.Argument(..., metavar="QUERY", hidden=True),
    db: Path | None = DB_OPTION,
    fmt: str = FORMAT_OPTION,
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Run one SELECT over the store, opened read-only; statements that write are refused.

    QUERY: one SELECT statement. The tables and their columns:
    newsevents sql "SELECT table_name, column_name, data_type FROM information_schema.columns"
    """
    check_format(fmt)
    with open_for_reading(config, db) as store:
        table = store.sql_arrow(query)
    write_rows(table, fmt, sys.stdout)


def register(app: typer.Typer) -> None:
    app.command("sql")(sql)
