"""Verb and noun patterns: which words signal which CAMEO event, and where its target is.

(Stub: the record shapes are fixed; loading is being written.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str  # CAMEO code the pattern signals
    kind: Literal["verb", "noun"]
    lemma: str  # head lemma, lower-case: "crack", "visit"
    particles: tuple[str, ...] = ()  # particles/adverbs that must hang on the head: ("down",)
    obj: str | None = None  # lemma of a required direct object: "fire" in "open ~fire +on"
    prep: str | None = None  # preposition whose object is the target; None: the direct object
    complement: tuple[str, ...] = ()  # CAMEO roots the head's complement event must have (">18|19")
    needs_target: bool = False  # "!target": only when a target actor is found
    text: str = ""  # the pattern as written
    specificity: int = 0  # number of constraints; the most specific matching pattern wins
