"""Reports: the scores as one JSON-ready dict (``--format json``), and that dict as text.

The text is rendered from the dict, so both formats always say the same thing. Headline numbers
carry the referee's names and shapes (``event_type``, ``event``, ``acc_at_161km``...).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..types import Failure
from .events import NONE, EventScores, by_label_dict, describe_pred, outcome_dict
from .places import PlaceScores
from .seed import SeedScores


def _failures(failures: Iterable[Failure]) -> list[str]:
    return [f.line() for f in failures]


def events_report(scores: EventScores, *, gold: str, worst: int = 10, failures: Iterable[Failure] = ()) -> dict:
    d = scores.dates
    return {
        "kind": "events", "gold": gold, **scores.headline(),
        "by_plover_type": by_label_dict(scores.by_type),
        "by_cameo_root": by_label_dict(scores.by_root),
        "actors": {role: {a.field: {"agree": a.agree, "total": a.total, "share": round(a.share, 4)}
                          for a in scores.actors if a.role == role} for role in ("source", "target")},
        "dates": {"events": d.events, "dated": d.dated,
                  "share_dated": round(d.dated / d.events, 4) if d.events else 0.0,
                  "compared": d.compared, "agree": d.agree,
                  "share_agree": round(d.agree / d.compared, 4) if d.compared else 0.0},
        "confusion": [{"gold": g, "predicted": p, "sentences": n} for (g, p), n in scores.confusion],
        "worst": [outcome_dict(s) for s in scores.worst(worst)],
        "failures": _failures(failures),
    }


def places_report(scores: PlaceScores, *, gold: str, worst: int = 10, failures: Iterable[Failure] = ()) -> dict:
    return {"kind": "places", "gold": gold, **scores.headline(),
            "worst": [t.to_dict() for t in scores.worst(worst)], "failures": _failures(failures)}


def seed_report(scores: SeedScores, *, gold: str, worst: int = 10, failures: Iterable[Failure] = ()) -> dict:
    return {"kind": "seed", "gold": gold, **scores.headline(),
            "boilerplate": [describe_pred(e) for e in scores.boilerplate[:worst]],
            "unexplained": [describe_pred(e) for e in scores.unexplained[:worst]],
            "failures": _failures(failures)}


# -- text --------------------------------------------------------------------------------------------


def _table(headers: Sequence[str], rows: Iterable[Sequence[object]], indent: str = "  ") -> list[str]:
    cells = [[str(h) for h in headers]] + [[_cell(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for r in cells:
        parts = [r[0].ljust(widths[0])] + [v.rjust(w) for v, w in zip(r[1:], widths[1:], strict=True)]
        lines.append(indent + "  ".join(parts).rstrip())
    return lines


def _cell(v: object) -> str:
    if isinstance(v, float):
        return f"{v:.4f}"
    return "-" if v is None else str(v)


def _share(n: int, total: int) -> str:
    return f"{n}/{total} ({100 * n / total:.1f}%)" if total else f"{n}/{total}"


def _prf_rows(items: Mapping[str, Mapping[str, Any]]) -> list[list[object]]:
    return [[k, v["precision"], v["recall"], v["f1"], v["tp"], v["pred"], v["gold"]] for k, v in items.items()]


_PRF_HEADERS = ("", "precision", "recall", "f1", "tp", "pred", "gold")


def _confusion_lines(cells: Sequence[Mapping[str, Any]]) -> list[str]:
    golds = [*sorted({c["gold"] for c in cells} - {NONE}), NONE]
    preds = [*sorted({c["predicted"] for c in cells} - {NONE}), NONE]
    counts = {(c["gold"], c["predicted"]): c["sentences"] for c in cells}
    rows = [[g] + [counts.get((g, p), "") for p in preds] for g in golds]
    return _table(["gold \\ predicted", *preds], rows)


def _events_text(r: Mapping[str, Any]) -> list[str]:
    head = {k: r[k] for k in ("event_type", "event", "cameo_root") if k in r}
    out = [f"events: {r['docs']} gold sentences from {r['gold']}", "", "headline (the referee's rules)"]
    out += _table(_PRF_HEADERS, _prf_rows(head))
    out += [f"  no-event sentences left clean: {r['no_event_docs_clean']}",
            f"  events for ids not in the gold: {r['events_for_unknown_docs']}"]
    for title, key in (("by PLOVER type (per sentence)", "by_plover_type"), ("by CAMEO root (per sentence)",
                                                                               "by_cameo_root")):
        if r[key]:
            out += ["", title, *_table(_PRF_HEADERS, _prf_rows(r[key]))]
    out += ["", "actors of matched events (agree / compared)"]
    out += _table(["role", "country", "sector"],
                  [[role, _share(v["country"]["agree"], v["country"]["total"]),
                    _share(v["sector"]["agree"], v["sector"]["total"])] for role, v in r["actors"].items()])
    d = r["dates"]
    out += ["", "dates", f"  predicted events dated: {_share(d['dated'], d['events'])}",
            f"  matched events on the gold date: {_share(d['agree'], d['compared'])}"]
    if r["confusion"]:
        out += ["", "event types, gold against predicted (sentences)", *_confusion_lines(r["confusion"])]
    if r["worst"]:
        out += ["", f"worst {len(r['worst'])} sentences (missed + spurious events)"]
        for w in r["worst"]:
            out += [f"  [{w['id']}] missed {w['missed']}, spurious {w['spurious']}", f"    {w['text']}"]
            out += [f"    gold:      {g}" for g in w["gold"]] or ["    gold:      (no event)"]
            out += [f"    predicted: {p}" for p in w["predicted"]] or ["    predicted: (nothing)"]
    return out


def _places_text(r: Mapping[str, Any]) -> list[str]:
    out = [f"places: {r['toponyms']} gold toponyms from {r['gold']}", ""]
    rows: list[list[object]] = [[k, r[k]] for k in ("recognised", "acc_at_161km", "acc_at_161km_of_recognised",
                                                    "exact_geonameid")]
    median = r["median_error_km"]
    rows.append(["median_error_km", "-" if median is None else f"{median:.1f}"])
    out += _table(("metric", "value"), rows)
    if r["worst"]:
        out += ["", f"worst {len(r['worst'])} toponyms (unrecognised first, then farthest)"]
        rows = []
        for w in r["worst"]:
            p = w["predicted"]
            got = "-" if p is None else f"{p['name'] or '?'} ({p['lat']}, {p['lon']})"
            km = "-" if w["error_km"] is None else f"{w['error_km']:.1f}"
            rows.append([w["doc_id"], w["text"], f"({w['gold']['lat']}, {w['gold']['lon']})", got, km])
        out += _table(("doc", "toponym", "gold", "predicted", "km"), rows)
    return out


def _seed_text(r: Mapping[str, Any]) -> list[str]:
    def marks(d: Mapping[str, bool]) -> str:
        return ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in d.items()) or "-"
    out = [f"seed: {r['gold']}", "",
           f"  must found: {r['must_found']}  ({marks(r['must'])})",
           f"  located: {marks(r['located'])}", f"  dated: {marks(r['dated'])}",
           f"  precision vs must + may: {r['precision_vs_must_and_may']:.4f} of {r['events']} events",
           f"  boilerplate events: {r['boilerplate_events']}"]
    out += [f"    {b}" for b in r["boilerplate"]]
    if r["unexplained"]:
        out += ["  events that fit no must or may spec:", *[f"    {u}" for u in r["unexplained"]]]
    return out


def render_text(report: Mapping[str, Any]) -> str:
    kind = report["kind"]
    lines = {"events": _events_text, "places": _places_text, "seed": _seed_text}[kind](report)
    if report.get("failures"):
        lines += ["", f"documents that could not be coded ({len(report['failures'])}; scored as empty)"]
        lines += [f"  {f}" for f in report["failures"]]
    return "\n".join(lines) + "\n"
