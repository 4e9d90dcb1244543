"""The fixed work / check halves: a rule on ids alone, a partition, and scores equal to scoring each part."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsevents.errors import UsageError
from newsevents.evaluate import HALVES, evaluate, evaluate_halves, half_of, in_half, read_event_gold

DATA = Path(__file__).resolve().parents[1] / "data" / "evaluate"


def test_the_rule_is_the_parity_of_the_first_sha256_byte() -> None:
    for rid in ("a", "b", "PLOVER-X-1", "AFP0808020625_4", "éclair"):
        even = hashlib.sha256(rid.encode("utf-8")).digest()[0] % 2 == 0
        assert half_of(rid) == ("work" if even else "check")


@given(st.lists(st.text(min_size=1, max_size=20), unique=True, max_size=40))
def test_halves_partition_any_set(ids: list[str]) -> None:
    class R:
        def __init__(self, i: str) -> None:
            self.id = i

    records = [R(i) for i in ids]
    parts = {h: [r.id for r in in_half(records, h)] for h in HALVES}
    assert sorted(parts["work"] + parts["check"]) == sorted(ids)
    assert not set(parts["work"]) & set(parts["check"])
    assert [r.id for r in in_half(records, None)] == ids


def test_each_half_scores_as_its_own_gold_set(tmp_path: Path) -> None:
    gold_lines = (DATA / "events.gold.jsonl").read_text(encoding="utf-8").splitlines()
    pred_lines = (DATA / "events.pred.jsonl").read_text(encoding="utf-8").splitlines()
    reports = evaluate_halves(DATA / "events.gold.jsonl", predictions=DATA / "events.pred.jsonl")
    assert set(reports) == {None, "work", "check"}
    ids = [s.id for s in read_event_gold(DATA / "events.gold.jsonl")]
    assert {half_of(i) for i in ids} == {"work", "check"}, "the fixture should reach both halves"
    for half in HALVES:
        keep = {i for i in ids if half_of(i) == half}
        gold = tmp_path / f"{half}.gold.jsonl"
        preds = tmp_path / f"{half}.pred.jsonl"
        gold.write_text("\n".join(g for g in gold_lines if json.loads(g)["id"] in keep) + "\n", encoding="utf-8")
        preds.write_text("\n".join(p for p in pred_lines if half_of(json.loads(p)["doc_id"]) == half) + "\n",
                         encoding="utf-8")
        alone = evaluate(gold, predictions=preds)
        for key in ("event_type", "event", "no_event_docs_clean", "events_for_unknown_docs"):
            assert reports[half][key] == alone[key], (half, key)
        assert evaluate(DATA / "events.gold.jsonl", predictions=DATA / "events.pred.jsonl", half=half)["event"] \
            == alone["event"]


def test_the_seed_has_no_halves() -> None:
    with pytest.raises(UsageError, match="no halves"):
        evaluate(DATA / "seed.gold.json", kind="seed", predictions=DATA / "seed.pred.jsonl", half="work")
