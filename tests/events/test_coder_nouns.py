"""Noun events (nominalisations): their sources, targets and the light verbs that carry them."""

from __future__ import annotations

from test_coder_kit import PATTERNS, code, parse, pattern, triples

POSSESSIVE = """
Iran           Iran          PROPN  NNP  poss       2   B-GPE
's             's            PART   POS  case       0
attack         attack        NOUN   NN   nsubj      5
on             on            ADP    IN   prep       2
Iraq           Iraq          PROPN  NNP  pobj       3   B-GPE
drew           draw          VERB   VBD  ROOT       5
condemnation   condemnation  NOUN   NN   dobj       5
.              .             PUNCT  .    punct      5
"""

OF_PHRASE = """
The            the           DET    DT   det        1
visit          visit         NOUN   NN   nsubj      7
of             of            ADP    IN   prep       1
the            the           DET    DT   det        6
top            top           ADJ    JJ   amod       6
US             US            PROPN  NNP  compound   6   B-GPE
commander      commander     NOUN   NN   pobj       2
ended          end           VERB   VBD  ROOT       7
on             on            ADP    IN   prep       7
Tuesday        Tuesday       PROPN  NNP  pobj       8   B-DATE
.              .             PUNCT  .    punct      7
"""

BY_PHRASE = """
An             an            DET    DT   det        1
attack         attack        NOUN   NN   nsubj      4
by             by            ADP    IN   prep       1
rebels         rebel         NOUN   NNS  pobj       2
killed         kill          VERB   VBD  ROOT       4
five           five          NUM    CD   nummod     6   B-CARDINAL
soldiers       soldier       NOUN   NNS  dobj       4
.              .             PUNCT  .    punct      4
"""

NATIONALITY = """
An             an            DET    DT   det        2
Israeli        israeli       ADJ    JJ   amod       2   B-NORP
airstrike      airstrike     NOUN   NN   nsubj      3
hit            hit           VERB   VBD  ROOT       3
a              a             DET    DT   det        5
school         school        NOUN   NN   dobj       3
in             in            ADP    IN   prep       3
Gaza           Gaza          PROPN  NNP  pobj       6   B-GPE
.              .             PUNCT  .    punct      3
"""

ORGANISATION = """
A              a             DET    DT   det        2
NATO           NATO          PROPN  NNP  compound   2   B-ORG
summit         summit        NOUN   NN   nsubj      3
opened         open          VERB   VBN  ROOT       3
in             in            ADP    IN   prep       3
Brussels       Brussels      PROPN  NNP  pobj       4   B-GPE
.              .             PUNCT  .    punct      3
"""

LAUNCH = """
Russia         Russia        PROPN  NNP  nsubj      1   B-GPE
launched       launch        VERB   VBD  ROOT       1
an             an            DET    DT   det        3
attack         attack        NOUN   NN   dobj       1
on             on            ADP    IN   prep       3
Ukraine        Ukraine       PROPN  NNP  pobj       4   B-GPE
.              .             PUNCT  .    punct      1
"""

HOLD_TALKS = """
Iran           Iran          PROPN  NNP  nsubj      1   B-GPE
held           hold          VERB   VBD  ROOT       1
talks          talk          NOUN   NNS  dobj       1
with           with          ADP    IN   prep       2
Iraq           Iraq          PROPN  NNP  pobj       3   B-GPE
.              .             PUNCT  .    punct      1
"""

CARRY_OUT = """
Rebels         rebel         NOUN   NNS  nsubj      1
carried        carry         VERB   VBD  ROOT       1
out            out           ADP    RP   prt        1
strikes        strike        NOUN   NNS  dobj       1
against        against       ADP    IN   prep       3
Israel         Israel        PROPN  NNP  pobj       4   B-GPE
.              .             PUNCT  .    punct      1
"""

IMPOSE = """
The            the           DET    DT   det        2   B-ORG
European       European      PROPN  NNP  compound   2   I-ORG
Union          Union         PROPN  NNP  nsubj      3   I-ORG
imposed        impose        VERB   VBD  ROOT       3
sanctions      sanction      NOUN   NNS  dobj       3
on             on            ADP    IN   prep       4
Iran           Iran          PROPN  NNP  pobj       5   B-GPE
.              .             PUNCT  .    punct      3
"""

# en_core_web_sm lemmatises "staged" as "stag"; the cue file corrects it.
STAGE = """
Protesters     protester     NOUN   NNS  nsubj      1
staged         stag          VERB   VBD  ROOT       1
a              a             DET    DT   det        3
protest        protest       NOUN   NN   dobj       1
against        against       ADP    IN   prep       3
Israel         Israel        PROPN  NNP  pobj       4   B-GPE
.              .             PUNCT  .    punct      1
"""

PASSIVE_HOLD = """
Talks          talk          NOUN   NNS  nsubjpass  2
were           be            AUX    VBD  auxpass    2
held           hold          VERB   VBN  ROOT       2
with           with          ADP    IN   prep       2
Iranian        iranian       ADJ    JJ   amod       5   B-NORP
diplomats      diplomat      NOUN   NNS  pobj       3
in             in            ADP    IN   prep       5
Vienna         Vienna        PROPN  NNP  pobj       6   B-GPE
.              .             PUNCT  .    punct      2
"""

TAKE_PART = """
Egypt          Egypt         PROPN  NNP  nsubj      1   B-GPE
took           take          VERB   VBD  ROOT       1
part           part          NOUN   NN   dobj       1
in             in            ADP    IN   prep       1
talks          talk          NOUN   NNS  pobj       3
with           with          ADP    IN   prep       4
Israel         Israel        PROPN  NNP  pobj       5   B-GPE
.              .             PUNCT  .    punct      1
"""

BETWEEN = """
Egypt          Egypt         PROPN  NNP  nsubj      1   B-GPE
hosted         host          VERB   VBD  ROOT       1
talks          talk          NOUN   NNS  dobj       1
between        between       ADP    IN   prep       2
Israel         Israel        PROPN  NNP  pobj       3   B-GPE
and            and           CCONJ  CC   cc         4
Hamas          Hamas         PROPN  NNP  conj       4   B-ORG
.              .             PUNCT  .    punct      1
"""

CONDEMN = """
Israel         Israel        PROPN  NNP  nsubj      1   B-GPE
condemned      condemn       VERB   VBD  ROOT       1
the            the           DET    DT   det        3
attack         attack        NOUN   NN   dobj       1
by             by            ADP    IN   prep       3
rebels         rebel         NOUN   NNS  pobj       4
.              .             PUNCT  .    punct      1
"""

DURING = """
During         during        ADP    IN   prep       6
talks          talk          NOUN   NNS  pobj       0
with           with          ADP    IN   prep       1
Iraq           Iraq          PROPN  NNP  pobj       2   B-GPE
,              ,             PUNCT  ,    punct      6
Jordan         Jordan        PROPN  NNP  nsubj      6   B-GPE
raised         raise         VERB   VBD  ROOT       6
the            the           DET    DT   det        8
issue          issue         NOUN   NN   dobj       6
of             of            ADP    IN   prep       8
refugees       refugee       NOUN   NNS  pobj       9
.              .             PUNCT  .    punct      6
"""

AT_A_RALLY = """
Police         Police        NOUN   NNS  nsubj      1
arrested       arrest        VERB   VBD  ROOT       1
protesters     protester     NOUN   NNS  dobj       1
at             at            ADP    IN   prep       1
a              a             DET    DT   det        5
rally          rally         NOUN   NN   pobj       3
.              .             PUNCT  .    punct      1
"""


def test_possessive_is_the_source_and_the_preposition_object_the_target() -> None:
    [event] = code(parse(POSSESSIVE))
    assert triples([event]) == [("Iran", "190", "Iraq")]
    assert event.trigger == "attack on"


def test_of_phrase_is_the_source_when_of_is_not_the_target_preposition() -> None:
    [event] = code(parse(OF_PHRASE))
    assert triples([event]) == [("United States", "042", None)]
    doc = parse(OF_PHRASE)
    assert event.source_span is not None
    assert doc.text[slice(*event.source_span)] == "the top US commander"


def test_of_phrase_is_the_target_when_the_pattern_says_so() -> None:
    # 040, not 042: a visit needs its visitor (events/data/eventness.yaml), and this one names none.
    patterns = [pattern("visit +of", "040", "noun")]
    [event] = code(parse(OF_PHRASE), patterns=patterns)
    assert triples([event]) == [(None, "040", "United States")]


def test_by_phrase_is_the_source() -> None:
    assert triples(code(parse(BY_PHRASE))) == [("rebels", "190", None)]


def test_nationality_and_organisation_modifiers_are_the_source() -> None:
    assert triples(code(parse(NATIONALITY))) == [("Israel", "195", None)]
    assert triples(code(parse(ORGANISATION))) == [("NATO", "043", None)]


def test_light_verb_subject_is_the_source_of_the_noun_it_carries() -> None:
    [event] = code(parse(LAUNCH))
    assert triples([event]) == [("Russia", "190", "Ukraine")]
    assert event.trigger == "launched attack on"
    assert event.pattern == "attack +on|against"


def test_light_verb_with_its_own_pattern_is_not_coded_beside_the_noun() -> None:
    # "hold" codes 036 on its own (see PATTERNS), but here the talks are the event.
    events = code(parse(HOLD_TALKS))
    assert triples(events) == [("Iran", "043", "Iraq")]
    assert events[0].trigger == "held talks with"


def test_a_verb_pattern_naming_the_object_wins_over_the_noun() -> None:
    patterns = [*PATTERNS, pattern("hold ~talk +with", "046")]
    assert triples(code(parse(HOLD_TALKS), patterns=patterns)) == [("Iran", "046", "Iraq")]


def test_phrasal_light_verbs_and_corrected_lemmas_carry_their_nouns() -> None:
    [strikes] = code(parse(CARRY_OUT))
    assert (triples([strikes]), strikes.trigger) == ([("rebels", "195", "Israel")], "carried out strikes against")
    assert triples(code(parse(IMPOSE))) == [("European Union", "163", "Iran")]
    [protest] = code(parse(STAGE))
    assert (triples([protest]), protest.trigger) == ([("protesters", "140", "Israel")], "staged protest against")


def test_passive_light_verb_takes_the_target_preposition_on_the_verb() -> None:
    assert triples(code(parse(PASSIVE_HOLD))) == [(None, "043", "Iran")]


def test_prepositional_host_carries_the_noun() -> None:
    [event] = code(parse(TAKE_PART))
    assert triples([event]) == [("Egypt", "043", "Israel")]
    assert event.trigger == "took part in talks with"


def test_between_makes_the_two_objects_the_parties_both_ways() -> None:
    assert triples(code(parse(BETWEEN))) == [("Israel", "043", "Hamas"), ("Hamas", "043", "Israel")]


def test_an_event_noun_as_target_stands_for_its_own_source_and_is_not_coded_again() -> None:
    # The attack, aimed at no one, is what the condemnation is about (docs/coder.md, "What an event is about").
    assert triples(code(parse(CONDEMN))) == [("Israel", "122", "rebels")]


def test_consultation_in_an_adverbial_phrase_takes_the_clause_subject() -> None:
    assert triples(code(parse(DURING))) == [("Jordan", "043", "Iraq")]


def test_other_event_nouns_in_adverbial_phrases_do_not_borrow_the_clause_subject() -> None:
    patterns = [*PATTERNS, pattern("rally", "141", "noun")]
    assert triples(code(parse(AT_A_RALLY), patterns=patterns)) == [("police", "173", "protesters")]


WAVE_OF = """
Russia         Russia        PROPN  NNP  nsubj      1   B-GPE
launched       launch        VERB   VBD  ROOT       1
a              a             DET    DT   det        3
wave           wave          NOUN   NN   dobj       1
of             of            ADP    IN   prep       3
attacks        attack        NOUN   NNS  pobj       4
on             on            ADP    IN   prep       5
Ukraine        Ukraine       PROPN  NNP  pobj       6   B-GPE
.              .             PUNCT  .    punct      1
"""


def test_a_measure_word_between_light_verb_and_event_noun_is_looked_through() -> None:
    [event] = code(parse(WAVE_OF))
    assert (triples([event]), event.trigger) == ([("Russia", "190", "Ukraine")], "launched attacks on")
