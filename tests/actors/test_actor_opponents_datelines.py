"""Opponents of an actor, coordinated country words, datelines, and phrases read without the article's
main country (hand-built parses of invented sentences)."""

from __future__ import annotations

from datetime import date

import pytest
from actor_doc_builder import build
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsevents.actors import ActorKnowledge, ActorResolver, DocActors
from newsevents.actors.dateline import dateline_end, in_dateline
from newsevents.knowledge.countries import Countries

DAY = date(2015, 6, 9)


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(ActorKnowledge.load(Countries.load()))


def code_of(resolver: ActorResolver, doc: Doc, i: int, main: str | None = None, **kwargs: bool) -> str | None:
    actor = resolver.resolve_head(doc[i], DocActors(published=DAY, main_country=main), **kwargs)
    return actor.code if actor is not None else None


def words(text: str, heads: list[int], deps: list[str], ents: list[str] | None = None) -> Doc:
    """A Doc with the spaces as written (a dash keeps its space: datelines depend on it)."""
    tokens = text.split(" ")
    pos = ["PUNCT" if not any(c.isalnum() for c in t) else "PROPN" if t[:1].isupper() else "NOUN" for t in tokens]
    spaces = [n + 1 < len(tokens) and tokens[n + 1] not in (",", ":", ".") for n in range(len(tokens))]
    return Doc(Vocab(), words=tokens, spaces=spaces, heads=heads, deps=deps, pos=pos,
               ents=ents or ["O"] * len(tokens))


# "Critics of Kenya's parliament demonstrated on Monday."
CRITICS: list[tuple[object, ...]] = [("Critics", 5, "nsubj", "NOUN", "O", "critic"), ("of", 0, "prep", "ADP", "O"),
           ("Kenya", 4, "poss", "PROPN", "B-GPE"), ("'s", 2, "case", "PART", "O"),
           ("parliament", 1, "pobj", "NOUN", "O"), ("demonstrated", 5, "ROOT", "VERB", "O"),
           (".", 5, "punct", "PUNCT", "O")]


def test_opponents_of_an_organ_are_its_countrys_opposition(resolver: ActorResolver) -> None:
    assert code_of(resolver, build(CRITICS), 0) == "KENOPP"


def test_opponents_of_a_country_as_a_whole_are_no_ones_in_particular(resolver: ActorResolver) -> None:
    doc = build([("Critics", 3, "nsubj", "NOUN", "O", "critic"), ("of", 0, "prep", "ADP", "O"),
                 ("Israel", 1, "pobj", "PROPN", "B-GPE"), ("marched", 3, "ROOT", "VERB", "O")])
    assert code_of(resolver, doc, 0, main="ISR") is None


def test_opponents_with_no_one_named_are_the_articles_own(resolver: ActorResolver) -> None:
    doc = build([("Opponents", 1, "nsubj", "NOUN", "O", "opponent"), ("marched", 1, "ROOT", "VERB", "O")])
    assert code_of(resolver, doc, 0, main="NGA") == "NGAOPP"
    assert code_of(resolver, doc, 0, main="NGA", main_country=False) == "OPP"


def test_the_governments_role_without_the_main_country(resolver: ActorResolver) -> None:
    doc = build([("The", 1, "det", "DET", "O"), ("government", 2, "nsubj", "NOUN", "O"),
                 ("thanked", 2, "ROOT", "VERB", "O"), ("Japan", 2, "dobj", "PROPN", "B-GPE")])
    assert code_of(resolver, doc, 1, main="JPN") == "JPNGOV"
    assert code_of(resolver, doc, 1, main="JPN", main_country=False) == "GOV"
    assert code_of(resolver, doc, 3, main="JPN", main_country=False) == "JPN"


def test_coordinated_country_words_give_one_actor_each(resolver: ActorResolver) -> None:
    # "French and German diplomats walked out."
    doc = build([("French", 3, "amod", "ADJ", "B-NORP"), ("and", 0, "cc", "CCONJ", "O"),
                 ("German", 0, "conj", "ADJ", "B-NORP"), ("diplomats", 4, "nsubj", "NOUN", "O", "diplomat"),
                 ("walked", 4, "ROOT", "VERB", "O"), ("out", 4, "prt", "ADP", "O")])
    actors = resolver.resolve_each(doc[3], DocActors(published=DAY))
    assert [(a.code, a.text) for a in actors] == [("FRAGOV", "French diplomats"), ("DEUGOV", "German diplomats")]


def test_coordinated_words_of_one_country_stay_one_actor(resolver: ActorResolver) -> None:
    # "Senior and junior Iraqi officials met."
    doc = build([("Senior", 4, "amod", "ADJ", "O"), ("and", 0, "cc", "CCONJ", "O"), ("junior", 0, "conj", "ADJ", "O"),
                 ("Iraqi", 4, "amod", "ADJ", "B-NORP"), ("officials", 5, "nsubj", "NOUN", "O", "official"),
                 ("met", 5, "ROOT", "VERB", "O")])
    assert [a.code for a in resolver.resolve_each(doc[4], DocActors(published=DAY))] == ["IRQGOV"]


KABUL = ("KABUL , Afghanistan : Taliban fighters attacked a police post .",
         [6, 0, 0, 6, 5, 6, 6, 9, 9, 6, 6],
         ["nsubj", "punct", "appos", "punct", "compound", "nsubj", "ROOT", "det", "compound", "dobj", "punct"],
         ["B-GPE", "O", "B-GPE", "O", "B-ORG", "O", "O", "O", "O", "O", "O"])


def test_a_dateline_ends_at_its_colon() -> None:
    doc = words(*KABUL)
    assert dateline_end(doc[:]) == 4
    assert in_dateline(doc[2]) and not in_dateline(doc[4])


def test_a_dateline_the_parser_split_off_as_a_sentence_of_its_own() -> None:
    text, heads, deps, ents = KABUL
    doc = words(text, [0, 0, 0, 0, *heads[4:]], ["ROOT", "punct", "appos", "punct", *deps[4:]], ents)
    assert [len(s) for s in doc.sents] == [4, 7]
    assert in_dateline(doc[0]) and not in_dateline(doc[5])


def test_a_dateline_with_a_spaced_dash_and_an_agency() -> None:
    doc = words("GAZA CITY , Palestinian Territories ( AFP ) - Five people died .",
                [1, 10, 1, 4, 1, 4, 5, 5, 1, 10, 10, 10, 10],
                ["compound", "nsubj", "punct", "compound", "appos", "punct", "appos", "punct", "punct", "nummod",
                 "nsubj", "ROOT", "punct"][:13])
    assert dateline_end(doc[:]) == 9


@pytest.mark.parametrize(("text", "deps"), [
    # a hyphen without a space before it is part of a word: "NATO-member Norway"
    ("NATO - member Norway said .", ["npadvmod", "punct", "amod", "nsubj", "ROOT", "punct"]),
    # two letters of capitals open a headline, not a dateline
    ("US , EU agree : talks go on .", ["nsubj", "punct", "conj", "ROOT", "punct", "nsubj", "ccomp", "prt", "punct"]),
    # a lower-case word before the colon: the sentence has begun
    ("WASHINGTON said this : no deal .", ["nsubj", "ROOT", "dobj", "punct", "det", "attr", "punct"]),
])
def test_no_dateline(text: str, deps: list[str]) -> None:
    doc = words(text, [deps.index("ROOT")] * len(deps), deps)
    if doc[1].text == "-":
        doc = Doc(doc.vocab, words=[t.text for t in doc], spaces=[False, False, True, True, False, False],
                  heads=[deps.index("ROOT")] * len(deps), deps=deps)
    assert dateline_end(doc[:]) == 0


def test_a_dateline_is_never_an_actor(resolver: ActorResolver) -> None:
    doc = words(*KABUL)
    assert code_of(resolver, doc, 0) is None  # "KABUL": where the story was filed
    doc_actors = resolver.analyse(doc, DAY)
    kabul = next(m for m in doc_actors.mentions if m.text == "KABUL")
    assert kabul.actor is None
    assert doc_actors.main_country == "AFG"  # still evidence of what the article is about
