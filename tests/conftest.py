"""Shared fixtures. The spaCy model loads once per test session and only for tests that ask for it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from newsevents.nlp import load_model
from newsevents.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _no_user_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The developer's own ~/.config/newsevents/config.toml (or $NEWSEVENTS_CONFIG) must not change what
    tests see; subprocesses inherit the same. The cache directory is left alone: it only holds indexes
    built from the installed data, and sharing it spares every test session building them again."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))
        mp.delenv("NEWSEVENTS_CONFIG", raising=False)
        yield


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def nlp(settings: Settings) -> Language:
    """The real English pipeline, loaded once for the whole session."""
    return load_model(settings.nlp)


@pytest.fixture(params=["duckdb", "postgresql"])
def store_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path | str]:
    """A store's location on each backend: a DuckDB file, then a fresh PostgreSQL schema (tests/store/backends.py)."""
    from store.backends import store_target

    with store_target(request.param, tmp_path) as target:
        yield target
