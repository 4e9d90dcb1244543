"""Read Princeton WordNet 3.0 in its own database format (wndb(5WN)), as Debian's ``wordnet-base`` installs it.

A build-time helper of tools/expand_lexicon.py; the package never imports it and never needs WordNet.

    index.verb / index.noun   lemma -> its synsets, most frequent sense first (the file's order)
    data.verb / data.noun     synset -> lexicographer file, words, pointers, gloss

Only what the expander uses is read: words, lexicographer file names (verb.communication ...), the
hyponym pointer (``~``) and the lexical "derivationally related form" pointer (``+``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Pos = Literal["v", "n"]
DEFAULT_DIR = Path("/usr/share/wordnet")
_FILES = {"v": "verb", "n": "noun"}

# The lexicographer files, numbered as lexnames(5WN) lists them (WordNet 3.0); only nouns and verbs here.
LEXNAMES = (
    "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal", "noun.artifact",
    "noun.attribute", "noun.body", "noun.cognition", "noun.communication", "noun.event", "noun.feeling",
    "noun.food", "noun.group", "noun.location", "noun.motive", "noun.object", "noun.person",
    "noun.phenomenon", "noun.plant", "noun.possession", "noun.process", "noun.quantity", "noun.relation",
    "noun.shape", "noun.state", "noun.substance", "noun.time", "verb.body", "verb.change", "verb.cognition",
    "verb.communication", "verb.competition", "verb.consumption", "verb.contact", "verb.creation",
    "verb.emotion", "verb.motion", "verb.perception", "verb.possession", "verb.social", "verb.stative",
    "verb.weather", "adj.ppl",
)


@dataclass(frozen=True, slots=True)
class Pointer:
    symbol: str  # "~" hyponym, "+" derivationally related form, "@" hypernym, ...
    offset: int
    pos: str  # "n", "v", "a", "s", "r"
    source: int  # 1-based word number in this synset, 0: the whole synset (a semantic pointer)
    target: int  # 1-based word number in the target synset, 0: the whole synset


@dataclass(frozen=True, slots=True)
class Synset:
    offset: int
    pos: Pos
    lexname: str
    words: tuple[str, ...]  # lower-case, multiword lemmas joined by "_" as WordNet writes them
    pointers: tuple[Pointer, ...]
    gloss: str


class WordNet:
    """Index and data files of nouns and verbs, read once."""

    def __init__(self, directory: Path = DEFAULT_DIR) -> None:
        self.directory = directory
        self._index: dict[Pos, dict[str, tuple[int, ...]]] = {}
        self._data: dict[Pos, dict[int, Synset]] = {}
        for pos, name in _FILES.items():
            self._index[pos] = _read_index(directory / f"index.{name}")
            self._data[pos] = _read_data(directory / f"data.{name}", pos)  # type: ignore[arg-type]

    def senses(self, lemma: str, pos: Pos) -> tuple[Synset, ...]:
        """The lemma's synsets, most frequent first; () when WordNet lacks the lemma."""
        return tuple(self._data[pos][o] for o in self._index[pos].get(lemma.lower(), ()))

    def rank(self, lemma: str, synset: Synset) -> int | None:
        """1 when ``synset`` is the lemma's most frequent sense, 2 the next ...; None when not its sense."""
        offsets = self._index[synset.pos].get(lemma.lower(), ())
        return offsets.index(synset.offset) + 1 if synset.offset in offsets else None

    def synset(self, offset: int, pos: Pos) -> Synset:
        return self._data[pos][offset]

    def hyponyms(self, synset: Synset) -> tuple[Synset, ...]:
        data = self._data[synset.pos]
        return tuple(data[p.offset] for p in synset.pointers if p.symbol == "~" and p.pos == synset.pos)

    def derived(self, synset: Synset, pos: Pos) -> tuple[tuple[str, Synset], ...]:
        """(word, synset) of ``pos`` that a word of ``synset`` is derivationally related to."""
        out = []
        for p in synset.pointers:
            if p.symbol == "+" and p.pos == pos and p.target:
                target = self._data[pos][p.offset]
                out.append((target.words[p.target - 1], target))
        return tuple(out)


def _read_index(path: Path) -> dict[str, tuple[int, ...]]:
    out: dict[str, tuple[int, ...]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue  # the licence header
        fields = line.split()
        lemma, synset_cnt, p_cnt = fields[0], int(fields[2]), int(fields[3])
        offsets = fields[4 + p_cnt + 2:]
        out[lemma] = tuple(int(o) for o in offsets[:synset_cnt])
    return out


def _read_data(path: Path, pos: Pos) -> dict[int, Synset]:
    out: dict[int, Synset] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        body, _, gloss = line.partition(" | ")
        f = body.split()
        offset, lexnum, w_cnt = int(f[0]), int(f[1]), int(f[3], 16)
        words = tuple(_clean(f[4 + 2 * i]) for i in range(w_cnt))
        i = 4 + 2 * w_cnt
        p_cnt = int(f[i])
        pointers = []
        for j in range(p_cnt):
            symbol, target, tpos, st = f[i + 1 + 4 * j: i + 5 + 4 * j]
            pointers.append(Pointer(symbol, int(target), tpos, int(st[:2], 16), int(st[2:], 16)))
        out[offset] = Synset(offset, pos, LEXNAMES[lexnum], words, tuple(pointers), gloss.strip())
    return out


def _clean(word: str) -> str:
    """WordNet's word as a lemma: lower case, without an adjective marker such as "(a)"."""
    return word.split("(")[0].lower()
