from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsevents.when import DateResolver

FRIDAY = date(2024, 12, 13)  # a Friday


@pytest.fixture(scope="module")
def when() -> DateResolver:
    return DateResolver()


@pytest.mark.parametrize(("text", "future", "expected"), [
    ("on Friday", False, date(2024, 12, 13)),
    ("Tuesday night", False, date(2024, 12, 10)),
    ("on Monday", True, date(2024, 12, 16)),
    ("last Friday", False, date(2024, 12, 6)),
    ("next Tuesday", False, date(2024, 12, 17)),
    ("yesterday", False, date(2024, 12, 12)),
    ("tomorrow", True, date(2024, 12, 14)),
    ("last week", False, date(2024, 12, 6)),
    ("two days ago", False, date(2024, 12, 11)),
    ("3 days ago", False, date(2024, 12, 10)),
    ("on Dec. 9", False, date(2024, 12, 9)),
    ("December 28", False, date(2023, 12, 28)),  # a past event cannot be two weeks ahead
    ("January 5", True, date(2025, 1, 5)),
    ("March 3, 2021", False, date(2021, 3, 3)),
    ("3 March 2021", False, date(2021, 3, 3)),
    ("2022-07-01", False, date(2022, 7, 1)),
    ("February 30", False, None),
    ("the talks", False, None),
])
def test_resolve_text(when: DateResolver, text: str, future: bool, expected: date | None) -> None:
    assert when.resolve_text(text, FRIDAY, future=future) == expected


def test_relative_dates_need_a_publication_date(when: DateResolver) -> None:
    assert when.resolve_text("on Friday", None) is None
    assert when.resolve_text("March 3, 2021", None) == date(2021, 3, 3)


def _sentence(words: list[str], ents: list[str]) -> Doc:
    return Doc(Vocab(), words=words, ents=ents)


def test_sentence_uses_its_date_entity_else_publication(when: DateResolver) -> None:
    doc = _sentence(["He", "arrived", "on", "Tuesday", "."], ["O", "O", "O", "B-DATE", "O"])
    assert when.resolve(doc[:], FRIDAY) == date(2024, 12, 10)
    doc = _sentence(["He", "arrived", "in", "Baghdad", "."], ["O", "O", "O", "B-GPE", "O"])
    assert when.resolve(doc[:], FRIDAY) == FRIDAY
    assert when.resolve(doc[:], None) is None


def test_nearest_date_to_the_trigger_wins(when: DateResolver) -> None:
    words = ["On", "Monday", "officials", "said", "troops", "attacked", "on", "Sunday", "."]
    ents = ["O", "B-DATE", "O", "O", "O", "O", "O", "B-DATE", "O"]
    doc = _sentence(words, ents)
    anchor = doc[5].idx
    assert when.resolve(doc[:], FRIDAY, anchor=anchor) == date(2024, 12, 8)


@pytest.mark.parametrize(("text", "published", "why"), [
    ("on 0000-05-05", FRIDAY, "names the year 0"),
    ("March 3, 0000", FRIDAY, "names the year 0"),
    ("9999999999 days ago", FRIDAY, "9,999,999,999 days before 2024-12-13"),
    ("tomorrow", date(9999, 12, 31), "1 day after 9999-12-31"),
    ("next week", date(9999, 12, 31), "7 days after 9999-12-31"),
    ("last Friday", date(1, 1, 1), "before 0001-01-01"),
    ("December 28", date(1, 1, 2), "names the year 0"),  # a past event a year before the year 1
    (f"{'9' * 5000} days ago", FRIDAY, "with 5,000 digits"),
])
def test_an_impossible_date_gives_no_date_and_says_why(when: DateResolver, text: str, published: date,
                                                       why: str) -> None:
    found = when.dating_text(text, published)
    assert found is not None and found.date is None
    assert found.note is not None and why in found.note and len(found.note) < 300
    assert when.resolve_text(text, published) is None


def test_a_sentence_with_an_impossible_date_keeps_the_note(when: DateResolver) -> None:
    doc = _sentence(["Troops", "left", "on", "0000-05-05", "."], ["O", "O", "O", "B-DATE", "O"])
    found = when.dating(doc[:], FRIDAY)
    assert found.date is None and found.note is not None and "0000-05-05" in found.note
    assert when.dating(_sentence(["Troops", "left", "."], ["O", "O", "O"])[:], FRIDAY).date == FRIDAY


def _parsed(rows: str) -> Doc:
    """A hand-built parse: one token a line, WORD HEAD DEP POS ENT (HEAD: index, ENT: BIO label)."""
    table = [line.split() for line in rows.strip().splitlines()]
    return Doc(Vocab(), words=[r[0] for r in table], heads=[int(r[1]) for r in table], deps=[r[2] for r in table],
               pos=[r[3] for r in table], ents=[r[4] for r in table])


SAID_ON_MONDAY = """
Iran    1 nsubj PROPN B-GPE
said    1 ROOT  VERB  O
on      1 prep  ADP   O
Monday  2 pobj  PROPN B-DATE
it      6 nsubj PRON  O
will    6 aux   AUX   O
send    1 ccomp VERB  O
aid     6 dobj  NOUN  O
.       1 punct PUNCT O
"""

AFTER_ELECTION = """
Troops    1 nsubj    NOUN  O
attacked  1 ROOT     VERB  O
the       3 det      DET   O
town      1 dobj     NOUN  O
after     1 prep     ADP   O
the       7 det      DET   O
2019      7 compound NUM   B-DATE
election  4 pobj     NOUN  O
.         1 punct    PUNCT O
"""

IN_2014 = """
Russia    1 nsubj PROPN B-GPE
invaded   1 ROOT  VERB  O
Crimea    1 dobj  PROPN B-GPE
in        1 prep  ADP   O
2014      3 pobj  NUM   B-DATE
.         1 punct PUNCT O
"""


def test_the_reports_day_is_past_for_an_announced_act(when: DateResolver) -> None:
    doc = _parsed(SAID_ON_MONDAY)
    found = when.dating(doc[:], FRIDAY, anchor=doc[6].idx, future=True)
    assert found.date == date(2024, 12, 9)  # the Monday before publication, not 16 December


def test_a_date_on_another_noun_dates_that_noun(when: DateResolver) -> None:
    doc = _parsed(AFTER_ELECTION)
    assert when.dating(doc[:], FRIDAY, anchor=doc[1].idx).date == FRIDAY  # not the election's 2019


def test_a_year_only_gives_no_day_and_a_note(when: DateResolver) -> None:
    doc = _parsed(IN_2014)
    found = when.dating(doc[:], FRIDAY, anchor=doc[1].idx)
    assert found.date is None and found.note is not None and "2014" in found.note


def test_without_a_publication_date_the_note_says_so(when: DateResolver) -> None:
    doc = _parsed(SAID_ON_MONDAY)
    found = when.dating(doc[:], None, anchor=doc[1].idx)
    assert found.date is None and found.note is not None and "publication date" in found.note
