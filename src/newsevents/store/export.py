"""Every stored event out to a file or stream: Parquet, CSV, JSON Lines or GDELT 2.0's event table.

Parquet and CSV carry the flat ``events`` columns (queries.EVENT_COLUMNS); JSON Lines the nested
records of records.event_record; GDELT its 61 columns (gdelt.py). Rows stream in batches, so a
million events never sit in memory at once.
"""

from __future__ import annotations

import json
from typing import IO, Any, Literal

import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .gdelt import gdelt_lines
from .queries import EVENT_COLUMNS
from .records import event_record, jsonable

ExportFormat = Literal["parquet", "csv", "jsonl", "gdelt"]
FORMATS: tuple[ExportFormat, ...] = ("parquet", "csv", "jsonl", "gdelt")
BATCH_ROWS = 50_000


def export(cur: Any, fmt: ExportFormat, sink: IO[bytes]) -> int:
    """Write every event to ``sink`` (a binary file or stream) in ``fmt``; returns the number of events."""
    if fmt == "gdelt":
        n = 0
        for line in gdelt_lines(cur, BATCH_ROWS):
            sink.write(line.encode("utf-8"))
            n += 1
        return n
    reader = cur.sql(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events ORDER BY event_id").to_arrow_reader(BATCH_ROWS)
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
