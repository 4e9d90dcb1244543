"""Missing actors from the sentence's context (events/context.py), through the coder on hand-built parses."""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc
from test_coder_kit import FakeActors, actor, parse, pattern

from newsevents.actors.context import DocActors
from newsevents.events.coder import EventCoder
from newsevents.events.patterns import Pattern, VerbPatterns
from newsevents.settings import EventSettings
from newsevents.types import Actor, CodedEvent, Mention, Place

SYR = actor("SYRGOV", "Syria")
IRQ = actor("IRQGOV", "Iraq")
ISR = actor("ISRGOV", "Israel")
IRN = actor("IRNGOV", "Iran")
REBELS = actor("SYRREB", "rebels")
PROTESTERS = actor("EGYCVL", "protesters")
POLICE = actor("EGYCOP", "police")
SOLDIERS = actor("SYRMIL", "soldiers")
UNIONS = actor("FRALAB", "unions")
GOVERNMENT = actor("FRAGOV", "government")
PRESIDENT = Actor(text="The president", name="president", country=None, sector="GOV", code="GOV")

TABLE: dict[str, Actor] = {
    "Israel": ISR, "Iraq": IRQ, "Iraqi": IRQ, "Syrian": SYR, "Iran": IRN, "Rebels": REBELS,
    "Protesters": PROTESTERS, "Police": POLICE, "soldiers": SOLDIERS, "Unions": UNIONS, "government": GOVERNMENT,
    "president": PRESIDENT,
}

PATTERNS = [
    pattern("riot", "145"), pattern("attack", "190"), pattern("arrest", "173"), pattern("appeal +for", "020"),
    pattern("kill", "1823"), pattern("impose ~curfew", "1723"), pattern("strike", "143"),
    pattern("bombing", "183", "noun"), pattern("send ~troop +to", "154"),
]

RIOT_AT = """
Protesters     protester     NOUN   NNS  nsubj      1
rioted         riot          VERB   VBD  ROOT       1
at             at            ADP    IN   prep       1
a              a             DET    DT   det        4
prison         prison        NOUN   NN   pobj       2
in             in            ADP    IN   prep       4
Israel         Israel        PROPN  NNP  pobj       5   B-GPE
.              .             PUNCT  .    punct      1
"""

RIOT_SAID = """
Protesters     protester     NOUN   NNS  nsubj      1
rioted         riot          VERB   VBD  ccomp      5
,              ,             PUNCT  ,    punct      5
Iraqi          iraqi         ADJ    JJ   amod       4   B-NORP
officials      official      NOUN   NNS  nsubj      5
said           say           VERB   VBD  ROOT       5
.              .             PUNCT  .    punct      5
"""

ATTACK_TOWN = """
Rebels         rebel         NOUN   NNS  nsubj      1
attacked       attack        VERB   VBD  ROOT       1
the            the           DET    DT   det        3
town           town          NOUN   NN   dobj       1
of             of            ADP    IN   prep       3
Homs           Homs          PROPN  NNP  pobj       4   B-GPE
.              .             PUNCT  .    punct      1
"""

# Two nationality words in two phrases of the verb, equally near it: the sentence does not say which
# country was attacked.
ATTACK_TWO = """
Rebels         rebel         NOUN   NNS  nsubj      1
attacked       attack        VERB   VBD  ROOT       1
from           from          ADP    IN   prep       1
Syrian         syrian        ADJ    JJ   amod       4   B-NORP
territory      territory     NOUN   NN   pobj       2
with           with          ADP    IN   prep       1
Iraqi          iraqi         ADJ    JJ   amod       7   B-NORP
weapons        weapon        NOUN   NNS  pobj       5
.              .             PUNCT  .    punct      1
"""

ARRESTED = """
Police         police        NOUN   NNS  nsubj      1
arrested       arrest        VERB   VBD  ROOT       1
12             12            NUM    CD   nummod     3   B-CARDINAL
people         people        NOUN   NNS  dobj       1
.              .             PUNCT  .    punct      1
"""

APPEALED = """
Iran           Iran          PROPN  NNP  nsubj      1   B-GPE
appealed       appeal        VERB   VBD  ROOT       1
for            for           ADP    IN   prep       1
calm           calm          NOUN   NN   pobj       2
in             in            ADP    IN   prep       1
Iraq           Iraq          PROPN  NNP  pobj       4   B-GPE
.              .             PUNCT  .    punct      1
"""

KILLED_IN = """
Two            two           NUM    CD   nummod     1   B-CARDINAL
soldiers       soldier       NOUN   NNS  nsubjpass  3
were           be            AUX    VBD  auxpass    3
killed         kill          VERB   VBN  ROOT       3
in             in            ADP    IN   prep       3
Homs           Homs          PROPN  NNP  pobj       4   B-GPE
.              .             PUNCT  .    punct      3
"""

CURFEW = """
The            the           DET    DT   det        1
president      president     NOUN   NN   nsubj      2
imposed        impose        VERB   VBD  ROOT       2
a              a             DET    DT   det        4
curfew         curfew        NOUN   NN   dobj       2
in             in            ADP    IN   prep       4
Homs           Homs          PROPN  NNP  pobj       5   B-GPE
.              .             PUNCT  .    punct      2
"""

STRIKE_UNLESS = """
Unions         union         NOUN   NNS  nsubj      2
will           will          AUX    MD   aux        2
strike         strike        VERB   VB   ROOT       2
unless         unless        SCONJ  IN   mark       6
the            the           DET    DT   det        5
government     government    NOUN   NN   nsubj      6
resigns        resign        VERB   VBZ  advcl      2
.              .             PUNCT  .    punct      2
"""

BOMBING_IN = """
The            the           DET    DT   det        1
bombing        bombing       NOUN   NN   nsubj      4
in             in            ADP    IN   prep       1
Aleppo         Aleppo        PROPN  NNP  pobj       2   B-GPE
continued      continue      VERB   VBD  ROOT       4
.              .             PUNCT  .    punct      4
"""

SENT_TROOPS = """
Iran           Iran          PROPN  NNP  nsubj      1   B-GPE
sent           send          VERB   VBD  ROOT       1
troops         troop         NOUN   NNS  dobj       1
.              .             PUNCT  .    punct      1
"""


def place(doc: Doc, word: str, country: str, name: str) -> Place:
    token = next(t for t in doc if t.text == word)
    return Place(text=word, start=token.idx, end=token.idx + len(word), name=name, country=country, lat=None,
                 lon=None, geonameid=None, feature="city")


NEAR_BORDER = """
Rebels         rebel         NOUN   NNS  nsubj      1
attacked       attack        VERB   VBD  ROOT       1
near           near          ADP    IN   prep       1
the            the           DET    DT   det        5
Syrian         syrian        ADJ    JJ   amod       5   B-NORP
border         border        NOUN   NN   pobj       2
.              .             PUNCT  .    punct      1
"""


def run(doc: Doc, places: tuple[Place, ...] = (), patterns: list[Pattern] = PATTERNS,
        table: Mapping[str, Actor] = TABLE) -> list[CodedEvent]:
    """Code the parse with every entity as a mention carrying its actor, as the actor stage would."""
    mentions = tuple(Mention(e.text, e.label_, e.start_char, e.end_char, table.get(e.text)) for e in doc.ents)
    coder = EventCoder(EventSettings(), VerbPatterns(patterns), FakeActors(table))
    return coder.code(doc, DocActors(mentions=mentions), places)


def sides(events: list[CodedEvent]) -> list[tuple[str | None, str, str | None]]:
    return [(e.source.code if e.source else None, e.code, e.target.code if e.target else None) for e in events]


def test_a_missing_target_is_an_actor_named_in_the_clause() -> None:
    [event] = run(parse(RIOT_AT))
    assert sides([event]) == [("EGYCVL", "145", "ISRGOV")]
    assert event.target is not None and event.target.text == "Israel"  # the words it came from


def test_the_reporting_clause_is_not_read_and_a_domestic_event_falls_back_to_the_source_country() -> None:
    [event] = run(parse(RIOT_SAID))  # "Iraqi officials" only report the riot
    assert event.target is not None and (event.target.code, event.target.sector) == ("EGY", None)
    assert event.source is not None and event.target.text == event.source.text  # the words it came from


def test_a_place_gives_its_country_and_the_actor_says_where_it_came_from() -> None:
    doc = parse(ATTACK_TOWN)
    [event] = run(doc, (place(doc, "Homs", "SYR", "Homs"),))
    assert event.target is not None
    assert (event.target.code, event.target.text, event.target.sector) == ("SYR", "Homs", None)
    assert [event.target_span] == [(doc[5].idx, doc[5].idx + 4)]


def test_several_countries_in_the_same_position_are_not_guessed_between() -> None:
    assert sides(run(parse(ATTACK_TWO))) == [("SYRREB", "190", None)]


def test_a_domestic_event_without_another_actor_targets_the_source_country() -> None:
    [event] = run(parse(ARRESTED))
    assert sides([event]) == [("EGYCOP", "173", "EGY")]
    assert event.target is not None and event.target.name == "Egypt" and event.target_span == event.source_span


def test_statements_and_appeals_get_no_inferred_target() -> None:
    assert sides(run(parse(APPEALED))) == [("IRNGOV", "020", None)]


def test_a_killing_without_a_named_killer_takes_no_source_from_the_place() -> None:
    # Until 1.3.0 the place gave the source (SYR); a killing in a town says nothing of who killed
    # (issue 8, category 9).
    doc = parse(KILLED_IN)
    [event] = run(doc, (place(doc, "Homs", "SYR", "Homs"),))
    assert sides([event]) == [(None, "1823", "SYRMIL")]


def test_an_actor_without_a_country_takes_the_one_of_its_domestic_event() -> None:
    doc = parse(CURFEW)
    [event] = run(doc, (place(doc, "Homs", "SYR", "Homs"),))
    assert event.source is not None
    assert (event.source.code, event.source.country, event.source.sector, event.source.text) == (
        "SYRGOV", "SYR", "GOV", "The president")


def test_the_party_a_conditional_threat_addresses_is_its_target() -> None:
    [event] = run(parse(STRIKE_UNLESS))
    assert sides([event]) == [("FRALAB", "133", "FRAGOV")]  # a conditional strike is a threat to protest
    assert event.modality == "hypothetical"  # the modality is left as events/modality.py reads it


def test_an_event_with_no_actor_of_its_own_gets_none_from_context() -> None:
    doc = parse(BOMBING_IN)
    assert run(doc, (place(doc, "Aleppo", "SYR", "Aleppo"),)) == []


def test_nothing_is_inferred_without_candidates() -> None:
    # Troops sent are what moves, not the target; no place or actor says where: no target.
    patterns = [pattern("send ~troop", "154")]
    assert sides(run(parse(SENT_TROOPS), patterns=patterns, table={"Iran": IRN})) == [("IRNGOV", "154", None)]


def test_a_demonym_on_a_noun_that_names_no_actor_is_no_target() -> None:
    # "near the Syrian border": where, not whom (issue 8, category 2); until 1.3.0 the target was SYRGOV.
    assert sides(run(parse(NEAR_BORDER))) == [("SYRREB", "190", None)]


def test_a_demonym_on_an_actor_noun_is_a_target() -> None:
    table = {**TABLE, "border": actor("SYRMIL", "Syrian border guards")}  # as if "border" named guards
    assert sides(run(parse(NEAR_BORDER), table=table)) == [("SYRREB", "190", "SYRGOV")]
