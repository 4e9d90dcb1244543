"""Events and articles as data frames: the Python API for people who work in pandas or Arrow.

    import newsevents
    events = newsevents.code(df, date="2025-06-03")        # pandas.DataFrame, one row per event
    table = newsevents.code_arrow(df)                      # pyarrow.Table, the same columns
    articles = newsevents.extract(df)                      # one row per article (no NLP)

Input: one text, a list of texts, records (dicts shaped like JSON Lines records: ``text`` or ``html``,
``id``, ``date``, ``url``, ``title``), or a DataFrame whose columns ``text_column``, ``id_column``,
``date_column``, ``url_column`` and ``title_column`` name those fields (``html_column`` for pages). A
text without an id gets its position (a DataFrame row without one, its index label), as a string.

Output columns are ``output.EVENT_COLUMNS``: flat (``source_country``, ``location_lat``...), ``date``
as ``datetime64``, codes (CAMEO, actor codes, ISO3) as strings, missing values as ``<NA>``/``NaT``/NaN.
A document that cannot be coded does not stop the rest: it is reported with a ``NewsEventsWarning``
and listed in ``frame.attrs["failures"]``. Loading the model costs seconds: pass ``pipeline=`` (a loaded
``Pipeline``) to reuse one over many calls.

pandas and pyarrow are imported on first call, not with ``newsevents``.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import JsonLinesError, NewsEventsError
from .output import ARTICLE_COLUMNS, EVENT_COLUMNS, article_fields, event_fields
from .settings import Settings, load_settings
from .types import Document, Failure, Result

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from .pipeline import Pipeline

__all__ = ["NewsEventsWarning", "code", "code_arrow", "extract", "extract_arrow"]

# Column types. Everything not listed is a string. Integers that can be missing become pandas' nullable
# Int64 (a plain int64 column cannot hold a missing value; pandas would turn it into floats).
_INTS = {"sentence_index": "int32", "char_start": "int64", "char_end": "int64", "trigger_start": "int64",
         "trigger_end": "int64", "quad_class": "int8", "location_geonameid": "int64"}
_NULLABLE_INTS = {"location_geonameid"}
_FLOATS = {"goldstein", "location_lat", "location_lon"}
_DATES = {"date", "published"}


class NewsEventsWarning(UserWarning):
    """A document that could not be coded (its code and message); the rest of the batch went on."""


def code(data: Any, *, date: date | str | None = None, actors: Sequence[str | Path] = (),
         settings: Settings | None = None, pipeline: Pipeline | None = None, workers: int | None = 1,
         text_column: str = "text", html_column: str = "html", id_column: str = "id",
         date_column: str = "date", url_column: str = "url", title_column: str = "title") -> pd.DataFrame:
    """Code articles into events: one row per event, the columns of ``output.EVENT_COLUMNS``.

    ``date`` dates documents that carry none; ``actors`` adds your own actor dictionaries (YAML or CSV);
    ``settings`` defaults to ``load_settings()``; ``workers`` > 1 codes in that many processes (None: as
    many as the machine has once there is more than one batch).
    """
    return _frame(code_arrow(data, date=date, actors=actors, settings=settings, pipeline=pipeline,
                             workers=workers, text_column=text_column, html_column=html_column,
                             id_column=id_column, date_column=date_column, url_column=url_column,
                             title_column=title_column))


def code_arrow(data: Any, *, date: date | str | None = None, actors: Sequence[str | Path] = (),
               settings: Settings | None = None, pipeline: Pipeline | None = None, workers: int | None = 1,
               text_column: str = "text", html_column: str = "html", id_column: str = "id",
               date_column: str = "date", url_column: str = "url", title_column: str = "title") -> pa.Table:
    """``code`` as a ``pyarrow.Table`` (``date`` a ``date32``, codes ``string``); failures in its metadata."""
    from .pipeline import Pipeline

    columns = _Columns(text_column, html_column, id_column, date_column, url_column, title_column)
    if pipeline is None:
        pipeline = Pipeline(_settings(settings, actors), default_date=_as_date(date, "date"))
    elif actors or settings is not None:
        raise TypeError("pass actors and settings to the Pipeline you give, not beside it")
    elif date is not None:
        raise TypeError("a given Pipeline keeps its own default_date; build it with default_date=...")
    rows: list[dict[str, Any]] = []
    failures: list[Failure] = []
    for item in pipeline.run(documents(data, columns), n_process=workers):
        if isinstance(item, Failure):
            failures.append(item)
        else:
            rows.extend(event_fields(e) for e in item.events)
    return _table(rows, EVENT_COLUMNS, failures)


def extract(data: Any, *, settings: Settings | None = None, text_column: str = "text", html_column: str = "html",
            id_column: str = "id", date_column: str = "date", url_column: str = "url",
            title_column: str = "title") -> pd.DataFrame:
    """The articles in ``data``, one row per document (``output.ARTICLE_COLUMNS``): clean text, title,
    author, publication date (``datetime64``), site and language. Extraction only: no model loads."""
    return _frame(extract_arrow(data, settings=settings, text_column=text_column, html_column=html_column,
                                id_column=id_column, date_column=date_column, url_column=url_column,
                                title_column=title_column))


def extract_arrow(data: Any, *, settings: Settings | None = None, text_column: str = "text",
                  html_column: str = "html", id_column: str = "id", date_column: str = "date",
                  url_column: str = "url", title_column: str = "title") -> pa.Table:
    """``extract`` as a ``pyarrow.Table``."""
    from .extract import Extractor

    columns = _Columns(text_column, html_column, id_column, date_column, url_column, title_column)
    extractor = Extractor((settings or load_settings()).extract)
    rows: list[dict[str, Any]] = []
    failures: list[Failure] = []
    for item in documents(data, columns):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        try:
            rows.append(article_fields(Result(article=extractor.extract(item))))
        except NewsEventsError as exc:
            failures.append(Failure(exc.source or item.source, exc.code, exc.message, item.doc_id))
    return _table(rows, ARTICLE_COLUMNS, failures)


# -- input ---------------------------------------------------------------------------------------------


class _Columns:
    __slots__ = ("date", "html", "id", "text", "title", "url")

    def __init__(self, text: str, html: str, id_: str, date_: str, url: str, title: str) -> None:
        self.text, self.html, self.id, self.date, self.url, self.title = text, html, id_, date_, url, title


def documents(data: Any, columns: _Columns | None = None) -> Iterator[Document | Failure]:
    """Documents for one text, texts, records or a DataFrame (see the module docstring), in order."""
    columns = columns or _Columns("text", "html", "id", "date", "url", "title")
    if isinstance(data, str | bytes | Mapping):
        data = [data]
    frame = _as_frame(data)
    if frame is not None:
        yield from _frame_documents(frame, columns)
        return
    if not isinstance(data, Iterable):
        raise TypeError(f"cannot code a {type(data).__name__}: pass a text, a list of texts, records (dicts) "
                        "or a pandas DataFrame")
    for i, item in enumerate(data):
        where = f"<input {i}>"
        if isinstance(item, str):
            yield _document(str(i), where, item, "clean", None, None, None)
        elif isinstance(item, Mapping):
            yield _record(item, i, where, columns)
        else:
            yield Failure(where, JsonLinesError.code, f"item {i} is a {type(item).__name__}; give a text (str) "
                          "or a record (dict with a text)", str(i))


def _as_frame(data: Any) -> Any:
    """``data`` if it is a pandas DataFrame (pandas is not imported unless one could have been made)."""
    import sys

    pd = sys.modules.get("pandas")
    return data if pd is not None and isinstance(data, pd.DataFrame) else None


def _frame_documents(frame: Any, columns: _Columns) -> Iterator[Document | Failure]:
    if columns.text not in frame.columns and columns.html not in frame.columns:
        raise KeyError(f"the DataFrame has no column {columns.text!r} (or {columns.html!r} for HTML); its columns "
                       f"are {', '.join(map(str, frame.columns))}: name the text column with text_column=")
    records = frame.to_dict("records")
    for label, record in zip(frame.index, records, strict=True):
        if columns.id not in frame.columns:
            record[columns.id] = str(label)
        yield _record(record, label, f"<row {label}>", columns)


def _record(record: Mapping[str, Any], position: Any, where: str, columns: _Columns) -> Document | Failure:
    doc_id = _missing_to_none(record.get(columns.id))
    doc_id = str(position) if doc_id is None else str(doc_id)
    try:
        text = _missing_to_none(record.get(columns.text))
        kind = "clean"
        if text is None:
            text, kind = _missing_to_none(record.get(columns.html)), "html"
        if text is None:
            raise JsonLinesError(f"{where} has no {columns.text!r} (or {columns.html!r}); give the article's text")
        if not isinstance(text, str):
            raise JsonLinesError(f"{where} has a {type(text).__name__} as its text, not a string; convert it")
        return _document(doc_id, where, text, kind, _optional(record.get(columns.url)),
                         _optional(record.get(columns.title)), _as_date(record.get(columns.date), f"{where} date"))
    except NewsEventsError as exc:
        return Failure(exc.source or where, exc.code, exc.message, doc_id)


def _document(doc_id: str, where: str, text: str | bytes, kind: str, url: str | None, title: str | None,
              published: date | None) -> Document:
    content = text if isinstance(text, bytes) else text.encode("utf-8", errors="surrogatepass")
    return Document(doc_id=doc_id, source=where, content=content, kind="html" if kind == "html" else "clean",
                    url=url, title=title, published=published)


def _missing_to_none(value: Any) -> Any:
    if value is None:
        return None
    try:
        if value != value:  # NaN, NaT and pandas.NA (NA != NA is NA, which is truthy only by error)
            return None
    except TypeError:
        return None
    return value


def _optional(value: Any) -> str | None:
    value = _missing_to_none(value)
    return None if value is None or value == "" else str(value)


def _as_date(value: Any, what: str) -> date | None:
    value = _missing_to_none(value)
    if value is None:
        return None
    if isinstance(value, datetime):  # pandas.Timestamp too
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    raise JsonLinesError(f"{what} {value!r} is not a date; give a date, a Timestamp or an ISO string (2025-06-03)")


def _settings(settings: Settings | None, actors: Sequence[str | Path]) -> Settings:
    base = settings or load_settings()
    if not actors:
        return base
    return base.with_overrides({"actors": {"extra_files": (*base.actors.extra_files, *map(Path, actors))}})


# -- output --------------------------------------------------------------------------------------------


def _schema(names: Sequence[str]) -> pa.Schema:
    import pyarrow as pa

    def kind(name: str) -> pa.DataType:
        if name in _DATES:
            return pa.date32()
        if name in _FLOATS:
            return pa.float64()
        if name in _INTS:
            return getattr(pa, _INTS[name])()
        return pa.string()

    return pa.schema([pa.field(n, kind(n)) for n in names])


def _table(rows: list[dict[str, Any]], names: Sequence[str], failures: list[Failure]) -> pa.Table:
    import json

    import pyarrow as pa

    for f in failures:
        warnings.warn(f.line(), NewsEventsWarning, stacklevel=4)
    table = pa.Table.from_pylist(rows, schema=_schema(names))
    return table.replace_schema_metadata({"newsevents.failures": json.dumps([f.to_dict() for f in failures])})


def _frame(table: pa.Table) -> pd.DataFrame:
    import json

    import pandas as pd
    import pyarrow as pa

    frame = table.to_pandas(types_mapper={pa.string(): pd.StringDtype()}.get, date_as_object=False)
    for name in frame.columns:
        if name in _DATES:  # Arrow gives datetime64[ms]; [ns] is what pandas users meet everywhere else
            frame[name] = frame[name].astype("datetime64[ns]")
        elif name in _NULLABLE_INTS:
            frame[name] = pd.array(table.column(name).to_pylist(), dtype=pd.Int64Dtype())
        elif name in _INTS and not len(frame):  # an empty frame: keep the integer type, not object
            frame[name] = frame[name].astype(_INTS[name])
    metadata = table.schema.metadata or {}
    frame.attrs["failures"] = json.loads(metadata.get(b"newsevents.failures", b"[]"))
    return frame
