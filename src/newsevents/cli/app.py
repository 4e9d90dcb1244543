"""The command-line app: a thin layer, one module per command, each calling the library.

Exit status: 0 every input processed, 1 some inputs failed (the rest still printed), 2 usage error.
Data goes to stdout, diagnostics to stderr.
"""

from __future__ import annotations

import sys

import typer

from ..errors import NewsEventsError, UsageError
from . import code, events, export, extract, failures, ingest, serve, sql
from . import eval as eval_command
from .common import EXIT_FAILURES, EXIT_USAGE


def build_app() -> typer.Typer:
    app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                      help="newsevents: political event data (CAMEO, PLOVER) from news, with evidence.")
    for module in (code, extract, eval_command, ingest, events, sql, export, failures, serve):
        module.register(app)
    return app


def main() -> None:
    app = build_app()
    try:
        app(standalone_mode=True)
    except UsageError as exc:
        typer.echo(f"newsevents: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except NewsEventsError as exc:
        typer.echo(f"newsevents: {exc}", err=True)
        sys.exit(EXIT_FAILURES)
