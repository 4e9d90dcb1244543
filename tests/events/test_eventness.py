"""Event-ness (events/eventness.py, events/data/eventness.yaml) on hand-built parses of invented
sentences, in the shapes en_core_web_sm 3.8 gives them: an opinion, a name, a naming, a habitual or
generic clause, a describing relative clause and an interaction without a political actor are no events;
the same words as acts still are."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from test_coder_kit import IRN, IRQ, POL, actor, code, parse, pattern, triples

import newsevents
from newsevents.errors import KnowledgeError
from newsevents.events.eventness import EventnessRules
from newsevents.pipeline import Pipeline
from newsevents.settings import Settings

FAMILIES = actor("KENCVL", "families")
SHOP = actor("KENBUS", "shop")
MINISTRY = actor("KENGOV", "ministry")
GANG = actor("KENCRM", "gang")
TABLE = {"Iran": IRN, "Iraq": IRQ, "police": POL, "families": FAMILIES, "Families": FAMILIES, "shop": SHOP,
         "ministry": MINISTRY, "gang": GANG, "customers": actor("KENCVL", "customers"),
         "officials": IRN, "Migrants": actor("GRCREF", "migrants"), "migrants": actor("GRCREF", "migrants"),
         "soldiers": actor("TURMIL", "soldiers"),
         "villages": actor("SYR", "Syria"), "Kenya": actor("KEN", "Kenya"), "nurses": actor("KENHLH", "nurses")}
PATTERNS = [pattern("agree", "030"), pattern("meet", "040"), pattern("meet +with", "040"), pattern("help", "070"),
            pattern("visit", "042"), pattern("arrive +in", "042"), pattern("call", "041"), pattern("hold", "173"),
            pattern("shell", "194"), pattern("ban", "172"), pattern("murder", "1823", "noun"),
            pattern("investigation", "090", "noun"), pattern("arrest", "173")]


def run(table: str) -> list[tuple[str | None, str, str | None]]:
    return triples(code(parse(table), patterns=PATTERNS, table=TABLE))


AGREE_THAT = """
Iran           Iran          PROPN  NNP  nsubj      1   B-GPE
agrees         agree         VERB   VBZ  ROOT       1
that           that          SCONJ  IN   mark       5
inflation      inflation     NOUN   NN   nsubj      5
is             be            AUX    VBZ  ccomp      1
the            the           DET    DT   det        6
risk           risk          NOUN   NN   attr       4
.              .             PUNCT  .    punct      1
"""

AGREE_THAT_SHOULD = """
Iran           Iran          PROPN  NNP  nsubj      1   B-GPE
agreed         agree         VERB   VBD  ROOT       1
that           that          SCONJ  IN   mark       5
officials      official      NOUN   NNS  nsubj      5
should         should        AUX    MD   aux        5
meet           meet          VERB   VB   ccomp      1
.              .             PUNCT  .    punct      1
"""

AGREES_ALONE = """
The            the           DET    DT   det        1
ministry       ministry      NOUN   NN   nsubj      2
agrees         agree         VERB   VBZ  ROOT       2
.              .             PUNCT  .    punct      2
"""

AGREED_ALONE = """
Iran           Iran          PROPN  NNP  nsubj      1   B-GPE
agreed         agree         VERB   VBD  ROOT       1
.              .             PUNCT  .    punct      1
"""


def test_assent_to_an_opinion_is_no_event() -> None:
    assert run(AGREE_THAT) == []
    assert run(AGREES_ALONE) == []


def test_agreeing_on_what_is_to_be_done_and_an_answer_in_the_past_are_events() -> None:
    # "agreed that officials should meet": the decision (the meeting itself is its content).
    assert ("Iran", "030", None) in run(AGREE_THAT_SHOULD)
    assert run(AGREED_ALONE) == [("Iran", "030", None)]


CALLED_IT = """
Iran           Iran          PROPN  NNP  nsubj      1   B-GPE
called         call          VERB   VBD  ROOT       1
it             it            PRON   PRP  dobj       1
a              a             DET    DT   det        4
provocation    provocation   NOUN   NN   oprd       1
.              .             PUNCT  .    punct      1
"""

CALLED_IRAQ = """
Iran           Iran          PROPN  NNP  nsubj      1   B-GPE
called         call          VERB   VBD  ROOT       1
Iraq           Iraq          PROPN  NNP  dobj       1   B-GPE
.              .             PUNCT  .    punct      1
"""


def test_naming_something_is_no_call() -> None:
    assert run(CALLED_IT) == []
    assert run(CALLED_IRAQ) == [("Iran", "041", "Iraq")]


NAME = """
The            the           DET    DT   det        3
Bureau         Bureau        PROPN  NNP  nsubj      5   B-ORG
of             of            ADP    IN   prep       1   I-ORG
Investigation  investigation PROPN  NNP  pobj       2   I-ORG
Iran           Iran          PROPN  NNP  nsubj      5   B-GPE
met            meet          VERB   VBD  ROOT       5
Iraq           Iraq          PROPN  NNP  dobj       5   B-GPE
.              .             PUNCT  .    punct      5
"""


def test_a_word_of_a_name_is_no_trigger() -> None:
    assert [c for _, c, _ in run(NAME)] == ["040"]


OFTEN = """
The            the           DET    DT   det        1
soldiers       soldier       NOUN   NNS  nsubj      3
often          often         ADV    RB   advmod     3
shell          shell         VERB   VBP  ROOT       3
villages       village       NOUN   NNS  dobj       3
.              .             PUNCT  .    punct      3
"""

SHELLED = """
The            the           DET    DT   det        1
soldiers       soldier       NOUN   NNS  nsubj      2
shelled        shell         VERB   VBD  ROOT       2
villages       village       NOUN   NNS  dobj       2
.              .             PUNCT  .    punct      2
"""

GENERIC_PASSIVE = """
Migrants       migrant       NOUN   NNS  nsubjpass  2
are            be            AUX    VBP  auxpass    2
held           hold          VERB   VBN  ROOT       2
by             by            ADP    IN   agent      2
police         police        NOUN   NNS  pobj       3
.              .             PUNCT  .    punct      2
"""

SPECIFIC_PASSIVE = """
Ten            ten           NUM    CD   nummod     1
migrants       migrant       NOUN   NNS  nsubjpass  3
are            be            AUX    VBP  auxpass    3
held           hold          VERB   VBN  ROOT       3
by             by            ADP    IN   agent      3
police         police        NOUN   NNS  pobj       4
.              .             PUNCT  .    punct      3
"""


def test_habitual_and_generic_clauses_are_no_episodes() -> None:
    assert run(OFTEN) == []
    assert run(GENERIC_PASSIVE) == []


def test_the_same_verbs_of_an_episode_are_events() -> None:
    assert run(SHELLED) == [("soldiers", "194", "Syria")]
    assert run(SPECIFIC_PASSIVE) == [("police", "173", "migrants")]


LAW_THAT_BANS = """
Kenya          Kenya         PROPN  NNP  nsubj      1   B-GPE
passed         pass          VERB   VBD  ROOT       1
a              a             DET    DT   det        3
law            law           NOUN   NN   dobj       1
that           that          PRON   WDT  nsubj      5
bans           ban           VERB   VBZ  relcl      3
gatherings     gathering     NOUN   NNS  dobj       5
.              .             PUNCT  .    punct      1
"""

WHOM_THEY_MET = """
The            the           DET    DT   det        1
nurses         nurse         NOUN   NNS  nsubj      5
whom           whom          PRON   WP   dobj       4
officials      official      NOUN   NNS  nsubj      4
met            meet          VERB   VBD  relcl      1
left           leave         VERB   VBD  ROOT       5
.              .             PUNCT  .    punct      5
"""

WHO_ARRESTED = """
The            the           DET    DT   det        1
police         police        NOUN   NNS  nsubj      5
who            who           PRON   WP   nsubj      3
arrested       arrest        VERB   VBD  relcl      1
families       family        NOUN   NNS  dobj       3
left           leave         VERB   VBD  ROOT       5
.              .             PUNCT  .    punct      5
"""


def test_relative_clauses_that_describe_a_noun_are_no_events() -> None:
    assert run(LAW_THAT_BANS) == []
    assert run(WHOM_THEY_MET) == []


def test_a_relative_clause_telling_what_its_noun_did_still_codes() -> None:
    assert run(WHO_ARRESTED) == [("police", "173", "families")]


FAMILIES_MET = """
Families       family        NOUN   NNS  nsubj      1
met            meet          VERB   VBD  ROOT       1
with           with          ADP    IN   prep       1
customers      customer      NOUN   NNS  pobj       2
.              .             PUNCT  .    punct      1
"""

SHOP_HELPED = """
The            the           DET    DT   det        1
shop           shop          NOUN   NN   nsubj      2
helped         help          VERB   VBD  ROOT       2
families       family        NOUN   NNS  dobj       2
.              .             PUNCT  .    punct      2
"""

MINISTRY_HELPED = """
The            the           DET    DT   det        1
ministry       ministry      NOUN   NN   nsubj      2
helped         help          VERB   VBD  ROOT       2
families       family        NOUN   NNS  dobj       2
.              .             PUNCT  .    punct      2
"""

GANG_MURDER = """
The            the           DET    DT   det        1
gang           gang          NOUN   NN   nsubj      2
committed      commit        VERB   VBD  ROOT       2
the            the           DET    DT   det        4
murder         murder        NOUN   NN   dobj       2
.              .             PUNCT  .    punct      2
"""


def test_an_interaction_needs_a_political_actor() -> None:
    assert run(FAMILIES_MET) == []
    assert run(SHOP_HELPED) == []
    assert run(MINISTRY_HELPED) == [("ministry", "070", "families")]


def test_violence_is_an_event_whoever_commits_it() -> None:
    # "commit" carries the act ("committed the murder"): done, not promised.
    events = code(parse(GANG_MURDER), patterns=PATTERNS, table=TABLE)
    assert [(e.source.name if e.source else None, e.code, e.modality) for e in events] == [("gang", "1823", "asserted")]


AGENCY_HELPED = """
The            the           DET    DT   det        1
Agency         Agency        PROPN  NNP  nsubj      2   B-ORG
helped         help          VERB   VBD  ROOT       2
families       family        NOUN   NNS  dobj       2
.              .             PUNCT  .    punct      2
"""

SMITH_HELPED = """
Smith          Smith         PROPN  NNP  nsubj      1   B-PERSON
helped         help          VERB   VBD  ROOT       1
families       family        NOUN   NNS  dobj       1
.              .             PUNCT  .    punct      1
"""


def test_an_organisation_the_resolver_does_not_know_may_be_political() -> None:
    assert run(AGENCY_HELPED) == [(None, "070", "families")]
    assert run(SMITH_HELPED) == []  # a person's name nobody knows is most often a private person


ARRIVED = """
The            the           DET    DT   det        1
families       family        NOUN   NNS  nsubj      2
arrived        arrive        VERB   VBD  ROOT       2
in             in            ADP    IN   prep       2
Kenya          Kenya         PROPN  NNP  pobj       3   B-GPE
.              .             PUNCT  .    punct      2
"""

MINISTRY_ARRIVED = """
The            the           DET    DT   det        1
ministry       ministry      NOUN   NN   nsubj      2
arrived        arrive        VERB   VBD  ROOT       2
in             in            ADP    IN   prep       2
Iraq           Iraq          PROPN  NNP  pobj       3   B-GPE
.              .             PUNCT  .    punct      2
"""


def test_a_visit_needs_a_political_visitor() -> None:
    assert run(ARRIVED) == []
    assert run(MINISTRY_ARRIVED) == [("ministry", "042", "Iraq")]


def test_a_malformed_file_is_a_coded_error(tmp_path: Path) -> None:
    bad = tmp_path / "eventness.yaml"
    bad.write_text("private_sectors: [CVL]\nany_actor_codes: [violence]\npolitical_source_codes: []\n"
                   "assent_verbs: []\nhabitual_adverbs: []\nname_labels: []\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="any_actor_codes"):
        EventnessRules.load(bad)
    bad.write_text("private_sectors: CVL\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="private_sectors"):
        EventnessRules.load(bad)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings(), default_date=date(2025, 6, 3)).load()


@pytest.mark.model
@pytest.mark.parametrize(("text", "codes"), [
    ("Economists agree that inflation is the main risk for Iran.", []),
    ("Turkish soldiers often shell Kurdish villages in Syria.", []),
    ("Turkish soldiers shelled Kurdish villages in Syria on Monday.", ["194"]),
    ("Families visiting the park in Nairobi were happy.", []),
    ("Kenya's foreign minister visited Ethiopia on Monday.", ["042"]),
])
def test_real_parses(pipeline: Pipeline, text: str, codes: list[str]) -> None:
    events = newsevents.code(pd.DataFrame({"id": ["t"], "text": [text]}), pipeline=pipeline)
    assert list(events["cameo"]) == codes


SHOT_AND_WOUNDED = """
police         police        NOUN   NNS  nsubj      1
shot           shoot         VERB   VBD  ROOT       1
and            and           CCONJ  CC   cc         1
wounded        wound         VERB   VBD  conj       1
families       family        NOUN   NNS  dobj       3
.              .             PUNCT  .    punct      1
"""

SHOT_AND_ARRESTED = """
police         police        NOUN   NNS  nsubj      1
shot           shoot         VERB   VBD  ROOT       1
and            and           CCONJ  CC   cc         1
arrested       arrest        VERB   VBD  conj       1
families       family        NOUN   NNS  dobj       3
.              .             PUNCT  .    punct      1
"""

SHOT_ONE_WOUNDED_OTHER = """
police         police        NOUN   NNS  nsubj      1
shot           shoot         VERB   VBD  ROOT       1
Iran           Iran          PROPN  NNP  dobj       1   B-GPE
and            and           CCONJ  CC   cc         1
wounded        wound         VERB   VBD  conj       1
families       family        NOUN   NNS  dobj       4
.              .             PUNCT  .    punct      1
"""

ACT_PATTERNS = [*PATTERNS, pattern("shoot", "193"), pattern("wound", "182")]


def acts(table: str) -> list[tuple[str | None, str, str | None]]:
    return triples(code(parse(table), patterns=ACT_PATTERNS, table=TABLE))


def test_two_verbs_of_one_act_on_one_dyad_are_one_event() -> None:
    assert acts(SHOT_AND_WOUNDED) == [("police", "182", "families")]  # the result names the act


def test_acts_of_different_families_or_dyads_stay_apart() -> None:
    assert acts(SHOT_AND_ARRESTED) == [("police", "193", "families"), ("police", "173", "families")]
    assert acts(SHOT_ONE_WOUNDED_OTHER) == [("police", "193", "Iran"), ("police", "182", "families")]
