"""Shared fixtures. The spaCy model loads once per test session and only for tests that ask for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from newsevents.nlp import load_model
from newsevents.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def nlp(settings: Settings) -> Language:
    """The real English pipeline, loaded once for the whole session."""
    return load_model(settings.nlp)
