"""newsevents against plain spaCy on the same texts: whole commands, and steady-state throughput.

    python benchmarks/speed.py [--runs 5] [--stories 400] [--corpus PATH]          # whole commands
    python benchmarks/speed.py --throughput [--limit N] [--processes 2] [--rounds 2]

Whole commands (the default; issue 9), start-up included, each a fresh process, baseline and
newsevents alternating for ``--runs`` runs, medians reported with the peak resident set size:

  one article   ``newsevents code examples/ankara-talks.txt`` against a script that loads the same
                spaCy model and parses the same text (``nlp(text)``); goal: time within 1.5x, memory
                within 2x
  N stories     ``newsevents code STORIES.jsonl --workers 2 --format jsonl`` against a script that loads
                the model and runs ``nlp.pipe(texts, n_process=2)`` over the same texts; goal: at least
                as fast (speed ratio = baseline seconds / newsevents seconds >= 1)

Both use the caches newsevents builds on first use (the gazetteer index, the language model); a first
run with an empty cache directory is timed once and reported beside them.

Throughput (``--throughput``): each measurement in a fresh interpreter, alternating baseline and pipeline
for ``--rounds`` rounds, the median of each reported; both load their model before the clock starts.
The baseline is ``nlp.pipe(texts, n_process=P)`` with the full English pipeline (every component
enabled); the pipeline reads the same JSON Lines records and does everything ``newsevents code`` does
(extraction, NLP, actors, events, dates, places) except printing. Peak memory is the maximum resident
set size of the main process and of the largest worker process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "synthetic_news.jsonl"
ONE_ARTICLE = ROOT / "examples" / "ankara-talks.txt"

# The baselines: plain spaCy, the same model, nothing of newsevents imported.
_PLAIN_ONE = "import sys, spacy\nnlp = spacy.load(sys.argv[1])\nnlp(open(sys.argv[2], encoding='utf-8').read())\n"
_PLAIN_MANY = ("import json, sys, spacy\nnlp = spacy.load(sys.argv[1])\n"
               "texts = [json.loads(line)['text'] for line in open(sys.argv[2], encoding='utf-8') if line.strip()]\n"
               "for _ in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[3])):\n    pass\n")


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


# Where a start goes: CPU seconds of each step of what `newsevents code` does before its first article,
# in a fresh interpreter, in order (imports first, then each stage Pipeline.load builds).
_PHASES = """
import json, time
t = time.process_time()
out = {}
def lap(name):
    global t
    now = time.process_time(); out[name] = round(now - t, 3); t = now
from newsevents.cli.app import build_app
build_app(); lap("the CLI (typer, settings)")
import spacy; lap("import spaCy")
import newsevents.pipeline; lap("import the stages (trafilatura, ...)")
from newsevents.actors import ActorKnowledge
from newsevents.events.codebook import Codebook
from newsevents.events.patterns import VerbPatterns
from newsevents.extract import Extractor
from newsevents.geo import Gazetteer
from newsevents.knowledge.countries import Countries
from newsevents.nlp import load_model
from newsevents.settings import Settings
from newsevents.when import DateResolver
s = Settings(); c = Countries.load(); lap("countries")
Gazetteer.load(c, s.geo); lap("gazetteer (mapped index)")
ActorKnowledge.load(c, ()); lap("actor dictionaries")
VerbPatterns.load(Codebook.load()); lap("verb patterns")
Extractor(s.extract); DateResolver(); lap("extractor (language model), dates")
load_model(s.nlp); lap("the spaCy model")
print(json.dumps(out))
"""


def _timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB, the largest of the process and its workers) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):  # 1: some input failed, which the comparison still counts
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}): {stderr[-2000:]}")
    return seconds, usage.ru_maxrss / 1024  # KiB on Linux


def _compare(baseline: list[str], ours: list[str], runs: int) -> dict[str, float]:
    times: dict[str, list[float]] = {"baseline": [], "ours": []}
    peaks: dict[str, list[float]] = {"baseline": [], "ours": []}
    for _ in range(runs):
        for kind, command in (("baseline", baseline), ("ours", ours)):
            seconds, peak = _timed(command)
            times[kind].append(seconds)
            peaks[kind].append(peak)
    med = {k: statistics.median(v) for k, v in times.items()}
    peak = {k: max(v) for k, v in peaks.items()}
    for kind, label in (("baseline", "plain spaCy"), ("ours", "newsevents")):
        print(f"  {label:>11}: {med[kind]:6.2f} s (runs: {', '.join(f'{t:.2f}' for t in times[kind])}); "
              f"peak RSS {peak[kind]:.0f} MiB")
    return {"time_ratio": med["ours"] / med["baseline"], "memory_ratio": peak["ours"] / peak["baseline"],
            "speed_ratio": med["baseline"] / med["ours"]}


def commands(args: argparse.Namespace) -> int:
    from newsevents.nlp import model_name
    from newsevents.settings import Settings

    model = model_name(Settings().nlp)
    cli = [sys.executable, "-m", "newsevents.cli"]
    load = os.getloadavg()
    print(f"command: python benchmarks/speed.py --runs {args.runs} --stories {args.stories}")
    print(f"machine: {os.cpu_count()} CPUs, load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} "
          f"(1/5/15 min) at the start; model {model}")
    _timed([*cli, "code", str(ONE_ARTICLE), "--format", "jsonl"])  # builds the caches if they are missing
    with tempfile.TemporaryDirectory() as cold:
        env = {**os.environ, "XDG_CACHE_HOME": cold}
        first, _ = _timed([*cli, "code", str(ONE_ARTICLE)], env)
        warm, _ = _timed([*cli, "code", str(ONE_ARTICLE)])
    print(f"first run with an empty cache (builds the gazetteer index and the language model): {first:.2f} s, "
          f"then {warm:.2f} s")
    phases = [json.loads(subprocess.run([sys.executable, "-c", _PHASES], check=True, capture_output=True,
                                        text=True).stdout) for _ in range(args.runs)]
    print("start-up, CPU seconds by step (median of the runs, each a fresh interpreter):")
    for name in phases[0]:
        print(f"  {name:>38}: {statistics.median(p[name] for p in phases):.3f}")
    print(f"one article ({ONE_ARTICLE.relative_to(ROOT)}, {len(ONE_ARTICLE.read_text(encoding='utf-8').split())} "
          f"words), `newsevents code FILE` against load + nlp(text):")
    one = _compare([sys.executable, "-c", _PLAIN_ONE, model, str(ONE_ARTICLE)],
                   [*cli, "code", str(ONE_ARTICLE)], args.runs)
    print(f"  time ratio {one['time_ratio']:.2f} (goal <= 1.5), memory ratio {one['memory_ratio']:.2f} (goal <= 2)")
    if not args.corpus.exists():
        print(f"corpus {args.corpus} not found: pass --corpus for the {args.stories}-story comparison",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "stories.jsonl"
        with corpus.open("w", encoding="utf-8") as f:
            for r in _texts(args.corpus, args.stories):
                f.write(json.dumps({"id": r["id"], "text": r["text"]}) + "\n")
        print(f"{args.stories} stories, 2 processes, `newsevents code FILE --workers 2 --format jsonl` against "
              "load + nlp.pipe(texts, n_process=2):")
        many = _compare([sys.executable, "-c", _PLAIN_MANY, model, str(corpus), "2"],
                        [*cli, "code", str(corpus), "--workers", "2", "--format", "jsonl"], args.runs)
    print(f"  speed ratio (plain seconds / newsevents seconds) {many['speed_ratio']:.2f} (goal >= 1)")
    load = os.getloadavg()
    print(f"load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--throughput", action="store_true", help="steady-state throughput instead of commands")
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (median reported)")
    parser.add_argument("--stories", type=int, default=400, help="stories in the multi-process comparison")
    parser.add_argument("--limit", type=int, default=1500, help="articles to use (0: all)")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--config", type=Path, help="settings file for the pipeline (e.g. nlp.parse_all)")
    parser.add_argument("--run", choices=("spacy", "pipeline"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        print(json.dumps(_measure(args.run, args.corpus, args.processes, args.config)))
        return 0
    if not args.throughput:
        return commands(args)
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
    command = (f"python benchmarks/speed.py --throughput --limit {args.limit} --processes {args.processes} "
               f"--rounds {args.rounds}"
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
