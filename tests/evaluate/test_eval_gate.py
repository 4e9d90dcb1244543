"""The accuracy gate's floors: checked, raised, never lowered unless a regression is allowed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.errors import EvaluationError
from newsevents.evaluate import Bound, Floors, check, gate_metrics, load_floors, save_floors, updated

FLOORS_FILE = Path(__file__).resolve().parents[2] / "benchmarks" / "accuracy_floors.json"


def floors() -> Floors:
    return Floors("test", {"s": {"event.f1": Bound(0.6, "floor"), "boilerplate_events": Bound(0, "ceiling")}})


def test_pinned_floors_never_fall_below_the_issues_targets() -> None:
    """Floors are raised as accuracy improves; they must never sit below the targets set for the project."""
    f = load_floors(FLOORS_FILE)
    targets = {("plover_gsr.dev", "event_type.f1"): 0.75, ("plover_gsr.dev", "event.f1"): 0.6,
               ("petr2_validation.dev", "event.f1"): 0.5, ("petr2_validation.dev", "no_event_docs_clean"): 6,
               ("geowebnews.dev", "acc_at_161km"): 0.7, ("seed", "must_found"): 3, ("seed", "located"): 2,
               ("seed", "dated"): 1, ("seed", "precision_vs_must_and_may"): 0.6}
    for (dataset, metric), target in targets.items():
        bound = f.bound(dataset, metric)
        assert bound is not None and bound.kind == "floor" and bound.value >= target, (dataset, metric)
    assert f.bound("seed", "boilerplate_events") == Bound(0, "ceiling")


def test_check_statuses() -> None:
    checks = {c.metric: c for c in check({"s": {"event.f1": 0.55, "boilerplate_events": 0, "event.precision": 0.9},
                                          "other": {"x": 1.0}}, floors())}
    assert checks["event.f1"].failed and checks["event.f1"].status == "BELOW FLOOR"
    assert not checks["boilerplate_events"].failed and checks["boilerplate_events"].status == "ok"
    assert not checks["event.precision"].failed and checks["event.precision"].status == ""  # not pinned
    assert not checks["x"].failed
    ceiling = check({"s": {"event.f1": 0.6, "boilerplate_events": 2}}, floors())
    assert [c.status for c in ceiling if c.failed] == ["ABOVE CEILING"]


def test_pinned_metric_that_was_not_measured_fails() -> None:
    checks = check({"s": {"event.f1": 0.7}}, floors())
    missing = [c for c in checks if c.metric == "boilerplate_events"]
    assert missing[0].failed and missing[0].status == "NOT MEASURED"
    assert check({}, floors()) == []  # a set that was not run (skipped) is not checked
    assert [c.set_name for c in check({"s": {"event.f1": 0.7}, "t": {"a": 1.0}}, floors(), only="t")] == ["t"]


def test_update_raises_floors_and_lowers_ceilings() -> None:
    new, changes = updated(floors(), {"s": {"event.f1": 0.71, "boilerplate_events": 0, "other": 0.2}})
    assert new.bound("s", "event.f1") == Bound(0.71, "floor")
    assert new.bound("s", "other") is None  # only pinned metrics move
    assert [(c.metric, c.old, c.new, c.applied) for c in changes] == [("event.f1", 0.6, 0.71, True)]
    new, _ = updated(Floors("", {"s": {"b": Bound(3, "ceiling")}}), {"s": {"b": 1}})
    assert new.bound("s", "b") == Bound(1, "ceiling")


def test_update_refuses_to_lower_without_allow_regression() -> None:
    old = floors()
    new, changes = updated(old, {"s": {"event.f1": 0.5, "boilerplate_events": 1}})
    assert new.bound("s", "event.f1") == Bound(0.6, "floor")
    assert new.bound("s", "boilerplate_events") == Bound(0, "ceiling")
    assert [(c.metric, c.applied) for c in changes] == [("event.f1", False), ("boilerplate_events", False)]
    assert old.bound("s", "event.f1") == Bound(0.6, "floor")  # the input is left alone
    assert any(c.failed for c in check({"s": {"event.f1": 0.5, "boilerplate_events": 1}}, new))


def test_allow_regression_lowers() -> None:
    new, changes = updated(floors(), {"s": {"event.f1": 0.5, "boilerplate_events": 1}}, allow_regression=True)
    assert new.bound("s", "event.f1") == Bound(0.5, "floor")
    assert new.bound("s", "boilerplate_events") == Bound(1, "ceiling")
    assert all(c.applied for c in changes)
    assert not any(c.failed for c in check({"s": {"event.f1": 0.5, "boilerplate_events": 1}}, new))


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "floors.json"
    save_floors(path, floors())
    assert load_floors(path) == floors()
    assert json.loads(path.read_text())["sets"]["s"]["boilerplate_events"] == {"ceiling": 0}


@pytest.mark.parametrize("content", ['{"sets": {"s": {"m": {"floor": "high"}}}}', '{"sets": {"s": {"m": 0.5}}}',
                                     '{"sets": {"s": {"m": {"floor": 1, "ceiling": 2}}}}', "[]", "{"])
def test_malformed_floors(tmp_path: Path, content: str) -> None:
    path = tmp_path / "floors.json"
    path.write_text(content)
    with pytest.raises(EvaluationError) as info:
        load_floors(path)
    assert info.value.source == str(path)


def test_gate_metrics_flatten_reports() -> None:
    events = {"kind": "events", "event_type": {"precision": 0.5, "recall": 0.25, "f1": 0.3333},
              "event": {"precision": 0.4, "recall": 0.2, "f1": 0.2667}, "no_event_docs_clean": "6/8",
              "events_for_unknown_docs": 0}
    m = gate_metrics(events)
    assert m["event_type.f1"] == 0.3333 and m["event.recall"] == 0.2 and "cameo_root.f1" not in m
    assert (m["no_event_docs_clean"], m["no_event_docs"]) == (6, 8)
    assert "no_event_docs_clean" not in gate_metrics({**events, "no_event_docs_clean": "0/0"})
    seed = {"kind": "seed", "must_found": "2/3", "located": {"a": True, "b": False}, "dated": {"a": True},
            "precision_vs_must_and_may": 0.75, "boilerplate_events": 1, "events": 4}
    assert gate_metrics(seed) == {"must_found": 2, "located": 1, "dated": 1, "precision_vs_must_and_may": 0.75,
                                  "boilerplate_events": 1, "events": 4}
    places = {"kind": "places", "recognised": 0.9, "acc_at_161km": 0.8, "acc_at_161km_of_recognised": 0.88,
              "exact_geonameid": 0.5, "median_error_km": None}
    assert gate_metrics(places) == {"recognised": 0.9, "acc_at_161km": 0.8, "acc_at_161km_of_recognised": 0.88,
                                    "exact_geonameid": 0.5}
