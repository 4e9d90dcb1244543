"""Pronouns to the actor of an earlier mention: a small deterministic resolver over the parse.

No coreference model is loaded (nothing may be downloaded at run time); the parse's sentences and
subjects are enough for the pronouns news uses of its actors (issue 8, category 6):

- the kind must fit: he/she/his/her -> a person; it/its -> an organisation or a country; they/their ->
  an organisation or a people (NORP), never a town named as a place;
- reach: the pronoun's own sentence and the ``WINDOW`` sentences before it;
- salience: in the pronoun's own sentence, the nearest candidate before it, a subject first ("X said
  he stabbed Y": X); otherwise the latest sentence with a candidate, its subject before its other
  mentions ("Macron met Scholz. He criticised Russia": Macron), as the subject is what the next
  sentence most often goes on about. Until coder 1.3.0 the nearest mention won, which made the
  object of one sentence the actor of the next.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.tokens import Doc, Token

from ..types import Actor, Mention
from .context import DocActors

PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
WINDOW = 2  # sentences back that a pronoun may reach for its antecedent
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NAME_PARTS = frozenset({"compound", "flat", "appos"})


def antecedent(token: Token, doc_actors: DocActors) -> Actor | None:
    """The actor the pronoun ``token`` stands for, with the pronoun as its text; None when no earlier
    mention in reach fits."""
    word = token.text.lower()
    labels = ({"PERSON"} if word in PERSON_PRONOUNS
              else {"ORG", "GPE", "FAC"} if word in ("it", "its") else {"ORG", "NORP"})
    mentions = doc_actors.mentions
    floor = _window_start(token)
    n = bisect.bisect_left(mentions, token.idx, key=lambda m: m.start)
    candidates = [m for m in reversed(mentions[:n]) if m.start >= floor and m.end <= token.idx
                  and m.actor is not None and m.label in labels]  # nearest first
    doc = token.doc
    by_sentence: dict[int, list[tuple[Mention, bool]]] = {}
    for m in candidates:
        words = doc.char_span(m.start, m.end, alignment_mode="expand")
        if words is not None:
            by_sentence.setdefault(_sentence_start(doc, words.start), []).append((m, is_subject(words.root)))
    for start in sorted(by_sentence, reverse=True):
        ranked = by_sentence[start]
        chosen = next((m for m, subject in ranked if subject), ranked[0][0])
        assert chosen.actor is not None
        return replace(chosen.actor, text=token.text)
    return None


def is_subject(token: Token) -> bool:
    """Whether a mention's head is its clause's subject, or a name inside the subject's phrase
    ("President Macron", "Macron, the president")."""
    steps = 0
    while token.dep_ in _NAME_PARTS and token.head != token and steps < 5:
        token, steps = token.head, steps + 1
    return token.dep_ in _SUBJECTS


def _parsed(doc: Doc) -> bool:
    return doc.has_annotation("SENT_START") or doc.has_annotation("DEP")


def _sentence_start(doc: Doc, i: int) -> int:
    return doc[i].sent.start if _parsed(doc) else 0


def _window_start(token: Token) -> int:
    doc = token.doc
    if not _parsed(doc):
        return 0
    sent = token.sent
    for _ in range(WINDOW):
        if sent.start == 0:
            break
        sent = doc[sent.start - 1].sent
    return int(sent.start_char)
