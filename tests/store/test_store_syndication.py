"""Syndicated copies (issue 9): the same text at another URL or site is another article of the same story,
counted in NumArticles and NumSources; the same URL or the same file again is not."""

from __future__ import annotations

from pathlib import Path

import pytest

import newsevents.store as st
from newsevents.store.schema import MIGRATIONS, migrate
from newsevents.types import Document
from store.backends import raw_connection
from store.store_fakes import FakePipeline, event, result, story_text

WIRE = "Washington visited Iraq. " + story_text(11, words=150)


@pytest.fixture()
def db(store_db: Path | str) -> Path | str:
    """Every test here runs on DuckDB and on PostgreSQL."""
    return store_db


def _counts(store: st.EventStore) -> tuple[int, int, int, int]:
    row = store.events().iloc[0]
    return int(row["num_mentions"]), int(row["num_articles"]), int(row["num_sources"]), int(row["num_stories"])


def test_the_same_text_at_another_url_is_a_copy_of_the_same_story(db: Path) -> None:
    with st.open(db, read_only=False) as store:
        first = store.ingest([result("a", WIRE, events=[event("a", 0)], url="https://first.example/story")])
        second = store.ingest([result("b", WIRE, events=[event("b", 0)], url="https://second.example/copy")])
        stories = store.sql("SELECT doc_id, story_id FROM articles ORDER BY doc_id").values.tolist()
        keys = store.sql("SELECT article_key FROM documents ORDER BY doc_id")["article_key"].tolist()
        counts = _counts(store)
    assert (first.articles, second.articles, second.duplicates, second.linked) == (1, 1, 0, 1)
    assert stories == [["a", "a"], ["b", "a"]]
    assert keys == ["url:https://first.example/story", "url:https://second.example/copy"]
    assert counts == (2, 2, 2, 1)  # two articles on two sites, one story


def test_the_same_url_again_changes_nothing(db: Path) -> None:
    with st.open(db, read_only=False) as store:
        store.ingest([result("a", WIRE, events=[event("a", 0)], url="https://first.example/story")])
        before = store.counts()
        again = store.ingest([result("a2", WIRE + " Updated.", events=[event("a2", 0)],
                                     url="https://FIRST.example/story/?utm_medium=rss")])
        assert store.counts()["articles"] == before["articles"]
        counts = _counts(store)
    assert (again.articles, again.duplicates, again.mentions) == (0, 1, 0)
    assert counts == (1, 1, 1, 1)


def test_a_wire_story_on_three_sites_is_three_sources(db: Path) -> None:
    # GDELT counts the sites a report appeared on; the wire service behind them is kept, not counted.
    copies = [result(f"c{i}", WIRE, events=[event(f"c{i}", 0)], url=f"https://site{i}.example/news/1",
                     original_source="Reuters") for i in range(3)]
    with st.open(db, read_only=False) as store:
        store.ingest(copies)
        counts = _counts(store)
        outlets = sorted(store.sql("SELECT outlet FROM articles")["outlet"])
    assert counts == (3, 3, 3, 1)
    assert outlets == ["site0.example", "site1.example", "site2.example"]


def test_files_without_urls_are_told_apart_by_the_site_they_name(db: Path) -> None:
    with st.open(db, read_only=False) as store:
        first = store.ingest([result("x", WIRE, events=[event("x", 0)], source="inbox/x.txt",
                                     original_source="www.wire-one.example")])
        renamed = store.ingest([result("x", WIRE.replace(" ", "  "), events=[event("x", 0)],
                                       source="archive/x-copy.txt", original_source="www.wire-one.example")])
        other_site = store.ingest([result("y", WIRE, events=[event("y", 0)], source="inbox/y.txt",
                                          original_source="www.wire-two.example")])
        counts = _counts(store)
    assert (renamed.articles, renamed.duplicates) == (0, 1)  # the same file, renamed and re-spaced
    assert (other_site.articles, other_site.linked) == (1, 1)
    assert counts == (2, 2, 2, 1)
    assert first.articles == 1


def test_identical_bytes_under_two_urls_are_both_coded(db: Path) -> None:
    # A feed carrying one wire text for two sites: the bytes are equal, the articles are not.
    body = WIRE.encode()
    docs = [Document(doc_id=f"r{i}", source=f"feed.jsonl:{i}", content=body, kind="clean",
                     url=f"https://site{i}.example/a") for i in (1, 2)]
    pipeline = FakePipeline()
    with st.open(db, read_only=False) as store:
        first = store.ingest_documents(docs, pipeline.run)
        again = store.ingest_documents(docs, pipeline.run)
        counts = _counts(store)
    assert pipeline.seen == ["r1", "r2"]  # both coded once; the re-run skipped both before coding
    assert (first.articles, again.skipped) == (2, 2)
    assert counts == (2, 2, 2, 1)


def test_an_older_store_gives_back_the_copies_it_dropped(db: Path) -> None:
    """A store written before 0004 recorded a copy at another URL as a duplicate: the migration moves
    it to superseded_duplicates, recounts sources by site, and the copy is stored when ingested again."""
    with raw_connection(db) as con:
        migrate(con, MIGRATIONS[:3])
        con.execute("INSERT INTO stories VALUES ('a', 'a', NULL, now())")
        con.execute("INSERT INTO articles (doc_id, source, url, site, original_source, outlet, text, content_hash, "
                    "story_id, ingested_at) VALUES ('a', 'https://first.example/story', "
                    "'https://www.First.example/story', 'First', 'Reuters', 'Reuters', ?, 'h1', 'a', now())", [WIRE])
        con.execute("INSERT INTO documents VALUES ('https://first.example/story', 'a', 'a', "
                    "'https://first.example/story', 'h1', 'r1', 'stored', NULL, now()), "
                    "('feed.jsonl:2', 'b', 'a', 'https://second.example/copy', 'h1', 'r2', 'duplicate', "
                    "'content', now())")
    with st.open(db, read_only=False) as store:
        superseded = store.sql("SELECT source, doc_id FROM superseded_duplicates").values.tolist()
        docs = store.sql("SELECT doc_id, article_key FROM documents").values.tolist()
        outlet = store.sql("SELECT outlet FROM articles")["outlet"].tolist()
        again = store.ingest([result("b", WIRE, events=[event("b", 0)], url="https://second.example/copy",
                                     source="feed.jsonl:2")])
        left = store.counts()
        remaining = store.sql("SELECT count(*) AS n FROM superseded_duplicates")["n"][0]
        story = store.sql("SELECT story_id FROM articles WHERE doc_id = 'b'")["story_id"].tolist()
    assert superseded == [["feed.jsonl:2", "b"]]
    assert docs == [["a", "url:https://first.example/story"]]
    assert outlet == ["first.example"]  # the site, by its URL's host, not the wire
    assert (again.articles, again.duplicates) == (1, 0)
    assert (left["articles"], remaining, story) == (2, 0, ["a"])
