"""The command-line app: a thin layer, one module per command, each calling the library.

Exit status: 0 every input processed, 1 some inputs failed (the rest still printed), 2 usage error.
Data goes to stdout, diagnostics to stderr; ``-q`` keeps only failures there, ``-v`` adds a line per
document where a command has one. Building the app imports no command's heavy libraries (common.py).
"""

from __future__ import annotations

import sys

import typer

from ..errors import NewsEventsError, UsageError
from . import code, config, events, export, extract, failures, ingest, serve, sql, watch
from . import eval as eval_command
from .common import EXIT_FAILURES, EXIT_USAGE, NORMAL, QUIET, VERBOSE, set_verbosity

HELP = ("newsevents: political event data (CAMEO, PLOVER) from news, with evidence.\n\n"
        "`newsevents COMMAND --help` describes each command; `newsevents config` shows the settings in effect.")


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            installed = version("newsevents")
        except PackageNotFoundError:  # run from a source tree that was never installed
            installed = "unknown (not installed)"
        typer.echo(f"newsevents {installed}")
        raise typer.Exit()


def _global_options(
    ctx: typer.Context,
    _version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version,
                                  help="Print the installed version and exit."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Only failures on stderr: no progress bar, no summary."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="More on stderr: a line per document stored."),
) -> None:
    if quiet and verbose:
        raise typer.BadParameter("give -q or -v, not both", param_hint="-q/-v")
    set_verbosity(ctx, QUIET if quiet else VERBOSE if verbose else NORMAL)


def build_app() -> typer.Typer:
    # Plain (Click) help: it shows each option's value as its metavar ("--date YYYY-MM-DD"); Typer's rich
    # panels print Python types ("<list[str]>", "<bool>") beside them.
    app = typer.Typer(add_completion=True, no_args_is_help=True, pretty_exceptions_enable=False,
                      rich_markup_mode=None, help=HELP)
    app.callback()(_global_options)
    for module in (code, extract, eval_command, ingest, watch, events, sql, export, failures, serve, config):
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
