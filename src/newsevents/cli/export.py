"""`newsevents export`: stored events as Parquet, CSV, JSON Lines, GDELT 2.0 event rows or POLECAT-style rows."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ..errors import UsageError
from ._store_options import DB_OPTION, MODALITY_HELP, check_format, open_for_reading
from .common import CONFIG_OPTION

OUTPUT_OPTION = typer.Option(None, "--output", "-o", dir_okay=False, metavar="FILE",
                             help="File to write (replaced only once complete); default: stdout.")

MODALITY_OPTION = typer.Option(None, "--modality", metavar="MODALITY",
                               help=f"Only events of this modality: {MODALITY_HELP} Default: asserted for gdelt "
                               "and polecat (events that happened), all for the others.")


def export(
    fmt: str = typer.Option(..., "--format", metavar="FORMAT", help="parquet, csv, jsonl, gdelt (GDELT 2.0's 61 "
                            "tab-separated event columns, in their order, no header) or polecat (POLECAT's "
                            "columns, tab-separated, with a header)."),
    db: Path | None = DB_OPTION,
    output: Path | None = OUTPUT_OPTION,
    modality: list[str] | None = MODALITY_OPTION,
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Write the stored events in one format (GDELT and POLECAT: asserted events, unless --modality says)."""
    from ..store import EXPORT_FORMATS  # the store (DuckDB, pandas): imported when the command runs
    from ..store.export import default_modality
    from ..store.filters import parse_modality

    check_format(fmt, EXPORT_FORMATS)
    # A wrong value stops here, before anything is written; None means every modality.
    chosen = parse_modality(modality or default_modality(fmt))  # type: ignore[arg-type]
    if output is None and fmt == "parquet" and sys.stdout.isatty():
        raise UsageError("Parquet is binary: give --output FILE, or redirect stdout to a file")
    with open_for_reading(config, db) as store:
        if output is None:
            sys.stdout.flush()
            n = store.export(fmt, sys.stdout.buffer, modality=modality)  # type: ignore[arg-type]
            sys.stdout.buffer.flush()
        else:
            # Written beside the target and renamed at the end, so a failed export never leaves half a file.
            partial = output.with_name(f".{output.name}.partial")
            try:
                with partial.open("wb") as sink:
                    n = store.export(fmt, sink, modality=modality)  # type: ignore[arg-type]
                partial.replace(output)
            except BaseException:
                partial.unlink(missing_ok=True)
                raise
        left_out = store.count_events() - n if chosen is not None else 0
    kind = "" if chosen is None else f"{', '.join(chosen)} "
    note = f"; {left_out} other events left out (--modality all writes every event)" if left_out else ""
    typer.echo(f"exported {n} {kind}events as {fmt}" + (f" to {output}" if output else "") + note, err=True)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
