"""newsevents: political event data (CAMEO, PLOVER) from news, with evidence, dates and places.

The public surface is what ``__all__`` lists; everything else is internal and may change.

    import newsevents
    events = newsevents.code(df, date="2025-06-03")        # pandas DataFrame, one row per event
    articles = newsevents.extract(df)                      # one row per article

    from newsevents import Pipeline, load_settings, read_inputs
    pipeline = Pipeline(load_settings())
    for result in pipeline.run(read_inputs(["article.txt"], pipeline.settings.read)):
        ...

    with newsevents.open("newsevents.duckdb") as store:
        store.events(country="IRQ")

``import newsevents`` loads neither spaCy, nor the store (DuckDB, pandas), nor the HTTP service: each is
imported on first use of the name that needs it (``Pipeline``, ``open``, ``code``...), so that a
command or a script pays only for what it uses (issue 9: 1.6 s of every start went to imports).
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .errors import NewsEventsError
from .frames import NewsEventsWarning, code, code_arrow, extract, extract_arrow
from .settings import Settings, load_settings
from .types import Actor, Article, Document, Event, Failure, Mention, Place, Result

if TYPE_CHECKING:
    from .pipeline import Pipeline
    from .read import read_inputs
    from .store import EventStore, open

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "Document",
    "Event",
    "EventStore",
    "Failure",
    "Mention",
    "NewsEventsError",
    "NewsEventsWarning",
    "Pipeline",
    "Place",
    "Result",
    "Settings",
    "__version__",
    "code",
    "code_arrow",
    "extract",
    "extract_arrow",
    "load_settings",
    "open",
    "read_inputs",
]

_LAZY = {"Pipeline": ".pipeline", "read_inputs": ".read", "EventStore": ".store", "open": ".store"}


def __getattr__(name: str) -> Any:
    """The names whose modules are heavy, imported when first asked for (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'newsevents' has no attribute {name!r}")
    return getattr(importlib.import_module(module, __name__), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(ModuleType):
    """The package, keeping ``newsevents.extract`` the function when the extract stage is imported.

    The stage is the subpackage ``newsevents.extract``; importing a subpackage binds it as an attribute
    of its parent, which would replace the public function. The stage stays reachable as every module
    reaches it, by import (``from newsevents.extract import Extractor``).
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "extract" and isinstance(value, ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
