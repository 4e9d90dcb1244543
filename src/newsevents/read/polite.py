"""Polite fetching: robots.txt honoured, one request at a time per host with a pause between, conditional GET.

    polite = Polite(fetcher, settings)                       # one per run (``read_inputs``, a ``watch``)
    polite.get(url)                                          # robots.txt checked, the host's pause kept
    polite.get(feed, validators=Validators(etag=...))        # 304 Not Modified when nothing changed

Every request to a host (robots.txt included) starts at least ``read.host_interval_s`` after the
previous one to it ended, or the site's robots.txt ``Crawl-delay`` when that is longer. robots.txt is
read once per site and kept for 24 hours (RFC 9309, 2.4): a missing one (any 4xx) allows everything;
one the server fails to send (5xx, unreachable) disallows the site until it is read again, as RFC
9309 (2.3.1.4) asks. It is matched with the standard library's ``urllib.robotparser`` on the first
word of ``read.user_agent`` ("newsevents"). ``robots=False`` skips it for a URL the user named
directly, as wget does outside recursive mode: the user asked for that page, newsevents did not
choose it. A redirect is followed within the one request (httpx), so the page it leads to is not
checked again.

The size and time limits are the Fetcher's (``url.py``); a refusal is RobotsDisallowedError (E111).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from ..errors import FetchError, RobotsDisallowedError
from ..settings import ReadSettings
from .url import Fetched, Fetcher

_ROBOTS_TTL_S = 24 * 3600.0  # RFC 9309, 2.4: a crawler should not use a cached robots.txt longer than 24 hours


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said identifies the version of a resource it sent, to send back on the next GET."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True, slots=True)
class _Robots:
    parser: RobotFileParser | None  # None: robots.txt could not be read, the whole site is disallowed
    read_at: float
    why: str = ""


class Polite:
    """Wraps a Fetcher with robots.txt, a per-host pause and conditional GET; not shared between threads."""

    def __init__(self, fetcher: Fetcher, settings: ReadSettings, *,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        self._fetcher = fetcher
        self._settings = settings
        self._clock = clock
        self._sleep = sleep
        self._agent = settings.user_agent.split("/")[0].split()[0] if settings.user_agent.strip() else "*"
        self._robots: dict[str, _Robots] = {}
        self._last: dict[str, float] = {}  # host -> when its last request ended

    def get(self, url: str, *, validators: Validators | None = None, robots: bool = True,
            what: str | None = None) -> Fetched:
        """The response for ``url``; raises RobotsDisallowedError (E111) or the Fetcher's errors."""
        parts = urlsplit(url)
        host = (parts.netloc or "").lower()
        origin = f"{parts.scheme.lower()}://{host}"
        delay = self._settings.host_interval_s
        if robots and self._settings.robots:
            rules = self._rules(origin, host)
            self._check(rules, url, origin, what or f"URL {url}")
            crawl_delay = rules.parser.crawl_delay(self._agent) if rules.parser is not None else None
            if crawl_delay is not None:
                delay = max(delay, float(crawl_delay))
        return self._request(host, delay, url, validators.headers() if validators else None, what)

    def _request(self, host: str, delay: float, url: str, headers: dict[str, str] | None,
                 what: str | None, *, errors_ok: bool = False) -> Fetched:
        last = self._last.get(host)
        if last is not None:
            wait = last + delay - self._clock()
            if wait > 0:
                self._sleep(wait)
        try:
            return self._fetcher.get(url, headers, what=what, errors_ok=errors_ok)
        finally:
            self._last[host] = self._clock()

    def _rules(self, origin: str, host: str) -> _Robots:
        cached = self._robots.get(origin)
        if cached is not None and self._clock() - cached.read_at < _ROBOTS_TTL_S:
            return cached
        url = f"{origin}/robots.txt"
        try:
            got = self._request(host, self._settings.host_interval_s, url, None, f"robots.txt {url}", errors_ok=True)
        except FetchError as exc:
            rules = _Robots(None, self._clock(), f"its robots.txt could not be read ({exc.message})")
        else:
            if 400 <= got.status < 500:
                parser = RobotFileParser(url)
                parser.parse([])  # no rules: everything allowed
                rules = _Robots(parser, self._clock())
            elif got.status >= 500:
                rules = _Robots(None, self._clock(), f"its robots.txt answered HTTP {got.status}")
            else:
                parser = RobotFileParser(url)
                parser.parse(got.body.decode("utf-8", "replace").splitlines())
                rules = _Robots(parser, self._clock())
        self._robots[origin] = rules
        return rules

    def _check(self, rules: _Robots, url: str, origin: str, what: str) -> None:
        if rules.parser is None:
            raise RobotsDisallowedError(f"{what} is not fetched: {rules.why}, and a site whose robots.txt cannot be "
                                        f"read is taken to disallow crawling (RFC 9309); try again later")
        if not rules.parser.can_fetch(self._agent, url):
            raise RobotsDisallowedError(f"{what} is not fetched: {origin}/robots.txt disallows it for "
                                        f"{self._agent}; ask the site, or set read.robots = false if you may "
                                        "fetch it")
