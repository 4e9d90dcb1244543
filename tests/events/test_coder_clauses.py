"""Coordinated actors, reporting verbs, complements and intention verbs (hand-built parses)."""

from __future__ import annotations

from test_coder_kit import PATTERNS, code, parse, pattern, triples

AGREE = """
Iran           Iran          PROPN  NNP  nsubj      3   B-GPE
and            and           CCONJ  CC   cc         0
Iraq           Iraq          PROPN  NNP  conj       0   B-GPE
agreed         agree         VERB   VBD  ROOT       3
to             to            PART   TO   aux        5
expand         expand        VERB   VB   xcomp      3
trade          trade         NOUN   NN   dobj       5
.              .             PUNCT  .    punct      3
"""

MEET_TWO = """
Blinken        Blinken       PROPN  NNP  nsubj      1   B-PERSON
met            meet          VERB   VBD  ROOT       1
with           with          ADP    IN   prep       1
King           King          PROPN  NNP  compound   4   B-PERSON
Abdullah       Abdullah      PROPN  NNP  pobj       2   I-PERSON
and            and           CCONJ  CC   cc         4
Prime          Prime         PROPN  NNP  compound   7
Minister       Minister      PROPN  NNP  compound   8
Sudani         Sudani        PROPN  NNP  conj       4   B-PERSON
.              .             PUNCT  .    punct      1
"""

TWO_BY_TWO = """
Iran           Iran          PROPN  NNP  nsubj      3   B-GPE
and            and           CCONJ  CC   cc         0
Iraq           Iraq          PROPN  NNP  conj       0   B-GPE
met            meet          VERB   VBD  ROOT       3
with           with          ADP    IN   prep       3
Egypt          Egypt         PROPN  NNP  pobj       4   B-GPE
and            and           CCONJ  CC   cc         5
Jordan         Jordan        PROPN  NNP  conj       5   B-GPE
.              .             PUNCT  .    punct      3
"""

FIVE_SOURCES = """
Iran           Iran          PROPN  NNP  nsubj      9   B-GPE
,              ,             PUNCT  ,    punct      0
Iraq           Iraq          PROPN  NNP  conj       0   B-GPE
,              ,             PUNCT  ,    punct      2
Jordan         Jordan        PROPN  NNP  conj       2   B-GPE
,              ,             PUNCT  ,    punct      4
Russia         Russia        PROPN  NNP  conj       4   B-GPE
and            and           CCONJ  CC   cc         6
Ukraine        Ukraine       PROPN  NNP  conj       6   B-GPE
met            meet          VERB   VBD  ROOT       9
with           with          ADP    IN   prep       9
Egypt          Egypt         PROPN  NNP  pobj       10  B-GPE
.              .             PUNCT  .    punct      9
"""

SAID_THAT = """
Iraqi          iraqi         ADJ    JJ   amod       1   B-NORP
officials      official      NOUN   NNS  nsubj      2
said           say           VERB   VBD  ROOT       2
Iran           Iran          PROPN  NNP  nsubj      4   B-GPE
shelled        shell         VERB   VBD  ccomp      2
the            the           DET    DT   det        6
town           town          NOUN   NN   dobj       4
.              .             PUNCT  .    punct      2
"""

SAID_AFTER = """
Troops         troop         NOUN   NNS  nsubj      1
shelled        shell         VERB   VBD  ccomp      7
the            the           DET    DT   det        3
town           town          NOUN   NN   dobj       1
,              ,             PUNCT  ,    punct      7
Iraqi          iraqi         ADJ    JJ   amod       6   B-NORP
officials      official      NOUN   NNS  nsubj      7
said           say           VERB   VBD  ROOT       7
.              .             PUNCT  .    punct      7
"""

# The same clauses with "said" hung on "shelled" as parataxis, as the parser sometimes does.
SAID_PARATAXIS = """
Troops         troop         NOUN   NNS  nsubj      1
shelled        shell         VERB   VBD  ROOT       1
the            the           DET    DT   det        3
town           town          NOUN   NN   dobj       1
,              ,             PUNCT  ,    punct      1
Iraqi          iraqi         ADJ    JJ   amod       6   B-NORP
officials      official      NOUN   NNS  nsubj      7
said           say           VERB   VBD  parataxis  1
.              .             PUNCT  .    punct      1
"""

ANNOUNCE = """
Iran           Iran          PROPN  NNP  nsubj      1   B-GPE
announced      announce      VERB   VBD  ROOT       1
a              a             DET    DT   det        4
new            new           ADJ    JJ   amod       4
policy         policy        NOUN   NN   dobj       1
.              .             PUNCT  .    punct      1
"""

ACCORDING = """
According      accord        VERB   VBG  prep       5
to             to            ADP    IN   prep       0
Iraq           Iraq          PROPN  NNP  pobj       1   B-GPE
,              ,             PUNCT  ,    punct      5
rebels         rebel         NOUN   NNS  nsubj      5
attacked       attack        VERB   VBD  ROOT       5
the            the           DET    DT   det        7
convoy         convoy        NOUN   NN   dobj       5
.              .             PUNCT  .    punct      5
"""

THREATEN_TO = """
Russia         Russia        PROPN  NNP  nsubj      1   B-GPE
threatened     threaten      VERB   VBD  ROOT       1
to             to            PART   TO   aux        3
attack         attack        VERB   VB   xcomp      1
Ukraine        Ukraine       PROPN  NNP  dobj       3   B-GPE
.              .             PUNCT  .    punct      1
"""

PLAN_TO = """
The            the           DET    DT   det        1
minister       minister      NOUN   NN   nsubj      2
plans          plan          VERB   VBZ  ROOT       2
to             to            PART   TO   aux        4
visit          visit         VERB   VB   xcomp      2
China          China         PROPN  NNP  dobj       4   B-GPE
next           next          ADJ    JJ   amod       7   B-DATE
month          month         NOUN   NN   npadvmod   4   I-DATE
.              .             PUNCT  .    punct      2
"""

SET_TO = """
The            the           DET    DT   det        1
minister       minister      NOUN   NN   nsubjpass  3
is             be            AUX    VBZ  auxpass    3
set            set           VERB   VBN  ROOT       3
to             to            PART   TO   aux        5
participate    participate   VERB   VB   xcomp      3
in             in            ADP    IN   prep       5
a              a             DET    DT   det        8
meeting        meeting       NOUN   NN   pobj       6
in             in            ADP    IN   prep       8
Amman          Amman         PROPN  NNP  pobj       9   B-GPE
.              .             PUNCT  .    punct      3
"""

EXPECTED_TO = """
China          China         PROPN  NNP  nsubjpass  2   B-GPE
is             be            AUX    VBZ  auxpass    2
expected       expect        VERB   VBN  ROOT       2
to             to            PART   TO   aux        4
sign           sign          VERB   VB   xcomp      2
the            the           DET    DT   det        6
agreement      agreement     NOUN   NN   dobj       4
.              .             PUNCT  .    punct      2
"""

REFUSE_TO = """
Iran           Iran          PROPN  NNP  nsubj      1   B-GPE
refused        refuse        VERB   VBD  ROOT       1
to             to            PART   TO   aux        3
meet           meet          VERB   VB   xcomp      1
with           with          ADP    IN   prep       3
the            the           DET    DT   det        6
inspectors     inspector     NOUN   NNS  pobj       4
.              .             PUNCT  .    punct      1
"""


def test_coordinated_subjects_without_target_act_on_each_other_both_ways() -> None:
    # A reciprocal event is coded in both directions (docs/coder.md, "Reciprocal events").
    events = code(parse(AGREE))
    assert triples(events) == [("Iran", "030", "Iraq"), ("Iraq", "030", "Iran")]
    assert {e.modality for e in events} == {"asserted"}


def test_coordinated_targets_make_one_event_each() -> None:
    events = code(parse(MEET_TWO))
    assert triples(events) == [("United States", "043", "Jordan"), ("United States", "043", "Iraq")]
    doc = parse(MEET_TWO)
    assert [doc.text[slice(*e.target_span)] for e in events if e.target_span] == [
        "King Abdullah", "Prime Minister Sudani"]


def test_coordinated_sources_and_targets_multiply() -> None:
    events = code(parse(TWO_BY_TWO))
    assert sorted(triples(events)) == sorted([("Iran", "043", "Egypt"), ("Iran", "043", "Jordan"),
                                              ("Iraq", "043", "Egypt"), ("Iraq", "043", "Jordan")])


def test_long_coordinations_are_capped() -> None:
    events = code(parse(FIVE_SOURCES))
    assert [e.source.name for e in events if e.source] == ["Iran", "Iraq", "Jordan", "Russia"]


def test_reporting_verb_is_not_coded_when_an_event_is_embedded() -> None:
    # "say" has a pattern (010) in PATTERNS: it is still not coded beside the shelling.
    assert triples(code(parse(SAID_THAT))) == [("Iran", "194", None)]
    assert triples(code(parse(SAID_AFTER))) == [("Israel", "194", None)]
    assert triples(code(parse(SAID_PARATAXIS))) == [("Israel", "194", None)]


def test_reporting_verb_with_its_own_pattern_is_coded_when_nothing_is_embedded() -> None:
    assert triples(code(parse(ANNOUNCE))) == [("Iran", "010", None)]


def test_according_to_is_never_an_event() -> None:
    patterns = [*PATTERNS, pattern("accord", "057")]
    assert triples(code(parse(ACCORDING), patterns=patterns)) == [("rebels", "190", None)]


def test_complement_pattern_absorbs_the_complement_event_and_takes_its_target() -> None:
    [event] = code(parse(THREATEN_TO))
    assert triples([event]) == [("Russia", "138", "Ukraine")]
    assert event.pattern == "threaten >18|19|20"
    assert event.trigger == "threatened to attack"


def test_complement_pattern_does_not_fire_for_other_complements() -> None:
    # "threaten >17" does not take the attack; the threatened attack then reads as a threat of force
    # (events/intent.py) and the bare "threatened" gives way to it.
    patterns = [pattern("threaten >17", "139"), pattern("threaten", "130"), pattern("attack", "190")]
    assert triples(code(parse(THREATEN_TO), patterns=patterns)) == [("Russia", "1384", "Ukraine")]


def test_intention_verbs_are_not_events_and_make_their_complement_future() -> None:
    # The planned visit is an expressed intent to meet (036), with modality future.
    patterns = [*PATTERNS, pattern("plan", "014")]
    events = code(parse(PLAN_TO), patterns=patterns)
    assert [(*t, e.modality) for t, e in zip(triples(events), events, strict=True)] == [
        ("Jordan", "036", "China", "future")]


def test_set_to_passes_the_passive_subject_to_the_complement() -> None:
    [event] = code(parse(SET_TO))
    assert (event.source.name if event.source else None, event.code, event.modality) == ("Jordan", "043", "future")
    assert event.trigger == "participate in meeting"
    [signing] = code(parse(EXPECTED_TO))
    assert (triples([signing]), signing.modality) == ([("China", "057", None)], "future")


def test_refusal_to_meet_is_a_rejection_of_meeting_that_replaces_the_bare_refusal() -> None:
    events = code(parse(REFUSE_TO))
    assert [(*t, e.modality) for t, e in zip(triples(events), events, strict=True)] == [
        ("Iran", "125", "UN inspectors", "negated")]


CO_AGENTS = """
Iran           Iran          PROPN  NNP  nsubj      3   B-GPE
and            and           CCONJ  CC   cc         0
Iraq           Iraq          PROPN  NNP  conj       0   B-GPE
attacked       attack        VERB   VBD  ROOT       3
the            the           DET    DT   det        5
town           town          NOUN   NN   dobj       3
.              .             PUNCT  .    punct      3
"""

CO_SIGNERS = """
Iran           Iran          PROPN  NNP  nsubj      3   B-GPE
and            and           CCONJ  CC   cc         0
Iraq           Iraq          PROPN  NNP  conj       0   B-GPE
signed         sign          VERB   VBD  ROOT       3
an             an            DET    DT   det        5
agreement      agreement     NOUN   NN   dobj       3
.              .             PUNCT  .    punct      3
"""


def test_coordinated_attackers_of_a_non_actor_are_two_attackers_not_a_pair() -> None:
    assert triples(code(parse(CO_AGENTS))) == [("Iran", "190", None), ("Iraq", "190", None)]


def test_coordinated_signers_of_a_non_actor_object_act_towards_each_other() -> None:
    assert triples(code(parse(CO_SIGNERS))) == [("Iran", "057", "Iraq"), ("Iraq", "057", "Iran")]


THREATEN_LAUNCH = """
Russia         Russia        PROPN  NNP  nsubj      1   B-GPE
threatened     threaten      VERB   VBD  ROOT       1
to             to            PART   TO   aux        3
launch         launch        VERB   VB   xcomp      1
an             an            DET    DT   det        5
attack         attack        NOUN   NN   dobj       3
on             on            ADP    IN   prep       5
Ukraine        Ukraine       PROPN  NNP  pobj       6   B-GPE
.              .             PUNCT  .    punct      1
"""


def test_complement_carried_by_a_light_verb_is_absorbed_with_its_light_verb() -> None:
    patterns = [*PATTERNS, pattern("launch", "150")]
    [event] = code(parse(THREATEN_LAUNCH), patterns=patterns)
    assert triples([event]) == [("Russia", "138", "Ukraine")]
    assert event.trigger == "threatened to launch attack on"
