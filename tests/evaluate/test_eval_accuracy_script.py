"""benchmarks/accuracy.py without a model: its usage rules, skipping absent data, the docs section."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "accuracy.py"


@pytest.fixture(scope="module")
def accuracy() -> ModuleType:
    spec = importlib.util.spec_from_file_location("accuracy_benchmark", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_allow_regression_needs_update_floors(accuracy: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert accuracy.main(["--allow-regression"]) == 2
    assert "--update-floors" in capsys.readouterr().err


def test_absent_data_is_skipped_with_a_message(accuracy: ModuleType, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text('{"sets": {}}')
    code = accuracy.main(["--gold-dir", str(tmp_path / "gold"), "--seed", str(tmp_path / "seed.gold.json"),
                          "--floors", str(floors)])
    err = capsys.readouterr().err
    assert code == 0
    assert "skipped the gold sets" in err and "skipped the seed" in err and "nothing to measure" in err


def test_unknown_only_set_is_a_usage_error(accuracy: ModuleType, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.dev.jsonl").write_text('{"id": "1", "text": "x", "events": []}\n')
    assert accuracy.main(["--gold-dir", str(gold), "--seed", str(tmp_path / "none.gold.json"), "--only", "b"]) == 2
    assert "no such set (a.dev)" in capsys.readouterr().err


def test_write_docs_replaces_only_its_section(accuracy: ModuleType, tmp_path: Path) -> None:
    docs = tmp_path / "benchmarks.md"
    docs.write_text("# Benchmarks\n\n## Speed\n\nfast\n\n## Accuracy\n\nold table\n\n## Memory\n\nsmall\n")
    accuracy.write_docs("## Accuracy\n\nnew table\n", docs)
    text = docs.read_text()
    assert "old table" not in text and "new table" in text
    assert text.index("## Speed") < text.index("new table") < text.index("## Memory")
    assert "fast" in text and "small" in text
    fresh = tmp_path / "fresh.md"
    accuracy.write_docs("## Accuracy\n\nfirst\n", fresh)
    assert fresh.read_text() == "# Benchmarks\n\n## Accuracy\n\nfirst\n"


def test_markdown_table(accuracy: ModuleType) -> None:
    md = accuracy._markdown([["seed", "must_found", "3", "≥ 3", "ok"]], "python benchmarks/accuracy.py")
    assert md.startswith("## Accuracy\n")
    assert "| seed | must_found | 3 | ≥ 3 | ok |" in md and "    python benchmarks/accuracy.py" in md
