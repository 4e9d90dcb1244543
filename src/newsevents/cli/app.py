"""The command-line app: a thin layer, one module per command, each calling the library.

Exit status: 0 every input processed, 1 some inputs failed (the rest still printed), 2 usage error.
"""

from __future__ import annotations

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="newsevents: political event data (CAMEO, PLOVER) from news, with evidence.")


def main() -> None:
    app()
