"""Formatters: events as JSON Lines, CSV, TSV or a table; documents as JSON Lines or JSON.

The JSON shapes are the CLI contract (docs/cli.md): ``Event.to_dict()`` for events and
``document_record`` for ``extract``. CSV/TSV flatten the same fields into ``EVENT_COLUMNS``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, Literal, TextIO

from rich.console import Console
from rich.table import Table

from .types import Actor, Event, Result

EventFormat = Literal["table", "jsonl", "csv", "tsv"]
DocumentFormat = Literal["jsonl", "json"]

EVENT_COLUMNS = (
    "doc_id", "event_id", "date", "source_text", "source_name", "source_country", "source_sector", "source_code",
    "cameo", "plover_type", "plover_mode", "goldstein", "quad_class", "modality",
    "target_text", "target_name", "target_country", "target_sector", "target_code",
    "location_name", "location_country", "location_lat", "location_lon", "location_geonameid",
    "trigger", "sentence_index", "char_start", "char_end", "sentence", "coder", "date_note",
)


def event_row(e: Event) -> dict[str, Any]:
    """One flat row of ``EVENT_COLUMNS`` for an event."""
    row: dict[str, Any] = {
        "doc_id": e.doc_id, "event_id": e.event_id, "date": e.date.isoformat() if e.date else "",
        "cameo": e.cameo, "plover_type": e.plover_type or "", "plover_mode": e.plover_mode or "",
        "goldstein": e.goldstein, "quad_class": e.quad_class, "modality": e.modality,
        "trigger": e.trigger, "sentence_index": e.sentence_index, "char_start": e.char_start,
        "char_end": e.char_end, "sentence": e.sentence, "coder": f"{e.coder.name}/{e.coder.version}",
        "date_note": e.date_note or "",
    }
    for role, actor in (("source", e.source), ("target", e.target)):
        for field in ("text", "name", "country", "sector", "code"):
            row[f"{role}_{field}"] = (getattr(actor, field) or "") if actor else ""
    loc = e.location
    row.update({
        "location_name": loc.name if loc else "", "location_country": (loc.country or "") if loc else "",
        "location_lat": loc.lat if loc and loc.lat is not None else "",
        "location_lon": loc.lon if loc and loc.lon is not None else "",
        "location_geonameid": loc.geonameid if loc and loc.geonameid is not None else "",
    })
    return row


def write_events(events: Iterable[Event], fmt: EventFormat, out: TextIO) -> int:
    """Write events in ``fmt``; returns how many were written. The table is built at the end."""
    if fmt == "jsonl":
        n = 0
        for e in events:
            out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt in ("csv", "tsv"):
        writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS, delimiter="," if fmt == "csv" else "\t",
                                lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        n = 0
        for e in events:
            row = event_row(e)
            if fmt == "tsv":  # TSV has no quoting convention: keep each record on one line
                row = {k: str(v).replace("\t", " ").replace("\n", " ") for k, v in row.items()}
            writer.writerow(row)
            n += 1
        return n
    return _write_table(list(events), out)


def _actor_cell(actor: Actor | None) -> str:
    if actor is None:
        return "-"
    return f"{actor.code} ({actor.name})" if actor.name and actor.name != actor.code else actor.code


def _write_table(events: list[Event], out: TextIO) -> int:
    table = Table(show_lines=False, header_style="bold")
    for column in ("date", "source", "event", "target", "where", "modality", "evidence"):
        table.add_column(column, overflow="fold")
    for e in events:
        kind = f"{e.plover_type or '-'} {e.cameo}"
        where = f"{e.location.name}, {e.location.country}" if e.location else "-"
        table.add_row(e.date.isoformat() if e.date else "-", _actor_cell(e.source), f"{kind} ({e.trigger})",
                      _actor_cell(e.target), where, e.modality, e.doc_id)
    console = Console(file=out, width=200 if not out.isatty() else None, highlight=False,
                      force_terminal=False, no_color=not out.isatty())
    console.print(table)
    console.print(f"{len(events)} events")
    return len(events)


def document_record(result: Result) -> dict[str, Any]:
    """The ``extract`` record of one document (offsets index ``text`` as printed)."""
    a = result.article
    return {
        "doc_id": a.doc_id, "url": a.url, "title": a.title, "author": a.author,
        "published": a.published.isoformat() if a.published else None, "site": a.site,
        "original_source": a.original_source, "language": a.language, "text": a.text,
        "entities": [m.to_dict() for m in result.mentions],
        "places": [p.to_dict() for p in result.places],
    }


def write_documents(results: Iterable[Result], fmt: DocumentFormat, out: TextIO) -> int:
    records = (document_record(r) for r in results)
    if fmt == "jsonl":
        n = 0
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
    items = list(records)
    json.dump(items, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(items)
