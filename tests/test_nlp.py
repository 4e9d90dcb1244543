"""The Annotator gives exactly what the model's own nlp.pipe gives, token for token."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language

from newsevents.nlp import Annotator, model_name
from newsevents.settings import NlpSettings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TEXTS = [
    "Let's see whether they're gonna meet: Iran's foreign minister got to Baghdad on Tuesday.",
    "Troops shelled the town; the U.N. said it wasn't told. Protesters gathered, chanting slogans.",
    "He's been arrested twice and gets released today - 'cause the court ordered it.",
    (EXAMPLES / "ankara-talks.txt").read_text(encoding="utf-8"),
    (EXAMPLES / "tbilisi-protest.txt").read_text(encoding="utf-8"),
]


@pytest.mark.model
def test_annotator_output_equals_the_plain_pipeline(nlp: Language) -> None:
    annotator = Annotator(nlp)
    assert annotator._ruler is not None, "the shipped model should run the fast way"
    for plain, fast in zip(nlp.pipe(TEXTS), annotator.pipe(TEXTS), strict=True):
        for attr in (TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE):
            assert (plain.to_array([attr]) == fast.to_array([attr])).all(), (attr, plain.text[:40])


def test_an_explicit_model_name_wins() -> None:
    assert model_name(NlpSettings(model="my_model")) == "my_model"
