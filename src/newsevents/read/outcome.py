"""How a reader reports a bad input: a ``Failure`` record built from the coded error.

``guarded`` and ``guarded_iter`` are the readers' side of "one document, one failure": a bug met
while reading one input (an exception that is not a ``NewsEventsError``) becomes that input's E900
Failure, and the run reads the next input instead of ending.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..errors import INTERNAL_ERROR, NewsEventsError, internal_message
from ..types import Document, Failure


def as_failure(exc: NewsEventsError, source: str, doc_id: str | None = None) -> Failure:
    """The Failure for ``exc``: its code and message, the input it concerns, the id when one is known."""
    return Failure(source=exc.source or source, code=exc.code, message=exc.message, doc_id=doc_id)


def internal_failure(exc: Exception, source: str, stage: str = "reading", doc_id: str | None = None) -> Failure:
    """The E900 Failure for a bug met while ``stage`` the input ``source``."""
    return Failure(source=source, code=INTERNAL_ERROR, message=internal_message(exc, stage), doc_id=doc_id)


def guarded(source: str, read: Callable[[], Document | Failure]) -> Document | Failure:
    """``read()``, or the Failure for whatever it raised."""
    try:
        return read()
    except NewsEventsError as exc:
        return as_failure(exc, source)
    except Exception as exc:  # noqa: BLE001 - one unreadable input must not end the run; it is reported
        return internal_failure(exc, source)


def guarded_iter(source: str, items: Iterator[Document | Failure]) -> Iterator[Document | Failure]:
    """The items of one input (a directory, a JSON Lines file); should reading them fail, one Failure for
    ``source`` ends them, and the run goes on with the next input."""
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except NewsEventsError as exc:
            yield as_failure(exc, source)
            return
        except Exception as exc:  # noqa: BLE001 - see guarded
            yield internal_failure(exc, source)
            return
        yield item
