"""Intent, threat and refusal by modality (events/intent.py): the reading of hand-built parses and the
CAMEO mapping of events/data/intent.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc, Token
from test_coder_kit import ACTORS, parse

from newsevents.errors import KnowledgeError
from newsevents.events.codebook import Codebook
from newsevents.events.cues import Cues
from newsevents.events.intent import INTENT_FILE, IntentRules, Reading
from newsevents.types import Actor

RULES = IntentRules.load()
CUES = Cues.load()

WILL_GIVE = """
Finland        Finland       PROPN  NNP  nsubj      2   B-GPE
will           will          AUX    MD   aux        2
give           give          VERB   VB   ROOT       2
Tanzania       Tanzania      PROPN  NNP  dative     2   B-GPE
a              a             DET    DT   det        5
grant          grant         NOUN   NN   dobj       2
.              .             PUNCT  .    punct      2
"""

WILLING_TO = """
Norway         Norway        PROPN  NNP  nsubj      1   B-GPE
is             be            AUX    VBZ  ROOT       1
willing        willing       ADJ    JJ   acomp      1
to             to            PART   TO   aux        4
send           send          VERB   VB   xcomp      2
aid            aid           NOUN   NN   dobj       4
to             to            ADP    IN   prep       4
Jordan         Jordan        PROPN  NNP  pobj       6   B-GPE
.              .             PUNCT  .    punct      1
"""

OFFERED_TO = """
Egypt          Egypt         PROPN  NNP  nsubj      1   B-GPE
offered        offer         VERB   VBD  ROOT       1
to             to            PART   TO   aux        3
host           host          VERB   VB   xcomp      1
talks          talk          NOUN   NNS  dobj       3
with           with          ADP    IN   prep       4
Iran           Iran          PROPN  NNP  pobj       5   B-GPE
.              .             PUNCT  .    punct      1
"""

PLANS_TO = """
Jordan         Jordan        PROPN  NNP  nsubj      1   B-GPE
plans          plan          VERB   VBZ  ROOT       1
to             to            PART   TO   aux        3
withdraw       withdraw      VERB   VB   xcomp      1
its            its           PRON   PRP$ poss       5
troops         troop         NOUN   NNS  dobj       3
from           from          ADP    IN   prep       3
Iraq           Iraq          PROPN  NNP  pobj       6   B-GPE
.              .             PUNCT  .    punct      1
"""

HAD_PROVIDED = """
Iraq           Iraq          PROPN  NNP  nsubj      1   B-GPE
said           say           VERB   VBD  ROOT       1
it             it            PRON   PRP  nsubj      4
had            have          AUX    VBD  aux        4
provided       provide       VERB   VBN  ccomp      1
aid            aid           NOUN   NN   dobj       4
to             to            ADP    IN   prep       4
Jordan         Jordan        PROPN  NNP  pobj       6   B-GPE
.              .             PUNCT  .    punct      1
"""

WOULD_NOT_PROVIDE = """
Iraq           Iraq          PROPN  NNP  nsubj      1   B-GPE
said           say           VERB   VBD  ROOT       1
it             it            PRON   PRP  nsubj      5
would          would         AUX    MD   aux        5
not            not           PART   RB   neg        5
provide        provide       VERB   VB   ccomp      1
aid            aid           NOUN   NN   dobj       5
to             to            ADP    IN   prep       5
Jordan         Jordan        PROPN  NNP  pobj       7   B-GPE
.              .             PUNCT  .    punct      1
"""

REFUSED_TO = """
Iran           Iran          PROPN  NNP  nsubj      1   B-GPE
refused        refuse        VERB   VBD  ROOT       1
to             to            PART   TO   aux        3
release        release       VERB   VB   xcomp      1
the            the           DET    DT   det        5
prisoners      prisoner      NOUN   NNS  dobj       3
.              .             PUNCT  .    punct      1
"""

WARNED_IT_WOULD = """
Iran           Iran          PROPN  NNP  nsubj      1   B-GPE
warned         warn          VERB   VBD  ROOT       1
it             it            PRON   PRP  nsubj      4
would          would         AUX    MD   aux        4
strike         strike        VERB   VB   ccomp      1
Israel         Israel        PROPN  NNP  dobj       4   B-GPE
.              .             PUNCT  .    punct      1
"""

SAID_OTHER_WOULD = """
Israel         Israel        PROPN  NNP  nsubj      1   B-GPE
said           say           VERB   VBD  ROOT       1
Hamas          Hamas         PROPN  NNP  nsubj      4   B-ORG
would          would         AUX    MD   aux        4
attack         attack        VERB   VB   ccomp      1
the            the           DET    DT   det        6
town           town          NOUN   NN   dobj       4
.              .             PUNCT  .    punct      1
"""

URGED_TO = """
The            the           DET    DT   det        1
UN             UN            PROPN  NNP  nsubj      2   B-ORG
urged          urge          VERB   VBD  ROOT       2
Iran           Iran          PROPN  NNP  dobj       2   B-GPE
to             to            PART   TO   aux        5
release        release       VERB   VB   xcomp      2
the            the           DET    DT   det        7
prisoners      prisoner      NOUN   NNS  dobj       5
.              .             PUNCT  .    punct      2
"""

MUST = """
Libya          Libya         PROPN  NNP  nsubj      2   B-GPE
must           must          AUX    MD   aux        2
release        release       VERB   VB   ROOT       2
the            the           DET    DT   det        4
prisoners      prisoner      NOUN   NNS  dobj       2
.              .             PUNCT  .    punct      2
"""

SCHEDULED_TO = """
Jordan         Jordan        PROPN  NNP  nsubjpass  2   B-GPE
is             be            AUX    VBZ  auxpass    2
scheduled      schedule      VERB   VBN  ROOT       2
to             to            PART   TO   aux        4
visit          visit         VERB   VB   xcomp      2
Iraq           Iraq          PROPN  NNP  dobj       4   B-GPE
.              .             PUNCT  .    punct      2
"""

IF_ATTACKED = """
Israel         Israel        PROPN  NNP  nsubj      2   B-GPE
will           will          AUX    MD   aux        2
attack         attack        VERB   VB   ROOT       2
Iran           Iran          PROPN  NNP  dobj       2   B-GPE
if             if            SCONJ  IN   mark       6
Iran           Iran          PROPN  NNP  nsubj      6   B-GPE
enriches       enrich        VERB   VBZ  advcl      2
uranium        uranium       NOUN   NN   dobj       6
.              .             PUNCT  .    punct      2
"""

STRIKE_MONDAY = """
Unions         union         NOUN   NNS  nsubj      2
will           will          AUX    MD   aux        2
strike         strike        VERB   VB   ROOT       2
on             on            ADP    IN   prep       2
Monday         Monday        PROPN  NNP  pobj       3   B-DATE
.              .             PUNCT  .    punct      2
"""

STRIKE_UNLESS = """
Unions         union         NOUN   NNS  nsubj      2
will           will          AUX    MD   aux        2
strike         strike        VERB   VB   ROOT       2
unless         unless        SCONJ  IN   mark       5
wages          wage          NOUN   NNS  nsubj      5
rise           rise          VERB   VBP  advcl      2
.              .             PUNCT  .    punct      2
"""


def _actor(token: Token) -> Actor | None:
    return ACTORS.get(token.text)


def read(table: str, word: str) -> Reading:
    doc: Doc = parse(table)
    token = next(t for t in doc if t.text == word)
    return RULES.read(token, None, CUES, _actor)


def test_the_mapping_uses_only_codes_of_the_codebook() -> None:
    codes = frozenset(c.code for c in Codebook.load())
    rules = IntentRules.load(INTENT_FILE, codes)  # raises KnowledgeError on a code the codebook lacks
    assert rules.intent["04"] == "036"
    assert all(v.startswith("03") for v in rules.intent.values())
    assert all(v.startswith("13") for v in rules.threat.values())
    assert all(v.startswith("12") for v in rules.refusal.values())


def test_a_mapping_to_an_unknown_code_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "intent.yaml"
    bad.write_text(INTENT_FILE.read_text(encoding="utf-8").replace('"04": "036"', '"04": "999"'), encoding="utf-8")
    with pytest.raises(KnowledgeError, match="999"):
        IntentRules.load(bad, frozenset(c.code for c in Codebook.load()))


@pytest.mark.parametrize(("code", "kind", "expected"), [
    ("071", "intent", "0331"),   # economic aid -> intent to provide economic aid
    ("0874", "intent", "0356"),  # retreat: the longest key ("087") decides
    ("0841", "intent", "0353"),  # release persons
    ("042", "intent", "036"),    # a visit -> intent to meet
    ("1724", "threat", "1324"),  # state of emergency -> threaten it
    ("174", "threat", "137"),    # expel -> threaten with repression
    ("195", "threat", "1384"),   # airstrike -> threaten conventional attack
    ("0841", "refusal", "1243"),  # release -> refuse to release
    ("010", "intent", "010"),    # a statement has no intent code: unchanged
    ("190", "intent", "1384"),   # "will attack": announced force is a threat
])
def test_recode_takes_the_longest_matching_prefix(code: str, kind: str, expected: str) -> None:
    reading = Reading(kind)  # type: ignore[arg-type]
    assert RULES.recode(code, reading) == expected


def test_announced_protest_or_posture_is_a_threat_only_under_a_condition() -> None:
    plain = read(STRIKE_MONDAY, "strike")
    assert plain.kind == "intent" and RULES.recode("143", plain) == "143"
    conditional = read(STRIKE_UNLESS, "strike")
    assert conditional.conditional and RULES.recode("143", conditional) == "133"


@pytest.mark.parametrize(("table", "word", "kind"), [
    (WILL_GIVE, "give", "intent"),          # "will give": announced
    (WILLING_TO, "send", "intent"),         # "is willing to send"
    (OFFERED_TO, "host", "intent"),         # "offered to host talks"
    (PLANS_TO, "withdraw", "intent"),       # "plans to withdraw"
    (WOULD_NOT_PROVIDE, "provide", "refusal"),  # "said it would not provide"
    (REFUSED_TO, "release", "refusal"),     # "refused to release"
    (WARNED_IT_WOULD, "strike", "threat"),  # "warned it would strike"
    (HAD_PROVIDED, "provided", None),       # "said it had provided": done, not announced
    (SCHEDULED_TO, "visit", None),          # a timetable, not an announcement
])
def test_which_constructions_announce(table: str, word: str, kind: str | None) -> None:
    assert read(table, word).kind == kind


def test_the_announcing_word_is_named_so_that_its_own_event_can_give_way() -> None:
    reading = read(OFFERED_TO, "host")
    assert reading.governor is not None and reading.governor.text == "offered"
    assert read(WILL_GIVE, "give").governor is None


def test_what_others_are_asked_to_do_or_predicted_to_do_is_no_event() -> None:
    assert read(URGED_TO, "release").asked        # "urged Iran to release"
    assert read(MUST, "release").asked            # "Libya must release": a demand
    assert read(SAID_OTHER_WOULD, "attack").asked  # "Israel said Hamas would attack": a prediction
    assert not read(WARNED_IT_WOULD, "strike").asked


def test_an_event_inside_a_condition_is_marked_and_its_main_clause_is_conditional() -> None:
    assert read(IF_ATTACKED, "enriches").in_condition
    main = read(IF_ATTACKED, "attack")
    assert (main.kind, main.conditional, main.in_condition) == ("intent", True, False)
    assert RULES.recode("190", Reading("threat", True)) == "1384"


def test_condition_subjects_name_the_party_a_conditional_threat_addresses() -> None:
    doc = parse(IF_ATTACKED)
    assert [t.text for t in RULES.condition_subjects(doc[2])] == ["Iran"]
    assert RULES.condition_subjects(parse(WILL_GIVE)[2]) == []
