"""`newsevents events`: the stored events that match filters."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from ._store_options import DB_OPTION, FORMAT_OPTION, MODALITY_HELP, check_format, open_for_reading, write_rows
from .common import CONFIG_OPTION

MODALITY_OPTION = typer.Option(None, "--modality", metavar="MODALITY",
                               help=f"Only events of this modality: {MODALITY_HELP} Default: all.")
TABLE_COLUMNS = ("event_id", "date", "source_code", "source_name", "plover_type", "cameo", "target_code",
                 "target_name", "modality", "location_name", "location_country", "num_mentions", "num_articles",
                 "num_sources")


def events(
    db: Path | None = DB_OPTION,
    actor: str | None = typer.Option(None, "--actor", metavar="ACTOR",
                                     help="Actor code prefix (USA, USAGOV) or part of a name."),
    country: str | None = typer.Option(None, "--country", metavar="ISO3",
                                       help="ISO 3166 alpha-3: source, target or location."),
    dyad: str | None = typer.Option(None, "--dyad", metavar="A:B",
                                    help="SOURCE:TARGET, each a country or actor code (USA:IRN)."),
    plover: str | None = typer.Option(None, "--type", metavar="TYPE", help="PLOVER event type (CONSULT, ASSAULT...)."),
    cameo: str | None = typer.Option(None, "--cameo", metavar="CODE", help="CAMEO code prefix (19 = every fight)."),
    since: str | None = typer.Option(None, "--since", metavar="YYYY-MM-DD", help="First event date, YYYY-MM-DD."),
    until: str | None = typer.Option(None, "--until", metavar="YYYY-MM-DD", help="Last event date, YYYY-MM-DD."),
    near: str | None = typer.Option(None, "--near", metavar="LAT,LON,KM",
                                    help="LAT,LON,KM: events located within KM kilometres."),
    modality: list[str] | None = MODALITY_OPTION,
    limit: int = typer.Option(100, "--limit", min=0, metavar="N", help="At most this many, newest first; 0 for all."),
    fmt: str = FORMAT_OPTION,
    config: Path | None = CONFIG_OPTION,
) -> None:
    """Stored events matching every filter given, newest first."""
    check_format(fmt)
    from ..store.records import event_record

    with open_for_reading(config, db) as store:
        table = store.events_arrow(actor=actor, country=country, dyad=dyad, type=plover, cameo=cameo, since=since,
                                   until=until, near=near, modality=modality, limit=limit or None)
    write_rows(table, fmt, sys.stdout, record=event_record, columns=TABLE_COLUMNS)


def register(app: typer.Typer) -> None:
    app.command("events")(events)
