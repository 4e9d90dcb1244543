"""The Python session of docs/python.md and the README's Python section run as written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
_BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)

pytestmark = pytest.mark.model


def _run_blocks(path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    blocks = _BLOCK.findall(path.read_text(encoding="utf-8"))
    assert blocks, f"{path.name} has no python blocks"
    monkeypatch.chdir(tmp_path)  # the session writes its figure into the working directory
    namespace: dict[str, Any] = {"__name__": "__session__"}
    for block in blocks:
        exec(compile(block, str(path), "exec"), namespace)
    return namespace


def test_the_python_page_runs_and_makes_its_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ns = _run_blocks(ROOT / "docs" / "python.md", tmp_path, monkeypatch)
    events, weekly, dyads = ns["events"], ns["weekly"], ns["dyads"]
    assert isinstance(events, pd.DataFrame) and len(events) >= 3
    assert set(events["doc_id"]) <= set(ns["articles"]["id"])
    assert weekly.to_numpy().sum() == events["date"].notna().sum()  # every dated event is in one week
    assert set(weekly.columns) <= {"verbal cooperation", "material cooperation", "verbal conflict",
                                   "material conflict"}
    assert (tmp_path / "events_per_week.png").stat().st_size > 1000
    assert dyads["events"].sum() == len(events.dropna(subset=["source_country", "target_country"]))
    assert ns["table"].num_rows == len(events)
    assert len(ns["texts"]) == len(ns["articles"])


def test_the_readme_python_section_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ns = _run_blocks(ROOT / "README.md", tmp_path, monkeypatch)
    assert len(ns["events"]) >= 1
    assert len(ns["dyads"]) >= 1
