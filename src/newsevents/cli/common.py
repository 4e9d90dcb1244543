"""What every command shares: settings from flags, input reading, failure reporting, exit status."""

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

CONFIG_OPTION = typer.Option(None, "--config", help="Settings file (TOML) layered over the defaults.",
                             dir_okay=False)
DATE_OPTION = typer.Option(None, "--date", help="Publication date (YYYY-MM-DD) for documents that carry none.")
ACTORS_OPTION = typer.Option(None, "--actors", help="Your own actor dictionary (YAML or CSV), merged over the "
                             "built-in one; may be repeated.", exists=True, dir_okay=False)
INPUTS_ARGUMENT = typer.Argument(None, help="Files (.txt, .html, .jsonl), directories, URLs, or - for stdin.")
WORKERS_OPTION = typer.Option(1, "--workers", min=1, help="Worker processes for coding.")


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
