"""A URL that trickles its answer is cut off at read.http_deadline_s, whatever the per-read timeout."""

from __future__ import annotations

import time

import pytest

from newsevents.read import read_inputs
from newsevents.settings import ReadSettings
from newsevents.types import Document, Failure
from read.slow_server import PAGE, trickling


@pytest.mark.parametrize("what", ["headers", "body"])
def test_a_trickling_server_is_cut_off_at_the_deadline(what: str) -> None:
    settings = ReadSettings(http_timeout_s=5.0, http_deadline_s=1.5)  # every byte comes well within 5 s
    with trickling(what, pause_s=0.3) as url:  # type: ignore[arg-type]
        started = time.monotonic()
        (failure,) = list(read_inputs([url], settings))
        took = time.monotonic() - started
    assert isinstance(failure, Failure) and failure.code == "E107", failure
    assert "within 1.5 s" in failure.message and "read.http_deadline_s" in failure.message
    assert failure.source == url
    # Without the deadline the page takes about two minutes at this pace (and never trips the 5 s read
    # timeout); the bound is loose so that a loaded machine does not fail it.
    assert took < 20, f"the fetch took {took:.1f} s against a deadline of 1.5 s"


def test_a_slow_but_timely_server_is_read() -> None:
    settings = ReadSettings(http_timeout_s=5.0, http_deadline_s=30.0)
    with trickling("headers", pause_s=0.002) as url:
        (doc,) = list(read_inputs([url], settings))
    assert isinstance(doc, Document) and doc.content == PAGE
