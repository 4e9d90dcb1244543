"""Reading the coder's word-list files (cues.yaml, context.yaml, intent.yaml) with one set of checks.

Every file is a YAML mapping; its lists are words. A malformed file stops loading with a
KnowledgeError naming the file, the entry and what to fix, never a silently missing cue.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import KnowledgeError
from ..knowledge import yamlio


def read_mapping(path: Path, what: str, *, strings_only: bool = False) -> dict[str, Any]:
    """The file's top-level mapping. ``strings_only`` reads every scalar as a string (codes like 04)."""
    try:
        text = path.read_text(encoding="utf-8")
        data = yamlio.load_strings(text) if strings_only else yamlio.load(text)
    except (OSError, yamlio.YAMLError) as exc:
        raise KnowledgeError(f"cannot read the {what} {path} ({exc}); restore it from the package or fix its "
                             "YAML") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"{what} {path} must be a YAML mapping of lists; fix its layout")
    return data


def word_list(data: Mapping[str, Any], name: str, path: Path, what: str) -> list[str]:
    """The list ``name``, lower-cased and stripped."""
    words = data.get(name)
    if not isinstance(words, list):
        raise KnowledgeError(f"'{name}' in {what} {path} must be a list of words; add or fix it")
    for word in words:
        if not isinstance(word, str):
            # YAML reads a bare no/yes/on/off as a boolean and 1 as a number: the cue would silently vanish.
            raise KnowledgeError(f"'{name}' in {what} {path} holds {word!r}, which is not a word; put it in quotes")
    return [w.strip().lower() for w in words if w.strip()]
