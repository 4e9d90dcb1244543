"""JSON Lines: one article per line, ``{"id", "text" | "html", "date"?, "url"?, "title"?}``.

- ``text`` gives a Document of kind "clean": the text is taken as already clean and every offset
  downstream indexes it exactly as given. ``html`` gives kind "html". When a record has both,
  ``text`` wins (dumps often carry the page beside its extracted text; the text is what the user
  vouches for). Other keys (gold labels, categories) are ignored.
- ``date``: an ISO date or datetime string ("2025-06-03", "2025-06-03T14:00:00Z"); a datetime keeps
  its own calendar day, as written, whatever its time zone.
- ``id`` is used as the doc_id (numbers become strings); without one the id is ``<file stem>-<line>``.

A bad line (not JSON, nested too deeply, not an object, no text, a bad field, a ``url`` that cannot
be parsed: E110) yields one ``Failure`` naming ``file.jsonl:LINE`` and the rest of the file goes on;
blank lines are skipped.

Size limit: the file is streamed line by line, so a whole file is never refused for its size (a
batch of ten thousand articles is a normal input); ``read.max_bytes`` applies to each line, and a
longer line is skipped without being held in memory.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import IO, Any

from ..errors import (
    EmptyInputError,
    EncodingError,
    InputTooLargeError,
    JsonLinesError,
    NewsEventsError,
)
from ..settings import ReadSettings
from ..types import DocKind, Document, Failure
from .content import UTF8_BOM, check_binary, decode, validate
from .ids import record_doc_id
from .opening import open_regular, os_error
from .outcome import as_failure, guarded
from .urls import check_url

_SNIFF_BYTES = 8192
_SKIP_CHUNK = 1 << 20
# Arrays and objects nested this deep are refused before parsing, on every Python: 3.11's JSON parser
# raises RecursionError near 1,000 levels, 3.13's reads far deeper (and a deep record then costs memory and
# time downstream), so the limit is this module's, not the interpreter's.
_MAX_DEPTH = 1000
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")
_ARTICLE_FIELDS: tuple[tuple[str, DocKind], ...] = (("text", "clean"), ("html", "html"))


def read_jsonl(source: str, settings: ReadSettings) -> Iterator[Document | Failure]:
    """Every record of the JSON Lines file ``source``, lazily, in line order."""
    path = Path(source)
    what = f"file {source}"
    try:
        stream, _ = open_regular(path, what)
    except NewsEventsError as exc:
        yield as_failure(exc, source)
        return
    with stream:
        try:
            check_binary(stream.read(_SNIFF_BYTES), what)
        except NewsEventsError as exc:
            yield as_failure(exc, source)
            return
        except OSError as exc:
            yield as_failure(os_error(exc, what), source)
            return
        stream.seek(0)
        seen_record = False
        for line_no, raw in _lines(stream, settings.max_bytes, what):
            where = f"{source}:{line_no}"
            if isinstance(raw, int):
                seen_record = True
                yield as_failure(InputTooLargeError(
                    f"record {where} is {raw:,} bytes, over the limit of {settings.max_bytes:,} (setting "
                    "read.max_bytes); shorten the record or raise read.max_bytes"), where)
                continue
            if not raw.strip():
                continue
            seen_record = True
            yield guarded(where, partial(_record, raw, where, path, line_no, settings))
    if not seen_record:
        yield as_failure(EmptyInputError(f"{what} holds no JSON Lines records; remove it from the inputs "
                                         "or add one record per line"), source)


def _lines(stream: IO[bytes], max_bytes: int, what: str) -> Iterator[tuple[int, bytes | int]]:
    """(line number, the line's bytes), or (line number, its length) for a line over ``max_bytes``."""
    line_no = 0
    while True:
        try:
            raw = stream.readline(max_bytes + 1)
        except OSError as exc:
            raise os_error(exc, f"{what} (after line {line_no})") from exc
        if not raw:
            return
        line_no += 1
        if line_no == 1 and raw.startswith(UTF8_BOM):
            raw = raw[len(UTF8_BOM):]
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            size = len(raw)
            while not raw.endswith(b"\n"):
                try:
                    raw = stream.readline(_SKIP_CHUNK)
                except OSError as exc:
                    raise os_error(exc, f"{what} (line {line_no})") from exc
                if not raw:
                    break
                size += len(raw)
            yield line_no, size - (1 if raw.endswith(b"\n") else 0)
            continue
        yield line_no, raw


def _record(raw: bytes, where: str, path: Path, line_no: int, settings: ReadSettings) -> Document | Failure:
    what = f"record {where}"
    doc_id: str | None = None
    try:
        record = _parse(raw, what)
        doc_id = _doc_id(record, what) or record_doc_id(path, line_no)
        kind, content = _content(record, what)
        if len(content) > settings.max_bytes:
            raise InputTooLargeError(f"{what} holds {len(content):,} bytes of text, over the limit of "
                                     f"{settings.max_bytes:,} (setting read.max_bytes); shorten it or raise "
                                     "read.max_bytes")
        validate(content, kind, what)
        url = _optional_str(record, "url", what)
        return Document(doc_id=doc_id, source=where, content=content, kind=kind,
                        url=check_url(url, what) if url is not None else None,
                        title=_optional_str(record, "title", what), published=_date(record.get("date"), what))
    except NewsEventsError as exc:
        return as_failure(exc, where, doc_id)


def _parse(raw: bytes, what: str) -> dict[str, Any]:
    line = decode(raw, "clean", what)
    if _nesting(line) >= _MAX_DEPTH:
        raise JsonLinesError(f"{what} nests arrays or objects too deeply to be read ({_MAX_DEPTH:,} levels or "
                             "more); flatten the record or remove the line")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise JsonLinesError(f"{what} is not valid JSON ({exc.msg} at column {exc.colno}); fix or remove "
                             "the line") from exc
    except RecursionError as exc:
        raise JsonLinesError(f"{what} nests arrays or objects too deeply to be read (Python's JSON parser "
                             "stops near 1,000 levels); flatten the record or remove the line") from exc
    except ValueError as exc:  # a number with more digits than Python converts (sys.get_int_max_str_digits)
        raise JsonLinesError(f"{what} cannot be read as JSON ({exc}); fix or remove the line") from exc
    if not isinstance(record, dict):
        raise JsonLinesError(f"{what} is a JSON {type(record).__name__}, not an object; write one object "
                             'per line, like {"id": "a1", "text": "..."}')
    return record


def _nesting(line: str) -> int:
    """How deep the line's arrays and objects nest (brackets inside strings not counted); cheap for the
    usual line, which holds fewer brackets than the limit."""
    if line.count("[") + line.count("{") < _MAX_DEPTH:
        return 0
    depth = deepest = 0
    for bracket in _BRACKET.finditer(_JSON_STRING.sub('""', line)):
        depth += 1 if bracket.group() in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _doc_id(record: dict[str, Any], what: str) -> str | None:
    value = record.get("id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int) or (isinstance(value, str) and not value.strip()):
        raise JsonLinesError(f"{what} has id {value!r}; an id must be a non-empty string or a number "
                             "(or be left out)")
    if isinstance(value, str):
        _no_surrogates(value, "id", what)
    return str(value)


def _no_surrogates(value: str, key: str, what: str) -> None:
    """JSON can escape half a UTF-16 pair ("\\ud800"), which no file, table or terminal can hold."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise EncodingError(f'{what} has a "{key}" with an unpaired surrogate escape at character '
                            f"{exc.start}; fix the JSON escape") from exc


def _content(record: dict[str, Any], what: str) -> tuple[DocKind, bytes]:
    for key, kind in _ARTICLE_FIELDS:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise JsonLinesError(f'{what} has a "{key}" that is a JSON {type(value).__name__}, not a string; '
                                 f'put the article in "{key}" as a string')
        try:
            encoded = value.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise EncodingError(f'{what} has a "{key}" with an unpaired surrogate escape at character '
                                f"{exc.start}; fix the JSON escape") from exc
        # HTML from JSON is already Unicode: the BOM stops a charset it declares being applied again.
        return (kind, encoded) if kind == "clean" else (kind, UTF8_BOM + encoded)
    raise JsonLinesError(f'{what} has neither "text" nor "html"; give the article in one of them')


def _optional_str(record: dict[str, Any], key: str, what: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        _no_surrogates(value or "", key, what)
        return value or None
    raise JsonLinesError(f'{what} has a "{key}" that is a JSON {type(value).__name__}, not a string; fix it '
                         "or leave it out")


def _date(value: object, what: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise JsonLinesError(f'{what} has date {value!r}, which is not an ISO date ("2025-06-03") or datetime '
                         '("2025-06-03T14:00:00Z"); fix it or leave "date" out')
