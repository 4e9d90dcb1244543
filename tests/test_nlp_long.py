"""Long articles: split at paragraph or sentence boundaries, parsed in pieces, joined into one Doc whose
offsets index the whole text; longer than nlp.max_chars is E102."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from newsevents.errors import InputTooLargeError
from newsevents.nlp import Annotator, check_length, split_text

PARAGRAPH = ("Police arrested twelve protesters in Nairobi on Tuesday. The interior minister said they would "
             "be charged. Opposition leaders condemned the arrests.")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .!?\n\"”)"), max_size=400), st.integers(1, 60))
def test_pieces_join_back_into_the_text_and_fit_the_limit(text: str, limit: int) -> None:
    pieces = split_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)
    assert all(pieces) or pieces == [""]


def test_cuts_fall_after_paragraphs_then_sentences_then_spaces() -> None:
    text = "First paragraph ends here.\n\nSecond one is longer. It has two sentences."
    assert split_text(text, 40) == ["First paragraph ends here.\n\n", "Second one is longer. ",
                                    "It has two sentences."]
    assert split_text("one two three four", 9) == ["one two ", "three ", "four"]
    assert split_text("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_over_the_limit_is_e102_naming_the_setting() -> None:
    check_length("x" * 10, 10, "document a.txt")
    with pytest.raises(InputTooLargeError) as info:
        check_length("x" * 11, 10, "document a.txt")
    assert info.value.code == "E102" and "nlp.max_chars" in info.value.message and "a.txt" in info.value.message


@pytest.mark.model
def test_a_text_longer_than_a_piece_is_one_doc_over_the_whole_text(nlp: Language) -> None:
    text = "\n\n".join(PARAGRAPH.replace("Nairobi", city) for city in ("Nairobi", "Lagos", "Accra", "Dakar"))
    whole = Annotator(nlp)
    pieced = Annotator(nlp, piece_chars=200)  # a paragraph is about 160 characters: four pieces
    (one,) = whole.pipe([text])
    short = "Ministers met in Vienna."
    docs = list(pieced.pipe([short, text, short]))
    assert [d.text for d in docs] == [short, text, short]
    (joined,) = docs[1:2]
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in joined)
    assert [s.text for s in joined.sents] == [s.text for s in one.sents]
    assert [(e.start_char, e.end_char, e.label_) for e in joined.ents] == \
        [(e.start_char, e.end_char, e.label_) for e in one.ents]
    assert {"Nairobi", "Lagos", "Accra"} <= {e.text for e in joined.ents}


@pytest.mark.model
def test_a_text_over_the_models_max_length_is_parsed(nlp: Language) -> None:
    # Few, long words keep the parse quick; the length is what spaCy refuses without pieces (E088).
    filler = ("y" * 998 + ". ") * (nlp.max_length // 1000 + 5)
    text = filler + "Police arrested twelve protesters in Nairobi on Tuesday."
    assert len(text) > nlp.max_length
    (doc,) = Annotator(nlp).pipe([text])
    assert doc.text == text
    ents = [e for e in doc.ents if e.text == "Nairobi"]
    assert ents and text[ents[0].start_char:ents[0].end_char] == "Nairobi" and ents[0].start_char > nlp.max_length
