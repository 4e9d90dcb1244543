"""Coding on a real Dask LocalCluster on loopback: the same store as one process, batches retried.

The cluster here runs its two workers in this process (``processes=False``) but talks to them over TCP
on 127.0.0.1, so every batch and every result is serialised as on a real cluster; the test with a
worker killed mid-run uses worker processes (a killed thread would be this test).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from newsevents.errors import ClusterError, MissingExtraError
from newsevents.pipeline import Pipeline
from newsevents.read import read_inputs
from newsevents.settings import Settings
from newsevents.store import open as open_store
from newsevents.types import Document, Failure, Result

distributed = pytest.importorskip("distributed")

from newsevents.scale.cluster import DaskCoder, code_batch, connect  # noqa: E402 - after the skip

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = Settings().with_overrides({"cluster": {"batch_documents": 2, "retries": 1}})
# What an event is, without the columns that say when this run stored it.
EVENT_COLUMNS = ["event_id", "date", "source_code", "target_code", "cameo", "plover_type", "goldstein", "modality",
                 "location_name", "num_mentions", "num_articles", "first_doc_id"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The examples and an empty file (a Failure that travels with its batch)."""
    empty = tmp_path_factory.mktemp("inputs") / "empty.txt"
    empty.write_text("", encoding="utf-8")
    return [str(ROOT / "examples"), str(empty)]


def _documents(inputs: list[str]) -> list[Document | Failure]:
    return list(read_inputs(inputs, SETTINGS.read))


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with connect(workers=2, processes=False) as c:
        yield c


@pytest.fixture(scope="module")
def held(client: Any) -> Iterator[DaskCoder]:
    """A coder whose pipelines stay loaded on the workers across tests (other settings: its own plugin)."""
    with DaskCoder(client, SETTINGS.with_overrides({"cluster": {"in_flight_per_thread": 3}})) as coder:
        yield coder


@contextmanager
def _task(coder: DaskCoder, task: Any) -> Iterator[DaskCoder]:
    coder.task = task
    try:
        yield coder
    finally:
        coder.task = code_batch


@pytest.fixture(scope="module")
def single(tmp_path_factory: pytest.TempPathFactory, inputs: list[str]) -> tuple[pd.DataFrame, list[Result | Failure]]:
    """The single-process run of the same inputs, into its own store: what the cluster must equal."""
    tmp = tmp_path_factory.mktemp("single")
    items = _documents(inputs)
    pipeline = Pipeline(SETTINGS).load()
    with open_store(tmp / "single.duckdb", read_only=False, settings=SETTINGS.store) as store:
        store.ingest_documents(items, lambda todo: pipeline.run(todo, n_process=1))
        events = store.events()
    return events, list(pipeline.run(items, n_process=1))


def _events(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[EVENT_COLUMNS].sort_values("event_id").reset_index(drop=True)


def _stored_sources(db: Path) -> list[str]:
    with open_store(db, settings=SETTINGS.store) as store:
        return [r[0] for r in store.sql("SELECT source FROM documents ORDER BY source").itertuples(index=False)]


def test_events_on_the_cluster_equal_the_single_process_run(client: Any, single: Any, inputs: list[str],
                                                            tmp_path: Path) -> None:
    items = _documents(inputs)
    with distributed.get_task_stream(client) as stream, \
            open_store(tmp_path / "cluster.duckdb", read_only=False, settings=SETTINGS.store) as store:
        results: list[Result | Failure] = []

        def run(todo: Any) -> Iterator[Result | Failure]:  # the cluster's results, kept on their way to the store
            for result in DaskCoder(client, SETTINGS).run(todo):
                results.append(result)
                yield result

        summary = store.ingest_documents(items, run)
        events = store.events()
    assert results == single[1]  # the same frozen records, in input order
    pd.testing.assert_frame_equal(_events(events), _events(single[0]))
    assert len(events) > 0 and summary.articles == len(items) - 1 and summary.failures == 1  # the empty file
    batches = [t for t in stream.data if str(t["key"]).startswith("newsevents-batch")]
    assert len(batches) == -(-len(items) // 2)  # a task per batch of two documents, not one per document


class _FailOnce:
    """The real task, but the first time it sees ``doc_id`` it raises (``exit``: kills its worker process)."""

    def __init__(self, doc_id: str, marker: Path, exit: bool = False, always: bool = False) -> None:
        self.doc_id, self.marker, self.exit, self.always = doc_id, marker, exit, always

    def __call__(self, name: str, batch: list[Document | Failure]) -> list[Result | Failure]:
        if any(item.doc_id == self.doc_id for item in batch):
            with self.marker.open("a", encoding="utf-8") as f:
                f.write("attempt\n")
            if self.always or self.marker.read_text(encoding="utf-8").count("attempt") == 1:
                if self.exit:
                    os._exit(1)
                raise RuntimeError("worker lost its disk")
        return code_batch(name, batch)


def test_a_batch_that_fails_once_is_retried_and_each_article_stored_once(held: DaskCoder, inputs: list[str],
                                                                           single: Any, tmp_path: Path) -> None:
    items = _documents(inputs)
    victim = next(i.doc_id for i in items if isinstance(i, Document))
    marker = tmp_path / "attempts"
    db = tmp_path / "retry.duckdb"
    with open_store(db, read_only=False, settings=SETTINGS.store) as store, \
            _task(held, _FailOnce(victim, marker)) as coder:
        summary = store.ingest_documents(items, coder.run)
        events = store.events()
    assert marker.read_text(encoding="utf-8").count("attempt") == 2  # failed, then retried
    assert summary.failures == 1 and summary.articles == len(items) - 1
    sources = _stored_sources(db)
    assert len(sources) == len(set(sources)) == len(items) - 1  # every article once
    pd.testing.assert_frame_equal(_events(events), _events(single[0]))


def test_a_batch_that_fails_every_time_fails_its_documents_and_the_rest_are_stored(inputs: list[str], held: DaskCoder,
                                                                                     tmp_path: Path) -> None:
    items = _documents(inputs)
    docs = [i for i in items if isinstance(i, Document)]
    victim = docs[-1].doc_id
    first = items.index(docs[-1]) // 2 * 2  # batches of two: the victim's batch starts here
    lost = {i.doc_id for i in items[first:first + 2] if isinstance(i, Document)}
    db = tmp_path / "lost.duckdb"
    with open_store(db, read_only=False, settings=SETTINGS.store) as store, \
            _task(held, _FailOnce(victim, tmp_path / "m", always=True)) as coder:
        summary = store.ingest_documents(items, coder.run)
        codes = dict(store.sql("SELECT doc_id, code FROM failures").itertuples(index=False))
    assert {d for d, c in codes.items() if c == "E700"} == lost
    assert summary.articles == len(docs) - len(lost)  # the other batches were stored
    # A second run with a healthy cluster codes the lost documents, and stores the others not again.
    with open_store(db, read_only=False, settings=SETTINGS.store) as store:
        again = store.ingest_documents(_documents(inputs), held.run)
    assert (again.articles, again.skipped, again.resolved) == (len(lost), len(docs) - len(lost), len(lost))


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_nothing_and_doubles_nothing(single: Any, inputs: list[str],
                                                                   tmp_path: Path) -> None:
    """Two worker processes; the first to get the victim's batch dies (os._exit); Dask reschedules it."""
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the spawned workers cannot import tests/
    items = _documents(inputs)
    victim = next(i.doc_id for i in items if isinstance(i, Document))
    marker = tmp_path / "attempts"
    db = tmp_path / "killed.duckdb"
    try:
        with connect(workers=2) as procs, open_store(db, read_only=False, settings=SETTINGS.store) as store:
            summary = store.ingest_documents(
                items, DaskCoder(procs, SETTINGS, task=_FailOnce(victim, marker, exit=True)).run)
            events = store.events()
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert marker.read_text(encoding="utf-8").count("attempt") == 2  # the worker died, the batch ran again
    assert summary.articles == len(items) - 1 and summary.failures == 1
    sources = _stored_sources(db)
    assert len(sources) == len(set(sources)) == len(items) - 1
    pd.testing.assert_frame_equal(_events(events), _events(single[0]))


@pytest.mark.slow
def test_ingest_on_a_running_scheduler_stores_what_a_single_process_stores(client: Any, single: Any,
                                                                            inputs: list[str], tmp_path: Path) -> None:
    """The CLI in another process, a client of this test's scheduler: it never loads the model itself."""
    db = tmp_path / "cli.duckdb"
    done = subprocess.run([sys.executable, "-m", "newsevents.cli", "ingest", *inputs, "--db", str(db),
                           "--scheduler", client.scheduler.address], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr  # the empty file failed; the rest were stored
    assert "1 failure" in done.stderr and f"{len(_documents(inputs)) - 1} articles stored" in done.stderr
    with open_store(db, settings=SETTINGS.store) as store:
        pd.testing.assert_frame_equal(_events(store.events()), _events(single[0]))


def test_an_unreachable_scheduler_is_one_coded_error() -> None:
    with pytest.raises(ClusterError, match=r"cannot reach the Dask scheduler at tcp://127.0.0.1:9 .*--dask-workers"), \
            connect(scheduler="tcp://127.0.0.1:9", timeout_s=0.5):
        pass


def test_without_the_extra_the_error_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # what an environment without dask looks like
    monkeypatch.delitem(sys.modules, "newsevents.scale.cluster")
    from newsevents.scale.coding import coding

    with pytest.raises(MissingExtraError, match=r"pip install 'newsevents\[dask\]'") as info, \
            coding(SETTINGS, dask_workers=2):
        pass
    assert info.value.code == "E007"
