"""Files of flat arrays, built once from the installed data and memory-mapped by every later process.

Two things newsevents needs at every start are slow to build from what it ships and fast to map once
built: the gazetteer's name index (geo/index.py) and the language identifier's model
(extract/langid_model.py). Each is stored as one such file in the cache directory
(``settings.default_cache_dir()``), named after a key of everything it was built from; a file whose key
does not match is never read, and a new one is built beside it.

    pack(key, arrays, meta)             -> bytes: a header and the arrays
    Packed(buffer, expected_key=key)    reads them back without copying: ``packed.arrays[name]`` is a
                                        memoryview of the array's type, ``packed.meta`` the JSON header
    cached(directory, name, key, build) the file ``name-key.bin``, built by ``build()`` on a miss

Layout (native little-endian): 8-byte magic, 4-byte header length, the JSON header (format, key, meta,
the offset, end and type code of every array, the total size), then the arrays, each 8-byte aligned.
"""

from __future__ import annotations

import json
import mmap
import os
import struct
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

MAGIC = b"NEVCACHE"
FORMAT = 1


class CacheFormatError(ValueError):
    """The bytes are not a cache file of this format (truncated, another version, another key)."""


def pack(key: str, arrays: Mapping[str, tuple[str, bytes]], meta: Mapping[str, Any]) -> bytes:
    """A cache file: ``arrays`` maps a name to (``array`` type code, the raw bytes)."""
    if sys.byteorder != "little":  # arrays are written and read in native order
        raise RuntimeError("newsevents' cache files are little-endian; this machine is not")
    guess = 0
    while True:  # the header holds offsets that depend on its own length: grow it until it fits
        offset = _align(12 + guess)
        spans: dict[str, tuple[int, int, str]] = {}
        for name, (code, raw) in arrays.items():
            spans[name] = (offset, offset + len(raw), code)
            offset = _align(offset + len(raw))
        header = json.dumps({"format": FORMAT, "key": key, "meta": meta, "arrays": spans, "size": offset},
                            separators=(",", ":")).encode("utf-8")
        if len(header) <= guess:
            break
        guess = len(header) + 64
    out = bytearray(offset)
    out[:12] = MAGIC + struct.pack("<I", len(header))
    out[12:12 + len(header)] = header
    for name, (_code, raw) in arrays.items():
        start, end, _ = spans[name]
        out[start:end] = raw
    return bytes(out)


def _align(n: int) -> int:
    return (n + 7) & ~7


class Packed:
    """The arrays of a cache file, as typed memoryviews over ``buffer`` (bytes or a memory map)."""

    def __init__(self, buffer: bytes | mmap.mmap, *, expected_key: str | None = None) -> None:
        if len(buffer) < 12 or buffer[:8] != MAGIC:
            raise CacheFormatError("not a newsevents cache file")
        (length,) = struct.unpack_from("<I", buffer, 8)
        try:
            header = json.loads(bytes(buffer[12:12 + length]))
            if header["format"] != FORMAT or (expected_key is not None and header["key"] != expected_key):
                raise CacheFormatError("another format or another version of the data")
            if header["size"] != len(buffer):
                raise CacheFormatError("truncated")
            view = memoryview(buffer)
            self.arrays: dict[str, memoryview] = {name: view[start:end].cast(code)
                                                  for name, (start, end, code) in header["arrays"].items()}
        except (KeyError, TypeError, ValueError) as exc:
            raise CacheFormatError(f"unreadable header ({exc})") from exc
        self.key: str = header["key"]
        self.meta: dict[str, Any] = header["meta"]
        self._buffer = buffer  # the views need it alive


def cached(directory: Path | None, name: str, key: str, build: Callable[[], bytes]) -> Packed:
    """``directory/name-key.bin``, built by ``build()`` and stored when missing or stale.

    Written to a temporary file and renamed, so that a reader never sees half a file and processes that
    build at the same time each end with a whole one. Where the directory cannot be written (or is
    None), the file is built in memory for this process only: as slow as having no cache, but correct.
    """
    if directory is None:
        return Packed(build(), expected_key=key)
    path = directory / f"{name}-{key}.bin"
    found = _open(path, key)
    if found is not None:
        return found
    data = build()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=f".{name}-", suffix=".tmp", delete=False) as f:
            f.write(data)
        os.replace(f.name, path)
    except OSError:
        return Packed(data, expected_key=key)
    found = _open(path, key)
    return found if found is not None else Packed(data, expected_key=key)


def _open(path: Path, key: str) -> Packed | None:
    try:
        with path.open("rb") as f:
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # missing, unreadable, or empty (mmap refuses length 0)
        return None
    try:
        return Packed(mapped, expected_key=key)
    except CacheFormatError:
        return None  # stale or damaged: the caller builds a new one (the map goes with its last view)
