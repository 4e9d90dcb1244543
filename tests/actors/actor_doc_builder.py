"""Hand-built parsed Docs for the actor tests: no model needed.

Each token is (text, head, dep, pos, ent) with ``head`` the absolute index of its head (itself for a
root) and ``ent`` an IOB tag such as "B-PERSON" or "O". The lemma is the lower-cased text unless a
sixth item gives it.
"""

from __future__ import annotations

from typing import cast

from spacy.tokens import Doc
from spacy.vocab import Vocab

_NO_SPACE_BEFORE = {"'s", ".", ",", "-", ")", "?", "!"}


def build(tokens: list[tuple[object, ...]]) -> Doc:
    words = [str(t[0]) for t in tokens]
    heads = [cast(int, t[1]) for t in tokens]
    deps = [str(t[2]) for t in tokens]
    pos = [str(t[3]) for t in tokens]
    ents = [str(t[4]) for t in tokens]
    lemmas = [str(t[5]) if len(t) > 5 else str(t[0]).lower() for t in tokens]
    tags = ["POS" if w == "'s" else ("PRP$" if p == "PRON" and w.lower() in ("his", "her", "its", "their")
                                     else "XX") for w, p in zip(words, pos, strict=True)]
    spaces = [not (w in ("-", "(") or (n + 1 < len(words) and words[n + 1] in _NO_SPACE_BEFORE))
              for n, w in enumerate(words)]
    spaces[-1] = False
    return Doc(Vocab(), words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags,
               lemmas=lemmas, ents=ents)
