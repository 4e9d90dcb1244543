"""`newsevents code`: code articles into events and print them."""

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
    WORKERS_OPTION,
    FailureCounter,
    build_settings,
    default_inputs,
    parse_date,
)

FORMATS = ("table", "jsonl", "csv", "tsv")


def code(
    inputs: list[str] = INPUTS_ARGUMENT,
    fmt: str = typer.Option("table", "--format", metavar="FORMAT", help="table, jsonl, csv or tsv."),
    date: str | None = DATE_OPTION,
    actors: list[Path] | None = ACTORS_OPTION,
    config: Path | None = CONFIG_OPTION,
    workers: int | None = WORKERS_OPTION,
) -> None:
    """Code news articles into political events (CAMEO, PLOVER) with their evidence."""
    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r}: choose table, jsonl, csv or tsv", param_hint="--format")
    from ..output import EventFormat, write_events
    from ..pipeline import Pipeline  # spaCy: imported only by the commands that code
    from ..read import read_inputs

    settings = build_settings(config, actors)
    pipeline = Pipeline(settings, default_date=parse_date(date)).load()  # a broken dictionary stops here, once
    counter = FailureCounter()
    items = read_inputs(default_inputs(inputs), settings.read)
    events = (e for r in counter.results(pipeline.run(items, n_process=workers)) for e in r.events)
    fmt_: EventFormat = fmt  # type: ignore[assignment]
    write_events(events, fmt_, sys.stdout)
    raise typer.Exit(counter.exit_code)


code.__doc__ = f"{code.__doc__}\n\n{INPUTS_HELP}"


def register(app: typer.Typer) -> None:
    app.command("code")(code)
