"""WARC and WARC.gz files written here with warcio: an HTML response, the records that are no article,
and a record cut short, read through read_inputs."""

from __future__ import annotations

import gzip as gzip_module
import io
from datetime import date
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.read import read_inputs
from newsevents.settings import ReadSettings
from newsevents.types import Document, Failure

PAGE = ("<!DOCTYPE html><html><head><title>Harbour talks</title></head><body><article><p>"
        + "Port officials and the dockers' union signed a wage deal in Mombasa on Thursday. " * 3
        + "</p></article></body></html>")


def _response(writer: WARCWriter, url: str, content_type: str, body: bytes, *, status: str = "200 OK",
              warc_date: str = "2025-11-13T06:15:00Z") -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                            protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                                  warc_headers_dict={"WARC-Date": warc_date}))


def _archive(path: Path, *, gzip: bool, truncate: bool = True) -> int:
    """A WARC holding, in order: an HTML page, a PNG, a request, a 404 HTML page, a windows-1252 page, and
    (cut in half when ``truncate``) another HTML page; returns where the last record starts."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "tests"}))
    _response(writer, "https://news.example/harbour-talks.html", "text/html; charset=utf-8", PAGE.encode())
    _response(writer, "https://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    writer.write_record(writer.create_warc_record("https://news.example/x.html", "request",
                                                  payload=io.BytesIO(b"GET /x.html HTTP/1.1\r\n\r\n")))
    _response(writer, "https://news.example/gone.html", "text/html", b"<html><body>Not found</body></html>",
              status="404 Not Found")
    _response(writer, "https://news.example/cafe.html", "text/html; charset=windows-1252",
              PAGE.replace("Mombasa", "S\xe3o Paulo").encode("cp1252"), warc_date="2025-11-12T23:59:59Z")
    last = buffer.tell()
    _response(writer, "https://news.example/cut.html", "text/html", PAGE.encode() * 4)
    data = buffer.getvalue()
    path.write_bytes(data[: last + (len(data) - last) // 2] if truncate else data)
    return last


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
def test_html_responses_become_documents_and_a_truncated_record_is_e113(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    last = _archive(path, gzip=gzip)
    items = list(read_inputs([str(path)], ReadSettings()))
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.url for d in docs] == ["https://news.example/harbour-talks.html", "https://news.example/cafe.html"]
    assert [d.published for d in docs] == [date(2025, 11, 13), date(2025, 11, 12)]
    assert docs[0].kind == "html" and b"Mombasa" in docs[0].content
    assert "S\xe3o Paulo".encode() in docs[1].content  # decoded with the HTTP header's charset
    assert docs[0].source.startswith(f"{path}:") and docs[0].doc_id.startswith("harbour-talks-")
    (cut,) = [i for i in items if isinstance(i, Failure)]
    assert cut.code == "E113" and "truncated" in cut.message
    assert cut.source.startswith(f"{path}:") and int(cut.source.rsplit(":", 1)[1]) >= last - 4


def test_a_whole_archive_has_no_failure_and_the_same_source_each_time(tmp_path: Path) -> None:
    path = tmp_path / "whole.warc.gz"
    _archive(path, gzip=True, truncate=False)
    first = list(read_inputs([str(path)], ReadSettings()))
    assert all(isinstance(i, Document) for i in first) and len(first) == 3
    again = list(read_inputs([str(path)], ReadSettings()))
    assert [i.source for i in again] == [i.source for i in first]  # FILE:OFFSET, stable


def test_a_record_over_the_size_limit_is_e102_and_the_next_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "big.warc"
    _archive(path, gzip=False, truncate=False)
    items = list(read_inputs([str(path)], ReadSettings(max_bytes=len(PAGE) + 10)))
    assert [i.code for i in items if isinstance(i, Failure)] == ["E102"]  # the 4-page record
    assert len([i for i in items if isinstance(i, Document)]) == 2


def test_a_file_that_is_no_warc_is_e113_and_the_next_input_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"this is not a web archive\r\n\r\n")
    good = tmp_path / "good.warc"
    _archive(good, gzip=False, truncate=False)
    items = list(read_inputs([str(bad), str(good)], ReadSettings()))
    assert isinstance(items[0], Failure) and items[0].code == "E113" and str(bad) in items[0].message
    assert len([i for i in items if isinstance(i, Document)]) == 3


def test_records_as_common_crawl_writes_them_are_read(tmp_path: Path) -> None:
    """CC-NEWS keeps the HTTP body as the server sent it: chunked, gzip-encoded; WARC/1.1 records may
    carry no Content-Type but the crawler's WARC-Identified-Payload-Type; revisit records hold no page."""
    zipped = gzip_module.compress(PAGE.encode())
    parts = (zipped[:40], zipped[40:])
    chunked = b"".join(f"{len(part):x}\r\n".encode() + part + b"\r\n" for part in parts) + b"0\r\n\r\n"
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="WARC/1.1")
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=UTF-8"), ("Transfer-Encoding", "chunked"),
                                       ("Content-Encoding", "gzip")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://cc.example/2025/11/14/port-deal", "response",
                                                  payload=io.BytesIO(chunked), http_headers=http,
                                                  warc_headers_dict={"WARC-Date": "2025-11-14T01:02:03.456789Z"}))
    untyped = StatusAndHeaders("200 OK", [("Server", "test")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://cc.example/untyped", "response",
                                                  payload=io.BytesIO(PAGE.encode()), http_headers=untyped,
                                                  warc_headers_dict={"WARC-Identified-Payload-Type": "text/html"}))
    writer.write_record(writer.create_warc_record("https://cc.example/sniffed", "response",
                                                  payload=io.BytesIO(PAGE.encode()), http_headers=untyped))
    writer.write_record(writer.create_warc_record("https://cc.example/plain", "response",
                                                  payload=io.BytesIO(b"just some words"), http_headers=untyped))
    writer.write_record(writer.create_revisit_record("https://cc.example/untyped", "sha1:AAAA",
                                                     "https://cc.example/untyped", "2025-11-13T00:00:00Z"))
    path = tmp_path / "CC-NEWS-20251114010203-00001.warc.gz"
    path.write_bytes(buffer.getvalue())
    items = list(read_inputs([str(path)], ReadSettings()))
    assert all(isinstance(i, Document) for i in items)
    assert [i.url for i in items] == ["https://cc.example/2025/11/14/port-deal", "https://cc.example/untyped",
                                      "https://cc.example/sniffed"]
    assert items[0].content == PAGE.encode() and items[0].published == date(2025, 11, 14)  # type: ignore[union-attr]
