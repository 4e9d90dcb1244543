"""Filters (settings, self-directed, duplicates, long sentences), evidence offsets, and the cue file."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_coder_kit import ACTORS, IRN, PATTERNS, FakeActors, code, parse, triples

from newsevents.actors.context import DocActors
from newsevents.errors import KnowledgeError
from newsevents.events.coder import EventCoder
from newsevents.events.cues import CUES_FILE
from newsevents.events.patterns import VerbPatterns
from newsevents.settings import EventSettings

INTRO = """
Iran           Iran          PROPN  NNP  nsubj      1   B-GPE
threatened     threaten      VERB   VBD  ROOT       1
Ukraine        Ukraine       PROPN  NNP  dobj       1   B-GPE
on             on            ADP    IN   prep       1
Monday         Monday        PROPN  NNP  pobj       3   B-DATE
.              .             PUNCT  .    punct      1
"""

CRACK_DOWN = """
Police         police        NOUN   NNS  nsubj      1
cracked        crack         VERB   VBD  ROOT       1
down           down          ADP    RP   prt        1
on             on            ADP    IN   prep       1
protesters     protester     NOUN   NNS  pobj       3
.              .             PUNCT  .    punct      1
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

SELF = """
Iran           Iran          PROPN  NNP  nsubj      1   B-GPE
accused        accuse        VERB   VBD  ROOT       1
Tehran         Tehran        PROPN  NNP  dobj       1   B-GPE
of             of            ADP    IN   prep       1
lying          lie           VERB   VBG  pobj       3
.              .             PUNCT  .    punct      1
"""

GUNMEN = """
Gunmen         gunman        NOUN   NNS  nsubj      1
attacked       attack        VERB   VBD  ROOT       1
a              a             DET    DT   det        3
convoy         convoy        NOUN   NN   dobj       1
.              .             PUNCT  .    punct      1
"""

ATTACKED = """
Rebels         rebel         NOUN   NNS  nsubj      1
attacked       attack        VERB   VBD  ROOT       1
.              .             PUNCT  .    punct      1
"""

SOURCELESS = """
Talks          talk          NOUN   NNS  nsubjpass  2
were           be            AUX    VBD  auxpass    2
held           hold          VERB   VBN  ROOT       2
with           with          ADP    IN   prep       2
Iranian        iranian       ADJ    JJ   amod       5   B-NORP
diplomats      diplomat      NOUN   NNS  pobj       3
.              .             PUNCT  .    punct      2
"""


def test_events_carry_sentence_trigger_and_actor_offsets_into_the_article() -> None:
    doc = parse(INTRO, CRACK_DOWN)
    events = code(doc)
    assert [e.sentence_index for e in events] == [0, 1]
    event = events[1]
    second = list(doc.sents)[1]
    assert (event.sent_start, event.sent_end) == (second.start_char, second.end_char)
    assert doc.text[event.sent_start:event.sent_end] == "Police cracked down on protesters."
    assert doc.text[event.trigger_start:event.trigger_end] == "cracked down on"
    assert event.source_span is not None and event.target_span is not None
    assert doc.text[slice(*event.source_span)] == "Police"
    assert doc.text[slice(*event.target_span)] == "protesters"


def test_a_trigger_of_scattered_words_spans_from_its_first_to_its_last() -> None:
    doc = parse(LAUNCH)
    [event] = code(doc)
    assert event.trigger == "launched attack on"
    assert doc.text[event.trigger_start:event.trigger_end] == "launched an attack on"


def test_sentences_longer_than_the_limit_are_skipped() -> None:
    doc = parse(LAUNCH, CRACK_DOWN)
    first, second = (len(s.text) for s in doc.sents)
    assert first > second
    short = EventCoder(EventSettings(), VerbPatterns(PATTERNS), FakeActors(ACTORS), max_sentence_chars=second)
    assert [e.code for e in short.code(doc, DocActors())] == ["175"]


def test_a_target_that_is_the_source_itself_is_dropped_but_not_the_event() -> None:
    # "Iran accused Tehran": the target is a resolution slip; the accusation stays, without a target.
    assert triples(code(parse(SELF), table={**ACTORS, "Tehran": IRN})) == [("Iran", "112", None)]


def test_require_actor_drops_events_without_any_actor() -> None:
    assert code(parse(GUNMEN)) == []
    assert triples(code(parse(GUNMEN), EventSettings(require_actor=False))) == [(None, "190", None)]


def test_keep_untargeted_and_keep_sourceless_settings() -> None:
    untargeted = {"Rebels": ACTORS["Rebels"]}
    assert triples(code(parse(ATTACKED), table=untargeted)) == [("rebels", "190", None)]
    assert code(parse(ATTACKED), EventSettings(keep_untargeted=False), table=untargeted) == []
    assert triples(code(parse(SOURCELESS))) == [(None, "043", "Iran")]
    assert code(parse(SOURCELESS), EventSettings(keep_sourceless=False)) == []


def test_duplicates_are_dropped_within_a_sentence_but_not_across_sentences() -> None:
    events = code(parse(CRACK_DOWN, CRACK_DOWN))
    assert [(e.sentence_index, e.code) for e in events] == [(0, "175"), (1, "175")]


def test_coder_names_itself_and_reads_its_cues_once(tmp_path: Path) -> None:
    assert EventCoder.NAME == "newsevents-rules"
    assert EventCoder.VERSION
    broken = tmp_path / "cues.yaml"
    broken.write_text("reporting_verbs: [say\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="cannot read the event cue file"):
        EventCoder(EventSettings(), VerbPatterns(PATTERNS), FakeActors(ACTORS), cues_file=broken)


def test_a_bare_yaml_boolean_in_the_cue_file_is_refused(tmp_path: Path) -> None:
    text = CUES_FILE.read_text(encoding="utf-8").replace('"no"', "no")
    bad = tmp_path / "cues.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError, match="put it in quotes"):
        EventCoder(EventSettings(), VerbPatterns(PATTERNS), FakeActors(ACTORS), cues_file=bad)


def test_a_document_without_a_parse_is_refused_with_a_coded_error() -> None:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newsevents.errors import ModelError

    coder = EventCoder(EventSettings(), VerbPatterns(PATTERNS), FakeActors(ACTORS))
    with pytest.raises(ModelError, match="no dependency parse"):
        coder.code(Doc(Vocab(), words=["Iran", "attacked", "Iraq", "."]), DocActors())
