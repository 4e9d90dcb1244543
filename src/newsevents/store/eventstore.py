"""EventStore: one DuckDB file, or one PostgreSQL database, holding articles, events and their evidence.

    with newsevents.store.open("news.duckdb") as store:        # read-only unless asked
    with newsevents.store.open("postgresql://reader@db.example/news") as store:  # the same, on a server
        store.events(country="IRQ", since="2024-01-01")         # pandas DataFrame
        store.events_arrow(type="ASSAULT")                      # pyarrow Table

Open it for writing (``read_only=False``) to ingest; opening applies missing migrations. A store
open for writing holds the file for writing only while it writes a batch, so other processes can read
it in between (connection.py says how, and how long each side waits for the other). Within a process
each call uses its own cursor, so an EventStore may be shared by threads (the HTTP API does), with
ingests serialised by a lock. A PostgreSQL store (postgres.py) is shared the same way, and by any
number of writing and reading processes at once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import pandas as pd
import pyarrow as pa

from ..dburl import as_target, is_url
from ..errors import StoreBusyError, StoreError
from ..settings import StoreSettings
from ..types import Document, Failure, Result
from . import dashboard, queries, watchstate
from .connection import Access
from .dashboard import Bucket, BucketChoice, Period
from .export import ExportFormat, default_modality
from .export import export as _export
from .filters import EventFilter, ModalityChoice, Near, QuadChoice
from .frames import to_frame
from .ingest import Ingestor, IngestSummary, Outcome
from .schema import migrate, pending
from .stories import SCHEME, SEED, Signature, StoryIndex
from .watchstate import FeedState, ItemResult, ItemTodo, NewEntry


class EventStore:
    """An open event store (DuckDB or PostgreSQL): ingest results, query events, export. Use ``open(path)``."""

    def __init__(self, access: Any, *, settings: StoreSettings) -> None:
        self._access = access
        self.path = access.path
        self.read_only = access.read_only
        self.settings = settings
        self._write_lock = threading.Lock()
        self._stories: StoryIndex | None = None

    # -- lifecycle -----------------------------------------------------------------------------------------

    def close(self) -> None:
        self._access.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _cursor(self) -> AbstractContextManager[Any]:
        return self._access.reading()

    # -- writing -----------------------------------------------------------------------------------------------

    def ingest(self, results: Iterable[Result | Failure], *,
               on_commit: Callable[[Sequence[Outcome]], None] | None = None) -> IngestSummary:
        """Store what the pipeline produced; ``on_commit`` hears each committed batch's outcomes."""
        return self._ingest(lambda ingestor: results, on_commit)

    def ingest_documents(self, items: Iterable[Document | Failure],
                         run: Callable[[Iterable[Document | Failure]], Iterable[Result | Failure]], *,
                         on_commit: Callable[[Sequence[Outcome]], None] | None = None) -> IngestSummary:
        """Code and store documents, skipping those whose bytes are stored already.

        ``run`` is the pipeline (``Pipeline(settings).run``): it only ever sees the unseen documents.
        """
        return self._ingest(lambda ingestor: run(ingestor.unseen(items)), on_commit)

    def _ingest(self, results: Callable[[Ingestor], Iterable[Result | Failure]],
                on_commit: Callable[[Sequence[Outcome]], None] | None) -> IngestSummary:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; open it with read_only=False to ingest")
        with self._write_lock:
            try:
                ingestor = Ingestor(self._access.writing, self._story_index(), reading=self._access.reading,
                                    on_commit=on_commit)
                return ingestor.ingest(results(ingestor))
            except StoreBusyError as exc:
                self._stories = None
                raise StoreBusyError(f"{exc.message}; every batch before this one is stored: run the same inputs "
                                     "again once the store is free") from exc
            except self._access.errors as exc:
                self._stories = None  # it may hold articles of the batch rolled back: rebuild from the file
                raise StoreError(f"writing to {self.path} failed ({exc}); the last batch was rolled back and "
                                 "every earlier one is stored: fix the cause and run the same inputs again") from exc
            except BaseException:
                self._stories = None
                raise

    def _story_index(self) -> StoryIndex:
        """The near-duplicate index, built from the stored signatures on first use."""
        if self._stories is not None:
            return self._stories
        index = StoryIndex(self.settings)
        current = [index.num_perm, SEED, SCHEME]
        with self._cursor() as cur:
            signatures = cur.execute(
                "SELECT s.doc_id, a.story_id, s.num_perm, s.seed, s.scheme, s.hashvalues FROM signatures s "
                "JOIN articles a ON a.doc_id = s.doc_id WHERE s.num_perm = ? AND s.seed = ? AND s.scheme = ?",
                current).fetchall()
            unsigned = cur.execute(
                "SELECT a.doc_id, a.story_id, a.text FROM articles a LEFT JOIN signatures s ON s.doc_id = a.doc_id "
                "WHERE s.doc_id IS NULL OR s.num_perm <> ? OR s.seed <> ? OR s.scheme <> ?", current).fetchall()
        for doc_id, story_id, num_perm, seed, scheme, hashvalues in signatures:
            index.load(Signature(doc_id, num_perm, seed, scheme, hashvalues), story_id)
        # Stored before signatures existed, or with other MinHash settings: sign them again now.
        redone: list[Signature] = []
        for doc_id, story_id, text in unsigned:
            signed = index.signature(doc_id, text)
            if signed is not None:
                index.add(doc_id, story_id, signed[1])
                redone.append(signed[0])
        if redone:
            with self._access.writing() as cur:
                self._sign_again(cur, redone)
        self._stories = index
        return index

    @staticmethod
    def _sign_again(cur: Any, redone: list[Signature]) -> None:
        if redone:
            cur.execute("BEGIN TRANSACTION")
            try:
                cur.execute("DELETE FROM signatures WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                            [[s.doc_id for s in redone]])
                cur.executemany("INSERT INTO signatures VALUES (?, ?, ?, ?, ?)",
                                [[s.doc_id, s.num_perm, s.seed, s.scheme, s.hashvalues] for s in redone])
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise

    # -- what `watch` remembers (watchstate.py) ---------------------------------------------------------------

    def feed_state(self, feed_url: str) -> FeedState | None:
        with self._cursor() as cur:
            return watchstate.feed_state(cur, feed_url)

    def record_poll(self, feed_url: str, *, etag: str | None, last_modified: str | None,
                    entries: Iterable[NewEntry] | None, now: datetime) -> int:
        """Record a successful poll of a feed and its entries (None after a 304); returns the new entries."""
        with self._writable() as con:
            return watchstate.record_poll(con, feed_url, etag=etag, last_modified=last_modified, entries=entries,
                                          now=now)

    def record_feed_failure(self, feed_url: str, *, code: str, message: str, now: datetime,
                            retry_at: datetime) -> None:
        with self._writable() as con:
            watchstate.record_feed_failure(con, feed_url, code=code, message=message, now=now, retry_at=retry_at)

    def feed_items_due(self, feed_urls: Iterable[str], now: datetime) -> list[ItemTodo]:
        with self._cursor() as cur:
            return watchstate.items_due(cur, feed_urls, now)

    def stored_article(self, link: str) -> str | None:
        with self._cursor() as cur:
            return watchstate.stored_article(cur, link)

    def record_feed_items(self, results: Iterable[ItemResult], now: datetime) -> None:
        """Mark feed entries done or failed; called once the batch that stored their articles is committed."""
        with self._writable() as con:
            watchstate.record_items(con, results, now)

    def feed_item_counts(self) -> dict[str, int]:
        with self._cursor() as cur:
            return watchstate.counts(cur)

    def _writable(self) -> AbstractContextManager[Any]:
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only; open it with read_only=False to watch feeds")
        return self._access.writing()

    # -- reading: pyarrow ------------------------------------------------------------------------------------

    def events_arrow(self, *, actor: str | None = None, country: str | None = None,
                     dyad: str | tuple[str, str] | None = None, type: str | None = None, cameo: str | None = None,
                     since: date | str | None = None, until: date | str | None = None,
                     near: str | Near | tuple[float, float, float] | None = None, modality: ModalityChoice = None,
                     quad: QuadChoice = None, text: str | None = None,
                     limit: int | None = None, offset: int = 0, cursor: str | None = None) -> pa.Table:
        """Distinct events matching every filter given (see filters.py), newest first."""
        flt = EventFilter.parse(actor=actor, country=country, dyad=dyad, type=type, cameo=cameo, since=since,
                                until=until, near=near, modality=modality, quad=quad, text=text)
        with self._cursor() as cur:
            return queries.events(cur, flt, limit=limit, offset=offset, cursor=cursor)

    def count_events(self, **filters: Any) -> int:
        with self._cursor() as cur:
            return queries.count_events(cur, EventFilter.parse(**filters))

    def event_arrow(self, event_id: int) -> pa.Table:
        """One row per mention of the event: the event's columns, the evidence, the article's URL and title."""
        with self._cursor() as cur:
            return queries.event(cur, event_id)

    def article_arrow(self, doc_id: str) -> pa.Table:
        with self._cursor() as cur:
            return queries.article(cur, doc_id)

    def article_mentions_arrow(self, doc_id: str) -> pa.Table:
        with self._cursor() as cur:
            return queries.article_mentions(cur, doc_id)

    def story_arrow(self, story_id: str) -> pa.Table:
        with self._cursor() as cur:
            return queries.stories(cur, story_id)

    def actors_arrow(self, limit: int = 20, **filters: Any) -> pa.Table:
        with self._cursor() as cur:
            return queries.actors(cur, limit, EventFilter.parse(**filters))

    def timeline_arrow(self, since: date | str | None = None, until: date | str | None = None,
                       **filters: Any) -> pa.Table:
        """Events and mentions per day and quad class."""
        with self._cursor() as cur:
            return queries.timeline(cur, EventFilter.parse(since=since, until=until, **filters))

    # The dashboard's aggregations (dashboard.py), with the same filters as events_arrow.

    def volume_arrow(self, bucket: BucketChoice = "day", **filters: Any) -> tuple[Bucket, pa.Table]:
        """The bucket used (``auto``: day, week or month, whichever keeps about 120 bars at most) and the
        events per bucket and quad class, with the mean Goldstein score."""
        with self._cursor() as cur:
            return dashboard.volume(cur, EventFilter.parse(**filters), bucket)

    def places_arrow(self, cell: float = 1.0, limit: int = 2000, **filters: Any) -> pa.Table:
        """Located events clustered on a grid of ``cell`` degrees, largest clusters first."""
        with self._cursor() as cur:
            return dashboard.places(cur, EventFilter.parse(**filters), cell, limit)

    def dyads_arrow(self, limit: int = 20, **filters: Any) -> tuple[Period | None, pa.Table]:
        """The period counted and its top source -> target pairs, with the change against the period before."""
        with self._cursor() as cur:
            return dashboard.dyads(cur, EventFilter.parse(**filters), limit)

    def failures_arrow(self, *, include_resolved: bool = False) -> pa.Table:
        with self._cursor() as cur:
            return queries.failures(cur, include_resolved=include_resolved)

    def sql_arrow(self, query: str) -> pa.Table:
        """The result of one SELECT over the store's tables, stopped after ``settings.sql_timeout_s``.

        Anything else (a write, a file read, an extension) is refused with QueryRefusedError.
        """
        with self._cursor() as cur:
            return queries.read_sql(cur, query, timeout_s=self.settings.sql_timeout_s)

    def counts(self) -> dict[str, int]:
        """Rows per table: documents, articles, stories, events, event_mentions, failures (open ones)."""
        with self._cursor() as cur:
            row = cur.execute(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM articles), "
                "(SELECT count(*) FROM stories), (SELECT count(*) FROM events), "
                "(SELECT count(*) FROM event_mentions), (SELECT count(*) FROM failures WHERE NOT resolved)"
            ).fetchall()[0]
        return dict(zip(("documents", "articles", "stories", "events", "event_mentions", "failures"), row,
                        strict=True))

    def export(self, fmt: ExportFormat, sink: IO[bytes], *, modality: ModalityChoice = None, **filters: Any) -> int:
        """The events matching ``filters`` (every one without) to ``sink`` as parquet, csv, jsonl, gdelt or polecat
        (see export.py); returns the count. ``modality`` defaults to ``asserted`` for gdelt and polecat
        (files of events that happened) and to ``all`` for the others."""
        flt = EventFilter.parse(modality=default_modality(fmt) if modality is None else modality, **filters)
        with self._cursor() as cur:
            return _export(cur, fmt, sink, flt)

    # -- reading: pandas -------------------------------------------------------------------------------------

    # Dates as datetime64, integers that may be missing as nullable integers, text as str (frames.py).

    def events(self, **filters: Any) -> pd.DataFrame:
        return to_frame(self.events_arrow(**filters))

    def event(self, event_id: int) -> pd.DataFrame:
        return to_frame(self.event_arrow(event_id))

    def article(self, doc_id: str) -> pd.DataFrame:
        return to_frame(self.article_arrow(doc_id))

    def actors(self, limit: int = 20, **filters: Any) -> pd.DataFrame:
        return to_frame(self.actors_arrow(limit, **filters))

    def timeline(self, since: date | str | None = None, until: date | str | None = None,
                 **filters: Any) -> pd.DataFrame:
        return to_frame(self.timeline_arrow(since, until, **filters))

    def failures(self, *, include_resolved: bool = False) -> pd.DataFrame:
        return to_frame(self.failures_arrow(include_resolved=include_resolved))

    def sql(self, query: str) -> pd.DataFrame:
        return to_frame(self.sql_arrow(query))


def open(path: str | Path, *, read_only: bool = True, settings: StoreSettings | None = None) -> EventStore:
    """Open (for writing: create and migrate) the event store at ``path``: a DuckDB file, or a PostgreSQL
    database given as ``postgresql://[user[:password]@][host][:port]/dbname[?param=value...]``."""
    settings = settings or StoreSettings()
    access: Any
    if is_url(path):
        from .postgres import PgAccess

        access = PgAccess(str(as_target(path)), read_only=read_only, wait_s=settings.lock_wait_s)
    else:
        path = Path(path)
        if read_only and not path.exists():
            raise StoreError(f"there is no event store at {path}: ingest articles into it first "
                             f"(newsevents ingest INPUT --db {path})")
        access = Access(path, read_only=read_only, wait_s=settings.lock_wait_s, hold=settings.hold_for_writing)
    path = access.path
    try:
        if read_only:
            with access.reading() as cur:  # the read connection stays open, for every later read
                missing = pending(cur)
            if missing:
                raise StoreError(f"{path} lacks migrations {', '.join(m.name for m in missing)}: open it for "
                                 f"writing once to upgrade it (newsevents ingest --db {path})")
        else:
            with access.writing() as con:
                try:
                    migrate(con)
                except access.errors as exc:  # e.g. a PostgreSQL role that may not create the tables
                    raise StoreError(f"{path} cannot be opened for writing ({str(exc).strip().splitlines()[0]}); "
                                     "use a role that may create and write the store's tables, or open it "
                                     "read-only") from exc
    except BaseException:
        access.close()
        raise
    return EventStore(access, settings=settings)
