"""Stored events out to a file or stream: Parquet, CSV, JSON Lines, GDELT 2.0's event table or POLECAT's.

Parquet and CSV carry the flat ``events`` columns (queries.EVENT_COLUMNS); JSON Lines the nested
records of records.event_record; GDELT its 61 columns (gdelt.py); POLECAT its named columns with a
header (polecat.py). Rows stream in batches, so a million events never sit in memory at once.

Which events: those the filter chooses (filters.py). Its modality, when not given, depends on the
format: GDELT and POLECAT files hold events that happened, so they get asserted events only (a denied
attack exported as an attack would be counted as one); the flat formats carry the ``modality``
column and get every event.
"""

from __future__ import annotations

import json
from typing import IO, Any, Literal

import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .dialect import dialect_of
from .filters import EventFilter
from .gdelt import gdelt_lines
from .polecat import polecat_lines
from .queries import EVENT_COLUMNS
from .records import event_record, jsonable

ExportFormat = Literal["parquet", "csv", "jsonl", "gdelt", "polecat"]
FORMATS: tuple[ExportFormat, ...] = ("parquet", "csv", "jsonl", "gdelt", "polecat")
EVENT_FORMATS: tuple[ExportFormat, ...] = ("gdelt", "polecat")  # files of events that happened
BATCH_ROWS = 50_000


def default_modality(fmt: ExportFormat) -> str:
    """What ``modality`` means when none is given: ``asserted`` for GDELT and POLECAT, else ``all``."""
    return "asserted" if fmt in EVENT_FORMATS else "all"


def export(cur: Any, fmt: ExportFormat, sink: IO[bytes], flt: EventFilter | None = None) -> int:
    """Write the events ``flt`` chooses (every event without one) to ``sink`` (a binary file or stream) in
    ``fmt``; returns the number of events."""
    flt = flt or EventFilter()
    if fmt in EVENT_FORMATS:
        if dialect_of(cur).name == "postgresql":
            from .mirror import mirrored_lines  # the DuckDB expressions, run on pages copied from the server

            lines = mirrored_lines(cur, fmt, flt, BATCH_ROWS)
        else:
            lines = gdelt_lines(cur, flt, BATCH_ROWS) if fmt == "gdelt" else polecat_lines(cur, flt, BATCH_ROWS)
        n = -1 if fmt == "polecat" else 0  # the header line is not an event
        for line in lines:
            sink.write(line.encode("utf-8"))
            n += 1
        return n
    where, params = flt.where()
    reader = cur.sql(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE {where} ORDER BY event_id",
                     params=params or None).to_arrow_reader(BATCH_ROWS)
    n = 0
    if fmt == "parquet":
        with pq.ParquetWriter(sink, reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
                n += batch.num_rows
    elif fmt == "csv":
        with pacsv.CSVWriter(sink, reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
                n += batch.num_rows
    else:
        for batch in reader:
            for row in batch.to_pylist():
                sink.write((json.dumps(event_record(row), default=jsonable, ensure_ascii=False) + "\n")
                           .encode("utf-8"))
            n += batch.num_rows
    return n
