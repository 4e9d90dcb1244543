"""Parsing one very long article: the Annotator's pieces against the same pieces as one model batch.

    python benchmarks/long_article.py [--copies 40000] [--code]

The text is issue 7's: "Police arrested protesters. " repeated (40,000 times: 1.12 million characters,
over the model's max_length of 1,000,000). Each way runs in its own process, so that the peak resident
memory printed is that way's alone:

- annotator: ``Annotator.pipe`` as the pipeline runs it (pieces of 100,000 characters, parsed one at a
  time, joined with ``Doc.from_docs``);
- one batch: the same pieces handed to ``nlp.pipe`` as one batch, then joined (what the Annotator did
  before it capped a batch's characters).

``--code`` also runs ``newsevents code`` on the file and prints its wall time, CPU time and peak memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = "Police arrested protesters. "


def _child(mode: str, copies: int) -> None:
    from spacy.tokens import Doc

    from newsevents.nlp import PIECE_CHARS, Annotator, load_model, split_text
    from newsevents.settings import NlpSettings

    nlp = load_model(NlpSettings())
    text = SENTENCE * copies
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    started, cpu = time.monotonic(), time.process_time()
    if mode == "annotator":
        (doc,) = Annotator(nlp).pipe([text])
    else:
        doc = Doc.from_docs(list(nlp.pipe(split_text(text, PIECE_CHARS), batch_size=64)), ensure_whitespace=False)
    assert doc.text == text
    print(json.dumps({"mode": mode, "seconds": time.monotonic() - started, "cpu_seconds": time.process_time() - cpu,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                      "model_loaded_mb": loaded, "tokens": len(doc)}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=40_000)
    parser.add_argument("--code", action="store_true", help="also time `newsevents code` on the file")
    parser.add_argument("--child", choices=["annotator", "one-batch"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.copies)
        return 0
    print(f"text: {SENTENCE!r} x {args.copies:,} = {len(SENTENCE) * args.copies:,} characters")
    runs = {}
    for mode in ("one-batch", "annotator"):
        out = subprocess.run([sys.executable, __file__, "--child", mode, "--copies", str(args.copies)],
                             capture_output=True, text=True, check=True)
        runs[mode] = json.loads(out.stdout.strip().splitlines()[-1])
        r = runs[mode]
        print(f"{mode:>10}: {r['seconds']:.1f} s wall, {r['cpu_seconds']:.1f} s CPU, peak {r['peak_mb']:,} MB "
              f"(model loaded: {r['model_loaded_mb']:,} MB), {r['tokens']:,} tokens")
    a, b = runs["annotator"], runs["one-batch"]
    print(f"annotator / one batch: peak memory {a['peak_mb'] / b['peak_mb']:.2f}, "
          f"CPU time {a['cpu_seconds'] / b['cpu_seconds']:.2f}")
    if args.code:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "b.txt"
            path.write_text(SENTENCE * args.copies + "\n", encoding="utf-8")
            # A wrapper process whose only child is the command, so its children's peak memory is the command's.
            wrapper = ("import json, resource, subprocess, sys, time; t = time.monotonic(); "
                       "d = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
                       "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
                       "print(json.dumps({'rc': d.returncode, 'events': len(d.stdout.splitlines()), "
                       "'seconds': time.monotonic() - t, 'cpu_seconds': u.ru_utime + u.ru_stime, "
                       "'peak_mb': u.ru_maxrss // 1024}))")
            out = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m", "newsevents.cli", "code",
                                  str(path), "--format", "jsonl"], capture_output=True, text=True, check=True)
            r = json.loads(out.stdout)
        print(f"newsevents code: exit {r['rc']}, {r['events']:,} events, {r['seconds']:.1f} s wall, "
              f"{r['cpu_seconds']:.1f} s CPU, peak {r['peak_mb']:,} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
