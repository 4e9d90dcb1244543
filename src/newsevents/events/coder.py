"""The event coder: dependency parse -> coded events (who did what to whom), each traced to its words.

For each sentence:

1. match: every verb or noun whose lemma has patterns is tried against them, most specific first; the
   first whose constraints hold (particles, required object, preposition, complement, target) fires.
   Deeper tokens are matched first, so a verb's complement is known when the verb is tried.
2. settle: a light verb gives way to the event noun it carries ("undertook a visit"); a pattern that
   names its complement (">18|19") absorbs the complement's event ("threatened to attack"); intention
   verbs ("plans to") and reporting verbs ("officials said") with an event under them are not coded.
3. background: what only sets the scene is dropped: an event noun in an adverbial phrase ("after two
   days of fighting"), a clause that describes a participant ("whom they had taken hostage"), an
   untargeted event noun that is another event's means or topic ("airstrikes killed ten").
4. announced: an announced act takes its intent, threat or refusal code ("will send aid" -> 033), and
   the word announcing it gives way; events inside a condition and acts asked of others are dropped
   (events/intent.py); alleged acts become the speaker's accusation, and what an accusation accuses of
   or a protest demands is not coded (events/embedded.py).
5. resolve: argument heads become actors through ``ActorLookup``; a missing side is taken from the
   sentence's context (events/context.py); coordinated actors (and coordinated country words: "French
   and German diplomats") multiply into one event per pair (capped); parties of a reciprocal event
   ("Iran and Iraq agreed") into one event per pair and direction.
6. filter: actorless events (``require_actor``), untargeted or sourceless ones as the settings say; one
   event per sentence, code, source and target.

The rules and their measured effect are in docs/coder.md.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Literal

from spacy.tokens import Doc, Span, Token

from ..actors.context import DocActors
from ..actors.dateline import dateline_end
from ..errors import ModelError
from ..knowledge.countries import Countries
from ..settings import EventSettings
from ..types import Actor, CodedEvent, Mention, Place
from . import arguments as args
from .context import CONTEXT_FILE, ContextRules, Site
from .cues import CUES_FILE, Cues, word_matches
from .embedded import alleged, contents
from .eventness import EVENTNESS_FILE, EventnessRules
from .intent import INTENT_FILE, IntentRules
from .match import ActorLookup, PatternIndex
from .match import Match as _Match
from .match import SentenceState as _Sentence
from .match import Side as _Side
from .modality import noun_modality, verb_modality
from .patterns import Pattern

# Verbs in these roles are adjectives or auxiliaries ("the besieged city", "a Saudi-led force"), not events.
_NOT_VERB_TRIGGERS = frozenset({"aux", "auxpass", "amod", "compound"})
# Organs that deal with other states for their own: a government, its ministries and forces.
_STATE_ORGANS = frozenset({"GOV", "MIL"})
# Coordinations wider than this are lists (of casualties, of attendees), not event participants;
# 4 x 4 keeps "A, B, C and D met E and F" whole and a 30-name list from making 900 events.
MAX_CONJUNCTS = 4


class EventCoder:
    """Codes the events of a parsed article. Build once per process; ``code`` is safe to call repeatedly."""

    NAME = "newsevents-rules"
    VERSION = "1.6.1"

    def __init__(self, settings: EventSettings, patterns: PatternIndex, actors: ActorLookup, *,
                 max_sentence_chars: int = 1500, cues_file: Path = CUES_FILE, intent_file: Path = INTENT_FILE,
                 context_file: Path = CONTEXT_FILE, countries: Countries | None = None,
                 eventness_file: Path = EVENTNESS_FILE) -> None:
        self.settings = settings
        self.patterns = patterns
        self._heads = patterns.lemmas()
        self.actors = actors
        self.max_sentence_chars = max_sentence_chars
        self.cues = Cues.load(cues_file)
        self.intents = IntentRules.load(intent_file)
        self.context = ContextRules.load(context_file)
        self.eventness = EventnessRules.load(eventness_file)
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
            # A dateline's place ("KABUL, Afghanistan:") says where the story was filed, not who acted.
            filed = dateline_end(sent)
            begin = doc[filed].idx if filed < sent.end else sent.end_char
            here = tuple(p for p in all_places if begin <= p.start < sent.end_char)
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
        for token in sorted(candidates, key=lambda t: (-args.depth(t), t.i)):
            match = self._match(token, state)
            if match is not None:
                state.matches[token.i] = match
        matched = frozenset(state.matches)
        aims = frozenset(t.i for m in state.matches.values() if not m.is_noun for t in m.targets)
        kept = self._announced([m for m in self._settle(state) if not self._background(m, matched, aims)], state)
        kept = alleged(contents(kept, self.cues), self.cues, lambda heads: next(
            (s.actor for s in self._side(heads, state, target_side=False) if s.actor is not None), None))
        events: list[CodedEvent] = []
        told: dict[int, list[CodedEvent]] = {}  # the events of each verb, by its token
        for match in sorted(kept, key=lambda m: min(w.i for w in m.words)):
            coded = list(self._events(index, match, state))
            # "shot and killed a protester": coordinated verbs of one family on the same dyad tell one act,
            # which the last verb names best (the result)
            first = self.eventness.same_act(match.token, coded, told)
            if first is not None and {e.code for e in coded} == {e.code for e in told[first]}:
                told[match.token.i] = told[first]  # "shelled and bombarded": the same code, the first word
                continue
            if first is not None:
                events = [e for e in events if all(e is not old for old in told[first])]
            told[match.token.i] = coded
            events.extend(coded)
        return self._filter(events)

    def _match(self, token: Token, state: _Sentence) -> _Match | None:
        lemma = self.cues.lemma(token)
        if word_matches(token, lemma, self.cues.never_triggers) or self.eventness.in_name(token):
            return None  # "according to"; a word of a name ("the Federal Bureau of Investigation")
        if args.is_verbal(token) and token.dep_ not in _NOT_VERB_TRIGGERS:
            if self.eventness.opinion(token, lemma) or self.eventness.names(token):
                return None  # "analysts agree that ...", "calling it a provocation": a view, not an act
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
        if (not targets and obj is not None and not pattern.prep and self.cues.lemma(verb) not in self.cues.theme_verbs
                and not pattern.code.startswith(self.cues.theme_direct_object_roots)):
            # "expelled British diplomats", "summoned the Ugandan ambassador": the required object is the
            # target when it denotes an actor, and stands for one when it is an event noun; but troops
            # sent or aid given are what moves, not whom it is for, and so are forces strengthened.
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
        receiver = args.receiving_verb(noun, self.cues)
        if receiver is not None:
            return self._received(noun, receiver, pattern, state)
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

    def _received(self, noun: Token, verb: Token, pattern: Pattern, state: _Sentence) -> _Match | None:
        """An event noun given to the receiving verb's subject ("Iraq received a visit from the Iranian
        minister"): the giver ("from", or whose the noun is) is the source, the receiver the target; only
        the noun's patterns without a preposition apply."""
        if pattern.prep or pattern.particles:
            return None
        givers = args.prep_objects([verb, noun], ["from"])
        groups = [tuple(givers[0]), *(tuple(g) for g in args.noun_agent_groups(noun, ("from",)) if g)]
        match = _Match(noun, pattern, (noun, verb, *givers[1]), tuple(g for g in groups if g),
                       tuple(args.verb_roles(verb, self.cues)[0]), False, verb, None, None)
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
                    j != i and args.reports_on(other.token, token) for j, other in matches.items() if j not in dropped):
                dropped.add(i)  # "officials said troops shelled": the shelling is the event
        return [m for i, m in matches.items() if i not in dropped]

    def _background(self, match: _Match, events: frozenset[int], aims: frozenset[int]) -> bool:
        """Events that set the scene rather than report: an event noun in an adverbial phrase ("after two
        days of fighting", "in protest of the arrest", "killed in an airstrike"), except consultations
        ("visited Baghdad for talks with X": see adverbial_roots), and a clause that only describes a
        participant ("the minister, whom they had taken hostage", "a member of Hamas jailed a year ago").
        An event noun aimed at no one is also the background of a verb's event when it is that event's
        means ("Israeli airstrikes killed ten", "killed by tank fire") or what the event is about (``aims``: "expressed
        gratitude for Japan's help", "rejected an appeal for talks", "violated a ban")."""
        if match.is_noun and match.host is None:
            if not match.targets and (args.means_of(match.token) in events or match.token.i in aims):
                return True
            return match.pattern.code[:2] not in self.cues.adverbial_roots and args.in_adverbial(
                match.token, self.cues.background_preps, events)
        clause = match.host if match.host is not None else match.token
        return self.eventness.describes(clause)

    def _announced(self, kept: list[_Match], state: _Sentence) -> list[_Match]:
        """Announced events take their intent, threat or refusal code (events/intent.py); an event inside
        a condition ("if it is attacked") is dropped, and so is the announcing word's own event when the
        announcement now says it ("agreed to send aid": the intent to give aid, not also "agreed"; "pledged
        to expel the envoy": the threat, not also the pledge; "promised to strike": the planned strike)."""
        def actor_of(token: Token) -> Actor | None:
            found = self._resolve(token, state)
            return found[0] if found is not None else None

        out: list[_Match] = []
        replaced: set[int] = set()  # announcing words whose announcement an event under them carries
        for match in kept:
            reading = self.intents.read(match.token, match.host, self.cues, actor_of)
            if reading.in_condition or reading.asked:
                continue
            code = self.intents.recode(match.pattern.code, reading)
            if reading.governor is not None and (code != match.pattern.code or reading.kind in ("intent", "threat")):
                # One announcement, one event: the commitment word's own code (030) says less than the
                # announced act's. An unmapped refusal ("refused to attack") keeps its REJECT.
                replaced.add(reading.governor.i)
            if code != match.pattern.code:
                match = dataclasses.replace(match, pattern=dataclasses.replace(match.pattern, code=code))
            out.append(match)
        return [m for m in out if m.token.i not in replaced]

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
                # "French and German diplomats": one actor per country word, as if each were written out.
                each = self._each(where, state) if where == token else (actor,)
                for one in each:
                    if (one.code, one.name) not in seen:
                        seen.add((one.code, one.name))
                        sides.append(_Side(one, args.phrase_span(where), head=where))
        return sides[:MAX_CONJUNCTS]

    def _each(self, head: Token, state: _Sentence) -> tuple[Actor, ...]:
        """The actors of a head whose country words are coordinated ("US and British activists")."""
        found = state.resolved.get(head.i)
        if found is None or not args.has_coordinated_modifier(head):
            return (found[0],) if found is not None else ()
        if head.i not in state.each:
            state.each[head.i] = self.actors.resolve_each(head, state.doc_actors) or (found[0],)
        return state.each[head.i]

    def _apart(self, side: _Side, others: list[_Side], match: _Match, state: _Sentence) -> _Side:
        """The side without the article's main country when that country is the other side's, written
        there as a country acting as a whole ("The government thanked Japan": not Japan thanking Japan,
        in an article about Japan); the words do not say whose it is. Domestic events keep it, and so
        does a state's force used at home ("troops shelled Syrian towns")."""
        actor = side.actor
        if actor is None or side.head is None or not actor.country or actor.sector not in _STATE_ORGANS:
            return side  # a group inside a country facing its state ("rebels", "protesters") is its own
        states = [o.head for o in others if o.actor is not None and o.head is not None
                  and o.actor.country == actor.country and o.actor.sector is None]
        if not states or self.context.at_home(match.pattern.code, actor.sector):
            return side
        own = self.actors.resolve_head(side.head, state.doc_actors, main_country=False)
        if own is None or own.country or not any(
                (written := self.actors.resolve_head(h, state.doc_actors, main_country=False)) is not None
                and written.country == actor.country for h in states):
            return side  # its own words name the country, or both sides took the main country
        return _Side(own, side.span, side.inferred, side.head)

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
            partners = [p for p in args.prep_objects([token], self.cues.object_partner_preps)[0]
                        if p not in args.destinations(token, self.cues)]
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
        if sources and targets:
            sources = [self._apart(s, targets, match, state) for s in sources]
            targets = [self._apart(t, sources, match, state) for t in targets]
        pairs: list[tuple[_Side | None, _Side | None]]
        # "Iran and Iraq agreed", "... signed an agreement": one event between them; but "Iran and Iraq
        # attacked the town" is two attackers, not one attacking the other.
        # Countries coordinated inside one phrase act side by side ("US and British activists protested"),
        # unless they cooperate ("the Turkish and Greek sides agreed": with each other); so do protesters.
        root = match.pattern.code[:2]
        source_pair = not targets and len(sources) >= 2 and (root in self.cues.coordinated_pair_roots or (
            not match.targets and len({s.span for s in sources}) >= 2 and root not in self.cues.side_by_side_roots))
        if (sources or targets) and not source_pair and not (match.reciprocal and len(targets) >= 2):
            # Only an event anchored by an actor of its own gets the other side from context: an event
            # noun with no actor at all ("the bombing in Aleppo") is usually a mention, not a report.
            if not sources:
                sources = self._inferred("source", match, targets, state)
            sources = [self._with_country("source", s, match, targets, state) for s in sources]
            if not targets:
                targets = self._inferred("target", match, sources, state)
            targets = [self._with_country("target", t, match, sources, state) for t in targets]
        # A reciprocal event is coded in both directions, as CAMEO coders do: which party the reporter
        # wrote first says nothing of who acted on whom, and directed dyads must not depend on it
        # ("Iran and Iraq met": IRN -> IRQ and IRQ -> IRN; three parties, six events). docs/coder.md
        # gives the measured cost on a gold set that codes one undirected event instead.
        if match.reciprocal and len(targets) >= 2:
            pairs = [(targets[0], targets[1]), (targets[1], targets[0])]  # "talks between Israel and Hamas"
        elif source_pair:
            pairs = [(a, b) for a in sources for b in sources if a is not b]
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
        # A named organisation the resolver does not know ("the Financial Services Agency") may be a
        # political actor: the event-ness test then does not count the source as private.
        unknown = not sources and self.eventness.unresolved_name(h for group in match.sources for h in group)
        for source, target in pairs:
            if not self.eventness.keeps(match.pattern.code, source.actor if source else None,
                                        target.actor if target else None, unknown_source=unknown):
                continue  # no political actor where the code needs one ("families visiting a park")
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
        heads coordinated with them ("loans to Chad and Peru" names two targets, not a target
        and a source) are not candidates."""
        heads = match.targets if side == "source" else [h for group in match.sources for h in group]
        heads = [h for h in heads if self._resolve(h, state) is not None]  # not "a curfew in Homs"
        taken = [s.span for s in other if s.span is not None]
        taken.extend(span for h in heads for t in args.conjuncts(h, MAX_CONJUNCTS) for span in args.phrase_words(t))
        if own is not None and own.span is not None:
            taken.append(own.span)
        if side == "target":
            # "bans on travel to Canada": where the travel goes is not whom the ban is aimed at.
            taken.extend(span for h in match.targets for d in args.destinations(h, self.cues)
                         for span in args.phrase_words(d))
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


def _sentence_mentions(state: _Sentence) -> tuple[Mention, ...]:
    sent = state.sent
    return tuple(m for m in state.doc_actors.mentions if sent.start_char <= m.start < sent.end_char)
