"""Datelines, opponents and coordinated country words through the real spaCy model (sentences the
project wrote)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from newsevents.actors import ActorKnowledge, ActorResolver
from newsevents.knowledge.countries import Countries

TEXT = ("GAZA CITY, Palestinian Territories - Five people were wounded in a blast on Friday. "
        "Critics of Kenya's parliament demonstrated in Nairobi. "
        "French and German diplomats walked out of the meeting.")


@pytest.mark.model
def test_datelines_opponents_and_coordinated_countries(nlp: Language) -> None:
    resolver = ActorResolver(ActorKnowledge.load(Countries.load()))
    doc = nlp(TEXT)
    actors = resolver.analyse(doc, date(2015, 6, 9))

    def token(word: str) -> int:
        return next(t.i for t in doc if t.text == word)

    gaza = resolver.resolve_head(doc[token("CITY")], actors)
    assert gaza is None  # where the story was filed, not who was wounded
    assert all(m.actor is None for m in actors.mentions if m.start < doc[token("Five")].idx)
    critics = resolver.resolve_head(doc[token("Critics")], actors)
    assert critics is not None and critics.code == "KENOPP"
    each = resolver.resolve_each(doc[token("diplomats")], actors)
    assert [a.code for a in each] == ["FRAGOV", "DEUGOV"]
