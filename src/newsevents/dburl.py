"""Which store a --db value or store.path names: a PostgreSQL URL, or else a DuckDB file.

Kept outside the store package so that settings can tell the two apart without importing DuckDB.
"""

from __future__ import annotations

from typing import Any

URL_SCHEMES = ("postgresql://", "postgres://")


def is_url(target: object) -> bool:
    """Whether a --db value or store.path names a PostgreSQL server rather than a DuckDB file."""
    return str(target).startswith(URL_SCHEMES) or _mangled(str(target)) is not None


def as_target(value: object) -> str | Any:
    """A --db value as the store takes it: a URL stays text (``Path`` would fold its ``//`` into ``/``, so
    a URL that went through ``Path`` is mended), anything else is returned as it came."""
    text = str(value)
    if text.startswith(URL_SCHEMES):
        return text
    mended = _mangled(text)
    return mended if mended is not None else value


def _mangled(text: str) -> str | None:
    for scheme in URL_SCHEMES:
        folded = scheme[:-1]  # "postgresql:/"
        if text.startswith(folded) and not text.startswith(scheme):
            return scheme + text[len(folded):]
    return None
