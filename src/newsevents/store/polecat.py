"""A POLECAT-style event table: PLOVER type and mode, actor and recipient, place, date, story.

POLECAT (Halterman et al., "PLOVER and POLECAT: A New Political Event Ontology and Dataset", 2023) is
published as tab-separated files with a header row; this export writes the same shape, one row per
distinct event, in event id order. Its columns keep POLECAT's names where newsevents has the same
thing to put in them ("Event Type", "Actor Name", "Recipient Country", "Story ID"...), and end with the
project's own (marked "Newsevents:" in ``data/polecat_columns.csv``): the CAMEO codes, the modality,
the counts and where to find the evidence. POLECAT columns newsevents cannot fill (contexts, intensity,
Wikipedia ids, COW codes, titles) are left out rather than written empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .columns import ExportColumn, base_query, read_columns, text_rows
from .filters import EventFilter


def polecat_columns() -> tuple[ExportColumn, ...]:
    return read_columns("polecat_columns.csv")


def polecat_names() -> list[str]:
    return [c.name for c in polecat_columns()]


def polecat_lines(cur: Any, flt: EventFilter | None = None, batch_rows: int = 50_000) -> Iterator[str]:
    """The header, then every event ``flt`` chooses as one line, each with its newline."""
    columns = polecat_columns()
    yield "\t".join(c.name for c in columns) + "\n"
    sql, params = base_query(columns, flt or EventFilter())
    for values in text_rows(cur, sql, params, {}, batch_rows):
        yield "\t".join(values) + "\n"
