"""The store's schema as named, ordered migrations, each applied in one transaction and recorded.

Opening a database applies whatever migrations it lacks, in order; a database that records a
migration this version does not know was written by a newer newsevents and is refused rather than
guessed at. Never edit a migration that has shipped: add the next one.

Tables (see docs/store.md for every column):
  documents       every distinct input that yielded an article: stored, or a duplicate of a stored one
  articles        one row per distinct article, with its text and its story
  stories         clusters of near-duplicate (syndicated, lightly edited) articles
  events          one row per distinct event (identity in keys.py) with GDELT-style counts
  event_mentions  the evidence: every sentence that reported an event, with offsets and coder
  failures        inputs that could not be processed, until a later run processes them
  signatures      MinHash signatures of articles, so later runs find near-duplicates of earlier ones
  superseded_duplicates
                  inputs taken for duplicates before 0004 that are syndicated copies: ingest them again
  watched_feeds   the feeds `watch` polls: their ETag and Last-Modified, and failures to retry with backoff
  feed_items      every entry `watch` has seen in a feed, and whether its article is stored yet
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..errors import StoreError
from .dialect import dialect_of


@dataclass(frozen=True, slots=True)
class Migration:
    name: str
    statements: tuple[str, ...]


# keys.py's rules in SQL, for the rows stored before 0004 (the Python functions decide every row after it).
_NAMED_SITE = "coalesce(nullif(trim(a.site), ''), nullif(trim(a.original_source), ''))"
_HOST = ("nullif(regexp_replace(regexp_extract(lower(trim(url)), "
         "'^[a-z][a-z0-9+.-]*://(?:[^@/?#]*@)?([^:/?#]*)', 1), '^www\\.', ''), '')")
_OUTLET = ("coalesce(" + _HOST + ", nullif(trim(site), ''), nullif(trim(original_source), ''), source)")
# A duplicate by text whose URL, or whose article's URL, differs: a copy at another URL, not the article.
_SUPERSEDED = ("status = 'duplicate' AND duplicate_by = 'content' AND (url IS NOT NULL OR article_id IN "
               "(SELECT doc_id FROM articles WHERE url IS NOT NULL AND trim(url) <> ''))")


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_core", (
        """CREATE TABLE documents (
            source VARCHAR NOT NULL,
            doc_id VARCHAR NOT NULL,
            article_id VARCHAR NOT NULL,
            url VARCHAR,
            content_hash VARCHAR NOT NULL,
            raw_hash VARCHAR,
            status VARCHAR NOT NULL CHECK (status IN ('stored', 'duplicate')),
            duplicate_by VARCHAR CHECK (duplicate_by IN ('url', 'content')),
            seen_at TIMESTAMP NOT NULL,
            PRIMARY KEY (source, content_hash))""",
        """CREATE TABLE stories (
            story_id VARCHAR PRIMARY KEY,
            first_doc_id VARCHAR NOT NULL,
            title VARCHAR,
            created_at TIMESTAMP NOT NULL)""",
        """CREATE TABLE articles (
            doc_id VARCHAR PRIMARY KEY,
            source VARCHAR NOT NULL,
            url VARCHAR,
            title VARCHAR,
            author VARCHAR,
            published DATE,
            site VARCHAR,
            original_source VARCHAR,
            outlet VARCHAR NOT NULL,
            language VARCHAR,
            text VARCHAR NOT NULL,
            content_hash VARCHAR NOT NULL,
            story_id VARCHAR NOT NULL,
            ingested_at TIMESTAMP NOT NULL)""",
        "CREATE SEQUENCE event_ids START 1",
        """CREATE TABLE events (
            event_id BIGINT PRIMARY KEY,
            event_key VARCHAR NOT NULL UNIQUE,
            date DATE,
            source_code VARCHAR, source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR,
            target_code VARCHAR, target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR,
            cameo VARCHAR NOT NULL,
            event_base VARCHAR NOT NULL,
            event_root VARCHAR NOT NULL,
            plover_type VARCHAR,
            plover_mode VARCHAR,
            goldstein DOUBLE,
            quad_class TINYINT,
            modality VARCHAR NOT NULL,
            location_name VARCHAR, location_country VARCHAR, location_lat DOUBLE, location_lon DOUBLE,
            location_geonameid BIGINT, location_feature VARCHAR,
            num_mentions INTEGER NOT NULL DEFAULT 0,
            num_sources INTEGER NOT NULL DEFAULT 0,
            num_articles INTEGER NOT NULL DEFAULT 0,
            num_stories INTEGER NOT NULL DEFAULT 0,
            is_root BOOLEAN NOT NULL DEFAULT false,
            first_seen TIMESTAMP,
            last_seen TIMESTAMP,
            first_doc_id VARCHAR)""",
        """CREATE TABLE event_mentions (
            event_id BIGINT NOT NULL,
            doc_id VARCHAR NOT NULL,
            ordinal INTEGER NOT NULL,
            coder_event_id VARCHAR,
            sentence_index INTEGER NOT NULL,
            sentence VARCHAR NOT NULL,
            char_start INTEGER NOT NULL,
            char_end INTEGER NOT NULL,
            trigger VARCHAR,
            date DATE,
            source_text VARCHAR,
            target_text VARCHAR,
            location_text VARCHAR,
            coder_name VARCHAR NOT NULL,
            coder_version VARCHAR NOT NULL,
            added_at TIMESTAMP NOT NULL,
            PRIMARY KEY (doc_id, ordinal))""",
        "CREATE SEQUENCE failure_ids START 1",
        """CREATE TABLE failures (
            failure_id BIGINT PRIMARY KEY DEFAULT nextval('failure_ids'),
            source VARCHAR NOT NULL,
            doc_id VARCHAR,
            code VARCHAR NOT NULL,
            message VARCHAR NOT NULL,
            first_seen TIMESTAMP NOT NULL,
            last_seen TIMESTAMP NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 1,
            resolved BOOLEAN NOT NULL DEFAULT false,
            resolved_at TIMESTAMP)""",
    )),
    # Near-duplicate detection came after the core tables: signatures persist so that a later run
    # links a syndicated copy to an article stored days before.
    Migration("0002_minhash_signatures", (
        """CREATE TABLE signatures (
            doc_id VARCHAR PRIMARY KEY,
            num_perm INTEGER NOT NULL,
            seed INTEGER NOT NULL,
            scheme VARCHAR NOT NULL,
            hashvalues BLOB NOT NULL)""",
    )),
    # Point lookups done on every ingest batch (dedup) and every GET /events/{id} (evidence).
    Migration("0003_lookup_indexes", (
        "CREATE INDEX documents_url ON documents (url)",
        "CREATE INDEX documents_content_hash ON documents (content_hash)",
        "CREATE INDEX documents_raw_hash ON documents (raw_hash)",
        "CREATE INDEX event_mentions_event ON event_mentions (event_id)",
        "CREATE INDEX failures_source ON failures (source)",
    )),
    # Issue 9: the same text at another URL or site is a syndicated copy, stored and counted (GDELT's
    # NumArticles, NumSources), no longer a duplicate. Documents get their identity (keys.article_key) and
    # a key that lets one input yield the same text under another identity; the copies earlier versions
    # dropped move to superseded_duplicates, so that ingesting those inputs again stores them. Outlets are
    # the URL's host first now (keys.outlet), so they and num_sources are recomputed. Articles keep where
    # they can be found again (source_uri: their URL; files ingested before this are not resolvable any
    # more) and events their place's first-level region (GeoNames admin1; unknown for older events).
    Migration("0004_syndicated_copies", (
        """CREATE TABLE superseded_duplicates (
            source VARCHAR NOT NULL,
            doc_id VARCHAR NOT NULL,
            article_id VARCHAR NOT NULL,
            url VARCHAR,
            content_hash VARCHAR NOT NULL,
            raw_hash VARCHAR,
            seen_at TIMESTAMP NOT NULL)""",
        f"INSERT INTO superseded_duplicates SELECT source, doc_id, article_id, url, content_hash, raw_hash, seen_at "
        f"FROM documents WHERE {_SUPERSEDED}",
        f"DELETE FROM documents WHERE {_SUPERSEDED}",
        f"UPDATE articles SET outlet = {_OUTLET}",
        """CREATE TABLE documents_0004 (
            source VARCHAR NOT NULL,
            doc_id VARCHAR NOT NULL,
            article_id VARCHAR NOT NULL,
            url VARCHAR,
            content_hash VARCHAR NOT NULL,
            raw_hash VARCHAR,
            status VARCHAR NOT NULL CHECK (status IN ('stored', 'duplicate')),
            duplicate_by VARCHAR CHECK (duplicate_by IN ('url', 'content')),
            seen_at TIMESTAMP NOT NULL,
            article_key VARCHAR NOT NULL,
            PRIMARY KEY (source, article_key, content_hash))""",
        f"""INSERT INTO documents_0004
            SELECT d.source, d.doc_id, d.article_id, d.url, d.content_hash, d.raw_hash, d.status, d.duplicate_by,
                   d.seen_at, CASE WHEN d.url IS NOT NULL THEN 'url:' || d.url
                                   ELSE 'text:' || d.content_hash || coalesce('@' || lower({_NAMED_SITE}), '') END
            FROM documents d LEFT JOIN articles a ON a.doc_id = d.article_id""",
        "DROP INDEX documents_url",
        "DROP INDEX documents_content_hash",
        "DROP INDEX documents_raw_hash",
        "DROP TABLE documents",
        "ALTER TABLE documents_0004 RENAME TO documents",
        "CREATE INDEX documents_url ON documents (url)",
        "CREATE INDEX documents_content_hash ON documents (content_hash)",
        "CREATE INDEX documents_raw_hash ON documents (raw_hash)",
        "CREATE INDEX documents_article_key ON documents (article_key)",
        "ALTER TABLE articles ADD COLUMN source_uri VARCHAR",
        "UPDATE articles SET source_uri = url WHERE url IS NOT NULL AND trim(url) <> ''",
        "ALTER TABLE events ADD COLUMN location_admin1 VARCHAR",
        """UPDATE events SET num_sources = s.n FROM (
            SELECT m.event_id, count(DISTINCT a.outlet) AS n FROM event_mentions m
            JOIN articles a ON a.doc_id = m.doc_id GROUP BY m.event_id) s
            WHERE events.event_id = s.event_id""",
    )),
    # Issue 10: `watch` keeps its state in the store, beside the articles, so that a restart (or a kill -9)
    # resumes from what was committed: the validators of each feed for conditional GET, the entries seen,
    # and the fetches that failed, to retry later (watchstate.py).
    Migration("0005_watch_state", (
        """CREATE TABLE watched_feeds (
            feed_url VARCHAR PRIMARY KEY,
            etag VARCHAR,
            last_modified VARCHAR,
            first_polled TIMESTAMP NOT NULL,
            last_polled TIMESTAMP NOT NULL,
            last_changed TIMESTAMP,
            failures INTEGER NOT NULL DEFAULT 0,
            retry_at TIMESTAMP,
            last_code VARCHAR,
            last_message VARCHAR)""",
        """CREATE TABLE feed_items (
            feed_url VARCHAR NOT NULL,
            item_key VARCHAR NOT NULL,
            link VARCHAR NOT NULL,
            title VARCHAR,
            published DATE,
            status VARCHAR NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'given_up')),
            attempts INTEGER NOT NULL DEFAULT 0,
            first_seen TIMESTAMP NOT NULL,
            retry_at TIMESTAMP,
            finished_at TIMESTAMP,
            article_id VARCHAR,
            last_code VARCHAR,
            PRIMARY KEY (feed_url, item_key))""",
        "CREATE INDEX feed_items_status ON feed_items (status)",
        "CREATE INDEX feed_items_link ON feed_items (link)",
    )),
)

_LEDGER = "CREATE TABLE IF NOT EXISTS migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"


def applied(con: Any) -> list[str]:
    """Names of the migrations recorded in the database, oldest first ([] for a new database)."""
    exists = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'migrations' "
                         "AND table_schema = current_schema()").fetchall()[0][0]
    if not exists:
        return []
    return [row[0] for row in con.execute("SELECT name FROM migrations ORDER BY name").fetchall()]


def pending(con: Any, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[Migration]:
    """The migrations this database lacks, in order; refuses a database newer than this code."""
    done = applied(con)
    known = {m.name for m in migrations}
    unknown = [name for name in done if name not in known]
    if unknown:
        raise StoreError(f"the database records migrations this newsevents does not know ({', '.join(unknown)}): "
                         "it was written by a newer version; upgrade newsevents to read it")
    return [m for m in migrations if m.name not in done]


def migrate(con: Any, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[str]:
    """Apply every missing migration, each in its own transaction; returns the names applied.

    The statements are DuckDB's; on PostgreSQL their column types are rewritten (dialect.py), and one
    process at a time migrates.
    """
    dialect = dialect_of(con)
    with dialect.migrating(con):
        return _migrate(con, migrations)


def _migrate(con: Any, migrations: tuple[Migration, ...]) -> list[str]:
    dialect = dialect_of(con)
    con.execute(_LEDGER)
    names = []
    missing = pending(con, migrations)
    for statement in dialect.prelude if missing else ():
        con.execute(statement)
    for migration in missing:
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in migration.statements:
                con.execute(dialect.ddl(statement))
            con.execute("INSERT INTO migrations VALUES (?, ?)",
                        [migration.name, datetime.now(UTC).replace(tzinfo=None)])
            con.execute("COMMIT")
        except Exception as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"migration {migration.name} failed ({exc}); the database is left at the "
                             "previous migration: report this with the database's newsevents version") from exc
        names.append(migration.name)
    return names
