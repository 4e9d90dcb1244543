"""A worker process that dies costs the document it was coding, never the run (workers.py).

The processors here are fakes standing in for a Pipeline: one "document" makes its worker kill itself with
SIGKILL, as the kernel's out-of-memory killer would. Under multiprocessing.Pool this run never ended.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from newsevents import workers
from newsevents.types import Document, Failure, Result
from newsevents.workers import WorkerPool

POISON = b"kill the worker"


class _Echo:
    """Codes a document as a Failure carrying its content, so that order and coverage can be checked."""

    def process_batch(self, batch: list[Document | Failure]) -> list[Result | Failure]:
        out: list[Result | Failure] = []
        for item in batch:
            if isinstance(item, Document) and item.content == POISON:
                os.kill(os.getpid(), signal.SIGKILL)
            assert isinstance(item, Document)
            out.append(Failure(item.source, "OK", item.content.decode(), item.doc_id))
        return out


def _doc(i: int, content: bytes | None = None) -> Document:
    return Document(doc_id=f"d{i}", source=f"in/{i}.txt", content=content or f"text {i}".encode(), kind="text")


def _batches(docs: list[Document], size: int) -> list[list[Document | Failure]]:
    return [list(docs[i:i + size]) for i in range(0, len(docs), size)]


def _run(docs: list[Document], size: int = 3) -> list[Result | Failure]:
    pool = WorkerPool(2, multiprocessing.get_context("fork"), workers.adopt, (_Echo(),))
    # Run in a thread with a deadline: a hang is a failure of this test, not a stuck suite.
    with ThreadPoolExecutor(1) as runner:
        future = runner.submit(lambda: [r for b in pool.map(iter(_batches(docs, size))) for r in b])
        return future.result(timeout=120)


pytestmark = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")


def test_results_come_back_in_input_order() -> None:
    docs = [_doc(i) for i in range(20)]
    out = _run(docs)
    assert [r.doc_id for r in out if isinstance(r, Failure)] == [d.doc_id for d in docs]


def test_a_worker_killed_mid_batch_costs_only_its_document() -> None:
    docs = [_doc(i) for i in range(14)]
    docs[7] = _doc(7, POISON)
    out = _run(docs)
    assert [r.doc_id for r in out if isinstance(r, Failure)] == [d.doc_id for d in docs]
    by_id = {r.doc_id: r for r in out if isinstance(r, Failure)}
    assert by_id["d7"].code == "E901"
    assert by_id["d7"].source == "in/7.txt"
    assert all(by_id[f"d{i}"].code == "OK" for i in range(14) if i != 7)


def test_two_poisoned_documents_in_one_batch_and_the_rest_still_coded() -> None:
    docs = [_doc(i) for i in range(9)]
    docs[3], docs[4] = _doc(3, POISON), _doc(4, POISON)
    out = _run(docs)
    codes = {r.doc_id: r.code for r in out if isinstance(r, Failure)}
    assert codes == {f"d{i}": ("E901" if i in (3, 4) else "OK") for i in range(9)}


_ORPHAN_SCRIPT = """
import multiprocessing, os, signal, sys, time
from newsevents import workers
from newsevents.types import Document
from newsevents.workers import WorkerPool

class Slow:
    def process_batch(self, batch):
        with open(sys.argv[1], "a") as f:
            f.write(f"{os.getpid()}\\n")
        time.sleep(600)

pool = WorkerPool(2, multiprocessing.get_context("fork"), workers.adopt, (Slow(),))
docs = iter([[Document(doc_id=f"d{i}", source="x", content=b"x", kind="text")] for i in range(4)])
results = pool.map(docs)
import threading
threading.Thread(target=lambda: next(results), daemon=True).start()
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    if len(open(sys.argv[1]).read().split()) >= 2:
        break
    time.sleep(0.1)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_workers_end_when_the_run_is_killed(tmp_path: Path) -> None:
    """A run killed with SIGKILL (as the kill -9 ingest tests do) leaves no worker process behind."""
    pids_file = tmp_path / "pids"
    pids_file.write_text("")
    script = tmp_path / "run.py"
    script.write_text(_ORPHAN_SCRIPT)
    proc = subprocess.run([sys.executable, str(script), str(pids_file)], timeout=120, check=False)
    assert proc.returncode == -signal.SIGKILL
    pids = [int(p) for p in pids_file.read_text().split()]
    assert len(pids) >= 2
    deadline = time.monotonic() + 30
    alive = pids
    while alive and time.monotonic() < deadline:
        alive = [p for p in pids if _alive(p)]
        time.sleep(0.1)
    assert alive == [], f"workers outlived the killed run: {alive}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); it has exited all the same.
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1].split()[0] != "Z"
    except OSError:
        return False
