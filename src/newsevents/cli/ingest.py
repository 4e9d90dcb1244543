"""`newsevents ingest`: read, code and store articles (read_inputs -> Pipeline.run -> EventStore)."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ._store_options import DB_OPTION
from .common import (
    ACTORS_OPTION,
    CONFIG_OPTION,
    DATE_OPTION,
    EXIT_FAILURES,
    EXIT_OK,
    INPUTS_ARGUMENT,
    INPUTS_HELP,
    QUIET,
    VERBOSE,
    WORKERS_OPTION,
    build_settings,
    default_inputs,
    note,
    parse_date,
    plural,
    verbosity,
)
from .progress import count_documents

if TYPE_CHECKING:
    from rich.progress import Progress

    from ..store import IngestSummary, Outcome


class _Report:
    """Failures always, every document with --verbose, a progress bar when stderr is a terminal.

    Lines are printed when a batch is committed, so whatever they name is already in the store.
    """

    def __init__(self, verbose: bool, progress: Progress | None, total: int | None) -> None:
        from rich.console import Console

        self.verbose = verbose
        self.progress = progress
        self.task = progress.add_task("ingesting", total=total) if progress else None
        self.console = progress.console if progress else Console(file=sys.stderr, highlight=False, soft_wrap=True)

    def __call__(self, outcomes: Sequence[Outcome]) -> None:
        for o in outcomes:
            if o.status == "failed":
                self.console.print(f"{o.source}: [{o.code}] {o.message}", markup=False)
            elif self.verbose:
                detail = f" ({plural(o.events, 'event')})" if o.status == "stored" else f" (as {o.article_id})"
                self.console.print(f"{o.status} {o.doc_id} from {o.source}{detail}", markup=False)
        if self.progress is not None and self.task is not None:
            self.progress.advance(self.task, len(outcomes))


def _progress(total: int | None) -> Progress:
    """A bar with a count and, when the inputs could be counted, a total and the time left."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                          TimeElapsedColumn()]
    if total is not None:
        columns += [TextColumn("left"), TimeRemainingColumn()]
    return Progress(*columns, console=Console(file=sys.stderr), transient=True)


def summary_line(summary: IngestSummary, seconds: float, db: Path) -> str:
    """What an ingest did, in one line, with the command's wall time (start-up included)."""
    s = summary
    return (f"ingested {plural(s.documents, 'document')} in {seconds:.1f} s: {plural(s.articles, 'article')} stored "
            f"({s.linked:,} joined an existing story), {plural(s.duplicates, 'duplicate')} "
            f"({s.skipped:,} skipped before coding), {plural(s.failures, 'failure')}, "
            f"{plural(s.resolved, 'earlier failure')} resolved; {plural(s.mentions, 'event mention')}, "
            f"{plural(s.new_events, 'new event')} -> {db}")


def ingest(
    ctx: typer.Context,
    inputs: list[str] = INPUTS_ARGUMENT,
    db: Path | None = DB_OPTION,
    date: str | None = DATE_OPTION,
    actors: list[Path] | None = ACTORS_OPTION,
    config: Path | None = CONFIG_OPTION,
    workers: int | None = WORKERS_OPTION,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="One line per document on stderr once it is "
                                 "stored: stored, duplicate, skipped (stored before) or failed (as the global "
                                 "newsevents -v)."),
) -> None:
    """Code articles and store their events; running the same inputs again stores nothing twice."""
    started = time.perf_counter()
    from ..pipeline import Pipeline  # loads spaCy: imported only when a command codes articles
    from ..read import read_inputs
    from ..store import open as open_store

    settings = build_settings(config, actors, extra={"store": {"path": db}})
    pipeline = Pipeline(settings, default_date=parse_date(date)).load()  # a broken dictionary stops here, once
    sources = default_inputs(inputs)
    items = read_inputs(sources, settings.read)
    shown = sys.stderr.isatty() and verbosity(ctx) > QUIET
    total = count_documents(sources, settings.read) if shown else None
    progress = _progress(total) if shown else None
    with open_store(settings.store.path, read_only=False, settings=settings.store) as store:
        report = _Report(verbose or verbosity(ctx) >= VERBOSE, progress, total)
        if progress is not None:
            progress.start()
        try:
            summary = store.ingest_documents(items, lambda todo: pipeline.run(todo, n_process=workers),
                                             on_commit=report)
        finally:
            if progress is not None:
                progress.stop()
    note(ctx, summary_line(summary, time.perf_counter() - started, settings.store.path))
    raise typer.Exit(EXIT_FAILURES if summary.failures else EXIT_OK)


ingest.__doc__ = f"{ingest.__doc__}\n\n{INPUTS_HELP}"


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
