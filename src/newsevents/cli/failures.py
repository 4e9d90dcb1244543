"""`newsevents failures`: inputs that could not be processed and have not succeeded since."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ._store_options import DB_OPTION, FORMAT_OPTION, check_format, open_for_reading, write_rows
from .common import CONFIG_OPTION

TABLE_COLUMNS = ("source", "doc_id", "code", "message", "attempts", "last_seen", "resolved")


def failures(
    db: Path | None = DB_OPTION,
    include_resolved: bool = typer.Option(False, "--all", help="Also list failures resolved by a later success."),
    fmt: str = FORMAT_OPTION,
    config: Path | None = CONFIG_OPTION,
) -> None:
    """List the unresolved failures: inputs to fix, or to run again."""
    check_format(fmt)
    with open_for_reading(config, db) as store:
        table = store.failures_arrow(include_resolved=include_resolved)
    write_rows(table, fmt, sys.stdout, columns=TABLE_COLUMNS)


def register(app: typer.Typer) -> None:
    app.command("failures")(failures)
