"""`newsevents ingest`: read, code and store articles (read_inputs -> Pipeline.run -> EventStore)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from ..errors import UsageError
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

    from ..settings import Settings
    from ..store import EventStore, IngestSummary, Outcome


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


def summary_line(summary: IngestSummary, seconds: float, db: Path | str) -> str:
    """What an ingest did, in one line, with the command's wall time (start-up included)."""
    s = summary
    return (f"ingested {plural(s.documents, 'document')} in {seconds:.1f} s: {plural(s.articles, 'article')} stored "
            f"({s.linked:,} joined an existing story), {plural(s.duplicates, 'duplicate')} "
            f"({s.skipped:,} skipped before coding), {plural(s.failures, 'failure')}, "
            f"{plural(s.resolved, 'earlier failure')} resolved; {plural(s.mentions, 'event mention')}, "
            f"{plural(s.new_events, 'new event')} -> {db}")


SCHEDULER_OPTION = typer.Option(None, "--scheduler", metavar="tcp://HOST:PORT", help="Code on the Dask cluster of "
                                "this scheduler (needs the [dask] extra, and newsevents on every worker).")
DASK_WORKERS_OPTION = typer.Option(None, "--dask-workers", min=1, metavar="N", help="Code on a Dask cluster of N "
                                   "worker processes started on this machine for the run.")
PARQUET_OUT_OPTION = typer.Option(None, "--parquet-out", metavar="DIR", help="Write the coded documents as Parquet "
                                  "partitioned by date under DIR instead of storing them; --from-parquet stores "
                                  "them later.")
FROM_PARQUET_OPTION = typer.Option(None, "--from-parquet", metavar="DIR", help="Store what an earlier --parquet-out "
                                   "run wrote under DIR (no INPUT, no coding).")


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
    scheduler: str | None = SCHEDULER_OPTION,
    dask_workers: int | None = DASK_WORKERS_OPTION,
    parquet_out: Path | None = PARQUET_OUT_OPTION,
    from_parquet: Path | None = FROM_PARQUET_OPTION,
) -> None:
    """Code articles and store their events; running the same inputs again stores nothing twice."""
    started = time.perf_counter()
    from ..read import read_inputs
    from ..scale.coding import coding
    from ..scale.parquet import read_parquet, write_parquet

    settings = build_settings(config, actors, extra={"store": {"path": db}})
    shown = sys.stderr.isatty() and verbosity(ctx) > QUIET
    loud = verbose or verbosity(ctx) >= VERBOSE
    if from_parquet is not None:
        if inputs or parquet_out is not None:
            raise UsageError("--from-parquet stores what was coded before: give no INPUT and no --parquet-out")
        summary = _store(settings, loud, shown, None,
                         lambda store, report: store.ingest(read_parquet(from_parquet), on_commit=report))
    else:
        with coding(settings, default_date=parse_date(date), workers=workers, scheduler=scheduler,
                    dask_workers=dask_workers) as run:
            sources = default_inputs(inputs)
            items = read_inputs(sources, settings.read)
            if parquet_out is not None:
                written = write_parquet(run(items), parquet_out)
                note(ctx, written.line(parquet_out, time.perf_counter() - started))
                raise typer.Exit(EXIT_FAILURES if written.failures else EXIT_OK)
            total = count_documents(sources, settings.read) if shown else None
            summary = _store(settings, loud, shown, total,
                             lambda store, report: store.ingest_documents(items, run, on_commit=report))
    note(ctx, summary_line(summary, time.perf_counter() - started, settings.store.path))
    raise typer.Exit(EXIT_FAILURES if summary.failures else EXIT_OK)


def _store(settings: Settings, loud: bool, shown: bool, total: int | None,
           ingest: Callable[[EventStore, _Report], IngestSummary]) -> IngestSummary:
    """Open the store for writing and ``ingest`` into it, reporting each committed batch."""
    from ..store import open as open_store

    progress = _progress(total) if shown else None
    with open_store(settings.store.path, read_only=False, settings=settings.store) as store:
        report = _Report(loud, progress, total)
        if progress is not None:
            progress.start()
        try:
            return ingest(store, report)
        finally:
            if progress is not None:
                progress.stop()


ingest.__doc__ = f"{ingest.__doc__}\n\n{INPUTS_HELP}"


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
