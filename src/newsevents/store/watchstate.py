"""What `watch` remembers between polls, in the store (tables ``watched_feeds`` and ``feed_items``, 0005).

    FeedState   a feed's validators (ETag, Last-Modified) and its failures, with when to retry
    ItemTodo    an entry whose article is not stored yet: new, or failed and due for another try

Every change is one transaction, and the order of the writes is what makes a restart safe: a poll's
new entries and the feed's new validators are committed together (so a 304 on the next poll never
hides an entry that was not recorded), an entry is marked done only after the batch that stored its
article is committed (so a kill between the two leaves it pending, and the next run finds the
article stored and marks it without fetching it again: ``stored_article``). Nothing here decides
when to retry: the caller (watch.py) passes the times.

SQL in the store's portable style: ``?`` parameters, ``INSERT ... ON CONFLICT DO NOTHING``, no
engine-specific types.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .keys import normalise_url

Status = str  # 'pending', 'done', 'failed', 'given_up' (the table's CHECK)


@dataclass(frozen=True, slots=True)
class FeedState:
    feed_url: str
    etag: str | None
    last_modified: str | None
    failures: int
    retry_at: datetime | None


@dataclass(frozen=True, slots=True)
class NewEntry:
    key: str
    link: str
    title: str | None
    published: date | None


@dataclass(frozen=True, slots=True)
class ItemTodo:
    feed_url: str
    key: str
    link: str
    title: str | None
    published: date | None
    attempts: int


@dataclass(frozen=True, slots=True)
class ItemResult:
    """What became of one link's article: stored (or found stored: ``article_id``), or failed."""

    link: str
    article_id: str | None = None
    code: str | None = None
    retry_at: datetime | None = None  # for a failure: when to try again; None with a code: given up


def feed_state(cur: Any, feed_url: str) -> FeedState | None:
    rows = cur.execute("SELECT etag, last_modified, failures, retry_at FROM watched_feeds WHERE feed_url = ?",
                       [feed_url]).fetchall()
    if not rows:
        return None
    etag, last_modified, failures, retry_at = rows[0]
    return FeedState(feed_url, etag, last_modified, failures, retry_at)


def record_poll(con: Any, feed_url: str, *, etag: str | None, last_modified: str | None,
                entries: Iterable[NewEntry] | None, now: datetime) -> int:
    """A successful poll: the feed's validators (kept when a 304 sent none), its failures cleared, and the
    entries (None for a 304) recorded; returns how many entries were new. One transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        updated = con.execute(
            "UPDATE watched_feeds SET etag = coalesce(?, etag), last_modified = coalesce(?, last_modified), "
            "last_polled = ?, failures = 0, retry_at = NULL, last_code = NULL, last_message = NULL "
            "WHERE feed_url = ? RETURNING feed_url", [etag, last_modified, now, feed_url]).fetchall()
        if not updated:
            con.execute("INSERT INTO watched_feeds (feed_url, etag, last_modified, first_polled, last_polled) "
                        "VALUES (?, ?, ?, ?, ?)", [feed_url, etag, last_modified, now, now])
        new = 0
        for entry in entries or ():
            inserted = con.execute(
                "INSERT INTO feed_items (feed_url, item_key, link, title, published, status, first_seen) "
                "VALUES (?, ?, ?, ?, ?, 'pending', ?) ON CONFLICT DO NOTHING RETURNING item_key",
                [feed_url, entry.key, entry.link, entry.title, entry.published, now]).fetchall()
            new += len(inserted)
        if new:
            con.execute("UPDATE watched_feeds SET last_changed = ? WHERE feed_url = ?", [now, feed_url])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return new


def record_feed_failure(con: Any, feed_url: str, *, code: str, message: str, now: datetime,
                        retry_at: datetime) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        updated = con.execute(
            "UPDATE watched_feeds SET last_polled = ?, failures = failures + 1, retry_at = ?, last_code = ?, "
            "last_message = ? WHERE feed_url = ? RETURNING feed_url",
            [now, retry_at, code, message, feed_url]).fetchall()
        if not updated:
            con.execute("INSERT INTO watched_feeds (feed_url, first_polled, last_polled, failures, retry_at, "
                        "last_code, last_message) VALUES (?, ?, ?, 1, ?, ?, ?)",
                        [feed_url, now, now, retry_at, code, message])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def items_due(cur: Any, feed_urls: Iterable[str], now: datetime) -> list[ItemTodo]:
    """The entries of these feeds whose article is still to get: new ones, and failed ones due again,
    oldest first."""
    urls = sorted(set(feed_urls))
    if not urls:
        return []
    marks = ", ".join("?" for _ in urls)
    rows = cur.execute(
        f"SELECT feed_url, item_key, link, title, published, attempts FROM feed_items WHERE feed_url IN ({marks}) "
        "AND (status = 'pending' OR (status = 'failed' AND retry_at <= ?)) ORDER BY first_seen, feed_url, item_key",
        [*urls, now]).fetchall()
    return [ItemTodo(*row) for row in rows]


def stored_article(cur: Any, link: str) -> str | None:
    """The article already stored from ``link`` (as the source fetched, or the URL it ended at, normalised as
    the documents table keeps it), if any."""
    rows = cur.execute("SELECT article_id FROM documents WHERE source = ? OR url = ? LIMIT 1",
                       [link, normalise_url(link) or link]).fetchall()
    return rows[0][0] if rows else None


def record_items(con: Any, results: Iterable[ItemResult], now: datetime) -> None:
    """Mark every entry with each result's link (one link may be in several feeds). One transaction."""
    done = list(results)
    if not done:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        for r in done:
            if r.code is None:
                con.execute("UPDATE feed_items SET status = 'done', attempts = attempts + 1, finished_at = ?, "
                            "article_id = ?, retry_at = NULL, last_code = NULL "
                            "WHERE link = ? AND status IN ('pending', 'failed')", [now, r.article_id, r.link])
            else:
                given_up = r.retry_at is None
                status: Status = "given_up" if given_up else "failed"
                con.execute("UPDATE feed_items SET status = ?, attempts = attempts + 1, retry_at = ?, last_code = ?, "
                            "finished_at = ? WHERE link = ? AND status IN ('pending', 'failed')",
                            [status, r.retry_at, r.code, now if given_up else None, r.link])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def counts(cur: Any) -> dict[str, int]:
    """Entries by status."""
    return dict(cur.execute("SELECT status, count(*) FROM feed_items GROUP BY status").fetchall())
