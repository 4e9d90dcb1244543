"""How a reader reports a bad input: a ``Failure`` record built from the coded error."""

from __future__ import annotations

from ..errors import NewsEventsError
from ..types import Failure


def as_failure(exc: NewsEventsError, source: str, doc_id: str | None = None) -> Failure:
    """The Failure for ``exc``: its code and message, the input it concerns, the id when one is known."""
    return Failure(source=exc.source or source, code=exc.code, message=exc.message, doc_id=doc_id)
