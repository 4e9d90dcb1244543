"""`newsevents ingest`: read, code and store articles (read_inputs -> Pipeline.run -> EventStore)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..store import Outcome
from ..store import open as open_store
from ._store_options import DB_OPTION
from .common import (
    ACTORS_OPTION,
    CONFIG_OPTION,
    DATE_OPTION,
    EXIT_FAILURES,
    EXIT_OK,
    WORKERS_OPTION,
    build_settings,
    default_inputs,
    parse_date,
)

INPUTS_ARGUMENT = typer.Argument(None, help="Files (.txt, .html, .jsonl), directories, URLs, or - for stdin.")


class _Report:
    """Failures always, every document with --verbose, a progress count when stderr is a terminal.

    Lines are printed when a batch is committed, so whatever they name is already in the store.
    """

    def __init__(self, verbose: bool, progress: Progress | None) -> None:
        self.verbose = verbose
        self.progress = progress
        self.task = progress.add_task("ingesting", total=None) if progress else None
        self.console = progress.console if progress else Console(file=sys.stderr, highlight=False, soft_wrap=True)

    def __call__(self, outcomes: Sequence[Outcome]) -> None:
        for o in outcomes:
            if o.status == "failed":
                self.console.print(f"{o.source}: [{o.code}] {o.message}", markup=False)
            elif self.verbose:
                detail = f" ({o.events} events)" if o.status == "stored" else f" (as {o.article_id})"
                self.console.print(f"{o.status} {o.doc_id} from {o.source}{detail}", markup=False)
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task, len(outcomes))


def ingest(
    inputs: list[str] = INPUTS_ARGUMENT,
    db: Path | None = DB_OPTION,
    date: str | None = DATE_OPTION,
    actors: list[Path] | None = ACTORS_OPTION,
    config: Path | None = CONFIG_OPTION,
    workers: int = WORKERS_OPTION,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="One line per document on stderr once it is "
                                 "stored: stored, duplicate, skipped (stored before) or failed."),
) -> None:
    """Code articles and store their events; running the same inputs again stores nothing twice."""
    from ..pipeline import Pipeline  # loads spaCy: imported only when a command codes articles
    from ..read import read_inputs

    settings = build_settings(config, actors, extra={"store": {"path": db}})
    pipeline = Pipeline(settings, default_date=parse_date(date)).load()  # a broken dictionary stops here, once
    items = read_inputs(default_inputs(inputs), settings.read)
    progress = (Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                         TimeElapsedColumn(), console=Console(file=sys.stderr), transient=True)
                if sys.stderr.isatty() else None)
    with open_store(settings.store.path, read_only=False, settings=settings.store) as store:
        if progress is not None:
            progress.start()
        try:
            summary = store.ingest_documents(items, lambda todo: pipeline.run(todo, n_process=workers),
                                             on_commit=_Report(verbose, progress))
        finally:
            if progress is not None:
                progress.stop()
    typer.echo(f"{summary.line()} -> {settings.store.path}", err=True)
    raise typer.Exit(EXIT_FAILURES if summary.failures else EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
