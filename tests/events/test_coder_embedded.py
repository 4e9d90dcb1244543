"""Coder 1.2 rules on hand-built parses of invented sentences (in the shapes en_core_web_sm 3.8 gives
them): allegations, what an accusation accuses of, a protest's demands, received events, one event per
announcement, asked-for acts, means and topics, coordinated country words, the other side's main
country, destinations, datelines and reciprocal events."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Token
from test_coder_kit import FakeActors, actor, parse, pattern

from newsevents.actors.context import DocActors
from newsevents.errors import KnowledgeError
from newsevents.events import arguments as args
from newsevents.events.coder import EventCoder
from newsevents.events.cues import CUES_FILE, Cues
from newsevents.events.patterns import VerbPatterns
from newsevents.settings import EventSettings
from newsevents.types import Actor, CodedEvent

TABLE: dict[str, Actor] = {
    "Israel": actor("ISRGOV", "Israel"), "Hezbollah": actor("LBNREB", "Hezbollah"),
    "soldiers": actor("ISRMIL", "Israeli soldiers"), "troops": actor("ISRMIL", "Israeli troops"),
    "commander": actor("LBNREB", "commander"), "Protesters": actor("EGYCVL", "protesters"),
    "Iraq": actor("IRQGOV", "Iraq"), "minister": actor("IRNGOV", "Iranian minister"),
    "Egypt": actor("EGYGOV", "Egypt"), "ambassador": actor("SYRGOV", "Syrian ambassador"),
    "Obama": actor("USAGOV", "Obama"), "Congress": actor("USALEG", "Congress"), "Iran": actor("IRNGOV", "Iran"),
    "Pakistan": actor("PAKGOV", "Pakistan"), "China": actor("CHNGOV", "China"), "Israeli": actor("ISR", "Israel"),
    "civilians": actor("PSECVL", "civilians"), "diplomats": actor("FRAGOV", "French diplomats"),
    "government": actor("CANGOV", "government"), "Japan": actor("JPN", "Japan"),
    "officers": actor("RUSMIL", "Russian officers"), "Canada": actor("CAN", "Canada"),
    "militiamen": actor("BDIREB", "militiamen"), "people": actor("CODCVL", "people"),
    "rebels": actor("IRQREB", "rebels"),
}

PATTERNS = [
    pattern("attack", "190"), pattern("kill", "1823"), pattern("block", "144"), pattern("demand", "100"),
    pattern("visit", "042", "noun"), pattern("visit +to", "042", "noun"), pattern("pledge", "030"),
    pattern("expel", "174"), pattern("pressure", "100"), pattern("help", "070"),
    pattern("give ~permission +to !target", "080"), pattern("airstrike", "195", "noun"),
    pattern("fire", "190", "noun"), pattern("walk out", "164"), pattern("thank", "051"),
    pattern("ban +on", "172", "noun"), pattern("charge", "112"), pattern("support", "051"), pattern("meet", "040"),
]


class ManyActors(FakeActors):
    """A fake whose "diplomats" are French and German, as "French and German diplomats" says."""

    def resolve_each(self, token: Token, doc_actors: DocActors) -> tuple[Actor, ...]:
        if token.text == "diplomats":
            return (actor("FRAGOV", "French diplomats"), actor("DEUGOV", "German diplomats"))
        return super().resolve_each(token, doc_actors)


def run(table: str, actors: FakeActors | None = None) -> list[CodedEvent]:
    lookup = actors if actors is not None else FakeActors(TABLE)
    return EventCoder(EventSettings(), VerbPatterns(PATTERNS), lookup).code(parse(table), DocActors())


def codes(events: list[CodedEvent]) -> list[tuple[str | None, str, str | None]]:
    return [(e.source.code if e.source else None, e.code, e.target.code if e.target else None) for e in events]


CLAIMED = """
Israel         Israel        PROPN  NNP  nsubj      1   B-GPE
claimed        claim         VERB   VBD  ROOT       1
that           that          SCONJ  IN   mark       5
Hezbollah      Hezbollah     PROPN  NNP  nsubj      5   B-ORG
had            have          AUX    VBD  aux        5
attacked       attack        VERB   VBN  ccomp      1
its            its           PRON   PRP$ poss       7
soldiers       soldier       NOUN   NNS  dobj       5
.              .             PUNCT  .    punct      1
"""


def test_an_alleged_attack_is_the_speakers_accusation_of_the_doer() -> None:
    assert codes(run(CLAIMED)) == [("ISRGOV", "112", "LBNREB")]


CLAIMED_OWN = """
Israel         Israel        PROPN  NNP  nsubj      1   B-GPE
claimed        claim         VERB   VBD  ROOT       1
that           that          SCONJ  IN   mark       6
its            its           PRON   PRP$ poss       4
troops         troop         NOUN   NNS  nsubj      6
had            have          AUX    VBD  aux        6
killed         kill          VERB   VBN  ccomp      1
the            the           DET    DT   det        8
commander      commander     NOUN   NN   dobj       6
.              .             PUNCT  .    punct      1
"""


def test_a_claim_of_ones_own_sides_act_is_a_report_of_the_act() -> None:
    assert codes(run(CLAIMED_OWN)) == [("ISRMIL", "1823", "LBNREB")]


CHARGED_WITH = """
Iraq           Iraq          PROPN  NNP  nsubj      1   B-GPE
charged        charge        VERB   VBD  ROOT       1
Iran           Iran          PROPN  NNP  dobj       1   B-GPE
with           with          ADP    IN   prep       1
supporting     support       VERB   VBG  pcomp      3
the            the           DET    DT   det        6
rebels         rebel         NOUN   NNS  dobj       4
.              .             PUNCT  .    punct      1
"""


def test_what_someone_is_charged_with_is_alleged_not_reported() -> None:
    assert codes(run(CHARGED_WITH)) == [("IRQGOV", "112", "IRNGOV")]


BLOCKED_TO_DEMAND = """
Protesters     protester     NOUN   NNS  nsubj      1
blocked        block         VERB   VBD  ROOT       1
roads          road          NOUN   NNS  dobj       1
to             to            PART   TO   aux        4
demand         demand        VERB   VB   advcl      1
reforms        reform        NOUN   NNS  dobj       4
.              .             PUNCT  .    punct      1
"""


def test_a_protests_demand_is_part_of_the_protest() -> None:
    assert [e.code for e in run(BLOCKED_TO_DEMAND)] == ["144"]


RECEIVED_VISIT = """
Iraq           Iraq          PROPN  NNP  nsubj      1   B-GPE
received       receive       VERB   VBD  ROOT       1
a              a             DET    DT   det        3
visit          visit         NOUN   NN   dobj       1
from           from          ADP    IN   prep       3
the            the           DET    DT   det        7
Iranian        iranian       ADJ    JJ   amod       7   B-NORP
minister       minister      NOUN   NN   pobj       4
.              .             PUNCT  .    punct      1
"""


def test_the_giver_of_a_received_event_is_its_source_and_the_receiver_its_target() -> None:
    [event] = run(RECEIVED_VISIT)
    assert codes([event]) == [("IRNGOV", "042", "IRQGOV")]
    assert event.trigger == "received visit from"


PLEDGED_TO_EXPEL = """
Egypt          Egypt         PROPN  NNP  nsubj      1   B-GPE
pledged        pledge        VERB   VBD  ROOT       1
to             to            PART   TO   aux        3
expel          expel         VERB   VB   xcomp      1
the            the           DET    DT   det        6
Syrian         syrian        ADJ    JJ   amod       6   B-NORP
ambassador     ambassador    NOUN   NN   dobj       3
.              .             PUNCT  .    punct      1
"""


def test_a_pledged_coercion_is_one_event_a_threat_aimed_at_its_target() -> None:
    assert codes(run(PLEDGED_TO_EXPEL)) == [("EGYGOV", "137", "SYRGOV")]


PRESSURED_TO_HELP = """
Obama          Obama         PROPN  NNP  nsubjpass  2   B-PERSON
was            be            AUX    VBD  auxpass    2
pressured      pressure      VERB   VBN  ROOT       2
by             by            ADP    IN   agent      2
Congress       Congress      PROPN  NNP  pobj       3   B-ORG
to             to            PART   TO   aux        6
help           help          VERB   VB   advcl      2
Iran           Iran          PROPN  NNP  dobj       6   B-GPE
.              .             PUNCT  .    punct      2
"""


def test_what_someone_is_pressured_to_do_is_asked_not_done() -> None:
    assert codes(run(PRESSURED_TO_HELP)) == [("USALEG", "100", "USAGOV")]


GAVE_PERMISSION = """
Pakistan       Pakistan      PROPN  NNP  nsubj      1   B-GPE
gave           give          VERB   VBD  ROOT       1
permission     permission    NOUN   NN   dobj       1
to             to            ADP    IN   dative     1
China          China         PROPN  NNP  pobj       3   B-GPE
to             to            PART   TO   aux        6
help           help          VERB   VB   advcl      1
Iran           Iran          PROPN  NNP  dobj       6   B-GPE
.              .             PUNCT  .    punct      1
"""


def test_permission_is_aimed_at_whom_it_is_given_and_the_permitted_act_is_not_coded() -> None:
    assert codes(run(GAVE_PERMISSION)) == [("PAKGOV", "080", "CHNGOV")]


AIRSTRIKES_KILLED = """
Israeli        israeli       ADJ    JJ   amod       1   B-NORP
airstrikes     airstrike     NOUN   NNS  nsubj      2
killed         kill          VERB   VBD  ROOT       2
ten            ten           NUM    CD   nummod     4   B-CARDINAL
civilians      civilian      NOUN   NNS  dobj       2
.              .             PUNCT  .    punct      2
"""


def test_an_untargeted_event_noun_doing_a_verbs_event_is_its_means() -> None:
    assert codes(run(AIRSTRIKES_KILLED)) == [("ISR", "1823", "PSECVL")]


KILLED_BY_TANK_FIRE = """
GAZA           GAZA          PROPN  NNP  compound   1   B-GPE
CITY           CITY          PROPN  NNP  nsubjpass  9   I-GPE
,              ,             PUNCT  ,    punct      1
Palestinian    palestinian   ADJ    JJ   amod       4   B-GPE
Territories    Territories   PROPN  NNPS appos      1   I-GPE
:              :             PUNCT  :    punct      1
Five           five          NUM    CD   nummod     7   B-CARDINAL
people         people        NOUN   NNS  nsubjpass  9
were           be            AUX    VBD  auxpass    9
killed         kill          VERB   VBN  ROOT       9
by             by            ADP    IN   agent      9
Israeli        israeli       ADJ    JJ   amod       13  B-NORP
tank           tank          NOUN   NN   compound   13
fire           fire          NOUN   NN   pobj       10
.              .             PUNCT  .    punct      9
"""


def test_a_dateline_is_not_the_subject_and_a_nationality_on_a_compound_gives_the_source() -> None:
    doc = parse(KILLED_BY_TANK_FIRE)
    subject = args.own_subject(doc[9])
    assert subject is not None and subject.text == "people"
    # "Israeli tank fire": the nationality hangs on "tank"; the fire is the killing's means.
    assert codes(run(KILLED_BY_TANK_FIRE)) == [("ISR", "1823", "CODCVL")]


WALKED_OUT = """
French         french        ADJ    JJ   amod       3   B-NORP
and            and           CCONJ  CC   cc         0
German         german        ADJ    JJ   conj       0   B-NORP
diplomats      diplomat      NOUN   NNS  nsubj      4
walked         walk          VERB   VBD  ROOT       4
out            out           ADP    IN   prep       4
.              .             PUNCT  .    punct      4
"""


def test_coordinated_country_words_make_one_event_each_side_by_side() -> None:
    assert codes(run(WALKED_OUT, ManyActors(TABLE))) == [("FRAGOV", "164", None), ("DEUGOV", "164", None)]


MET = WALKED_OUT.replace("walked         walk ", "met            meet ").replace(
    "out            out           ADP    IN   prep       4\n", "")


def test_coordinated_country_words_that_meet_meet_each_other() -> None:
    assert codes(run(MET, ManyActors(TABLE))) == [("FRAGOV", "040", "DEUGOV"), ("DEUGOV", "040", "FRAGOV")]


THANKED = """
The            the           DET    DT   det        1
government     government    NOUN   NN   nsubj      2
thanked        thank         VERB   VBD  ROOT       2
Japan          Japan         PROPN  NNP  dobj       2   B-GPE
.              .             PUNCT  .    punct      2
"""


def test_a_role_does_not_take_the_main_country_the_other_side_names() -> None:
    table = {**TABLE, "government": actor("JPNGOV", "government")}
    assert codes(run(THANKED, FakeActors(table, fallbacks={"government"}))) == [("GOV", "051", "JPN")]


def test_a_role_with_its_own_country_keeps_it() -> None:
    table = {**TABLE, "government": actor("JPNGOV", "government")}
    assert codes(run(THANKED, FakeActors(table))) == [("JPNGOV", "051", "JPN")]


BANS_ON_TRAVEL = """
The            the           DET    DT   det        1
government     government    NOUN   NN   nsubj      2
announced      announce      VERB   VBD  ROOT       2
bans           ban           NOUN   NNS  dobj       2
on             on            ADP    IN   prep       3
travel         travel        NOUN   NN   pobj       4
to             to            ADP    IN   prep       5
Canada         Canada        PROPN  NNP  pobj       6   B-GPE
against        against       ADP    IN   prep       5
Russian        russian       ADJ    JJ   amod       10  B-NORP
officers       officer       NOUN   NNS  pobj       8
.              .             PUNCT  .    punct      2
"""


def test_where_a_movement_goes_is_not_the_target_of_a_ban_on_it() -> None:
    assert codes(run(BANS_ON_TRAVEL)) == [("CANGOV", "172", "RUSMIL")]


ATTACKED_KILLING = """
A              a             DET    DT   det        1
camp           camp          NOUN   NN   nsubjpass  3
was            be            AUX    VBD  auxpass    3
attacked       attack        VERB   VBN  ROOT       3
by             by            ADP    IN   agent      3
militiamen     militiaman    NOUN   NNS  pobj       4
,              ,             PUNCT  ,    punct      3
killing        kill          VERB   VBG  advcl      3
156            156           NUM    CD   nummod     9   B-CARDINAL
people         people        NOUN   NNS  dobj       7
.              .             PUNCT  .    punct      3
"""


def test_a_participle_after_a_passive_is_done_by_its_agent_not_its_subject() -> None:
    assert ("BDIREB", "1823", "CODCVL") in codes(run(ATTACKED_KILLING))


def test_an_allegation_code_that_is_not_a_code_is_refused(tmp_path: Path) -> None:
    text = CUES_FILE.read_text(encoding="utf-8").replace('allegation_code: "112"', "allegation_code: accuse")
    bad = tmp_path / "cues.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError, match="allegation_code"):
        Cues.load(bad)


def test_a_news_reports_claim_is_a_report_not_an_accusation() -> None:
    reported = CLAIMED.replace("Israel         Israel        PROPN  NNP  nsubj      1   B-GPE",
                               "Newspapers    newspaper     NOUN   NNS  nsubj      1")
    table = {**TABLE, "Newspapers": actor("ISRMED", "newspapers")}
    assert codes(run(reported, FakeActors(table))) == [("LBNREB", "190", "ISRMIL")]


SHELLED = THANKED.replace("thanked        thank ", "shelled        shell ")


def test_a_states_force_at_home_keeps_the_main_country() -> None:
    table = {**TABLE, "government": actor("JPNGOV", "government")}
    patterns = [*PATTERNS, pattern("shell", "194")]
    events = EventCoder(EventSettings(), VerbPatterns(patterns), FakeActors(table, fallbacks={"government"})).code(
        parse(SHELLED), DocActors())
    assert codes(events) == [("JPNGOV", "194", "JPN")]


PROTESTED = """
Students       student       NOUN   NNS  nsubj      3
and            and           CCONJ  CC   cc         0
workers        worker        NOUN   NNS  conj       0
protested      protest       VERB   VBD  ROOT       3
.              .             PUNCT  .    punct      3
"""


def test_coordinated_protesters_protest_side_by_side_not_against_each_other() -> None:
    table = {**TABLE, "Students": actor("KENEDU", "students"), "workers": actor("KENLAB", "workers")}
    patterns = [*PATTERNS, pattern("protest", "141")]
    events = EventCoder(EventSettings(), VerbPatterns(patterns), FakeActors(table)).code(parse(PROTESTED), DocActors())
    assert ("KENEDU", "141", "KENLAB") not in codes(events)
    assert [e.source.code if e.source else None for e in events] == ["KENEDU", "KENLAB"]
