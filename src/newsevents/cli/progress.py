"""How many documents the inputs hold, when that is cheap to know: the total of ingest's progress bar.

Files count one each, a JSON Lines file its lines (counted in 1 MiB reads, no parsing), a URL one;
directories are walked as ``read.files`` walks them (same extensions, hidden names skipped). Standard
input, feeds and web archives cannot be counted without reading them, so with them there is no total (the bar then shows
the count and the time so far, without an estimate of the time left).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..settings import ReadSettings

_CHUNK = 1 << 20


def count_documents(inputs: Sequence[str], settings: ReadSettings) -> int | None:
    """The number of documents ``read_inputs(inputs)`` will yield (failures included), or None."""
    extensions = {e.lower() if e.startswith(".") else f".{e.lower()}" for e in settings.extensions}
    total = 0
    for item in inputs:
        if item == "-" or item.lower().endswith((".warc", ".warc.gz", ".rss", ".atom", ".xml", ".opml", ".feeds")):
            return None  # feeds and archives are counted only by reading them
        if "://" in item:
            total += 1
            continue
        path = Path(item)
        total += sum(_count_file(p) for p in _files(path, extensions)) if path.is_dir() else _count_file(path)
    return total


def _files(root: Path, extensions: set[str]) -> Iterable[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in extensions:
                yield Path(folder, name)


def _count_file(path: Path) -> int:
    if path.suffix.lower() != ".jsonl":
        return 1  # a missing or unreadable input is one failure
    lines, last = 0, b"\n"
    try:
        with path.open("rb") as f:
            while chunk := f.read(_CHUNK):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 1
    return lines + (last != b"\n")
