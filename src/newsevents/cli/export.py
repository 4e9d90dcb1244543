"""`newsevents export`: every stored event as Parquet, CSV, JSON Lines or GDELT 2.0 event rows."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import UsageError
from ..store import EXPORT_FORMATS
from ._store_options import DB_OPTION, check_format, open_for_reading
from .common import CONFIG_OPTION

OUTPUT_OPTION = typer.Option(None, "--output", "-o", dir_okay=False,
                             help="File to write (replaced only once complete); default: stdout.")


def export(
    fmt: str = typer.Option(..., "--format", help="parquet, csv, jsonl or gdelt (GDELT 2.0's 61 tab-separated "
                            "columns, no header; see docs/store.md)."),
    db: Path | None = DB_OPTION,
    output: Path | None = OUTPUT_OPTION,
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Write every stored event in one format."""
    check_format(fmt, EXPORT_FORMATS)
    if output is None and fmt == "parquet" and sys.stdout.isatty():
        raise UsageError("Parquet is binary: give --output FILE, or redirect stdout to a file")
    with open_for_reading(config, db) as store:
        if output is None:
            sys.stdout.flush()
            n = store.export(fmt, sys.stdout.buffer)  # type: ignore[arg-type]
            sys.stdout.buffer.flush()
        else:
            # Written beside the target and renamed at the end, so a failed export never leaves half a file.
            partial = output.with_name(f".{output.name}.partial")
            try:
                with partial.open("wb") as sink:
                    n = store.export(fmt, sink)  # type: ignore[arg-type]
                partial.replace(output)
            except BaseException:
                partial.unlink(missing_ok=True)
                raise
    typer.echo(f"exported {n} events as {fmt}" + (f" to {output}" if output else ""), err=True)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
