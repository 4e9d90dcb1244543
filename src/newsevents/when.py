"""When an event happened: date expressions in its sentence resolved against the publication date.

News dates events relative to the day it is published: "on Friday", "Tuesday night",
"yesterday", "last week", "two days ago", "on Dec. 13". A weekday in a past-tense sentence is
the most recent such day on or before publication; in a future one ("will meet on Monday") the
next one on or after it. A month and day without a year take the publication year, moved back a
year when that would put a past event more than a week after publication.

Whose date it is (coder 1.3.0, issue 8 category 12): with a parse and the event's trigger, only the
date expressions of the trigger's own clause count, nearest first, then those of the clauses above
it ("officials said on Friday that troops had attacked": the report's Friday, read as past whatever
the event's modality). A date in another clause, or on a noun of its own ("after the 2014
invasion", "since May"), dates another event. Without a parse every expression of the sentence
counts, nearest first.

Without a date expression the event keeps the publication date; without either, ``None``. Where the
event's own expression cannot give a day, the event has no date and ``Dating.note`` says why, rather
than taking a date the text does not give it: an expression relative to a publication date the
article lacks ("on Friday", "Apr 5" with no year), or one that names only a year or a month ("in
2014", "in May 2017"). The words live in ``data/dates.yaml``.

Impossible dates: an expression that names a day outside the calendar Python (and every store
and export format) can hold, years 1 to 9999 ("0000-05-05", "9999999999 days ago", "tomorrow"
published on 9999-12-31), leaves the event without a date, and ``Dating.note`` says why: the
event keeps ``date: null`` and its ``date_note``, the article is coded as usual. A month and day
that do not exist ("February 30") are not read as a date expression at all: in running text the
number is more often something else ("in February 30 people ...").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

from spacy.tokens import Span, Token

from .knowledge import yamlio

_FIRST, _LAST = date.min, date.max
_MAX_DIGITS = 12  # more days than that is past any calendar; int() refuses over 4,300 digits anyway
_NOTE_CHARS = 80

DATA = Path(__file__).resolve().parent / "data" / "dates.yaml"


@dataclass(frozen=True, slots=True)
class _Words:
    weekdays: dict[str, int]
    months: dict[str, int]
    offsets: dict[str, int]  # fixed day offsets: "yesterday" -> -1
    units: dict[str, int]  # days per unit: "week" -> 7
    numbers: dict[str, int]  # "two" -> 2


@dataclass(frozen=True, slots=True)
class Dating:
    """An event's date, or None with the reason when its sentence names an impossible one."""

    date: date | None
    note: str | None = None


class _OutOfRange(Exception):  # an internal signal, turned into Dating.note
    def __init__(self, expression: str, why: str) -> None:
        shown = expression.strip()
        shown = shown if len(shown) <= _NOTE_CHARS else shown[:_NOTE_CHARS] + "..."
        self.note = f"the date {shown!r} {why}, so the event has no date"
        super().__init__(self.note)


class DateResolver:
    """Resolves the date expressions of one sentence. Build once; the word lists load here."""

    def __init__(self, path: Path | None = None) -> None:
        raw = yamlio.load((path or DATA).read_text(encoding="utf-8"))
        self._w = _Words(
            weekdays={k: int(v) for k, v in raw["weekdays"].items()},
            months={k: int(v) for k, v in raw["months"].items()},
            offsets={k: int(v) for k, v in raw["offsets"].items()},
            units={k: int(v) for k, v in raw["units"].items()},
            numbers={k: int(v) for k, v in raw["numbers"].items()},
        )
        month = "|".join(sorted(map(re.escape, self._w.months), key=len, reverse=True))
        self._md = re.compile(rf"\b({month})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)
        self._dm = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({month})\.?(?:,?\s+(\d{{4}}))?\b", re.I)
        self._iso = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
        weekday = "|".join(sorted(map(re.escape, self._w.weekdays), key=len, reverse=True))
        self._weekday = re.compile(rf"\b(last|next|this|on)?\s*({weekday})\b", re.I)
        offset = "|".join(sorted((re.escape(k) for k in self._w.offsets), key=len, reverse=True))
        self._offset = re.compile(rf"\b({offset})\b", re.I)
        unit = "|".join(sorted(map(re.escape, self._w.units), key=len, reverse=True))
        number = "|".join(sorted(map(re.escape, self._w.numbers), key=len, reverse=True))
        self._ago = re.compile(rf"\b(\d+|{number}|a|an)\s+({unit})s?\s+ago\b", re.I)
        self._last_unit = re.compile(rf"\b(last|next|past)\s+({unit})\b", re.I)
        self._month_of_year = re.compile(rf"\b({month})\.?\s+(last|this|next)\s+year\b", re.I)
        self._month_year = re.compile(rf"\b({month})\.?,?\s+(\d{{4}})\b", re.I)
        self._year = re.compile(r"\b(1[6-9]\d\d|2\d\d\d)\b")

    def resolve(self, sent: Span, published: date | None, *, anchor: int | None = None,
                future: bool = False) -> date | None:
        """The event date for a sentence (``dating`` without the note)."""
        return self.dating(sent, published, anchor=anchor, future=future).date

    def dating(self, sent: Span, published: date | None, *, anchor: int | None = None,
               future: bool = False) -> Dating:
        """The event date for a sentence: the date expression nearest ``anchor`` (a character
        offset, usually the trigger), of the trigger's clause or the clauses above it where the
        sentence is parsed, else the publication date; an impossible one, or one that gives no day
        (relative without a publication date, a year or month only), gives no date and a note."""
        ents = [e for e in sent.ents if e.label_ in ("DATE", "TIME")]
        if anchor is not None:
            ents.sort(key=lambda e: min(abs(e.start_char - anchor), abs(e.end_char - anchor)))
        ordered = [(e, future) for e in ents]
        trigger = _token_at(sent, anchor) if anchor is not None and sent.doc.has_annotation("DEP") else None
        if trigger is not None:
            own = [e for e in ents if _whose(e, trigger) == "own"]
            above = [e for e in ents if _whose(e, trigger) == "above"]
            ordered = [(e, future) for e in own] + [(e, False) for e in above]  # a report is past
        for ent, ahead in ordered:
            if (m := self._month_of_year.search(ent.text)) and published is not None:
                # "in September last year": a month, not the day a year before publication
                year = published.year + {"last": -1, "this": 0, "next": 1}[m[2].lower()]
                return Dating(None, f"the text dates the event to {m[1]} {year} only ({_shown(ent.text)}), so "
                                    "the event has no day")
            found = self.dating_text(ent.text, published, future=ahead)
            if found is not None:
                return found
            note = self._no_day(ent.text, published)
            if note is not None:
                return Dating(None, note)
        if not ents:  # the model may miss a date expression: one look at the sentence itself
            found = self.dating_text(sent.text, published, future=future)
            if found is not None:
                return found
        return Dating(published)

    def _no_day(self, text: str, published: date | None) -> str | None:
        """Why a date expression of the event's own gives it no day, or None when it is no date
        expression at all ("two years", "this year")."""
        shown = _shown(text)
        if published is None and self._relative(text):
            return (f"the text dates the event {shown}, relative to a publication date the article does not "
                    "give, so the event has no date")
        if m := self._month_year.search(text):
            return f"the text dates the event to {m[1]} {m[2]} only ({shown}), so the event has no day"
        if m := self._year.search(text):
            return f"the text dates the event to the year {m[1]} only ({shown}), so the event has no day"
        return None

    def _relative(self, text: str) -> bool:
        return any(rx.search(text) for rx in (self._md, self._dm, self._offset, self._ago, self._weekday,
                                              self._last_unit))

    def resolve_text(self, text: str, published: date | None, *, future: bool = False) -> date | None:
        """The date a short expression ("Tuesday night", "March 3, 2025") denotes, or None (also for
        an impossible one: ``dating_text`` says why)."""
        found = self.dating_text(text, published, future=future)
        return found.date if found is not None else None

    def dating_text(self, text: str, published: date | None, *, future: bool = False) -> Dating | None:
        """The date a short expression denotes, a Dating without date but with a note when it is
        impossible, or None when ``text`` holds no date expression."""
        try:
            found = self._resolve_text(text, published, future)
        except _OutOfRange as exc:
            return Dating(None, exc.note)
        return Dating(found) if found is not None else None

    def _resolve_text(self, text: str, published: date | None, future: bool) -> date | None:
        if m := self._iso.search(text):
            return _safe_date(m[0], int(m[1]), int(m[2]), int(m[3]))
        for rx, mi, di in ((self._md, 1, 2), (self._dm, 2, 1)):
            if m := rx.search(text):
                month = self._w.months[m[mi].lower().rstrip(".")]
                day = int(m[di])
                if m[3]:
                    return _safe_date(m[0], int(m[3]), month, day)
                if published is None:
                    return None
                found = _safe_date(m[0], published.year, month, day)
                if found is not None and not future and (found - published).days > 7:
                    found = _safe_date(m[0], published.year - 1, month, day)
                elif found is not None and future and (published - found).days > 7:
                    found = _safe_date(m[0], published.year + 1, month, day)
                return found
        if published is None:
            return None
        if m := self._offset.search(text):
            return _shift(m[0], published, self._w.offsets[m[1].lower()])
        if m := self._ago.search(text):
            n = m[1].lower()
            if n.isdigit() and len(n) > _MAX_DIGITS:
                raise _OutOfRange(m[0], f"counts a number of {m[2].lower()}s with {len(n):,} digits")
            count = int(n) if n.isdigit() else self._w.numbers.get(n, 1)
            return _shift(m[0], published, -count * self._w.units[m[2].lower()])
        if m := self._weekday.search(text):
            return self._weekday_date(m[0], m[1], m[2], published, future)
        if m := self._last_unit.search(text):
            step = self._w.units[m[2].lower()]
            return _shift(m[0], published, step if m[1].lower() == "next" else -step)
        return None

    def _weekday_date(self, expression: str, qualifier: str | None, name: str, published: date,
                      future: bool) -> date:
        target = self._w.weekdays[name.lower()]
        q = (qualifier or "").lower()
        if q == "next" or (future and q != "last"):
            ahead = (target - published.weekday()) % 7
            return _shift(expression, published, ahead or (7 if q == "next" else 0))
        back = (published.weekday() - target) % 7
        if q == "last" and back == 0:
            back = 7
        return _shift(expression, published, -back)


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= _NOTE_CHARS else text[:_NOTE_CHARS] + "...")


def _token_at(sent: Span, offset: int) -> Token | None:
    return next((t for t in sent if t.idx <= offset < t.idx + len(t.text)), None)


# Prepositions whose date is a bound of a span, not the day of the event ("since May", "until 2020").
_BOUNDS = frozenset({"since", "until", "till", "through"})
Whose = Literal["own", "above", "other"]


def _clause_head(token: Token) -> Token:
    """The verb heading a token's clause (the token itself for a verb), or the sentence root."""
    steps = 0
    while not (token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass", "amod")) \
            and token.head != token and steps < 100:
        token, steps = token.head, steps + 1
    return token


def _whose(ent: Span, trigger: Token) -> Whose:
    """Which event a date expression dates, seen from the trigger: its own clause's ("own"), a clause
    above it ("above": the report of it), or another ("other": another clause, or a noun of its own,
    "the 2014 invasion")."""
    home = _clause_head(trigger)
    owners = {trigger.i, home.i}
    if trigger.dep_ in ("acl", "relcl") and trigger.head != trigger:
        owners.add(trigger.head.i)  # "the order of 30 November rejecting the plea": the order's date
    inside = {t.i for t in ent}
    before = ent.start - 1
    if before >= 0 and ent.doc[before].pos_ == "ADP" and ent.doc[before].lower_ == "on":
        before -= 1
    if before >= 0 and before < trigger.i and _above(ent.doc[before], home):
        # "Iran said on Monday it will send aid": the day written after the report's verb is the
        # report's, wherever the parser hangs it.
        return "above"
    token, came, steps = ent.root, ent.root, 0
    while steps < 100:
        if token.i in owners:
            return "own"
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass", "amod") and token.i not in inside:
            break
        if token.pos_ == "ADP" and token.lower_ in _BOUNDS:
            return "other"
        if (token.pos_ in ("NOUN", "PROPN") and token.i not in inside and token.ent_type_ not in ("DATE", "TIME")
                and came.pos_ != "ADP"):
            # A date written on a noun ("the 2014 invasion", "last year's vote") is that noun's. One
            # after a preposition ("the town on Friday") may hang on the noun only by the parser's
            # choice of attachment: it counts for the clause.
            return "other"
        if token.head == token:
            break
        came, token, steps = token, token.head, steps + 1
    if token.i == home.i:
        return "own"
    return "above" if _above(token, home) else "other"


def _above(verb: Token, home: Token) -> bool:
    """Whether ``verb`` is a verb heading a clause that ``home``'s clause is under."""
    if verb.pos_ not in ("VERB", "AUX") or verb.i == home.i:
        return False
    up, steps = home, 0
    while up.head != up and steps < 100:
        up, steps = up.head, steps + 1
        if up.i == verb.i:
            return True
    return False


def _shift(expression: str, day: date, days: int) -> date:
    """``day`` moved by ``days``; _OutOfRange when that leaves the calendar."""
    try:
        return day + timedelta(days=days)
    except OverflowError:  # past date.max or date.min, or more days than timedelta holds
        pass
    span = f"{abs(days):,} day{'s' if abs(days) != 1 else ''}"
    if days > 0:
        raise _OutOfRange(expression, f"falls {span} after {day.isoformat()}, past the last day a date "
                                              f"can hold ({_LAST.isoformat()})")
    raise _OutOfRange(expression, f"falls {span} before {day.isoformat()}, before the first day a date "
                                          f"can hold ({_FIRST.isoformat()})")


def _safe_date(expression: str, year: int, month: int, day: int) -> date | None:
    """The date, None for a month or day that does not exist, _OutOfRange for a year outside 1-9999."""
    if not _FIRST.year <= year <= _LAST.year:
        raise _OutOfRange(expression, f"names the year {year}, and dates hold only the years "
                                              f"{_FIRST.year} to {_LAST.year}")
    if not (1 <= month <= 12) or not (1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return date(year, month, day)
