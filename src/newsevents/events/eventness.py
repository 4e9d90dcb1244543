"""Deciding event-ness: whether a matched clause reports an episode between political actors.

A verb pattern says a clause *could* be an event; this pass says whether it is one (events/data/eventness.yaml):

- a name is not a trigger: a word inside a named entity ("the Federal Bureau of Investigation");
- an opinion is not an act: a verb of assent with a finite complement ("analysts agree that ...") or
  alone in the present tense ("the spokesman agrees");
- a description is not a report: a clause with an adverb of frequency ("are often detained"), and a
  relative clause in the simple present ("a law that bans protests", "rebels who control the north");
- an interaction needs a political actor on at least one side, except where the act itself is what
  counts (protest, force, coercion, violence); a visit needs a political visitor.

The parse-level tests run on the trigger before actors are resolved; ``keeps`` on each pair of actors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Token

from ..errors import KnowledgeError
from ..types import Actor, CodedEvent
from .arguments import describes_participant
from .datafile import read_mapping, word_list

EVENTNESS_FILE = Path(__file__).resolve().parent / "data" / "eventness.yaml"
_WHAT = "event-ness file"
# Dependencies that give a verb what it is about: an object, a clause, a prepositional phrase.
_COMPLEMENTS = frozenset({"dobj", "xcomp", "ccomp", "prep", "dative", "attr", "oprd", "nsubjpass"})
_PRESENT_SIMPLE = frozenset({"VBZ", "VBP"})
_RELATIVE_TAGS = frozenset({"WP", "WDT", "WP$"})
# Infinitive chains longer than this are parse noise.
_MAX_CHAIN = 6


@dataclass(frozen=True, slots=True)
class EventnessRules:
    private_sectors: frozenset[str]
    any_actor_codes: tuple[str, ...]
    political_source_codes: tuple[str, ...]
    assent_verbs: frozenset[str]
    habitual_adverbs: frozenset[str]
    name_labels: frozenset[str]
    act_families: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def load(cls, path: Path = EVENTNESS_FILE) -> EventnessRules:
        """Read and check the file; a missing or malformed file raises KnowledgeError (E400)."""
        data = read_mapping(path, _WHAT, strings_only=True)
        lists = {name: word_list(data, name, path, _WHAT) for name in (
            "private_sectors", "any_actor_codes", "political_source_codes", "assent_verbs", "habitual_adverbs",
            "name_labels")}
        for name in ("any_actor_codes", "political_source_codes"):
            bad = [c for c in lists[name] if not c.isdigit()]
            if bad:
                raise KnowledgeError(f"'{name}' in {_WHAT} {path} holds {bad[0]!r}, which is not a CAMEO code; "
                                     "write codes as digits in quotes")
        return cls(private_sectors=frozenset(s.upper() for s in lists["private_sectors"]),
                   any_actor_codes=tuple(lists["any_actor_codes"]),
                   political_source_codes=tuple(lists["political_source_codes"]),
                   assent_verbs=frozenset(lists["assent_verbs"]),
                   habitual_adverbs=frozenset(lists["habitual_adverbs"]),
                   name_labels=frozenset(s.upper() for s in lists["name_labels"]),
                   act_families=_families(data.get("act_families"), path))

    # -- on the parse ------------------------------------------------------------------------------

    def in_name(self, token: Token) -> bool:
        """Whether the token is part of a name ("Bureau of Investigation"), which is never a trigger."""
        return token.ent_type_ in self.name_labels

    def opinion(self, verb: Token, lemma: str) -> bool:
        """Whether a verb of assent reports an opinion: with a finite complement that has no modal ("agree
        that inflation is the risk"; "agreed that the two should meet" is a decision), or with nothing at
        all in the simple present ("the spokesman agrees")."""
        if lemma not in self.assent_verbs:
            return False
        deps = {c.dep_ for c in verb.children}
        if "ccomp" in deps and not deps & {"dobj", "xcomp"}:
            # "agreed that their countries should cooperate" is a decision on what is to be done; "agree
            # that inflation is the risk" a view of what is.
            return not any(c.dep_ == "ccomp" and any(a.tag_ == "MD" for a in c.children) for c in verb.children)
        return not deps & _COMPLEMENTS and verb.tag_ in _PRESENT_SIMPLE

    @staticmethod
    def names(verb: Token) -> bool:
        """Whether the verb says what something is rather than doing something to it: an object with an
        object predicate ("calling it a provocation", "branded them traitors")."""
        return any(c.dep_ == "oprd" for c in verb.children) and any(c.dep_ == "dobj" for c in verb.children)

    def habitual(self, verb: Token) -> bool:
        """Whether the clause tells what happens habitually or in general ("are often detained", "migrants
        are held in camps") or describes a noun (a relative clause in the simple present: "a law that bans
        protests"; one whose relative pronoun is its object: "the nurses whom the workers met")."""
        if any(c.dep_ == "advmod" and c.text.lower() in self.habitual_adverbs for c in verb.children):
            return True
        present_passive = verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ in _PRESENT_SIMPLE
                                                     for c in verb.children)
        if present_passive and any(c.dep_ == "nsubjpass" and _bare_plural(c) for c in verb.children):
            return True  # "migrants are held in camps": people in general, not an episode
        if verb.dep_ != "relcl" or verb.head.pos_ not in ("NOUN", "PROPN", "PRON"):
            return False
        if verb.tag_ in _PRESENT_SIMPLE or present_passive:
            return True  # "a law that bans", "a group that is known for"
        # "the nurses whom the workers met", "the town rebels seized": the noun is what the clause did
        # something to, and the clause says which one it is
        return any(c.dep_ == "nsubj" and c.tag_ not in _RELATIVE_TAGS for c in verb.children) and not any(
            c.dep_ in ("dobj", "nsubjpass") and c.tag_ not in _RELATIVE_TAGS for c in verb.children) and not any(
            c.dep_ == "prep" and any(g.dep_ == "pobj" and g.tag_ in _RELATIVE_TAGS for g in c.children)
            for c in verb.children)

    def describes(self, clause: Token) -> bool:
        """Whether a clause, or a clause it is the infinitive of, describes rather than reports: one that
        describes a participant (arguments.describes_participant), a habitual one, a relative clause in the
        simple present; "a volunteer who has offered to help" describes through "offered"."""
        token = clause
        for _ in range(_MAX_CHAIN):
            if describes_participant(token) or self.habitual(token):
                return True
            if token.dep_ != "xcomp" or token.head == token:
                return False
            token = token.head
        return False

    # -- on the coded event ------------------------------------------------------------------------

    def political(self, actor: Actor | None) -> bool:
        """A political actor: any actor but one of a private sector (civilians, business, media ...)."""
        return actor is not None and (actor.sector or "") not in self.private_sectors

    def keeps(self, code: str, source: Actor | None, target: Actor | None, *, unknown_source: bool = False) -> bool:
        """Whether an event of ``code`` between these actors has the actors its code needs.
        ``unknown_source``: the source is a name the resolver does not know, which may be political."""
        if code.startswith(self.political_source_codes) and not self.political(source):
            return False
        if code.startswith(self.any_actor_codes) or unknown_source:
            return True
        return self.political(source) or self.political(target)

    def same_act(self, verb: Token, events: list[CodedEvent], told: dict[int, list[CodedEvent]]) -> int | None:
        """The token index of an earlier verb whose events already tell this act: ``verb`` is coordinated
        with it ("shot and wounded", "rallied and marched"), both codes are of one family
        (``act_families``), and every dyad of ``events`` is one of its dyads; None otherwise. The caller
        keeps the later verb's events, which name the result ("shot and killed")."""
        if verb.dep_ != "conj" or not events:
            return None
        head = verb.head
        earlier = told.get(head.i)
        if not earlier:
            return None
        family = self._family(events[0].code)
        if family is None or any(self._family(e.code) != family for e in (*events, *earlier)):
            return None
        dyads = {_dyad(e) for e in earlier}
        return head.i if all(_dyad(e) in dyads for e in events) else None

    def _family(self, code: str) -> int | None:
        return next((n for n, roots in enumerate(self.act_families) if code.startswith(roots)), None)

    def unresolved_name(self, heads: Iterable[Token]) -> bool:
        """Whether one of the heads is part of an organisation's name (an ORG entity)."""
        return any(h.ent_type_ == "ORG" for h in heads)


def _bare_plural(noun: Token) -> bool:
    """A plural common noun with no determiner, number or possessor: people in general ("migrants")."""
    return noun.tag_ == "NNS" and not any(c.dep_ in ("det", "nummod", "poss", "predet", "quantmod")
                                          for c in noun.children)


def _dyad(event: CodedEvent) -> tuple[str | None, str | None]:
    return (event.source.code if event.source else None, event.target.code if event.target else None)


def _families(data: object, path: Path) -> tuple[tuple[str, ...], ...]:
    """``act_families``: a list of lists of CAMEO code prefixes."""
    if not isinstance(data, list) or not all(
            isinstance(f, list) and f and all(isinstance(c, str) and c.isdigit() for c in f) for f in data):
        raise KnowledgeError(f"'act_families' in {_WHAT} {path} must be a list of lists of CAMEO code prefixes in "
                             "quotes, such as [[\"18\", \"19\", \"20\"]]; fix it")
    return tuple(tuple(f) for f in data)
