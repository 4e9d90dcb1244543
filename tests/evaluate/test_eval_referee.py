"""The headline numbers equal the referee's (shared/tools/score_events.py) on the same output.

The fixtures are the project's own invented sentences and predictions, covering reciprocal events,
transnational and unknown-country actors, statements coded by CAMEO root only, sentences without
gold events, a typeless gold event, predictions for unknown ids, and place and seed cases. A second
test compares both on many generated cases, running the referee in-process.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.evaluate import evaluate

DATA = Path(__file__).resolve().parents[1] / "data" / "evaluate"
REFEREE = Path(__file__).resolve().parents[3] / "shared" / "tools" / "score_events.py"
needs_referee = pytest.mark.skipif(not REFEREE.exists(), reason=f"the referee {REFEREE} is absent (no ../shared)")


def referee(kind: str, gold: Path, preds: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, str(REFEREE), kind, str(gold), str(preds)], capture_output=True,
                         text=True, check=True, timeout=60)
    return json.loads(out.stdout)


def headline(report: dict[str, Any], keys: list[str]) -> dict[str, Any]:
    return {k: report[k] for k in keys if k in report}


@needs_referee
@pytest.mark.parametrize(("kind", "gold", "preds"), [
    ("events", "events.gold.jsonl", "events.pred.jsonl"),
    ("places", "places.gold.jsonl", "places.pred.jsonl"),
    ("seed", "seed.gold.json", "seed.pred.jsonl"),
])
def test_headline_equals_referee(kind: str, gold: str, preds: str) -> None:
    expected = referee(kind, DATA / gold, DATA / preds)
    ours = evaluate(DATA / gold, kind=kind, predictions=DATA / preds)  # type: ignore[arg-type]
    assert headline(ours, list(expected)) == expected
    assert set(expected) <= set(ours)


@needs_referee
def test_fixture_is_not_trivial() -> None:
    """The events fixture exercises partial scores, not all-right or all-wrong."""
    expected = referee("events", DATA / "events.gold.jsonl", DATA / "events.pred.jsonl")
    assert 0 < expected["event"]["f1"] < 1 and 0 < expected["event_type"]["precision"] < 1
    assert expected["events_for_unknown_docs"] == 1 and expected["no_event_docs_clean"] == "1/2"


def _load_referee() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_events_referee", REFEREE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


COUNTRIES = st.sampled_from(["USA", "IRN", "FRA"])
GOLD_ACTOR = st.one_of(
    st.builds(lambda c: {"country": c, "sector": "GOV", "code": c + "GOV"}, COUNTRIES),
    st.just({"country": None, "sector": "IGO", "code": "IGOUNO"}),
    st.just({"country": None, "sector": None, "code": "---"}),
)
PRED_ACTOR = st.one_of(
    st.none(),
    st.builds(lambda c: {"country": c, "sector": "GOV", "code": c + "GOV"}, COUNTRIES),
    st.just({"country": None, "sector": "IGO", "code": "IGOUNO"}),
    st.just({"country": None, "sector": None, "code": None}),
)
TYPES = st.sampled_from([("CONSULT", "040"), ("ACCUSE", "112"), (None, "010"), (None, None)])
GOLD_EVENT = st.builds(
    lambda t, s, tg, r: {"plover": t[0], "cameo": t[1], "sources": s, "targets": tg, "reciprocal": r},
    TYPES, st.lists(GOLD_ACTOR, max_size=2), st.lists(GOLD_ACTOR, max_size=2), st.booleans())
DOC_IDS = st.sampled_from(["a", "b", "c", "z"])
PRED_EVENT = st.builds(
    lambda d, t, s, tg: {"doc_id": d, "plover": {"type": t[0]}, "cameo": t[1], "source": s, "target": tg},
    DOC_IDS, TYPES, PRED_ACTOR, PRED_ACTOR)


@needs_referee
@settings(max_examples=150, deadline=None)
@given(gold_events=st.lists(st.lists(GOLD_EVENT, max_size=3), min_size=3, max_size=3),
       preds=st.lists(PRED_EVENT, max_size=8))
def test_generated_cases_agree_with_referee(gold_events: list[list[dict]], preds: list[dict]) -> None:
    # a temporary directory per example: hypothesis does not renew function-scoped fixtures (tmp_path)
    ref = _load_referee()
    with tempfile.TemporaryDirectory() as tmp:
        gold_path, pred_path = Path(tmp) / "gold.jsonl", Path(tmp) / "pred.jsonl"
        gold_path.write_text("".join(json.dumps({"id": i, "text": "t", "date": "2020-01-01", "events": evs}) + "\n"
                                     for i, evs in zip("abc", gold_events, strict=True)))
        pred_path.write_text("".join(json.dumps(p) + "\n" for p in preds) or "\n")
        expected = ref.score_events(str(gold_path), str(pred_path))
        ours = evaluate(gold_path, kind="events", predictions=pred_path)
    assert headline(ours, list(expected)) == expected
