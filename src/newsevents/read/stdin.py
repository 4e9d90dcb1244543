"""Standard input (``-``): read once, up to the size limit, sniffed as HTML or text."""

from __future__ import annotations

from typing import BinaryIO

from ..errors import InputTooLargeError, NewsEventsError
from ..settings import ReadSettings
from ..types import Document, Failure
from .content import sniff_kind, validate
from .ids import stdin_doc_id
from .outcome import as_failure

SOURCE = "<stdin>"


def read_stdin(stream: BinaryIO, settings: ReadSettings) -> Document | Failure:
    """One Document from ``stream``; more than ``read.max_bytes`` is refused without reading the rest."""
    what = "standard input"
    try:
        content = stream.read(settings.max_bytes + 1)
        if len(content) > settings.max_bytes:
            raise InputTooLargeError(f"{what} holds more than {settings.max_bytes:,} bytes (setting "
                                     "read.max_bytes); split the input or raise read.max_bytes")
        kind = sniff_kind(content)
        validate(content, kind, what)
    except NewsEventsError as exc:
        return as_failure(exc, SOURCE)
    return Document(doc_id=stdin_doc_id(content), source=SOURCE, content=content, kind=kind)
