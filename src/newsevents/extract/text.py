"""Scraped plain text -> clean article text, with the headline, byline and attribution taken out.

A scraped page pasted as text carries the article between a header (headline, byline, a date
line) and a tail (share buttons, related stories, an author box, a comment form). ``TextCleaner``
removes both and keeps what it learns from them:

- headline: the first line, when it is short, has no final period and a blank line follows it;
- byline / date line: "By Jane Doe", "By Jane Doe | June 3, 2025", "Published: June 3, 2025" among
  the first few paragraphs;
- tail: lines matching a cue in ``data/boilerplate.yaml`` (always whole lines, never part of one),
  an "About <Name>" author box only at the very end, "View all posts by <Name>", and an attribution
  line ("Original Source: www.cnn.com") whose value becomes ``original_source``.

The clean text has one paragraph per line, paragraphs separated by a blank line. In scraped text a
paragraph may be hard-wrapped over several lines; those lines are joined with a space so that the
sentence splitter does not see a break in the middle of a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..errors import KnowledgeError
from ..knowledge import yamlio

_DATA = "boilerplate.yaml"

# A line that ends like a sentence (closing quotes and brackets allowed after the mark).
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_FINAL_PERIOD = re.compile(r"\.\s*[\"'”’)\]]*$")
# Lines of at least this many characters without a final mark are taken as hard-wrapped and
# joined to the next line; shorter ones are subheads or list items and stay paragraphs.
_WRAP_MIN_CHARS = 50
# A headline is a short line; anything longer is a paragraph that happens to lack a period.
_HEADLINE_MAX_CHARS = 200
# Related-story titles are short; a line this long that ends like a sentence is article text again.
_SENTENCE_MIN_WORDS = 8
# No all-numeric "03/06/2025": day-first and month-first readings cannot be told apart.
_PRONOUNS = frozenset({"he", "she", "they"})
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%Y-%m-%d")


@dataclass(frozen=True, slots=True)
class CleanedText:
    """What the cleaner kept: the text and the metadata it found around it."""

    text: str
    title: str | None = None
    author: str | None = None
    published: date | None = None
    original_source: str | None = None


@dataclass(frozen=True, slots=True)
class _Cues:
    end_of_article: tuple[re.Pattern[str], ...]
    line: tuple[re.Pattern[str], ...]
    section: tuple[re.Pattern[str], ...]
    view_all: re.Pattern[str]
    about: re.Pattern[str]
    about_max_paragraphs: int
    attribution_anywhere: re.Pattern[str]
    attribution_end: re.Pattern[str]
    attribution_end_paragraphs: int
    byline: re.Pattern[str]
    dateline: re.Pattern[str]
    top_paragraphs: int
    name_particles: frozenset[str]


def _full(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{pattern})", re.IGNORECASE)


def _load_cues() -> _Cues:
    text = (Path(__file__).parent / "data" / _DATA).read_text(encoding="utf-8")
    try:
        raw: dict[str, Any] = yamlio.load(text)
        return _Cues(
            end_of_article=tuple(_full(p) for p in raw["end_of_article"]),
            line=tuple(_full(p) for p in raw["line"]),
            section=tuple(_full(p) for p in raw["section"]),
            view_all=_full(raw["view_all"]),
            about=_full(raw["about"]),
            about_max_paragraphs=int(raw["about_max_paragraphs"]),
            attribution_anywhere=_full(raw["attribution_anywhere"]),
            attribution_end=_full(raw["attribution_end"]),
            attribution_end_paragraphs=int(raw["attribution_end_paragraphs"]),
            byline=_full(raw["byline"]),
            dateline=_full(raw["dateline"]),
            top_paragraphs=int(raw["top_paragraphs"]),
            name_particles=frozenset(str(w).lower() for w in raw["name_particles"]),
        )
    except (yamlio.YAMLError, KeyError, TypeError, ValueError, re.error) as exc:
        raise KnowledgeError(f"the built-in boilerplate cues ({_DATA}) are malformed: {exc}; "
                             "fix the file or reinstall newsevents") from exc


def _matches(patterns: tuple[re.Pattern[str], ...], line: str) -> bool:
    return any(p.fullmatch(line) for p in patterns)


def parse_date(text: str) -> date | None:
    """A date written out in English ("September 18, 2025", "Sept. 18, 2025", "2025-09-18"), else None."""
    value = re.sub(r"^(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)[a-z]*\.?,?\s+", "", text.strip(),
                   flags=re.IGNORECASE)
    value = re.sub(r"\b(Sept)\b", "Sep", value, flags=re.IGNORECASE)
    value = re.sub(r"\b([A-Za-z]{3,4})\.", r"\1", value)  # "Sep." -> "Sep"
    value = re.sub(r"\s+", " ", value).strip(" .,")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


class TextCleaner:
    """Built once per Extractor: the cues are read from the data file at construction."""

    def __init__(self) -> None:
        self._cues = _load_cues()

    # -- names -------------------------------------------------------------------------------------

    def is_name(self, text: str) -> bool:
        """A personal name or an agency written as names are: capitalised words (particles allowed)."""
        words = text.split()
        if not 1 <= len(words) <= 6:
            return False
        if any(ch.isdigit() for ch in text) or text.endswith(("!", "?", ":", ";")):
            return False
        capitalised = 0
        for word in words:
            bare = word.strip(".,'’\"")
            if not bare:
                return False
            if bare[0].isupper():
                capitalised += 1
            elif bare.lower() not in self._cues.name_particles:
                return False
        return capitalised >= 1

    def _names(self, text: str) -> bool:
        """A byline's list of names: "Jane Doe", "Jane Doe and John Roe, Reuters"."""
        parts = [p for p in re.split(r",|&|\band\b", text) if p.strip()]
        return bool(parts) and all(self.is_name(p.strip()) for p in parts)

    # -- the top: headline, byline, date line ------------------------------------------------------

    def _byline(self, line: str) -> tuple[str, date | None] | None:
        m = self._cues.byline.fullmatch(line)
        if not m:
            return None
        names = m.group("names").strip().rstrip(",;")
        if not self._names(names):
            return None
        rest = m.group("rest")
        return names, parse_date(rest) if rest else None

    def _date_line(self, line: str) -> date | None:
        m = self._cues.dateline.fullmatch(line)
        return parse_date(m.group("date")) if m else None

    def _is_headline(self, line: str) -> bool:
        return (len(line) < _HEADLINE_MAX_CHARS and not _FINAL_PERIOD.search(line) and self._byline(line) is None
                and self._date_line(line) is None and not self._is_cue(line))

    def _is_cue(self, line: str) -> bool:
        c = self._cues
        return (_matches(c.end_of_article, line) or _matches(c.line, line) or _matches(c.section, line)
                or bool(c.view_all.fullmatch(line)))

    # -- the whole text ----------------------------------------------------------------------------

    def clean(self, raw: str, *, find_title: bool = True, join_wrapped: bool = True) -> CleanedText:
        """Clean scraped text; ``find_title`` looks for a headline line, ``join_wrapped`` re-joins
        hard-wrapped lines (off for text that already has one paragraph per line, as from HTML)."""
        lines = [line.strip() for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        lines = self._cut_end(lines)
        title = None
        first = next((i for i, line in enumerate(lines) if line), None)
        if (find_title and first is not None and self._is_headline(lines[first])
                and (first + 1 == len(lines) or not lines[first + 1])):
            title = lines[first]
            lines = lines[first + 1:]
        lines, view_all_name, source_anywhere = self._drop_cue_lines(lines)
        paragraphs = self._paragraphs(lines, join_wrapped)
        paragraphs, author, published = self._top(paragraphs)
        paragraphs, source_end = self._attribution_at_end(paragraphs)
        paragraphs, bio_name = self._author_box(paragraphs)
        return CleanedText(
            text="\n\n".join(paragraphs),
            title=title,
            author=author or bio_name or view_all_name,
            published=published,
            original_source=source_anywhere or source_end,
        )

    def _cut_end(self, lines: list[str]) -> list[str]:
        """Drop the comment section: from the first end-of-article cue that has text before it."""
        seen_text = False
        for i, line in enumerate(lines):
            if line and _matches(self._cues.end_of_article, line):
                if seen_text:
                    return lines[:i]
                continue
            seen_text = seen_text or bool(line)
        return lines

    def _drop_cue_lines(self, lines: list[str]) -> tuple[list[str], str | None, str | None]:
        c = self._cues
        kept: list[str] = []
        view_all_name: str | None = None
        source: str | None = None
        in_section = False
        for line in lines:
            if not line:
                kept.append(line)
                continue
            if in_section:
                # Story titles, dates and categories go; a real paragraph or another cue ends the list.
                if self._is_sentence(line) or c.about.fullmatch(line) or self._is_cue(line) \
                        or c.attribution_anywhere.fullmatch(line):
                    in_section = False
                else:
                    continue
            if _matches(c.section, line):
                in_section = True
                continue
            m = c.view_all.fullmatch(line)
            if m:
                name = m.group("name").strip()
                view_all_name = view_all_name or (name if self.is_name(name) else None)
                continue
            m = c.attribution_anywhere.fullmatch(line)
            if m:
                source = source or m.group("value").strip()
                continue
            if _matches(c.line, line):
                continue
            kept.append(line)
        return kept, view_all_name, source

    @staticmethod
    def _is_sentence(line: str) -> bool:
        return bool(_SENTENCE_END.search(line)) and len(line.split()) >= _SENTENCE_MIN_WORDS

    @staticmethod
    def _paragraphs(lines: list[str], join_wrapped: bool) -> list[str]:
        """Blank lines separate paragraphs; within a block, a long line without a final mark is the
        first part of a wrapped sentence and is joined to the next line."""
        paragraphs: list[str] = []
        current: list[str] = []
        for line in [*lines, ""]:
            if not line:
                if current:
                    paragraphs.append(" ".join(current))
                    current = []
                continue
            if not join_wrapped:
                paragraphs.append(line)
                continue
            if current:
                prev = current[-1]
                wrapped = not _SENTENCE_END.search(prev) and (len(prev) >= _WRAP_MIN_CHARS or line[0].islower())
                if not wrapped:
                    paragraphs.append(" ".join(current))
                    current = []
            current.append(line)
        return paragraphs

    def _top(self, paragraphs: list[str]) -> tuple[list[str], str | None, date | None]:
        """Take a byline and a date line out of the first few paragraphs."""
        author: str | None = None
        published: date | None = None
        kept: list[str] = []
        for i, para in enumerate(paragraphs):
            if i < self._cues.top_paragraphs:
                byline = self._byline(para) if author is None else None
                if byline is not None:
                    author, byline_date = byline
                    published = published or byline_date
                    continue
                day = self._date_line(para)
                if day is not None:  # "Published: ..." then "Updated: ...": the first is the date
                    published = published or day
                    continue
            kept.append(para)
        return kept, author, published

    def _attribution_at_end(self, paragraphs: list[str]) -> tuple[list[str], str | None]:
        start = max(0, len(paragraphs) - self._cues.attribution_end_paragraphs)
        for i in range(len(paragraphs) - 1, start - 1, -1):
            m = self._cues.attribution_end.fullmatch(paragraphs[i])
            if m and i > 0:
                return paragraphs[:i] + paragraphs[i + 1:], m.group("value").strip()
        return paragraphs, None

    def _author_box(self, paragraphs: list[str]) -> tuple[list[str], str | None]:
        """An "About <Name>" box counts only at the end, and only when its bio opens with the
        person: "<Name> is ...", "<Surname> covers ...", "She ..." (an "About Geneva" section
        followed by sentences about the city stays)."""
        limit = self._cues.about_max_paragraphs
        for i in range(max(1, len(paragraphs) - limit - 1), len(paragraphs) - 1):
            m = self._cues.about.fullmatch(paragraphs[i])
            if not m:
                continue
            bio = paragraphs[i + 1:]
            name = (m.group("name") or "").strip()
            if not name and len(bio) > 1 and self.is_name(bio[0]):  # "About the author", then the name alone
                name, bio = bio[0], bio[1:]
            if len(name.split()) < 2 or not self.is_name(name) or not 1 <= len(bio) <= limit:
                continue
            first_word = bio[0].split()[0].strip(".,'’\"").lower()
            if first_word in {w.strip(".,").lower() for w in name.split()} | _PRONOUNS:
                return paragraphs[:i], name
        return paragraphs, None
