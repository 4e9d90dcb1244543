"""Named, ordered migrations: recorded, applied once, an older database upgraded, a newer one refused;
on DuckDB and on PostgreSQL (store_db)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

import newsevents.store as st
from newsevents.errors import StoreError
from newsevents.store.schema import MIGRATIONS, Migration, migrate
from store.backends import raw_connection
from store.store_fakes import result, story_text


def _ledger(path: Path | str) -> list[tuple[str, datetime]]:
    with raw_connection(path) as con:
        return [tuple(r) for r in con.execute("SELECT name, applied_at FROM migrations ORDER BY name").fetchall()]


def test_a_new_store_records_every_migration_in_order(store_db: Path | str) -> None:
    db = store_db
    st.open(db, read_only=False).close()
    assert [name for name, _ in _ledger(db)] == [m.name for m in MIGRATIONS]
    assert [m.name for m in MIGRATIONS] == sorted(m.name for m in MIGRATIONS)


def test_opening_again_applies_nothing(store_db: Path | str) -> None:
    db = store_db
    st.open(db, read_only=False).close()
    before = _ledger(db)
    st.open(db, read_only=False).close()
    assert _ledger(db) == before


def test_an_older_database_is_upgraded_and_keeps_its_articles(store_db: Path | str) -> None:
    db = store_db
    text = story_text(1, words=150)
    with raw_connection(db) as con:
        migrate(con, MIGRATIONS[:1])  # as the first release left it: no signatures table, no indexes
        con.execute("INSERT INTO articles (doc_id, source, outlet, text, content_hash, story_id, ingested_at) "
                    "VALUES ('old', 'old.txt', 'old.txt', ?, 'h', 'old', now())", [text])
        con.execute("INSERT INTO stories VALUES ('old', 'old', NULL, now())")
    with pytest.raises(StoreError, match="lacks migrations 0002_minhash_signatures, 0003_lookup_indexes"):
        st.open(db)  # read-only cannot upgrade: it says how to
    with st.open(db, read_only=False) as store:
        assert [name for name, _ in _ledger_of(store)] == [m.name for m in MIGRATIONS]
        # The article stored before signatures existed is signed on first ingest and found as a near-duplicate.
        summary = store.ingest([result("new", text + " Updated.")])
        rows = store.sql("SELECT doc_id, story_id FROM articles ORDER BY doc_id").values.tolist()
        signed = store.sql("SELECT doc_id FROM signatures ORDER BY doc_id")["doc_id"].tolist()
    assert summary.linked == 1
    assert rows == [["new", "old"], ["old", "old"]]
    assert signed == ["new", "old"]


def test_a_database_from_a_newer_version_is_refused(store_db: Path | str) -> None:
    db = store_db
    st.open(db, read_only=False).close()
    with raw_connection(db) as con:
        con.execute("INSERT INTO migrations VALUES ('9999_from_the_future', now())")
    with pytest.raises(StoreError, match="newer version"):
        st.open(db, read_only=False)


def test_a_failing_migration_leaves_the_previous_state(store_db: Path | str) -> None:
    db = store_db
    broken = (*MIGRATIONS, Migration("9000_broken", ("CREATE TABLE half (x INTEGER)", "SELECT * FROM nowhere")))
    with raw_connection(db) as con:
        with pytest.raises(StoreError, match="9000_broken failed"):
            migrate(con, broken)
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                            "WHERE table_schema = current_schema()").fetchall()}
        names = [r[0] for r in con.execute("SELECT name FROM migrations").fetchall()]
    assert "half" not in tables
    assert names == [m.name for m in MIGRATIONS]


def _ledger_of(store: st.EventStore) -> list[tuple[str, datetime]]:
    return [tuple(r) for r in store.sql("SELECT name, applied_at FROM migrations ORDER BY name").values.tolist()]

