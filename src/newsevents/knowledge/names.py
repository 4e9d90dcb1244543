"""Name folding: one normal form for matching names written in many ways.

"U.S." / "US" / "the U.S."  -> "us";  "Erdoğan" -> "erdogan";  "al‑Sudani" -> "al-sudani".
Every alias index in the project (countries, actors, places) keys on ``fold``.
"""

from __future__ import annotations

import re
import unicodedata

_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-",
                         "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+")


def strip_accents(text: str) -> str:
    if text.isascii():  # most names in English news: nothing to strip, and this runs per token
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Case-, accent-, dot- and spacing-insensitive key; drops a leading "the" and possessive "'s"."""
    t = strip_accents(text.translate(_DASHES)).casefold()
    t = t.replace(".", "")
    t = _SPACES.sub(" ", t).strip(" ,;:'\"()")
    t = _LEADING_THE.sub("", t)
    if t.endswith("'s"):
        t = t[:-2]
    return t


def is_abbreviation_safe(text: str) -> bool:
    """Short names ("US", "UK", "UN") count only when written as abbreviations, never "us" or "Us"."""
    letters = text.replace(".", "").replace(" ", "")
    if len(letters) > 3:
        return True
    return letters.isupper() or "." in text
