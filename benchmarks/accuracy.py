"""The accuracy gate: every gold set scored through `newsevents eval`'s code, checked against pinned floors.

    python benchmarks/accuracy.py [--only SET] [--json] [--worst N] [--write-docs]
                                  [--update-floors [--allow-regression]]

Sets: every ``*.jsonl`` in ``../shared/gold`` (named by file stem, e.g. ``plover_gsr.dev``; events or
places by the records' shape), each also reported as its two fixed halves (``plover_gsr.dev/work``,
``plover_gsr.dev/check``: see ``newsevents.evaluate.halves``; look at the work half's sentences, only
at the check half's numbers), and ``seed``, the example article ``../shared/seed/blinken-iraq.txt``
coded with ``--date`` = its gold's publication date and scored by the referee's seed rules. A
missing folder or file is skipped with a message. Metrics come from ``newsevents.evaluate``, the
library behind ``newsevents eval``; floors from ``benchmarks/accuracy_floors.json``.

Prints a table (set, metric, value, floor, status) and the command; exits 1 when a metric is below
its floor (or above its ceiling), 2 on a usage error. ``--update-floors`` raises floors to the
measured values and never lowers them; ``--allow-regression`` with it lowers them too.
``--write-docs`` replaces the "## Accuracy" section of docs/benchmarks.md with this run's table.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from newsevents.errors import NewsEventsError
from newsevents.evaluate import Check, check, evaluate_halves, gate_metrics, load_floors, save_floors, updated
from newsevents.evaluate.gate import Change
from newsevents.evaluate.gold import detect_kind
from newsevents.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD_DIR = SHARED / "gold"
SEED_GOLD = SHARED / "seed" / "blinken-iraq.gold.json"
FLOORS = ROOT / "benchmarks" / "accuracy_floors.json"
DOCS = ROOT / "docs" / "benchmarks.md"
SECTION = "## Accuracy"


def _sets(gold_dir: Path, seed: Path) -> tuple[list[tuple[str, Path]], list[str]]:
    """(name, gold file) of every set found, and a message for each one missing."""
    found: list[tuple[str, Path]] = []
    missing = []
    if gold_dir.is_dir():
        found += [(p.stem, p) for p in sorted(gold_dir.glob("*.jsonl"))]
    else:
        missing.append(f"skipped the gold sets: {gold_dir} is absent")
    if seed.is_file() and seed.with_name(seed.name.removesuffix(".gold.json") + ".txt").is_file():
        found.append(("seed", seed))
    else:
        missing.append(f"skipped the seed: {seed} (or its .txt) is absent")
    return found, missing


def _measure(sets: list[tuple[str, Path]], worst: int) -> tuple[dict[str, dict[str, float]], dict[str, Any]]:
    from newsevents.evaluate.run import make_pipeline

    settings = Settings()
    pipeline = make_pipeline(settings)  # one model for every set; the seed builds its own (its --date)
    measured: dict[str, dict[str, float]] = {}
    reports: dict[str, Any] = {}
    for name, path in sets:
        start = time.perf_counter()
        kind = detect_kind(path)
        halves = (None,) if kind == "seed" else (None, "work", "check")
        by_half = evaluate_halves(path, kind=kind, settings=settings, pipeline=pipeline, worst=worst,
                                  halves=halves)
        seconds = round(time.perf_counter() - start, 1)
        for half, report in by_half.items():
            label = name if half is None else f"{name}/{half}"
            report["seconds"] = seconds
            measured[label] = gate_metrics(report)
            reports[label] = report
        failed = len(by_half[None].get("failures", []))
        print(f"{name}: {kind}, {seconds} s" + (f", {failed} documents not coded" if failed else ""),
              file=sys.stderr)
    return measured, reports


def _fmt(v: float | None, metric: str = "") -> str:
    if v is None:
        return "-"
    if metric.endswith("_km"):
        return f"{v:.1f}"
    return str(v) if isinstance(v, int) else f"{v:.4f}"  # counts as counts, shares with 4 places


def _bound(c: Check) -> str:
    if c.bound is None:
        return ""
    return ("≥ " if c.bound.kind == "floor" else "≤ ") + _fmt(c.bound.value, c.metric)


def _table(checks: list[Check]) -> list[list[str]]:
    return [[c.set_name, c.metric, _fmt(c.value, c.metric), _bound(c), c.status] for c in checks]


def _text_table(rows: list[list[str]]) -> str:
    head = ["set", "metric", "value", "floor", "status"]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in [head, *rows])


def _markdown(rows: list[list[str]], command: str) -> str:
    lines = [SECTION, "",
             f"Measured {date.today().isoformat()} on {platform.machine()} with {os.cpu_count()} CPUs "
             f"(Python {platform.python_version()}), by:", "", f"    {command}", "",
             "| set | metric | value | floor | status |", "|---|---|---|---|---|"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def write_docs(section: str, path: Path = DOCS) -> None:
    """Replace the "## Accuracy" section of ``path`` (up to the next "## " heading), or append it."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip() == SECTION), None)
    if start is None:
        new = text.rstrip("\n") + "\n\n" + section
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        tail = "".join(lines[end:])
        new = "".join(lines[:start]) + section + ("\n" + tail if tail else "")
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", metavar="SET", help="run one set (plover_gsr.dev, seed, ...)")
    parser.add_argument("--json", action="store_true", help="print machine-readable results on stdout")
    parser.add_argument("--worst", type=int, default=10, help="worst cases kept in --json reports")
    parser.add_argument("--update-floors", action="store_true", help="raise floors to the measured values")
    parser.add_argument("--allow-regression", action="store_true", help="with --update-floors: lower them too")
    parser.add_argument("--write-docs", action="store_true", help=f"write the table into {DOCS.relative_to(ROOT)}")
    parser.add_argument("--gold-dir", type=Path, default=GOLD_DIR, help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=Path, default=SEED_GOLD, help=argparse.SUPPRESS)
    parser.add_argument("--floors", type=Path, default=FLOORS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.allow_regression and not args.update_floors:
        print("--allow-regression only makes sense with --update-floors", file=sys.stderr)
        return 2
    command = "python benchmarks/accuracy.py" + "".join(f" {shlex.quote(a)}" for a in (argv or sys.argv[1:]))

    sets, missing = _sets(args.gold_dir, args.seed)
    for line in missing:
        print(line, file=sys.stderr)
    if args.only:
        if args.only not in {name for name, _ in sets}:
            known = ", ".join(name for name, _ in sets) or "none found"
            print(f"--only {args.only}: no such set ({known})", file=sys.stderr)
            return 0 if missing and not sets else 2
        sets = [(name, path) for name, path in sets if name == args.only]
    if not sets:
        print("nothing to measure", file=sys.stderr)
        return 0
    try:
        floors = load_floors(args.floors)
        measured, reports = _measure(sets, args.worst)
    except NewsEventsError as exc:
        print(f"accuracy: {exc}", file=sys.stderr)
        return 2
    changes: list[Change] = []
    if args.update_floors:
        floors, changes = updated(floors, measured, allow_regression=args.allow_regression)
        save_floors(args.floors, floors)
        for c in changes:
            verb = "set" if c.applied else "REFUSED (a regression; add --allow-regression to accept it)"
            print(f"floor {c.set_name} {c.metric}: {_fmt(c.old)} -> {_fmt(c.new)} {verb}", file=sys.stderr)
    checks = check(measured, floors)
    rows = _table(checks)
    failed = [c for c in checks if c.failed]
    if args.json:
        print(json.dumps({"command": command, "passed": not failed, "sets": reports,
                          "checks": [{"set": c.set_name, "metric": c.metric, "value": c.value,
                                      "bound": None if c.bound is None else {c.bound.kind: c.bound.value},
                                      "status": c.status} for c in checks],
                          "floor_changes": [{"set": c.set_name, "metric": c.metric, "old": c.old, "new": c.new,
                                             "applied": c.applied} for c in changes]}, indent=1, ensure_ascii=False))
    else:
        print(_text_table(rows))
        print(f"\n{command}")
        print(f"{len(failed)} metric(s) below their floor" if failed else "all floors met")
    if args.write_docs:
        write_docs(_markdown(rows, command.replace(" --write-docs", "")))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
