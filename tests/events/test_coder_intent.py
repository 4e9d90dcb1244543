"""Announced events through the coder: intent, threat and refusal codes, conditions, asked-for events."""

from __future__ import annotations

from test_coder_kit import actor, code, parse, pattern, triples

WILL_GIVE = """
Finland        Finland       PROPN  NNP  nsubj      2   B-GPE
will           will          AUX    MD   aux        2
give           give          VERB   VB   ROOT       2
Tanzania       Tanzania      PROPN  NNP  dative     2   B-GPE
a              a             DET    DT   det        5
grant          grant         NOUN   NN   dobj       2
.              .             PUNCT  .    punct      2
"""

OFFERED_TO_HOST = """
Egypt          Egypt         PROPN  NNP  nsubj      1   B-GPE
offered        offer         VERB   VBD  ROOT       1
to             to            PART   TO   aux        3
host           host          VERB   VB   xcomp      1
talks          talk          NOUN   NNS  dobj       3
with           with          ADP    IN   prep       4
Iran           Iran          PROPN  NNP  pobj       5   B-GPE
.              .             PUNCT  .    punct      1
"""

AGREED_TO_SEND = """
Egypt          Egypt         PROPN  NNP  nsubj      1   B-GPE
agreed         agree         VERB   VBD  ROOT       1
to             to            PART   TO   aux        3
send           send          VERB   VB   xcomp      1
aid            aid           NOUN   NN   dobj       3
to             to            ADP    IN   dative     3
Iraq           Iraq          PROPN  NNP  pobj       5   B-GPE
.              .             PUNCT  .    punct      1
"""

REFUSED_TO_RELEASE = """
Iran           Iran          PROPN  NNP  nsubj      1   B-GPE
refused        refuse        VERB   VBD  ROOT       1
to             to            PART   TO   aux        3
release        release       VERB   VB   xcomp      1
the            the           DET    DT   det        5
prisoners      prisoner      NOUN   NNS  dobj       3
.              .             PUNCT  .    punct      1
"""

WOULD_NOT_MEET = """
The            the           DET    DT   det        1
minister       minister      NOUN   NN   nsubj      2
said           say           VERB   VBD  ROOT       2
he             he            PRON   PRP  nsubj      6
would          would         AUX    MD   aux        6
not            not           PART   RB   neg        6
meet           meet          VERB   VB   ccomp      2
the            the           DET    DT   det        8
envoy          envoy         NOUN   NN   dobj       6
.              .             PUNCT  .    punct      2
"""

THREATENED_TO_EXPEL = """
Russia         Russia        PROPN  NNP  nsubj      1   B-GPE
threatened     threaten      VERB   VBD  ROOT       1
to             to            PART   TO   aux        3
expel          expel         VERB   VB   xcomp      1
Ukrainian      ukrainian     ADJ    JJ   amod       5   B-NORP
diplomats      diplomat      NOUN   NNS  dobj       3
.              .             PUNCT  .    punct      1
"""

IF_ENRICHES = """
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

URGED_TO_RELEASE = """
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

SAID_IT_WILL_VISIT = """
Jordan         Jordan        PROPN  NNP  nsubj      1   B-GPE
said           say           VERB   VBD  ROOT       1
it             it            PRON   PRP  nsubj      4
will           will          AUX    MD   aux        4
visit          visit         VERB   VB   ccomp      1
Iraq           Iraq          PROPN  NNP  dobj       4   B-GPE
.              .             PUNCT  .    punct      1
"""

TABLE = {"Finland": actor("FINGOV", "Finland"), "Tanzania": actor("TZAGOV", "Tanzania"),
         "Egypt": actor("EGYGOV", "Egypt"), "Iran": actor("IRNGOV", "Iran"), "Iraq": actor("IRQGOV", "Iraq"),
         "Russia": actor("RUSGOV", "Russia"), "diplomats": actor("UKRGOV", "Ukrainian diplomats"),
         "prisoners": actor("IRNOPP", "prisoners"), "Israel": actor("ISRGOV", "Israel"),
         "UN": actor("IGOUNO", "United Nations"), "Jordan": actor("JORGOV", "Jordan"),
         "minister": actor("JORGOV", "minister"), "he": actor("JORGOV", "minister"),
         "envoy": actor("IRQGOV", "envoy"), "it": actor("JORGOV", "Jordan")}

PATTERNS = [
    pattern("give ~grant", "071"), pattern("offer", "030"), pattern("host ~talk +with", "043"),
    pattern("agree", "030"), pattern("send ~aid +to", "070"), pattern("refuse", "120"),
    pattern("release !target", "0841"), pattern("threaten", "130"), pattern("expel", "174"),
    pattern("attack", "190"), pattern("enrich", "190"), pattern("urge", "020"), pattern("meet", "040"),
    pattern("say", "010"), pattern("visit", "042"),
]


def run(table: str) -> list[tuple[str | None, str, str | None, str]]:
    events = code(parse(table), patterns=PATTERNS, table=TABLE)
    return [(*t, e.modality) for t, e in zip(triples(events), events, strict=True)]


def test_announced_aid_is_an_intent_to_give_it_and_keeps_its_modality() -> None:
    assert run(WILL_GIVE) == [("Finland", "0331", "Tanzania", "future")]


def test_the_offer_gives_way_to_the_intent_it_carries() -> None:
    assert run(OFFERED_TO_HOST) == [("Egypt", "036", "Iran", "hypothetical")]


def test_an_agreement_to_give_is_an_intent_to_give() -> None:
    assert run(AGREED_TO_SEND) == [("Egypt", "033", "Iraq", "future")]


def test_a_refusal_to_release_is_coded_as_such_and_replaces_the_bare_refusal() -> None:
    assert run(REFUSED_TO_RELEASE) == [("Iran", "1243", "prisoners", "negated")]


def test_announcing_not_to_meet_is_a_rejection_of_meeting() -> None:
    assert run(WOULD_NOT_MEET) == [("minister", "125", "envoy", "negated")]


def test_a_threat_to_expel_replaces_the_bare_threat() -> None:
    assert run(THREATENED_TO_EXPEL) == [("Russia", "137", "Ukrainian diplomats", "hypothetical")]


def test_force_announced_under_a_condition_is_a_threat_and_the_condition_is_no_event() -> None:
    assert run(IF_ENRICHES) == [("Israel", "1384", "Iran", "hypothetical")]


def test_what_one_actor_urges_another_to_do_is_not_coded_as_done() -> None:
    assert run(URGED_TO_RELEASE) == [("United Nations", "020", "Iran", "asserted")]


def test_a_reported_announcement_by_the_speaker_is_an_intent() -> None:
    assert run(SAID_IT_WILL_VISIT) == [("Jordan", "036", "Iraq", "future")]
