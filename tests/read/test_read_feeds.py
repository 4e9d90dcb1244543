"""Feeds and feed lists through read_inputs and Polite, against a real HTTP server on 127.0.0.1.

What the client did is read from the server's own log: which paths it asked for, with which headers,
and when they arrived."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from newsevents.errors import FeedError
from newsevents.read import read_inputs
from newsevents.read.feeds import feed_list, parse_feed
from newsevents.read.polite import Polite, Validators
from newsevents.read.url import Fetcher
from newsevents.settings import ReadSettings
from newsevents.types import Document, Failure
from read.feed_site import FeedSite, article, feed_site, rss

FAST = {"host_interval_s": 0.0}
DATES = ("Mon, 10 Nov 2025 08:00:00 GMT", "Tue, 11 Nov 2025 09:30:00 GMT", "Wed, 12 Nov 2025 10:00:00 GMT")


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with feed_site() as s:
        s.put("/a/talks.html", article("Talks resume", "The two foreign ministers met in Vienna on Monday."))
        s.put("/a/strike.html", article("Dockers strike", "Dock workers in Lagos went on strike on Tuesday."))
        s.put("/private/memo.html", article("Memo", "The cabinet met in secret on Wednesday."))
        s.put("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
        s.put("/feed.xml", rss(s, [("/a/talks.html", "Talks resume", DATES[0]),
                                   ("/a/strike.html", "Dockers strike", DATES[1]),
                                   ("/private/memo.html", "Memo", DATES[2])]), "application/rss+xml")
        yield s


def _read(inputs: list[str], **settings: object) -> list[Document | Failure]:
    return list(read_inputs(inputs, ReadSettings(**{**FAST, **settings})))  # type: ignore[arg-type]


def test_a_feed_url_reads_the_articles_it_links_to_with_their_titles_and_dates(site: FeedSite) -> None:
    items = _read([f"{site.url}/feed.xml"])
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.url for d in docs] == [f"{site.url}/a/talks.html", f"{site.url}/a/strike.html"]
    assert [d.title for d in docs] == ["Talks resume", "Dockers strike"]
    assert [d.published for d in docs] == [date(2025, 11, 10), date(2025, 11, 11)]
    assert docs[0].kind == "html" and b"Vienna" in docs[0].content
    assert all(h.user_agent.startswith("newsevents/") for h in site.hits())


def test_robots_txt_disallow_is_honoured_and_the_page_never_requested(site: FeedSite) -> None:
    items = _read([f"{site.url}/feed.xml"])
    (refused,) = [i for i in items if isinstance(i, Failure)]
    assert refused.code == "E111" and refused.source == f"{site.url}/private/memo.html"
    assert "robots.txt" in refused.message
    assert site.hits("/private/memo.html") == []
    assert len(site.hits("/robots.txt")) == 1  # read once for the site, not once per page


def test_robots_can_be_turned_off(site: FeedSite) -> None:
    items = _read([f"{site.url}/feed.xml"], robots=False)
    assert all(isinstance(i, Document) for i in items) and len(items) == 3
    assert site.hits("/robots.txt") == []


def test_a_robots_txt_the_server_fails_to_send_disallows_the_site(site: FeedSite) -> None:
    site.remove("/robots.txt")
    assert all(isinstance(i, Document) for i in _read([f"{site.url}/feed.xml"]))  # 404: no rules

    with feed_site() as broken:
        broken.put("/feed.xml", rss(broken, [("/a.html", "A", DATES[0])]), "application/rss+xml")
        broken.put("/a.html", article("A", "Ministers met."))
        # robots.txt answering 5xx: the server's log shows the page was never asked for.
        original = broken.answer

        def answer(handler: object) -> None:
            if getattr(handler, "path", "") == "/robots.txt":
                handler.send_error(503)  # type: ignore[attr-defined]
                return
            original(handler)  # type: ignore[arg-type]

        broken.answer = answer  # type: ignore[method-assign]
        (failure,) = _read([f"{broken.url}/feed.xml"])
        assert isinstance(failure, Failure) and failure.code == "E111" and "503" in failure.message
        assert broken.hits("/a.html") == []


def test_the_rate_limit_spaces_requests_to_a_host_by_the_servers_clock(site: FeedSite) -> None:
    interval = 0.4
    items = _read([f"{site.url}/feed.xml"], host_interval_s=interval)
    assert sum(isinstance(i, Document) for i in items) == 2
    arrivals = [h.at for h in site.hits()]
    assert [h.path for h in site.hits()] == ["/feed.xml", "/robots.txt", "/a/talks.html", "/a/strike.html"]
    gaps = [b - a for a, b in itertools.pairwise(arrivals)]
    assert min(gaps) >= interval


def test_a_crawl_delay_longer_than_the_setting_is_kept(site: FeedSite) -> None:
    site.put("/robots.txt", "User-agent: newsevents\nCrawl-delay: 1\nDisallow: /private/\n", "text/plain")
    _read([f"{site.url}/feed.xml"], host_interval_s=0.0)
    pages = [h.at for h in site.hits() if h.path.startswith("/a/")]
    assert len(pages) == 2 and pages[1] - pages[0] >= 1.0


def test_conditional_get_is_answered_304_with_nothing_sent_again(site: FeedSite) -> None:
    settings = ReadSettings(**FAST)  # type: ignore[arg-type]
    with Fetcher(settings) as fetcher:
        polite = Polite(fetcher, settings)
        first = polite.get(f"{site.url}/feed.xml")
        assert first.status == 200 and first.etag and first.last_modified
        again = polite.get(f"{site.url}/feed.xml", validators=Validators(first.etag, first.last_modified))
        assert again.not_modified and again.body == b""
        by_date = polite.get(f"{site.url}/feed.xml", validators=Validators(None, first.last_modified))
        assert by_date.not_modified
    feed_hits = site.hits("/feed.xml")
    assert [h.status for h in feed_hits] == [200, 304, 304]
    assert feed_hits[1].if_none_match == first.etag and feed_hits[2].if_modified_since == first.last_modified


def test_a_feed_file_and_feed_lists_read_the_same_articles(site: FeedSite, tmp_path: Path) -> None:
    feed = tmp_path / "wire.rss"
    feed.write_text(rss(site, [("/a/talks.html", "Talks resume", DATES[0])]), encoding="utf-8")
    listed = tmp_path / "mine.feeds"
    listed.write_text(f"# my feeds\n\n{site.url}/feed.xml\nnot a url\n", encoding="utf-8")
    opml = tmp_path / "mine.opml"
    opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>'
                    f'<outline text="wire" type="rss" xmlUrl="{site.url}/feed.xml"/></body></opml>', encoding="utf-8")
    (from_file,) = _read([str(feed)])
    assert isinstance(from_file, Document) and from_file.url == f"{site.url}/a/talks.html"
    from_list = _read([str(listed)])
    assert [i.code for i in from_list if isinstance(i, Failure)] == ["E111", "E112"]  # in the list's order
    assert "line 4" in [i.message for i in from_list if isinstance(i, Failure)][1]
    from_opml = _read([str(opml)])
    assert [getattr(i, "url", None) for i in from_opml if isinstance(i, Document)] == \
           [f"{site.url}/a/talks.html", f"{site.url}/a/strike.html"]


def test_a_url_that_is_a_page_is_still_a_page_and_a_broken_feed_is_e112(site: FeedSite, tmp_path: Path) -> None:
    (page,) = _read([f"{site.url}/a/talks.html"])
    assert isinstance(page, Document) and page.title is None and page.kind == "html"
    site.put("/bad.xml", "<html><body>not a feed</body></html>", "application/rss+xml")
    (bad,) = _read([f"{site.url}/bad.xml"])
    assert isinstance(bad, Failure) and bad.code == "E112" and "/bad.xml" in bad.message
    (missing,) = _read([str(tmp_path / "none.rss")])
    assert isinstance(missing, Failure) and missing.code == "E101"


def test_parse_feed_reads_atom_and_resolves_relative_links() -> None:
    atom = (b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            b"<entry><id>urn:x:1</id><title>One</title><link href=\"/news/one.html\"/>"
            b"<updated>2025-11-13T10:00:00Z</updated></entry>"
            b"<entry><id>urn:x:2</id><title>No link</title></entry></feed>")
    one, no_link = parse_feed(atom, "http://news.example/feeds/atom", "feed x")
    assert not isinstance(one, Exception)
    assert one.link == "http://news.example/news/one.html" and one.key == "urn:x:1"
    assert one.published == date(2025, 11, 13)
    assert isinstance(no_link, Exception) and no_link.code == "E112"


def test_feed_list_refuses_malformed_opml() -> None:
    with pytest.raises(FeedError, match="not well-formed OPML") as caught:
        feed_list(b"<?xml version='1.0'?><opml><body><outline", "feed list x.opml")
    assert caught.value.code == "E112"


def test_a_feed_given_as_a_feed_list_says_what_it_is(site: FeedSite, tmp_path: Path) -> None:
    mistaken = tmp_path / "wire.feeds"
    mistaken.write_text(rss(site, [("/a/talks.html", "Talks resume", DATES[0])]), encoding="utf-8")
    (failure,) = _read([str(mistaken)])
    assert isinstance(failure, Failure) and failure.code == "E112" and "is a feed itself" in failure.message
