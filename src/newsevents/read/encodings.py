"""The encoding labels of the WHATWG Encoding Standard, from ``data/encodings.csv``.

    lookup("ISO-8859-1 ") -> Encoding(name="windows-1252", codec="cp1252")
    lookup("base64")      -> None: not an encoding label, so never handed to Python's codec registry

Python's ``codecs`` also knows bytes-to-bytes and bytes-to-text transforms (base64, zlib, punycode,
unicode_escape) that no web page can be written in; a page or a server naming one must not reach
them. The table is read once, on first use, and never changes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from ..errors import KnowledgeError

DATA = Path(__file__).resolve().parent / "data" / "encodings.csv"
# Codecs that stand for no Python codec: read.content implements them or refuses them.
_SPECIAL = frozenset({"replacement", "x-user-defined"})


@dataclass(frozen=True, slots=True)
class Encoding:
    name: str  # the standard's name ("windows-1252")
    codec: str  # the Python codec that decodes it, or "replacement" / "x-user-defined"


@cache
def _labels() -> MappingProxyType[str, Encoding]:
    try:
        lines = [line for line in DATA.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
        table: dict[str, Encoding] = {}
        for row in csv.DictReader(lines):
            encoding = Encoding(row["encoding"], row["codec"])
            if encoding.codec not in _SPECIAL:
                "".encode(encoding.codec)  # a codec this Python lacks fails here, not on a user's page
            for label in row["labels"].split():
                table[label] = encoding
    except (OSError, KeyError, LookupError, csv.Error) as exc:
        raise KnowledgeError(f"the built-in encoding table ({DATA.name}) is malformed ({exc}); "
                             "reinstall newsevents") from exc
    return MappingProxyType(table)


def lookup(label: str) -> Encoding | None:
    """The encoding ``label`` names (ASCII whitespace trimmed, case ignored), or None if it names none."""
    return _labels().get(label.strip(" \t\n\f\r").lower())


@cache
def guessable_codecs() -> tuple[str, ...]:
    """The codecs worth guessing a plain-text file's encoding among: every WHATWG one but UTF-8 (tried
    first), UTF-16 (never without a BOM here: its NUL bytes make it binary), the special ones, and the
    Mac code pages: almost any bytes read as plausible Mac Roman, which beat windows-1252 on English
    text with one accented name ("S„o Paulo"), and files in it are from before Mac OS X."""
    skipped = ("utf-8", "utf-16", "mac_")
    seen = dict.fromkeys(e.codec for e in _labels().values()
                         if e.codec not in _SPECIAL and not e.codec.startswith(skipped))
    return tuple(seen)
