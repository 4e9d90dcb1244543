"""Reading inputs: paths, directories, URLs and standard input, each into ``Document`` records.

    read_inputs(inputs, settings.read, *, stdin=None, transport=None) -> Iterator[Document | Failure]

One module per input kind (``files``, ``jsonl``, ``url``, ``stdin``); ``content`` holds the checks and
the decoding every input goes through (``encodings`` the charset labels it accepts), ``opening`` the
way files are opened, ``urls`` the URL check, ``ids`` the stable document ids. A bad input never
raises: it becomes a ``Failure`` with the code of its ``InputError`` and the rest go on; a bug met
while reading one input becomes its E900 Failure (``outcome.guarded``), never the end of the run.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from functools import partial
from typing import BinaryIO

import httpx

from ..settings import ReadSettings
from ..types import Document, Failure
from .files import read_path
from .outcome import guarded, guarded_iter
from .stdin import SOURCE, read_stdin
from .url import Fetcher, is_url

__all__ = ["read_inputs"]


def read_inputs(inputs: Sequence[str], settings: ReadSettings, *, stdin: BinaryIO | None = None,
                transport: httpx.BaseTransport | None = None) -> Iterator[Document | Failure]:
    """Documents (or Failures) for ``inputs``, lazily and in input order.

    ``-`` reads ``stdin`` (by default the process's standard input); ``http://`` and ``https://``
    addresses are fetched through ``transport`` when given (tests pass ``httpx.MockTransport``);
    anything else is a file or a directory.
    """
    with Fetcher(settings, transport) as fetcher:
        for item in inputs:
            if item == "-":
                stream = stdin if stdin is not None else sys.stdin.buffer
                yield guarded(SOURCE, partial(read_stdin, stream, settings))
            elif is_url(item):
                yield guarded(item, partial(fetcher.fetch, item))
            else:
                yield from guarded_iter(item or "<empty>", read_path(item, settings))
