"""Missing actors from the sentence's context (rules in events/data/context.yaml, decisions in docs/coder.md).

Event data needs a country on both sides. When argument finding leaves a side empty, the sentence often
names it elsewhere; ``ContextRules.infer`` looks, within the event's own clause only, in this order:

1. (target only) the subject of a condition on it, the party a conditional threat or offer addresses
   ("threatened to strike unless Israel withdraws"), then the objects of non-locative prepositions on
   the trigger's words ("protested against the government");
2. the actor mention nearest the trigger in the parse (after it before before it), outside the other
   side's phrase: an organisation, a person, a nationality;
3. the country of a place named in the clause ("rioted at a jail in Israel"), for a source only where
   unnamed perpetrators are the norm (violence, coercion, protest);
4. (target only) for domestic events, the source's own country ("Police arrested 12").

The clause is the trigger's subtree without clauses that have their own subject ("..., as police in
Croatia cracked down"), reporting clauses ("officials said") and attributions ("according to"). Nothing
is inferred for statements and appeals, across sentences, or when a step finds actors of several
countries that are not coordinated ("... in defiance of Chinese authorities in Hong Kong"): the sentence
then does not say which one it is.

An inferred actor is marked by what it came from: its ``text`` is the words that gave it (the mention,
the place name, or the source's own words for a domestic target), and a place or a domestic target is a
country acting as a whole (no sector).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from spacy.tokens import Doc, Span, Token

from ..types import Actor, Mention, Place
from .arguments import phrase_span
from .cues import Cues
from .datafile import read_mapping, word_list

CONTEXT_FILE = Path(__file__).resolve().parent / "data" / "context.yaml"

Side = Literal["source", "target"]
Resolve = Callable[[Token], "tuple[Actor, Token] | None"]
CountryName = Callable[[str], str]

_TRANSNATIONAL = ("IGO", "NGO", "IMG")
_CLAUSE_DEPS = frozenset({"advcl", "ccomp", "conj", "relcl", "parataxis", "acl", "xcomp", "csubj"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_TIMES = frozenset({"DATE", "TIME"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_MODIFIER_LABELS = frozenset({"NORP", "GPE"})  # a demonym or country name that may only qualify a noun
# Prepositions that introduce whom an act is aimed at; their objects are never its source.
_TARGET_PREPS = frozenset({"against", "on", "to", "at", "toward", "towards", "into", "onto", "upon"})
# A candidate group larger than this is a list (of victims, of attendees), as in the coder.
_MAX_GROUP = 4


@dataclass(frozen=True, slots=True)
class Inferred:
    """An actor taken from the sentence, and the character span of the words it came from."""

    actor: Actor
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Site:
    """Where an event sits in its sentence: what inference reads besides the mentions and places."""

    code: str
    clause: Token  # head of the event's clause: the verb, the light verb carrying the noun, or the noun
    words: tuple[Token, ...]  # the trigger's words; prepositions on them introduce candidate targets
    taken: tuple[tuple[int, int], ...]  # character spans of the phrases already on either side
    known: tuple[Actor, ...]  # the actors already found on the other side
    addressees: tuple[Token, ...] = ()  # subjects of the conditions on it ("... unless Israel withdraws")


@dataclass(frozen=True, slots=True)
class ContextRules:
    no_inference_roots: tuple[str, ...]
    place_source_roots: tuple[str, ...]
    domestic_roots: tuple[str, ...]
    domestic_actor_roots: tuple[str, ...]
    domestic_sectors: frozenset[str]
    skip_preps: frozenset[str]
    locative_preps: frozenset[str]
    setting_preps: frozenset[str]
    home_force_roots: tuple[str, ...]

    @classmethod
    def load(cls, path: Path = CONTEXT_FILE) -> ContextRules:
        """Read and check the rule file; a missing or malformed file raises KnowledgeError."""
        data = read_mapping(path, "context rule file", strings_only=True)
        lists = {name: word_list(data, name, path, "context rule file") for name in (
            "no_inference_roots", "place_source_roots", "domestic_roots", "domestic_actor_roots",
            "domestic_sectors", "skip_preps", "locative_preps", "setting_preps", "home_force_roots")}
        return cls(no_inference_roots=tuple(lists["no_inference_roots"]),
                   setting_preps=frozenset(lists["setting_preps"]),
                   place_source_roots=tuple(lists["place_source_roots"]),
                   domestic_roots=tuple(lists["domestic_roots"]),
                   domestic_actor_roots=tuple(lists["domestic_actor_roots"]),
                   domestic_sectors=frozenset(s.upper() for s in lists["domestic_sectors"]),
                   skip_preps=frozenset(lists["skip_preps"]), locative_preps=frozenset(lists["locative_preps"]),
                   home_force_roots=tuple(lists["home_force_roots"]))

    # -- inference ---------------------------------------------------------------------------------

    def infer(self, side: Side, site: Site, sent: Span, mentions: Sequence[Mention], places: Sequence[Place],
              resolve: Resolve, cues: Cues, country_name: CountryName) -> list[Inferred]:
        """The actors the sentence gives the missing ``side`` of the event at ``site``, most likely first
        (a coordinated group gives several); empty when it gives none or several that conflict."""
        if site.code.startswith(self.no_inference_roots):
            return []
        scope = _scope(site.clause, cues, self.skip_preps | self.setting_preps, side)
        taken = [*site.taken, *((t.idx, t.idx + len(t.text)) for t in site.words)]
        if side == "target":
            found = self._resolved(site.addressees, site, taken, resolve) or self._prep_objects(
                site, scope, taken, resolve)
            if found:
                return found
        # A place named after a locative preposition says where it happened ("a lull in the shelling of
        # Mosul", "marched through Minsk in defiance of Belarusian authorities"): it ranks after the
        # actors the clause names, with the places, and gives a source only where unnamed perpetrators
        # are the norm. Elsewhere a place name is an actor ("blows to the United States").
        here = [m for m in mentions if m.actor is not None and _keyed(m.actor)
                and sent.start_char <= m.start < sent.end_char]
        located = [(m.actor, (m.start, m.end)) for m in here if m.actor is not None and m.label in _PLACE_LABELS
                   and self._located(sent.doc, m)]
        actors = [(m.actor, (m.start, m.end)) for m in here
                  if m.actor is not None and not (m.label in _PLACE_LABELS and self._located(sent.doc, m))
                  and not (side == "target" and _modifies_thing(sent.doc, m, resolve, country_name))]
        found, clear = self._nearest(actors, site, sent, scope, taken)
        if found:
            return found
        if clear and (side == "target" or site.code.startswith(self.place_source_roots)):
            located.extend(self._places(places, sent, country_name))
            found, clear = self._nearest(located, site, sent, scope, taken)
            if found:
                return found
        if side == "target":
            source = next((a for a in site.known if a.country), None)
            if source is not None and self.domestic(site.code, source.sector):
                return [self._national(source, site, country_name)]
        return []

    def country(self, side: Side, actor: Actor, site: Site, sent: Span, mentions: Sequence[Mention],
                places: Sequence[Place], resolve: Resolve, cues: Cues, country_name: CountryName) -> str | None:
        """A country for an actor found without one ("President Mugabe", "the government" in an article
        with no main country): the one the sentence gives its side, as ``infer`` finds it; for a domestic
        event also a place in the clause (never the other side's country: "Muslim hackers defaced Danish
        sites" says nothing of where the hackers are from)."""
        if actor.country or actor.code.startswith(_TRANSNATIONAL) or site.code.startswith(self.no_inference_roots):
            return None
        # Whose country an office holder is from is clearer than whom an event targets: for the kinds of
        # event that are mostly domestic, whatever the actor's sector, the place and the other side count.
        domestic = site.code.startswith((*self.domestic_roots, *self.domestic_actor_roots))
        found = self.infer(side, site, sent, mentions, places, resolve, cues, country_name)
        if not found and side == "source" and domestic:
            # Where an office holder acts on his own country, any place of the clause tells which
            # ("imposed a curfew in Homs"), its objects included.
            scope = _scope(site.clause, cues, self.skip_preps | self.setting_preps)
            taken = [*site.taken, *((t.idx, t.idx + len(t.text)) for t in site.words)]
            found, _ = self._nearest(self._places(places, sent, country_name), site, sent, scope, taken)
        countries = {f.actor.country for f in found if f.actor.country}
        return countries.pop() if len(countries) == 1 else None

    def _located(self, doc: Doc, mention: Mention) -> bool:
        """Whether a place-name mention is the object of a locative preposition ("in Hong Kong")."""
        words = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if words is None:
            return False
        token = words.root
        while token.dep_ in ("compound", "amod", "nmod", "conj", "appos") and token.head != token:
            token = token.head
        return token.dep_ == "pobj" and token.head.text.lower() in self.locative_preps

    def at_home(self, code: str, sector: str | None) -> bool:
        """Whether an event of this code by an actor of this sector is mostly about the actor's own
        country: a domestic event, or a state's force and coercion (``home_force_roots``)."""
        return self.domestic(code, sector) or code.startswith(self.home_force_roots)

    def domestic(self, code: str, sector: str | None) -> bool:
        """Whether an event of this code by an actor of this sector is about the actor's own country."""
        return code.startswith(self.domestic_roots) or (
            code.startswith(self.domestic_actor_roots) and (sector or "") in self.domestic_sectors)

    @staticmethod
    def _places(places: Sequence[Place], sent: Span, country_name: CountryName) -> list[tuple[Actor, tuple[int, int]]]:
        return [(Actor(text=p.text, name=country_name(p.country), country=p.country, sector=None, code=p.country),
                 (p.start, p.end)) for p in places if p.country and sent.start_char <= p.start < sent.end_char]

    @staticmethod
    def _national(source: Actor, site: Site, country_name: CountryName) -> Inferred:
        """The source's own country as a whole, marked by the source's words it came from."""
        country = source.country or ""
        span = site.taken[0] if site.taken else (site.clause.idx, site.clause.idx + len(site.clause.text))
        return Inferred(Actor(text=source.text, name=country_name(country), country=country, sector=None,
                              code=country), span)

    def _prep_objects(self, site: Site, scope: set[int], taken: list[tuple[int, int]],
                      resolve: Resolve) -> list[Inferred]:
        """Actors after the prepositions on the trigger's words ("rioted at a jail in Israel")."""
        heads: list[Token] = []
        for word in site.words:
            for prep in word.children:
                word_ = prep.text.lower()
                if (prep.dep_ != "prep" or word_ in self.skip_preps or word_ in self.locative_preps
                        or prep.i not in scope):
                    continue
                heads.extend(g for g in prep.children if g.dep_ == "pobj" and g.ent_type_ not in _TIMES)
        return self._resolved(sorted(set(heads), key=lambda t: t.i), site, taken, resolve)

    @staticmethod
    def _resolved(heads: Iterable[Token], site: Site, taken: list[tuple[int, int]],
                  resolve: Resolve) -> list[Inferred]:
        """The actors of the first head (with those coordinated with it) that denotes one."""
        found: list[Inferred] = []
        for head in heads:
            for token in _conjuncts(head):
                if token.i + 1 < len(token.doc) and token.doc[token.i + 1].tag_ == "$":
                    continue  # "up to US $50 million": a currency, not an actor
                hit = resolve(token)
                if hit is None or not _keyed(hit[0]) or _known(hit[0], site.known):
                    continue
                span = phrase_span(hit[1])
                if not _overlaps(span, taken):
                    found.append(Inferred(hit[0], span))
            if found:
                return found[:_MAX_GROUP]
        return []

    def _nearest(self, candidates: Iterable[tuple[Actor, tuple[int, int]]], site: Site, sent: Span,
                 scope: set[int], taken: list[tuple[int, int]]) -> tuple[list[Inferred], bool]:
        """(the candidate nearest the trigger in the parse tree, after it before before it, with the
        candidates coordinated with it; whether the choice was clear): candidates of several countries
        at the same distance and not in one coordination are no clear choice."""
        doc = sent.doc
        trigger_at = min(w.idx for w in site.words)
        ranked: list[tuple[int, bool, Token, Actor, tuple[int, int]]] = []
        for actor, span in candidates:
            if _overlaps(span, taken) or _known(actor, site.known):
                continue
            words = doc.char_span(span[0], span[1], alignment_mode="expand")
            if words is None or not any(t.i in scope for t in words):
                continue
            if words.end < len(doc) and doc[words.end].tag_ == "$":
                continue  # "US $50 million": a currency, not an actor
            distance = min(_distance(w, words.root) for w in site.words)
            ranked.append((distance, span[0] < trigger_at, words.root, actor, span))
        if not ranked:
            return [], True
        ranked.sort(key=lambda c: (c[0], c[1], abs(c[4][0] - trigger_at)))
        first = ranked[0]
        group = {t.i for t in _conjuncts(_coordination_head(first[2]))}
        if any(c[0] == first[0] and c[2].i not in group and _key(c[3]) != _key(first[3]) for c in ranked):
            return [], False
        picked = sorted((c for c in ranked if c[2].i in group or c is first), key=lambda c: c[4])
        seen: set[str] = set()
        out: list[Inferred] = []
        for _, _, _, actor, span in picked:
            if _key(actor) not in seen:
                seen.add(_key(actor))
                out.append(Inferred(actor, span))
        return out[:_MAX_GROUP], True

def _modifies_thing(doc: Doc, mention: Mention, resolve: Resolve, country_name: CountryName) -> bool:
    """Whether a country word or demonym only qualifies a noun that names no actor: "to discuss the
    Yemeni crisis", "the Syria file", "Libyan oil" say what is talked about, not who is addressed
    (issue 8, category 2). "Yemeni officials", "Iraqi Kurds" name actors: their head resolves to a
    sector, a people or an organisation of its own."""
    if mention.label not in _MODIFIER_LABELS:
        return False
    words = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if words is None:
        return False
    root = words.root
    head = root.head
    if root.dep_ not in ("amod", "compound") or head == root or head.pos_ != "NOUN":
        return False
    found = resolve(head)
    if found is None:
        return True
    actor = found[0]
    # A head that names no actor resolves only through its modifier: the country itself, no sector.
    return actor.sector is None and bool(actor.country) and actor.name == country_name(actor.country or "")


def _scope(clause: Token, cues: Cues, skip_preps: frozenset[str], side: Side = "target") -> set[int]:
    """Token indices of the event's clause: its subtree without clauses that have a subject of their own,
    reporting clauses and attributions; for a source also without complements, whose participants are
    the complement's ("was urged by parliament to aid Oman": Oman is not who urged), and without
    the objects and the phrases that say whom the act is aimed at."""
    found: set[int] = set()
    stack = [clause]
    while stack:
        token = stack.pop()
        found.add(token.i)
        for child in token.children:
            if child.dep_ in _CLAUSE_DEPS and any(c.dep_ in _SUBJECT_DEPS for c in child.children):
                continue  # "..., as police in Croatia cracked down": another event's actors
            if side == "source" and (child.dep_ in ("xcomp", "ccomp", "advcl", "dobj", "dative", "attr", "oprd")
                                     or (child.dep_ == "prep" and child.text.lower() in _TARGET_PREPS)):
                continue  # a source is not in the objects: "bans against a Moscow-based bank"
            if child.pos_ in ("VERB", "AUX") and cues.lemma(child) in cues.reporting_verbs:
                continue  # "..., officials said"
            if child.dep_ == "prep" and child.text.lower() in skip_preps and child.text.lower() != "by":
                continue  # "according to state media", "following the discovery of Russian rockets"
            stack.append(child)
    return found


def _distance(a: Token, b: Token) -> int:
    """Number of dependency arcs between two tokens of one sentence."""
    up: dict[int, int] = {}
    token, steps = a, 0
    while True:
        up[token.i] = steps
        if token.head == token or steps > 200:
            break
        token, steps = token.head, steps + 1
    token, steps = b, 0
    while token.i not in up:
        if token.head == token or steps > 200:
            return 10_000
        token, steps = token.head, steps + 1
    return steps + up[token.i]


def _conjuncts(head: Token) -> list[Token]:
    found = [head]
    stack = [head]
    while stack and len(found) < 12:
        token = stack.pop()
        for child in token.children:
            if child.dep_ == "conj":
                found.append(child)
                stack.append(child)
    return found


def _coordination_head(token: Token) -> Token:
    while token.dep_ == "conj" and token.head != token:
        token = token.head
    return token


def _key(actor: Actor) -> str:
    """What makes two candidates the same choice: the country, else the transnational kind and name."""
    return actor.country or actor.code


def _keyed(actor: Actor) -> bool:
    """Whether the actor carries what event data needs: a country or a transnational kind."""
    return bool(actor.country) or actor.code.startswith(_TRANSNATIONAL)


def _known(actor: Actor, known: Sequence[Actor]) -> bool:
    return any((actor.code, actor.name) == (k.code, k.name) for k in known)


def _overlaps(span: tuple[int, int], taken: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)
