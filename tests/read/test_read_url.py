"""URLs through httpx.MockTransport: no network in tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx

from newsevents.read import read_inputs
from newsevents.read.content import UTF8_BOM, decode
from newsevents.settings import ReadSettings
from newsevents.types import Document, Failure

PAGE = b"<!DOCTYPE html><html><body><p>Ministers met in Vienna.</p></body></html>"


def fetch(url: str, handler: Callable[[httpx.Request], httpx.Response], **settings: object) -> Document | Failure:
    items = list(read_inputs([url], ReadSettings(**settings), transport=httpx.MockTransport(handler)))
    assert len(items) == 1
    return items[0]


def test_html_page_is_fetched_with_the_user_agent() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, headers={"content-type": "text/html; charset=utf-8"}, content=PAGE)

    doc = fetch("https://news.example.com/2025/07/vienna-talks.html", handler, user_agent="tester/1.0")
    assert isinstance(doc, Document)
    assert doc.kind == "html" and doc.content == PAGE
    assert doc.source == doc.url == "https://news.example.com/2025/07/vienna-talks.html"
    assert doc.doc_id.startswith("vienna-talks-")
    assert seen[0].headers["user-agent"] == "tester/1.0"


def test_plain_text_content_type_is_text() -> None:
    doc = fetch("http://example.com/a.txt",
                lambda r: httpx.Response(200, headers={"content-type": "text/plain"}, content=b"Talks ended."))
    assert isinstance(doc, Document) and doc.kind == "text"


def test_redirect_is_followed_and_final_url_kept() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "https://example.com/new"})
        return httpx.Response(200, headers={"content-type": "text/html"}, content=PAGE)

    doc = fetch("https://example.com/old", handler)
    assert isinstance(doc, Document) and doc.url == "https://example.com/new" and doc.source == "https://example.com/old"


def test_404_is_fetch_error_with_status() -> None:
    failure = fetch("https://example.com/gone", lambda r: httpx.Response(404))
    assert isinstance(failure, Failure) and failure.code == "E107"
    assert "404" in failure.message and "https://example.com/gone" in failure.message


def test_unreachable_url_is_fetch_error_and_the_rest_go_on() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "down.example.com":
            raise httpx.ConnectError("Name or service not known", request=request)
        return httpx.Response(200, headers={"content-type": "text/html"}, content=PAGE)

    items = list(read_inputs(["https://down.example.com/x", "https://up.example.com/y"], ReadSettings(),
                             transport=httpx.MockTransport(handler)))
    assert isinstance(items[0], Failure) and items[0].code == "E107"
    assert "could not be reached" in items[0].message and "Name or service not known" in items[0].message
    assert isinstance(items[1], Document)


def test_timeout_names_the_setting() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    failure = fetch("https://slow.example.com/", handler, http_timeout_s=2.5)
    assert isinstance(failure, Failure) and failure.code == "E107"
    assert "2.5 s" in failure.message and "read.http_timeout_s" in failure.message


def test_body_past_http_max_bytes_is_refused_while_streaming() -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b"x" * 100

    failure = fetch("https://big.example.com/", lambda r: httpx.Response(
        200, headers={"content-type": "text/plain"}, content=chunks()), http_max_bytes=1000)
    assert isinstance(failure, Failure) and failure.code == "E102" and "read.http_max_bytes" in failure.message


def test_declared_content_length_over_limit_is_refused() -> None:
    failure = fetch("https://big.example.com/", lambda r: httpx.Response(
        200, headers={"content-type": "text/html", "content-length": "5000"}, content=b"x" * 5000),
        http_max_bytes=1000)
    assert isinstance(failure, Failure) and failure.code == "E102" and "5,000 bytes" in failure.message


def test_pdf_content_type_is_not_an_article() -> None:
    failure = fetch("https://example.com/report", lambda r: httpx.Response(
        200, headers={"content-type": "application/pdf"}, content=b"%PDF-1.4"))
    assert isinstance(failure, Failure) and failure.code == "E103" and "application/pdf" in failure.message


def test_header_charset_is_applied_and_stored_as_utf8() -> None:
    body = "<html><body><p>Caf\u00e9 talks \u2013 Vienna.</p></body></html>".encode("cp1252")
    doc = fetch("https://example.com/p", lambda r: httpx.Response(
        200, headers={"content-type": "text/html; charset=windows-1252"}, content=body))
    assert isinstance(doc, Document) and doc.content.startswith(UTF8_BOM)
    assert "Caf\u00e9 talks \u2013 Vienna." in decode(doc.content, "html", "page")


def test_empty_body_is_e105() -> None:
    failure = fetch("https://example.com/empty", lambda r: httpx.Response(200, headers={"content-type": "text/html"}))
    assert isinstance(failure, Failure) and failure.code == "E105"
