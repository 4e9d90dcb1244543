"""Propose verb and noun patterns from WordNet for the CAMEO codes' seed senses (a developer tool).

    make lexicon                                     # installs Debian's wordnet-base, then runs:
    python tools/expand_lexicon.py [--seeds FILE] [--wordnet DIR] [--out FILE] [--check]
    python tools/expand_lexicon.py --show WORD[/v|/n] ...   # a word's senses, to choose seeds

Reads ``tools/lexicon_seeds.yaml`` (for each CAMEO code, the WordNet senses that mean it, chosen by a
person from the CAMEO codebook's description of the code, and the words a person rejected on review)
and WordNet 3.0 from ``/usr/share/wordnet`` (Debian's ``wordnet-base``), and writes
``src/newsevents/events/data/wordnet_verbs.yaml``, a pattern file in the verbs_*.yaml syntax. For each
seed sense it proposes the words of the same synset, of its direct hyponyms, and, for verbs, the
nouns derivationally related to them. A proposed word is kept only when

  - the synset is among the word's ``max_rank`` most frequent senses (WordNet orders a word's senses by
    their frequency in its sense-tagged corpora), so a rare reading of a common word never joins,
  - the synset's lexicographer file is one the seed allows (verb.communication, verb.social, ...;
    nouns: noun.act, noun.event, noun.communication), so agent nouns (negotiator) and objects stay out,
  - it is one word, or a phrasal verb whose second word is a particle listed in the seeds,
  - the seeds do not reject it for that code, and no other code proposes it too (such words are
    listed in the output's header and left to the hand-written files).

The package loads the file beside the hand-written verbs_*.yaml, which win: a head lemma that a
hand-written file has is never read from this one (events/patterns.py). Nothing here runs at run time.
``--check`` exits 1 when the committed file differs from what this run would write.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from wordnet_db import DEFAULT_DIR, Pos, Synset, WordNet  # a sibling build module

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS = REPO / "tools" / "lexicon_seeds.yaml"
DEFAULT_OUT = REPO / "src" / "newsevents" / "events" / "data" / "wordnet_verbs.yaml"


@dataclass(frozen=True, slots=True)
class Proposal:
    code: str
    kind: str  # "verb" or "noun"
    lemma: str  # head lemma as the pattern writes it: "negotiate", "back down"
    origin: str  # "negotiate#v1 synonym", "negotiate#v1 hyponym", "negotiate#v1 noun of bargain"
    distance: int  # 0: a word of the seed synset or its noun, 1: reached through a hyponym


def expand(wn: WordNet, seeds: Mapping[str, Any]) -> tuple[list[Proposal], list[str]]:
    """Every kept proposal, in seed order, and the words dropped because two codes proposed them."""
    defaults = seeds.get("defaults", {})
    particles = frozenset(defaults.get("particles", ()))
    by_word: dict[tuple[str, str], list[Proposal]] = {}
    for code, spec in seeds["codes"].items():
        rules = {**defaults, **spec}
        rejected = frozenset(spec.get("reject", ()))
        if not all(isinstance(w, str) for w in rejected):
            # YAML reads a bare off/no/yes as a boolean: the word would silently stay in.
            raise SystemExit(f"lexicon seeds, code {code}: reject holds {sorted(map(repr, rejected))}; quote "
                             "every word that YAML could read as a boolean or number ('off', 'no')")
        seen: set[tuple[str, str]] = set()
        for sense in spec.get("senses", ()):
            for kind, word, synset, how in _candidates(wn, sense, rules):
                lemma = _lemma(word, kind, particles)
                if lemma is None or lemma in rejected or (kind, lemma) in seen:
                    continue
                if not _allowed(wn, word, synset, rules):
                    continue
                seen.add((kind, lemma))
                distance = 1 if "hyponym" in how else 0
                by_word.setdefault((kind, lemma), []).append(Proposal(code, kind, lemma, f"{sense} {how}", distance))
    kept: list[Proposal] = []
    shared: list[str] = []
    for (kind, lemma), proposals in by_word.items():
        # A word that one code's seed synset holds and another code reaches only through a hyponym belongs
        # to the first: the narrower code's own sense ("mediate" is 045, though negotiating includes it).
        nearest = min(p.distance for p in proposals)
        proposals = [p for p in proposals if p.distance == nearest]
        codes = sorted({p.code for p in proposals})
        if len(codes) > 1:
            shared.append(f"{kind} {lemma}: {', '.join(codes)}")
        else:
            kept.append(proposals[0])
    return kept, sorted(shared)


def _candidates(wn: WordNet, sense: str, rules: Mapping[str, Any]) -> list[tuple[str, str, Synset, str]]:
    """(kind, WordNet word, synset, how found) for one seed sense written "lemma#v1" / "lemma#n2"."""
    synset = _sense(wn, sense)
    kind = "verb" if synset.pos == "v" else "noun"
    out = [(kind, w, synset, "synonym") for w in synset.words]
    if rules.get("hyponyms", True):
        out += [(kind, w, h, "hyponym") for h in wn.hyponyms(synset) for w in h.words]
    if synset.pos == "v" and rules.get("nouns", True):
        out += [("noun", w, n, "noun of " + synset.words[0]) for w, n in wn.derived(synset, "n")]
        if rules.get("hyponyms", True):
            out += [("noun", w, n, "noun of hyponym " + h.words[0]) for h in wn.hyponyms(synset)
                    for w, n in wn.derived(h, "n")]
    return out


def _sense(wn: WordNet, sense: str) -> Synset:
    lemma, _, tag = sense.partition("#")
    pos: Pos = "v" if tag[:1] == "v" else "n"
    senses = wn.senses(lemma, pos)
    number = int(tag[1:] or 0)
    if tag[:1] not in ("v", "n") or not 1 <= number <= len(senses):
        raise SystemExit(f"lexicon seeds: {sense!r} names no WordNet sense; write lemma#v1 or lemma#n2 "
                         f"(run --show {lemma}/{pos})")
    return senses[number - 1]


def _allowed(wn: WordNet, word: str, synset: Synset, rules: Mapping[str, Any]) -> bool:
    lexnames = rules["verb_lexnames"] if synset.pos == "v" else rules["noun_lexnames"]
    rank = wn.rank(word, synset)
    return synset.lexname in lexnames and rank is not None and rank <= int(rules["max_rank"])


def _lemma(word: str, kind: str, particles: frozenset[str]) -> str | None:
    """The pattern head for a WordNet word: itself, "back down" for a phrasal verb, or None."""
    parts = word.split("_")
    if not all(p.isalpha() and p.isascii() for p in parts):
        return None
    if len(parts) == 1:
        return word
    if kind == "verb" and len(parts) == 2 and parts[1] in particles:
        return f"{parts[0]} {parts[1]}"
    return None


def render(kept: Sequence[Proposal], shared: Sequence[str], seeds: Mapping[str, Any],
           codebook: Mapping[str, str]) -> str:
    """The pattern file, one pattern a line with where it came from."""
    lines = [
        "# GENERATED by tools/expand_lexicon.py from tools/lexicon_seeds.yaml and WordNet 3.0; do not edit:",
        "# change the seeds (a sense, or a word rejected on review) and run `make lexicon`.",
        "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Licence: WORDNET_LICENSE.txt.",
        "# Loaded after the hand-written verbs_*.yaml, which win: a head (lemma and particles) they have is not read.",
        "# Syntax: docs/verb_patterns.md. Each line names the seed sense and how the word was reached.",
    ]
    if shared:
        lines.append("# Proposed for two codes and left out (a hand-written file may take them):")
        lines += [f"#   {s}" for s in shared]
    for code, spec in seeds["codes"].items():
        mine = [p for p in kept if p.code == code]
        if not mine:
            continue
        lines.append(f'"{code}":  # {codebook.get(code, "")}')
        for kind, section in (("verb", "verbs"), ("noun", "nouns")):
            rows = [p for p in mine if p.kind == kind]
            if not rows:
                continue
            forms = spec.get(f"{kind}_forms", seeds["defaults"].get(f"{kind}_forms", [""]))
            lines.append(f"  {section}:")
            for p in rows:
                for form in forms:
                    text = f"{p.lemma} {form}".strip()
                    lines.append(f'    - "{text}"  # {p.origin}')
    return "\n".join(lines) + "\n"


def _codebook_names() -> dict[str, str]:
    import csv

    path = REPO / "src" / "newsevents" / "events" / "data" / "cameo.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return {row["code"]: row["name"] for row in csv.DictReader(f)}


def show(wn: WordNet, words: Sequence[str]) -> None:
    for arg in words:
        lemma, _, tag = arg.partition("/")
        pos: Pos = "n" if tag == "n" else "v"
        for i, s in enumerate(wn.senses(lemma, pos), 1):
            hypo = sorted({w for h in wn.hyponyms(s) for w in h.words})
            print(f"{lemma}#{pos}{i}  {s.lexname}  {', '.join(s.words)}  | {s.gloss}\n    hyponyms: {', '.join(hypo)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--wordnet", type=Path, default=DEFAULT_DIR, help="WordNet 3.0 dict folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if --out differs from this run's output")
    parser.add_argument("--show", nargs="+", metavar="WORD", help="print a word's senses and stop")
    args = parser.parse_args(argv)
    if not (args.wordnet / "index.verb").is_file():
        print(f"WordNet 3.0 is not in {args.wordnet}: apt-get install wordnet-base (or run `make lexicon`)",
              file=sys.stderr)
        return 2
    wn = WordNet(args.wordnet)
    if args.show:
        show(wn, args.show)
        return 0
    seeds = yaml.safe_load(args.seeds.read_text(encoding="utf-8"))
    seeds["codes"] = {str(k): v for k, v in seeds["codes"].items()}
    kept, shared = expand(wn, seeds)
    text = render(kept, shared, seeds, _codebook_names())
    if args.check:
        same = args.out.is_file() and args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'up to date' if same else 'differs from the seeds; run make lexicon'}")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}: {len(kept)} words for {len({p.code for p in kept})} codes, {len(shared)} left out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
