"""Coded documents as date-partitioned Parquet, and back into the store.

    DIR/date=2025-11-14/part-<run>-00000.parquet
    DIR/date=__HIVE_DEFAULT_PARTITION__/...        articles without a publication date, and failures

One row per input: what it was (``kind``: ``result`` or ``failure``), where it came from, a few
columns to query without decoding (``url``, ``title``, ``published``, ``language``, ``events``,
``code``, ``message``), and ``record``: the whole Result or Failure as JSON (records.py), from which
``read_parquet`` rebuilds it exactly, for ``EventStore.ingest``. The partition is the article's
publication date (Hive's layout, which DuckDB, pandas and Spark read as a ``date`` column). A file is
written whole (to a temporary name, then renamed), so a run stopped midway leaves whole files only;
loading the same rows twice stores nothing twice (the store's keys).
"""

from __future__ import annotations

import os
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import ClusterError, MissingInputError
from ..types import Failure, Result
from . import records

NO_DATE = "__HIVE_DEFAULT_PARTITION__"  # Hive's (and pyarrow's) name for a null partition value
# Rows held before files are written: a few MB of JSON, and few enough files for a day of news.
ROWS_PER_WRITE = 2048

SCHEMA = pa.schema([
    ("kind", pa.string()), ("source", pa.string()), ("doc_id", pa.string()), ("url", pa.string()),
    ("title", pa.string()), ("published", pa.date32()), ("language", pa.string()), ("events", pa.int32()),
    ("code", pa.string()), ("message", pa.string()), ("record", pa.string()),
])


@dataclass(frozen=True, slots=True)
class ParquetSummary:
    documents: int = 0
    results: int = 0
    failures: int = 0
    events: int = 0
    files: int = 0

    def line(self, directory: Path, seconds: float) -> str:
        return (f"wrote {self.documents:,} documents in {seconds:.1f} s: {self.results:,} coded "
                f"({self.events:,} event mentions), {self.failures:,} failed, in {self.files:,} Parquet files "
                f"-> {directory}")


def _row(item: Result | Failure) -> dict[str, Any]:
    if isinstance(item, Failure):
        return {"kind": "failure", "source": item.source, "doc_id": item.doc_id, "code": item.code,
                "message": item.message, "record": records.dumps(item)}
    a = item.article
    return {"kind": "result", "source": a.source, "doc_id": a.doc_id, "url": a.url, "title": a.title,
            "published": a.published, "language": a.language, "events": len(item.events),
            "record": records.dumps(item)}


def write_parquet(results: Iterable[Result | Failure], directory: Path) -> ParquetSummary:
    """Every result under ``directory`` (created if need be), one partition per publication date."""
    run = uuid.uuid4().hex[:12]  # files of another run into the same directory keep their names
    held: dict[str, list[dict[str, Any]]] = defaultdict(list)
    counts = {"documents": 0, "results": 0, "failures": 0, "events": 0, "files": 0}
    pending = 0
    for item in results:
        row = _row(item)
        published = row.get("published")
        held[published.isoformat() if isinstance(published, date) else NO_DATE].append(row)
        counts["documents"] += 1
        counts["failures" if row["kind"] == "failure" else "results"] += 1
        counts["events"] += row.get("events") or 0
        pending += 1
        if pending >= ROWS_PER_WRITE:
            counts["files"] += _flush(held, directory, run, counts["files"])
            pending = 0
    counts["files"] += _flush(held, directory, run, counts["files"])
    return ParquetSummary(**counts)


def _flush(held: dict[str, list[dict[str, Any]]], directory: Path, run: str, written: int) -> int:
    files = 0
    for day, rows in sorted(held.items()):
        folder = directory / f"date={day}"
        path = folder / f"part-{run}-{written + files:05d}.parquet"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.partial")
            pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMA), partial)
            os.replace(partial, path)
        except OSError as exc:
            raise ClusterError(f"cannot write Parquet results ({exc.strerror or exc}); choose a writable "
                               "--parquet-out folder", source=str(path)) from exc
        files += 1
    held.clear()
    return files


def parquet_files(directory: Path) -> list[Path]:
    """The Parquet files under ``directory``, by date then name (the order ``read_parquet`` reads them)."""
    if not directory.is_dir():
        raise MissingInputError("no such folder of Parquet results; give the --parquet-out folder of an "
                                "earlier run", source=str(directory))
    files = sorted(p for p in directory.rglob("*.parquet") if not p.name.startswith("."))
    if not files:
        raise MissingInputError("holds no .parquet files; give the --parquet-out folder of an earlier run",
                                source=str(directory))
    return files


def read_parquet(directory: Path) -> Iterator[Result | Failure]:
    """The Results and Failures written under ``directory``; a file or row that cannot be read becomes an
    E700 Failure naming it, and the rest are read."""
    for path in parquet_files(directory):
        try:
            table = pq.read_table(path, columns=["kind", "record"])
        except (OSError, pa.ArrowException, ValueError) as exc:
            yield Failure(str(path), ClusterError.code, f"not a readable Parquet file of newsevents results "
                          f"({str(exc).strip()[:200]}); write it again with --parquet-out")
            continue
        for n, (kind, text) in enumerate(zip(table.column("kind").to_pylist(), table.column("record").to_pylist(),
                                             strict=True)):
            try:
                yield records.loads(text, Failure if kind == "failure" else Result)
            except (TypeError, ValueError, KeyError, AssertionError) as exc:
                yield Failure(f"{path}:{n}", ClusterError.code, f"a row that is not a newsevents record "
                              f"({type(exc).__name__}: {str(exc).strip()[:200]}); write it again with --parquet-out")
