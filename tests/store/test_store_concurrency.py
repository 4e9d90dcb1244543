"""Many writers and readers on one PostgreSQL store at once: every article once, counts never torn.

Separate processes, as `serve`, `watch` and an ad-hoc `ingest` would be: two ingest processes with
overlapping inputs and a reader polling meanwhile, on the tests' real PostgreSQL server. The pipeline
is the stand-in of store_fakes (no model), so that the store is what is tested, in seconds.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import newsevents.store as st
from newsevents.store.schema import MIGRATIONS
from store.backends import pg_schema

TESTS = Path(__file__).resolve().parents[1]

# A writer: ingests articles FIRST..LAST-1 in small calls (many transactions to interleave), once the
# go file exists, and prints its totals as JSON.
WRITER = """
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import newsevents.store as st
from store.store_fakes import event, result, story_text
url, first, last, go = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), Path(sys.argv[5])
while not go.exists():
    time.sleep(0.005)
totals = {"articles": 0, "duplicates": 0}
with st.open(url, read_only=False) as store:
    for start in range(first, last, 10):
        batch = [result(f"n{i:04d}", story_text(i), events=[event(f"n{i:04d}", 0)],
                        url=f"https://news.example/{i}") for i in range(start, min(start + 10, last))]
        s = store.ingest(batch)
        totals["articles"] += s.articles
        totals["duplicates"] += s.duplicates
print(json.dumps(totals))
"""

# A reader: until the stop file exists, reads the counts (one statement, one snapshot) and checks that
# the evidence and the events' counts agree in every snapshot; prints what it saw.
READER = """
import json, sys, time
from pathlib import Path
import newsevents.store as st
url, stop = sys.argv[1], Path(sys.argv[2])
seen, torn = [], 0
with st.open(url) as store:
    while not stop.exists():
        seen.append(store.counts()["articles"])
        ok = store.sql("SELECT (SELECT coalesce(sum(num_mentions), 0) FROM events) = "
                       "(SELECT count(*) FROM event_mentions) AS ok")["ok"][0]
        torn += not bool(ok)
print(json.dumps({"seen": seen, "torn": torn}))
"""


def _spawn(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _result(proc: subprocess.Popen[str]) -> dict:
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err[-3000:]
    return json.loads(out.strip().splitlines()[-1])


def test_two_ingests_and_a_reader_at_once_store_every_article_once(tmp_path: Path) -> None:
    with pg_schema() as url:
        st.open(url, read_only=False).close()  # migrated, so that the reader can open it at once
        go, stop = tmp_path / "go", tmp_path / "stop"
        reader = _spawn(READER, url, str(stop))
        writers = [_spawn(WRITER, str(TESTS), url, "0", "300", str(go)),
                   _spawn(WRITER, str(TESTS), url, "150", "450", str(go))]
        time.sleep(1.0)  # both writers connected and waiting
        go.touch()
        totals = [_result(w) for w in writers]
        stop.touch()
        read = _result(reader)
        with st.open(url) as store:
            counts = store.counts()
            docs = store.sql("SELECT doc_id, count(*) AS n FROM documents GROUP BY doc_id HAVING count(*) > 1")
            event = store.sql("SELECT num_mentions, num_articles FROM events").values.tolist()
            consistent = store.sql("SELECT (SELECT sum(num_mentions) FROM events) = "
                                   "(SELECT count(*) FROM event_mentions) AS ok")["ok"][0]
    assert sum(t["articles"] for t in totals) == 450  # each article stored by one writer or the other
    assert sum(t["duplicates"] for t in totals) == 150  # and the overlap found stored by the later one
    assert counts == {"documents": 450, "articles": 450, "stories": 450, "events": 1, "event_mentions": 450,
                      "failures": 0}
    # One event reported by all 450 articles: its counts, recomputed by batches of both writers, are whole.
    assert event == [[450, 450]]
    assert docs.empty and consistent
    assert read["torn"] == 0
    assert read["seen"] == sorted(read["seen"])  # the reader never saw an article go away
    assert len(read["seen"]) > 1


def test_processes_opening_a_new_store_at_once_migrate_it_once() -> None:
    code = "import sys, newsevents.store as st; st.open(sys.argv[1], read_only=False).close()"
    with pg_schema() as url:
        procs = [subprocess.Popen([sys.executable, "-c", code, url], stderr=subprocess.PIPE, text=True)
                 for _ in range(4)]
        errors = [p.communicate(timeout=120)[1] for p in procs]
        assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
        with st.open(url) as store:
            ledger = store.sql("SELECT name FROM migrations ORDER BY name")["name"].tolist()
    assert ledger == [m.name for m in MIGRATIONS]
