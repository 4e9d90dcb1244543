"""Reading inputs: paths, directories, URLs, feeds, web archives and standard input, into ``Document`` records.

    read_inputs(inputs, settings.read, *, stdin=None, transport=None) -> Iterator[Document | Failure]

One module per input kind (``files``, ``jsonl``, ``url``, ``feeds``, ``warc``, ``stdin``); ``polite`` wraps
the URL fetcher with robots.txt, a per-host pause and conditional GET; ``content`` holds the checks and
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
from .feeds import is_feed_file, is_feed_list, read_feed_file, read_feed_list, read_feed_url
from .files import read_path
from .outcome import guarded, guarded_iter
from .polite import Polite
from .stdin import SOURCE, read_stdin
from .url import Fetcher, is_url
from .warc import is_warc, read_warc

__all__ = ["read_inputs"]


def read_inputs(inputs: Sequence[str], settings: ReadSettings, *, stdin: BinaryIO | None = None,
                transport: httpx.BaseTransport | None = None) -> Iterator[Document | Failure]:
    """Documents (or Failures) for ``inputs``, lazily and in input order.

    ``-`` reads ``stdin`` (by default the process's standard input); ``http://`` and ``https://``
    addresses are fetched through ``transport`` when given (tests pass ``httpx.MockTransport``), and
    when one serves a feed, the articles it links to are read; a file ending ``.warc`` or ``.warc.gz`` is
    a web archive, ``.rss``, ``.atom`` or ``.xml`` a feed, ``.opml`` or ``.feeds`` a feed list; anything
    else is a file or a directory.
    """
    with Fetcher(settings, transport) as fetcher:
        polite = Polite(fetcher, settings)
        for item in inputs:
            if item == "-":
                stream = stdin if stdin is not None else sys.stdin.buffer
                yield guarded(SOURCE, partial(read_stdin, stream, settings))
            elif is_url(item):
                # Named by the user, so fetched as asked; the pages a feed links to are checked with robots.txt.
                yield from guarded_iter(item, read_feed_url(item, polite, robots=False))
            elif is_warc(item):
                yield from guarded_iter(item, read_warc(item, settings))
            elif is_feed_list(item):
                yield from guarded_iter(item, read_feed_list(item, settings, polite))
            elif is_feed_file(item):
                yield from guarded_iter(item, read_feed_file(item, settings, polite))
            else:
                yield from guarded_iter(item or "<empty>", read_path(item, settings))
