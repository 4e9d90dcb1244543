"""Where the pipeline's time goes, stage by stage, in one process on the same texts.

    python benchmarks/stages.py [--corpus PATH] [--limit 200]

Prints seconds per stage (extraction, the model, actors, places, the event coder, dates and places of
events) and, in the same run, plain ``nlp.pipe`` over the same texts for comparison.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "synthetic_news.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"corpus {args.corpus} not found: pass --corpus", file=sys.stderr)
        return 2
    from newsevents.pipeline import Pipeline, _sentence_spans
    from newsevents.read import read_inputs
    from newsevents.settings import Settings
    from newsevents.types import Document

    settings = Settings()
    pipeline = Pipeline(settings).load()
    stages = pipeline._stages
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with args.corpus.open(encoding="utf-8") as src, corpus.open("w", encoding="utf-8") as dst:
            for _, line in zip(range(args.limit), src, strict=False):
                r = json.loads(line)
                dst.write(json.dumps({"id": r["id"], "text": r["text"]}) + "\n")
        docs_in = [d for d in read_inputs([str(corpus)], settings.read) if isinstance(d, Document)]
    seconds: dict[str, float] = defaultdict(float)
    texts = [stages.extractor.extract(d).text for d in docs_in[:20]]
    list(pipeline.nlp.pipe(texts)), list(pipeline.annotator.pipe(texts))  # warm both up before timing
    t = time.perf_counter()
    articles = [stages.extractor.extract(d) for d in docs_in]
    seconds["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    docs = list(pipeline.annotator.pipe(a.text for a in articles))
    seconds["model (Annotator)"] = time.perf_counter() - t
    for article, doc in zip(articles, docs, strict=True):
        t = time.perf_counter()
        doc_actors = stages.resolver.analyse(doc, None)
        seconds["actors"] += time.perf_counter() - t
        t = time.perf_counter()
        places = stages.geocoder.places(doc, doc_actors)
        seconds["places"] += time.perf_counter() - t
        t = time.perf_counter()
        coded = stages.coder.code(doc, doc_actors, places)
        seconds["event coder"] += time.perf_counter() - t
        t = time.perf_counter()
        sentences = _sentence_spans(doc)
        for k, ce in enumerate(coded):
            pipeline._event(article.doc_id, article.text, k, ce, doc, sentences, places, doc_actors, None)
        seconds["event dates and places"] += time.perf_counter() - t
    total = sum(seconds.values())
    print(f"command: python benchmarks/stages.py --limit {args.limit}")
    for name, s in seconds.items():
        print(f"{name:>24}: {s:6.2f} s {100 * s / total:5.1f}%")
    t = time.perf_counter()
    list(pipeline.nlp.pipe([a.text for a in articles], batch_size=settings.nlp.batch_size))
    print(f"{'plain nlp.pipe':>24}: {time.perf_counter() - t:6.2f} s (same texts, same process)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
