"""Formatters: events as JSON Lines, CSV, TSV or a table; documents as JSON Lines or JSON.

The JSON shapes are the CLI contract (docs/cli.md): ``Event.to_dict()`` for events and
``document_record`` for ``extract``. CSV/TSV flatten the same fields into ``EVENT_COLUMNS``.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from typing import Any, Literal, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .types import Actor, Event, Result

EventFormat = Literal["table", "jsonl", "csv", "tsv"]
DocumentFormat = Literal["jsonl", "json"]

EVENT_COLUMNS = (
    "doc_id", "event_id", "date", "source_text", "source_name", "source_country", "source_sector", "source_code",
    "cameo", "plover_type", "plover_mode", "goldstein", "quad_class", "modality",
    "target_text", "target_name", "target_country", "target_sector", "target_code",
    "location_name", "location_country", "location_lat", "location_lon", "location_geonameid",
    "trigger", "trigger_start", "trigger_end", "sentence_index", "char_start", "char_end", "sentence", "coder",
    "date_note",
)


ARTICLE_COLUMNS = ("doc_id", "source", "url", "title", "author", "published", "site", "original_source",
                   "language", "text")


def event_fields(e: Event) -> dict[str, Any]:
    """One flat row of ``EVENT_COLUMNS`` for an event, as Python values: ``None`` where a value is missing,
    the date a ``datetime.date``, codes strings."""
    row: dict[str, Any] = {
        "doc_id": e.doc_id, "event_id": e.event_id, "date": e.date,
        "cameo": e.cameo, "plover_type": e.plover_type, "plover_mode": e.plover_mode,
        "goldstein": e.goldstein, "quad_class": e.quad_class, "modality": e.modality,
        "trigger": e.trigger, "trigger_start": e.trigger_start, "trigger_end": e.trigger_end,
        "sentence_index": e.sentence_index, "char_start": e.char_start,
        "char_end": e.char_end, "sentence": e.sentence, "coder": f"{e.coder.name}/{e.coder.version}",
        "date_note": e.date_note or None,
    }
    for role, actor in (("source", e.source), ("target", e.target)):
        for field in ("text", "name", "country", "sector", "code"):
            row[f"{role}_{field}"] = (getattr(actor, field) or None) if actor else None
    loc = e.location
    row.update({
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "location_lat": loc.lat if loc else None, "location_lon": loc.lon if loc else None,
        "location_geonameid": loc.geonameid if loc else None,
    })
    return row


def event_row(e: Event) -> dict[str, Any]:
    """One CSV/TSV row of ``EVENT_COLUMNS``: ``event_fields`` with the date in ISO form, "" for missing."""
    return {k: ("" if v is None else v.isoformat() if k == "date" else v) for k, v in event_fields(e).items()}


def article_fields(result: Result) -> dict[str, Any]:
    """One flat row of ``ARTICLE_COLUMNS`` for an article, as Python values (``published`` a date)."""
    a = result.article
    return {"doc_id": a.doc_id, "source": a.source, "url": a.url, "title": a.title, "author": a.author,
            "published": a.published, "site": a.site, "original_source": a.original_source,
            "language": a.language, "text": a.text}


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


def trigger_spans(e: Event) -> tuple[tuple[int, int], ...]:
    """Where the trigger's words are in the event's sentence (offsets into ``e.sentence``): one span when
    they are one run ("met"), several when other words come between ("offered to host talks between"
    in "offered to host a new round of talks between"); none when they cannot be found in order.

    The words are looked for between the trigger's first and last offsets, then in the whole sentence."""
    lo = max(0, e.trigger_start - e.char_start)
    hi = min(len(e.sentence), max(lo, e.trigger_end - e.char_start))
    return _words_in(e.sentence, e.trigger, lo, hi) or _words_in(e.sentence, e.trigger, 0, len(e.sentence))


def _words_in(sentence: str, trigger: str, lo: int, hi: int) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    pos = lo
    for word in trigger.split():
        m = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE).search(sentence, pos, hi)
        if m is None:
            return ()
        if spans and not sentence[spans[-1][1]:m.start()].strip():
            spans[-1] = (spans[-1][0], m.end())  # only spaces between: one run
        else:
            spans.append(m.span())
        pos = m.end()
    return tuple(spans)


def _evidence_cell(e: Event, styled: bool) -> Text:
    """The sentence with the trigger's words in brackets (in every output: files, pipes), bold on a terminal."""
    cell, pos = Text(), 0
    for start, end in trigger_spans(e):
        cell.append(e.sentence[pos:start])
        cell.append(f"[{e.sentence[start:end]}]", style="bold" if styled else "")
        pos = end
    cell.append(e.sentence[pos:])
    return cell


def _write_table(events: list[Event], out: TextIO) -> int:
    table = Table(show_lines=False, header_style="bold")
    for column in ("date", "source", "event", "target", "where", "modality", "evidence"):
        table.add_column(column, overflow="fold")
    styled = out.isatty()
    for e in events:
        kind = f"{e.plover_type or '-'} {e.cameo}"
        if not trigger_spans(e):
            kind += f" ({e.trigger})"
        where = f"{e.location.name}, {e.location.country}" if e.location else "-"
        table.add_row(e.date.isoformat() if e.date else "-", _actor_cell(e.source), kind,
                      _actor_cell(e.target), where, e.modality, _evidence_cell(e, styled))
    console = Console(file=out, width=200 if not styled else None, highlight=False,
                      force_terminal=False, no_color=not styled)
    console.print(table)
    console.print(f"{len(events)} event{'' if len(events) == 1 else 's'}")
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
