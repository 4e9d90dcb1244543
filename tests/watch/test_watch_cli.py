"""`newsevents watch` as a process against a local server whose feed changes between polls: killed with
SIGKILL in the middle of a cycle and restarted, every article is stored exactly once; SIGTERM ends it
after the batch in progress, with exit status 0."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from newsevents.store import open as open_store
from read.feed_site import FeedSite, article, feed_site, rss

DATE = "Tue, 11 Nov 2025 07:00:00 GMT"
STORIES = {
    "/w/a-ceasefire.html": "Sudan's army and the Rapid Support Forces agreed to a ceasefire in Jeddah on Sunday.",
    "/w/b-protest.html": "Thousands of farmers protested outside the parliament in Warsaw on Monday.",
    "/w/c-visit.html": "Japan's foreign minister visited Seoul on Tuesday and met South Korea's president.",
    "/w/m-slow.html": "Police arrested forty protesters in Nairobi on Wednesday after a march on parliament.",
    "/w/t-sanctions.html": "The European Union imposed sanctions on Belarus on Thursday over the border crisis.",
    "/w/z-last.html": "Egypt's president met the Jordanian king in Cairo on Friday to discuss Gaza.",
}
WAIT_S = 300.0  # model loading on a loaded two-core machine


def _put(site: FeedSite, path: str, *, delay_s: float = 0.0) -> None:
    site.put(path, article(path.rsplit("/", 1)[1], STORIES[path], "Officials gave no more details."), delay_s=delay_s)


def _publish(site: FeedSite, *paths: str) -> None:
    site.put("/feed", rss(site, [(p, p, DATE) for p in paths]), "application/rss+xml")


def _until(what: str, ready: Callable[[], bool], log: Path) -> None:
    deadline = time.monotonic() + WAIT_S
    while not ready():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {WAIT_S:.0f} s for {what}; watch said:\n{log.read_text()}")
        time.sleep(0.1)


def _cycles(log: Path) -> list[str]:
    return [line for line in log.read_text().splitlines() if line.startswith("cycle ")]


def _start(site: FeedSite, tmp: Path, log: Path, db: Path | str) -> subprocess.Popen[bytes]:
    config = tmp / "config.toml"
    config.write_text("[read]\nhost_interval_s = 0.0\n[watch]\nretry_base_s = 1.0\n", encoding="utf-8")
    return subprocess.Popen([sys.executable, "-m", "newsevents.cli", "watch", f"{site.url}/feed", "--every", "1s",
                             "--db", str(db), "--config", str(config)],
                            stdout=subprocess.DEVNULL, stderr=log.open("w"))


@pytest.mark.model
def test_watch_killed_mid_cycle_and_restarted_stores_every_article_once(tmp_path: Path, store_db: Path | str) -> None:
    """On both store backends (``store_db``: DuckDB, and PostgreSQL when the tests have a server)."""
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
    with feed_site() as site:
        for path in STORIES:
            _put(site, path, delay_s=60.0 if path == "/w/m-slow.html" else 0.0)
        _publish(site, "/w/a-ceasefire.html", "/w/b-protest.html")
        first = _start(site, tmp_path, first_log, store_db)
        try:
            _until("the first cycle", lambda: any("2 stored" in c for c in _cycles(first_log)), first_log)
            # The feed changes: four new entries, the slow one in the middle of them (entries are fetched in
            # the order of their ids). Killed while that one is being fetched: mid-cycle, mid-batch.
            _publish(site, *(p for p in STORIES if p != "/w/z-last.html"))
            _until("the slow article's fetch", lambda: bool(site.hits("/w/m-slow.html")), first_log)
            first.send_signal(signal.SIGKILL)
            assert first.wait(30) == -signal.SIGKILL
        finally:
            first.kill()
        _put(site, "/w/m-slow.html")  # answers at once now
        second = _start(site, tmp_path, second_log, store_db)
        try:
            # A cycle with the feed unchanged and nothing left to fetch: everything is in.
            _until("a quiet cycle", lambda: any("(1 unchanged" in c and " 0 articles" in c
                                                for c in _cycles(second_log)), second_log)
            # One more entry, slow to fetch; SIGTERM while it is being fetched: the batch still ends.
            _put(site, "/w/z-last.html", delay_s=2.0)
            _publish(site, *STORIES)
            _until("the last article's fetch", lambda: bool(site.hits("/w/z-last.html")), second_log)
            second.send_signal(signal.SIGTERM)
            assert second.wait(120) == 0, second_log.read_text()
        finally:
            second.kill()
    with open_store(store_db) as store:
        stored = store.sql_arrow("SELECT url, count(*) AS n FROM articles GROUP BY url ORDER BY url").to_pylist()
        documents = store.counts()["documents"]
        items = store.feed_item_counts()
    assert [(r["url"].removeprefix(site.url), r["n"]) for r in stored] == [(path, 1) for path in sorted(STORIES)]
    assert documents == len(STORIES) and items == {"done": len(STORIES)}
    assert len(site.hits("/w/m-slow.html")) == 2  # asked again after the kill, stored once
    assert all(len(site.hits(p)) <= 2 for p in STORIES)
    last = _cycles(second_log)[-1]
    assert "stopping" in last and "1 new entries; 1 articles: 1 stored" in last, second_log.read_text()
    assert "Traceback" not in second_log.read_text()
