"""Reading inputs: paths, directories, URLs and standard input, each into ``Document`` records.

    read_inputs(inputs, settings.read, *, stdin=None, transport=None) -> Iterator[Document | Failure]

One module per input kind (``files``, ``jsonl``, ``url``, ``stdin``); ``content`` holds the checks and
the decoding every input goes through, ``ids`` the stable document ids. A bad input never raises:
it becomes a ``Failure`` with the code of its ``InputError`` and the rest go on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

import httpx

from ..settings import ReadSettings
from ..types import Document, Failure
from .files import read_path
from .stdin import read_stdin
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
                yield read_stdin(stdin if stdin is not None else sys.stdin.buffer, settings)
            elif is_url(item):
                yield fetcher.fetch(item)
            else:
                yield from read_path(item, settings)
