"""Coding on a Dask LocalCluster: 1 worker against 2 on this machine, and the figures docs/scaling.md plans from.

    python benchmarks/scale.py [--limit 1000] [--rounds 2] [--corpus PATH] [--batch 32]

First, in this process: the pipeline codes the documents alone (``Pipeline.run``, one process), which
gives the CPU seconds one article costs, and the results are stored into a fresh DuckDB file, which
gives what storing one costs; the pickled size of a document and of its result is what crosses the
network per article. Then, for ``--rounds`` rounds, alternating the order, a LocalCluster of 1 and of
2 worker processes (one thread each) codes the same documents with ``DaskCoder``; each worker loads
its pipeline before the clock starts (reported apart, as start-up). The speed-up is the median
seconds of 1 worker over the median seconds of 2, measured in the same command, with the load
average before and after (other programs on the machine take cores too). The cluster's results are
checked equal to the single process's.
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "synthetic_news.jsonl"


def _rss_mb() -> float:
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


def _cpu_s() -> float:
    return time.process_time()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1000, help="documents from the corpus")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--batch", type=int, default=32, help="cluster.batch_documents")
    args = parser.parse_args()

    from newsevents.pipeline import Pipeline
    from newsevents.read import read_inputs
    from newsevents.scale.cluster import DaskCoder, connect
    from newsevents.settings import Settings
    from newsevents.store import open as open_store
    from newsevents.types import Result

    settings = Settings().with_overrides({"cluster": {"batch_documents": args.batch}})
    docs = list(islice(read_inputs([str(args.corpus)], settings.read), args.limit))
    n = len(docs)
    command = " ".join(["python", "benchmarks/scale.py", *sys.argv[1:]])
    print(f"$ {command}\n{n} documents from {args.corpus.name}, {os.cpu_count()} CPUs, batches of {args.batch}")
    load_start = os.getloadavg()

    # One process: CPU seconds per article, store seconds per article, bytes per article.
    pipeline = Pipeline(settings).load()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    single = list(pipeline.run(docs, n_process=1))
    code_cpu, code_wall = time.process_time() - cpu0, time.perf_counter() - wall0
    with tempfile.TemporaryDirectory() as tmp:
        # Stored in two halves, the file's size taken after each: the second half's growth is what more
        # articles cost, without the blocks a new file allocates once.
        db = Path(tmp) / "bench.duckdb"
        half = n // 2
        store_cpu = store_wall = 0.0
        sizes = []
        for part in (single[:half], single[half:]):
            with open_store(db, read_only=False, settings=settings.store) as store:
                cpu0, wall0 = time.process_time(), time.perf_counter()
                store.ingest(part)
                store_cpu += time.process_time() - cpu0
                store_wall += time.perf_counter() - wall0
            sizes.append(db.stat().st_size)
        store_bytes = (sizes[1] - sizes[0]) / max(n - half, 1)
    doc_bytes = len(pickle.dumps(docs)) / n
    result_bytes = len(pickle.dumps(single)) / n
    events = sum(len(r.events) for r in single if isinstance(r, Result))
    chars = sum(len(r.article.text) for r in single if isinstance(r, Result)) / n
    print(f"one process: {code_cpu / n * 1000:.1f} ms CPU per article ({code_wall / n * 1000:.1f} ms wall), "
          f"{chars:,.0f} characters and {events / n:.2f} events per article, so {code_cpu / n / chars * 1e6:.1f} ms "
          f"CPU per 1,000 characters; storing: {store_cpu / n * 1000:.2f} ms CPU per article "
          f"({store_wall / n * 1000:.2f} ms wall), {store_bytes:,.0f} B of DuckDB file per article more; pickled: "
          f"{doc_bytes:,.0f} B per document out, {result_bytes:,.0f} B per result back; this process "
          f"{_rss_mb():,.0f} MB resident")
    del pipeline

    seconds: dict[int, list[float]] = {1: [], 2: []}
    startup: dict[int, list[float]] = {1: [], 2: []}
    worker_mb: dict[int, float] = {1: 0.0, 2: 0.0}
    worker_cpu: dict[int, list[float]] = {1: [], 2: []}
    driver_cpu: dict[int, list[float]] = {1: [], 2: []}
    for r in range(args.rounds):
        for workers in ((1, 2) if r % 2 == 0 else (2, 1)):
            t0 = time.perf_counter()
            with connect(workers=workers) as client, DaskCoder(client, settings) as coder:
                startup[workers].append(time.perf_counter() - t0)
                cpu_before = client.run(_cpu_s)
                t1, c1 = time.perf_counter(), time.process_time()
                out = list(coder.run(docs))
                seconds[workers].append(time.perf_counter() - t1)
                driver_cpu[workers].append(time.process_time() - c1)
                cpu_after = client.run(_cpu_s)
                worker_cpu[workers].append(sum(cpu_after[w] - cpu_before[w] for w in cpu_after))
                worker_mb[workers] = max(worker_mb[workers], *client.run(_rss_mb).values())
            assert out == single, "the cluster's results differ from one process's"
            print(f"round {r + 1}: {workers} worker{'s' if workers > 1 else ''}: {seconds[workers][-1]:.1f} s "
                  f"({n / seconds[workers][-1]:.1f} articles/s), start-up {startup[workers][-1]:.1f} s, "
                  f"workers' CPU {worker_cpu[workers][-1] / n * 1000:.1f} ms per article, this process's (the "
                  f"driver's) {driver_cpu[workers][-1] / n * 1000:.2f} ms",
                  flush=True)
    load_end = os.getloadavg()
    m1, m2 = statistics.median(seconds[1]), statistics.median(seconds[2])
    print("\n| workers | median s | articles/s | speed-up | workers' CPU ms per article | driver CPU ms per article "
          "| start-up s (cluster + pipeline load) | peak worker MB |")
    print("|---|---|---|---|---|---|---|---|")
    for w, m in ((1, m1), (2, m2)):
        print(f"| {w} | {m:.1f} | {n / m:.1f} | {m1 / m:.2f}x | {statistics.median(worker_cpu[w]) / n * 1000:.1f} "
              f"| {statistics.median(driver_cpu[w]) / n * 1000:.2f} | {statistics.median(startup[w]):.1f} "
              f"| {worker_mb[w]:,.0f} |")
    print(f"\nload average before {load_start[0]:.1f} / {load_start[1]:.1f} / {load_start[2]:.1f}, "
          f"after {load_end[0]:.1f} / {load_end[1]:.1f} / {load_end[2]:.1f} (1, 5, 15 min)")


if __name__ == "__main__":
    main()
