"""A real HTTP server on 127.0.0.1 (the standard library's) serving a small news site: feeds, pages,
robots.txt, with ETag and Last-Modified answered by 304, and a log of every request it was sent.

Tests change its pages while it runs (``site.put``) and read the log (``site.log``) to see what a
client asked for and when, by the server's own clock.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class Hit:
    at: float  # time.monotonic() when the request arrived
    path: str
    status: int
    user_agent: str
    if_none_match: str | None
    if_modified_since: str | None


@dataclass(frozen=True)
class Page:
    body: bytes
    content_type: str
    etag: str
    last_modified: str
    delay_s: float = 0.0


class FeedSite:
    def __init__(self) -> None:
        self._pages: dict[str, Page] = {}
        self._lock = threading.Lock()
        self.log: list[Hit] = []
        self.url = ""

    def put(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8", *,
            delay_s: float = 0.0) -> str:
        data = body.encode() if isinstance(body, str) else body
        with self._lock:
            self._pages[path] = Page(data, content_type, f'"{hashlib.sha1(data).hexdigest()[:16]}"',
                                     formatdate(time.time(), usegmt=True), delay_s)
        return self.url + path

    def remove(self, path: str) -> None:
        with self._lock:
            self._pages.pop(path, None)

    def hits(self, path: str | None = None) -> list[Hit]:
        with self._lock:
            return [h for h in self.log if path is None or h.path == path]

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        arrived = time.monotonic()
        with self._lock:
            page = self._pages.get(handler.path)
        inm = handler.headers.get("If-None-Match")
        ims = handler.headers.get("If-Modified-Since")
        if page is None:
            status, body, headers = 404, b"not here", {"Content-Type": "text/plain"}
        elif inm == page.etag or (inm is None and ims == page.last_modified):
            status, body, headers = 304, b"", {"ETag": page.etag}
        else:
            status, body = 200, page.body
            headers = {"Content-Type": page.content_type, "ETag": page.etag, "Last-Modified": page.last_modified}
        with self._lock:
            self.log.append(Hit(arrived, handler.path, status, handler.headers.get("User-Agent", ""), inm, ims))
        if page is not None and page.delay_s:
            time.sleep(page.delay_s)
        handler.send_response(status)
        for key, value in headers.items():
            handler.send_header(key, value)
        if status != 304:
            handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Connection", "close")
        handler.end_headers()
        if status != 304:
            handler.wfile.write(body)


@contextmanager
def feed_site() -> Iterator[FeedSite]:
    site = FeedSite()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.answer(self)

        def log_message(self, format: str, *args: object) -> None:  # quiet: the site keeps its own log
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def rss(site: FeedSite, items: list[tuple[str, str, str]]) -> str:
    """An RSS 2.0 feed of ``(path, title, RFC 822 date)`` items on ``site``."""
    entries = "".join(f"<item><title>{escape(title)}</title><link>{site.url}{path}</link>"
                      f"<guid>{site.url}{path}</guid><pubDate>{date}</pubDate></item>" for path, title, date in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test wire</title>'
            f"<link>{site.url}/</link><description>News written for the tests</description>{entries}</channel></rss>")


def article(title: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{escape(title)}</title></head><body><article><h1>{escape(title)}</h1>"
            f"{body}</article></body></html>")
