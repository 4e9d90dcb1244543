"""URLs: fetched with httpx, redirects followed, the body streamed and refused past a size limit.

The response's content type decides the kind (``text/html`` and XHTML are HTML, other ``text/*`` is
text, none or ``application/octet-stream`` is sniffed, anything else is refused as not an article).
When the header names a charset other than UTF-8 the body is decoded with it here and stored as
UTF-8 behind a BOM (see ``content.py``), because the Document keeps no headers.

Every failure is a FetchError (E107) that says what happened: the HTTP status, a timeout, the
connection error; a body over ``read.http_max_bytes`` is E102.
"""

from __future__ import annotations

from types import TracebackType

import httpx

from ..errors import BinaryInputError, FetchError, InputTooLargeError, NewsEventsError
from ..settings import ReadSettings
from ..types import DocKind, Document, Failure
from .content import sniff_kind, transcode, validate
from .ids import url_doc_id
from .outcome import as_failure

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_SNIFFED_TYPES = frozenset({"", "application/octet-stream"})


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
            self._client = httpx.Client(timeout=self._settings.http_timeout_s, follow_redirects=True,
                                        headers={"User-Agent": self._settings.user_agent},
                                        transport=self._transport)
        return self._client

    def fetch(self, url: str) -> Document | Failure:
        """The page at ``url`` as a Document, or the Failure that says why not."""
        try:
            return self._fetch(url)
        except NewsEventsError as exc:
            return as_failure(exc, url)

    def _fetch(self, url: str) -> Document:
        limit = self._settings.http_max_bytes
        what = f"URL {url}"
        try:
            with self._get_client().stream("GET", url) as response:
                if response.status_code >= 400:
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
                content_type = response.headers.get("content-type", "")
                final_url = str(response.url)
        except httpx.TimeoutException as exc:
            raise FetchError(f"{what} timed out after {self._settings.http_timeout_s:g} s ({type(exc).__name__}); "
                             "try again later or raise read.http_timeout_s") from exc
        except httpx.ConnectError as exc:
            raise FetchError(f"{what} could not be reached ({str(exc) or 'connection failed'}); check the address "
                             "and the network") from exc
        except httpx.TooManyRedirects as exc:
            raise FetchError(f"{what} redirects too many times; open it in a browser to find the page's "
                             "real address") from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(f"{what} could not be fetched ({type(exc).__name__}: {exc}); check the address "
                             "and the network") from exc
        kind, content = _typed_content(bytes(body), content_type, what)
        validate(content, kind, what)
        return Document(doc_id=url_doc_id(url), source=url, content=content, kind=kind, url=final_url)


def _typed_content(body: bytes, content_type: str, what: str) -> tuple[DocKind, bytes]:
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
