"""Readers beside a writer: other processes read between an ingest's batches, and a store held too long
is reported with the process that holds it, whether it reads or writes, and what to do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import newsevents.store as st
from newsevents.errors import StoreBusyError
from newsevents.settings import StoreSettings
from store.store_fakes import event, result, story_text
from store.test_kill_resume import _newsevents

HOLD = ("import duckdb, sys, time\n"
        "con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == 'read')\n"
        "print('held', flush=True)\n"
        "time.sleep(float(sys.argv[3]))\n")
SHORT = StoreSettings(lock_wait_s=0.3)


@contextmanager
def held(path: Path, mode: str, seconds: float = 60) -> Iterator[subprocess.Popen[str]]:
    """Another process holding ``path`` for reading or writing (plain DuckDB) for ``seconds``."""
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path), mode, str(seconds)], stdout=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        yield proc
    finally:
        proc.kill()
        proc.wait(10)


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "shared.duckdb"
    with st.open(path, read_only=False) as store:
        store.ingest([result("a", "Washington visited Iraq. " + story_text(1), events=[event("a", 0)])])
    return path


def test_a_reader_names_the_process_that_writes(db: Path) -> None:
    with held(db, "write") as holder, pytest.raises(StoreBusyError) as caught:
        st.open(db, settings=SHORT)
    message = str(caught.value)
    assert message.startswith("[E501]") and f"being written by process {holder.pid} (python" in message
    assert "store.lock_wait_s" in message and "query a copy" in message


def test_a_long_reader_is_named_as_a_reader_not_a_writer(db: Path) -> None:
    with st.open(db, read_only=False, settings=SHORT) as store, held(db, "read") as holder:
        with pytest.raises(StoreBusyError) as caught:
            store.ingest([result("b", story_text(2))])
        assert store.read_only is False
    message = str(caught.value)
    assert f"being read by process {holder.pid}" in message and "being written" not in message
    assert "run the same inputs again" in message
    with st.open(db) as store:  # nothing half-written: the reader's hold kept the batch out whole
        assert store.counts()["articles"] == 1


def test_a_reader_waits_out_a_short_write(db: Path) -> None:
    with held(db, "write", seconds=0.6):
        started = time.monotonic()
        with st.open(db, settings=StoreSettings(lock_wait_s=20)) as store:
            waited = time.monotonic() - started
            assert store.counts()["articles"] == 1
    assert 0.2 < waited < 20


def test_readers_in_other_processes_share_the_file(db: Path) -> None:
    with held(db, "read"), st.open(db, settings=SHORT) as store:
        assert store.counts()["events"] == 1


def test_threads_read_while_the_same_store_writes(db: Path) -> None:
    seen: list[int] = []
    errors: list[BaseException] = []
    done = threading.Event()
    with st.open(db, read_only=False) as store:
        def read() -> None:
            while not done.is_set():
                try:
                    seen.append(store.counts()["articles"])
                except BaseException as exc:  # noqa: BLE001 - the assertion below reports it
                    errors.append(exc)
                    return

        reader = threading.Thread(target=read)
        reader.start()
        for n in range(2, 6):
            store.ingest([result(f"t{n}", story_text(n))])
        done.set()
        reader.join(10)
    assert not errors and seen and seen == sorted(seen) and store.read_only is False
    with st.open(db) as store:
        assert store.counts()["articles"] == 5


def _articles(n: int) -> str:
    """``n`` short articles of our own, each with a statement between two governments."""
    pairs = [("Kenya", "Peru"), ("Norway", "Japan"), ("Chile", "Ghana"), ("Nepal", "Egypt")]
    verbs = ["condemned", "praised", "criticised", "thanked"]
    lines = []
    for i in range(n):
        a, b = pairs[i % len(pairs)]
        text = (f"The government of {a} {verbs[i % len(verbs)]} the government of {b} on Tuesday in "
                f"statement {i}. Ministers from {b} were expected to answer within days, aides said.")
        lines.append(json.dumps({"id": f"r{i}", "text": text, "date": "2024-03-05"}))
    return "\n".join(lines) + "\n"


@pytest.mark.model
def test_events_answers_while_ingest_writes_the_same_file(tmp_path: Path) -> None:
    command = _newsevents()
    inputs = tmp_path / "many.jsonl"
    inputs.write_text(_articles(5000), encoding="utf-8")
    db = tmp_path / "live.duckdb"
    ingest = subprocess.Popen([command, "ingest", str(inputs), "--db", str(db), "--verbose"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    stored = threading.Event()
    lines: list[str] = []

    def drain() -> None:  # keeps the pipe empty, so the ingest never waits on it
        assert ingest.stderr is not None
        for line in ingest.stderr:
            lines.append(line)
            if line.startswith("stored "):
                stored.set()

    drainer = threading.Thread(target=drain, daemon=True)
    drainer.start()
    try:
        assert stored.wait(120), "ingest stored nothing: " + "".join(lines[-5:])
        answers = []
        for _ in range(2):
            events = subprocess.run([command, "events", "--db", str(db), "--format", "jsonl", "--limit", "3"],
                                    capture_output=True, text=True, timeout=120)
            assert events.returncode == 0, events.stderr
            rows = [json.loads(line) for line in events.stdout.splitlines()]
            assert rows and all(r["cameo"] and r["source"] for r in rows)
            counted = subprocess.run([command, "sql", "SELECT count(*) AS n FROM articles", "--db", str(db),
                                      "--format", "jsonl"], capture_output=True, text=True, timeout=120)
            assert counted.returncode == 0, counted.stderr
            answers.append(json.loads(counted.stdout)["n"])
        assert ingest.poll() is None, "the ingest finished before the readers were done: give it more input"
        assert 0 < answers[0] <= answers[1] < 5000
    finally:
        ingest.kill()
        ingest.wait(30)
        drainer.join(10)
    with st.open(db) as store:  # the kill left whole batches, at least as many as the readers saw
        assert store.counts()["articles"] >= answers[-1]


def test_the_cli_names_the_holder_and_the_setting(db: Path, tmp_path: Path) -> None:
    config = tmp_path / "wait.toml"
    config.write_text("[store]\nlock_wait_s = 0.3\n", encoding="utf-8")
    with held(db, "write") as holder:
        answer = subprocess.run([_newsevents(), "events", "--db", str(db)], capture_output=True, text=True,
                                timeout=120, env={**os.environ, "NEWSEVENTS_CONFIG": str(config)})
    assert answer.returncode == 1 and "Traceback" not in answer.stderr
    assert answer.stderr.startswith("newsevents: [E501]") and f"process {holder.pid}" in answer.stderr
    assert len(answer.stderr.strip().splitlines()) == 1


READ = ("import sys\nimport newsevents.store as st\nfrom newsevents.settings import StoreSettings\n"
        "with st.open(sys.argv[1], settings=StoreSettings(lock_wait_s=0.3)) as store:\n"
        "    print(store.counts()['articles'])\n")


def _read_elsewhere(db: Path) -> subprocess.CompletedProcess[str]:
    """Count the articles from another process, waiting at most 0.3 s for the file."""
    return subprocess.run([sys.executable, "-c", READ, str(db)], capture_output=True, text=True, timeout=120)


def test_another_process_reads_between_batches(db: Path) -> None:
    with st.open(db, read_only=False) as store:
        store.ingest([result("b", story_text(2))])
        store.counts()  # this process reads too: a shared read connection, which others may share
        other = _read_elsewhere(db)
        assert other.returncode == 0 and other.stdout.strip() == "2", other.stderr


def test_hold_for_writing_keeps_the_file_until_closed(db: Path) -> None:
    with st.open(db, read_only=False, settings=StoreSettings(hold_for_writing=True)) as store:
        store.ingest([result("b", story_text(2))])
        store.ingest([result("c", story_text(3))])
        assert store.counts()["articles"] == 3  # reads take cursors on the held connection
        other = _read_elsewhere(db)
        assert other.returncode == 1 and f"being written by process {os.getpid()}" in other.stderr
    again = _read_elsewhere(db)
    assert again.returncode == 0 and again.stdout.strip() == "3", again.stderr
