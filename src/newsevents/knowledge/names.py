"""Name folding: one normal form for matching names written in many ways.

"U.S." / "US" / "the U.S."  -> "us";  "Erdoğan" -> "erdogan";  "al‑Sudani" -> "al-sudani";
"Łódź" -> "lodz";  "Tromsø" -> "tromso";  "Diyarbakır" -> "diyarbakir".
Every alias index in the project (countries, actors, places) keys on ``fold``.

Letters are folded to ASCII by anyascii, which transliterates every script, including the Latin letters
that Unicode decomposition leaves alone (Ł, ø, ı, æ, đ): stripping combining marks alone kept "łódź"
and "lodz" apart.
"""

from __future__ import annotations

import re
from importlib.metadata import version

from anyascii import anyascii

_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-",
                         "’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+")


def to_ascii(text: str) -> str:
    """The text in ASCII letters ("Łódź" -> "Lodz", "Москва" -> "Moskva")."""
    if text.isascii():  # most names in English news: nothing to do, and this runs per token
        return text
    return anyascii(text)


def fold_library_version() -> str:
    """The transliteration library and its version: indexes of folded names built elsewhere depend on it."""
    return f"anyascii {version('anyascii')}"


def fold(text: str) -> str:
    """Case-, accent-, dot- and spacing-insensitive key; drops a leading "the" and possessive "'s"."""
    t = to_ascii(text).translate(_DASHES).casefold()
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
