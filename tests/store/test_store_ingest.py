"""Ingest into a real DuckDB file and a real PostgreSQL database: idempotency, duplicates, stories, event
identity, failures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import newsevents.store as st
from newsevents.errors import StoreError
from newsevents.settings import StoreSettings
from newsevents.types import Document
from store.store_fakes import IRQ, UN, FakePipeline, event, failure, result, story_text


@pytest.fixture()
def db(store_db: Path | str) -> Path | str:
    """Every test here runs on DuckDB and on PostgreSQL."""
    return store_db


def _results() -> list:
    return [
        result("a1", "Washington visited Iraq. " + story_text(1), events=[event("a1", 0)], site="Reuters",
               url="https://news.example/a1"),
        result("b1", story_text(2), url="https://news.example/b1"),
        failure("broken.html"),
        result("c1", "Washington visited Iraq. " + story_text(3), events=[event("c1", 0)], site="AP"),
    ]


def test_ingesting_the_same_results_twice_changes_no_count(db: Path) -> None:
    with st.open(db, read_only=False) as store:
        first = store.ingest(_results())
        counts = store.counts()
        second = store.ingest(_results())
        assert store.counts() == counts
        events = store.events()
    assert (first.articles, first.duplicates, first.failures) == (3, 0, 1)
    assert (second.articles, second.duplicates, second.mentions, second.new_events) == (0, 3, 0, 0)
    assert counts == {"documents": 3, "articles": 3, "stories": 3, "events": 1, "event_mentions": 2, "failures": 1}
    assert events["num_mentions"].tolist() == [2]  # not 4: the second ingest added no evidence


def test_duplicate_by_normalised_url_is_not_stored(db: Path) -> None:
    with st.open(db, read_only=False) as store:
        store.ingest([result("a", story_text(1), url="https://News.Example/story/?utm_source=x#top")])
        summary = store.ingest([result("b", story_text(2), url="https://news.example/story")])
        docs = store.sql("SELECT doc_id, article_id, status, duplicate_by FROM documents ORDER BY doc_id")
        assert store.counts()["articles"] == 1
    assert (summary.articles, summary.duplicates) == (0, 1)
    assert docs.values.tolist() == [["a", "a", "stored", None], ["b", "a", "duplicate", "url"]]


def test_duplicate_by_content_hash_ignores_whitespace(db: Path) -> None:
    text = "Washington visited Iraq on Tuesday.\n\nOfficials met in Baghdad."
    with st.open(db, read_only=False) as store:
        store.ingest([result("a", text, source="feed-1.jsonl:1")])
        summary = store.ingest([result("z", text.replace("\n\n", "  \n "), source="feed-2.jsonl:9")])
        row = store.sql("SELECT article_id, duplicate_by FROM documents WHERE doc_id = 'z'").values.tolist()
        assert store.counts()["articles"] == 1
    assert summary.duplicates == 1
    assert row == [["a", "content"]]


def test_near_duplicates_join_one_story_and_keep_their_original_source(db: Path) -> None:
    base = story_text(7, words=200)
    syndicated = "By Staff Writer. " + base.replace("w7x50 ", "w7x50 reportedly ") + " Copyright Daily Post."
    with st.open(db, read_only=False) as store:
        first = store.ingest([result("wire", base, original_source="Reuters")])
        second = store.ingest([result("copy", syndicated, site="Daily Post", original_source="Reuters")])
        third = store.ingest([result("other", story_text(8, words=200))])
        rows = store.sql("SELECT doc_id, story_id, original_source FROM articles ORDER BY doc_id").values.tolist()
    assert (first.linked, second.linked, third.linked) == (0, 1, 0)
    assert rows == [["copy", "wire", "Reuters"], ["other", "other", None], ["wire", "wire", "Reuters"]]


def test_a_later_process_finds_near_duplicates_of_earlier_articles(db: Path) -> None:
    base = story_text(9, words=200)
    with st.open(db, read_only=False) as store:
        store.ingest([result("first", base)])
    with st.open(db, read_only=False) as store:  # a new process: the index comes from stored signatures
        store.ingest([result("later", base + " Updated at noon.")])
        stories = store.sql("SELECT story_id FROM articles ORDER BY doc_id")["story_id"].tolist()
    assert stories == ["first", "first"]


def test_one_event_in_two_articles_is_one_event_with_two_mentions(db: Path) -> None:
    with st.open(db, read_only=False) as store:
        store.ingest([result("a", "Washington visited Iraq. " + story_text(1), events=[event("a", 0)], site="AP"),
                      result("b", "Washington visited Iraq. " + story_text(2), site="BBC",
                             events=[event("b", 0, sentence_index=3)])])
        events = store.events()
        evidence = store.event(int(events["event_id"][0]))
    assert len(events) == 1
    row = events.iloc[0]
    assert (row["num_mentions"], row["num_articles"], row["num_sources"], row["num_stories"]) == (2, 2, 2, 2)
    assert bool(row["is_root"])  # reported in the first sentence of article a
    assert sorted(evidence["doc_id"]) == ["a", "b"]
    assert set(evidence["sentence"]) == {"Washington visited Iraq."}


def test_two_mentions_in_one_article_count_one_article_and_one_source(db: Path) -> None:
    with st.open(db, read_only=False) as store:
        store.ingest([result("a", story_text(1), site="AP",
                             events=[event("a", 0, sentence_index=2), event("a", 1, sentence_index=5)])])
        row = store.events().iloc[0]
    assert (row["num_mentions"], row["num_articles"], row["num_sources"]) == (2, 1, 1)
    assert not bool(row["is_root"])


def test_events_differing_in_date_target_code_or_modality_stay_apart(db: Path) -> None:
    evs = [event("a", 0), event("a", 1, day=date(2024, 5, 2)), event("a", 2, target=UN),
           event("a", 3, cameo="043"), event("a", 4, modality="negated"), event("a", 5, location=None)]
    with st.open(db, read_only=False) as store:
        summary = store.ingest([result("a", story_text(1), events=evs)])
        assert store.counts()["events"] == 6
    assert summary.new_events == 6


def test_undated_events_merge_only_within_one_story(db: Path) -> None:
    text = story_text(3, words=150)
    with st.open(db, read_only=False) as store:
        store.ingest([result("a", text, events=[event("a", 0, day=None)]),
                      result("a-copy", text + " More.", events=[event("a-copy", 0, day=None)]),
                      result("b", story_text(4), events=[event("b", 0, day=None)])])
        events = store.events()
    assert sorted(events["num_articles"].tolist()) == [1, 2]


def test_failures_are_kept_once_and_resolved_by_a_later_success(db: Path) -> None:
    with st.open(db, read_only=False) as store:
        store.ingest([failure("feed.jsonl:4", doc_id="x"), failure("feed.jsonl:5")])
        store.ingest([failure("feed.jsonl:4", doc_id="x")])
        open_before = store.failures()
        summary = store.ingest([result("x", story_text(1), source="feed.jsonl:4")])
        open_after = store.failures()
        every = store.failures(include_resolved=True)
    assert open_before["source"].tolist() == ["feed.jsonl:4", "feed.jsonl:5"]
    assert open_before["attempts"].tolist() == [2, 1]
    assert summary.resolved == 1
    assert open_after["source"].tolist() == ["feed.jsonl:5"]
    assert len(every) == 2 and every["resolved"].tolist() == [True, False]


def test_a_reused_doc_id_for_a_different_article_is_stored_under_a_new_id(db: Path) -> None:
    with st.open(db, read_only=False) as store:
        store.ingest([result("1", story_text(1), source="a.jsonl:1")])
        store.ingest([result("1", story_text(2), source="b.jsonl:1")])
        ids = store.sql("SELECT doc_id FROM articles ORDER BY ingested_at, doc_id")["doc_id"].tolist()
    assert ids[0] == "1" and ids[1].startswith("1~") and len(ids) == 2


def test_ingest_documents_skips_inputs_whose_bytes_are_stored(db: Path) -> None:
    docs = [Document(doc_id=f"d{i}", source=f"in.jsonl:{i}", content=f"Washington visited Iraq. {story_text(i)}"
                     .encode(), kind="clean") for i in range(3)]
    pipeline = FakePipeline()
    with st.open(db, read_only=False) as store:
        first = store.ingest_documents(docs[:2], pipeline.run)
        outcomes: list = []
        second = store.ingest_documents(docs, pipeline.run, on_commit=outcomes.extend)
        assert store.counts()["articles"] == 3
    assert pipeline.seen == ["d0", "d1", "d2"]  # d0 and d1 were not coded again
    assert (first.articles, second.articles, second.skipped, second.duplicates) == (2, 1, 2, 2)
    assert sorted((o.doc_id, o.status) for o in outcomes) == [("d0", "skipped"), ("d1", "skipped"),
                                                               ("d2", "stored")]


def test_actor_codes_and_countries_are_kept(db: Path) -> None:
    with st.open(db, read_only=False) as store:
        store.ingest([result("a", story_text(1), events=[event("a", 0, source=UN, target=IRQ)])])
        row = store.events().iloc[0]
    assert (row["source_code"], row["source_country"], row["target_code"], row["target_country"]) == \
        ("IGOUNO", None, "IRQGOV", "IRQ")


def test_a_read_only_store_refuses_to_ingest(db: Path) -> None:
    st.open(db, read_only=False).close()
    with st.open(db) as store, pytest.raises(StoreError, match="read-only"):
        store.ingest([result("a", story_text(1))])


def test_opening_a_missing_store_read_only_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="newsevents ingest"):
        st.open(tmp_path / "nothing.duckdb")


def test_minhash_settings_are_honoured(db: Path) -> None:
    base = story_text(5, words=100)
    edited = base.replace("w5x10 w5x11 w5x12", "a b c")
    strict = StoreSettings(minhash_threshold=0.99)
    with st.open(db, read_only=False, settings=strict) as store:
        summary = store.ingest([result("a", base), result("b", edited)])
    assert summary.linked == 0


def test_what_was_coded_before_the_pipeline_broke_is_kept(db: Path) -> None:
    def broken():  # type: ignore[no-untyped-def]
        yield result("a", story_text(1))
        yield result("b", story_text(2))
        raise RuntimeError("the pipeline fell over")

    with st.open(db, read_only=False) as store:
        with pytest.raises(RuntimeError):
            store.ingest(broken())
        assert store.counts()["articles"] == 2
        assert store.ingest([result("c", story_text(3))]).articles == 1  # the store is still usable


def test_changing_minhash_permutations_re_signs_stored_articles(db: Path) -> None:
    base = story_text(6, words=200)
    with st.open(db, read_only=False) as store:
        store.ingest([result("first", base)])
    with st.open(db, read_only=False, settings=StoreSettings(minhash_permutations=64)) as store:
        summary = store.ingest([result("later", base + " Updated.")])
        perms = store.sql("SELECT DISTINCT num_perm FROM signatures")["num_perm"].tolist()
    assert summary.linked == 1
    assert perms == [64]
