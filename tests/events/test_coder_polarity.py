"""Root, polarity and modality (issue 8, categories 7 and 10) through the whole pipeline on the real model:
ending contact is no meeting, an agreed ceasefire is a de-escalation, a negation does not reach a second
act with its own object, an attempt is not asserted. Every sentence is written for these tests."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

import newsevents
from newsevents.pipeline import Pipeline
from newsevents.settings import Settings

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings(), default_date=date(2025, 6, 3)).load()


def coded(pipeline: Pipeline, text: str) -> list[tuple[str, str]]:
    events = newsevents.code(pd.DataFrame({"id": ["t"], "text": [text]}), pipeline=pipeline)
    return list(zip(events["cameo"], events["modality"], strict=True))


@pytest.mark.parametrize(("text", "expected"), [
    ("Ukraine ended all contact with Russia on Monday.", [("161", "asserted")]),
    ("Kenya severed diplomatic relations with Somalia.", [("161", "asserted")]),
    ("Armenia and Azerbaijan agreed a ceasefire on Tuesday.", [("0356", "asserted"), ("0356", "asserted")]),
    # Each verb has its own object: the negation is the first act's only.
    ("The man did not start the fight and punched the Kenyan policeman.", [("182", "asserted")]),
    # Alternatives, and a shared object, keep the negation on both.
    ("Kenyan police did not arrest the protesters or charge them.", [("173", "negated"), ("1121", "negated")]),
    ("Russian troops did not attack and loot the Ukrainian town.", [("190", "negated"), ("171", "negated")]),
    # Tried, not done; a plot is the plan, not the act.
    ("Rebels attempted to seize the airport in Goma.", [("190", "hypothetical")]),
    ("Two men plotted to attack the Kenyan parliament.", []),
])
def test_root_polarity_and_modality(pipeline: Pipeline, text: str, expected: list[tuple[str, str]]) -> None:
    assert coded(pipeline, text) == expected
