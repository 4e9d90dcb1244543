"""Datelines: where a wire story was filed from, written before its first sentence ("KABUL, Afghanistan:",
"GAZA CITY, Palestinian Territories -", "WASHINGTON (Reuters) -"). The place says where the reporter
was, not who acted: its words are never an actor of an event, though the parser often makes them the
sentence's subject.

A dateline here is, at the start of a sentence: a run of upper-case words (at least three letters in
all: "US, EU agree" is a headline, not a dateline), then optionally a comma and capitalised words (the
country or region, or the date: "ISLAMABAD, May 10") and a parenthesised agency, then a separator (":"
or a dash with a space before it), all within ``MAX_TOKENS`` tokens and followed by more text (in the
same sentence or the next: the parser sometimes splits a dateline off).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

SEPARATORS = frozenset({":", "-", "--", "\u2013", "\u2014", "_"})
# "GAZA CITY, Palestinian Territories (AFP) -" is 9 tokens; a longer opening is a sentence.
MAX_TOKENS = 12
_MIN_CAPS_LETTERS = 3


def dateline_end(sent: Span) -> int:
    """Doc index of the first token after the dateline opening ``sent``; ``sent.start`` when there is none."""
    doc = sent.doc
    start = sent.start
    stop = min(sent.end, start + MAX_TOKENS + 1)
    i = start
    letters = 0
    while i < stop and _caps_word(doc[i].text):
        letters += sum(c.isalpha() for c in doc[i].text)
        i += 1
    if i == start or letters < _MIN_CAPS_LETTERS:
        return start
    depth = 0
    while i < stop:
        text = doc[i].text
        if depth == 0 and text in SEPARATORS and (text == ":" or doc[i - 1].whitespace_):
            # A dash separates only with a space before it: "NATO-member Norway" is one word.
            # The parser may make the dateline a sentence of its own: the story follows in the next one.
            return i + 1 if i + 1 < len(doc) else start
        if text == "(":
            depth += 1
        elif text == ")":
            depth = max(0, depth - 1)
        elif text not in (",", ".") and not (text[:1].isupper() or (depth and text[:1].isalpha())
                                              or _day_or_year(text)):
            return start  # a lower-case word outside parentheses: the sentence itself has begun
        i += 1
    return start


def in_dateline(token: Token) -> bool:
    """Whether ``token`` is part of the dateline opening its sentence."""
    if not token.doc.has_annotation("SENT_START") and not token.doc.has_annotation("DEP"):
        sent = token.doc[:]
    else:
        sent = token.sent
    if token.i - sent.start > MAX_TOKENS:
        return False
    return token.i < dateline_end(sent)


def _day_or_year(text: str) -> bool:
    """A day or year of the dateline's date ("ISLAMABAD, May 10 -", "KABUL, Jan. 3, 2024:")."""
    return text.isdigit() and (len(text) <= 2 or len(text) == 4)


def _caps_word(text: str) -> bool:
    """An upper-case word ("KABUL", "U.S."), not a lone initial or punctuation."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and all(c.isalpha() or c in ".'-" for c in text)
