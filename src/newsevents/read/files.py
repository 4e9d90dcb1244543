"""Files and directories.

A file's kind comes from its extension (``.txt`` text, ``.html``/``.htm`` HTML, ``.jsonl`` JSON Lines,
read by ``jsonl.py``); any other extension is sniffed (HTML when it starts with a doctype or
``<html``). A directory is read recursively in sorted order, taking only files whose extension is in
``read.extensions`` and skipping hidden files and folders (``.git``, editor swap files); a folder
that cannot be listed is reported, not skipped in silence.

Only regular files are opened (``opening.py``): a FIFO, socket or device is E108 and a symbolic
link loop E109, whether named directly or met in a directory. The size limit is checked with
``stat`` before a byte is read, so a 2 GB log passed by mistake costs nothing.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError, InputTooLargeError, MissingInputError, NewsEventsError
from ..settings import ReadSettings
from ..types import DocKind, Document, Failure
from .content import sniff_kind, validate
from .ids import file_doc_id
from .jsonl import read_jsonl
from .opening import not_regular, open_regular, os_error
from .outcome import as_failure, guarded, guarded_iter

_KINDS: dict[str, DocKind] = {".txt": "text", ".html": "html", ".htm": "html"}


def read_path(item: str, settings: ReadSettings) -> Iterator[Document | Failure]:
    """The documents in a file or a directory, named as the user gave it."""
    if not item:
        yield as_failure(MissingInputError("an empty input name was given; pass a file, a directory, "
                                           "a URL or '-' for standard input"), "<empty>")
        return
    try:
        mode = os.stat(item).st_mode
    except OSError as exc:
        yield as_failure(os_error(exc, item), item)
        return
    if stat.S_ISDIR(mode):
        yield from guarded_iter(item, _read_directory(item, settings))
    elif stat.S_ISREG(mode):
        yield from _read_file(item, settings)
    else:
        yield as_failure(not_regular(mode, item), item)


def _read_directory(item: str, settings: ReadSettings) -> Iterator[Document | Failure]:
    extensions = {e.lower() if e.startswith(".") else f".{e.lower()}" for e in settings.extensions}
    found: list[tuple[tuple[str, ...], str]] = []
    unlisted: list[Failure] = []

    def report(exc: OSError) -> None:
        folder = exc.filename if isinstance(exc.filename, str) else item
        unlisted.append(as_failure(InputError(f"directory {folder} cannot be listed ({exc.strerror or exc}); "
                                              "check its permissions"), folder))

    for root, dirs, files in os.walk(item, onerror=report):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel_root = Path(root).relative_to(item)
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in extensions:
                found.append(((*rel_root.parts, name), os.path.join(root, name)))
    yield from unlisted
    if not found:
        if not unlisted:
            yield as_failure(MissingInputError(f"directory {item} holds no files ending in "
                                               f"{', '.join(sorted(extensions))}; add some or change "
                                               "the setting read.extensions"), item)
        return
    for _, source in sorted(found):
        yield from _read_file(source, settings)


def _read_file(source: str, settings: ReadSettings) -> Iterator[Document | Failure]:
    if Path(source).suffix.lower() == ".jsonl":
        yield from guarded_iter(source, read_jsonl(source, settings))
    else:
        yield guarded(source, lambda: _read_one(source, settings))


def _read_one(source: str, settings: ReadSettings) -> Document | Failure:
    path = Path(source)
    what = f"file {source}"
    try:
        stream, size = open_regular(path, what)
        with stream:
            if size > settings.max_bytes:
                raise _too_large(what, f"{size:,} bytes", settings)
            try:
                content = stream.read(settings.max_bytes + 1)
            except OSError as exc:
                raise os_error(exc, what) from exc
        if len(content) > settings.max_bytes:  # it grew after the size check
            raise _too_large(what, f"more than {settings.max_bytes:,} bytes", settings)
        kind = _KINDS.get(path.suffix.lower()) or sniff_kind(content)
        validate(content, kind, what)
    except NewsEventsError as exc:
        return as_failure(exc, source)
    return Document(doc_id=file_doc_id(path, content), source=source, content=content, kind=kind)


def _too_large(what: str, size: str, settings: ReadSettings) -> InputTooLargeError:
    return InputTooLargeError(f"{what} is {size}, over the limit of {settings.max_bytes:,} "
                              "(setting read.max_bytes); split it or raise read.max_bytes")
