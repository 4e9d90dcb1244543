"""The accuracy gate: pinned floors per gold set and metric, checked and (only ever) raised.

The floors live in ``benchmarks/accuracy_floors.json``:

    {"about": "...", "sets": {"plover_gsr.dev": {"event.f1": {"floor": 0.6}},
                              "seed": {"boilerplate_events": {"ceiling": 0}}}}

A ``floor`` is a least value (higher is better), a ``ceiling`` a most value (lower is better).
``updated`` moves a bound towards a better measured value and never away from it unless a
regression is explicitly allowed, so an accuracy loss cannot slip in by re-pinning (the shape of
trafilatura's evaluation gate).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ..errors import EvaluationError

BoundKind = Literal["floor", "ceiling"]
Measured = Mapping[str, Mapping[str, float]]  # set -> metric -> value


@dataclass(frozen=True, slots=True)
class Bound:
    value: float
    kind: BoundKind

    def passes(self, v: float) -> bool:
        return v >= self.value if self.kind == "floor" else v <= self.value

    def beaten_by(self, v: float) -> bool:
        """Whether ``v`` is strictly better than the bound (a floor to raise, a ceiling to lower)."""
        return v > self.value if self.kind == "floor" else v < self.value


@dataclass(frozen=True, slots=True)
class Floors:
    about: str
    sets: Mapping[str, Mapping[str, Bound]]

    def bound(self, set_name: str, metric: str) -> Bound | None:
        return self.sets.get(set_name, {}).get(metric)

    def to_json(self) -> dict[str, Any]:
        return {"about": self.about,
                "sets": {s: {m: {b.kind: b.value} for m, b in sorted(ms.items())} for s, ms in self.sets.items()}}


@dataclass(frozen=True, slots=True)
class Check:
    set_name: str
    metric: str
    value: float | None
    bound: Bound | None

    @property
    def failed(self) -> bool:
        if self.bound is None:
            return False
        return self.value is None or not self.bound.passes(self.value)

    @property
    def status(self) -> str:
        if self.bound is None:
            return ""
        if self.value is None:
            return "NOT MEASURED"
        if self.bound.passes(self.value):
            return "ok"
        return "BELOW FLOOR" if self.bound.kind == "floor" else "ABOVE CEILING"


@dataclass(frozen=True, slots=True)
class Change:
    set_name: str
    metric: str
    old: float
    new: float
    applied: bool  # False: a regression, refused without --allow-regression


def load_floors(path: Path) -> Floors:
    where = str(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EvaluationError(f"floors file {path} does not exist; restore it from version control",
                              source=where) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"floors file {path} is not valid JSON ({exc}); fix it", source=where) from exc
    sets = raw.get("sets") if isinstance(raw, dict) else None
    if not isinstance(sets, dict):
        raise EvaluationError('the floors file has no "sets" object; write {"sets": {"SET": {"METRIC": '
                              '{"floor": VALUE}}}}', source=where)
    out: dict[str, dict[str, Bound]] = {}
    for set_name, metrics in sets.items():
        if not isinstance(metrics, dict):
            raise EvaluationError(f"set {set_name!r} is not an object of metrics", source=where)
        for metric, spec in metrics.items():
            kinds = [k for k in ("floor", "ceiling") if isinstance(spec, dict) and k in spec]
            value = spec.get(kinds[0]) if len(kinds) == 1 else None
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise EvaluationError(f"{set_name} {metric}: write the bound as {{\"floor\": NUMBER}} or "
                                      f"{{\"ceiling\": NUMBER}}, not {spec!r}", source=where)
            out.setdefault(set_name, {})[metric] = Bound(value, kinds[0])  # type: ignore[arg-type]
    return Floors(about=str(raw.get("about") or ""), sets=out)


def save_floors(path: Path, floors: Floors) -> None:
    path.write_text(json.dumps(floors.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def check(measured: Measured, floors: Floors, *, only: str | None = None) -> list[Check]:
    """One check per measured metric of every measured set, bounded or not, and one per bound whose
    set was measured but whose metric was not (a pinned metric that vanished fails)."""
    out = []
    for set_name, metrics in measured.items():
        for metric, value in metrics.items():
            out.append(Check(set_name, metric, value, floors.bound(set_name, metric)))
        for metric, bound in floors.sets.get(set_name, {}).items():
            if metric not in metrics:
                out.append(Check(set_name, metric, None, bound))
    return [c for c in out if only is None or c.set_name == only]


def updated(floors: Floors, measured: Measured, *, allow_regression: bool = False) -> tuple[Floors, list[Change]]:
    """Floors moved to the measured values where those are better (and, with ``allow_regression``,
    where they are worse); only pinned metrics of measured sets move. Returns the new floors and
    every difference, applied or refused."""
    sets = {s: dict(ms) for s, ms in floors.sets.items()}
    changes = []
    for set_name, metrics in measured.items():
        for metric, bound in floors.sets.get(set_name, {}).items():
            value = metrics.get(metric)
            if value is None or value == bound.value:
                continue
            better = bound.beaten_by(value)
            applied = better or allow_regression
            if applied:
                sets[set_name][metric] = Bound(value, bound.kind)
            changes.append(Change(set_name, metric, bound.value, value, applied))
    return Floors(floors.about, sets), changes


def gate_metrics(report: Mapping[str, Any]) -> dict[str, float]:
    """The flat metric -> value view of one report that floors are pinned on."""
    kind = report["kind"]
    out: dict[str, float] = {}
    if kind == "events":
        for head in ("event_type", "event", "cameo_root"):
            if head in report:
                for k in ("precision", "recall", "f1"):
                    out[f"{head}.{k}"] = report[head][k]
        clean, total = (int(x) for x in report["no_event_docs_clean"].split("/"))
        if total:  # a set without such sentences has nothing to say about them
            out["no_event_docs_clean"] = clean
            out["no_event_docs"] = total
        out["events_for_unknown_docs"] = report["events_for_unknown_docs"]
    elif kind == "places":
        for k in ("recognised", "acc_at_161km", "acc_at_161km_of_recognised", "exact_geonameid"):
            out[k] = report[k]
        if report.get("median_error_km") is not None:
            out["median_error_km"] = report["median_error_km"]
    elif kind == "seed":
        out["must_found"] = int(report["must_found"].split("/")[0])
        out["located"] = sum(report["located"].values())
        out["dated"] = sum(report["dated"].values())
        out["precision_vs_must_and_may"] = report["precision_vs_must_and_may"]
        out["boilerplate_events"] = report["boilerplate_events"]
        out["events"] = report["events"]
    return out
