"""What every command shares: settings from flags, input reading, failure reporting, exit status, and how
much to say on stderr (the global ``-q``/``-v``).

Command modules import only this, typer and the standard library at module level; whatever is heavy
(spaCy, DuckDB, pandas, FastAPI) is imported inside the command that needs it, so that ``newsevents
--help`` or ``newsevents events`` does not pay for the pipeline (issue 9).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import typer

from ..errors import UsageError
from ..settings import Settings, load_settings
from ..types import Failure, Result

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2
QUIET, NORMAL, VERBOSE = -1, 0, 1
_VERBOSITY_KEY = "newsevents.verbosity"

# ``metavar`` is what --help shows for each value ("--date YYYY-MM-DD"), instead of the Python type.
CONFIG_OPTION = typer.Option(None, "--config", metavar="FILE", dir_okay=False,
                             help="Settings file (TOML) laid over the defaults, instead of $NEWSEVENTS_CONFIG or "
                             "~/.config/newsevents/config.toml; `newsevents config` shows what is in effect.")
DATE_OPTION = typer.Option(None, "--date", metavar="YYYY-MM-DD",
                           help="Publication date for documents that carry none.")
ACTORS_OPTION = typer.Option(None, "--actors", metavar="FILE", help="Your own actor dictionary (YAML or CSV), "
                             "merged over the built-in one; may be repeated.", exists=True, dir_okay=False)
# Shown in each command's description instead (Typer prints an argument's Python type, list[str]).
INPUTS_ARGUMENT = typer.Argument(None, metavar="INPUT", hidden=True)
INPUTS_HELP = "INPUT: files (.txt, .html, .jsonl), directories, http(s) URLs, feeds (a feed URL, .rss, .atom, " \
              ".xml), feed lists (.opml, .feeds), web archives (.warc, .warc.gz), or - for standard input (the " \
              "default when text is piped in)."
WORKERS_OPTION = typer.Option(None, "--workers", min=1, metavar="N",
                              help="Worker processes for coding; default: one per CPU once there is more than one "
                              "batch of input (nlp.batch_size documents), else one.")


def set_verbosity(ctx: typer.Context, level: int) -> None:
    """Called once by the app's callback with the global -q/-v; ``meta`` is shared with every nested
    context, so a command reads it from its own (``verbosity(ctx)``)."""
    ctx.meta[_VERBOSITY_KEY] = level


def verbosity(ctx: typer.Context) -> int:
    """QUIET (-q), NORMAL or VERBOSE (-v) for the command running in ``ctx`` (NORMAL without the app)."""
    return int(ctx.meta.get(_VERBOSITY_KEY, NORMAL))


def note(ctx: typer.Context, message: str) -> None:
    """A diagnostic line on stderr (summaries, timings), left out with -q. Failures are never left out."""
    if verbosity(ctx) > QUIET:
        typer.echo(message, err=True)


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 document``, ``2 documents``, ``0 documents``."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"--date {value!r} is not a date; write it as YYYY-MM-DD") from exc


def build_settings(config: Path | None, actors: Sequence[Path] | None = None,
                   extra: dict[str, dict[str, Any]] | None = None) -> Settings:
    base = load_settings(config)
    overrides: dict[str, dict[str, Any]] = dict(extra or {})
    if actors:
        overrides["actors"] = {"extra_files": (*base.actors.extra_files, *actors)}
    return base.with_overrides(overrides) if overrides else base


def default_inputs(inputs: list[str] | None) -> list[str]:
    """The inputs as given; none means standard input, when something is piped in."""
    if inputs:
        return inputs
    if sys.stdin.isatty():
        raise UsageError("no input given: name files, directories or URLs, or pipe text in with -")
    return ["-"]


class FailureCounter:
    """Passes results through, reporting each failure as one line on stderr."""

    def __init__(self) -> None:
        self.failures = 0

    def results(self, items: Iterable[Result | Failure]) -> Iterator[Result]:
        for item in items:
            if isinstance(item, Failure):
                self.failures += 1
                typer.echo(item.line(), err=True)
            else:
                yield item

    @property
    def exit_code(self) -> int:
        return EXIT_FAILURES if self.failures else EXIT_OK
