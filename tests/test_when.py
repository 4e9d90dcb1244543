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
