"""URLs: fetched with httpx, redirects followed, the body streamed and refused past a size limit.

The response's content type decides the kind (``text/html`` and XHTML are HTML, other ``text/*`` is
text, none or ``application/octet-stream`` is sniffed, anything else is refused as not an article).
When the header names a charset other than UTF-8 the body is decoded with it here and stored as
UTF-8 behind a BOM (see ``content.py``), because the Document keeps no headers.

Every wait is bounded twice: each step (connecting, each read) by ``read.http_timeout_s``, and the
whole fetch, redirects, headers and body together, by ``read.http_deadline_s``. A server that sends
one byte every few seconds never trips the first; the second is kept by a timer that shuts the
fetch's socket down when the deadline passes (httpx has no overall timeout of its own), so even a
server that trickles its headers is cut off on time.

Every failure is a FetchError (E107) that says what happened: the HTTP status, a timeout, the
deadline, the connection error; a body over ``read.http_max_bytes`` is E102; an address that cannot
be parsed is E110.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import TracebackType
from typing import Any

import httpx

from ..errors import BinaryInputError, FetchError, InputTooLargeError, NewsEventsError
from ..settings import ReadSettings
from ..types import DocKind, Document, Failure
from .content import sniff_kind, transcode, validate
from .ids import url_doc_id
from .outcome import as_failure
from .urls import check_url

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_SNIFFED_TYPES = frozenset({"", "application/octet-stream"})


@dataclass(frozen=True, slots=True)
class Fetched:
    """One HTTP response, read whole: where it ended up (after redirects), its status and body, and the
    validators a conditional GET sends back (``ETag``, ``Last-Modified``)."""

    url: str
    status: int
    body: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def is_url(item: str) -> bool:
    return item[:8].lower().startswith(("http://", "https://"))


class Fetcher:
    """One HTTP client for all the URLs of a ``read_inputs`` call, opened on first use."""

    def __init__(self, settings: ReadSettings, transport: httpx.BaseTransport | None = None) -> None:
        self._settings = settings
        self._transport = transport
        self._client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def _get_client(self) -> httpx.Client:
        if self._client is None:
            # No keep-alive: each fetch opens its own connection, so the deadline's timer always knows
            # the socket to shut (a pooled connection is made before the fetch that reuses it).
            self._client = httpx.Client(timeout=self._settings.http_timeout_s, follow_redirects=True,
                                        headers={"User-Agent": self._settings.user_agent},
                                        limits=httpx.Limits(max_keepalive_connections=0),
                                        transport=self._transport)
        return self._client

    def fetch(self, url: str) -> Document | Failure:
        """The page at ``url`` as a Document, or the Failure that says why not."""
        try:
            return self._fetch(url)
        except NewsEventsError as exc:
            return as_failure(exc, url)

    def _fetch(self, url: str) -> Document:
        what = f"URL {url}"
        got = self.get(url)
        return to_document(got, url, what)

    def get(self, url: str, headers: Mapping[str, str] | None = None, *, what: str | None = None,
            errors_ok: bool = False) -> Fetched:
        """The response to a GET of ``url`` (with extra request ``headers``), its body read within the limits.

        A 304 Not Modified (the answer to a conditional GET) is returned with an empty body; any status
        of 400 or more raises FetchError (E107) unless ``errors_ok`` (then it is returned, its body unread),
        a body past ``read.http_max_bytes`` InputTooLargeError.
        """
        limit = self._settings.http_max_bytes
        what = what or f"URL {url}"
        check_url(url, what)
        deadline = _Deadline(self._settings.http_deadline_s)
        try:
            with deadline, self._get_client().stream("GET", url, headers=headers,
                                                     extensions={"trace": deadline.trace}) as response:
                if response.status_code >= 400:
                    if errors_ok:
                        return Fetched(url=str(response.url), status=response.status_code, body=b"",
                                       content_type=response.headers.get("content-type", ""))
                    raise FetchError(f"{what} answered HTTP {response.status_code} {response.reason_phrase}; "
                                     "check the address, or try again later if the site is down")
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise InputTooLargeError(f"{what} sends {int(declared):,} bytes, over the limit of {limit:,} "
                                             "(setting read.http_max_bytes); raise read.http_max_bytes to fetch it")
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > limit:
                        raise InputTooLargeError(f"{what} sends more than {limit:,} bytes (setting "
                                                 "read.http_max_bytes); raise read.http_max_bytes to fetch it")
                    deadline.check()
                return Fetched(url=str(response.url), status=response.status_code, body=bytes(body),
                               content_type=response.headers.get("content-type", ""),
                               etag=response.headers.get("etag"),
                               last_modified=response.headers.get("last-modified"))
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            if deadline.expired:
                raise self._too_slow(what) from exc
            raise _fetch_error(exc, what, self._settings.http_timeout_s) from exc
        except _DeadlinePassed as exc:
            raise self._too_slow(what) from exc

    def _too_slow(self, what: str) -> FetchError:
        return FetchError(f"{what} was not fetched within {self._settings.http_deadline_s:g} s (setting "
                          "read.http_deadline_s): the server sends too slowly; try again later or raise "
                          "read.http_deadline_s")


def to_document(got: Fetched, source: str, what: str, *, title: str | None = None,
                published: date | None = None) -> Document:
    """The Document for a page fetched from ``source`` (its id from that address, its URL where it ended up)."""
    kind, content = typed_content(got.body, got.content_type, what)
    validate(content, kind, what)
    return Document(doc_id=url_doc_id(source), source=source, content=content, kind=kind, url=got.url,
                    title=title, published=published)


def _fetch_error(exc: httpx.HTTPError | httpx.InvalidURL, what: str, timeout_s: float) -> FetchError:
    if isinstance(exc, httpx.TimeoutException):
        return FetchError(f"{what} timed out after {timeout_s:g} s ({type(exc).__name__}); try again later or "
                          "raise read.http_timeout_s")
    if isinstance(exc, httpx.ConnectError):
        return FetchError(f"{what} could not be reached ({str(exc) or 'connection failed'}); check the address "
                          "and the network")
    if isinstance(exc, httpx.TooManyRedirects):
        return FetchError(f"{what} redirects too many times; open it in a browser to find the page's real address")
    return FetchError(f"{what} could not be fetched ({type(exc).__name__}: {exc}); check the address and the "
                      "network")


class _DeadlinePassed(Exception):
    pass


class _Deadline:
    """The whole-fetch deadline: a timer that shuts down every socket the fetch opened when it passes.

    httpcore reports each connection it opens through the request's ``trace`` extension; shutting a
    socket down wakes a read blocked on it at once (closing it would not), and the read then fails.
    """

    _OPENED = frozenset({"connection.connect_tcp.complete", "connection.start_tls.complete"})

    def __init__(self, seconds: float) -> None:
        self._ends = time.monotonic() + seconds
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self.expired = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._timer.cancel()

    def check(self) -> None:
        if self.expired or time.monotonic() > self._ends:
            self.expired = True
            raise _DeadlinePassed

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event not in self._OPENED:
            return
        stream = info.get("return_value")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shutdown(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shutdown(sock)


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed: nothing is waiting on it
        sock.shutdown(socket.SHUT_RDWR)


def typed_content(body: bytes, content_type: str, what: str) -> tuple[DocKind, bytes]:
    mime, _, params = content_type.partition(";")
    mime = mime.strip().lower()
    kind: DocKind
    if mime in _HTML_TYPES:
        kind = "html"
    elif mime.startswith("text/"):
        kind = "text"
    elif mime in _SNIFFED_TYPES:
        kind = sniff_kind(body)
    else:
        raise BinaryInputError(f"{what} sent {mime}, not an HTML page or plain text; pass the address of "
                               "the article's web page")
    charset = _charset(params)
    return kind, (body if charset is None else transcode(body, charset, what))


def _charset(params: str) -> str | None:
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
