"""ActorResolver.analyse on hand-built articles: mentions, aliases, the main country, pronouns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from actor_doc_builder import build

from newsevents.actors import ActorKnowledge, ActorResolver
from newsevents.knowledge.countries import Countries

PEOPLE = Path(__file__).resolve().parents[1] / "data" / "actors" / "office_holders"
DAY = date(2024, 12, 13)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(ActorKnowledge.load(Countries.load(), office_holders=PEOPLE))


def test_alias_from_an_earlier_mention(resolver: ActorResolver) -> None:
    # "U.S. Secretary of State Jane Roe arrived Friday. Roe met Sudani."
    doc = build([("U.S.", 1, "nmod", "PROPN", "B-GPE"), ("Secretary", 5, "compound", "PROPN", "O"),
                 ("of", 1, "prep", "ADP", "O"), ("State", 2, "pobj", "PROPN", "O"),
                 ("Jane", 5, "compound", "PROPN", "B-PERSON"), ("Roe", 6, "nsubj", "PROPN", "I-PERSON"),
                 ("arrived", 6, "ROOT", "VERB", "O"), ("Friday", 6, "npadvmod", "PROPN", "B-DATE"),
                 (".", 6, "punct", "PUNCT", "O"),
                 ("Roe", 10, "nsubj", "PROPN", "B-PERSON"), ("met", 10, "ROOT", "VERB", "O"),
                 ("Sudani", 10, "dobj", "PROPN", "B-PERSON"), (".", 10, "punct", "PUNCT", "O")])
    actors = resolver.analyse(doc, DAY)
    labels = [(m.text, m.label, m.actor.code if m.actor else None) for m in actors.mentions]
    assert labels == [("U.S.", "GPE", "USA"), ("Jane Roe", "PERSON", "USAGOV"), ("Friday", "DATE", None),
                      ("Roe", "PERSON", "USAGOV"), ("Sudani", "PERSON", "IRQGOV")]
    first = actors.mentions[1]
    assert doc.text[first.start:first.end] == "Jane Roe"
    assert actors.aliases["roe"].name == "Jane Roe"
    later = resolver.resolve_head(doc[9], actors)
    assert later is not None and (later.text, later.name, later.code) == ("Roe", "Jane Roe", "USAGOV")
    sudani = resolver.resolve_head(doc[11], actors)
    assert sudani is not None and sudani.name == "Mohammed Shia al-Sudani"


def test_acronym_in_parentheses_becomes_an_alias(resolver: ActorResolver) -> None:
    # "The Iraqi Oil Ministry (OMI) said. The OMI denied it."
    doc = build([("The", 3, "det", "DET", "B-ORG"), ("Iraqi", 3, "amod", "ADJ", "I-ORG"),
                 ("Oil", 3, "compound", "PROPN", "I-ORG"), ("Ministry", 7, "nsubj", "PROPN", "I-ORG"),
                 ("(", 3, "punct", "PUNCT", "O"), ("OMI", 3, "appos", "PROPN", "B-ORG"),
                 (")", 3, "punct", "PUNCT", "O"), ("said", 7, "ROOT", "VERB", "O"), (".", 7, "punct", "PUNCT", "O"),
                 ("The", 10, "det", "DET", "O"), ("OMI", 11, "nsubj", "PROPN", "B-ORG"),
                 ("denied", 11, "ROOT", "VERB", "O")])
    actors = resolver.analyse(doc, DAY)
    assert actors.mentions[0].actor is not None and actors.mentions[0].actor.code == "IRQGOV"
    assert actors.aliases["omi"].code == "IRQGOV"
    later = resolver.resolve_head(doc[10], actors)
    assert later is not None and later.code == "IRQGOV"


def test_main_country_counts_mentions_and_breaks_ties_by_first(resolver: ActorResolver) -> None:
    # "Iran and Iraq talked. Iraq said."
    doc = build([("Iran", 3, "nsubj", "PROPN", "B-GPE"), ("and", 0, "cc", "CCONJ", "O"),
                 ("Iraq", 0, "conj", "PROPN", "B-GPE"), ("talked", 3, "ROOT", "VERB", "O"),
                 (".", 3, "punct", "PUNCT", "O"), ("Iraq", 6, "nsubj", "PROPN", "B-GPE"),
                 ("said", 6, "ROOT", "VERB", "O")])
    assert resolver.analyse(doc, DAY).main_country == "IRQ"
    tie = build([("Iran", 3, "nsubj", "PROPN", "B-GPE"), ("and", 0, "cc", "CCONJ", "O"),
                 ("Iraq", 0, "conj", "PROPN", "B-GPE"), ("talked", 3, "ROOT", "VERB", "O")])
    assert resolver.analyse(tie, DAY).main_country == "IRN"


def test_mentions_that_need_the_main_country_get_it(resolver: ActorResolver) -> None:
    # "The Interior Ministry said. Iraq agreed. Iraq signed."
    doc = build([("The", 2, "det", "DET", "B-ORG"), ("Interior", 2, "compound", "PROPN", "I-ORG"),
                 ("Ministry", 3, "nsubj", "PROPN", "I-ORG"), ("said", 3, "ROOT", "VERB", "O"),
                 (".", 3, "punct", "PUNCT", "O"), ("Iraq", 6, "nsubj", "PROPN", "B-GPE"),
                 ("agreed", 6, "ROOT", "VERB", "O"), (".", 6, "punct", "PUNCT", "O"),
                 ("Iraq", 9, "nsubj", "PROPN", "B-GPE"), ("signed", 9, "ROOT", "VERB", "O")])
    actors = resolver.analyse(doc, DAY)
    assert actors.main_country == "IRQ"
    ministry = actors.mentions[0].actor
    assert ministry is not None and ministry.code == "IRQGOV" and ministry.text == "The Interior Ministry"


def test_pronouns_reach_back_to_the_nearest_fitting_actor(resolver: ActorResolver) -> None:
    # "Blinken arrived. His government agreed. He met the UN. It said."
    doc = build([("Blinken", 1, "nsubj", "PROPN", "B-PERSON"), ("arrived", 1, "ROOT", "VERB", "O"),
                 (".", 1, "punct", "PUNCT", "O"),
                 ("His", 4, "poss", "PRON", "O"), ("government", 5, "nsubj", "NOUN", "O"),
                 ("agreed", 5, "ROOT", "VERB", "O"), (".", 5, "punct", "PUNCT", "O"),
                 ("He", 8, "nsubj", "PRON", "O"), ("met", 8, "ROOT", "VERB", "O"), ("the", 10, "det", "DET", "B-ORG"),
                 ("UN", 8, "dobj", "PROPN", "I-ORG"), (".", 8, "punct", "PUNCT", "O"),
                 ("It", 13, "nsubj", "PRON", "O"), ("said", 13, "ROOT", "VERB", "O")])
    actors = resolver.analyse(doc, DAY)
    government = resolver.resolve_head(doc[4], actors)
    assert government is not None and government.code == "USAGOV" and government.text == "His government"
    he = resolver.resolve_head(doc[7], actors)
    assert he is not None and (he.text, he.name, he.code) == ("He", "Antony Blinken", "USAGOV")
    it = resolver.resolve_head(doc[12], actors)
    assert it is not None and (it.text, it.code) == ("It", "IGOUNO")


def test_pronoun_without_an_antecedent_in_reach(resolver: ActorResolver) -> None:
    # "Blinken arrived. Talks began. Talks went on. Talks ended. He left."
    tokens: list[tuple[object, ...]] = [("Blinken", 1, "nsubj", "PROPN", "B-PERSON"),
                                        ("arrived", 1, "ROOT", "VERB", "O"), (".", 1, "punct", "PUNCT", "O")]
    for n in range(3):
        base = 3 + 3 * n
        tokens += [("Talks", base + 1, "nsubj", "NOUN", "O"), ("went", base + 1, "ROOT", "VERB", "O"),
                   (".", base + 1, "punct", "PUNCT", "O")]
    tokens += [("He", 13, "nsubj", "PRON", "O"), ("left", 13, "ROOT", "VERB", "O")]
    doc = build(tokens)
    assert resolver.resolve_head(doc[12], resolver.analyse(doc, DAY)) is None


def test_the_articles_own_person_beats_a_namesake_in_the_dictionaries(resolver: ActorResolver) -> None:
    # "Iraqi Foreign Minister Fuad Hussein said. Hussein left."  (the test office holders know Saddam Hussein)
    doc = build([("Iraqi", 4, "amod", "ADJ", "B-NORP"), ("Foreign", 2, "compound", "PROPN", "O"),
                 ("Minister", 4, "compound", "PROPN", "O"), ("Fuad", 4, "compound", "PROPN", "B-PERSON"),
                 ("Hussein", 5, "nsubj", "PROPN", "I-PERSON"), ("said", 5, "ROOT", "VERB", "O"),
                 (".", 5, "punct", "PUNCT", "O"), ("Hussein", 8, "nsubj", "PROPN", "B-PERSON"),
                 ("left", 8, "ROOT", "VERB", "O")])
    actors = resolver.analyse(doc, DAY)
    later = resolver.resolve_head(doc[7], actors)
    assert later is not None and (later.name, later.code) == ("Fuad Hussein", "IRQGOV")
    alone = build([("Hussein", 1, "nsubj", "PROPN", "B-PERSON"), ("left", 1, "ROOT", "VERB", "O")])
    namesake = resolver.resolve_head(alone[0], resolver.analyse(alone, DAY))
    assert namesake is not None and (namesake.name, namesake.code) == ("Saddam Hussein", "IRQELI")
