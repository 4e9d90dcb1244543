"""Results and Failures into the store: a small batch of documents per transaction.

A batch is committed whole or not at all, so a process killed at any moment leaves only whole
documents; it closes after ``BATCH_DOCUMENTS`` documents or ``BATCH_SECONDS`` after its first one,
whichever comes first, so that a slow pipeline still commits often. Re-running the same inputs is
safe: an article already stored (the same ``article_key``: the same normalised URL, or for an article
without one the same text from the same site, see keys.py) is counted as a duplicate, and with
``ingest_documents`` an input whose bytes were stored before from the same source or URL is skipped
before it is coded at all. The same text at another URL or site is stored: a syndicated copy, joined
to the story of the article it copies.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import pyarrow as pa

from ..types import Document, Failure, Result
from .dialect import dialect_of
from .keys import article_key, content_hash, event_key, normalise_url, outlet, raw_hash, source_uri
from .stories import StoryIndex

# 256 documents keep a transaction's Arrow tables small (a few MB) while amortising DuckDB's per-commit
# cost; 1 s bounds what a kill loses to one second of coding. See docs/benchmarks.md, "Store".
BATCH_DOCUMENTS = 256
BATCH_SECONDS = 1.0

Status = Literal["stored", "duplicate", "skipped", "failed"]
_COUNTS = ("documents", "articles", "duplicates", "skipped", "failures", "resolved", "mentions", "new_events", "linked")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one input, reported once its batch is committed."""

    source: str
    doc_id: str | None  # the id the input gave
    status: Status
    article_id: str | None = None  # the stored article: this one (stored) or the one it duplicates
    events: int = 0  # event mentions stored from it
    code: str | None = None  # for failures
    message: str | None = None


@dataclass(frozen=True, slots=True)
class IngestSummary:
    documents: int = 0  # inputs seen, whatever became of them
    articles: int = 0  # new articles stored
    duplicates: int = 0  # articles already stored (by URL or text), not stored again
    skipped: int = 0  # of the duplicates, inputs skipped before coding (same bytes stored before)
    failures: int = 0
    resolved: int = 0  # earlier failures resolved by a success for the same source
    mentions: int = 0  # event mentions stored
    new_events: int = 0  # distinct events first seen in this ingest
    linked: int = 0  # new articles that joined an existing story (near-duplicates)
    seconds: float = 0.0

    def line(self) -> str:
        return (f"ingested {self.documents} documents in {self.seconds:.1f} s: {self.articles} articles stored "
                f"({self.linked} joined an existing story), {self.duplicates} duplicates "
                f"({self.skipped} skipped before coding), {self.failures} failures, {self.resolved} earlier "
                f"failures resolved; {self.mentions} event mentions, {self.new_events} new events")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)  # stored as naive UTC


class Ingestor:
    """One ingest run: ``writing()`` gives a connection for one batch, ``reading()`` a cursor for a lookup.

    Both are context managers (connection.Access's): the store file is held for writing only while a
    batch is written, so other processes can read it in between.
    """

    def __init__(self, writing: Callable[[], AbstractContextManager[Any]], stories: StoryIndex, *,
                 reading: Callable[[], AbstractContextManager[Any]],
                 on_commit: Callable[[Sequence[Outcome]], None] | None = None,
                 batch_documents: int = BATCH_DOCUMENTS, batch_seconds: float = BATCH_SECONDS) -> None:
        self._writing = writing
        self._stories = stories
        self._reading = reading
        self._on_commit = on_commit
        self._batch_documents = batch_documents
        self._batch_seconds = batch_seconds
        self._raw: dict[tuple[str, str], str] = {}
        # Filled by ``unseen`` (possibly in a feeder thread), drained by ``_flush``: deque ops are atomic.
        self._skipped: deque[Outcome] = deque()
        self._counts = dict.fromkeys(_COUNTS, 0)

    # -- the two entry points --------------------------------------------------------------------------

    def unseen(self, items: Iterable[Document | Failure]) -> Iterator[Document | Failure]:
        """The items not stored yet; remembers their hashes for ``ingest``.

        An item is stored if its bytes were stored from the same source, or under the same URL (or both
        without one): identical bytes then extract to the same article, with the same key. Identical
        bytes under another URL (a feed carrying a wire story for two sites) are coded, and stored.
        Runs in whatever thread pulls it (a worker pool's feeder thread with n_process > 1), so it
        takes a cursor of its own for each lookup, never across a ``yield`` (a batch may be written
        meanwhile).
        """
        for item in items:
            if isinstance(item, Failure):
                yield item
                continue
            digest = raw_hash(item.content)
            with self._reading() as cur:
                row = cur.execute("SELECT article_id FROM documents WHERE raw_hash = ? AND (source = ? OR "
                                  "url IS NOT DISTINCT FROM ?) LIMIT 1",
                                  [digest, item.source, normalise_url(item.url)]).fetchall()
            if row:
                self._skipped.append(Outcome(item.source, item.doc_id, "skipped", row[0][0]))
                continue
            self._raw[(item.source, item.doc_id)] = digest
            yield item

    def ingest(self, results: Iterable[Result | Failure]) -> IngestSummary:
        started = time.monotonic()
        batch: list[Result | Failure] = []
        opened = 0.0
        items = iter(results)
        while True:
            try:
                item = next(items)
            except StopIteration:
                break
            except BaseException:
                self._flush(batch)  # the pipeline broke (or Ctrl-C): keep what it finished before that
                raise
            if not batch:
                opened = time.monotonic()
            batch.append(item)
            if len(batch) >= self._batch_documents or time.monotonic() - opened >= self._batch_seconds:
                self._flush(batch)
                batch = []
        self._flush(batch)
        return IngestSummary(**self._counts, seconds=time.monotonic() - started)

    # -- one batch, one transaction ----------------------------------------------------------------------

    def _flush(self, batch: list[Result | Failure]) -> None:
        skipped = [self._skipped.popleft() for _ in range(len(self._skipped))]
        if not batch and not skipped:
            return
        try:
            with self._writing() as con:
                con.execute("BEGIN TRANSACTION")
                try:
                    dialect_of(con).lock_writers(con)  # PostgreSQL: one batch per store at a time
                    outcomes, counts = _Batch(con, self._stories, self._raw).write(batch)
                    con.execute("COMMIT")
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
        except BaseException:
            self._skipped.extendleft(reversed(skipped))
            raise
        counts["documents"] += len(skipped)
        counts["duplicates"] += len(skipped)
        counts["skipped"] += len(skipped)
        for key, value in counts.items():
            self._counts[key] += value
        if self._on_commit is not None:
            self._on_commit([*skipped, *outcomes])


class _Batch:
    """Rows for one batch, built in input order, then appended table by table."""

    def __init__(self, con: Any, stories: StoryIndex, raw: dict[tuple[str, str], str]) -> None:
        self.con = con
        self.stories = stories
        self.raw = raw
        self.now = _now()
        self.counts = dict.fromkeys(_COUNTS, 0)
        self.documents: list[dict[str, Any]] = []
        self.articles: list[dict[str, Any]] = []
        self.story_rows: list[dict[str, Any]] = []
        self.signatures: list[dict[str, Any]] = []
        self.mentions: list[dict[str, Any]] = []
        self.new_events: dict[str, dict[str, Any]] = {}
        self.stored_sources: list[str] = []

    def write(self, batch: list[Result | Failure]) -> tuple[list[Outcome], dict[str, int]]:
        keyed = []
        for r in batch:
            if isinstance(r, Result):
                digest = content_hash(r.article.text)
                keyed.append((r, article_key(r.article, digest), digest))
        known, stories, sightings = self._known(keyed)
        taken = self._taken_ids([r.article.doc_id or h[:16] for r, _, h in keyed])
        failing = self._failing_sources({item.source if isinstance(item, Failure) else item.article.source
                                         for item in batch})
        outcomes: list[Outcome] = []
        keyed_iter = iter(keyed)
        for item in batch:
            self.counts["documents"] += 1
            if isinstance(item, Failure):
                if item.doc_id is not None:
                    self.raw.pop((item.source, item.doc_id), None)
                self._record_failure(item)
                failing.add(item.source)
                outcomes.append(Outcome(item.source, item.doc_id, "failed", code=item.code, message=item.message))
                continue
            result, key, digest = next(keyed_iter)
            article = result.article
            url = normalise_url(article.url)
            raw = self.raw.pop((article.source, article.doc_id), None)
            if article.source in failing:
                self._resolve(article.source)
                failing.discard(article.source)
            original = known.get(key)
            if original is not None:
                self.counts["duplicates"] += 1
                if (article.source, key, digest) not in sightings:
                    sightings.add((article.source, key, digest))
                    self._document(article.source, article.doc_id, original, url, digest, raw, "duplicate",
                                   "url" if url else "content", key)
                outcomes.append(Outcome(article.source, article.doc_id, "duplicate", original))
                continue
            doc_id = self._unique_id(article.doc_id, digest, taken)
            taken.add(doc_id)
            known[key] = doc_id
            sightings.add((article.source, key, digest))
            self._document(article.source, article.doc_id, doc_id, url, digest, raw, "stored", None, key)
            story_id = self._article(result, doc_id, digest, stories.get(digest))
            stories.setdefault(digest, story_id)
            self.stored_sources.append(article.source)
            outcomes.append(Outcome(article.source, article.doc_id, "stored", doc_id, len(result.events)))
        self._append_all()
        return outcomes, self.counts

    # -- what the store already holds ---------------------------------------------------------------------

    def _known(self, keyed: list[tuple[Result, str, str]]
               ) -> tuple[dict[str, str], dict[str, str], set[tuple[str, str, str]]]:
        """The stored article of each key, the story of each stored text, and the (source, key, text)
        sightings already recorded, for this batch's articles."""
        known: dict[str, str] = {}
        stories: dict[str, str] = {}
        sightings: set[tuple[str, str, str]] = set()
        if not keyed:
            return known, stories, sightings
        keys = sorted({k for _, k, _ in keyed})
        hashes = sorted({h for _, _, h in keyed})
        for source, key, digest, article_id in self.con.execute(
                "SELECT source, article_key, content_hash, article_id FROM documents "
                "WHERE article_key IN (SELECT unnest(?::VARCHAR[]))", [keys]).fetchall():
            known.setdefault(key, article_id)
            sightings.add((source, key, digest))
        # The same text stored before (under another URL or site) names the story a copy joins, whatever
        # MinHash makes of it: an exact copy is the same story by definition.
        for digest, story_id in self.con.execute(
                "SELECT a.content_hash, min(a.story_id) FROM documents d JOIN articles a ON a.doc_id = d.article_id "
                "WHERE d.content_hash IN (SELECT unnest(?::VARCHAR[])) AND d.status = 'stored' "
                "GROUP BY a.content_hash", [hashes]).fetchall():
            stories[digest] = story_id
        return known, stories, sightings

    def _taken_ids(self, wanted: list[str]) -> set[str]:
        if not wanted:
            return set()
        rows = self.con.execute("SELECT doc_id FROM articles WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                                [wanted]).fetchall()
        return {r[0] for r in rows}

    def _unique_id(self, wanted: str, digest: str, taken: set[str]) -> str:
        """The input's id, unless another article already has it: then the id with its text hash."""
        base = wanted or digest[:16]
        if base not in taken:  # ``taken`` holds every stored id among this batch's, so no query here
            return base
        n = 1
        while True:
            candidate = f"{base}~{digest[:8]}" + (f"-{n}" if n > 1 else "")
            if candidate not in taken and not self.con.execute(
                    "SELECT count(*) FROM articles WHERE doc_id = ?", [candidate]).fetchall()[0][0]:
                return candidate
            n += 1

    def _failing_sources(self, sources: set[str]) -> set[str]:
        rows = self.con.execute("SELECT DISTINCT source FROM failures WHERE NOT resolved "
                                "AND source IN (SELECT unnest(?::VARCHAR[]))", [sorted(sources)]).fetchall()
        return {r[0] for r in rows}

    # -- failures ---------------------------------------------------------------------------------------

    def _record_failure(self, failure: Failure) -> None:
        """One open failure per source and code: a repeat updates it instead of adding a row."""
        self.counts["failures"] += 1
        updated = self.con.execute(
            "UPDATE failures SET last_seen = ?, attempts = attempts + 1, message = ?, doc_id = coalesce(?, doc_id) "
            "WHERE source = ? AND code = ? AND NOT resolved RETURNING failure_id",
            [self.now, failure.message, failure.doc_id, failure.source, failure.code]).fetchall()
        if not updated:
            self.con.execute("INSERT INTO failures (source, doc_id, code, message, first_seen, last_seen) "
                             "VALUES (?, ?, ?, ?, ?, ?)",
                             [failure.source, failure.doc_id, failure.code, failure.message, self.now, self.now])

    def _resolve(self, source: str) -> None:
        rows = self.con.execute("UPDATE failures SET resolved = true, resolved_at = ? "
                                "WHERE source = ? AND NOT resolved RETURNING failure_id",
                                [self.now, source]).fetchall()
        self.counts["resolved"] += len(rows)

    # -- rows -------------------------------------------------------------------------------------------

    def _document(self, source: str, doc_id: str, article_id: str, url: str | None, digest: str,
                  raw: str | None, status: str, by: str | None, key: str) -> None:
        self.documents.append({"source": source, "doc_id": doc_id, "article_id": article_id, "url": url,
                               "content_hash": digest, "raw_hash": raw, "status": status, "duplicate_by": by,
                               "seen_at": self.now, "article_key": key})

    def _article(self, result: Result, doc_id: str, digest: str, copied_story: str | None) -> str:
        """Rows for a new article and its mentions; returns its story (``copied_story`` for an exact copy)."""
        a = result.article
        story_id = copied_story or doc_id
        signed = self.stories.signature(doc_id, a.text)
        if signed is not None:
            signature, minhash = signed
            match = self.stories.match(minhash) if copied_story is None else None
            if match is not None:
                story_id = match[0]
            self.stories.add(doc_id, story_id, minhash)
            self.signatures.append({"doc_id": doc_id, "num_perm": signature.num_perm, "seed": signature.seed,
                                    "scheme": signature.scheme, "hashvalues": signature.hashvalues})
        if story_id == doc_id:
            self.story_rows.append({"story_id": doc_id, "first_doc_id": doc_id, "title": a.title,
                                    "created_at": self.now})
        else:
            self.counts["linked"] += 1
        self.counts["articles"] += 1
        self.articles.append({
            "doc_id": doc_id, "source": a.source, "url": a.url, "title": a.title, "author": a.author,
            "published": a.published, "site": a.site, "original_source": a.original_source, "outlet": outlet(a),
            "language": a.language, "text": a.text, "content_hash": digest, "story_id": story_id,
            "ingested_at": self.now, "source_uri": source_uri(a)})
        for ordinal, ev in enumerate(result.events):
            key = event_key(ev, story_id)
            if key not in self.new_events:
                self.new_events[key] = _event_row(ev, key, doc_id, self.now)
            self.mentions.append({
                "event_key": key, "doc_id": doc_id, "ordinal": ordinal, "coder_event_id": ev.event_id,
                "sentence_index": ev.sentence_index, "sentence": ev.sentence, "char_start": ev.char_start,
                "char_end": ev.char_end, "trigger": ev.trigger, "date": ev.date,
                "source_text": ev.source.text if ev.source else None,
                "target_text": ev.target.text if ev.target else None,
                "location_text": ev.location.text if ev.location else None,
                "coder_name": ev.coder.name, "coder_version": ev.coder.version, "added_at": self.now})
        self.counts["mentions"] += len(result.events)
        return story_id

    def _append_all(self) -> None:
        _append(self.con, "stories", self.story_rows)
        _append(self.con, "articles", self.articles)
        _append(self.con, "documents", self.documents)
        _append(self.con, "signatures", self.signatures)
        if self.stored_sources:  # an input an earlier version took for a duplicate is stored now
            self.con.execute("DELETE FROM superseded_duplicates WHERE source IN (SELECT unnest(?::VARCHAR[]))",
                             [sorted(set(self.stored_sources))])
        if not self.mentions:
            return
        keys = list(self.new_events)
        ids = dict(self.con.execute("SELECT event_key, event_id FROM events "
                                    "WHERE event_key IN (SELECT unnest(?::VARCHAR[]))", [keys]).fetchall())
        fresh = [k for k in keys if k not in ids]
        if fresh:
            numbers = self.con.execute("SELECT nextval('event_ids') FROM generate_series(1, ?)",
                                       [len(fresh)]).fetchall()
            ids.update(zip(fresh, (n[0] for n in numbers), strict=True))
            _append(self.con, "events", [{**self.new_events[k], "event_id": ids[k]} for k in fresh])
        self.counts["new_events"] += len(fresh)
        for m in self.mentions:
            m["event_id"] = ids[m.pop("event_key")]
        _append(self.con, "event_mentions", self.mentions)
        # Counts are recomputed from the evidence rather than incremented, so they cannot drift from it.
        self.con.execute(
            "UPDATE events SET num_mentions = a.n_mentions, num_articles = a.n_articles, num_sources = a.n_sources, "
            "num_stories = a.n_stories, is_root = a.is_root, last_seen = ? "
            "FROM (SELECT m.event_id, count(*) AS n_mentions, count(DISTINCT m.doc_id) AS n_articles, "
            "count(DISTINCT ar.outlet) AS n_sources, count(DISTINCT ar.story_id) AS n_stories, "
            "bool_or(m.sentence_index = 0) AS is_root "
            "FROM event_mentions m JOIN articles ar ON ar.doc_id = m.doc_id "
            "WHERE m.event_id IN (SELECT unnest(?::BIGINT[])) GROUP BY m.event_id) a "
            "WHERE events.event_id = a.event_id",
            [self.now, sorted(set(ids.values()))])


def _event_row(ev: Any, key: str, doc_id: str, now: datetime) -> dict[str, Any]:
    src, tgt, loc = ev.source, ev.target, ev.location
    return {
        "event_key": key, "date": ev.date,
        "source_code": src.code if src else None, "source_name": src.name if src else None,
        "source_country": src.country if src else None, "source_sector": src.sector if src else None,
        "target_code": tgt.code if tgt else None, "target_name": tgt.name if tgt else None,
        "target_country": tgt.country if tgt else None, "target_sector": tgt.sector if tgt else None,
        "cameo": ev.cameo, "event_base": ev.cameo[:3], "event_root": ev.cameo[:2],
        "plover_type": ev.plover_type, "plover_mode": ev.plover_mode, "goldstein": ev.goldstein,
        "quad_class": ev.quad_class, "modality": ev.modality,
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "location_lat": loc.lat if loc else None, "location_lon": loc.lon if loc else None,
        "location_geonameid": loc.geonameid if loc else None, "location_feature": loc.feature if loc else None,
        "location_admin1": loc.admin1 if loc else None,
        "first_seen": now, "last_seen": now, "first_doc_id": doc_id,
    }


def _append(con: Any, table: str, rows: list[dict[str, Any]]) -> None:
    """Append rows in one Arrow scan, or one COPY on PostgreSQL (``table`` is one of the schema's names,
    never user input)."""
    if not rows:
        return
    if dialect_of(con).name == "postgresql":
        con.copy_rows(table, rows)
        return
    append_arrow(con, table, pa.Table.from_pylist(rows))


def append_arrow(con: Any, table: str, batch: pa.Table) -> None:
    """Append an Arrow table's rows to ``table`` of a DuckDB connection, matching columns by name."""
    if batch.num_rows == 0:
        return
    con.register("_ingest_batch", batch)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _ingest_batch")
    finally:
        con.unregister("_ingest_batch")
