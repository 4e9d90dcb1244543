"""What `watch` remembers in the store (watchstate.py, migration 0005), on a real DuckDB file and a real
PostgreSQL database: entries recorded once however often a feed is polled, validators kept over a 304,
retries due by time, and an entry whose article is stored found without fetching it again."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import newsevents.store as st
from newsevents.store.watchstate import ItemResult, NewEntry
from store.store_fakes import result, story_text

NOW = datetime(2025, 11, 14, 12, 0)
FEED = "https://news.example/feed"
ENTRIES = [NewEntry("urn:1", "https://news.example/1.html", "One", date(2025, 11, 13)),
           NewEntry("urn:2", "https://news.example/2.html", None, None)]


def test_polling_again_records_no_entry_twice_and_a_304_keeps_the_validators(store_db: Path | str) -> None:
    with st.open(store_db, read_only=False) as store:
        assert store.record_poll(FEED, etag='"a"', last_modified="Fri, 14 Nov 2025 11:00:00 GMT", entries=ENTRIES,
                                 now=NOW) == 2
        assert store.record_poll(FEED, etag='"b"', last_modified=None, entries=ENTRIES[::-1], now=NOW) == 0
        assert store.record_poll(FEED, etag=None, last_modified=None, entries=None, now=NOW) == 0  # a 304
        state = store.feed_state(FEED)
        due = store.feed_items_due([FEED], NOW)
    assert state is not None and (state.etag, state.last_modified) == ('"b"', "Fri, 14 Nov 2025 11:00:00 GMT")
    assert [(i.key, i.title, i.published) for i in due] == [("urn:1", "One", date(2025, 11, 13)), ("urn:2", None, None)]


def test_a_failure_is_due_again_at_its_time_and_done_is_never_due(store_db: Path | str) -> None:
    with st.open(store_db, read_only=False) as store:
        store.record_poll(FEED, etag=None, last_modified=None, entries=ENTRIES, now=NOW)
        store.record_feed_items([ItemResult(ENTRIES[0].link, "one"),
                                 ItemResult(ENTRIES[1].link, code="E107", retry_at=NOW + timedelta(minutes=1))], NOW)
        assert store.feed_items_due([FEED], NOW) == []
        (again,) = store.feed_items_due([FEED], NOW + timedelta(minutes=1))
        assert again.link == ENTRIES[1].link and again.attempts == 1
        store.record_feed_items([ItemResult(ENTRIES[1].link, code="E107", retry_at=None)], NOW)  # given up
        assert store.feed_items_due([FEED], NOW + timedelta(days=9)) == []
        assert store.feed_item_counts() == {"done": 1, "given_up": 1}
        store.record_feed_failure(FEED, code="E107", message="down", now=NOW, retry_at=NOW + timedelta(hours=1))
        store.record_feed_failure(FEED, code="E107", message="down", now=NOW, retry_at=NOW + timedelta(hours=2))
        state = store.feed_state(FEED)
    assert state is not None and state.failures == 2 and state.retry_at == NOW + timedelta(hours=2)


def test_an_article_stored_before_its_entry_was_marked_is_found(store_db: Path | str) -> None:
    with st.open(store_db, read_only=False) as store:
        assert store.stored_article(ENTRIES[0].link) is None
        store.ingest([result("one", story_text(1), url=ENTRIES[0].link, source=ENTRIES[0].link)])
        assert store.stored_article(ENTRIES[0].link) == "one"
