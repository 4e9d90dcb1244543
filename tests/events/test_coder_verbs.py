"""Verb events: pattern choice, targets, passive voice and inherited subjects (hand-built parses)."""

from __future__ import annotations

from test_coder_kit import IRN, PATTERNS, POL, USA, code, parse, pattern, triples

CRACK_DOWN = """
Police         police        NOUN   NNS  nsubj      1
cracked        crack         VERB   VBD  ROOT       1
down           down          ADP    RP   prt        1
on             on            ADP    IN   prep       1
protesters     protester     NOUN   NNS  pobj       3
.              .             PUNCT  .    punct      1
"""

OPEN_FIRE = """
Israel         Israel        PROPN  NNP  nsubj      1   B-GPE
opened         open          VERB   VBD  ROOT       1
fire           fire          NOUN   NN   dobj       1
on             on            ADP    IN   prep       1
protesters     protester     NOUN   NNS  pobj       3
.              .             PUNCT  .    punct      1
"""

THREATEN = """
Russia         Russia        PROPN  NNP  nsubj      1   B-GPE
threatened     threaten      VERB   VBD  ROOT       1
Ukraine        Ukraine       PROPN  NNP  dobj       1   B-GPE
.              .             PUNCT  .    punct      1
"""

PASSIVE = """
Protesters     protester     NOUN   NNS  nsubjpass  2
were           be            AUX    VBD  auxpass    2
arrested       arrest        VERB   VBN  ROOT       2
by             by            ADP    IN   agent      2
police         police        NOUN   NNS  pobj       3
on             on            ADP    IN   prep       2
Sunday         Sunday        PROPN  NNP  pobj       5   B-DATE
.              .             PUNCT  .    punct      2
"""

VISIT_TO_MEET = """
The            the           DET    DT   det        1
minister       minister      NOUN   NN   nsubj      2
undertook      undertake     VERB   VBD  ROOT       2
a              a             DET    DT   det        4
visit          visit         NOUN   NN   dobj       2
to             to            ADP    IN   prep       4
Iraq           Iraq          PROPN  NNP  pobj       5   B-GPE
on             on            ADP    IN   prep       2
Monday         Monday        PROPN  NNP  pobj       7   B-DATE
to             to            PART   TO   aux        10
meet           meet          VERB   VB   advcl      2
with           with          ADP    IN   prep       10
Iraqi          iraqi         ADJ    JJ   amod       13  B-NORP
officials      official      NOUN   NNS  pobj       11
.              .             PUNCT  .    punct      2
"""

ATTACK_AND_LOOT = """
Rebels         rebel         NOUN   NNS  nsubj      1
attacked       attack        VERB   VBD  ROOT       1
and            and           CCONJ  CC   cc         1
looted         loot          VERB   VBD  conj       1
the            the           DET    DT   det        5
town           town          NOUN   NN   dobj       3
.              .             PUNCT  .    punct      1
"""

RELATIVE = """
The            the           DET    DT   det        1
militia        militia       NOUN   NN   nsubjpass  9
,              ,             PUNCT  ,    punct      1
which          which         PRON   WDT  nsubj      4
attacked       attack        VERB   VBD  relcl      1
the            the           DET    DT   det        6
base           base          NOUN   NN   dobj       4
,              ,             PUNCT  ,    punct      1
was            be            AUX    VBD  auxpass    9
disbanded      disband       VERB   VBN  ROOT       9
.              .             PUNCT  .    punct      9
"""

PARTICIPLE = """
Protesters     protester     NOUN   NNS  nsubjpass  5
arrested       arrest        VERB   VBN  acl        0
by             by            ADP    IN   agent      1
police         police        NOUN   NNS  pobj       2
were           be            AUX    VBD  auxpass    5
released       release       VERB   VBN  ROOT       5
.              .             PUNCT  .    punct      5
"""

OBJECT_CONTROL = """
The            the           DET    DT   det        2   B-GPE
United         United        PROPN  NNP  compound   2   I-GPE
States         States        PROPN  NNP  nsubj      3   I-GPE
urged          urge          VERB   VBD  ROOT       3
Iran           Iran          PROPN  NNP  dobj       3   B-GPE
to             to            PART   TO   aux        6
halt           halt          VERB   VB   xcomp      3
enrichment     enrichment    NOUN   NN   dobj       6
.              .             PUNCT  .    punct      3
"""

SHARED_OBJECT = """
Rebels         rebel         NOUN   NNS  nsubj      1
shelled        shell         VERB   VBD  ROOT       1
and            and           CCONJ  CC   cc         1
bombarded      bombard       VERB   VBD  conj       1
Iraq           Iraq          PROPN  NNP  dobj       3   B-GPE
.              .             PUNCT  .    punct      1
"""

PLACE_AS_NPADVMOD = """
Blinken        Blinken       PROPN  NNP  nsubj      1   B-PERSON
visited        visit         VERB   VBD  ROOT       1
Jordan         Jordan        PROPN  NNP  npadvmod   1   B-GPE
on             on            ADP    IN   prep       1
Friday         Friday        PROPN  NNP  pobj       3   B-DATE
.              .             PUNCT  .    punct      1
"""


def test_particle_and_preposition_pattern_finds_the_target_of_its_preposition() -> None:
    [event] = code(parse(CRACK_DOWN))
    assert triples([event]) == [("police", "175", "protesters")]
    assert event.pattern == "crack down +on"
    assert event.trigger == "cracked down on"


def test_required_object_pattern_takes_the_target_from_the_preposition_on_the_head() -> None:
    [event] = code(parse(OPEN_FIRE))
    assert triples([event]) == [("Israel", "190", "protesters")]
    assert event.trigger == "opened fire on"


def test_the_most_specific_pattern_whose_constraints_hold_fires_once_per_trigger() -> None:
    patterns = [pattern("crack", "110"), pattern("crack down", "174"), pattern("crack down +on", "175")]
    events = code(parse(CRACK_DOWN), patterns=patterns)
    assert [e.code for e in events] == ["175"]


def test_a_pattern_whose_preposition_is_missing_does_not_fire() -> None:
    with_fallback = [pattern("threaten +with", "138"), pattern("threaten", "130")]
    assert triples(code(parse(THREATEN), patterns=with_fallback)) == [("Russia", "130", "Ukraine")]
    # The preposition is part of the pattern's meaning: without it, and without a bare pattern, no event.
    assert code(parse(THREATEN), patterns=[pattern("threaten +with", "138")]) == []


def test_a_preposition_left_stranded_by_the_passive_points_at_the_passive_subject() -> None:
    doc = parse("""
Protesters     protester     NOUN   NNS  nsubjpass  2
were           be            AUX    VBD  auxpass    2
fired          fire          VERB   VBN  ROOT       2
on             on            ADP    IN   prep       2
by             by            ADP    IN   agent      2
police         police        NOUN   NNS  pobj       4
.              .             PUNCT  .    punct      2
""")
    assert triples(code(doc)) == [("police", "190", "protesters")]


def test_a_target_required_pattern_does_not_fire_without_a_target_actor() -> None:
    patterns = [pattern("crack down +on !target", "175")]
    assert code(parse(CRACK_DOWN), patterns=patterns) != []
    assert code(parse(CRACK_DOWN), patterns=patterns, table={"Police": POL}) == []


def test_passive_subject_is_the_target_and_the_by_phrase_the_source() -> None:
    [event] = code(parse(PASSIVE))
    assert triples([event]) == [("police", "173", "protesters")]


def test_purpose_clause_inherits_the_subject_and_light_verb_noun_carries_the_visit() -> None:
    events = code(parse(VISIT_TO_MEET))
    assert triples(events) == [("Jordan", "042", "Iraq"), ("Jordan", "043", "Iraq")]
    assert [e.trigger for e in events] == ["undertook visit to", "meet with"]


def test_coordinated_verbs_share_their_subject() -> None:
    events = code(parse(ATTACK_AND_LOOT))
    # Looting is coercion, a domestic event: with no other actor its target is the rebels' own country.
    assert triples(events) == [("rebels", "190", None), ("rebels", "171", "Syria")]


def test_relative_clause_takes_the_noun_it_modifies_as_subject() -> None:
    [event] = code(parse(RELATIVE))
    assert triples([event]) == [("rebels", "190", None)]
    assert event.source_span is not None
    assert parse(RELATIVE).text[slice(*event.source_span)] == "The militia"


def test_past_participle_modifier_is_passive_its_noun_the_target() -> None:
    [event] = code(parse(PARTICIPLE))
    assert triples([event]) == [("police", "173", "protesters")]


def test_open_complement_takes_the_governors_object_as_subject() -> None:
    # The urged act is asked of Iran, not done by it: only the appeal is an event (events/intent.py).
    events = code(parse(OBJECT_CONTROL), table={"States": USA, "Iran": IRN})
    assert triples(events) == [("United States", "020", "Iran")]
    # A governor that does not ask ("forced Iran to halt") leaves the act an event, done by its object.
    forced = OBJECT_CONTROL.replace("urged          urge", "forced         force")
    assert triples(code(parse(forced), table={"States": USA, "Iran": IRN})) == [("Iran", "192", None)]


def test_object_written_once_after_coordinated_verbs_is_the_first_verbs_target_too() -> None:
    # Both verbs code 194 against Iraq: the second is a duplicate of the first and is dropped.
    events = code(parse(SHARED_OBJECT))
    assert triples(events) == [("rebels", "194", "Iraq")]
    assert events[0].trigger == "shelled"


def test_a_place_parsed_as_npadvmod_is_the_direct_target() -> None:
    [event] = code(parse(PLACE_AS_NPADVMOD))
    assert triples([event]) == [("United States", "042", "Jordan")]


def test_adjectival_participles_are_not_triggers() -> None:
    doc = parse("""
The            the           DET    DT   det        2
besieged       besiege       VERB   VBN  amod       2
rebels         rebel         NOUN   NNS  nsubj      3
attacked       attack        VERB   VBD  ROOT       3
Iraq           Iraq          PROPN  NNP  dobj       3   B-GPE
.              .             PUNCT  .    punct      3
""")
    events = code(doc, patterns=[pattern("besiege", "191"), pattern("attack", "190")])
    assert triples(events) == [("rebels", "190", "Iraq")]


CALLED_ON = """
Jordan         Jordan        PROPN  NNP  nsubj      1   B-PERSON
called         call          VERB   VBD  ROOT       1
on             on            ADP    IN   prep       1
Russia         Russia        PROPN  NNP  pobj       2   B-GPE
to             to            PART   TO   aux        5
withdraw       withdraw      VERB   VB   xcomp      1
from           from          ADP    IN   prep       5
Ukraine        Ukraine       PROPN  NNP  pobj       6   B-GPE
.              .             PUNCT  .    punct      1
"""

ACCUSED_OF = """
Iraq           Iraq          PROPN  NNP  nsubj      1   B-GPE
accused        accuse        VERB   VBD  ROOT       1
Iran           Iran          PROPN  NNP  dobj       1   B-GPE
of             of            ADP    IN   prep       1
shelling       shell         VERB   VBG  pcomp      3
the            the           DET    DT   det        6
town           town          NOUN   NN   dobj       4
.              .             PUNCT  .    punct      1
"""

DECISION_TO = """
Iran           Iran          PROPN  NNP  poss       2   B-GPE
's             's            PART   POS  case       0
decision       decision      NOUN   NN   nsubj      7
to             to            PART   TO   aux        4
withdraw       withdraw      VERB   VB   acl        2
from           from          ADP    IN   prep       4
Iraq           Iraq          PROPN  NNP  pobj       5   B-GPE
angered        anger         VERB   VBD  ROOT       7
China          China         PROPN  NNP  dobj       7   B-GPE
.              .             PUNCT  .    punct      7
"""


def test_what_called_on_asks_of_its_object_is_not_an_event() -> None:
    patterns = [pattern("call +on", "020"), pattern("withdraw +from", "087")]
    events = code(parse(CALLED_ON), patterns=patterns)
    assert [(*t, e.modality) for t, e in zip(triples(events), events, strict=True)] == [
        ("Jordan", "020", "Russia", "asserted")]  # the withdrawal is asked for, not done


def test_what_an_accusation_accuses_of_is_not_coded() -> None:
    # "accused Iran of shelling": the shelling is alleged, not reported (events/embedded.py).
    assert triples(code(parse(ACCUSED_OF))) == [("Iraq", "112", "Iran")]


def test_the_object_of_blamed_does_what_the_ing_form_after_for_says() -> None:
    blamed = ACCUSED_OF.replace("accused        accuse ", "blamed         blame  ").replace(
        "of             of ", "for            for")
    patterns = [*PATTERNS, pattern("blame", "112")]
    assert triples(code(parse(blamed), patterns=patterns)) == [("Iraq", "112", "Iran"), ("Iran", "194", None)]


def test_the_possessor_of_a_noun_governing_an_infinitive_is_its_subject() -> None:
    [event] = code(parse(DECISION_TO))
    # "Iran's decision to withdraw" announces the withdrawal: an intent to de-escalate.
    assert (triples([event]), event.modality) == ([("Iran", "0356", "Iraq")], "future")


DEMANDED_THAT = """
The            the           DET    DT   det        2   B-GPE
United         United        PROPN  NNP  compound   2   I-GPE
States         States        PROPN  NNP  nsubj      3   I-GPE
demanded       demand        VERB   VBD  ROOT       3
that           that          SCONJ  IN   mark       6
Iran           Iran          PROPN  NNP  nsubj      6   B-GPE
abandon        abandon       VERB   VB   ccomp      3
its            its           PRON   PRP$ poss       9
nuclear        nuclear       ADJ    JJ   amod       9
program        program       NOUN   NN   dobj       6
.              .             PUNCT  .    punct      3
"""

OFFER_FROM = """
Jordan         Jordan        PROPN  NNP  nsubj      1   B-PERSON
rejected       reject        VERB   VBD  ROOT       1
an             an            DET    DT   det        3
offer          offer         NOUN   NN   dobj       1
from           from          ADP    IN   prep       3
Iraq           Iraq          PROPN  NNP  pobj       4   B-GPE
for            for           ADP    IN   prep       3
direct         direct        ADJ    JJ   amod       8
talks          talk          NOUN   NNS  pobj       6
.              .             PUNCT  .    punct      1
"""

AGREEMENT_WITH = """
Egypt          Egypt         PROPN  NNP  nsubj      1   B-GPE
signed         sign          VERB   VBD  ROOT       1
a              a             DET    DT   det        4
trade          trade         NOUN   NN   compound   4
agreement      agreement     NOUN   NN   dobj       1
with           with          ADP    IN   prep       4
Jordan         Jordan        PROPN  NNP  pobj       5   B-GPE
.              .             PUNCT  .    punct      1
"""


def test_the_subject_of_a_finite_complement_is_the_target_when_the_verb_has_none() -> None:
    events = code(parse(DEMANDED_THAT), patterns=[pattern("demand", "100")], table={"States": USA, "Iran": IRN})
    assert triples(events) == [("United States", "100", "Iran")]


def test_a_complement_subject_that_is_the_source_itself_leaves_the_event_untargeted() -> None:
    events = code(parse(DEMANDED_THAT), patterns=[pattern("demand", "100")], table={"States": USA, "Iran": USA})
    assert triples(events) == [("United States", "100", None)]


def test_a_plain_noun_object_stands_for_whose_it_is_or_whom_it_concerns() -> None:
    assert triples(code(parse(OFFER_FROM), patterns=[pattern("reject", "120")])) == [("Jordan", "120", "Iraq")]
    assert triples(code(parse(AGREEMENT_WITH))) == [("Egypt", "057", "Jordan")]


GAVE_DATIVE = """
Iran           Iran          PROPN  NNP  nsubj      1   B-GPE
gave           give          VERB   VBD  ROOT       1
Iraq           Iraq          PROPN  NNP  dative     1   B-GPE
a              a             DET    DT   det        4
loan           loan          NOUN   NN   dobj       1
.              .             PUNCT  .    punct      1
"""


def test_an_indirect_object_is_the_target_of_a_to_pattern() -> None:
    [event] = code(parse(GAVE_DATIVE), patterns=[pattern("give ~loan +to", "071")])
    assert (triples([event]), event.trigger) == ([("Iran", "071", "Iraq")], "gave loan")
