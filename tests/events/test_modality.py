"""Modality: asserted, negated, future or hypothetical, from the trigger's clause and its governors."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Token
from test_coder_kit import IRN, RUS, code, parse

from newsevents.events.cues import Cues
from newsevents.events.modality import noun_modality, verb_modality


@pytest.fixture(scope="module")
def cues() -> Cues:
    return Cues.load()


def token(doc: Doc, word: str) -> Token:
    return next(t for t in doc if t.text == word)


DID_NOT = """
Iran           Iran          PROPN  NNP  nsubj      3   B-GPE
did            do            AUX    VBD  aux        3
not            not           PART   RB   neg        3
meet           meet          VERB   VB   ROOT       3
with           with          ADP    IN   prep       3
the            the           DET    DT   det        6
inspectors     inspector     NOUN   NNS  pobj       4
.              .             PUNCT  .    punct      3
"""

NEVER = """
Iran           Iran          PROPN  NNP  nsubj      2   B-GPE
never          never         ADV    RB   neg        2
attacked       attack        VERB   VBD  ROOT       2
the            the           DET    DT   det        4
ship           ship          NOUN   NN   dobj       2
.              .             PUNCT  .    punct      2
"""

FAILED_TO = """
Rebels         rebel         NOUN   NNS  nsubj      1
failed         fail          VERB   VBD  ROOT       1
to             to            PART   TO   aux        3
capture        capture       VERB   VB   xcomp      1
the            the           DET    DT   det        5
city           city          NOUN   NN   dobj       3
.              .             PUNCT  .    punct      1
"""

HAS_YET_TO = """
Iran           Iran          PROPN  NNP  nsubj      1   B-GPE
has            have          VERB   VBZ  ROOT       1
yet            yet           ADV    RB   advmod     1
to             to            PART   TO   aux        4
respond        respond       VERB   VB   xcomp      1
to             to            ADP    IN   prep       4
the            the           DET    DT   det        7
offer          offer         NOUN   NN   pobj       5
.              .             PUNCT  .    punct      1
"""

NOT_ATTACK_AND_LOOT = """
Rebels         rebel         NOUN   NNS  nsubj      3
did            do            AUX    VBD  aux        3
not            not           PART   RB   neg        3
attack         attack        VERB   VB   ROOT       3
and            and           CCONJ  CC   cc         3
loot           loot          VERB   VB   conj       3
the            the           DET    DT   det        7
town           town          NOUN   NN   dobj       5
.              .             PUNCT  .    punct      3
"""

WILL_CONTRACTED = """
He             he            PRON   PRP  nsubj      2
'll            will          AUX    MD   aux        2
meet           meet          VERB   VB   ROOT       2
the            the           DET    DT   det        4
king           king          NOUN   NN   dobj       2
.              .             PUNCT  .    punct      2
"""

IS_TO = """
The            the           DET    DT   det        1
minister       minister      NOUN   NN   nsubj      2
is             be            AUX    VBZ  ROOT       2
to             to            PART   TO   aux        4
visit          visit         VERB   VB   xcomp      2
Paris          Paris         PROPN  NNP  dobj       4   B-GPE
.              .             PUNCT  .    punct      2
"""

GOING_TO = """
The            the           DET    DT   det        1
army           army          NOUN   NN   nsubj      3
is             be            AUX    VBZ  aux        3
going          go            VERB   VBG  ROOT       3
to             to            PART   TO   aux        5
attack         attack        VERB   VB   xcomp      3
the            the           DET    DT   det        7
city           city          NOUN   NN   dobj       5
.              .             PUNCT  .    punct      3
"""

DUE_TO = """
The            the           DET    DT   det        1
talks          talk          NOUN   NNS  nsubj      2
are            be            AUX    VBP  ROOT       2
due            due           ADJ    JJ   acomp      2
to             to            PART   TO   aux        5
begin          begin         VERB   VB   xcomp      3
on             on            ADP    IN   prep       5
Monday         Monday        PROPN  NNP  pobj       6   B-DATE
.              .             PUNCT  .    punct      2
"""

PURPOSE_AFTER_WILL = """
Blinken        Blinken       PROPN  NNP  nsubj      2   B-GPE
will           will          AUX    MD   aux        2
travel         travel        VERB   VB   ROOT       2
to             to            ADP    IN   prep       2
Amman          Amman         PROPN  NNP  pobj       3   B-GPE
to             to            PART   TO   aux        6
attend         attend        VERB   VB   advcl      2
the            the           DET    DT   det        8
summit         summit        NOUN   NN   dobj       6
.              .             PUNCT  .    punct      2
"""

COULD = """
The            the           DET    DT   det        1
president      president     NOUN   NN   nsubj      3
could          could         AUX    MD   aux        3
visit          visit         VERB   VB   ROOT       3
Moscow         Moscow        PROPN  NNP  dobj       3   B-GPE
.              .             PUNCT  .    punct      3
"""

IF_CLAUSE = """
If             if            SCONJ  IN   mark       2
Israel         Israel        PROPN  NNP  nsubj      2   B-GPE
attacks        attack        VERB   VBZ  advcl      8
Iran           Iran          PROPN  NNP  dobj       2   B-GPE
,              ,             PUNCT  ,    punct      8
the            the           DET    DT   det        6
region         region        NOUN   NN   nsubj      8
will           will          AUX    MD   aux        8
burn           burn          VERB   VB   ROOT       8
.              .             PUNCT  .    punct      8
"""

QUESTION = """
Did            do            AUX    VBD  aux        2
Iran           Iran          PROPN  NNP  nsubj      2   B-GPE
attack         attack        VERB   VB   ROOT       2
the            the           DET    DT   det        4
tanker         tanker        NOUN   NN   dobj       2
?              ?             PUNCT  .    punct      2
"""

PLANNED_CANCELLED = """
The            the           DET    DT   det        3
planned        plan          VERB   VBN  amod       3
Iranian        iranian       ADJ    JJ   amod       3   B-NORP
visit          visit         NOUN   NN   nsubjpass  7
to             to            ADP    IN   prep       3
Moscow         Moscow        PROPN  NNP  pobj       4   B-GPE
was            be            AUX    VBD  auxpass    7
cancelled      cancel        VERB   VBN  ROOT       7
.              .             PUNCT  .    punct      7
"""

NO_TALKS = """
No             no            DET    DT   det        1
talks          talk          NOUN   NNS  nsubjpass  3
were           be            AUX    VBD  auxpass    3
held           hold          VERB   VBN  ROOT       3
between        between       ADP    IN   prep       3
the            the           DET    DT   det        7
two            two           NUM    CD   nummod     7   B-CARDINAL
countries      country       NOUN   NNS  pobj       4
.              .             PUNCT  .    punct      3
"""

CALLED_FOR = """
Israel         Israel        PROPN  NNP  nsubj      1   B-GPE
called         call          VERB   VBD  ROOT       1
for            for           ADP    IN   prep       1
talks          talk          NOUN   NNS  pobj       2
with           with          ADP    IN   prep       3
Syria          Syria         PROPN  NNP  pobj       4   B-GPE
.              .             PUNCT  .    punct      1
"""

DURING = """
During         during        ADP    IN   prep       6
talks          talk          NOUN   NNS  pobj       0
with           with          ADP    IN   prep       1
Iraq           Iraq          PROPN  NNP  pobj       2   B-GPE
,              ,             PUNCT  ,    punct      6
Jordan         Jordan        PROPN  NNP  nsubj      6   B-GPE
discussed      discuss       VERB   VBD  ROOT       6
the            the           DET    DT   det        8
issue          issue         NOUN   NN   dobj       6
.              .             PUNCT  .    punct      6
"""


@pytest.mark.parametrize(("table", "trigger", "expected"), [
    (DID_NOT, "meet", "negated"),
    (NEVER, "attacked", "negated"),
    (FAILED_TO, "capture", "negated"),
    (HAS_YET_TO, "respond", "negated"),
    (NOT_ATTACK_AND_LOOT, "loot", "negated"),
    (WILL_CONTRACTED, "meet", "future"),
    (IS_TO, "visit", "future"),
    (GOING_TO, "attack", "future"),
    (DUE_TO, "begin", "future"),
    (PURPOSE_AFTER_WILL, "attend", "future"),
    (COULD, "visit", "hypothetical"),
    (IF_CLAUSE, "attacks", "hypothetical"),
    (IF_CLAUSE, "burn", "hypothetical"),
    (QUESTION, "attack", "hypothetical"),
    (FAILED_TO, "failed", "asserted"),
    (NEVER, "ship", "asserted"),
])
def test_verb_modality(cues: Cues, table: str, trigger: str, expected: str) -> None:
    assert verb_modality(token(parse(table), trigger), cues) == expected


def test_noun_modality_cancelled_plan_is_negated(cues: Cues) -> None:
    doc = parse(PLANNED_CANCELLED)
    assert noun_modality(token(doc, "visit"), None, cues) == "negated"


def test_noun_modality_takes_its_light_verb_and_its_determiner(cues: Cues) -> None:
    doc = parse(NO_TALKS)
    assert noun_modality(token(doc, "talks"), token(doc, "held"), cues) == "negated"
    future = parse(PURPOSE_AFTER_WILL)
    assert noun_modality(token(future, "summit"), token(future, "attend"), cues) == "future"


def test_noun_modality_through_a_preposition_needs_a_phrase_naming_it(cues: Cues) -> None:
    assert noun_modality(token(parse(CALLED_FOR), "talks"), None, cues) == "hypothetical"
    assert noun_modality(token(parse(DURING), "talks"), None, cues) == "asserted"


def test_coded_events_carry_their_modality() -> None:
    assert [e.modality for e in code(parse(DID_NOT))] == ["negated"]
    assert [e.modality for e in code(parse(PLANNED_CANCELLED), table={"Moscow": RUS, "Iranian": IRN})] == ["negated"]
    assert [e.modality for e in code(parse(QUESTION))] == ["hypothetical"]
    assert [e.modality for e in code(parse(IS_TO))] == ["future"]


CALLS_TO = """
Turkey         Turkey        PROPN  NNP  nsubj      1   B-GPE
rejected       reject        VERB   VBD  ROOT       1
calls          call          NOUN   NNS  dobj       1
to             to            PART   TO   aux        4
withdraw       withdraw      VERB   VB   relcl      2
from           from          ADP    IN   prep       4
Syria          Syria         PROPN  NNP  pobj       5   B-GPE
.              .             PUNCT  .    punct      1
"""


def test_a_noun_governing_an_infinitive_says_whether_it_happens(cues: Cues) -> None:
    assert verb_modality(token(parse(CALLS_TO), "withdraw"), cues) == "hypothetical"


NOT_A_AND_B = """
He             he            PRON   PRP  nsubj      3
did            do            AUX    VBD  aux        3
not            not           PART   RB   neg        3
start          start         VERB   VB   ROOT       3
the            the           DET    DT   det        5
fight          fight         NOUN   NN   dobj       3
and            and           CCONJ  CC   cc         3
hit            hit           VERB   VBD  conj       3
him            he            PRON   PRP  dobj       7
.              .             PUNCT  .    punct      3
"""

NOT_A_AND_B_SHARED = """
They           they          PRON   PRP  nsubj      3
did            do            AUX    VBD  aux        3
not            not           PART   RB   neg        3
attack         attack        VERB   VB   ROOT       3
and            and           CCONJ  CC   cc         3
loot           loot          VERB   VB   conj       3
the            the           DET    DT   det        7
town           town          NOUN   NN   dobj       5
.              .             PUNCT  .    punct      3
"""


def test_negation_stays_with_its_verb_when_each_has_its_own_object(cues: Cues) -> None:
    doc = parse(NOT_A_AND_B)
    assert verb_modality(token(doc, "start"), cues) == "negated"
    assert verb_modality(token(doc, "hit"), cues) == "asserted"
    shared = parse(NOT_A_AND_B_SHARED)
    assert verb_modality(token(shared, "loot"), cues) == "negated"
