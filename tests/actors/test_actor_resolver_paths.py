"""ActorResolver on hand-built parses: one test per way a phrase comes to name an actor."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from actor_doc_builder import build
from spacy.tokens import Doc

from newsevents.actors import ActorKnowledge, ActorResolver, DocActors
from newsevents.knowledge.countries import Countries
from newsevents.types import Actor

PEOPLE = Path(__file__).resolve().parents[1] / "data" / "actors" / "office_holders"
DAY = date(2024, 12, 13)


@pytest.fixture(scope="module")
def countries() -> Countries:
    return Countries.load()


@pytest.fixture(scope="module")
def resolver(countries: Countries) -> ActorResolver:
    return ActorResolver(ActorKnowledge.load(countries, office_holders=PEOPLE))


def head(resolver: ActorResolver, doc: Doc, i: int, *, published: date | None = DAY,
         main: str | None = None) -> Actor | None:
    return resolver.resolve_head(doc[i], DocActors(published=published, main_country=main))


def code(actor: Actor | None) -> str | None:
    return actor.code if actor is not None else None


def test_title_and_name_not_in_the_dictionaries(resolver: ActorResolver) -> None:
    doc = build([("Iraqi", 4, "amod", "ADJ", "B-NORP"), ("Foreign", 2, "compound", "PROPN", "O"),
                 ("Minister", 4, "compound", "PROPN", "O"), ("Fuad", 4, "compound", "PROPN", "B-PERSON"),
                 ("Hussein", 5, "nsubj", "PROPN", "I-PERSON"), ("said", 5, "ROOT", "VERB", "O"),
                 (".", 5, "punct", "PUNCT", "O")])
    actor = head(resolver, doc, 4)
    assert actor == Actor(text="Iraqi Foreign Minister Fuad Hussein", name="Fuad Hussein", country="IRQ",
                          sector="GOV", code="IRQGOV")


def test_title_without_country_takes_the_main_country(resolver: ActorResolver) -> None:
    doc = build([("Prime", 1, "compound", "PROPN", "O"), ("Minister", 3, "compound", "PROPN", "O"),
                 ("Adel", 3, "compound", "PROPN", "B-PERSON"), ("Mahdi", 4, "nsubj", "PROPN", "I-PERSON"),
                 ("resigned", 4, "ROOT", "VERB", "O")])
    assert code(head(resolver, doc, 3, main="IRQ")) == "IRQGOV"
    assert code(head(resolver, doc, 3, main=None)) == "GOV"


def test_former_title_is_an_elite(resolver: ActorResolver) -> None:
    doc = build([("Former", 4, "amod", "ADJ", "O"), ("Iraqi", 4, "amod", "ADJ", "B-NORP"),
                 ("Prime", 3, "compound", "PROPN", "O"), ("Minister", 4, "compound", "PROPN", "O"),
                 ("Mahdi", 5, "nsubj", "PROPN", "B-PERSON"), ("spoke", 5, "ROOT", "VERB", "O")])
    assert code(head(resolver, doc, 4)) == "IRQELI"


def test_bare_unknown_name_is_not_guessed(resolver: ActorResolver) -> None:
    doc = build([("Hunter", 1, "compound", "PROPN", "B-PERSON"), ("Biden", 2, "nsubj", "PROPN", "I-PERSON"),
                 ("spoke", 2, "ROOT", "VERB", "O")])
    assert head(resolver, doc, 1) is None  # not the office holder whose surname is Biden


def test_office_holder_in_and_out_of_office(resolver: ActorResolver) -> None:
    doc = build([("Blinken", 1, "nsubj", "PROPN", "B-PERSON"), ("visited", 1, "ROOT", "VERB", "O"),
                 ("Iraq", 1, "dobj", "PROPN", "B-GPE"), (".", 1, "punct", "PUNCT", "O")])
    during = head(resolver, doc, 0, published=date(2024, 12, 13))
    assert during is not None and (during.name, during.code) == ("Antony Blinken", "USAGOV")
    after = head(resolver, doc, 0, published=date(2025, 6, 1))
    assert after is not None and (after.country, after.sector, after.code) == ("USA", "ELI", "USAELI")
    assert code(head(resolver, doc, 2)) == "IRQ"


def test_possessive_and_spokesman_for_an_organ(resolver: ActorResolver) -> None:
    doc = build([("Iraq", 4, "poss", "PROPN", "B-GPE"), ("'s", 0, "case", "PART", "O"),
                 ("national", 4, "amod", "ADJ", "O"), ("security", 4, "compound", "NOUN", "O"),
                 ("adviser", 5, "nsubj", "NOUN", "O"), ("met", 5, "ROOT", "VERB", "O"), ("a", 7, "det", "DET", "O"),
                 ("spokesman", 5, "dobj", "NOUN", "O"), ("for", 7, "prep", "ADP", "O"),
                 ("the", 10, "det", "DET", "O"), ("army", 8, "pobj", "NOUN", "O"), (".", 5, "punct", "PUNCT", "O")])
    adviser = head(resolver, doc, 4)
    assert adviser is not None and adviser.code == "IRQGOV"
    assert adviser.text == "Iraq's national security adviser"
    assert adviser.name == "Iraqi national security adviser"
    spokesman = head(resolver, doc, 7, main="IRQ")
    assert spokesman is not None and spokesman.code == "IRQMIL" and spokesman.name == "Iraqi army spokesman"


def test_demonym_and_country_name_with_roles(resolver: ActorResolver) -> None:
    doc = build([("Iraqi", 1, "amod", "ADJ", "B-NORP"), ("officials", 2, "nsubj", "NOUN", "O", "official"),
                 ("said", 2, "ROOT", "VERB", "O"), ("U.S.", 4, "compound", "PROPN", "B-GPE"),
                 ("troops", 5, "nsubj", "NOUN", "O", "troop"), ("left", 2, "ccomp", "VERB", "O"),
                 (".", 2, "punct", "PUNCT", "O")])
    assert code(head(resolver, doc, 1)) == "IRQGOV"
    troops = head(resolver, doc, 4)
    assert troops is not None and troops.code == "USAMIL" and troops.name == "American troops"


def test_of_phrase(resolver: ActorResolver) -> None:
    doc = build([("The", 1, "det", "DET", "O"), ("president", 4, "nsubj", "NOUN", "O"),
                 ("of", 1, "prep", "ADP", "O"), ("Iraq", 2, "pobj", "PROPN", "B-GPE"),
                 ("spoke", 4, "ROOT", "VERB", "O")])
    actor = head(resolver, doc, 1)
    assert actor is not None and actor.code == "IRQGOV" and actor.text == "The president of Iraq"


def _militias(where: str | None) -> Doc:
    tokens: list[tuple[object, ...]] = [
        ("Iranian", 2, "npadvmod", "ADJ", "B-NORP"), ("-", 2, "punct", "PUNCT", "O"),
        ("backed", 3, "amod", "VERB", "O", "back"), ("militias", 6 if where else 4, "nsubj", "NOUN", "O", "militia")]
    if where:
        tokens += [("in", 3, "prep", "ADP", "O"), (where, 4, "pobj", "PROPN", "B-GPE"),
                   ("attacked", 6, "ROOT", "VERB", "O")]
    else:
        tokens += [("attacked", 4, "ROOT", "VERB", "O")]
    return build(tokens)


def test_hyphenated_backer_and_the_place_the_group_is_in(resolver: ActorResolver) -> None:
    assert code(head(resolver, _militias(None), 3, main="IRQ")) == "IRNREB"  # the backer, not the main country
    assert code(head(resolver, _militias("Syria"), 3)) == "SYRREB"  # where they are, when written


def test_backed_by_phrase(resolver: ActorResolver) -> None:
    doc = build([("militias", 4, "nsubj", "NOUN", "O", "militia"), ("backed", 0, "acl", "VERB", "O", "back"),
                 ("by", 1, "agent", "ADP", "O"), ("Iran", 2, "pobj", "PROPN", "B-GPE"),
                 ("fired", 4, "ROOT", "VERB", "O")])
    assert code(head(resolver, doc, 0)) == "IRNREB"


def test_institutions(resolver: ActorResolver) -> None:
    doc = build([("Pentagon", 1, "compound", "PROPN", "B-ORG"), ("officials", 2, "nsubj", "NOUN", "O", "official"),
                 ("told", 2, "ROOT", "VERB", "O"), ("the", 5, "det", "DET", "B-ORG"),
                 ("White", 5, "compound", "PROPN", "I-ORG"), ("House", 2, "dobj", "PROPN", "I-ORG"),
                 (".", 2, "punct", "PUNCT", "O")])
    assert code(head(resolver, doc, 1)) == "USAMIL"
    house = head(resolver, doc, 5)
    assert house is not None and (house.name, house.code) == ("White House", "USAGOV")


def test_generic_institution_takes_a_written_country(resolver: ActorResolver) -> None:
    doc = build([("Brazil", 3, "poss", "PROPN", "B-GPE"), ("'s", 0, "case", "PART", "O"),
                 ("Supreme", 3, "compound", "PROPN", "B-ORG"), ("Court", 4, "nsubj", "PROPN", "I-ORG"),
                 ("and", 3, "cc", "CCONJ", "O"), ("the", 6, "det", "DET", "O"), ("Senate", 3, "conj", "PROPN", "B-ORG"),
                 ("ruled", 7, "ROOT", "VERB", "O")])
    assert code(head(resolver, doc, 3)) == "BRAJUD"
    assert code(head(resolver, doc, 6)) == "USALEG"


def test_igo_and_lowercase_who(resolver: ActorResolver) -> None:
    doc = build([("UN", 1, "compound", "PROPN", "B-ORG"), ("peacekeepers", 4, "nsubj", "NOUN", "O", "peacekeeper"),
                 ("who", 3, "nsubj", "PRON", "O"), ("left", 1, "relcl", "VERB", "O"), ("said", 4, "ROOT", "VERB", "O")])
    peacekeepers = head(resolver, doc, 1)
    assert peacekeepers is not None and (peacekeepers.code, peacekeepers.country) == ("IGOUNO", None)
    assert head(resolver, doc, 2) is None  # "who" is not the World Health Organization


def test_armed_group_beside_a_role_and_a_country_modifier(resolver: ActorResolver) -> None:
    doc = build([("Hezbollah", 1, "compound", "PROPN", "B-ORG"), ("fighters", 2, "nsubj", "NOUN", "O", "fighter"),
                 ("attacked", 2, "ROOT", "VERB", "O"), ("Israeli", 4, "amod", "ADJ", "B-NORP"),
                 ("positions", 2, "dobj", "NOUN", "O", "position")])
    fighters = head(resolver, doc, 1)
    assert fighters is not None and (fighters.name, fighters.country, fighters.code) == (
        "Hezbollah", "LBN", "LBNREBHZB")
    assert code(head(resolver, doc, 4)) == "ISR"  # "Israeli positions": whose they are


def test_armed_group_by_date(resolver: ActorResolver) -> None:
    doc = build([("The", 1, "det", "DET", "O"), ("Taliban", 2, "nsubj", "PROPN", "B-ORG"),
                 ("said", 2, "ROOT", "VERB", "O")])
    assert code(head(resolver, doc, 1, published=date(2019, 1, 1))) == "AFGREBTAL"
    assert code(head(resolver, doc, 1, published=date(2023, 1, 1))) == "AFGGOV"


def test_capital_stands_for_the_government(resolver: ActorResolver) -> None:
    doc = build([("Tehran", 1, "nsubj", "PROPN", "B-GPE"), ("said", 1, "ROOT", "VERB", "O")])
    actor = head(resolver, doc, 0)
    assert actor is not None and (actor.name, actor.code) == ("Iran", "IRNGOV")


def test_domestic_roles_fall_back_on_the_main_country(resolver: ActorResolver) -> None:
    doc = build([("Police", 1, "nsubj", "NOUN", "O"), ("arrested", 1, "ROOT", "VERB", "O"),
                 ("protesters", 1, "dobj", "NOUN", "O", "protester"), (".", 1, "punct", "PUNCT", "O")])
    assert code(head(resolver, doc, 0, main="IRQ")) == "IRQCOP"
    assert code(head(resolver, doc, 2, main="IRQ")) == "IRQCVL"
    nowhere = head(resolver, doc, 0, main=None)
    assert nowhere is not None and (nowhere.country, nowhere.sector, nowhere.code) == (None, "COP", "COP")


def test_user_dictionary_changes_resolution(countries: Countries, tmp_path: Path) -> None:
    user = tmp_path / "actors.yaml"
    user.write_text("- {name: Hezbollah, country: LBN, sector: PTY}\n", encoding="utf-8")
    resolver = ActorResolver(ActorKnowledge.load(countries, [user], office_holders=PEOPLE))
    doc = build([("Hezbollah", 1, "nsubj", "PROPN", "B-ORG"), ("said", 1, "ROOT", "VERB", "O")])
    assert code(head(resolver, doc, 0)) == "LBNPTY"


def test_unknown_person_beside_an_organisation_takes_its_code(resolver: ActorResolver) -> None:
    doc = build([("NATO", 3, "compound", "PROPN", "B-ORG"), ("Secretary", 3, "compound", "PROPN", "O"),
                 ("Mark", 3, "compound", "PROPN", "B-PERSON"), ("Rutte", 4, "nsubj", "PROPN", "I-PERSON"),
                 ("spoke", 4, "ROOT", "VERB", "O")])
    actor = head(resolver, doc, 3)
    assert actor is not None and (actor.name, actor.country, actor.code) == ("Mark Rutte", None, "IGONAT")


def test_capital_mistagged_as_a_person(resolver: ActorResolver) -> None:
    doc = build([("Rebels", 1, "nsubj", "NOUN", "O", "rebel"), ("shelled", 1, "ROOT", "VERB", "O"),
                 ("Kyiv", 1, "dobj", "PROPN", "B-PERSON")])
    assert code(head(resolver, doc, 2)) == "UKRGOV"
