"""Shared helpers for the event coder tests: hand-built parses, a small pattern index, a fake actor lookup.

The pattern index is the project's own ``VerbPatterns`` over a few patterns written here, so the tests
do not move when the shipped pattern files change.

Parses are written as tables, one table per sentence and one token a line: ``word lemma POS TAG dep
head [ent]``, with ``head`` the index of the head token within the table and ``ent`` an IOB entity tag
such as ``B-GPE``. The rows were made for sentences invented for these tests, in the shapes
en_core_web_sm 3.8 gives them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Literal

from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from newsevents.actors.context import DocActors
from newsevents.events.coder import EventCoder
from newsevents.events.patterns import Pattern, VerbPatterns, parse_pattern
from newsevents.settings import EventSettings
from newsevents.types import Actor, CodedEvent

_NO_SPACE_BEFORE = {".", ",", "'s", "?", "!", ";", ":", "n't", "'ll", "'"}


def parse(*tables: str) -> Doc:
    """A Doc from one table per sentence; heads are indices within that sentence's table."""
    words: list[str] = []
    rows: list[tuple[str, str, str, str, int, str]] = []
    for table in tables:
        offset = len(words)
        lines = [line.split() for line in table.strip().splitlines() if line.strip()]
        for cols in lines:
            word, lemma, pos, tag, dep, head = cols[:6]
            ent = cols[6] if len(cols) > 6 else "O"
            words.append(word)
            rows.append((lemma, pos, tag, dep, int(head) + offset, ent))
    spaces = [i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE for i in range(len(words))]
    return Doc(Vocab(), words=words, spaces=spaces, lemmas=[r[0] for r in rows], pos=[r[1] for r in rows],
               tags=[r[2] for r in rows], deps=[r[3] for r in rows], heads=[r[4] for r in rows],
               ents=[r[5] for r in rows])


def pattern(text: str, code: str, kind: Literal["verb", "noun"] = "verb") -> Pattern:
    """A Pattern written in the pattern language ("crack down +on", "open ~fire +on", "threaten >18|19")."""
    return parse_pattern(text, code, kind)


def actor(code: str, name: str | None = None) -> Actor:
    country = code[:3] if code[:3] not in ("IGO", "NGO", "IMG") else None
    sector = code[3:6] or None
    return Actor(text=name or code, name=name or code, country=country, sector=sector, code=code)


class FakeActors:
    """Resolves a head token by its text (or lemma), as the actor stage would for a whole phrase."""

    def __init__(self, table: Mapping[str, Actor], fallbacks: Iterable[str] = ()) -> None:
        self.table = dict(table)
        self.asked: list[str] = []
        # Words whose country is the article's main country, not their own ("the government").
        self.fallbacks = frozenset(fallbacks)

    def resolve_head(self, token: Token, doc_actors: DocActors, *, main_country: bool = True) -> Actor | None:
        self.asked.append(token.text)
        found = self.table.get(token.text) or self.table.get(token.lemma_)
        if found is not None and not main_country and token.text in self.fallbacks:
            return replace(found, country=None, code=found.code[3:] or found.code)
        return found

    def resolve_each(self, token: Token, doc_actors: DocActors) -> tuple[Actor, ...]:
        found = self.resolve_head(token, doc_actors)
        return (found,) if found is not None else ()


# Actors the tests share; named after the head word that denotes them.
USA = actor("USAGOV", "United States")
IRN = actor("IRNGOV", "Iran")
IRQ = actor("IRQGOV", "Iraq")
JOR = actor("JORGOV", "Jordan")
RUS = actor("RUSGOV", "Russia")
UKR = actor("UKRGOV", "Ukraine")
ISR = actor("ISRMIL", "Israel")
REB = actor("SYRREB", "rebels")
POL = actor("EGYCOP", "police")
PRO = actor("EGYOPP", "protesters")
EU = actor("IGOEEC", "European Union")

ACTORS = {"Iran": IRN, "Iraq": IRQ, "Jordan": JOR, "Russia": RUS, "Ukraine": UKR, "Israel": ISR,
          "Israeli": ISR, "rebels": REB, "Rebels": REB, "police": POL, "Police": POL, "protesters": PRO,
          "Protesters": PRO, "Union": EU, "minister": JOR, "Blinken": USA, "Abdullah": JOR, "Sudani": IRQ,
          "commander": USA, "US": USA, "he": USA, "militia": REB, "Egypt": actor("EGYGOV", "Egypt"),
          "Turkey": actor("TURGOV", "Turkey"), "Syria": actor("SYRGOV", "Syria"),
          "China": actor("CHNGOV", "China"), "Hamas": actor("PSEREB", "Hamas"),
          "NATO": actor("IGONAT", "NATO"), "inspectors": actor("IGOUNO", "UN inspectors"),
          "officials": IRQ, "Tehran": IRN, "Troops": ISR, "diplomats": IRN}

PATTERNS = [
    pattern("attack", "190"), pattern("attack", "190", "noun"), pattern("attack +on|against", "190", "noun"),
    pattern("airstrike", "195", "noun"), pattern("airstrike +on|against", "195", "noun"),
    pattern("strike +on|against", "195", "noun"),
    pattern("arrest", "173"), pattern("loot", "171"), pattern("shell", "194"), pattern("bombard", "194"),
    pattern("meet +with", "043"), pattern("meet", "043"), pattern("visit", "042"),
    pattern("visit", "042", "noun"), pattern("visit +to", "042", "noun"),
    pattern("talk", "043", "noun"), pattern("talk +with|between", "043", "noun"),
    pattern("meeting", "043", "noun"), pattern("meeting +with", "043", "noun"), pattern("summit", "043", "noun"),
    pattern("sanction +on|against", "163", "noun"), pattern("protest +against", "140", "noun"),
    pattern("crack down +on", "175"), pattern("open ~fire +on", "190"), pattern("fire +at|on", "190"),
    pattern("agree", "030"), pattern("threaten >18|19|20", "138"), pattern("threaten", "130"),
    pattern("say", "010"), pattern("announce", "010"), pattern("refuse", "120"),
    pattern("participate +in", "043"), pattern("sign", "057"), pattern("condemn", "122"),
    pattern("accuse +of !target", "112"), pattern("accuse", "112"), pattern("capture", "190"),
    pattern("withdraw +from", "087"), pattern("urge", "020"), pattern("halt", "192"), pattern("hold", "036"),
]


def coder(settings: EventSettings | None = None, patterns: Iterable[Pattern] = PATTERNS,
          table: Mapping[str, Actor] = ACTORS) -> EventCoder:
    return EventCoder(settings or EventSettings(), VerbPatterns(patterns), FakeActors(table))


def code(doc: Doc, settings: EventSettings | None = None, patterns: Iterable[Pattern] = PATTERNS,
         table: Mapping[str, Actor] = ACTORS) -> list[CodedEvent]:
    return coder(settings, patterns, table).code(doc, DocActors())


def triples(events: Iterable[CodedEvent]) -> list[tuple[str | None, str, str | None]]:
    """(source name, code, target name) of each event, for compact assertions."""
    return [(e.source.name if e.source else None, e.code, e.target.name if e.target else None) for e in events]
