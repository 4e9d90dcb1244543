"""What the WordNet supplement (events/data/wordnet_verbs.yaml) adds, on news nobody tuned it to.

    python benchmarks/lexicon_ab.py [--corpus PATH] [--limit 600] [--verdicts FILE] [--jsonl FILE]

Parses the first ``--limit`` stories of the unlabelled corpus (``../shared/corpus/synthetic_news.jsonl``)
once, and codes each parse twice in the same process: with the hand-written pattern files alone and with
the supplement beside them, as the package loads them. Prints the events each way and every event that
only one of them prints, with its sentence and trigger, for judging. ``--verdicts`` reads judgements
(JSON Lines ``{"doc", "trigger": [start, end], "cameo", "right": true|false, "note"}``, keyed by offsets,
never text) and prints how many of the added events are right; ``--jsonl`` writes the differing events
(ids, offsets and codes only). The dev sets barely use the words the supplement adds, so this is where
its precision is judged (docs/verb_patterns.md, "Patterns from WordNet").
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "synthetic_news.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=600)
    parser.add_argument("--verdicts", type=Path, help="judgements of the added events (JSON Lines)")
    parser.add_argument("--jsonl", type=Path, help="write the differing events here")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"corpus {args.corpus} not found: pass --corpus", file=sys.stderr)
        return 2
    from newsevents.events.codebook import Codebook
    from newsevents.events.coder import EventCoder
    from newsevents.events.patterns import VerbPatterns, default_pattern_files
    from newsevents.knowledge.countries import Countries
    from newsevents.pipeline import Pipeline
    from newsevents.settings import Settings

    settings = Settings()
    pipeline = Pipeline(settings).load()
    stages = pipeline._stages
    codebook = Codebook.load()
    hand_only = EventCoder(settings.events, VerbPatterns.load(codebook, default_pattern_files(), ()),
                           stages.resolver, max_sentence_chars=settings.nlp.max_sentence_chars,
                           countries=Countries.load())
    with_supplement = stages.coder
    stories = []
    with args.corpus.open(encoding="utf-8") as f:
        for _, line in zip(range(args.limit), f, strict=False):
            record = json.loads(line)
            stories.append((str(record["id"]), str(record["text"])))
    counts = {"hand-written only": 0, "with the supplement": 0}
    differing: list[dict[str, Any]] = []
    for (doc_id, text), doc in zip(stories, pipeline.annotator.pipe(t for _, t in stories), strict=True):
        doc_actors = stages.resolver.analyse(doc, None)
        places = stages.geocoder.places(doc, doc_actors)
        a = {_key(e): e for e in hand_only.code(doc, doc_actors, places)}
        b = {_key(e): e for e in with_supplement.code(doc, doc_actors, places)}
        counts["hand-written only"] += len(a)
        counts["with the supplement"] += len(b)
        for side, mine, other in (("added", b, a), ("lost", a, b)):
            for key in sorted(set(mine) - set(other)):
                e = mine[key]
                differing.append({"side": side, "doc": doc_id, "trigger": list(key[0]), "cameo": key[1],
                                  "pattern": e.pattern, "shown": _shown(text, e)})
    verdicts = _verdicts(args.verdicts) if args.verdicts else {}
    print(f"command: python benchmarks/lexicon_ab.py --limit {args.limit}"
          + (f" --verdicts {args.verdicts}" if args.verdicts else ""))
    print(f"stories: {len(stories)}")
    for name, n in counts.items():
        print(f"events, {name}: {n}")
    added = [d for d in differing if d["side"] == "added"]
    print(f"added by the supplement: {len(added)}; lost: {len(differing) - len(added)}")
    if verdicts:
        judged = [verdicts[(d["doc"], tuple(d["trigger"]), d["cameo"])] for d in added
                  if (d["doc"], tuple(d["trigger"]), d["cameo"]) in verdicts]
        right = sum(judged)
        print(f"added events judged: {len(judged)} of {len(added)}; right: {right}"
              + (f" ({right / len(judged):.0%})" if judged else ""))
    for d in differing:
        mark = ""
        if (d["doc"], tuple(d["trigger"]), d["cameo"]) in verdicts:
            mark = " [right]" if verdicts[(d["doc"], tuple(d["trigger"]), d["cameo"])] else " [wrong]"
        print(f"\n{d['side']} {d['doc']} {d['trigger']} {d['cameo']} ({d['pattern']}){mark}\n  {d['shown']}",
              file=sys.stderr)
    if args.jsonl:
        with args.jsonl.open("w", encoding="utf-8") as f:
            for d in differing:
                f.write(json.dumps({k: d[k] for k in ("side", "doc", "trigger", "cameo")}) + "\n")
    return 0


def _key(event: Any) -> tuple[tuple[int, int], str]:
    return (event.trigger_start, event.trigger_end), str(event.code)


def _shown(text: str, event: Any) -> str:
    s0, s1, t0, t1 = event.sent_start, event.sent_end, event.trigger_start, event.trigger_end
    return " ".join((text[s0:t0] + "[[" + text[t0:t1] + "]]" + text[t1:s1]).split())


def _verdicts(path: Path) -> dict[tuple[str, tuple[int, ...], str], bool]:
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            v = json.loads(line)
            out[(str(v["doc"]), tuple(v["trigger"]), str(v["cameo"]))] = bool(v["right"])
    return out


if __name__ == "__main__":
    sys.exit(main())
