"""Coverage of whole constructions (issue 8, lexicon): light verbs carrying an event noun, phrasal verbs,
and heads that come only from the WordNet supplement, through the whole pipeline on the real model.

Every sentence is written for this test, one construction each, with the same two countries, so that a
failure names the construction and not the actors.
"""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.pipeline import Pipeline
from newsevents.settings import Settings
from newsevents.types import Document, Event

pytestmark = pytest.mark.model

# (sentence, CAMEO code, source country, target country)
LIGHT_VERBS = [
    ("Ghana held talks with Kenya on Monday.", "040", "GHA", "KEN"),
    ("Ghana paid a visit to Kenya on Monday.", "042", "GHA", "KEN"),
    ("Ghana launched an offensive against Kenya on Monday.", "190", "GHA", "KEN"),
    ("Ghana imposed sanctions on Kenya on Monday.", "163", "GHA", "KEN"),
    ("Ghana carried out airstrikes on Kenya on Monday.", "195", "GHA", "KEN"),
    ("Ghanaian workers staged a protest against Kenya on Monday.", "141", "GHA", "KEN"),
    ("Ghana reached an agreement with Kenya on Monday.", "057", "GHA", "KEN"),
    ("Ghana made an appeal to Kenya on Monday.", "020", "GHA", "KEN"),
    ("Ghana issued a warning to Kenya on Monday.", "130", "GHA", "KEN"),
    ("Ghana lodged a protest with Kenya on Monday.", "114", "GHA", "KEN"),
    ("Ghana filed a lawsuit against Kenya on Monday.", "115", "GHA", "KEN"),
    ("Ghana conducted a crackdown on Kenyan protesters on Monday.", "175", "GHA", "KEN"),
    ("Ghana launched an investigation into Kenya on Monday.", "090", "GHA", "KEN"),
    ("Ghana offered condolences to Kenya on Monday.", "018", "GHA", "KEN"),
    ("Ghana had a phone call with Kenya on Monday.", "041", "GHA", "KEN"),
    ("Ghana issued an ultimatum to Kenya on Monday.", "139", "GHA", "KEN"),
    ("Ghana leveled accusations against Kenya on Monday.", "112", "GHA", "KEN"),
    ("Ghana made an apology to Kenya on Monday.", "055", "GHA", "KEN"),
    ("Ghana made concessions to Kenya on Monday.", "080", "GHA", "KEN"),
    ("Ghana held negotiations with Kenya on Monday.", "046", "GHA", "KEN"),
]
PHRASAL_VERBS = [
    ("Ghana cracked down on Kenyan protesters on Monday.", "175", "GHA", "KEN"),
    ("Ghana turned down Kenya's offer on Monday.", "120", "GHA", "KEN"),
    ("Ghana gave in to Kenya on Monday.", "080", "GHA", "KEN"),
    ("Ghana broke off talks with Kenya on Monday.", "164", "GHA", "KEN"),
    ("Ghanaian police rounded up Kenyan migrants on Monday.", "173", "GHA", "KEN"),
    ("Ghana lashed out at Kenya on Monday.", "111", "GHA", "KEN"),
    ("Ghanaian militants blew up a Kenyan bridge on Monday.", "183", "GHA", "KEN"),
    ("Ghana spoke out against Kenya on Monday.", "111", "GHA", "KEN"),
    ("The Ghanaian president railed against Kenya on Monday.", "111", "GHA", "KEN"),
    ("Ghana came out against the Kenyan plan on Monday.", "111", "GHA", "KEN"),
]
FROM_WORDNET = [
    ("Ghanaian troops subjugated Kenyan villagers on Monday.", "175", "GHA", "KEN"),
    ("Ghanaian police gaoled Kenyan migrants on Monday.", "173", "GHA", "KEN"),
    ("Ghana extolled Kenya on Monday.", "051", "GHA", "KEN"),
]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings()).load()


def coded(pipeline: Pipeline, text: str) -> list[Event]:
    doc = Document(doc_id="t", source="t", content=text.encode(), kind="text", published=date(2026, 11, 30))
    events = getattr(next(iter(pipeline.run([doc]))), "events", None)
    assert events is not None
    return list(events)


@pytest.mark.parametrize(("text", "code", "source", "target"), LIGHT_VERBS + PHRASAL_VERBS + FROM_WORDNET,
                         ids=[c[0] for c in LIGHT_VERBS + PHRASAL_VERBS + FROM_WORDNET])
def test_construction_codes_its_event(pipeline: Pipeline, text: str, code: str, source: str, target: str) -> None:
    found = [(e.cameo, getattr(e.source, "country", None), getattr(e.target, "country", None))
             for e in coded(pipeline, text)]
    assert (code, source, target) in found, found


@pytest.mark.parametrize("text", [
    "The singer spoke out against the war on Monday.",  # no actor on either side
    "Ghana spoke out on Monday.",  # no one spoken against
])
def test_a_phrasal_criticism_needs_what_it_is_against_and_an_actor(pipeline: Pipeline, text: str) -> None:
    assert not [e for e in coded(pipeline, text) if e.cameo.startswith("11")]
