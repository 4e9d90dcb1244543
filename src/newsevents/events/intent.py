"""Intent, threat and refusal: an event that is announced rather than done takes CAMEO's code for the
announcement (events/data/intent.yaml).

CAMEO codes "Norway will give Malawi a loan" as an expressed intent to provide economic aid (0331),
"Israel threatened to impose a curfew" as a threat (1323) and "the US said it would not meet the
kidnappers" as a rejection (125), not as the aid, curfew or meeting themselves. ``IntentRules.read``
decides from the parse whether an event is such an announcement, and by which word:

- its own clause has a future auxiliary (will, shall, 'll), or it is the infinitive of an announcing
  word (plans, intends, is willing, is prepared, offered, agreed, vowed, "a plan to", "its offer to") or
  of a threatening word (threatened, warned), or of refuse / decline (a refusal);
- in a finite complement of a reporting verb, "will" is a reported plan whoever reports it ("officials
  said the army will withdraw"); "would" only when the speaker is not someone else ("said it would send
  aid"; "Israel said Hamas would attack" is Israel's prediction);
- schedule and forecast words (is set / due / expected to) and "could", "may", "might" announce
  nothing: the event keeps its code;
- negation makes an announced cooperation a refusal ("will not meet", "would not provide aid").

Not events at all (``Reading.asked``, ``Reading.in_condition``): what someone asks, urges, wishes or
predicts another to do ("urged Iran to release", "called for sanctions", "hoped officials would be
indicted", "Libya must hand over", "was urged by parliament to aid Oman"), what a noun that asks or
permits governs ("allowed Kenya to assist Uganda"), and an event inside a condition ("if it
is attacked", "unless Israel withdraws"), whose main clause is then a conditional offer or threat.

The modality the coder reports (events/modality.py) is not changed by any of this.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from spacy.tokens import Token

from ..errors import KnowledgeError
from ..types import Actor
from .cues import Cues, phrase_matches, word_matches
from .datafile import read_mapping, word_list

INTENT_FILE = Path(__file__).resolve().parent / "data" / "intent.yaml"

Kind = Literal["intent", "threat", "refusal"]
_Kind = Literal["refuse", "threat", "announce", "asked", "denied"]
Resolve = Callable[[Token], Actor | None]

_MAPS = ("intent", "threat", "refusal")
_WORD_LISTS = ("announcing_governors", "threatening_governors", "refusing_governors", "announcing_nouns",
               "future_auxiliaries", "reported_future_auxiliaries", "reporting_verbs", "obligation_auxiliaries",
               "condition_marks")
_WILL, _WOULD = 2, 1  # strengths of a future: announced ("will"), reported ("would")
_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i"})
# Complement chains longer than this are parse noise; real ones are two or three verbs deep.
_MAX_CHAIN = 6


@dataclass(frozen=True, slots=True)
class Reading:
    """What the parse says about whether an event is announced, and by which word."""

    kind: Kind | None = None  # None: done, reported, asked for, forecast or negated - code it as it is
    conditional: bool = False  # a condition hangs on it ("will withdraw unless ...")
    threatened: bool = False  # a threatening word governs it ("threatened to strike")
    governor: Token | None = None  # the announcing word, whose own event the announcement replaces
    in_condition: bool = False  # the event is itself the condition ("if it is attacked")
    asked: bool = False  # asked for, wished for or predicted by someone ("urged Iran to release"): no event


@dataclass(slots=True)
class _Chain:
    """What the walk up a complement chain has found so far (one reading, never shared)."""

    future: int = 0
    negated: bool = False
    conditional: bool = False
    announcing: bool = False
    threatened: bool = False
    refusing: bool = False
    asked: bool = False
    denied: bool = False
    forecast: bool = False
    governor: Token | None = None

    def reading(self) -> Reading:
        if self.asked:
            return Reading(asked=True)
        if self.denied or self.forecast:
            return Reading(conditional=self.conditional)
        if self.refusing or (self.negated and (self.future or self.announcing)):
            return Reading("refusal", self.conditional, self.threatened, self.governor)
        if self.negated or not (self.future or self.announcing or self.threatened):
            return Reading(conditional=self.conditional)
        return Reading("threat" if self.threatened else "intent", self.conditional, self.threatened,
                       self.governor)


@dataclass(frozen=True, slots=True)
class IntentRules:
    """The mappings and cue words of events/data/intent.yaml; read-only after loading."""

    intent: Mapping[str, str]
    threat: Mapping[str, str]
    refusal: Mapping[str, str]
    threat_needs_condition: tuple[str, ...]
    announcing_governors: frozenset[str]
    threatening_governors: frozenset[str]
    refusing_governors: frozenset[str]
    announcing_nouns: frozenset[str]
    future_auxiliaries: frozenset[str]
    reported_future_auxiliaries: frozenset[str]
    reporting_verbs: frozenset[str]
    obligation_auxiliaries: frozenset[str]
    condition_marks: frozenset[str]

    @classmethod
    def load(cls, path: Path = INTENT_FILE, known_codes: frozenset[str] | None = None) -> IntentRules:
        """Read and check the file; ``known_codes`` (the codebook's) are the codes a mapping may use."""
        data = read_mapping(path, "intent file", strings_only=True)
        fields: dict[str, Any] = {}
        for name in _MAPS:
            fields[name] = _code_map(data, name, path, known_codes)
        for name in _WORD_LISTS:
            fields[name] = frozenset(word_list(data, name, path, "intent file"))
        fields["threat_needs_condition"] = tuple(word_list(data, "threat_needs_condition", path, "intent file"))
        return cls(**fields)

    # -- the reading -------------------------------------------------------------------------------

    def read(self, token: Token, host: Token | None, cues: Cues, resolve: Resolve) -> Reading:
        """Whether the event triggered by ``token`` (an event noun's light verb: ``host``) is announced;
        ``resolve`` gives the actor a subject denotes, to tell a speaker's own plan from a prediction."""
        clause = host if host is not None else token
        if self._in_condition(clause):
            return Reading(in_condition=True)
        future, negated, conditional, obliged = self._clause(clause, cues)
        if obliged:
            return Reading(asked=True)  # "Libya must hand over the suspects": a demand, not an act
        state = _Chain(future=future, negated=negated, conditional=conditional)
        current = clause
        if host is None and token.pos_ in ("NOUN", "PROPN"):
            # An event noun without a light verb is announced only by a governing word ("offered talks",
            # "threatened sanctions", "called for talks"); "condemned the attack" says nothing of when.
            verb, prep = _noun_governor(token)
            kind = self._governor(verb, cues, prep) if verb is not None else None
            if verb is None or kind is None:
                return Reading()
            if not self._step(verb, kind, state, cues):
                return state.reading()
            current = verb
        for _ in range(_MAX_CHAIN):
            head, dep = current.head, current.dep_
            if head == current:
                break
            if dep in ("acl", "relcl"):
                if not _infinitive(current) or head.pos_ not in ("NOUN", "PROPN"):
                    break
                noun_lemma = cues.lemma(head)
                if word_matches(head, noun_lemma, self.announcing_nouns):
                    # "a plan to withdraw", "its offer to mediate": the noun announces its infinitive,
                    # as far as the words governing the noun allow ("insisted that Peru drop its tariffs").
                    state.announcing, state.governor = True, state.governor or head
                elif word_matches(head, noun_lemma, cues.hypothetical_nouns):
                    state.asked = True  # "an ultimatum to halt attacks", "calls to withdraw"
                    break
                else:
                    break
                verb, prep = _noun_governor(head)
                kind = self._governor(verb, cues, prep) if verb is not None else None
                if verb is None or kind is None or not self._step(verb, kind, state, cues):
                    break
                current = verb
                continue
            if dep == "ccomp":
                self._complement(current, head, cues, resolve, state)
                break
            transparent = dep in ("xcomp", "acomp") or (dep == "conj" and not _has_subject(current)) or (
                dep == "advcl" and not any(c.dep_ == "mark" for c in current.children))
            if not transparent:
                break
            # Only a complement takes its governor's meaning; a purpose clause or a coordinated verb
            # ("undertook a visit to meet X") shares no more than its auxiliaries.
            kind = self._governor(head, cues) if dep == "xcomp" else None
            if dep == "advcl" and _infinitive(current) and self._governor(head, cues) == "asked":
                # "was urged by parliament to aid Oman" (the parser's advcl for an asked-for act)
                state.asked = True
                break
            if dep in ("advcl", "xcomp") and _infinitive(current) and any(
                    c.dep_ == "dobj" and word_matches(c, cues.lemma(c), cues.hypothetical_nouns)
                    for c in head.children):
                # "allowed Kenya to assist Uganda", "issued an order to withdraw": the
                # infinitive is what the noun permits or asks (the parser hangs it on the verb).
                state.asked = True
                break
            if dep == "xcomp" and _object_control(head, current):
                # "urged Iran to release", "wants Putin to attack": asked of someone else, not done.
                state.asked = kind in ("asked", "announce")
                break
            if not self._step(head, kind, state, cues):
                break
            current = head
        return state.reading()

    def _governor(self, head: Token, cues: Cues, prep: str | None = None) -> _Kind | None:
        """What a governing word makes of its complement (``prep``: the preposition between them)."""
        lemma = cues.lemma(head)
        if prep is not None:
            phrases = [p for p in cues.hypothetical_governors if p.words and p.words[-1] == prep]
            return "asked" if phrase_matches(head, lemma, tuple(phrases)) else None
        if word_matches(head, lemma, self.refusing_governors):
            return "refuse"
        if word_matches(head, lemma, self.threatening_governors):
            return "threat"
        if word_matches(head, lemma, self.announcing_governors):
            return "announce"
        if phrase_matches(head, lemma, cues.hypothetical_governors):
            return "asked"
        if phrase_matches(head, lemma, cues.negating_governors):
            return "denied"
        return None

    def _step(self, head: Token, kind: _Kind | None, state: _Chain, cues: Cues) -> bool:
        """Take in a governing word; False when the search ends there."""
        if kind == "asked":
            state.asked = True
            return False
        if kind == "denied":
            # "failed to capture": negated, as events/modality.py says; the walk goes on, since the denial
            # may itself be asked for ("demanded that the US cancel its plans").
            state.denied = True
        if kind == "refuse":
            state.refusing, state.governor = True, state.governor or head
        elif kind == "threat":
            state.threatened, state.governor = True, state.governor or head
        elif kind == "announce":
            state.announcing, state.governor = True, state.governor or head
        future, negated, conditional, obliged = self._clause(head, cues)
        if obliged:
            state.asked = True  # "they should cooperate to encourage ...": demanded, not done
            return False
        state.future = max(state.future, future)
        state.negated = state.negated or negated
        state.conditional = state.conditional or conditional
        return True

    def _complement(self, clause: Token, head: Token, cues: Cues, resolve: Resolve, state: _Chain) -> None:
        """What the verb governing a finite complement makes of it: a reported plan ("officials said the
        army will withdraw"), the speaker's own threat or promise ("warned it would strike", "vowed that
        it would"), a demand ("demanded that Sudan return"), or a forecast ("believe", "fear")."""
        lemma = cues.lemma(head)
        own = not _passive(clause) and not _different(clause, head, resolve)
        kind = self._governor(head, cues)
        if lemma in self.reporting_verbs:
            if state.future == _WOULD and not (state.announcing or state.threatened or state.refusing or own):
                state.asked = True  # "Israel said Hamas would pay": the speaker's prediction, not an event
        elif kind == "threat" and own:
            state.threatened, state.governor = True, state.governor or head
        elif kind == "announce" and own:
            state.announcing, state.governor = True, state.governor or head
        elif kind in ("asked", "announce", "threat"):
            state.asked = True  # "demanded that Sudan return", "hoped that officials would be indicted"
        else:
            state.forecast = True  # "believe", "fear": a forecast announces nothing

    def recode(self, code: str, reading: Reading) -> str:
        """The code an event with this reading takes: its intent, threat or refusal code, else its own."""
        if reading.kind == "refusal":
            return _lookup(self.refusal, code) or code
        if reading.kind is None:
            return code
        intent = _lookup(self.intent, code)
        if intent is not None:
            return intent if reading.kind == "intent" else code
        threat = _lookup(self.threat, code)
        if threat is None:
            return code
        if code.startswith(self.threat_needs_condition) and not (reading.conditional or reading.threatened):
            return code  # "unions will strike on Monday" is a plan, not a threat
        return threat

    # -- clauses -----------------------------------------------------------------------------------

    def _clause(self, verb: Token, cues: Cues) -> tuple[int, bool, bool, bool]:
        """(future, negated, conditional, obliged): the verb's own auxiliaries (``_WILL``, ``_WOULD`` or 0),
        negation, condition clauses and a modal of obligation ("must", "should")."""
        future = 0
        negated = conditional = obliged = False
        children = list(verb.children)
        for child in children:
            dep = child.dep_
            lemma = cues.lemma(child)
            if dep == "aux" and word_matches(child, lemma, self.future_auxiliaries):
                future = _WILL
            elif dep == "aux" and word_matches(child, lemma, self.obligation_auxiliaries):
                obliged = True
            elif dep == "aux" and word_matches(child, lemma, self.reported_future_auxiliaries):
                # "would have attacked" is a counterfactual past, not an announcement.
                if not any(c.dep_ == "aux" and c.lemma_.lower() == "have" and c.i > child.i for c in children):
                    future = max(future, _WOULD)
            elif dep == "neg" or (dep in ("advmod", "preconj") and word_matches(child, lemma, cues.negations)):
                negated = True
            elif dep == "advcl" and any(g.dep_ == "mark" and g.text.lower() in self.condition_marks
                                        for g in child.children):
                conditional = True
        return future, negated, conditional, obliged

    def condition_subjects(self, clause: Token) -> list[Token]:
        """Subjects of the active condition clauses on an event's clause or on the words governing it: the
        party a conditional threat or offer is addressed to ("threatened to strike unless Israel
        withdraws": Israel)."""
        heads = [clause, *(c for c in clause.children if c.dep_ == "xcomp")]
        current = clause
        for _ in range(_MAX_CHAIN):
            if current.dep_ not in ("xcomp", "acomp", "conj", "ccomp") or current.head == current:
                break
            current = current.head
            heads.append(current)
        found: list[Token] = []
        for head in heads:
            for child in head.children:
                if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.text.lower() in self.condition_marks
                                                 for g in child.children):
                    found.extend(g for g in child.children if g.dep_ == "nsubj")
        return found

    def _in_condition(self, token: Token) -> bool:
        """Whether the token sits inside a clause introduced by if, unless or lest."""
        current = token
        for _ in range(200):
            if any(c.dep_ == "mark" and c.text.lower() in self.condition_marks for c in current.children):
                return True
            if current.head == current:
                return False
            current = current.head
        return False


def _lookup(mapping: Mapping[str, str], code: str) -> str | None:
    """The value of the longest key that prefixes ``code``."""
    for end in range(len(code), 1, -1):
        found = mapping.get(code[:end])
        if found is not None:
            return found
    return None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _different(clause: Token, speaker_verb: Token, resolve: Resolve) -> bool:
    """Whether the complement's subject is clearly someone other than the speaker: both resolve to actors
    of different countries (a country and its own officials are one speaker: "Portugal will support ...,
    Portugal's president said")."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    speaker = next((c for c in speaker_verb.children if c.dep_ == "nsubj"), None)
    if subject is None or speaker is None or subject.text.lower() in _PRONOUNS:
        return False
    first, second = resolve(subject), resolve(speaker)
    if first is None or second is None:
        return False
    return (first.country or first.code[:3]) != (second.country or second.code[:3])


def _noun_governor(noun: Token) -> tuple[Token | None, str | None]:
    """The verb an event noun is the object of ("demanded talks"), or the verb and preposition it hangs
    on ("called for talks")."""
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head != noun and head.pos_ in ("VERB", "AUX"):
        return head, None
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head != head and head.head.pos_ in ("VERB", "AUX"):
        return head.head, head.text.lower()
    return None, None


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in verb.children)


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.text.lower() == "to" for c in verb.children)


def _object_control(governor: Token, complement: Token) -> bool:
    """ "urged Iran to halt", "wants Putin to attack": an object before the infinitive does it."""
    return any(c.dep_ in ("dobj", "dative") and c.i < complement.i for c in governor.children)


def _code_map(data: Mapping[str, Any], name: str, path: Path, known: frozenset[str] | None) -> dict[str, str]:
    mapping = data.get(name)
    if not isinstance(mapping, dict) or not mapping:
        raise KnowledgeError(f"'{name}' in intent file {path} must map CAMEO codes to CAMEO codes; add or fix it")
    out: dict[str, str] = {}
    for key, value in mapping.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise KnowledgeError(f"'{name}' in intent file {path} holds {key!r}: {value!r}; write both codes "
                                 "as quoted strings such as \"04\": \"036\"")
        for code in (key, value):
            if known is not None and code not in known:
                raise KnowledgeError(f"'{name}' in intent file {path}: {code!r} is not a CAMEO code in "
                                     "events/data/cameo.csv; fix the mapping")
        out[key] = value
    return out
