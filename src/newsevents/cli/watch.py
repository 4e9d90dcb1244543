"""`newsevents watch`: poll feeds every interval, code and store what is new (newsevents.watch.run_watch)."""

from __future__ import annotations

import signal
import sys
import threading
from pathlib import Path
from types import FrameType

import typer

from ..errors import UsageError
from ._store_options import DB_OPTION
from .common import ACTORS_OPTION, CONFIG_OPTION, EXIT_OK, QUIET, build_settings, verbosity

FEEDS_ARGUMENT = typer.Argument(..., metavar="FEED", help="Feed URLs (RSS or Atom), or files listing them: "
                                "OPML, or one URL a line; lists are read again every cycle.")


def watch(
    ctx: typer.Context,
    feeds: list[str] = FEEDS_ARGUMENT,
    every: str | None = typer.Option(None, "--every", metavar="INTERVAL", help="Time between the starts of two "
                                     "cycles: 90, 30s, 15m, 2h, 1d (default watch.every_s, 15m)."),
    db: Path | None = DB_OPTION,
    cycles: int | None = typer.Option(None, "--cycles", min=1, metavar="N", help="Stop after N cycles "
                                      "(default: run until SIGTERM or Ctrl-C)."),
    actors: list[Path] | None = ACTORS_OPTION,
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Poll feeds, fetch the articles that are new, code and store them; one summary line per cycle.

    What it has seen is kept in the store, so a restart (even after kill -9) stores nothing twice and loses
    nothing committed. SIGTERM or Ctrl-C stops it after the batch in progress, with exit status 0.
    """
    from ..watch import parse_interval

    try:
        every_s = parse_interval(every) if every is not None else None
    except UsageError as exc:
        raise typer.BadParameter(exc.message, param_hint="--every") from exc
    stop = threading.Event()

    def stopping(signum: int, frame: FrameType | None) -> None:
        stop.set()

    # Installed before the model loads, so that a SIGTERM during start-up also ends the run cleanly.
    signal.signal(signal.SIGTERM, stopping)
    signal.signal(signal.SIGINT, stopping)
    from ..pipeline import Pipeline  # spaCy: imported only by the commands that code
    from ..store import open as open_store
    from ..watch import run_watch

    settings = build_settings(config, actors, extra={"store": {"path": db}, "watch": {"every_s": every_s}})
    pipeline = Pipeline(settings).load()
    quiet = verbosity(ctx) <= QUIET

    def report(line: str) -> None:
        if not (quiet and line.startswith("cycle ")):
            print(line, file=sys.stderr, flush=True)

    with open_store(settings.store.path, read_only=False, settings=settings.store) as store:
        run_watch(feeds, settings, store, pipeline.run, every_s=settings.watch.every_s, stop=stop, report=report,
                  cycles=cycles)
    raise typer.Exit(EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("watch")(watch)
