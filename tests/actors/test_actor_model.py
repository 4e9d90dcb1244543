"""Actors through the real spaCy model: a few sentences the project wrote, end to end."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from newsevents.actors import ActorKnowledge, ActorResolver
from newsevents.knowledge.countries import Countries

PEOPLE = Path(__file__).resolve().parents[1] / "data" / "actors" / "office_holders"
TEXT = ("Canadian Foreign Minister Melanie Joly met Secretary of State Antony Blinken in Washington on Monday. "
        "Houthi rebels fired missiles at a cargo ship, the Pentagon said. "
        "Nigerian troops killed several Boko Haram fighters near Maiduguri. "
        "Blinken later told reporters that Ottawa would send aid.")


@pytest.mark.model
def test_actors_of_a_parsed_article(nlp: Language) -> None:
    resolver = ActorResolver(ActorKnowledge.load(Countries.load(), office_holders=PEOPLE))
    doc = nlp(TEXT)
    actors = resolver.analyse(doc, date(2024, 3, 4))
    by_text = {m.text: m for m in actors.mentions}
    assert by_text["Melanie Joly"].actor is not None and by_text["Melanie Joly"].actor.code == "CANGOV"
    assert by_text["Antony Blinken"].actor is not None and by_text["Antony Blinken"].actor.code == "USAGOV"

    def head_code(word: str, nth: int = 0) -> str | None:
        token = [t for t in doc if t.text == word][nth]
        actor = resolver.resolve_head(token, actors)
        return actor.code if actor is not None else None

    assert head_code("rebels") == "YEMREBHTH"
    assert head_code("Pentagon") == "USAMIL"
    assert head_code("troops") == "NGAMIL"
    assert head_code("fighters") == "NGAREBBKH"
    assert head_code("Blinken", 1) == "USAGOV"
    assert head_code("Ottawa") == "CANGOV"
    assert "haram" not in actors.aliases  # an organisation tagged PERSON lends no "surname"
