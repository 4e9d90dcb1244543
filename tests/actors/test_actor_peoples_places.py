"""ActorResolver on hand-built parses: peoples, towns, foreign referents and names written in odd ways."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from actor_doc_builder import build
from spacy.tokens import Doc

from newsevents.actors import ActorKnowledge, ActorResolver, DocActors
from newsevents.actors.places import pick_country, place_countries
from newsevents.knowledge.countries import Countries
from newsevents.types import Actor

DAY = date(2024, 12, 13)
HOLDERS = """country,office,title,name,aliases,start,end,sector,note
SDN,head_of_state,President,Omar al-Bashir,al-Bashir|Bashir,1989-06-30,2019-04-11,GOV,
JOR,head_of_state,King,Hussein bin Talal,King Hussein,1952-08-11,1999-02-07,GOV,
IRQ,head_of_state,President,Saddam Hussein,Saddam,1979-07-16,2003-04-09,GOV,
ZMB,head_of_state,President,Frederick Chiluba,Chiluba,1991-11-02,2002-01-02,GOV,
DEU,defence_minister,Defence Minister,Annegret Kramp-Karrenbauer,AKK,2019-07-17,2021-12-08,GOV,
"""


@dataclass(frozen=True, slots=True)
class _Entry:
    country: str | None
    population: int
    feature: str


@dataclass(frozen=True, slots=True)
class _Match:
    entry: _Entry
    primary: bool = True


# An in-memory stand-in for the geo stage's Gazetteer.lookup: a few towns and namesakes.
_TOWNS = {
    "lagos": [_Match(_Entry("NGA", 15_000_000, "city")), _Match(_Entry("PRT", 33_000, "city"))],
    "tripoli": [_Match(_Entry("LBY", 1_300_000, "city")), _Match(_Entry("LBN", 230_000, "city"))],
    "hope": [_Match(_Entry("USA", 9_000, "city"))],
    "north": [_Match(_Entry("CMR", 0, "admin1"))],
    "delta": [_Match(_Entry("NGA", 0, "admin1"))],
    "samar": [_Match(_Entry("RUS", 1_100_000, "city"), primary=False)],
    "washington": [_Match(_Entry("USA", 690_000, "city")), _Match(_Entry("GBR", 67_000, "city"))],
}


def towns(text: str) -> Sequence[_Match]:
    return _TOWNS.get(text.lower(), [])


@pytest.fixture(scope="module")
def countries() -> Countries:
    return Countries.load()


@pytest.fixture(scope="module")
def knowledge(countries: Countries, tmp_path_factory: pytest.TempPathFactory) -> ActorKnowledge:
    folder = tmp_path_factory.mktemp("holders")
    (folder / "people.csv").write_text(HOLDERS, encoding="utf-8")
    return ActorKnowledge.load(countries, office_holders=folder)


@pytest.fixture(scope="module")
def resolver(knowledge: ActorKnowledge) -> ActorResolver:
    return ActorResolver(knowledge, places=towns)


def head(resolver: ActorResolver, doc: Doc, i: int, *, main: str | None = None,
         published: date | None = DAY) -> Actor | None:
    return resolver.resolve_head(doc[i], DocActors(published=published, main_country=main))


def code(actor: Actor | None) -> str | None:
    return actor.code if actor is not None else None


# ---------------------------------------------------------------- peoples

def _group_doc(adjective: str, noun: str = "rebels", lemma: str = "rebel") -> Doc:
    # "Kurdish rebels attacked."
    return build([(adjective, 1, "amod", "ADJ", "B-NORP"), (noun, 2, "nsubj", "NOUN", "O", lemma),
                  ("attacked", 2, "ROOT", "VERB", "O")])


def test_a_people_of_several_states_takes_the_main_country_only_when_it_is_a_home(resolver: ActorResolver) -> None:
    doc = _group_doc("Kurdish")
    assert code(head(resolver, doc, 1, main="TUR")) == "TURREB"
    assert code(head(resolver, doc, 1, main="IRQ")) == "IRQREB"
    far = head(resolver, doc, 1, main="USA")  # far from every home: no country is guessed
    assert far is not None and (far.country, far.code) == (None, "REB")


def test_a_people_of_one_state_is_that_states(resolver: ActorResolver) -> None:
    assert code(head(resolver, _group_doc("Chechen"), 1, main="GEO")) == "RUSREB"
    assert code(head(resolver, _group_doc("Uighur", "activists", "activist"), 1, main=None)) == "CHNOPP"


def test_a_written_country_beats_the_peoples_homes(resolver: ActorResolver) -> None:
    # "Iraqi Kurdish fighters attacked."
    doc = build([("Iraqi", 2, "amod", "ADJ", "B-NORP"), ("Kurdish", 2, "amod", "ADJ", "B-NORP"),
                 ("fighters", 3, "nsubj", "NOUN", "O", "fighter"), ("attacked", 3, "ROOT", "VERB", "O")])
    assert code(head(resolver, doc, 2, main="TUR")) == "IRQREB"


def test_a_people_inside_a_state_is_not_the_country_its_second_word_names(resolver: ActorResolver) -> None:
    # "Bosnian Serb forces shelled the town."
    doc = build([("Bosnian", 2, "amod", "ADJ", "B-NORP"), ("Serb", 2, "compound", "PROPN", "I-NORP"),
                 ("forces", 3, "nsubj", "NOUN", "O", "force"), ("shelled", 3, "ROOT", "VERB", "O"),
                 ("the", 5, "det", "DET", "O"), ("town", 3, "dobj", "NOUN", "O")])
    assert code(head(resolver, doc, 2, main="SRB")) == "BIHMIL"


def test_ethnic_demonym_belongs_where_the_group_lives(resolver: ActorResolver) -> None:
    # "Ethnic Albanians protested in Serbia." / "Ethnic Albanians protested."
    doc = build([("Ethnic", 1, "amod", "ADJ", "O"), ("Albanians", 2, "nsubj", "PROPN", "B-NORP"),
                 ("protested", 2, "ROOT", "VERB", "O"), ("in", 2, "prep", "ADP", "O"),
                 ("Serbia", 3, "pobj", "PROPN", "B-GPE")])
    albanians = head(resolver, doc, 1, main="MKD")
    assert albanians is not None and (albanians.country, albanians.name) == ("MKD", "ethnic Albanians")
    alone = build([("ethnic", 1, "amod", "ADJ", "O"), ("Albanians", 2, "nsubj", "PROPN", "B-NORP"),
                   ("protested", 2, "ROOT", "VERB", "O")])
    assert code(head(resolver, alone, 1, main=None)) == "ALB"  # nothing else known: the group's namesake
    plain = build([("Albanians", 1, "nsubj", "PROPN", "B-NORP"), ("protested", 1, "ROOT", "VERB", "O")])
    assert code(head(resolver, plain, 0, main="MKD")) == "ALB"  # without "ethnic", the nation itself


def test_a_faith_as_the_actor_is_the_articles_own_but_not_as_a_modifier(resolver: ActorResolver) -> None:
    # "Shiites marched." / "Troops shelled Shia villages."
    actor = build([("Shiites", 1, "nsubj", "PROPN", "B-NORP"), ("marched", 1, "ROOT", "VERB", "O")])
    shiites = head(resolver, actor, 0, main="BHR")
    assert shiites is not None and (shiites.name, shiites.code) == ("Shiites", "BHR")
    assert head(resolver, actor, 0, main=None) is None
    modifier = build([("Troops", 1, "nsubj", "NOUN", "O", "troop"), ("shelled", 1, "ROOT", "VERB", "O"),
                      ("Shia", 3, "compound", "PROPN", "B-NORP"), ("villages", 1, "dobj", "NOUN", "O", "village")])
    assert head(resolver, modifier, 3, main="LBN") is None
    assert code(head(resolver, modifier, 0, main="LBN")) == "LBNMIL"


def test_a_people_the_tagger_took_for_a_person(resolver: ActorResolver) -> None:
    # "Troops overran a Karen rebel base." with "Karen" tagged PERSON
    doc = build([("Troops", 1, "nsubj", "NOUN", "O", "troop"), ("overran", 1, "ROOT", "VERB", "O"),
                 ("a", 5, "det", "DET", "O"), ("Karen", 5, "compound", "PROPN", "B-PERSON"),
                 ("rebel", 5, "compound", "NOUN", "O"), ("base", 1, "dobj", "NOUN", "O")])
    actors = resolver.analyse(doc, DAY)
    assert "karen" not in actors.aliases
    assert code(resolver.resolve_head(doc[5], actors)) == "MMRREB"


# ---------------------------------------------------------------- countries opposed, foreign referents

def test_a_country_after_anti_is_not_the_referents(resolver: ActorResolver) -> None:
    # "An anti-Syria journalist was killed in Beirut."
    doc = build([("An", 4, "det", "DET", "O"), ("anti", 3, "amod", "ADJ", "O"), ("-", 3, "punct", "PUNCT", "O"),
                 ("Syria", 4, "amod", "PROPN", "B-GPE"), ("journalist", 6, "nsubjpass", "NOUN", "O"),
                 ("was", 6, "auxpass", "AUX", "O"), ("killed", 6, "ROOT", "VERB", "O"),
                 ("in", 6, "prep", "ADP", "O"), ("Beirut", 7, "pobj", "PROPN", "B-GPE")])
    journalist = head(resolver, doc, 4, main=None)
    assert journalist is not None and (journalist.country, journalist.sector) == (None, "MED")
    actors = resolver.analyse(doc, DAY)
    assert actors.main_country == "LBN"  # the country opposed is no evidence of where the story is
    assert code(resolver.resolve_head(doc[4], actors)) == "LBNMED"


def test_foreign_referents_take_neither_the_place_nor_the_main_country(resolver: ActorResolver) -> None:
    # "Western diplomats in Kabul said." / "Diplomats in Kabul said."
    western = build([("Western", 1, "amod", "ADJ", "O"), ("diplomats", 4, "nsubj", "NOUN", "O", "diplomat"),
                     ("in", 1, "prep", "ADP", "O"), ("Kabul", 2, "pobj", "PROPN", "B-GPE"),
                     ("said", 4, "ROOT", "VERB", "O")])
    actor = head(resolver, western, 1, main="AFG")
    assert actor is not None and (actor.country, actor.code) == (None, "GOV")
    local = build([("Diplomats", 3, "nsubj", "NOUN", "O", "diplomat"), ("in", 0, "prep", "ADP", "O"),
                   ("Kabul", 1, "pobj", "PROPN", "B-GPE"), ("said", 3, "ROOT", "VERB", "O")])
    assert code(head(resolver, local, 0, main=None)) == "AFGGOV"


# ---------------------------------------------------------------- towns through the place lookup

def test_towns_give_their_country_through_the_lookup(resolver: ActorResolver, knowledge: ActorKnowledge) -> None:
    # "Police in Lagos arrested protesters."
    doc = build([("Police", 3, "nsubj", "NOUN", "O"), ("in", 0, "prep", "ADP", "O"),
                 ("Lagos", 1, "pobj", "PROPN", "B-GPE"), ("arrested", 3, "ROOT", "VERB", "O"),
                 ("protesters", 3, "dobj", "NOUN", "O", "protester")])
    assert code(head(resolver, doc, 0)) == "NGACOP"
    town = head(resolver, doc, 2)
    assert town is not None and (town.name, town.country, town.sector) == ("Lagos", "NGA", None)
    assert resolver.analyse(doc, DAY).main_country == "NGA"
    without = ActorResolver(knowledge)  # no lookup handed over: a town gives nothing
    assert code(head(without, doc, 0, main=None)) == "COP"


def test_an_ambiguous_town_follows_the_main_country(resolver: ActorResolver) -> None:
    # "Militias in Tripoli clashed."
    doc = build([("Militias", 3, "nsubj", "NOUN", "O", "militia"), ("in", 0, "prep", "ADP", "O"),
                 ("Tripoli", 1, "pobj", "PROPN", "B-GPE"), ("clashed", 3, "ROOT", "VERB", "O")])
    assert code(head(resolver, doc, 0, main="LBN")) == "LBNREB"
    assert code(head(resolver, doc, 0, main="SYR")) == "LBYREB"  # the largest namesake
    said = build([("Tripoli", 1, "nsubj", "PROPN", "B-GPE"), ("said", 1, "ROOT", "VERB", "O")])
    assert code(head(resolver, said, 0, main="SYR")) == "LBYGOV"  # a capital names its government
    assert code(head(resolver, said, 0, main="LBN")) == "LBN"  # the Lebanese town is no seat of government


def test_a_small_namesake_never_competes_with_a_capital(resolver: ActorResolver) -> None:
    doc = build([("Washington", 1, "nsubj", "PROPN", "B-GPE"), ("said", 1, "ROOT", "VERB", "O")])
    assert code(head(resolver, doc, 0, main="GBR")) == "USAGOV"


def test_place_lookup_rules() -> None:
    assert place_countries(towns, "Lagos") == ("NGA", "PRT")
    assert place_countries(towns, "Hope") == ()  # too small to be meant without its country
    assert place_countries(towns, "North") == ()  # a direction, whatever GeoNames says
    assert place_countries(towns, "Samar") == ()  # only another language's name for Samara
    assert pick_country(("LBY", "LBN"), "LBN") == "LBN"
    assert pick_country(("LBY", "LBN"), None) == "LBY"
    assert pick_country((), "LBN") is None


def test_only_a_whole_place_name_is_looked_up(resolver: ActorResolver) -> None:
    # "Police in the Nile Delta said." : "Delta" alone is a Nigerian state
    doc = build([("Police", 5, "nsubj", "NOUN", "O"), ("in", 0, "prep", "ADP", "O"),
                 ("the", 4, "det", "DET", "O"), ("Nile", 4, "compound", "PROPN", "B-LOC"),
                 ("Delta", 1, "pobj", "PROPN", "I-LOC"), ("said", 5, "ROOT", "VERB", "O")])
    assert code(head(resolver, doc, 0, main="EGY")) == "EGYCOP"


# ---------------------------------------------------------------- names

def test_a_name_written_with_another_particle(resolver: ActorResolver) -> None:
    # "President Omar El Bashir spoke."
    doc = build([("President", 3, "compound", "PROPN", "O"), ("Omar", 3, "compound", "PROPN", "B-PERSON"),
                 ("El", 3, "compound", "PROPN", "I-PERSON"), ("Bashir", 4, "nsubj", "PROPN", "I-PERSON"),
                 ("spoke", 4, "ROOT", "VERB", "O")])
    actor = head(resolver, doc, 3, published=date(2005, 1, 1))
    assert actor is not None and (actor.name, actor.code) == ("Omar al-Bashir", "SDNGOV")


def test_title_and_name_together_name_someone_else_than_the_name(resolver: ActorResolver) -> None:
    # "King Hussein met Saddam." : "Hussein" alone is nobody's alias here
    doc = build([("King", 1, "compound", "PROPN", "O"), ("Hussein", 2, "nsubj", "PROPN", "B-PERSON"),
                 ("met", 2, "ROOT", "VERB", "O"), ("Saddam", 2, "dobj", "PROPN", "B-PERSON")])
    king = head(resolver, doc, 1, published=date(1990, 8, 1))
    assert king is not None and (king.name, king.code) == ("Hussein bin Talal", "JORGOV")
    assert code(head(resolver, doc, 3, published=date(1990, 8, 1))) == "IRQGOV"


def test_an_acronym_in_parentheses_is_not_a_person(resolver: ActorResolver) -> None:
    # "Bosnia Towns Alliance (AKK) officials requested funds." (invented): AKK is also a person's alias
    doc = build([("Bosnia", 2, "compound", "PROPN", "B-ORG"), ("Towns", 2, "compound", "PROPN", "I-ORG"),
                 ("Alliance", 6, "compound", "PROPN", "I-ORG"), ("(", 2, "punct", "PUNCT", "O"),
                 ("AKK", 2, "appos", "PROPN", "B-ORG"), (")", 2, "punct", "PUNCT", "O"),
                 ("officials", 7, "nsubj", "NOUN", "O", "official"), ("requested", 7, "ROOT", "VERB", "O")])
    assert code(head(resolver, doc, 6, published=date(2020, 1, 1))) == "BIHGOV"


# ---------------------------------------------------------------- the article

def test_a_titled_person_read_before_the_main_country_is_known_gets_it_and_so_do_its_aliases(
        resolver: ActorResolver) -> None:
    # "President Mwale spoke. Zambia agreed. Mwale left."  (a name in no dictionary)
    doc = build([("President", 1, "compound", "PROPN", "O"), ("Mwale", 2, "nsubj", "PROPN", "B-PERSON"),
                 ("spoke", 2, "ROOT", "VERB", "O"), (".", 2, "punct", "PUNCT", "O"),
                 ("Zambia", 5, "nsubj", "PROPN", "B-GPE"), ("agreed", 5, "ROOT", "VERB", "O"),
                 (".", 5, "punct", "PUNCT", "O"), ("Mwale", 8, "nsubj", "PROPN", "B-PERSON"),
                 ("left", 8, "ROOT", "VERB", "O")])
    actors = resolver.analyse(doc, DAY)
    assert actors.main_country == "ZMB"
    assert [code(m.actor) for m in actors.mentions] == ["ZMBGOV", "ZMB", "ZMBGOV"]
    assert code(actors.aliases["mwale"]) == "ZMBGOV"
    assert code(resolver.resolve_head(doc[7], actors)) == "ZMBGOV"


def test_country_words_outside_any_entity_count_for_the_main_country(resolver: ActorResolver) -> None:
    # "Vice-President Ochieng resigned under pressure from the Kenya Anti-Graft Commission."
    doc = build([("Vice-President", 1, "compound", "PROPN", "O"), ("Ochieng", 2, "nsubj", "PROPN", "B-ORG"),
                 ("resigned", 2, "ROOT", "VERB", "O"), ("under", 2, "prep", "ADP", "O"),
                 ("pressure", 3, "pobj", "NOUN", "O"), ("from", 4, "prep", "ADP", "O"),
                 ("the", 10, "det", "DET", "O"), ("Kenya", 10, "compound", "PROPN", "O"),
                 ("Anti", 10, "compound", "PROPN", "O"), ("-", 10, "punct", "PUNCT", "O"),
                 ("Graft", 10, "compound", "PROPN", "O"), ("Commission", 5, "pobj", "PROPN", "O")])
    actors = resolver.analyse(doc, DAY)
    assert actors.main_country == "KEN"
    assert code(resolver.resolve_head(doc[1], actors)) == "KENGOV"


def test_a_state_that_no_longer_exists_is_its_continuator(resolver: ActorResolver) -> None:
    # "Soviet troops left Kabul."
    doc = build([("Soviet", 1, "amod", "ADJ", "B-NORP"), ("troops", 2, "nsubj", "NOUN", "O", "troop"),
                 ("left", 2, "ROOT", "VERB", "O"), ("Kabul", 2, "dobj", "PROPN", "B-GPE")])
    assert code(head(resolver, doc, 1, published=date(1988, 5, 15))) == "RUSMIL"


def test_builtin_places_lookup_is_optional(countries: Countries) -> None:
    resolver = ActorResolver(ActorKnowledge.load(countries, office_holders=Path("/nonexistent")))
    doc = build([("Lagos", 1, "nsubj", "PROPN", "B-GPE"), ("said", 1, "ROOT", "VERB", "O")])
    assert head(resolver, doc, 0) is None
