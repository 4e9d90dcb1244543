"""What is not a report of its own (background clauses and nouns), lists of parties, and where context
looks first (hand-built parses of invented sentences)."""

from __future__ import annotations

from spacy.tokens import Doc
from test_coder_kit import FakeActors, actor, parse, pattern

from newsevents.actors.context import DocActors
from newsevents.events.coder import EventCoder
from newsevents.events.patterns import Pattern, VerbPatterns
from newsevents.settings import EventSettings
from newsevents.types import Actor, CodedEvent, Mention

TABLE: dict[str, Actor] = {
    "Israel": actor("ISRGOV", "Israel"), "mayor": actor("PSEGOV", "mayor"), "soldiers": actor("ISRMIL", "soldiers"),
    "member": actor("PSEREB", "member of Hamas"), "Workers": actor("FRALAB", "workers"),
    "activists": actor("FRAOPP", "activists"), "US": actor("USA", "United States"), "Russia": actor("RUS", "Russia"),
    "Switzerland": actor("CHE", "Switzerland"), "Students": actor("HKGEDU", "students"),
    "Chinese": actor("CHN", "China"), "Hong Kong": actor("HKG", "Hong Kong"), "Lebanon": actor("LBN", "Lebanon"),
    "Iranian": actor("IRN", "Iran"), "Rebels": actor("SYRREB", "rebels"), "Homs": actor("SYR", "Syria"),
    # "Chinese authorities" names an actor (the real resolver: CHNGOV); a demonym on a noun that names
    # none is no target (test_context.py).
    "authorities": actor("CHNGOV", "Chinese authorities"),
}

PATTERNS: list[Pattern] = [
    pattern("free", "0841"), pattern("arrest", "173"), pattern("jail", "173"), pattern("kill", "1823"),
    pattern("strike", "143", "noun"), pattern("protest", "141", "noun"), pattern("arrest", "173", "noun"),
    pattern("meet", "040"), pattern("block", "144"), pattern("reinforce", "154"), pattern("steal", "171"),
]

HAD_ARRESTED = """
Israel         Israel        PROPN  NNP  nsubj      1   B-GPE
freed          free          VERB   VBD  ROOT       1
the            the           DET    DT   det        3
mayor          mayor         NOUN   NN   dobj       1
,              ,             PUNCT  ,    punct      3
whom           whom          PRON   WP   dobj       8
soldiers       soldier       NOUN   NNS  nsubj      8
had            have          AUX    VBD  aux        8
arrested       arrest        VERB   VBN  relcl      3
in             in            ADP    IN   prep       8
May            May           PROPN  NNP  pobj       9   B-DATE
.              .             PUNCT  .    punct      1
"""

JAILED_LAST_YEAR = """
Israel         Israel        PROPN  NNP  nsubj      1   B-GPE
freed          free          VERB   VBD  ROOT       1
the            the           DET    DT   det        3
mayor          mayor         NOUN   NN   dobj       1
,              ,             PUNCT  ,    punct      3
a              a             DET    DT   det        6
member         member        NOUN   NN   appos      3
of             of            ADP    IN   prep       6
Hamas          Hamas         PROPN  NNP  pobj       7   B-ORG
jailed         jail          VERB   VBN  acl        6
last           last          ADJ    JJ   amod       11  B-DATE
year           year          NOUN   NN   npadvmod   9   I-DATE
.              .             PUNCT  .    punct      1
"""

THERE_WERE_KILLED = """
There          there         PRON   EX   expl       1
were           be            VERB   VBD  ROOT       1
ten            ten           NUM    CD   nummod     3   B-CARDINAL
soldiers       soldier       NOUN   NNS  attr       1
killed         kill          VERB   VBN  acl        3
in             in            ADP    IN   prep       4
Homs           Homs          PROPN  NNP  pobj       5   B-GPE
.              .             PUNCT  .    punct      1
"""

IN_PROTEST_OF = """
Workers        worker        NOUN   NNS  nsubj      1
began          begin         VERB   VBD  ROOT       1
a              a             DET    DT   det        4
hunger         hunger        NOUN   NN   compound   4
strike         strike        NOUN   NN   dobj       1
in             in            ADP    IN   prep       4
protest        protest       NOUN   NN   pobj       5
of             of            ADP    IN   prep       6
the            the           DET    DT   det        9
arrest         arrest        NOUN   NN   pobj       7
of             of            ADP    IN   prep       9
activists      activist      NOUN   NNS  pobj       10
.              .             PUNCT  .    punct      1
"""

THREE_MET = """
The            the           DET    DT   det        1
US             US            PROPN  NNP  nsubj      7   B-GPE
,              ,             PUNCT  ,    punct      1
Russia         Russia        PROPN  NNP  appos      1   B-GPE
,              ,             PUNCT  ,    punct      3
and            and           CCONJ  CC   cc         3
Switzerland    Switzerland   PROPN  NNP  conj       3   B-GPE
met            meet          VERB   VBD  ROOT       7
yesterday      yesterday     NOUN   NN   npadvmod   7   B-DATE
.              .             PUNCT  .    punct      7
"""

IN_DEFIANCE = """
Students       student       NOUN   NNS  nsubj      1
blocked        block         VERB   VBD  ROOT       1
streets        street        NOUN   NNS  dobj       1
in             in            ADP    IN   prep       2
Hong           Hong          PROPN  NNP  compound   5   B-GPE
Kong           Kong          PROPN  NNP  pobj       3   I-GPE
in             in            ADP    IN   prep       1
defiance       defiance      NOUN   NN   pobj       6
of             of            ADP    IN   prep       7
Chinese        chinese       ADJ    JJ   amod       10  B-NORP
authorities    authority     NOUN   NNS  pobj       8
.              .             PUNCT  .    punct      1
"""

AFTER_DISCOVERY = """
Israel         Israel        PROPN  NNP  nsubj      1   B-GPE
reinforced     reinforce     VERB   VBD  ROOT       1
its            its           PRON   PRP$ poss       3
troops         troop         NOUN   NNS  dobj       1
in             in            ADP    IN   prep       1
Lebanon        Lebanon       PROPN  NNP  pobj       4   B-GPE
after          after         ADP    IN   prep       1
the            the           DET    DT   det        8
discovery      discovery     NOUN   NN   pobj       6
of             of            ADP    IN   prep       8
Iranian        iranian       ADJ    JJ   amod       11  B-NORP
rockets        rocket        NOUN   NNS  pobj       9
.              .             PUNCT  .    punct      1
"""

CURRENCY = """
Rebels         rebel         NOUN   NNS  nsubj      1
stole          steal         VERB   VBD  ROOT       1
up             up            ADP    RP   prt        1
to             to            ADP    IN   prep       1
US             US            PROPN  NNP  pobj       3   B-GPE
$              $             SYM    $    quantmod   7   B-MONEY
50             50            NUM    CD   compound   7   I-MONEY
million        million       NUM    CD   nummod     4   I-MONEY
.              .             PUNCT  .    punct      1
"""


def run(doc: Doc) -> list[CodedEvent]:
    mentions = tuple(Mention(e.text, e.label_, e.start_char, e.end_char, TABLE.get(e.text)) for e in doc.ents)
    coder = EventCoder(EventSettings(), VerbPatterns(PATTERNS), FakeActors(TABLE))
    return coder.code(doc, DocActors(mentions=mentions))


def codes(events: list[CodedEvent]) -> list[tuple[str | None, str, str | None]]:
    return [(e.source.code if e.source else None, e.code, e.target.code if e.target else None) for e in events]


def test_a_relative_clause_in_the_perfect_describes_a_participant_and_is_not_coded() -> None:
    assert codes(run(parse(HAD_ARRESTED))) == [("ISRGOV", "0841", "PSEGOV")]


def test_a_participle_without_an_agent_describes_its_noun() -> None:
    assert [e.code for e in run(parse(JAILED_LAST_YEAR))] == ["0841"]


def test_in_an_existential_sentence_the_participle_is_the_report() -> None:
    # The place is not the killer (coder 1.3.0, issue 8 category 9): no source.
    assert codes(run(parse(THERE_WERE_KILLED))) == [(None, "1823", "ISRMIL")]


def test_event_nouns_in_an_adverbial_phrase_of_another_event_noun_are_its_setting() -> None:
    assert [e.code for e in run(parse(IN_PROTEST_OF))] == ["143"]


def test_a_list_misread_as_an_apposition_gives_one_meeting_per_pair_and_direction() -> None:
    assert codes(run(parse(THREE_MET))) == [("USA", "040", "RUS"), ("USA", "040", "CHE"), ("RUS", "040", "USA"),
                                            ("RUS", "040", "CHE"), ("CHE", "040", "USA"), ("CHE", "040", "RUS")]


def test_a_place_after_a_locative_preposition_ranks_after_the_actors_named() -> None:
    [event] = run(parse(IN_DEFIANCE))
    assert (event.code, event.target.code if event.target else None) == ("144", "CHN")


def test_phrases_of_time_and_cause_are_not_read_for_a_target() -> None:
    [event] = run(parse(AFTER_DISCOVERY))
    assert (event.code, event.target.code if event.target else None) == ("154", "LBN")


def test_a_country_before_a_currency_sign_is_not_an_actor() -> None:
    [event] = run(parse(CURRENCY))
    assert (event.code, event.target.code if event.target else None) == ("171", "SYR")  # domestic, not USA
