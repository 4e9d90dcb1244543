"""WARC and WARC.gz files (warcio): the HTML pages a web archive holds, streamed record by record.

    read_warc("CC-NEWS-20251114080000-00000.warc.gz", settings) -> Iterator[Document | Failure]

Only ``response`` records whose HTTP status is 2xx and whose content type is HTML (``text/html``,
XHTML; with no Content-Type, the WARC-Identified-Payload-Type, else a body that starts like HTML)
become Documents, their body as the server sent it less its transfer and content encodings (chunked,
gzip, as Common Crawl keeps them); requests, metadata, revisits, images, redirects and error pages are
passed over without a word, as they are no articles. A record's ``WARC-Target-URI`` becomes the Document's URL (and
its id, as for a fetched URL), its ``WARC-Date`` the article's date, and ``FILE:OFFSET`` (the record's
byte offset in the file) its source. The file is read as a stream, one record in memory at a time and
never more than ``read.max_bytes`` of it (a bigger record is E102 and the next one goes on), so a
CC-NEWS file of a gigabyte costs one page's memory. Gzipped files may be one gzip member per record
(as Common Crawl writes them) or one member for the whole file.

A record cut short (the file ends inside it) or a file that stops being WARC part-way is ArchiveError
(E113) naming the byte offset; the records before it are read. warcio cannot find the next record
after corrupt bytes, so the rest of that file is not read, which the message says.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ArchiveError, InputTooLargeError, NewsEventsError
from ..settings import ReadSettings
from ..types import Document, Failure
from .content import sniff_kind, validate
from .ids import url_doc_id
from .opening import open_regular
from .outcome import as_failure
from .url import is_url, typed_content

if TYPE_CHECKING:
    from warcio.archiveiterator import ArchiveIterator

SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_CHUNK = 1 << 16


def is_warc(item: str) -> bool:
    return item.lower().endswith(SUFFIXES)


def read_warc(path: str, settings: ReadSettings) -> Iterator[Document | Failure]:
    """The HTML responses of the WARC file at ``path``, in file order, and a Failure for each bad record."""
    from warcio.archiveiterator import ArchiveIterator  # here: reading no WARC file costs nothing (issue 9)

    what = f"WARC file {path}"
    stream, size = open_regular(Path(path), what)
    with stream:
        records = ArchiveIterator(stream)
        end = 0
        try:
            for record in records:
                if not str(getattr(record, "format", "warc")).startswith("warc"):
                    # warcio also reads the older ARC format, and takes any line of five words for its header.
                    yield _corrupt(path, records.offset, ValueError("a record that is not WARC"))
                    return
                item = _record(record, records, path, settings)
                end = records.offset
                if item is not None:
                    yield item
            end = records.offset
        except Exception as exc:  # noqa: BLE001 - ArchiveLoadFailed, zlib.error, EOFError: no common base
            yield _corrupt(path, records.offset, exc)
            return
        try:
            size = os.fstat(stream.fileno()).st_size
        except OSError:
            return
        if end < size:
            # warcio stops without a word at a gzip member cut short: the bytes after the last whole record.
            yield as_failure(ArchiveError(f"{what} ends with a truncated or corrupt record at byte {end:,} "
                                          f"({size - end:,} bytes that are no whole record); it is skipped, "
                                          "the records before it are read"), f"{path}:{end}")


def _corrupt(path: str, offset: int, exc: BaseException) -> Failure:
    detail = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
    return as_failure(ArchiveError(f"WARC file {path} is corrupt after byte {offset:,} ({detail}); the records "
                                   "before it are read, the rest of the file cannot be"), f"{path}:{offset}")


def _record(record: Any, records: ArchiveIterator, path: str, settings: ReadSettings) -> Document | Failure | None:
    """The Document of one record, its Failure, or None for a record that holds no article.

    warcio knows a record's offset only once the record is read to its end, so the source is named after.
    """
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    # The server's type first; else what the crawler identified (WARC/1.1 WARC-Identified-Payload-Type);
    # with neither, the body is sniffed below.
    content_type = (record.http_headers.get_header("Content-Type")
                    or record.rec_headers.get_header("WARC-Identified-Payload-Type") or "")
    mime = content_type.partition(";")[0].strip().lower()
    if not status.startswith("2") or (mime and mime not in _HTML_TYPES):
        return None
    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip()
    try:
        try:
            body = _payload(record, settings.max_bytes)
        finally:
            source = f"{path}:{records.get_record_offset()}"
            what = f"WARC record {source}" + (f" ({url})" if url else "")
        if body is None:
            raise InputTooLargeError(f"{what} holds more than {settings.max_bytes:,} bytes (setting "
                                     "read.max_bytes); it is skipped; raise read.max_bytes to read it")
        if getattr(record.raw_stream, "limit", 0):  # its Content-Length promised more than the file holds
            raise ArchiveError(f"{what} is truncated: the file ends {record.raw_stream.limit:,} bytes before the "
                               "record does; it is skipped")
        if not is_url(url):
            raise ArchiveError(f"{what} has no http(s) WARC-Target-URI; it is skipped")
        if not mime and sniff_kind(body) != "html":
            return None
        kind, content = typed_content(body, content_type, what)
        validate(content, kind, what)
    except NewsEventsError as exc:
        return as_failure(exc, source)
    return Document(doc_id=url_doc_id(url), source=source, content=content, kind=kind, url=url,
                    published=_warc_date(record.rec_headers.get_header("WARC-Date")))


def _payload(record: Any, limit: int) -> bytes | None:
    """The record's HTTP body (chunking and content encoding undone), or None past ``limit`` bytes."""
    body = bytearray()
    reader = record.content_stream()
    while chunk := reader.read(_CHUNK):
        body += chunk
        if len(body) > limit:
            return None  # the iterator skips the rest of the record when it moves on
    return bytes(body)


def _warc_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip()).date()
    except ValueError:
        return None
