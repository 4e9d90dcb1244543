"""The public surface is deliberate: exactly what __all__ lists, each documented."""

from __future__ import annotations

import newsevents

EXPECTED = {
    "Actor", "Article", "Document", "Event", "EventStore", "Failure", "Mention", "NewsEventsError",
    "Pipeline", "Place", "Result", "Settings", "__version__", "load_settings", "open", "read_inputs",
}


def test_all_is_the_public_surface() -> None:
    assert set(newsevents.__all__) == EXPECTED
    for name in newsevents.__all__:
        assert hasattr(newsevents, name), name


def test_public_names_are_documented() -> None:
    for name in newsevents.__all__:
        obj = getattr(newsevents, name)
        if callable(obj):
            assert obj.__doc__, f"{name} has no docstring"


def test_open_is_the_store() -> None:
    assert newsevents.open.__module__.startswith("newsevents.store")
