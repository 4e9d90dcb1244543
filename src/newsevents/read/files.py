"""Files and directories.

A file's kind comes from its extension (``.txt`` text, ``.html``/``.htm`` HTML, ``.jsonl`` JSON Lines,
read by ``jsonl.py``); any other extension is sniffed (HTML when it starts with a doctype or
``<html``). A directory is read recursively in sorted order, taking only files whose extension is in
``read.extensions`` and skipping hidden files and folders (``.git``, editor swap files).

The size limit is checked with ``stat`` before a byte is read, so a 2 GB log passed by mistake
costs nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError, InputTooLargeError, MissingInputError, NewsEventsError
from ..settings import ReadSettings
from ..types import DocKind, Document, Failure
from .content import sniff_kind, validate
from .ids import file_doc_id
from .jsonl import read_jsonl
from .outcome import as_failure

_KINDS: dict[str, DocKind] = {".txt": "text", ".html": "html", ".htm": "html"}


def read_path(item: str, settings: ReadSettings) -> Iterator[Document | Failure]:
    """The documents in a file or a directory, named as the user gave it."""
    path = Path(item)
    if not item:
        yield as_failure(MissingInputError("an empty input name was given; pass a file, a directory, "
                                           "a URL or '-' for standard input"), "<empty>")
    elif path.is_dir():
        yield from _read_directory(item, settings)
    elif path.is_file():
        yield from _read_file(item, settings)
    elif path.exists():
        yield as_failure(MissingInputError(f"{item} is neither a regular file nor a directory; "
                                           "pass a file, a directory or a URL"), item)
    else:
        yield as_failure(MissingInputError(f"no such file or directory: {item}; check the path"), item)


def _read_directory(item: str, settings: ReadSettings) -> Iterator[Document | Failure]:
    extensions = {e.lower() if e.startswith(".") else f".{e.lower()}" for e in settings.extensions}
    found: list[tuple[tuple[str, ...], str]] = []
    for root, dirs, files in os.walk(item):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel_root = Path(root).relative_to(item)
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in extensions:
                found.append(((*rel_root.parts, name), os.path.join(root, name)))
    if not found:
        yield as_failure(MissingInputError(f"directory {item} holds no files ending in "
                                           f"{', '.join(sorted(extensions))}; add some or change "
                                           "the setting read.extensions"), item)
        return
    for _, source in sorted(found):
        yield from _read_file(source, settings)


def _read_file(source: str, settings: ReadSettings) -> Iterator[Document | Failure]:
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from read_jsonl(source, settings)
        return
    what = f"file {source}"
    try:
        size = _size(path, what)
        if size > settings.max_bytes:
            raise InputTooLargeError(f"{what} is {size:,} bytes, over the limit of {settings.max_bytes:,} "
                                     "(setting read.max_bytes); split it or raise read.max_bytes")
        content = _read_bytes(path, what)
        kind = _KINDS.get(suffix) or sniff_kind(content)
        validate(content, kind, what)
    except NewsEventsError as exc:
        yield as_failure(exc, source)
        return
    yield Document(doc_id=file_doc_id(path, content), source=source, content=content, kind=kind)


def _size(path: Path, what: str) -> int:
    try:
        return path.stat().st_size
    except OSError as exc:
        raise InputError(f"{what} cannot be read ({exc.strerror or exc}); check its permissions") from exc


def _read_bytes(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"{what} cannot be read ({exc.strerror or exc}); check its permissions") from exc
