"""A feed URL and a WARC file given to the real `newsevents ingest` (and `code`): their articles are coded
and stored once, with the feed's and the archive's URLs and dates; what could not be read is in the
failures table with its code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from read.feed_site import article, feed_site, rss
from read.test_read_warc import _archive

TALKS = ("The foreign ministers of Kenya and Uganda met in Nairobi on Monday to discuss the border. "
         "Kenya's foreign minister said the two governments agreed to reopen the crossing.")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsevents.cli", *args], capture_output=True, text=True,
                          timeout=300)


@pytest.mark.model
def test_ingest_reads_a_feed_url_and_a_warc_file_and_stores_each_article_once(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    _archive(warc, gzip=True)
    config = tmp_path / "config.toml"
    config.write_text("[read]\nhost_interval_s = 0.05\n", encoding="utf-8")
    db = tmp_path / "news.duckdb"
    with feed_site() as site:
        site.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        site.put("/world/talks.html", article("Border talks", TALKS))
        site.put("/private/x.html", article("Private", TALKS))
        site.put("/rss", rss(site, [("/world/talks.html", "Border talks", "Mon, 10 Nov 2025 08:00:00 GMT"),
                                    ("/private/x.html", "Private", "Mon, 10 Nov 2025 09:00:00 GMT")]),
                 "application/rss+xml; charset=utf-8")
        inputs = [f"{site.url}/rss", str(warc), "--db", str(db), "--config", str(config)]
        first = _cli("ingest", *inputs)
        assert first.returncode == 1, first.stderr  # the disallowed page and the truncated record failed
        again = _cli("ingest", *inputs)
        code = _cli("code", f"{site.url}/rss", "--format", "jsonl", "--config", str(config))
        assert site.hits("/private/x.html") == []
    assert "[E111]" in first.stderr and "[E113]" in first.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT url, title, published FROM articles ORDER BY url").fetchall()
        failures = dict(con.execute("SELECT code, count(*) FROM failures GROUP BY code").fetchall())
    assert sorted((u.rsplit("/", 1)[1], t, str(p)) for u, t, p in rows) == [
        ("cafe.html", "Harbour talks", "2025-11-12"), ("harbour-talks.html", "Harbour talks", "2025-11-13"),
        ("talks.html", "Border talks", "2025-11-10")]
    assert failures == {"E111": 1, "E113": 1}
    assert "0 articles stored" in again.stderr  # the second run stored nothing twice
    events = [json.loads(line) for line in code.stdout.splitlines()]
    assert events and all(e["doc_id"].startswith("talks-") for e in events)  # the linked page, coded
