"""Whether a coded event happened: asserted, negated, future, or hypothetical.

The clause of the trigger decides: its own auxiliaries, negation and subordinator, then those of the
verbs that govern it through a complement chain ("did not agree to meet", "is set to participate",
"failed to capture"). An event noun takes the modality of the light verb that carries it ("will hold
talks"), its own modifiers ("the planned visit", "no talks") and the cue of the verb that governs it
("cancelled the visit", "called for talks").

When several cues meet, a condition ("if", a question) wins, then negation, then a modal of possibility,
then the future: "could not meet" is negated, "if they will not meet" hypothetical.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..types import Modality
from .cues import Cues, phrase_matches, word_matches

# Long complement chains are parse noise; real ones are two or three verbs deep.
_MAX_CHAIN = 6
_CLOSING_QUOTES = frozenset({'"', "'", "”", "’", "»", ")"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})

_CONDITIONAL, _NEGATED, _HYPOTHETICAL, _FUTURE = "conditional", "negated", "hypothetical", "future"


def verb_modality(verb: Token, cues: Cues) -> Modality:
    """The modality of an event whose trigger is ``verb``."""
    return _decide(verb_flags(verb, cues))


def noun_modality(noun: Token, host: Token | None, cues: Cues) -> Modality:
    """The modality of an event carried by the noun ``noun`` (``host``: its light verb, if any)."""
    flags: set[str] = set()
    for child in noun.children:
        lemma = cues.lemma(child)
        if child.dep_ in ("det", "neg") and word_matches(child, lemma, cues.negations):
            flags.add(_NEGATED)
        elif child.dep_ in ("amod", "acl", "compound", "nmod", "advmod"):
            if word_matches(child, lemma, cues.noun_negating_modifiers):
                flags.add(_NEGATED)
            elif word_matches(child, lemma, cues.noun_hypothetical_modifiers):
                flags.add(_HYPOTHETICAL)
            elif word_matches(child, lemma, cues.noun_future_modifiers):
                flags.add(_FUTURE)
    if host is not None:
        flags |= verb_flags(host, cues)
    else:
        governor, prep = _governing_verb(noun)
        if governor is None:
            pass
        elif prep is None:
            _governor_flags(governor, cues, flags)
        elif any(prep in p.words for p in (*cues.negating_governors, *cues.hypothetical_governors)):
            # Through a preposition only a phrase naming it counts ("called for talks"); "discussed
            # security during talks" says nothing about the talks.
            _governor_flags(governor, cues, flags)
        if _is_question(noun):
            flags.add(_CONDITIONAL)
    return _decide(flags)


def verb_flags(verb: Token, cues: Cues) -> set[str]:
    """The modality cues on ``verb``'s clause and on the clauses governing it through complements."""
    flags: set[str] = set()
    _clause_flags(verb, cues, flags)
    if _is_question(verb):
        flags.add(_CONDITIONAL)
    token = verb
    for _ in range(_MAX_CHAIN):
        governor, dep = token.head, token.dep_
        if governor == token:
            break
        if dep == "xcomp":
            # "plans to visit", "failed to capture", "did not agree to meet": the governor's cue and its
            # auxiliaries both reach the complement.
            _governor_flags(governor, cues, flags)
            _clause_flags(governor, cues, flags)
        elif dep == "acomp":
            # "are due to begin", "is likely to attack": the adjective's verb carries the auxiliaries.
            _clause_flags(governor, cues, flags)
        elif dep == "ccomp":
            # "hopes that ...", "denied that ...": the governor's meaning reaches a finite complement,
            # but not its tense (a past "said" does not make the reported event past).
            _governor_flags(governor, cues, flags)
            break
        elif dep == "advcl" and not _has_mark(token):
            # A purpose or participle clause ("will travel to Amman to attend") shares the main time.
            _clause_flags(governor, cues, flags)
        elif dep == "conj" and not _has_subject(token):
            # "did not attack and loot": coordinated verbs with one subject share the auxiliaries. A
            # negation reaches the second verb only when they share an object or are alternatives ("did
            # not arrest them or charge them"): "did not start the fight and hit him" says he hit him.
            _clause_flags(governor, cues, flags, negation=not _own_objects(governor, token))
        elif dep in ("acl", "relcl") and governor.pos_ in ("NOUN", "PROPN"):
            # "calls to withdraw", "a plan to attack", "his refusal to meet": the noun says whether.
            _noun_governor_flags(governor, cues, flags)
            break
        else:
            break
        token = governor
    return flags


def _decide(flags: set[str]) -> Modality:
    if _CONDITIONAL in flags:
        return "hypothetical"
    if _NEGATED in flags:
        return "negated"
    if _HYPOTHETICAL in flags:
        return "hypothetical"
    if _FUTURE in flags:
        return "future"
    return "asserted"


def _clause_flags(verb: Token, cues: Cues, flags: set[str], *, negation: bool = True) -> None:
    """Auxiliaries, negation (unless ``negation`` is False) and conditional subordinators hanging on
    ``verb`` itself."""
    for child in verb.children:
        dep = child.dep_
        lemma = cues.lemma(child)
        if dep in ("aux", "auxpass"):
            if word_matches(child, lemma, cues.future_auxiliaries):
                flags.add(_FUTURE)
            elif word_matches(child, lemma, cues.hypothetical_auxiliaries):
                flags.add(_HYPOTHETICAL)
        elif dep == "neg" or (dep in ("advmod", "preconj") and word_matches(child, lemma, cues.negations)):
            if negation:
                flags.add(_NEGATED)
        elif dep == "mark" and word_matches(child, lemma, cues.conditional_marks):
            flags.add(_CONDITIONAL)
        elif dep == "advcl" and any(g.dep_ == "mark" and g.text.lower() in cues.conditional_marks
                                    for g in child.children):
            # "If Israel strikes, Iran will retaliate": the consequence is as conditional as its condition.
            flags.add(_CONDITIONAL)


def _governor_flags(governor: Token, cues: Cues, flags: set[str]) -> None:
    """What the governing word's meaning says about its complement."""
    lemma = cues.lemma(governor)
    if phrase_matches(governor, lemma, cues.negating_governors):
        flags.add(_NEGATED)
    elif phrase_matches(governor, lemma, cues.hypothetical_governors) or word_matches(governor, lemma,
                                                                                      cues.attempt_words):
        flags.add(_HYPOTHETICAL)  # "threatened to attack"; "tried to seize": attempted, not asserted
    elif (word_matches(governor, lemma, cues.intention_governors)
          or word_matches(governor, lemma, cues.commitment_governors)):
        flags.add(_FUTURE)


def _noun_governor_flags(noun: Token, cues: Cues, flags: set[str]) -> None:
    lemma = cues.lemma(noun)
    if word_matches(noun, lemma, cues.negating_nouns):
        flags.add(_NEGATED)
    elif word_matches(noun, lemma, cues.hypothetical_nouns) or word_matches(noun, lemma, cues.attempt_words):
        flags.add(_HYPOTHETICAL)
    elif word_matches(noun, lemma, cues.future_nouns):
        flags.add(_FUTURE)


def _governing_verb(noun: Token) -> tuple[Token | None, str | None]:
    """The verb whose object (or passive subject) the noun is, or whose prepositional object it is
    (with that preposition)."""
    if noun.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and noun.head != noun:
        return noun.head, None
    if noun.dep_ == "pobj":
        prep = noun.head
        if prep.head != prep and prep.head.pos_ in ("VERB", "AUX"):
            return prep.head, prep.text.lower()
    return None, None


def _own_objects(first: Token, second: Token) -> bool:
    """Whether two coordinated verbs each have a direct object of their own and are joined by "and" (not
    "or", "nor"): two acts, each with its own scope."""
    if any(c.dep_ == "cc" and c.text.lower() in ("or", "nor") for c in first.children):
        return False
    return all(any(c.dep_ == "dobj" for c in verb.children) for verb in (first, second))


def _has_mark(verb: Token) -> bool:
    return any(c.dep_ == "mark" for c in verb.children)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in _SUBJECT_DEPS for c in verb.children)


def _is_question(token: Token) -> bool:
    """Whether the token's sentence ends in a question mark (possibly before a closing quote)."""
    words = [t.text for t in token.sent if t.text.strip()]
    while words and words[-1] in _CLOSING_QUOTES:
        words.pop()
    return bool(words) and words[-1].endswith("?")
