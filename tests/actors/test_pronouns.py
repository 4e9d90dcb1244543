"""actors/pronouns.py on hand-built parses: which earlier mention a pronoun stands for."""

from __future__ import annotations

from actor_doc_builder import build
from spacy.tokens import Doc

from newsevents.actors.context import DocActors
from newsevents.actors.pronouns import antecedent, is_subject
from newsevents.types import Actor, Mention

FRA = Actor(text="Macron", name="Emmanuel Macron", country="FRA", sector="GOV", code="FRAGOV")
DEU = Actor(text="Scholz", name="Olaf Scholz", country="DEU", sector="GOV", code="DEUGOV")

# "Macron met Scholz . He criticised Russia ." (invented for this test)
MET_THEN_HE = [
    ("Macron", 1, "nsubj", "PROPN", "B-PERSON"), ("met", 1, "ROOT", "VERB", "O"),
    ("Scholz", 1, "dobj", "PROPN", "B-PERSON"), (".", 1, "punct", "PUNCT", "O"),
    ("He", 5, "nsubj", "PRON", "O"), ("criticised", 5, "ROOT", "VERB", "O"),
    ("Russia", 5, "dobj", "PROPN", "B-GPE"), (".", 5, "punct", "PUNCT", "O"),
]

# "Scholz said Macron had called . He ..." : in the pronoun's own sentence the nearest, subject first
SAID_HE = [
    ("Scholz", 1, "nsubj", "PROPN", "B-PERSON"), ("said", 1, "ROOT", "VERB", "O"),
    ("he", 3, "nsubj", "PRON", "O"), ("left", 1, "ccomp", "VERB", "O"), (".", 1, "punct", "PUNCT", "O"),
]


def _actors(doc: Doc, table: dict[str, Actor]) -> DocActors:
    return DocActors(mentions=tuple(Mention(e.text, e.label_, e.start_char, e.end_char, table.get(e.text))
                                    for e in doc.ents))


def test_the_previous_sentences_subject_before_its_object() -> None:
    doc = build(MET_THEN_HE)
    found = antecedent(doc[4], _actors(doc, {"Macron": FRA, "Scholz": DEU}))
    assert found is not None and found.code == "FRAGOV" and found.text == "He"  # until 1.3.0: Scholz, the nearest


def test_the_speaker_of_the_pronouns_own_sentence() -> None:
    doc = build(SAID_HE)
    found = antecedent(doc[2], _actors(doc, {"Scholz": DEU}))
    assert found is not None and found.code == "DEUGOV"


def test_no_fitting_kind_no_antecedent() -> None:
    doc = build(MET_THEN_HE)
    assert antecedent(doc[4], _actors(doc, {})) is None  # mentions without actors are never antecedents


def test_a_name_inside_the_subject_phrase_is_the_subject() -> None:
    doc = build(MET_THEN_HE)
    assert is_subject(doc[0]) and not is_subject(doc[2])
