"""Kill `newsevents ingest` with SIGKILL midway, run it again: every story stored exactly once.

Runs the real CLI and pipeline (spaCy model, two worker processes) over 2,000 stories of
../shared/corpus/synthetic_news.jsonl, into a DuckDB file and into a PostgreSQL database (store_db):
a few minutes in all, part of `make test` because it is the proof that nothing is lost or doubled.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import newsevents.store as st

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "synthetic_news.jsonl"
STORIES = 2000
KILL_AFTER = 250  # stored documents seen on stderr (printed only once committed)


def _newsevents() -> str:
    beside = Path(sys.executable).parent / "newsevents"
    found = str(beside) if beside.exists() else shutil.which("newsevents")
    if found is None:
        pytest.skip("the newsevents command is not installed (pip install -e .)")
    return found


@pytest.mark.model
def test_sigkill_midway_then_rerun_stores_every_story_once(tmp_path: Path, store_db: Path | str) -> None:
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} is absent: the kill test needs 2,000 stories from ../shared/corpus")
    inputs = tmp_path / "stories.jsonl"
    with CORPUS.open(encoding="utf-8") as src:
        inputs.write_text("".join(next(src) for _ in range(STORIES)), encoding="utf-8")
    db = store_db
    command = [_newsevents(), "ingest", str(inputs), "--db", str(db), "--verbose", "--workers", "2"]

    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    stored = 0
    for line in proc.stderr:
        stored += line.startswith("stored ")
        if stored >= KILL_AFTER:
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, f"ingest ended before it was killed ({proc.returncode})"

    with st.open(db) as store:  # whatever the kill left is whole and readable
        partial = store.counts()
        failed_before = set(store.failures()["source"])
    assert KILL_AFTER <= partial["articles"] < STORIES

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert rerun.returncode in (0, 1), rerun.stderr[-2000:]
    assert f"{partial['articles']} skipped before coding" in rerun.stderr  # stored ones were not coded again

    with st.open(db) as store:
        documents = store.sql("SELECT doc_id, status FROM documents")
        articles = store.sql("SELECT doc_id FROM articles")["doc_id"].tolist()
        failures = store.failures()
        every_failure = store.failures(include_resolved=True)
        consistent = store.sql("SELECT (SELECT sum(num_mentions) FROM events) = (SELECT count(*) FROM event_mentions) "
                               "AS ok")["ok"][0]
    wanted = {f"SYN-{i:05d}" for i in range(STORIES)}
    seen = documents["doc_id"].tolist() + failures["doc_id"].tolist()
    assert sorted(seen) == sorted(wanted)  # every story once: stored, a duplicate, or an open failure
    assert len(articles) == len(set(articles)) == (documents["status"] == "stored").sum()
    assert failed_before <= set(every_failure["source"])  # no failure lost
    assert consistent
