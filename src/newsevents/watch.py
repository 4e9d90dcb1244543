"""Watching feeds: poll them, fetch what is new, code it and store it, one cycle every ``every_s`` seconds.

    run_watch(feeds, settings, store, run, every_s=900, stop=event, report=print)

A cycle polls every feed (conditional GET: a feed that has not changed costs a 304), records the new
entries, then fetches, codes and stores the articles of every entry not stored yet (new ones, and
failed ones whose retry is due), through the same ingest as ``newsevents ingest``
(``EventStore.ingest_documents``), and reports one summary line. What it has seen lives in the store
(store/watchstate.py), so a restart, even after a kill -9, goes on from the last committed batch:
entries recorded but not fetched are fetched, an article stored but not yet marked is found stored and
not fetched again, and the store's own keys keep anything from being stored twice.

A failed feed or article is retried after ``watch.retry_base_s``, doubled after each further failure
up to ``watch.retry_max_s``; an article is given up after ``watch.max_attempts`` attempts (its failure
stays in the failures table). Setting ``stop`` (the CLI does on SIGTERM or SIGINT) ends the run after
the batch in progress: no new article is fetched, the ones fetched are coded and committed, and the
cycle's line is reported.

FEEDS are feed URLs, or files listing them (OPML, or one URL a line), read again every cycle so that
a list can be edited while ``watch`` runs.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from .errors import FeedError, NewsEventsError, StoreBusyError, UsageError
from .read.feeds import FeedEntry, feed_list, fetch_article, parse_feed
from .read.opening import open_regular
from .read.polite import Polite, Validators
from .read.url import Fetcher, is_url
from .settings import Settings
from .store.eventstore import EventStore
from .store.ingest import Outcome
from .store.watchstate import ItemResult, ItemTodo, NewEntry
from .types import Document, Failure, Result

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT_S = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}

Run = Callable[[Iterable[Document | Failure]], Iterable[Result | Failure]]


def parse_interval(text: str) -> float:
    """Seconds in ``90``, ``30s``, ``15m``, ``2h`` or ``1d``; raises UsageError (E001) otherwise."""
    match = _INTERVAL.match(text)
    seconds = float(match.group(1)) * _UNIT_S[match.group(2).lower()] if match else 0.0
    if seconds <= 0:
        raise UsageError(f"{text!r} is not an interval: write a positive number of seconds, or one with a unit "
                         "(30s, 15m, 2h, 1d)")
    return seconds


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)  # the store keeps naive UTC


@dataclass(frozen=True, slots=True)
class CycleSummary:
    cycle: int
    feeds: int = 0  # feeds watched this cycle
    polled: int = 0  # feeds asked (the others wait for their retry)
    unchanged: int = 0  # answered 304
    feed_failures: int = 0
    new_entries: int = 0
    articles: int = 0  # entries whose article was fetched (or found stored) this cycle
    stored: int = 0
    duplicates: int = 0
    failures: int = 0
    given_up: int = 0
    mentions: int = 0
    seconds: float = 0.0
    stopped: bool = False

    def line(self) -> str:
        return (f"cycle {self.cycle}: {self.polled} of {self.feeds} feeds polled ({self.unchanged} unchanged, "
                f"{self.feed_failures} failed), {self.new_entries} new entries; {self.articles} articles: "
                f"{self.stored} stored, {self.duplicates} already stored, {self.failures} failed "
                f"({self.given_up} given up); {self.mentions} event mentions in {self.seconds:.1f} s"
                + ("; stopping" if self.stopped else ""))


class Watcher:
    """One ``watch``: its feeds, the store, the pipeline and a polite fetcher, reused cycle after cycle."""

    def __init__(self, feeds: Sequence[str], settings: Settings, store: EventStore, run: Run, polite: Polite, *,
                 stop: threading.Event, report: Callable[[str], None],
                 now: Callable[[], datetime] = _utcnow) -> None:
        self._inputs = list(feeds)
        self._settings = settings
        self._store = store
        self._run = run
        self._polite = polite
        self._stop = stop
        self._report = report
        self._now = now

    def retry_delay(self, attempts: int) -> timedelta:
        """The wait after the ``attempts``-th failure in a row: the base, doubled each time, capped."""
        w = self._settings.watch
        return timedelta(seconds=min(w.retry_base_s * 2 ** max(attempts - 1, 0), w.retry_max_s))

    # -- one cycle ----------------------------------------------------------------------------------------

    def cycle(self, number: int) -> CycleSummary:
        started = time.monotonic()
        counts = dict.fromkeys(("polled", "unchanged", "feed_failures", "new_entries"), 0)
        urls = self._feed_urls()
        for url in urls:
            if self._stop.is_set():
                break
            self._poll(url, counts)
        ingested = self._fetch_and_store(urls)
        return CycleSummary(number, feeds=len(urls), **counts, **ingested, seconds=time.monotonic() - started,
                            stopped=self._stop.is_set())

    def _feed_urls(self) -> list[str]:
        urls: list[str] = []
        for item in self._inputs:
            if is_url(item):
                urls.append(item)
                continue
            try:
                listed = feed_list(_read_list(item, self._settings.read.max_bytes), f"feed list {item}")
            except NewsEventsError as exc:
                self._report(f"{item}: [{exc.code}] {exc.message}")
                continue
            for url in listed:
                if isinstance(url, FeedError):
                    self._report(f"{item}: [{url.code}] {url.message}")
                else:
                    urls.append(url)
        return list(dict.fromkeys(urls))

    def _poll(self, url: str, counts: dict[str, int]) -> None:
        now = self._now()
        state = self._store.feed_state(url)
        if state is not None and state.failures and state.retry_at is not None and state.retry_at > now:
            return
        counts["polled"] += 1
        what = f"feed {url}"
        try:
            validators = Validators(state.etag, state.last_modified) if state is not None else None
            got = self._polite.get(url, validators=validators, what=what)
            if got.not_modified:
                counts["unchanged"] += 1
                entries = None
            else:
                entries = [NewEntry(e.key, e.link, e.title, e.published)
                           for e in parse_feed(got.body, got.url, what) if isinstance(e, FeedEntry)]
        except NewsEventsError as exc:
            failures = (state.failures if state is not None else 0) + 1
            retry_at = now + self.retry_delay(failures)
            counts["feed_failures"] += 1
            self._store.record_feed_failure(url, code=exc.code, message=exc.message, now=now, retry_at=retry_at)
            self._report(f"{url}: [{exc.code}] {exc.message} (failure {failures}; polled again after "
                         f"{retry_at:%Y-%m-%d %H:%M:%S} UTC)")
            return
        counts["new_entries"] += self._store.record_poll(url, etag=got.etag, last_modified=got.last_modified,
                                                         entries=entries, now=now)

    def _fetch_and_store(self, urls: list[str]) -> dict[str, int]:
        todo: dict[str, ItemTodo] = {}
        for item in self._store.feed_items_due(urls, self._now()):
            known = todo.get(item.link)
            if known is None or item.attempts > known.attempts:
                todo[item.link] = item  # one link in two feeds is fetched once
        counts = dict.fromkeys(("articles", "stored", "duplicates", "failures", "given_up", "mentions"), 0)
        if not todo or self._stop.is_set():
            return counts
        found: list[ItemResult] = []

        def documents() -> Iterator[Document | Failure]:
            for link, item in todo.items():
                if self._stop.is_set():
                    return  # what was fetched is still coded and committed: the batch in progress ends
                counts["articles"] += 1
                article_id = self._store.stored_article(link)
                if article_id is not None:  # stored before a kill let us mark it
                    found.append(ItemResult(link, article_id))
                    continue
                yield fetch_article(FeedEntry(link, item.key, item.title, item.published), self._polite)

        def committed(outcomes: Sequence[Outcome]) -> None:
            results = []
            for o in outcomes:
                item = todo.get(o.source)
                if item is None:
                    continue
                if o.status == "failed":
                    attempts = item.attempts + 1
                    give_up = attempts >= self._settings.watch.max_attempts
                    counts["failures"] += 1
                    counts["given_up"] += give_up
                    retry_at = None if give_up else self._now() + self.retry_delay(attempts)
                    results.append(ItemResult(o.source, code=o.code, retry_at=retry_at))
                else:
                    counts["stored" if o.status == "stored" else "duplicates"] += 1
                    counts["mentions"] += o.events
                    results.append(ItemResult(o.source, o.article_id))
            self._store.record_feed_items(results, self._now())

        self._store.ingest_documents(documents(), self._run, on_commit=committed)
        if found:
            counts["duplicates"] += len(found)
            self._store.record_feed_items(found, self._now())
        return counts


def run_watch(feeds: Sequence[str], settings: Settings, store: EventStore, run: Run, *, every_s: float,
              stop: threading.Event, report: Callable[[str], None], cycles: int | None = None,
              fetcher: Fetcher | None = None) -> int:
    """Cycles until ``stop`` is set (or ``cycles`` are done); returns how many ran. A cycle that finds the
    store held by another process too long is reported and the next one tries again."""
    with fetcher or Fetcher(settings.read) as fetch:
        watcher = Watcher(feeds, settings, store, run, Polite(fetch, settings.read), stop=stop, report=report)
        done = 0
        while not stop.is_set():
            started = time.monotonic()
            done += 1
            try:
                report(watcher.cycle(done).line())
            except StoreBusyError as exc:
                report(f"cycle {done}: [{exc.code}] {exc.message}")
            if cycles is not None and done >= cycles:
                break
            stop.wait(max(0.0, every_s - (time.monotonic() - started)))
    return done


def _read_list(item: str, limit: int) -> bytes:
    what = f"feed list {item}"
    stream, size = open_regular(Path(item), what)
    with stream:
        if size > limit:
            raise FeedError(f"{what} is {size:,} bytes, over the limit of {limit:,} (setting read.max_bytes)")
        return stream.read(limit + 1)
