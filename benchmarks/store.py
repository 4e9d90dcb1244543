"""The event store's speed: ingest against a plain bulk insert, and API query latency over 1M events.

    python benchmarks/store.py [--docs 2000] [--events-per-doc 5] [--events 1000000] [--runs 60]

(a) Ingest: ``--docs`` synthetic coded articles (``--events-per-doc`` events each, drawn from a few
    hundred distinct events so that many merge) go through ``EventStore.ingest`` (dedup, MinHash
    stories, event identity, counts, one transaction per batch) into a fresh file; then the same events,
    flattened to one row each, are appended to a plain table of a fresh file in one Arrow
    ``INSERT ... SELECT``. Both rates are coded events per second, from the same Python objects.
(c) Reopening per batch: a writer holds the store file only while it writes a batch, so that readers
    can open it in between (store/connection.py). The same results go through the same ``Ingestor``
    twice, into fresh copies of the same store: once with the file opened and closed for every batch
    (what ingest does), once with one read-write connection held for the whole run (what it did
    before, and does with ``store.hold_for_writing``), with ``--batch`` documents per batch (a
    pipeline coding 30 to 100 articles a second fills batches of that size in its one second). Run on
    an empty store and on the million-event store of (b), where opening the file (catalog, row-group
    metadata) and the checkpoint on close cost the most.
(b) Queries: a store of ``--events`` synthetic events is built in SQL (dates over ten years, countries
    and CAMEO codes skewed as news is), then the two queries behind the API are timed ``--runs`` times
    each with varied parameters: GET /stats/timeline (one year, one country) and GET /events (country +
    date range + PLOVER type, first page of 100 plus the total count), first in-process, then over HTTP
    (uvicorn + httpx). p50 and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import duckdb
import httpx
import pyarrow as pa
import uvicorn

import newsevents.store as st
from newsevents.api import create_app
from newsevents.settings import Settings, StoreSettings
from newsevents.store.connection import Access
from newsevents.store.ingest import Ingestor
from newsevents.store.stories import StoryIndex
from newsevents.types import Actor, Article, Coder, Event, Place, Result

CODER = Coder("benchmark", "0")


def _countries() -> list[tuple[str, str, float, float]]:
    """(iso3, name, lat, lon) by population, largest first: news skews the same way, roughly."""
    text = (resources.files("newsevents.knowledge") / "countries.csv").read_text(encoding="utf-8")
    rows = [r for r in csv.DictReader(text.splitlines()) if r["lat"] and r["population"]]
    rows.sort(key=lambda r: -int(r["population"]))
    return [(r["iso3"], r["name"], float(r["lat"]), float(r["lon"])) for r in rows]


def _codebook() -> list[tuple[str, str, float, int]]:
    """(code, plover_type, goldstein, quad_class) of every CAMEO code the project maps to PLOVER."""
    text = (resources.files("newsevents.events") / "data" / "cameo.csv").read_text(encoding="utf-8")
    return [(r["code"], r["plover_type"], float(r["goldstein"]), int(r["quad_class"]))
            for r in csv.DictReader(text.splitlines()) if r["plover_type"]]


def _skewed(rng: random.Random, items: list, power: float = 3.0):  # type: ignore[no-untyped-def]
    return items[int(len(items) * rng.random() ** power)]


# -- (a) ingest ----------------------------------------------------------------------------------------------

def _results(n_docs: int, per_doc: int, seed: int = 7) -> list[Result]:
    rng = random.Random(seed)
    countries, codes = _countries()[:40], _codebook()
    sectors = ("GOV", "MIL", "REB", "OPP", "CVL")
    # A pool of distinct events: articles report them again and again, as the news does.
    pool = []
    for _ in range(max(50, n_docs * per_doc // 8)):
        (c1, n1, _, _), (c2, n2, lat, lon) = _skewed(rng, countries), _skewed(rng, countries)
        s1, s2 = rng.choice(sectors), rng.choice(sectors)
        code, plover, goldstein, quad = _skewed(rng, codes, 1.5)
        place = Place(text=n2, start=0, end=len(n2), name=n2, country=c2, lat=lat, lon=lon, geonameid=None,
                      feature="country")
        pool.append((Actor(n1, n1, c1, s1, c1 + s1), Actor(n2, n2, c2, s2, c2 + s2), code, plover, goldstein, quad,
                     date(2024, 1, 1) + timedelta(days=rng.randrange(365)), place if rng.random() < 0.6 else None))
    results = []
    for d in range(n_docs):
        words = [f"w{rng.randrange(5000)}" for _ in range(rng.randint(150, 600))]
        text = " ".join(words) + "."
        doc_id = f"bench-{d}"
        events = []
        for k in range(per_doc):
            src, tgt, code, plover, goldstein, quad, day, place = rng.choice(pool)
            sentence = " ".join(words[k * 20:k * 20 + 20])
            events.append(Event(doc_id=doc_id, event_id=f"{doc_id}:{k}", sentence_index=k, sentence=sentence,
                                char_start=0, char_end=len(sentence), trigger="met", cameo=code,
                                plover_type=plover, plover_mode=None, goldstein=goldstein, quad_class=quad,
                                modality="asserted", source=src, target=tgt, date=day, location=place, coder=CODER))
        article = Article(doc_id=doc_id, source=f"bench.jsonl:{d}", text=text, language="en",
                          url=f"https://news.example/{d}", site=f"site{d % 30}.example", published=date(2024, 6, 1))
        results.append(Result(article=article, events=tuple(events)))
    return results


def _flat(result: Result) -> list[dict]:
    rows = []
    for e in result.events:
        rows.append({
            "doc_id": e.doc_id, "event_id": e.event_id, "date": e.date, "cameo": e.cameo, "plover_type": e.plover_type,
            "goldstein": e.goldstein, "quad_class": e.quad_class, "modality": e.modality,
            "source_code": e.source.code if e.source else None, "target_code": e.target.code if e.target else None,
            "source_country": e.source.country if e.source else None,
            "target_country": e.target.country if e.target else None,
            "location_name": e.location.name if e.location else None,
            "location_lat": e.location.lat if e.location else None,
            "location_lon": e.location.lon if e.location else None,
            "sentence": e.sentence, "sentence_index": e.sentence_index, "char_start": e.char_start,
            "char_end": e.char_end, "trigger": e.trigger, "coder_name": e.coder.name,
            "coder_version": e.coder.version, "url": result.article.url})
    return rows


def _ingest_seconds(path: Path, results: list[Result], batch: int, *, reopen: bool) -> float:
    """Seconds to ingest ``results`` into ``path``, the file reopened per batch or held throughout."""
    settings = StoreSettings()
    with st.open(path, read_only=False, settings=settings):
        pass  # migrations, outside the clock
    access = Access(path, read_only=False, wait_s=settings.lock_wait_s, hold=not reopen)
    t = time.perf_counter()
    Ingestor(access.writing, StoryIndex(settings), reading=access.reading, batch_documents=batch,
             batch_seconds=3600).ingest(results)
    access.close()  # the last checkpoint counts too
    return time.perf_counter() - t


def bench_reopen(tmp: Path, base: Path | None, results: list[Result], batch: int, rounds: int) -> dict[str, float]:
    """Median seconds per ingest, held against reopened, alternating, each into a fresh copy of ``base``."""
    times: dict[str, list[float]] = {"held": [], "reopened": []}
    for r in range(rounds):
        for mode in ("held", "reopened") if r % 2 == 0 else ("reopened", "held"):
            path = tmp / f"reopen-{mode}-{r}.duckdb"
            if base is not None:
                shutil.copyfile(base, path)
            times[mode].append(_ingest_seconds(path, results, batch, reopen=mode == "reopened"))
            path.unlink()
    held, reopened = statistics.median(times["held"]), statistics.median(times["reopened"])
    return {"held": held, "reopened": reopened, "batches": -(-len(results) // batch),
            "ms_per_batch": 1000 * (reopened - held) / -(-len(results) // batch)}


def bench_ingest(tmp: Path, n_docs: int, per_doc: int) -> dict[str, float]:
    results = _results(n_docs, per_doc)
    n_events = sum(len(r.events) for r in results)
    t = time.perf_counter()
    with st.open(tmp / "ingest.duckdb", read_only=False) as store:
        summary = store.ingest(results)
        distinct = store.counts()["events"]
    ingest_s = time.perf_counter() - t
    assert summary.mentions == n_events, summary
    t = time.perf_counter()
    with duckdb.connect(str(tmp / "plain.duckdb")) as con:
        batch = pa.Table.from_pylist([row for r in results for row in _flat(r)])
        con.register("batch", batch)
        con.execute("CREATE TABLE plain AS SELECT * FROM batch WHERE false")
        t_insert = time.perf_counter()
        con.execute("INSERT INTO plain SELECT * FROM batch")
        con.execute("CHECKPOINT")
        insert_s = time.perf_counter() - t_insert
        assert con.execute("SELECT count(*) FROM plain").fetchall()[0][0] == n_events
    plain_s = time.perf_counter() - t
    return {"docs": n_docs, "events": n_events, "distinct": distinct, "ingest_rate": n_events / ingest_s,
            "plain_rate": n_events / plain_s, "insert_rate": n_events / insert_s,
            "ms_per_doc": 1000 * ingest_s / n_docs}


# -- (b) queries over a million events ------------------------------------------------------------------------

def build_events(path: Path, n: int) -> None:
    with st.open(path, read_only=False):
        pass  # creates and migrates the schema
    countries = _countries()[:120]
    codes = _codebook()
    with duckdb.connect(str(path)) as con:
        con.register("countries", pa.table({"i": list(range(len(countries))), "iso3": [c[0] for c in countries],
                                            "name": [c[1] for c in countries], "lat": [c[2] for c in countries],
                                            "lon": [c[3] for c in countries]}))
        con.register("codes", pa.table({"i": list(range(len(codes))), "code": [c[0] for c in codes],
                                        "plover": [c[1] for c in codes], "goldstein": [c[2] for c in codes],
                                        "quad": [c[3] for c in codes]}))
        # Rows arrive in random date order (the worst case for DuckDB's zone maps; real ingest is
        # roughly chronological). Countries and codes are skewed toward the first rows of their lists.
        con.execute(f"""
            INSERT INTO events BY NAME
            WITH r AS (
                SELECT i,
                    DATE '2015-01-01' + CAST(floor(3652 * sqrt(random())) AS INTEGER) AS date,
                    CAST(floor({len(countries)} * pow(random(), 3)) AS INTEGER) AS s,
                    CAST(floor({len(countries)} * pow(random(), 3)) AS INTEGER) AS t,
                    CAST(floor({len(codes)} * pow(random(), 1.5)) AS INTEGER) AS k,
                    random() AS u
                FROM range({n}) AS g(i))
            SELECT r.i + 1 AS event_id, 'bench|' || r.i AS event_key, r.date,
                cs.iso3 || 'GOV' AS source_code, cs.name AS source_name, cs.iso3 AS source_country,
                'GOV' AS source_sector,
                ct.iso3 || CASE WHEN r.u < 0.3 THEN 'MIL' ELSE 'GOV' END AS target_code, ct.name AS target_name,
                ct.iso3 AS target_country, CASE WHEN r.u < 0.3 THEN 'MIL' ELSE 'GOV' END AS target_sector,
                c.code AS cameo, substr(c.code, 1, 3) AS event_base, substr(c.code, 1, 2) AS event_root,
                c.plover AS plover_type, c.goldstein, c.quad AS quad_class, 'asserted' AS modality,
                CASE WHEN r.u < 0.6 THEN ct.name END AS location_name,
                CASE WHEN r.u < 0.6 THEN ct.iso3 END AS location_country,
                CASE WHEN r.u < 0.6 THEN ct.lat END AS location_lat,
                CASE WHEN r.u < 0.6 THEN ct.lon END AS location_lon,
                CASE WHEN r.u < 0.6 THEN 'country' END AS location_feature,
                1 + CAST(floor(5 * pow(random(), 4)) AS INTEGER) AS num_mentions, 1 AS num_sources,
                1 AS num_articles, 1 AS num_stories, r.u < 0.3 AS is_root,
                now()::TIMESTAMP AS first_seen, now()::TIMESTAMP AS last_seen, 'bench' AS first_doc_id
            FROM r JOIN countries cs ON cs.i = r.s JOIN countries ct ON ct.i = r.t JOIN codes c ON c.i = r.k""")
        # The ids above were given directly: move the store's sequence past them, so (c) can ingest more.
        con.execute(f"DROP SEQUENCE event_ids; CREATE SEQUENCE event_ids START {n + 1}")
        con.execute("CHECKPOINT")


def _percentiles(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), statistics.quantiles(samples, n=20, method="inclusive")[18]


def _time(fn: Callable[[int], object], runs: int) -> tuple[float, float]:
    fn(0)  # warm: the first call reads the file's pages
    samples = []
    for i in range(runs):
        t = time.perf_counter()
        fn(i)
        samples.append(1000 * (time.perf_counter() - t))
    return _percentiles(samples)


def bench_queries(path: Path, runs: int) -> dict[str, tuple[float, float]]:
    rng = random.Random(11)
    countries = [c[0] for c in _countries()[:20]]
    types = ["ASSAULT", "CONSULT", "PROTEST", "ACCUSE", "COOPERATE", "AID"]
    params = []
    for _ in range(runs + 1):
        start = date(2015, 1, 1) + timedelta(days=rng.randrange(3287))
        params.append({"country": rng.choice(countries), "since": start, "until": start + timedelta(days=365),
                       "type": rng.choice(types)})
    out: dict[str, tuple[float, float]] = {}
    with st.open(path) as store:
        def timeline(i: int) -> object:
            p = params[i]
            return store.timeline_arrow(p["since"], p["until"], country=p["country"])

        def events(i: int) -> object:
            return store.events_arrow(**params[i], limit=100), store.count_events(**params[i])

        out["timeline (store)"] = _time(timeline, runs)
        out["events page + total (store)"] = _time(events, runs)
        settings = Settings()
        with _serving(create_app(store, settings, lambda: None)) as client:  # type: ignore[arg-type, return-value]
            def http_timeline(i: int) -> object:
                p = params[i]
                return client.get("/stats/timeline", params={"since": str(p["since"]), "until": str(p["until"]),
                                                             "country": p["country"]}).raise_for_status()

            def http_events(i: int) -> object:
                p = {k: str(v) for k, v in params[i].items()}
                return client.get("/events", params={**p, "limit": 100}).raise_for_status()

            out["GET /stats/timeline (HTTP)"] = _time(http_timeline, runs)
            out["GET /events (HTTP)"] = _time(http_events, runs)
    return out


class _serving:
    def __init__(self, app: object) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    lifespan="off"))

    def __enter__(self) -> httpx.Client:
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        while not self.server.started:
            time.sleep(0.05)
        self.client = httpx.Client(base_url=f"http://127.0.0.1:{self.port}", timeout=60)
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self.server.should_exit = True
        self.thread.join(10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--events-per-doc", type=int, default=5)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--batch", type=int, default=32, help="documents per batch in (c)")
    parser.add_argument("--reopen-docs", type=int, default=640, help="articles ingested per run of (c)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each way in (c)")
    parser.add_argument("--skip-queries", action="store_true", help="(c) on the empty store only, no (b)")
    args = parser.parse_args()
    print("command: python benchmarks/store.py " + " ".join(sys.argv[1:]))
    with tempfile.TemporaryDirectory() as tmp:
        a = bench_ingest(Path(tmp), args.docs, args.events_per_doc)
        print(f"(a) ingest {a['events']:,} coded events from {a['docs']:,} articles ({a['distinct']:,} distinct "
              f"events): EventStore.ingest {a['ingest_rate']:,.0f} events/s ({a['ms_per_doc']:.2f} ms per article); "
              f"plain Arrow INSERT ... SELECT {a['plain_rate']:,.0f} events/s including building the Arrow table "
              f"from the same objects ({a['insert_rate']:,.0f} events/s for the INSERT alone); ratio plain/ingest "
              f"{a['plain_rate'] / a['ingest_rate']:.1f}x")
        few = _results(args.reopen_docs, args.events_per_doc, seed=13)
        _report_reopen("empty store", bench_reopen(Path(tmp), None, few, args.batch, args.rounds), args.batch)
        if args.skip_queries:
            return
        db = Path(tmp) / "million.duckdb"
        t = time.perf_counter()
        build_events(db, args.events)
        print(f"(b) built {args.events:,} events in {time.perf_counter() - t:.1f} s; {args.runs} runs each:")
        for name, (p50, p95) in bench_queries(db, args.runs).items():
            print(f"    {name:32s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
        _report_reopen(f"{args.events:,}-event store", bench_reopen(Path(tmp), db, few, args.batch, args.rounds),
                       args.batch)


def _report_reopen(where: str, r: dict[str, float], batch: int) -> None:
    print(f"(c) reopening per batch, {where}, {r['batches']:.0f} batches of {batch}: held {r['held']:.2f} s, "
          f"reopened {r['reopened']:.2f} s (median of runs); ratio reopened/held {r['reopened'] / r['held']:.2f}x, "
          f"{r['ms_per_batch']:.1f} ms more per batch")


if __name__ == "__main__":
    main()
