"""How many processes ``Pipeline.run(n_process=None)`` (the CLI's default --workers) chooses."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsevents import pipeline as pipeline_module
from newsevents.types import Document


def _batches(n: int) -> Iterator[list[Document]]:
    for i in range(n):
        yield [Document(doc_id=str(i), source=f"<{i}>", content=b"x", kind="clean")]


@pytest.mark.parametrize(("batches", "forkable", "expected"), [(0, True, 1), (1, True, 1), (2, True, 7),
                                                               (5, True, 7), (5, False, 1)])
def test_workers_only_once_there_is_more_than_one_batch(monkeypatch: pytest.MonkeyPatch, batches: int,
                                                        forkable: bool, expected: int) -> None:
    monkeypatch.setattr(pipeline_module, "available_cpus", lambda: 7)
    monkeypatch.setattr(pipeline_module, "_can_fork", lambda: forkable)
    rest, n = pipeline_module._choose_processes(_batches(batches))
    assert n == expected
    assert [b[0].doc_id for b in rest] == [str(i) for i in range(batches)]  # nothing read is lost


def test_available_cpus_is_at_least_one() -> None:
    assert pipeline_module.available_cpus() >= 1
