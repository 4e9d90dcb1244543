"""What the coder's steps pass along (events/coder.py): a trigger matched to a pattern, one side of an event,
and the state of coding one sentence; and the two ports the coder reads through (patterns, actors)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Span, Token

from ..actors.context import DocActors
from ..types import Actor, Place
from .patterns import Pattern


@dataclass(frozen=True, slots=True)
class Match:
    """A trigger matched to a pattern, with the heads of its argument phrases."""

    token: Token
    pattern: Pattern
    words: tuple[Token, ...]  # the trigger's words: head, particles, object, preposition, host verb
    sources: tuple[tuple[Token, ...], ...]  # candidate source groups, most telling first
    targets: tuple[Token, ...]
    reciprocal: bool  # targets came from "between": they are the two parties
    host: Token | None  # the light verb carrying an event noun
    obj: Token | None  # the pattern's required object ("fire" in "open ~fire +on")
    complement: Match | None  # the complement event a ">CODES" pattern absorbed

    @property
    def is_noun(self) -> bool:
        return self.pattern.kind == "noun"

    @property
    def clause(self) -> Token:
        """The head of the event's clause: the light verb carrying an event noun, else the trigger."""
        return self.host if self.host is not None else self.token


@dataclass(frozen=True, slots=True)
class Side:
    """One side of an event: its actor and the character span of the words it was read from."""

    actor: Actor | None
    span: tuple[int, int] | None
    inferred: bool = False  # taken from the sentence's context (events/context.py), not read off the trigger
    head: Token | None = None  # the head the actor was resolved from, when it was


class SentenceState:
    """The state of coding one sentence: matches so far and actor resolutions (never shared)."""

    def __init__(self, sent: Span, doc_actors: DocActors, places: tuple[Place, ...]) -> None:
        self.sent = sent
        self.doc_actors = doc_actors
        self.places = places
        self.matches: dict[int, Match] = {}
        # A verb's voice and grammatical roles, worked out once however many of its patterns are tried.
        self.roles: dict[int, tuple[bool, list[Token], Token | None]] = {}
        self.resolved: dict[int, tuple[Actor, Token] | None] = {}
        self.each: dict[int, tuple[Actor, ...]] = {}  # heads with coordinated country words


class PatternIndex(Protocol):
    """What the coder needs of the verb pattern index (``VerbPatterns`` in events/patterns.py)."""

    def for_verb(self, lemma: str) -> tuple[Pattern, ...]: ...

    def for_noun(self, lemma: str) -> tuple[Pattern, ...]: ...

    def lemmas(self) -> frozenset[str]: ...


class ActorLookup(Protocol):
    """What the coder needs of the actor stage (``ActorResolver`` in actors/)."""

    def resolve_head(self, token: Token, doc_actors: DocActors, *, main_country: bool = True) -> Actor | None: ...

    def resolve_each(self, token: Token, doc_actors: DocActors) -> tuple[Actor, ...]: ...
