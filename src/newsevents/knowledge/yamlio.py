"""Reading the project's YAML data files with libyaml's C parser when PyYAML has it.

The pure-Python loader took 0.9 s of every start on the built-in files (issue 9); the C loaders build
the same Python values (and the same nodes, with line marks, for ``compose``) about ten times faster.
PyYAML wheels ship libyaml; a PyYAML built without it falls back to the pure-Python classes, slower but
with the same results.

    load(text)          safe types (str, int, float, bool, date, list, dict), as ``yaml.safe_load``
    load_strings(text)  every scalar a string (codes such as 042 stay "042"), as ``yaml.BaseLoader``
    compose(text)       the node tree of ``load_strings``, for readers that report line numbers
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml import YAMLError

__all__ = ["YAMLError", "compose", "load", "load_strings"]

_SAFE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BASE: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


def load(text: str) -> Any:
    """The document's value with YAML's safe types."""
    return yaml.load(text, Loader=_SAFE)


def load_strings(text: str) -> Any:
    """The document's value with every scalar read as a string."""
    return yaml.load(text, Loader=_BASE)


def compose(text: str) -> yaml.Node | None:
    """The document's node tree (every scalar a string), each node with its start mark."""
    return yaml.compose(text, Loader=_BASE)
