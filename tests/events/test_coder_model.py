"""The coder on real en_core_web_sm parses of a few invented sentences: catches parse shapes the
hand-built docs miss (where the model hangs "to meet", "is due to", "dozens of")."""

from __future__ import annotations

import pytest
from spacy.language import Language
from test_coder_kit import coder, triples

from newsevents.actors.context import DocActors
from newsevents.types import CodedEvent

pytestmark = pytest.mark.model


def run(nlp: Language, text: str) -> list[CodedEvent]:
    return coder().code(nlp(text), DocActors())


@pytest.mark.parametrize(("text", "expected"), [
    # The model hangs "to meet" on "visit" as a relative clause: the visitor is still the source.
    ("The foreign minister of Jordan undertook a two-day visit to Iraq on Sunday to meet with "
     "Prime Minister Sudani.", [("Jordan", "042", "Iraq", "asserted"), ("Jordan", "043", "Iraq", "asserted")]),
    # "set" is a passive ROOT whose nsubjpass is the participant; "in a meeting" is carried by "participate".
    ("Blinken is expected to participate in a security conference in Geneva next week.",
     [("United States", "043", None, "future")]),
    ("Protesters were arrested by police in the capital on Sunday.",
     [("police", "173", "protesters", "asserted")]),
    ("Police arrested dozens of protesters in the capital.", [("police", "173", "protesters", "asserted")]),
    ("Iraqi officials said Iran shelled the border town overnight.", [("Iran", "194", None, "asserted")]),
    ("Russia threatened to attack Ukraine.", [("Russia", "138", "Ukraine", "asserted")]),
    # A reciprocal event is coded both ways (docs/coder.md).
    ("Iran and Iraq agreed to expand trade.",
     [("Iran", "030", "Iraq", "asserted"), ("Iraq", "030", "Iran", "asserted")]),
    ("Egypt hosted talks between Israel and Hamas in Cairo.",
     [("Israel", "043", "Hamas", "asserted"), ("Hamas", "043", "Israel", "asserted")]),
    ("The European Union imposed new sanctions on Iran on Monday.",
     [("European Union", "163", "Iran", "asserted")]),
    ("Iran did not meet with the inspectors on Tuesday.", [("Iran", "043", "UN inspectors", "negated")]),
])
def test_real_parses(nlp: Language, text: str, expected: list[tuple[str | None, str, str | None, str]]) -> None:
    events = run(nlp, text)
    assert [(*t, e.modality) for t, e in zip(triples(events), events, strict=True)] == expected
