"""Required objects as targets, objects of a preposition as ~objects, lemma fixes, and event nouns that
only set the scene (hand-built parses)."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab
from test_coder_kit import actor, code, parse, pattern, triples

from newsevents.events.cues import Cues

TABLE = {"Russia": actor("RUSGOV", "Russia"), "diplomats": actor("GBRGOV", "British diplomats"),
         "Iran": actor("IRNGOV", "Iran"), "troops": actor("IRNMIL", "Iranian troops"),
         "Britain": actor("GBRGOV", "Britain"), "reservists": actor("GBRMIL", "reservists"),
         "Workers": actor("FRALAB", "workers"), "Police": actor("FRACOP", "police"),
         "men": actor("FRACVL", "men"), "Rebels": actor("SYRREB", "rebels"), "army": actor("SYRMIL", "army")}

EXPELLED = """
Russia         Russia        PROPN  NNP  nsubj      1   B-GPE
expelled       expel         VERB   VBD  ROOT       1
British        british       ADJ    JJ   amod       3   B-NORP
diplomats      diplomat      NOUN   NNS  dobj       1
.              .             PUNCT  .    punct      1
"""

SENT_TROOPS = """
Iran           Iran          PROPN  NNP  nsubj      1   B-GPE
sent           send          VERB   VBD  ROOT       1
troops         troop         NOUN   NNS  dobj       1
.              .             PUNCT  .    punct      1
"""

MOBILIZED = """
Britain        Britain       PROPN  NNP  nsubj      1   B-GPE
mobilized      mobilize      VERB   VBD  ROOT       1
reservists     reservist     NOUN   NNS  dobj       1
.              .             PUNCT  .    punct      1
"""

WENT_ON_STRIKE = """
Workers        worker        NOUN   NNS  nsubj      1
went           go            VERB   VBD  ROOT       1
on             on            ADP    IN   prep       1
strike         strike        NOUN   NN   pobj       2
.              .             PUNCT  .    punct      1
"""

INTO_CUSTODY = """
Police         police        NOUN   NNS  nsubj      1
took           take          VERB   VBD  ROOT       1
the            the           DET    DT   det        3
men            man           NOUN   NNS  dobj       1
into           into          ADP    IN   prep       1
custody        custody       NOUN   NN   pobj       4
.              .             PUNCT  .    punct      1
"""

AFTER_CLASHES = """
Rebels         rebel         NOUN   NNS  nsubj      1
withdrew       withdraw      VERB   VBD  ROOT       1
after          after         ADP    IN   prep       1
two            two           NUM    CD   nummod     4   B-DATE
days           day           NOUN   NNS  pobj       2   I-DATE
of             of            ADP    IN   prep       4
clashes        clash         NOUN   NNS  pobj       5
with           with          ADP    IN   prep       6
the            the           DET    DT   det        9
army           army          NOUN   NN   pobj       7
.              .             PUNCT  .    punct      1
"""

CLASHES_SUBJECT = """
Clashes        clash         NOUN   NNS  nsubj      5
between        between       ADP    IN   prep       0
rebels         rebel         NOUN   NNS  pobj       1
and            and           CCONJ  CC   cc         2
army           army          NOUN   NN   conj       2
erupted        erupt         VERB   VBD  ROOT       5
.              .             PUNCT  .    punct      5
"""


def test_a_required_object_that_is_an_actor_is_the_target() -> None:
    events = code(parse(EXPELLED), patterns=[pattern("expel ~diplomat", "174")], table=TABLE)
    assert triples(events) == [("Russia", "174", "British diplomats")]


def test_troops_sent_or_mobilised_are_what_moves_not_the_target() -> None:
    assert triples(code(parse(SENT_TROOPS), patterns=[pattern("send ~troop", "154")], table=TABLE)) == [
        ("Iran", "154", None)]
    assert triples(code(parse(MOBILIZED), patterns=[pattern("mobilize", "154")], table=TABLE)) == [
        ("Britain", "154", None)]


def test_a_required_object_may_be_the_object_of_a_preposition_the_pattern_names() -> None:
    patterns = [pattern("go on ~strike", "143")]
    assert triples(code(parse(WENT_ON_STRIKE), patterns=patterns, table=TABLE)) == [("workers", "143", "France")]
    custody = [pattern("take into ~custody", "173")]
    [event] = code(parse(INTO_CUSTODY), patterns=custody, table=TABLE)
    assert (event.code, event.target.name if event.target else None, event.trigger) == (
        "173", "men", "took into custody")
    # Without the preposition in the pattern, "custody" is not the verb's object.
    assert code(parse(INTO_CUSTODY), patterns=[pattern("take ~custody", "173")], table=TABLE) == []


def test_an_event_noun_in_an_adverbial_phrase_is_not_coded_on_its_own() -> None:
    patterns = [pattern("withdraw", "087"), pattern("clash +with|between", "190", "noun")]
    assert [e.code for e in code(parse(AFTER_CLASHES), patterns=patterns, table=TABLE)] == ["087"]
    # The same noun as the subject of its clause is the report.
    assert [e.code for e in code(parse(CLASHES_SUBJECT), patterns=patterns, table=TABLE)] == ["190"]


def _token(word: str, lemma: str) -> Doc:
    return Doc(Vocab(), words=[word], lemmas=[lemma], pos=["VERB"])


def test_lemma_fixes_correct_the_model_by_lemma_and_by_written_form() -> None:
    cues = Cues.load()
    assert cues.lemma(_token("staged", "stag")[0]) == "stage"
    assert cues.lemma(_token("waging", "wag")[0]) == "wage"
    assert cues.lemma(_token("cordoned", "cordone")[0]) == "cordon"
    assert cues.lemma(_token("raped", "rap")[0]) == "rape"
    assert cues.lemma(_token("rapped", "rap")[0]) == "rap"  # a rebuke stays a rebuke
    assert cues.lemma(_token("hoped", "hop")[0]) == "hope"
    assert cues.lemma(_token("fined", "fin")[0]) == "fine"
    assert cues.lemma(_token("visited", "visit")[0]) == "visit"
