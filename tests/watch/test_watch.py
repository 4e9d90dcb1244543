"""The watch loop in-process: a real feed site on 127.0.0.1, the real pipeline, a real DuckDB store.

What was fetched is read from the server's log; what was kept, from the store."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from newsevents.errors import UsageError
from newsevents.pipeline import Pipeline
from newsevents.read.polite import Polite
from newsevents.read.url import Fetcher
from newsevents.settings import Settings
from newsevents.store import EventStore
from newsevents.store import open as open_store
from newsevents.watch import Watcher, parse_interval, run_watch
from read.feed_site import FeedSite, article, feed_site, rss

SETTINGS = Settings().with_overrides({"read": {"host_interval_s": 0.0},
                                      "watch": {"retry_base_s": 60.0, "max_attempts": 2}})
STORIES = {
    "/w/ceasefire.html": ("Ceasefire agreed", "Sudan's army and the Rapid Support Forces agreed to a ceasefire in "
                          "Jeddah on Sunday, mediators said."),
    "/w/protest.html": ("Farmers protest", "Thousands of farmers protested outside the parliament in Warsaw on "
                        "Monday against grain imports."),
    "/w/visit.html": ("Minister visits", "Japan's foreign minister visited Seoul on Tuesday and met South Korea's "
                      "president."),
}
DATE = "Mon, 10 Nov 2025 08:00:00 GMT"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(SETTINGS).load()


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with feed_site() as s:
        for path, (title, text) in STORIES.items():
            s.put(path, article(title, text, "Officials gave no further details on the talks."))
        yield s


class Clock:
    def __init__(self) -> None:
        self.at = datetime(2025, 11, 14, 12, 0, 0)

    def __call__(self) -> datetime:
        return self.at


def _publish(site: FeedSite, *paths: str) -> None:
    site.put("/feed", rss(site, [(p, STORIES[p][0], DATE) for p in paths]), "application/rss+xml")


def _watcher(site: FeedSite, store: EventStore, pipeline: Pipeline, clock: Clock, stop: threading.Event,
             fetcher: Fetcher, lines: list[str]) -> Watcher:
    return Watcher([f"{site.url}/feed"], SETTINGS, store, pipeline.run, Polite(fetcher, SETTINGS.read), stop=stop,
                   report=lines.append, now=clock)


@pytest.mark.model
def test_each_cycle_fetches_only_what_is_new_and_an_unchanged_feed_costs_a_304(
        site: FeedSite, store_db: Path | str, pipeline: Pipeline) -> None:
    """On both store backends (``store_db``: DuckDB, and PostgreSQL when the tests have a server)."""
    _publish(site, "/w/ceasefire.html", "/w/protest.html")
    lines: list[str] = []
    with open_store(store_db, read_only=False) as store, Fetcher(SETTINGS.read) as fetcher:
        watcher = _watcher(site, store, pipeline, Clock(), threading.Event(), fetcher, lines)
        first = watcher.cycle(1)
        _publish(site, "/w/visit.html", "/w/ceasefire.html", "/w/protest.html")  # a new entry on top
        second = watcher.cycle(2)
        third = watcher.cycle(3)
        counts = store.counts()
        items = store.feed_item_counts()
    assert (first.new_entries, first.stored, second.new_entries, second.stored) == (2, 2, 1, 1)
    assert (third.unchanged, third.new_entries, third.articles) == (1, 0, 0)
    assert counts["articles"] == 3 and items == {"done": 3}
    assert [h.status for h in site.hits("/feed")] == [200, 200, 304]
    assert site.hits("/feed")[2].if_none_match is not None
    for path in STORIES:
        assert len(site.hits(path)) == 1, path  # each article fetched once, over three cycles
    assert lines == [] and first.line().startswith("cycle 1: 1 of 1 feeds polled")


@pytest.mark.model
def test_a_failed_article_is_retried_with_backoff_then_given_up(
        site: FeedSite, tmp_path: Path, pipeline: Pipeline) -> None:
    _publish(site, "/w/ceasefire.html", "/w/protest.html")
    site.remove("/w/protest.html")  # 404 for now
    clock = Clock()
    with open_store(tmp_path / "w.duckdb", read_only=False) as store, Fetcher(SETTINGS.read) as fetcher:
        watcher = _watcher(site, store, pipeline, clock, threading.Event(), fetcher, [])
        first = watcher.cycle(1)
        clock.at += timedelta(seconds=30)  # before the retry is due: not asked again
        early = watcher.cycle(2)
        clock.at += timedelta(seconds=31)
        retried = watcher.cycle(3)  # the second attempt (max_attempts = 2) fails too: given up
        clock.at += timedelta(days=1)
        after = watcher.cycle(4)
        items = store.feed_item_counts()
        failures = store.failures()
    assert (first.stored, first.failures, first.given_up) == (1, 1, 0)
    assert early.articles == 0 and (retried.failures, retried.given_up) == (1, 1) and after.articles == 0
    assert len(site.hits("/w/protest.html")) == 2
    assert items == {"done": 1, "given_up": 1}
    assert list(failures["code"]) == ["E107"]  # the store's failures table has it, once, with its attempts


@pytest.mark.model
def test_a_failed_feed_waits_for_its_retry_and_stop_ends_the_run(
        site: FeedSite, tmp_path: Path, pipeline: Pipeline) -> None:
    lines: list[str] = []
    clock = Clock()
    stop = threading.Event()
    with open_store(tmp_path / "w.duckdb", read_only=False) as store, Fetcher(SETTINGS.read) as fetcher:
        watcher = _watcher(site, store, pipeline, clock, stop, fetcher, lines)
        broken = watcher.cycle(1)  # no /feed yet: 404
        waiting = watcher.cycle(2)
        clock.at += timedelta(seconds=61)
        _publish(site, "/w/visit.html")
        recovered = watcher.cycle(3)
        state = store.feed_state(f"{site.url}/feed")
    assert (broken.feed_failures, waiting.polled, recovered.polled, recovered.stored) == (1, 0, 1, 1)
    assert len(site.hits("/feed")) == 2 and "[E107]" in lines[0] and "polled again after" in lines[0]
    assert state is not None and state.failures == 0 and state.etag
    with open_store(tmp_path / "w.duckdb", read_only=False) as store:
        stop.set()
        assert run_watch([f"{site.url}/feed"], SETTINGS, store, pipeline.run, every_s=0.1, stop=stop,
                         report=lines.append) == 0


def test_intervals_are_read_with_their_units() -> None:
    assert [parse_interval(t) for t in ("90", "30s", "15m", "2h", "1d", "0.5s")] == [90, 30, 900, 7200, 86400, 0.5]
    for bad in ("", "0", "-5m", "15 minutes", "m"):
        with pytest.raises(UsageError):
            parse_interval(bad)
