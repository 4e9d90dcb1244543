"""Results and Failures as JSON and back, exactly: the form a Parquet file keeps them in.

The records are frozen dataclasses whose fields are plain values, dates, tuples, optional values and
other records (types.py), so one encoder and one decoder driven by the field annotations serve them
all; a field added to a record is carried without a change here.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date
from functools import cache
from typing import Any

from ..types import Failure, Result

Record = Result | Failure


def dumps(record: Record) -> str:
    """One record as a JSON object (dates as ISO strings, tuples as arrays)."""
    return json.dumps(_encode(record), ensure_ascii=False, separators=(",", ":"))


def loads(text: str, kind: type[Record]) -> Record:
    """The record ``dumps`` wrote, of class ``kind`` (Result or Failure)."""
    value = _decode(kind, json.loads(text))
    assert isinstance(value, kind)
    return value


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:  # X | None: the one non-None member
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decode(members[0], value)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in value)
        return tuple(_decode(a, v) for a, v in zip(args, value, strict=True))
    if origin is typing.Literal:
        return value
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{k: _decode(hints[k], v) for k, v in value.items()})
    if tp is date:
        return date.fromisoformat(value)
    return value
