"""Two fixed halves of every gold set, so that work on one can be checked on the other.

A gold record belongs to the ``work`` half when the first byte of the SHA-256 of its id is even, to
the ``check`` half when it is odd. The rule needs nothing but the id, so it splits any set of the
same kind the same way, never changes when a set grows, and cannot be nudged by what the coder does.

Look at the ``work`` half's sentences while improving the coder; read only the ``check`` half's
numbers. A change that lifts the work half and not the check half has learned sentences, not
language (issue 8).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Literal, Protocol, TypeVar, get_args

Half = Literal["work", "check"]
HALVES: tuple[Half, ...] = get_args(Half)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=_HasId)


def half_of(record_id: str) -> Half:
    """The half a gold record with this id belongs to."""
    return "work" if hashlib.sha256(record_id.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def in_half(records: Iterable[R], half: Half | None) -> Iterator[R]:
    """The records of ``half`` (all of them for ``None``), in their order."""
    return (r for r in records if half is None or half_of(r.id) == half)
