"""The real-news hand check (issue 8): code 30 GeoWebNews articles, score the output against verdicts a
person wrote, and list what nobody has judged yet.

    python benchmarks/handcheck.py [--predictions FILE] [--save-predictions FILE] [--unjudged FILE]
                                   [--details] [--markdown] [--json]

The articles are in ``benchmarks/handcheck/articles.json`` (15 of each fixed half of
``../shared/gold/geowebnews.dev.jsonl``, see ``newsevents.evaluate.halves``); each is coded as a
clean text without a publication date, by ``newsevents code --format jsonl`` on JSON Lines records
``{"id", "text"}``, so offsets index the gold ``text``. The verdicts
(``benchmarks/handcheck/verdicts.jsonl``, one per judged trigger) and the salient events
(``benchmarks/handcheck/salient.jsonl``) hold document ids and offsets, never article text; the
sentences shown for judging are read from the gold file at run time.

Prints the measures per half and overall, the error categories, and every printed event no verdict
covers (with its sentence, trigger marked, and what the coder said). ``--unjudged FILE`` appends a
stub verdict for each of them to FILE, prefilled with the coder's answer and marked ``"todo"``
(ignored until the key is deleted). ``--predictions FILE`` scores saved output of ``newsevents
code --format jsonl`` instead of coding; ``--save-predictions FILE`` keeps what was coded.
``--details`` lists every judged event with what was wrong. ``--markdown`` prints the tables for
docs/accuracy.md. Exits 0, or 2 when a verdict file is malformed; with ``../shared`` absent it
says so and exits 0. How to judge: docs/handcheck.md.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import handcheck_score as hs  # the scoring half, importable without a model
from newsevents.errors import NewsEventsError
from newsevents.evaluate.halves import HALVES, half_of

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "gold" / "geowebnews.dev.jsonl"
DATA = ROOT / "benchmarks" / "handcheck"
PER_HALF = 15


def choose(ids: Sequence[str], per_half: int = PER_HALF) -> list[str]:
    """The ``per_half`` ids of each half with the smallest SHA-256, work half first."""
    import hashlib

    def digest(i: str) -> bytes:
        return hashlib.sha256(i.encode("utf-8")).digest()

    return [i for half in HALVES for i in sorted((i for i in ids if half_of(i) == half), key=digest)[:per_half]]


def load_articles(path: Path) -> list[str]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return [str(a["id"]) for a in raw["articles"]]


def read_gold(path: Path, ids: Sequence[str]) -> dict[str, str]:
    """id -> text of the chosen articles, in the order of ``ids``."""
    texts: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            texts[str(record["id"])] = str(record["text"])
    missing = [i for i in ids if i not in texts]
    if missing:
        raise NewsEventsError(f"articles {', '.join(missing)} are not in {path}; check articles.json", source=str(path))
    return {i: texts[i] for i in ids}


def code(texts: Mapping[str, str]) -> list[dict[str, Any]]:
    """Every article through ``newsevents code --format jsonl`` (the CLI, the contract users meet), as
    JSON Lines records ``{"id", "text"}`` with no date: the events it prints."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / "handcheck.jsonl"
        articles.write_text("".join(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n"
                                    for i, t in texts.items()), encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "newsevents.cli", "code", "--format", "jsonl", str(articles)],
                              capture_output=True, text=True, encoding="utf-8", check=False)
    if done.stderr.strip():
        print(done.stderr.rstrip(), file=sys.stderr)
    if done.returncode not in (0, 1):  # 1: some documents failed, and were reported above
        raise NewsEventsError(f"newsevents code exited {done.returncode}; see its message above")
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def read_predictions(path: Path, ids: Sequence[str]) -> list[dict[str, Any]]:
    wanted = set(ids)
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            if raw.get("doc_id") in wanted:
                out.append(raw)
    return out


def marked(text: str, p: hs.Prediction) -> str:
    """The sentence with the trigger in [[ ]], on one line."""
    (s, e), (ts, te) = p.sentence, p.trigger
    shown = text[s:ts] + "[[" + text[ts:te] + "]]" + text[te:e]
    return " ".join(shown.split())


def _actor(raw: Mapping[str, Any] | None) -> str:
    if not raw:
        return "-"
    return f"{hs.actor_label(raw)} {raw.get('code') or ''} ({raw.get('text') or ''})"


def describe(p: hs.Prediction, text: str) -> str:
    r = p.raw
    return (f"{p.doc} trigger [{p.trigger[0]}, {p.trigger[1]}] half={half_of(p.doc)}\n"
            f"  sentence [{p.sentence[0]}, {p.sentence[1]}]: {marked(text, p)}\n"
            f"  {p.plover or '-'} {p.cameo} {p.modality}  source {_actor(r.get('source'))}  "
            f"target {_actor(r.get('target'))}\n  place {p.place}  date {p.date or '-'}")


def report(judged: Sequence[hs.Judged], salients: Sequence[hs.Salient], preds: Sequence[hs.Prediction],
           ids: Sequence[str]) -> dict[str, Any]:
    """Measures and category counts per half and overall."""
    out: dict[str, Any] = {}
    for half in (*HALVES, "all"):
        docs = {i for i in ids if half == "all" or half_of(i) == half}
        j = [x for x in judged if x.pred.doc in docs]
        s = [x for x in salients if x.doc in docs]
        p = [x for x in preds if x.doc in docs]
        out[half] = {"articles": len(docs), "printed": len(p), "judged": len(j),
                     "measures": hs.measures(j, s, p), "categories": hs.category_counts(j)}
    return out


def _table(rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        return "\n".join(["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
                         + ["| " + " | ".join(r) + " |" for r in rows[1:]])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows)


def tables(rep: Mapping[str, Any], markdown: bool) -> str:
    halves = list(rep)
    rows = [["measure", *halves],
            ["articles", *(str(rep[h]["articles"]) for h in halves)],
            ["events printed / judged", *(f"{rep[h]['printed']} / {rep[h]['judged']}" for h in halves)]]
    rows += [[hs.MEASURE_NAMES[m], *(str(rep[h]["measures"][m]) for h in halves)] for m in hs.MEASURES]
    cats = [["category", *halves]]
    cats += [[f"{c}. {hs.CATEGORY_NAMES[c]}" if isinstance(c, int) else f"{c}: {hs.CATEGORY_NAMES[c]}",
              *(str(rep[h]["categories"].get(c, 0)) for h in halves)]
             for c in hs.CATEGORIES if any(rep[h]["categories"].get(c) for h in halves)]
    return _table(rows, markdown) + "\n\n" + _table(cats, markdown)


def _json(rep: Mapping[str, Any], unjudged: Sequence[hs.Prediction], command: str) -> str:
    def share(s: hs.Share) -> dict[str, Any]:
        return {"hits": s.hits, "total": s.total, "value": s.value}

    return json.dumps({"command": command, "unjudged": [{"doc": p.doc, "trigger": list(p.trigger)} for p in unjudged],
                       **{h: {"articles": r["articles"], "printed": r["printed"], "judged": r["judged"],
                              "measures": {m: share(v) for m, v in r["measures"].items()},
                              "categories": {str(c): n for c, n in r["categories"].items()}}
                          for h, r in rep.items()}}, indent=1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--predictions", type=Path, help="score this output of `newsevents code --format jsonl`")
    parser.add_argument("--save-predictions", type=Path, help="write the coded events (JSON Lines) here")
    parser.add_argument("--unjudged", type=Path, help="append a stub verdict for each unjudged event to this file")
    parser.add_argument("--details", action="store_true", help="list every judged event and what was wrong")
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--gold", type=Path, default=GOLD, help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, default=DATA, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    command = "python benchmarks/handcheck.py" + "".join(f" {shlex.quote(a)}" for a in (argv or sys.argv[1:]))
    if not args.gold.is_file():
        print(f"handcheck: skipped: {args.gold} is absent (the articles are judged from it)", file=sys.stderr)
        return 0
    try:
        ids = load_articles(args.data / "articles.json")
        texts = read_gold(args.gold, ids)
        verdicts = hs.load_verdicts(args.data / "verdicts.jsonl")
        salients = hs.load_salient(args.data / "salient.jsonl")
    except NewsEventsError as exc:
        print(f"handcheck: {exc}", file=sys.stderr)
        return 2
    if ids != choose(list(json.loads(x)["id"] for x in args.gold.read_text().splitlines() if x.strip())):
        print("handcheck: warning: articles.json is not the rule's choice any more (docs/handcheck.md)",
              file=sys.stderr)
    spans = [(v.doc, v.trigger) for v in verdicts] + [(s.doc, span) for s in salients for m in s.mentions for span in m]
    for doc, span in spans:
        if doc not in texts or span[1] > len(texts[doc]):
            print(f"handcheck: {doc} {list(span)}: not a span of a chosen article; fix or drop it", file=sys.stderr)
            return 2

    raws = read_predictions(args.predictions, ids) if args.predictions else code(texts)
    if args.save_predictions:
        args.save_predictions.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in raws),
                                         encoding="utf-8")
    preds = hs.predictions(raws)
    judged, unjudged = hs.judge(preds, verdicts)
    rep = report(judged, salients, preds, ids)
    coders = Counter(f"{r['coder']['name']} {r['coder']['version']}" for r in raws if r.get("coder"))

    if args.json:
        print(_json(rep, unjudged, command))
    else:
        print(f"coder: {', '.join(coders) or 'no events printed'}\n")
        print(tables(rep, args.markdown))
        print(f"\n{command}")
    if args.details:
        for j in judged:
            wrong = ", ".join(f"{f} (cat {c})" for f, c in j.errors()) or "all right"
            print(f"\n{describe(j.pred, texts[j.pred.doc])}\n  -> {wrong}"
                  + (f"  [{j.verdict.note}]" if j.verdict.note else ""), file=sys.stderr)
        for sal, lenient, strict in zip(salients, hs.found(salients, preds), hs.found(salients, preds, strict=True),
                                        strict=True):
            (s0, s1), (t0, t1) = sal.mentions[0]
            text = texts[sal.doc]
            shown = " ".join((text[s0:t0] + "[[" + text[t0:t1] + "]]" + text[t1:s1]).split())
            print(f"\nsalient {sal.doc} [{t0}, {t1}] {'/'.join(sorted(sal.plover)) or sorted(sal.roots)} "
                  f"{'/'.join(sorted(sal.source))} -> {'/'.join(sorted(sal.target))}: "
                  f"{'found' if lenient else 'MISSED'}{' with both countries' if strict else ''}\n  {shown}",
                  file=sys.stderr)
    untagged = [j for j in judged if any(c == "untagged" for _, c in j.errors())]
    for j in untagged:
        fields = ", ".join(f"{f}:{ {'source': j.pred.source, 'target': j.pred.target, 'place': j.pred.place}.get(f)}"
                           for f, c in j.errors() if c == "untagged")
        print(f"\nwrong without a category (add \"tags\" to its verdict): {fields}\n"
              f"{describe(j.pred, texts[j.pred.doc])}", file=sys.stderr)
    if unjudged:
        print(f"\n{len(unjudged)} printed event(s) have no verdict:", file=sys.stderr)
        for p in unjudged:
            print(describe(p, texts[p.doc]), file=sys.stderr)
        if args.unjudged:
            with args.unjudged.open("a", encoding="utf-8") as f:
                for p in unjudged:
                    f.write(json.dumps(hs.stub(p), ensure_ascii=False) + "\n")
            print(f"stubs appended to {args.unjudged}: judge each, then delete its \"todo\" key", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
