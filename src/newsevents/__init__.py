"""newsevents: political event data (CAMEO, PLOVER) from news, with evidence, dates and places.

The public surface is what ``__all__`` lists; everything else is internal and may change.

    from newsevents import Pipeline, load_settings, read_inputs
    pipeline = Pipeline(load_settings())
    for result in pipeline.run(read_inputs(["article.txt"], pipeline.settings.read)):
        ...

    import newsevents
    with newsevents.open("newsevents.duckdb") as store:
        store.events(country="IRQ")
"""

from __future__ import annotations

from .errors import NewsEventsError
from .pipeline import Pipeline
from .read import read_inputs
from .settings import Settings, load_settings
from .store import EventStore, open
from .types import Actor, Article, Document, Event, Failure, Mention, Place, Result

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
    "Pipeline",
    "Place",
    "Result",
    "Settings",
    "__version__",
    "load_settings",
    "open",
    "read_inputs",
]
