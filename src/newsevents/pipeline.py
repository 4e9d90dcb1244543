"""The only module that knows the order of the stages (skeleton: being written by the lead).

    Pipeline(settings, default_date=None).run(items, n_process=1) -> Iterator[Result | Failure]

``items`` are what ``read.read_inputs`` yields (``Document`` or ``Failure``); failures pass
through in order, every document comes out as a ``Result`` or a ``Failure``, in input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from .settings import Settings
from .types import Document, Failure, Result


class Pipeline:
    def __init__(self, settings: Settings, *, default_date: date | None = None) -> None:
        self.settings = settings
        self.default_date = default_date

    def run(self, items: Iterable[Document | Failure], *, n_process: int = 1) -> Iterator[Result | Failure]:
        raise NotImplementedError
