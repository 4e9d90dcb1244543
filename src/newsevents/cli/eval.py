"""`newsevents eval`: score the coder against a gold set, by the same rules as the project's referee."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from .common import ACTORS_OPTION, CONFIG_OPTION, EXIT_FAILURES, EXIT_OK, build_settings

GOLD_ARGUMENT = typer.Argument(..., dir_okay=False, metavar="GOLD", hidden=True)
KIND_OPTION = typer.Option(None, "--kind", metavar="KIND",
                           help="events, places or seed; guessed from the gold file when left out.")
FORMAT_OPTION = typer.Option("text", "--format", metavar="FORMAT", help="text or json.")
WORST_OPTION = typer.Option(10, "--worst", min=0, metavar="N", help="How many of the worst-coded sentences (or wrong "
                            "toponyms) to show.")
PREDICTIONS_OPTION = typer.Option(None, "--predictions", dir_okay=False, metavar="FILE",
                                  help="Score these instead of coding the "
                                  "gold texts: events as `newsevents code --format jsonl` prints them, or, for "
                                  "places, documents as `newsevents extract --format jsonl` prints them.")
HALF_OPTION = typer.Option(None, "--half", metavar="HALF",
                           help="Score one fixed half of the gold set: work (look at its "
                           "sentences while improving the coder) or check (read only its numbers).")


def eval_command(
    gold: Path = GOLD_ARGUMENT,
    kind: str | None = KIND_OPTION,
    fmt: str = FORMAT_OPTION,
    worst: int = WORST_OPTION,
    predictions: Path | None = PREDICTIONS_OPTION,
    half: str | None = HALF_OPTION,
    actors: list[Path] | None = ACTORS_OPTION,
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Measure accuracy on a gold set: event type, event (type and actors), CAMEO root, places.

    GOLD: JSON Lines of coded sentences or of toponyms, PETRARCH validation XML, or a seed article's
    .gold.json.
    """
    from ..evaluate import HALVES, KINDS, evaluate, render_text  # the pipeline's modules: imported when run

    if fmt not in ("text", "json"):
        raise typer.BadParameter(f"{fmt!r}: choose text or json", param_hint="--format")
    if kind is not None and kind not in KINDS:
        raise typer.BadParameter(f"{kind!r}: choose {', '.join(KINDS)}", param_hint="--kind")
    if half is not None and half not in HALVES:
        raise typer.BadParameter(f"{half!r}: choose {', '.join(HALVES)}", param_hint="--half")
    settings = build_settings(config, actors)
    report = evaluate(gold, kind=kind, predictions=predictions, settings=settings, worst=worst,
                      half=half)
    if fmt == "json":
        sys.stdout.write(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_text(report))
    for line in report.get("failures", []):
        typer.echo(line, err=True)
    raise typer.Exit(EXIT_FAILURES if report.get("failures") else EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)
