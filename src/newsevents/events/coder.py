"""The event coder: dependency parse -> coded events (who did what to whom), each traced to its words.

For each sentence:

1. match: every verb or noun whose lemma has patterns is tried against them, most specific first; the
   first whose constraints hold (particles, required object, preposition, complement, target) fires.
   Deeper tokens are matched first, so a verb's complement is known when the verb is tried.
2. settle: a light verb gives way to the event noun it carries ("undertook a visit"); a pattern that
   names its complement (">18|19") absorbs the complement's event ("threatened to attack"); intention
   verbs ("plans to") and reporting verbs ("officials said") with an event under them are not coded.
3. background: what only sets the scene is dropped: an event noun in an adverbial phrase ("after two
   days of fighting"), a clause that describes a participant ("whom they had taken hostage").
4. announced: an announced act takes its intent, threat or refusal code ("will send aid" -> 033);
   events inside a condition and acts asked of others are dropped (events/intent.py).
5. resolve: argument heads become actors through ``ActorLookup``; a missing side is taken from the
   sentence's context (events/context.py); coordinated actors multiply into one event per pair
   (capped), or one per pair of parties ("Iran and Iraq agreed").
6. filter: actorless events (``require_actor``), untargeted or sourceless ones as the settings say; one
   event per sentence, code, source and target.

The rules and their measured effect are in docs/coder.md.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from spacy.tokens import Doc, Span, Token

from ..actors.context import DocActors
from ..errors import ModelError
from ..knowledge.countries import Countries
from ..settings import EventSettings
from ..types import Actor, CodedEvent, Mention, Place
from . import arguments as args
from .context import CONTEXT_FILE, ContextRules, Site
from .cues import CUES_FILE, Cues, word_matches
from .intent import INTENT_FILE, IntentRules
from .modality import noun_modality, verb_modality
from .patterns import Pattern

# Verbs in these roles are adjectives or auxiliaries ("the besieged city", "a Saudi-led force"), not events.
_NOT_VERB_TRIGGERS = frozenset({"aux", "auxpass", "amod", "compound"})
# Children that start a clause or a coordinated phrase of their own, not part of the phrase they hang on.
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "cc"})
# Coordinations wider than this are lists (of casualties, of attendees), not event participants;
# 4 x 4 keeps "A, B, C and D met E and F" whole and a 30-name list from making 900 events.
MAX_CONJUNCTS = 4


class PatternIndex(Protocol):
    """What the coder needs of the verb pattern index (``VerbPatterns`` in events/patterns.py)."""

    def for_verb(self, lemma: str) -> tuple[Pattern, ...]: ...

    def for_noun(self, lemma: str) -> tuple[Pattern, ...]: ...

    def lemmas(self) -> frozenset[str]: ...


class ActorLookup(Protocol):
    """What the coder needs of the actor stage (``ActorResolver`` in actors/)."""

    def resolve_head(self, token: Token, doc_actors: DocActors) -> Actor | None: ...


@dataclass(frozen=True, slots=True)
class _Match:
    """A trigger matched to a pattern, with the heads of its argument phrases."""

    token: Token
    pattern: Pattern
    words: tuple[Token, ...]  # the trigger's words: head, particles, object, preposition, host verb
    sources: tuple[tuple[Token, ...], ...]  # candidate source groups, most telling first
    targets: tuple[Token, ...]
    reciprocal: bool  # targets came from "between": they are the two parties
    host: Token | None  # the light verb carrying an event noun
    obj: Token | None  # the pattern's required object ("fire" in "open ~fire +on")
    complement: _Match | None  # the complement event a ">CODES" pattern absorbed

    @property
    def is_noun(self) -> bool:
        return self.pattern.kind == "noun"


@dataclass(frozen=True, slots=True)
class _Side:
    actor: Actor | None
    span: tuple[int, int] | None
    inferred: bool = False  # taken from the sentence's context (events/context.py), not read off the trigger


class _Sentence:
    """The state of coding one sentence: matches so far and actor resolutions (never shared)."""

    def __init__(self, sent: Span, doc_actors: DocActors, places: tuple[Place, ...]) -> None:
        self.sent = sent
        self.doc_actors = doc_actors
        self.places = places
        self.matches: dict[int, _Match] = {}
        # A verb's voice and grammatical roles, worked out once however many of its patterns are tried.
        self.roles: dict[int, tuple[bool, list[Token], Token | None]] = {}
        self.resolved: dict[int, tuple[Actor, Token] | None] = {}


class EventCoder:
    """Codes the events of a parsed article. Build once per process; ``code`` is safe to call repeatedly."""

    NAME = "newsevents-rules"
    VERSION = "1.1.0"

    def __init__(self, settings: EventSettings, patterns: PatternIndex, actors: ActorLookup, *,
                 max_sentence_chars: int = 1500, cues_file: Path = CUES_FILE, intent_file: Path = INTENT_FILE,
                 context_file: Path = CONTEXT_FILE, countries: Countries | None = None) -> None:
        self.settings = settings
        self.patterns = patterns
        self._heads = patterns.lemmas()
        self.actors = actors
        self.max_sentence_chars = max_sentence_chars
        self.cues = Cues.load(cues_file)
        self.intents = IntentRules.load(intent_file)
        self.context = ContextRules.load(context_file)
        self.countries = countries if countries is not None else Countries.load()

    def code(self, doc: Doc, doc_actors: DocActors, places: Iterable[Place] = ()) -> list[CodedEvent]:
        """Every event in the article, in text order. ``places`` (the geo stage's toponyms) let an event
        without a target or source take the country of a place named in its clause."""
        if len(doc) and not doc.has_annotation("DEP"):
            raise ModelError("the document has no dependency parse, which the event coder reads; load a "
                             "spaCy pipeline with a parser (the default en_core_web_sm has one)")
        all_places = tuple(places)
        events: list[CodedEvent] = []
        for index, sent in enumerate(doc.sents):
            if sent.end_char - sent.start_char > self.max_sentence_chars:
                continue
            here = tuple(p for p in all_places if sent.start_char <= p.start < sent.end_char)
            events.extend(self._code_sentence(index, sent, doc_actors, here))
        return events

    # -- one sentence ------------------------------------------------------------------------------

    def _code_sentence(self, index: int, sent: Span, doc_actors: DocActors,
                       places: tuple[Place, ...] = ()) -> list[CodedEvent]:
        state = _Sentence(sent, doc_actors, places)
        # Only words that head some pattern can match; most of a sentence cannot, and skipping it here is
        # most of the coder's speed (docs/benchmarks.md).
        heads = self._heads
        candidates = [t for t in sent if self.cues.lemma(t) in heads or t.lower_ in heads]
        # Deepest first: a complement and an event noun are matched before the verb governing them.
        for token in sorted(candidates, key=lambda t: (-_depth(t), t.i)):
            match = self._match(token, state)
            if match is not None:
                state.matches[token.i] = match
        matched = frozenset(state.matches)
        kept = self._announced([m for m in self._settle(state) if not self._background(m, matched)], state)
        events: list[CodedEvent] = []
        for match in sorted(kept, key=lambda m: min(w.i for w in m.words)):
            events.extend(self._events(index, match, state))
        return self._filter(events)

    def _match(self, token: Token, state: _Sentence) -> _Match | None:
        lemma = self.cues.lemma(token)
        if word_matches(token, lemma, self.cues.never_triggers):
            return None
        if args.is_verbal(token) and token.dep_ not in _NOT_VERB_TRIGGERS:
            patterns = self.patterns.for_verb(lemma)
            return _first(patterns, lambda p: self._try_verb(token, p, state))
        if token.pos_ in ("NOUN", "PROPN") and token.dep_ != "compound":
            patterns = self.patterns.for_noun(lemma) or self.patterns.for_noun(token.text.lower())
            return _first(patterns, lambda p: self._try_noun(token, p, state))
        return None

    def _try_verb(self, verb: Token, pattern: Pattern, state: _Sentence) -> _Match | None:
        if pattern.kind != "verb":
            return None
        words = [verb]
        for word in pattern.particles:
            particle = args.particle_token(verb, word)
            if particle is None:
                return None
            words.append(particle)
        if verb.i not in state.roles:
            state.roles[verb.i] = (args.is_passive(verb), *args.verb_roles(verb, self.cues))
        passive, sources, patient = state.roles[verb.i]
        obj = None
        if pattern.obj:
            obj = args.required_object(verb, set(pattern.obj.split("|")), self.cues, pattern.particles)
            if obj is None:
                return None
            words.append(obj)
        complement = None
        if pattern.complement:
            complement = self._complement(verb, pattern.complement, state)
            if complement is None:
                return None
            words.extend(complement.words)
            clause = complement.host if complement.host is not None else complement.token
            words.extend(c for c in clause.children if c.dep_ == "aux" and c.text.lower() == "to")
        targets: list[Token] = []
        reciprocal = False
        if pattern.prep:
            anchors = [verb, *([obj] if obj is not None else []), *words[1:1 + len(pattern.particles)]]
            targets, preps = args.prep_objects(anchors, pattern.prep.split("|"))
            words.extend(preps)
            reciprocal = bool(preps) and preps[0].text.lower() in self.cues.reciprocal_preps
            if not targets and patient is not None and obj is None and args.stranded(verb, pattern.prep):
                targets = [patient]  # "protesters were fired on"
            if not targets and "to" in pattern.prep.split("|"):
                # "gave Tanzania a grant" says what "gave a grant to Tanzania" says.
                targets = [c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"]
            if not targets:
                # The preposition is part of the pattern's meaning: "talk +with" is not "talked to reporters".
                return None
        elif patient is not None and (obj is None or patient != obj):
            targets = [patient]
        elif not pattern.code.startswith(self.cues.theme_direct_object_roots):
            targets = args.direct_objects(verb, self.cues, skip=obj)
        if not targets and obj is not None and not pattern.prep and self.cues.lemma(verb) not in self.cues.theme_verbs:
            # "expelled British diplomats", "summoned the Ugandan ambassador": the required object is the
            # target when it denotes an actor, and stands for one when it is an event noun; but troops
            # sent or aid given are what moves, not whom it is for.
            targets = [obj]
        if not targets:
            # "threatened to attack Ukraine", "refused to meet with the inspectors": the complement's
            # target is the one the governing verb is about.
            inner = complement or next((state.matches[c.i] for c in verb.children
                                        if c.dep_ == "xcomp" and c.i in state.matches), None)
            if inner is not None:
                targets = list(inner.targets)
        if not targets and not passive and pattern.obj is None and not pattern.prep:
            # "attacked and looted the town"; "demanded that North Korea abandon ...", "warned that
            # Israel would pay": the subject of a finite complement is who the demand is addressed to.
            targets = args.right_shared_object(verb) or args.clause_subjects(verb, self.cues)
        match = _Match(verb, pattern, tuple(words), (tuple(sources),), tuple(targets), reciprocal,
                       None, obj, complement)
        if pattern.needs_target and not self._resolved_any(match.targets, state, target_side=True):
            return None
        return match

    def _try_noun(self, noun: Token, pattern: Pattern, state: _Sentence) -> _Match | None:
        if pattern.kind != "noun" or pattern.obj or pattern.complement:
            return None
        words = [noun]
        for word in pattern.particles:
            particle = args.particle_token(noun, word)
            if particle is None:
                return None
            words.append(particle)
        hosting = args.host_verb(noun, self.cues)
        host = hosting[0] if hosting else None
        preps = pattern.prep.split("|") if pattern.prep else []
        targets: list[Token] = []
        reciprocal = False
        if preps:
            anchors = [noun] + ([host] if host is not None else [])
            if noun.dep_ == "pobj" and noun.head.text.lower() == "of":
                anchors.append(noun.head.head)  # "a wave of attacks on X" may hang "on" on "wave"
            targets, prep_tokens = args.prep_objects(anchors, preps)
            words.extend(prep_tokens)
            reciprocal = bool(prep_tokens) and prep_tokens[0].text.lower() in self.cues.reciprocal_preps
            if not targets:
                return None
        groups = [tuple(g) for g in args.noun_agent_groups(noun, preps) if g]
        if hosting is not None:
            words.extend(hosting)
            words.extend(c for c in hosting[0].children if c.dep_ == "prt")
            groups.append(tuple(args.verb_roles(hosting[0], self.cues)[0]))
        elif pattern.code[:2] in self.cues.adverbial_roots:
            clause = args.adverbial_verb(noun, self.cues)
            if clause is not None:
                groups.append(tuple(args.verb_roles(clause, self.cues)[0]))
        match = _Match(noun, pattern, tuple(words), tuple(groups), tuple(targets), reciprocal,
                       host, None, None)
        if pattern.needs_target and not self._resolved_any(match.targets, state, target_side=True):
            return None
        return match

    def _complement(self, verb: Token, roots: tuple[str, ...], state: _Sentence) -> _Match | None:
        """The event of the verb's clausal complement, if its code starts with one of ``roots``."""
        for child in verb.children:
            if child.dep_ not in ("xcomp", "ccomp"):
                continue
            event = self._carried(child, state) or state.matches.get(child.i)
            if event is not None and event.pattern.code.startswith(roots):
                return event
        return None

    @staticmethod
    def _carried(verb: Token, state: _Sentence) -> _Match | None:
        """The event noun match a light verb carries, if any."""
        return next((m for m in state.matches.values() if m.host is not None and m.host.i == verb.i), None)

    # -- settling which matches become events -------------------------------------------------------

    def _settle(self, state: _Sentence) -> list[_Match]:
        matches = state.matches
        dropped: set[int] = set()
        for match in matches.values():
            if match.obj is not None and match.obj.i in matches:
                dropped.add(match.obj.i)  # "hold ~talks +with": the verb pattern already says it all
            if match.complement is not None:
                # "threatened to attack", "threatened to launch an attack": the complement, the noun it
                # carries and the light verb carrying it all belong to the threat now.
                inner = match.complement
                dropped.add(inner.token.i)
                carried = self._carried(inner.token, state)
                if carried is not None:
                    dropped.add(carried.token.i)
                if inner.host is not None:
                    dropped.add(inner.host.i)
        for match in matches.values():
            if match.host is not None and match.token.i not in dropped:
                host = matches.get(match.host.i)
                if host is None or host.obj is None or host.obj.i != match.token.i:
                    dropped.add(match.host.i)  # the noun carries the event, not "undertook"
        for i, match in matches.items():
            token = match.token
            lemma = self.cues.lemma(token)
            if word_matches(token, lemma, self.cues.intention_governors) and any(
                    c.dep_ == "xcomp" and (c.i in matches or self._carried(c, state) is not None)
                    for c in token.children):
                dropped.add(i)  # "plans to visit": the visit is the event
            elif lemma in self.cues.reporting_verbs and any(
                    j != i and _embedded(other.token, token) for j, other in matches.items() if j not in dropped):
                dropped.add(i)  # "officials said troops shelled": the shelling is the event
        return [m for i, m in matches.items() if i not in dropped]

    def _background(self, match: _Match, events: frozenset[int]) -> bool:
        """Events that set the scene rather than report: an event noun in an adverbial phrase ("after two
        days of fighting", "in protest of the arrest", "killed in an airstrike"), except consultations
        ("visited Baghdad for talks with X": see adverbial_roots), and a clause that only describes a
        participant ("the minister, whom they had taken hostage", "a member of Hamas jailed a year ago")."""
        if match.is_noun and match.host is None:
            return match.pattern.code[:2] not in self.cues.adverbial_roots and args.in_adverbial(
                match.token, self.cues.background_preps, events)
        clause = match.host if match.host is not None else match.token
        return args.describes_participant(clause)

    def _announced(self, kept: list[_Match], state: _Sentence) -> list[_Match]:
        """Announced events take their intent, threat or refusal code (events/intent.py); an event inside
        a condition ("if it is attacked") is dropped, and so is the announcing word's own event when the
        announcement now says it ("agreed to send aid": the intent to give aid, not also "agreed")."""
        def actor_of(token: Token) -> Actor | None:
            found = self._resolve(token, state)
            return found[0] if found is not None else None

        out: list[_Match] = []
        replaced: dict[int, str] = {}  # governor token -> root of the announcement that replaces its event
        for match in kept:
            reading = self.intents.read(match.token, match.host, self.cues, actor_of)
            if reading.in_condition or reading.asked:
                continue
            code = self.intents.recode(match.pattern.code, reading)
            if code != match.pattern.code:
                match = dataclasses.replace(match, pattern=dataclasses.replace(match.pattern, code=code))
                if reading.governor is not None:
                    replaced[reading.governor.i] = code[:2]
            out.append(match)
        return [m for m in out if replaced.get(m.token.i) != m.pattern.code[:2]]

    # -- actors ------------------------------------------------------------------------------------

    def _resolve(self, head: Token, state: _Sentence) -> tuple[Actor, Token] | None:
        """The actor a head denotes, trying its appositions and the "of" object of a group word."""
        if head.i in state.resolved:
            return state.resolved[head.i]
        found: tuple[Actor, Token] | None = None
        for candidate in (head, *args.appositions(head), args.unpartitive(head, self.cues)):
            if candidate is None:
                continue
            actor = self.actors.resolve_head(candidate, state.doc_actors)
            if actor is not None:
                found = (actor, candidate)
                break
        state.resolved[head.i] = found
        return found

    def _side(self, heads: Iterable[Token], state: _Sentence, *, target_side: bool) -> list[_Side]:
        """The distinct actors of the heads and of the heads coordinated with them."""
        sides: list[_Side] = []
        seen: set[tuple[str, str]] = set()
        for head in heads:
            for token in args.conjuncts(head, MAX_CONJUNCTS):
                found = self._resolve(token, state)
                if found is None:
                    found = self._through_event(token, state, target_side=target_side)
                if found is None:
                    continue
                actor, where = found
                if (actor.code, actor.name) not in seen:
                    seen.add((actor.code, actor.name))
                    sides.append(_Side(actor, args.phrase_span(where)))
        return sides[:MAX_CONJUNCTS]

    def _through_event(self, token: Token, state: _Sentence, *, target_side: bool) -> tuple[Actor, Token] | None:
        """An event noun standing for its actor: "condemned the attack by rebels" (target: the rebels),
        "a visit to Iraq to meet with X" (the parser hangs "to meet" on "visit": its subject is the
        visitor)."""
        event = state.matches.get(token.i)
        groups: tuple[tuple[Token, ...], ...]
        if event is not None and event.is_noun:
            groups = (*event.sources, event.targets) if target_side else event.sources
        elif target_side and token.pos_ == "NOUN":
            # A plain noun as object: "rejected an offer from Afghanistan", "signed an agreement with
            # Iran", "threatened action against Russia": whose it is, else whom it concerns.
            agents = args.noun_agent_groups(token, ())
            partners = args.prep_objects([token], self.cues.object_partner_preps)[0]
            groups = (*(tuple(g) for g in agents), tuple(partners))
        else:
            return None
        for group in groups:
            for head in group:
                found = self._resolve(head, state)
                if found is not None:
                    return found
        return None

    def _resolved_any(self, heads: Iterable[Token], state: _Sentence, *, target_side: bool) -> bool:
        return bool(self._side(heads, state, target_side=target_side))

    def _events(self, index: int, match: _Match, state: _Sentence) -> Iterator[CodedEvent]:
        sources: list[_Side] = []
        for group in match.sources:
            sources = self._side(group, state, target_side=False)
            if sources:
                break
        targets = self._side(match.targets, state, target_side=True)
        # An actor does not act on itself: a target that is the source is a parse or resolution slip
        # ("Greece will restrict its labour market": "its"); the event stays, its target is found again.
        own = {(s.actor.code, s.actor.name) for s in sources if s.actor is not None}
        targets = [t for t in targets if t.actor is None or (t.actor.code, t.actor.name) not in own]
        pairs: list[tuple[_Side | None, _Side | None]]
        # "Iran and Iraq agreed", "... signed an agreement": one event between them; but "Iran and Iraq
        # attacked the town" is two attackers, not one attacking the other.
        source_pair = not targets and len(sources) >= 2 and (
            not match.targets or match.pattern.code[:2] in self.cues.coordinated_pair_roots)
        if (sources or targets) and not source_pair and not (match.reciprocal and len(targets) >= 2):
            # Only an event anchored by an actor of its own gets the other side from context: an event
            # noun with no actor at all ("the bombing in Aleppo") is usually a mention, not a report.
            if not sources:
                sources = self._inferred("source", match, targets, state)
            sources = [self._with_country("source", s, match, targets, state) for s in sources]
            if not targets:
                targets = self._inferred("target", match, sources, state)
            targets = [self._with_country("target", t, match, sources, state) for t in targets]
        if match.reciprocal and len(targets) >= 2:
            pairs = [(targets[0], targets[1])]  # "talks between Israel and Hamas"
        elif source_pair:
            # One event per pair of parties: "Iran and Iraq met" is one meeting, "the US, Russia and
            # Switzerland met" three.
            pairs = [(a, b) for k, a in enumerate(sources) for b in sources[k + 1:]]
        else:
            source_options: list[_Side | None] = [*sources] or [None]
            target_options: list[_Side | None] = [*targets] or [None]
            # A domestic target inferred for a country acting as a whole is that country ("Iraq imposed
            # martial law": IRQ -> IRQ); any other identical pair is a slip.
            pairs = [(s, t) for s in source_options for t in target_options
                     if s is None or t is None or s.actor is None or t.actor is None or t.inferred
                     or (s.actor.code, s.actor.name) != (t.actor.code, t.actor.name)]
        if match.is_noun:
            modality = noun_modality(match.token, match.host, self.cues)
        else:
            modality = verb_modality(match.token, self.cues)
        words = sorted(set(match.words), key=lambda t: t.i)
        sent = state.sent
        for source, target in pairs:
            yield CodedEvent(
                sentence_index=index, sent_start=sent.start_char, sent_end=sent.end_char,
                trigger=" ".join(w.text for w in words),
                trigger_start=words[0].idx, trigger_end=words[-1].idx + len(words[-1].text),
                code=match.pattern.code,
                source=source.actor if source else None, target=target.actor if target else None,
                source_span=source.span if source else None, target_span=target.span if target else None,
                modality=modality, pattern=match.pattern.text or match.pattern.lemma)

    def _site(self, side: Literal["source", "target"], match: _Match, other: list[_Side], state: _Sentence,
              own: _Side | None = None) -> Site:
        """What context inference reads about the event. The other side's whole phrases, prepositional
        phrases included ("demonstrators in Baghdad" says where they are, not whom they oppose), and the
        heads coordinated with them ("arms sales to Croatia and Ecuador" names two targets, not a target
        and a source) are not candidates."""
        heads = match.targets if side == "source" else [h for group in match.sources for h in group]
        heads = [h for h in heads if self._resolve(h, state) is not None]  # not "a curfew in Homs"
        taken = [s.span for s in other if s.span is not None]
        taken.extend(span for h in heads for t in args.conjuncts(h, MAX_CONJUNCTS) for span in _phrase_words(t))
        if own is not None and own.span is not None:
            taken.append(own.span)
        clause = match.host if match.host is not None else match.token
        return Site(code=match.pattern.code, clause=clause, words=match.words, taken=tuple(taken),
                    known=tuple(s.actor for s in other if s.actor is not None),
                    addressees=tuple(self.intents.condition_subjects(clause)))

    def _inferred(self, side: Literal["source", "target"], match: _Match, other: list[_Side],
                  state: _Sentence) -> list[_Side]:
        """The missing side of an event, from the rest of its clause (events/context.py)."""
        found = self.context.infer(side, self._site(side, match, other, state), state.sent, _sentence_mentions(state),
                                   state.places, lambda token: self._resolve(token, state), self.cues,
                                   self._country_name)
        return [_Side(f.actor, f.span, inferred=True) for f in found]

    def _with_country(self, side: Literal["source", "target"], found: _Side, match: _Match, other: list[_Side],
                      state: _Sentence) -> _Side:
        """The side with a country from context when its actor has none ("President Mugabe")."""
        actor = found.actor
        if actor is None:
            return found
        country = self.context.country(side, actor, self._site(side, match, other, state, found), state.sent,
                                       _sentence_mentions(state), state.places,
                                       lambda token: self._resolve(token, state), self.cues, self._country_name)
        if country is None:
            return found
        return _Side(Actor(text=actor.text, name=actor.name, country=country, sector=actor.sector,
                           code=country + (actor.code if actor.code != country else "")), found.span, found.inferred)

    def _country_name(self, iso3: str) -> str:
        country = self.countries.get(iso3)
        return country.name if country is not None else iso3

    def _filter(self, events: list[CodedEvent]) -> list[CodedEvent]:
        kept: list[CodedEvent] = []
        seen: set[tuple[int, str, str | None, str | None]] = set()
        for event in events:
            source, target = event.source, event.target
            if self.settings.require_actor and source is None and target is None:
                continue
            if not self.settings.keep_untargeted and target is None:
                continue
            if not self.settings.keep_sourceless and source is None:
                continue
            key = (event.sentence_index, event.code, source.code if source else None,
                   target.code if target else None)
            if key in seen:
                continue
            seen.add(key)
            kept.append(event)
        return kept


def _first(patterns: tuple[Pattern, ...], attempt: Callable[[Pattern], _Match | None]) -> _Match | None:
    """The match of the first (most specific) pattern whose constraints hold."""
    for pattern in patterns:
        match = attempt(pattern)
        if match is not None:
            return match
    return None


def _phrase_words(token: Token) -> list[tuple[int, int]]:
    """Character spans of the words of a phrase with its modifiers and prepositional phrases
    ("demonstrators in Baghdad"), without the clauses or coordinated phrases hanging on it."""
    found = [token]
    stack = [token]
    while stack:
        for child in stack.pop().children:
            if child.dep_ not in _CLAUSE_DEPS:
                found.append(child)
                stack.append(child)
    return [(t.idx, t.idx + len(t.text)) for t in found]


def _sentence_mentions(state: _Sentence) -> tuple[Mention, ...]:
    sent = state.sent
    return tuple(m for m in state.doc_actors.mentions if sent.start_char <= m.start < sent.end_char)


def _depth(token: Token) -> int:
    depth = 0
    while token.head != token and depth < 200:
        token = token.head
        depth += 1
    return depth


def _embedded(token: Token, governor: Token) -> bool:
    """Whether ``token`` sits under ``governor`` other than in its subject, or ``governor`` reports on
    the clause of ``token`` ("Troops shelled the town, officials said" may hang "said" on "shelled")."""
    if governor.head == token and governor.dep_ in ("parataxis", "ccomp", "advcl"):
        return True
    child = token
    for _ in range(200):
        head = child.head
        if head == child:
            return False
        if head == governor:
            return child.dep_ not in args.SUBJECT_DEPS
        child = head
    return False
