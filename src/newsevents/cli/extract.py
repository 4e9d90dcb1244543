"""`newsevents extract`: one record per document: clean text, metadata, entities, places."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from .common import (
    ACTORS_OPTION,
    CONFIG_OPTION,
    DATE_OPTION,
    INPUTS_ARGUMENT,
    INPUTS_HELP,
    FailureCounter,
    build_settings,
    default_inputs,
    parse_date,
)


def extract(
    inputs: list[str] = INPUTS_ARGUMENT,
    fmt: str = typer.Option("jsonl", "--format", metavar="FORMAT", help="jsonl or json."),
    date: str | None = DATE_OPTION,
    actors: list[Path] | None = ACTORS_OPTION,
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Extract each document's text, metadata, entities (with actors) and places."""
    if fmt not in ("jsonl", "json"):
        raise typer.BadParameter(f"{fmt!r}: choose jsonl or json", param_hint="--format")
    from ..output import DocumentFormat, write_documents
    from ..pipeline import Pipeline
    from ..read import read_inputs

    settings = build_settings(config, actors)
    pipeline = Pipeline(settings, default_date=parse_date(date)).load()  # a broken dictionary stops here, once
    counter = FailureCounter()
    items = read_inputs(default_inputs(inputs), settings.read)
    fmt_: DocumentFormat = fmt  # type: ignore[assignment]
    write_documents(counter.results(pipeline.run(items)), fmt_, sys.stdout)
    raise typer.Exit(counter.exit_code)


extract.__doc__ = f"{extract.__doc__}\n\n{INPUTS_HELP}"


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
