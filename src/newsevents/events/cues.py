"""The cue words the event coder reads (events/data/cues.yaml), loaded once into a frozen record.

A cue is a lower-case lemma, or a short phrase: a head lemma followed by words that must hang on it
("have yet", "call for", "take part in"). ``Phrase`` keeps the two apart so a lookup is one set test
for the common single-word case.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from ..errors import KnowledgeError
from .datafile import read_mapping, word_list

CUES_FILE = Path(__file__).resolve().parent / "data" / "cues.yaml"

_WORD_LISTS = (
    "reporting_verbs", "never_triggers", "light_verbs", "intention_governors", "commitment_governors",
    "future_auxiliaries", "hypothetical_auxiliaries", "negations", "conditional_marks",
    "noun_future_modifiers", "noun_hypothetical_modifiers", "noun_negating_modifiers", "partitive_heads",
    "reciprocal_preps", "adverbial_preps", "adverbial_roots", "relative_pronouns", "coordinated_pair_roots",
    "theme_verbs", "theme_direct_object_roots", "controller_preps", "object_control_preps",
    "object_partner_preps", "hypothetical_nouns", "future_nouns", "negating_nouns", "measure_nouns",
    "background_preps", "allegation_verbs", "allegation_roots", "receiving_verbs", "movement_nouns",
    "directional_preps", "accusing_verbs", "protest_roots", "demand_roots", "side_by_side_roots", "attempt_words",
)
_PHRASE_LISTS = ("negating_governors", "hypothetical_governors", "prep_hosts")


@dataclass(frozen=True, slots=True)
class Phrase:
    """A head lemma with the words that must hang on it; for prep_hosts the last word is the preposition."""

    head: str
    words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Cues:
    lemma_fixes: Mapping[str, str]
    form_lemma_fixes: Mapping[str, str]
    reporting_verbs: frozenset[str]
    never_triggers: frozenset[str]
    light_verbs: frozenset[str]
    prep_hosts: tuple[Phrase, ...]
    intention_governors: frozenset[str]
    commitment_governors: frozenset[str]
    negating_governors: tuple[Phrase, ...]
    hypothetical_governors: tuple[Phrase, ...]
    future_auxiliaries: frozenset[str]
    hypothetical_auxiliaries: frozenset[str]
    negations: frozenset[str]
    conditional_marks: frozenset[str]
    noun_future_modifiers: frozenset[str]
    noun_hypothetical_modifiers: frozenset[str]
    noun_negating_modifiers: frozenset[str]
    partitive_heads: frozenset[str]
    reciprocal_preps: frozenset[str]
    adverbial_preps: frozenset[str]
    adverbial_roots: tuple[str, ...]
    coordinated_pair_roots: tuple[str, ...]
    theme_verbs: frozenset[str]
    theme_direct_object_roots: tuple[str, ...]
    relative_pronouns: frozenset[str]
    controller_preps: frozenset[str]
    object_partner_preps: frozenset[str]
    object_control_preps: frozenset[str]
    hypothetical_nouns: frozenset[str]
    future_nouns: frozenset[str]
    negating_nouns: frozenset[str]
    measure_nouns: frozenset[str]
    background_preps: frozenset[str]
    allegation_verbs: frozenset[str]
    receiving_verbs: frozenset[str]
    movement_nouns: frozenset[str]
    directional_preps: frozenset[str]
    allegation_roots: tuple[str, ...]
    allegation_code: str
    accusing_verbs: frozenset[str]
    protest_roots: tuple[str, ...]
    demand_roots: tuple[str, ...]
    side_by_side_roots: tuple[str, ...]
    attempt_words: frozenset[str]

    @classmethod
    def load(cls, path: Path = CUES_FILE) -> Cues:
        """Read and check the cue file; a missing or malformed file raises KnowledgeError."""
        data = read_mapping(path, "event cue file")
        fields: dict[str, Any] = {}
        for name in (*_WORD_LISTS, *_PHRASE_LISTS):
            words = word_list(data, name, path, "event cue file")
            if name in _PHRASE_LISTS:
                fields[name] = tuple(_phrase(w) for w in words)
            elif name in ("adverbial_roots", "coordinated_pair_roots",
                          "theme_direct_object_roots", "allegation_roots", "protest_roots", "demand_roots",
                          "side_by_side_roots"):
                fields[name] = tuple(words)
            else:
                fields[name] = frozenset(words)
        code = data.get("allegation_code")
        if not isinstance(code, str) or not code.isdigit():
            raise KnowledgeError(f"'allegation_code' in event cue file {path} must be a CAMEO code in quotes "
                                 "such as \"112\"; fix it")
        fields["allegation_code"] = code
        for name in ("lemma_fixes", "form_lemma_fixes"):
            fixes = data.get(name) or {}
            if not isinstance(fixes, dict):
                raise KnowledgeError(f"'{name}' in {path} must map a wrong lemma (or a written form) to the "
                                     "right lemma; fix it")
            fields[name] = {str(k).lower(): str(v).lower() for k, v in fixes.items()}
        return cls(**fields)

    def lemma(self, token: Token) -> str:
        """The token's lemma, lower-cased, with the model's known lemmatiser mistakes corrected."""
        form = token.text.lower()
        fixed = self.form_lemma_fixes.get(form)
        if fixed is not None:
            return fixed
        lemma = token.lemma_.lower() or form
        return self.lemma_fixes.get(lemma, lemma)


def _phrase(text: str) -> Phrase:
    head, *rest = text.split()
    return Phrase(head, tuple(rest))


def word_matches(token: Token, lemma: str, words: frozenset[str]) -> bool:
    """Whether a token's lemma or its written form is one of ``words``."""
    return lemma in words or token.text.lower() in words


def phrase_matches(token: Token, lemma: str, phrases: tuple[Phrase, ...]) -> bool:
    """Whether the token heads one of the phrases: its lemma (or form) is the head, and each further
    word hangs on it or on one of its children ("call for", "have yet", "call off")."""
    for phrase in phrases:
        if phrase.head not in (lemma, token.text.lower()):
            continue
        near = {c.text.lower() for c in token.children} | {g.text.lower() for c in token.children for g in c.children}
        if all(w in near for w in phrase.words):
            return True
    return False
