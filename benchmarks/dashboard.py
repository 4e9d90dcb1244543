"""The dashboard's page load and filter-change latency on 1,000,000 synthetic events (issue 11).

    python benchmarks/dashboard.py [--events 1000000] [--baseline 10000] [--runs 30] [--browser-runs 10]

Two stores are built in SQL (benchmarks/store.py's ``build_events``: ten years of dates, countries and
CAMEO codes skewed as news is, 60% located; plus one evidence sentence per event, for the text search):
``--baseline`` events and ``--events`` events. Each is served by a real ``newsevents serve`` on
127.0.0.1, and measured the same way, so the report is the 1M figure beside the small store's, and
their ratio (the machine is shared and noisy: only the ratio and the 1M p95 against the 1 s budget
are meant to be read).

- API, page load: the four requests the page makes at once (``/stats/volume``, ``/stats/places``,
  ``/stats/dyads``, ``/events?limit=25``), sent concurrently as the browser sends them; the time until
  the last answer. ``--runs`` times.
- API, filter change: the same four with one filter, cycling through a country, a quad class, a dyad,
  a three-month date range, a PLOVER type and a word searched (``q``).
- Browser, page load: Debian's Chromium headless (Playwright) opening ``/`` in a fresh page until the
  page says every view is drawn (``body[data-state=ready]``): HTML, the script bundle, the four
  requests, drawing. ``--browser-runs`` times.
- Browser, filter change: typing a country into the form and pressing Apply, until drawn again.

p50 and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb
import httpx

from store import build_events  # benchmarks/store.py: the same synthetic events

VIEWS = (("/stats/volume", {"bucket": "auto"}), ("/stats/places", {"cell": 2}), ("/stats/dyads", {"limit": 15}),
         ("/events", {"limit": 25}))
FILTERS: tuple[dict[str, str], ...] = (
    {"country": "IND"}, {"quad": "4"}, {"dyad": "CHN:USA"}, {"since": "2023-01-01", "until": "2023-03-31"},
    {"type": "CONSULT"}, {"q": "india"}, {"country": "BRA", "quad": "1,2"},
)
COUNTRIES = ("IND", "USA", "BRA", "NGA", "PAK", "IDN", "CHN", "BGD")


def build(path: Path, n: int) -> float:
    start = time.perf_counter()
    build_events(path, n)
    with duckdb.connect(str(path)) as con:  # one evidence sentence per event, for the text search
        con.execute("""INSERT INTO event_mentions BY NAME SELECT event_id, 'bench' || event_id AS doc_id,
            0 AS ordinal, 0 AS sentence_index, source_name || ' met ' || target_name || '.' AS sentence,
            0 AS char_start, 10 AS char_end, 'met' AS trigger, date, 'benchmark' AS coder_name,
            '0' AS coder_version, now()::TIMESTAMP AS added_at FROM events""")
        con.execute("CHECKPOINT")
    return time.perf_counter() - start


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``newsevents serve`` over one store, in its own process, as a user runs it."""

    def __init__(self, db: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        exe = Path(sys.executable).parent / "newsevents"
        self.process = subprocess.Popen([str(exe), "serve", "--db", str(db), "--port", str(self.port)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise SystemExit("newsevents serve did not start")
            time.sleep(0.2)

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(20)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def api_latency(server: Server, runs: int) -> dict[str, tuple[float, float]]:
    def views(client: httpx.Client, pool: ThreadPoolExecutor, flt: dict[str, str]) -> float:
        start = time.perf_counter()
        answers = list(pool.map(lambda v: client.get(v[0], params={**flt, **v[1]}), VIEWS))
        elapsed = time.perf_counter() - start
        bad = [a for a in answers if a.status_code != 200]
        if bad:
            raise SystemExit(f"{bad[0].url}: {bad[0].status_code} {bad[0].text[:200]}")
        return elapsed * 1000

    with httpx.Client(base_url=server.url, timeout=60) as client, ThreadPoolExecutor(len(VIEWS)) as pool:
        views(client, pool, {})  # warm: the first scan reads the file into DuckDB's buffer
        load = [views(client, pool, {}) for _ in range(runs)]
        change = [views(client, pool, FILTERS[i % len(FILTERS)]) for i in range(runs)]
    return {"api page load": _percentiles(load), "api filter change": _percentiles(change)}


def browser_latency(server: Server, runs: int, chromium: str) -> dict[str, tuple[float, float]]:
    from playwright.sync_api import sync_playwright

    load: list[float] = []
    change: list[float] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        for i in range(runs + 1):
            page = context.new_page()
            start = time.perf_counter()
            page.goto(server.url + "/")
            page.wait_for_selector("body[data-state=ready]", timeout=60_000)
            if i:  # the first opening warms the store and the browser's cache of the bundle
                load.append((time.perf_counter() - start) * 1000)
            page.fill("input[name=country]", COUNTRIES[i % len(COUNTRIES)])
            page.evaluate("document.body.dataset.state = 'stale'")
            start = time.perf_counter()
            page.click("#filters button[type=submit]")
            page.wait_for_selector("body[data-state=ready]", timeout=60_000)
            if i:
                change.append((time.perf_counter() - start) * 1000)
            page.close()
        browser.close()
    return {"browser page load": _percentiles(load), "browser filter change": _percentiles(change)}


def measure(db: Path, runs: int, browser_runs: int, chromium: str | None) -> dict[str, tuple[float, float]]:
    server = Server(db)
    try:
        out = api_latency(server, runs)
        if chromium and browser_runs:
            out |= browser_latency(server, browser_runs, chromium)
        return out
    finally:
        server.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--baseline", type=int, default=10_000, help="events in the baseline store")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--browser-runs", type=int, default=10, help="0: no browser measurement")
    args = parser.parse_args(argv)
    chromium = os.environ.get("NEWSEVENTS_CHROMIUM") or shutil.which("chromium")
    if args.browser_runs and not chromium:
        print("no chromium found (make browser installs it): browser measurements left out", file=sys.stderr)
    print("command: python benchmarks/dashboard.py " + " ".join(sys.argv[1:] if argv is None else argv))
    results: dict[int, dict[str, tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="newsevents-dashboard-") as tmp:
        for n in (args.baseline, args.events):
            db = Path(tmp) / f"events-{n}.duckdb"
            seconds = build(db, n)
            print(f"built {n:,} events in {seconds:.1f} s", flush=True)
            results[n] = measure(db, args.runs, args.browser_runs, chromium)
    small, big = results[args.baseline], results[args.events]
    print(f"\n| measurement | {args.baseline:,} events p50 / p95 ms | {args.events:,} events p50 / p95 ms "
          "| ratio of p95 |")
    print("|---|---|---|---|")
    for key in big:
        (a50, a95), (b50, b95) = small[key], big[key]
        print(f"| {key} | {a50:.0f} / {a95:.0f} | {b50:.0f} / {b95:.0f} | {b95 / a95:.2f} |")


if __name__ == "__main__":
    main()
