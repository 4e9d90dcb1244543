"""Property tests of date resolution: it never raises, whatever the text and the publication date, and a
past-tense relative date is never after publication."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.when import DateResolver

FAST = settings(max_examples=150, deadline=None)
RESOLVER = DateResolver()  # read-only after construction: safe to share between examples

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Sat", "tues"]
UNITS = ["day", "days", "week", "weeks", "month", "months", "year", "years", "fortnight"]
COUNTS = st.one_of(st.integers(0, 10**15).map(str), st.sampled_from(["a", "an", "two", "several", "twelve"]))
PAST = st.one_of(
    st.builds(lambda n, u: f"{n} {u} ago", COUNTS, st.sampled_from(UNITS)),
    st.sampled_from(["yesterday", "last night", "the day before", "day before yesterday", "last week",
                     "last month", "last year", "past week", "earlier this week"]),
    st.builds(lambda q, d: f"{q} {d}", st.sampled_from(["last", "on", ""]), st.sampled_from(WEEKDAYS)),
)
TEXT = st.one_of(st.text(max_size=200), PAST,
                 st.builds(lambda a, b, c: f"{a}-{b:02d}-{c:02d}", st.integers(0, 99999), st.integers(0, 99),
                           st.integers(0, 99)),
                 st.builds(lambda m, d, y: f"{m} {d}, {y}", st.sampled_from(["March", "Dec.", "sept"]),
                           st.integers(0, 99), st.integers(0, 99999)))


@FAST
@given(TEXT, st.one_of(st.none(), st.dates()), st.booleans())
def test_resolution_never_raises_and_an_undated_answer_says_why(text: str, published: date | None,
                                                                 future: bool) -> None:
    found = RESOLVER.dating_text(text, published, future=future)
    if found is not None and found.date is None:
        assert found.note and "so the event has no date" in found.note
    if found is not None and found.date is not None:
        assert found.note is None and date.min <= found.date <= date.max


@FAST
@given(PAST, st.dates())
def test_a_past_tense_relative_date_is_never_after_publication(text: str, published: date) -> None:
    found = RESOLVER.dating_text(text, published, future=False)
    assert found is not None, text
    assert (found.date is None and found.note) or (found.date is not None and found.date <= published), found


@FAST
@given(st.builds(lambda q, d: f"{q} {d}", st.sampled_from(["next", "on", ""]), st.sampled_from(WEEKDAYS)),
       st.dates())
def test_a_future_weekday_is_never_before_publication(text: str, published: date) -> None:
    found = RESOLVER.dating_text(text, published, future=True)
    assert found is not None
    assert (found.date is None and found.note) or (found.date is not None and found.date >= published)


@pytest.mark.parametrize("published", [date.min, date.max])
def test_the_ends_of_the_calendar(published: date) -> None:
    for text in ("yesterday", "tomorrow", "next week", "last Friday", "next Monday", "3 years ago", "Dec 31"):
        found = RESOLVER.dating_text(text, published)
        assert found is not None and (found.date is not None or found.note)
