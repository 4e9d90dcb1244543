"""Near-duplicate articles (syndicated copies, light re-edits) linked into one story with MinHash.

Each article's text becomes a set of word 3-grams (lower-cased words); its MinHash signature goes into
an LSH index. A new article joins the story of the most similar stored article whose estimated
Jaccard similarity reaches ``StoreSettings.minhash_threshold``; otherwise it starts a story of its own,
named by its doc_id. Word 3-grams rather than single words so that two different reports that share a
vocabulary (the same names, the same verbs) do not look alike; 3 rather than 5 so that a syndicated
copy with a new headline and byline still clears the 0.8 default.

Signatures are stored (table ``signatures``) and the index is rebuilt from them when a store first
ingests in a process: a few seconds per 100,000 articles, which is this project's scale. Articles
stored before signatures existed get theirs computed from their text at that point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from ..settings import StoreSettings

SHINGLE_WORDS = 3
SEED = 1
SCHEME = "affine32"  # datasketch >= 2.0's default; recorded per signature so a change is detected
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Signature:
    doc_id: str
    num_perm: int
    seed: int
    scheme: str
    hashvalues: bytes


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {w.encode("utf-8") for w in words}
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(words) - SHINGLE_WORDS + 1)}


class StoryIndex:
    """An in-memory LSH over every stored article's signature; one per writing EventStore."""

    def __init__(self, settings: StoreSettings) -> None:
        self.num_perm = settings.minhash_permutations
        self.threshold = settings.minhash_threshold
        self._lsh = _lsh(self.threshold, self.num_perm)
        self._story: dict[str, str] = {}
        self._minhash: dict[str, LeanMinHash] = {}
        # Drawing the permutations costs as much as hashing a short article: draw them once per index.
        self._permutations = MinHash(num_perm=self.num_perm, seed=SEED, scheme=SCHEME).permutations

    def signature(self, doc_id: str, text: str) -> tuple[Signature, LeanMinHash] | None:
        """The article's signature, or None for a text without words (it cannot match anything)."""
        grams = shingles(text)
        if not grams:
            return None
        mh = MinHash(num_perm=self.num_perm, seed=SEED, scheme=SCHEME, permutations=self._permutations)
        mh.update_batch(list(grams))
        lean = LeanMinHash(mh)
        return Signature(doc_id, self.num_perm, SEED, SCHEME, mh.hashvalues.tobytes()), lean

    def load(self, sig: Signature, story_id: str) -> None:
        dtype = np.uint32 if sig.scheme == "affine32" else np.uint64
        lean = LeanMinHash(seed=sig.seed, hashvalues=np.frombuffer(sig.hashvalues, dtype=dtype), scheme=sig.scheme)
        self.add(sig.doc_id, story_id, lean)

    def match(self, minhash: LeanMinHash) -> tuple[str, float] | None:
        """(story_id, similarity) of the most similar indexed article at or above the threshold."""
        best: tuple[str, float] | None = None
        for doc_id in self._lsh.query(minhash):
            similarity = float(minhash.jaccard(self._minhash[doc_id]))
            if similarity >= self.threshold and (best is None or similarity > best[1]
                                                 or (similarity == best[1] and doc_id < best[0])):
                best = (doc_id, similarity)
        return (self._story[best[0]], best[1]) if best else None

    def add(self, doc_id: str, story_id: str, minhash: LeanMinHash) -> None:
        if doc_id in self._story:
            return
        self._lsh.insert(doc_id, minhash)
        self._story[doc_id] = story_id
        self._minhash[doc_id] = minhash

    def __len__(self) -> int:
        return len(self._story)


def _lsh(threshold: float, num_perm: int) -> MinHashLSH:
    """An LSH index at ``threshold``, or at the highest lower one datasketch can band with ``num_perm``
    (0.95 needs 128 permutations): candidates are then a superset, and ``match`` applies the real threshold."""
    wanted = threshold
    while True:
        try:
            return MinHashLSH(threshold=wanted, num_perm=num_perm)
        except ValueError:
            if wanted <= 0.5:
                raise
            wanted = round(wanted - 0.05, 2)

