"""Throughput of the whole pipeline against plain spaCy on the same texts, same process count.

    python benchmarks/speed.py [--corpus PATH] [--limit N] [--processes 2] [--rounds 2]

Each measurement runs in a fresh interpreter (so memory is per configuration), alternating
baseline and pipeline for ``--rounds`` rounds; the median of each is reported. The baseline is
``nlp.pipe(texts, n_process=P)`` with the full English pipeline (every component enabled); the
pipeline reads the same JSON Lines records and does everything ``newsevents code`` does
(extraction, NLP, actors, events, dates, places) except printing. Peak memory is the maximum
resident set size of the main process and of the largest worker process.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "synthetic_news.jsonl"


def _texts(path: Path, limit: int) -> list[dict]:
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return records[:limit] if limit else records


def _measure(kind: str, corpus: Path, processes: int, config: Path | None) -> dict:
    texts = [r["text"] for r in _texts(corpus, 0)]
    if kind == "spacy":
        from newsevents.nlp import load_model
        from newsevents.settings import Settings

        nlp = load_model(Settings().nlp)
        start = time.perf_counter()
        n = sum(1 for _ in nlp.pipe(texts, batch_size=Settings().nlp.batch_size, n_process=processes))
        elapsed = time.perf_counter() - start
        events = 0
    else:
        from newsevents.pipeline import Pipeline
        from newsevents.read import read_inputs
        from newsevents.settings import load_settings
        from newsevents.types import Result

        settings = load_settings(config)
        # Loaded before the clock starts, as the baseline's model is; with processes > 1 the workers are
        # forked from this loaded pipeline (on Linux), as spaCy's are from its loaded model.
        pipeline = Pipeline(settings).load()
        start = time.perf_counter()
        n = events = 0
        for r in pipeline.run(read_inputs([str(corpus)], settings.read), n_process=processes):
            n += 1
            events += len(r.events) if isinstance(r, Result) else 0
        elapsed = time.perf_counter() - start
    kb = 1024  # ru_maxrss is in KiB on Linux
    return {"kind": kind, "articles": n, "seconds": elapsed, "articles_per_s": n / elapsed, "events": events,
            "main_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / kb,
            "worker_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / kb}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=1500, help="articles to use (0: all)")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--config", type=Path, help="settings file for the pipeline (e.g. nlp.parse_all)")
    parser.add_argument("--run", choices=("spacy", "pipeline"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(_measure(args.run, args.corpus, args.processes, args.config)))
        return 0
    if not args.corpus.exists():
        print(f"corpus {args.corpus} not found: pass --corpus", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as f:
            for r in _texts(args.corpus, args.limit):
                f.write(json.dumps({"id": r["id"], "text": r["text"]}) + "\n")
        runs: dict[str, list[dict]] = {"spacy": [], "pipeline": []}
        for _ in range(args.rounds):
            for kind in ("spacy", "pipeline"):
                out = subprocess.run([sys.executable, __file__, "--run", kind, "--corpus", str(corpus),
                                      "--processes", str(args.processes),
                                      *(["--config", str(args.config)] if args.config else [])],
                                     check=True, capture_output=True, text=True).stdout
                runs[kind].append(json.loads(out.strip().splitlines()[-1]))
    med = {k: statistics.median(r["articles_per_s"] for r in v) for k, v in runs.items()}
    command = (f"python benchmarks/speed.py --limit {args.limit} --processes {args.processes} --rounds {args.rounds}"
               + (f" --config {args.config}" if args.config else ""))
    print(f"command: {command}")
    print(f"articles: {runs['spacy'][0]['articles']}, processes: {args.processes}, rounds: {args.rounds}")
    for kind in ("spacy", "pipeline"):
        r = runs[kind]
        rates = ", ".join(f"{x['articles_per_s']:.1f}" for x in r)
        print(f"{kind:>9}: {med[kind]:7.1f} articles/s (runs: {rates}); "
              f"peak RSS main {max(x['main_peak_mib'] for x in r):.0f} MiB, "
              f"largest worker {max(x['worker_peak_mib'] for x in r):.0f} MiB"
              + (f"; events {r[0]['events']}" if kind == "pipeline" else ""))
    print(f"ratio pipeline / plain spaCy: {med['pipeline'] / med['spacy']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
