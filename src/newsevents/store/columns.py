"""Column tables for the text exports (GDELT, POLECAT): each a CSV of name, pandas dtype, SQL, description.

The expressions are written over the aliases of ``base_query``:
  e  the events chosen (with ``day``, the date written, and ``geo_type``, GDELT's place type)
  a  the article that first reported the event
  m  that article's first mention of the event (the sentence, the actors as written)
  c  the project's country table, for FIPS 10-4 codes and country names, joined on the event's place
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pyarrow as pa

from ..knowledge.countries import Countries
from .filters import EventFilter


@dataclass(frozen=True, slots=True)
class ExportColumn:
    name: str
    dtype: str  # what pandas should read it as: int64, float64 or str
    expression: str
    description: str


def read_columns(filename: str) -> tuple[ExportColumn, ...]:
    """The columns of ``store/data/<filename>``, in file order."""
    text = (resources.files(__package__) / "data" / filename).read_text(encoding="utf-8")
    return tuple(ExportColumn(**row) for row in csv.DictReader(text.splitlines()))


def country_table() -> pa.Table:
    """ISO alpha-3 -> FIPS 10-4 code and name, from the project's country knowledge."""
    countries = list(Countries.load())
    return pa.table({"iso3": [c.iso3 for c in countries], "fips": [c.fips or None for c in countries],
                     "name": [c.name for c in countries]})


# US places get GDELT's US types (2, 3); a continent or a region has no GDELT type at all, so its place
# columns are blanked here rather than in every expression.
_EVENTS = """
SELECT * REPLACE (
    CASE WHEN geo_type IS NULL THEN NULL ELSE location_name END AS location_name,
    CASE WHEN geo_type IS NULL THEN NULL ELSE location_country END AS location_country,
    CASE WHEN geo_type IS NULL THEN NULL ELSE location_lat END AS location_lat,
    CASE WHEN geo_type IS NULL THEN NULL ELSE location_lon END AS location_lon,
    CASE WHEN geo_type IS NULL THEN NULL ELSE location_geonameid END AS location_geonameid,
    CASE WHEN geo_type IS NULL THEN NULL ELSE location_admin1 END AS location_admin1)
FROM (SELECT ev.*,
    coalesce(ev.date, ar.published, CAST(ev.first_seen AS DATE)) AS day,
    CASE WHEN ev.location_feature = 'country' THEN 1
         WHEN ev.location_feature = 'admin1' THEN CASE WHEN ev.location_country = 'USA' THEN 2 ELSE 5 END
         WHEN ev.location_feature IN ('city', 'landmark') THEN CASE WHEN ev.location_country = 'USA' THEN 3 ELSE 4 END
    END AS geo_type
    FROM (SELECT * FROM events WHERE {where}) ev LEFT JOIN articles ar ON ar.doc_id = ev.first_doc_id)
"""

_FIRST_MENTIONS = """
SELECT mm.* FROM event_mentions mm JOIN (SELECT event_id, first_doc_id FROM events WHERE {where}) fe
    ON fe.event_id = mm.event_id AND fe.first_doc_id = mm.doc_id
QUALIFY row_number() OVER (PARTITION BY mm.event_id ORDER BY mm.ordinal) = 1
"""


def as_text(column: ExportColumn) -> str:
    """The column's expression as text ready to write: tabs and line breaks inside a value become a space."""
    if column.expression == "NULL":
        return "NULL"
    if column.dtype != "str":
        return f"CAST({column.expression} AS VARCHAR)"
    # Tab-separated files have no quoting: a tab or a line break inside a value would shift every column after it.
    return f"regexp_replace(CAST({column.expression} AS VARCHAR), '[\\t\\r\\n]+', ' ', 'g')"


def base_query(columns: tuple[ExportColumn, ...], flt: EventFilter, joins: str = "") -> tuple[str, list[Any]]:
    """SELECT of ``columns`` as text over the events ``flt`` chooses, in event id order, and its parameters;
    ``joins`` adds tables the expressions read (registered by the caller, without parameters)."""
    where, params = flt.where()
    select = ",\n  ".join(f'{as_text(c)} AS "{c.name}"' for c in columns)
    sql = (f"SELECT\n  {select}\nFROM ({_EVENTS.format(where=where)}) e\n"
           "LEFT JOIN articles a ON a.doc_id = e.first_doc_id\n"
           f"LEFT JOIN ({_FIRST_MENTIONS.format(where=where)}) m ON m.event_id = e.event_id\n"
           "LEFT JOIN _export_countries c ON c.iso3 = e.location_country\n"
           f"{joins}ORDER BY e.event_id")
    return sql, [*params, *params]


def text_rows(cur: Any, sql: str, params: list[Any], tables: dict[str, pa.Table],
              batch_rows: int = 50_000) -> Iterator[list[str]]:
    """The rows of ``sql`` as lists of text ('' for NULL), with ``tables`` registered while it runs."""
    names = ["_export_countries", *tables]
    cur.register("_export_countries", country_table())
    for name, table in tables.items():
        cur.register(name, table)
    try:
        reader = cur.sql(sql, params=params or None).to_arrow_reader(batch_rows)
        for batch in reader:
            columns = [col.to_pylist() for col in batch.columns]
            for values in zip(*columns, strict=True):
                yield ["" if v is None else v for v in values]
    finally:
        for name in names:
            cur.unregister(name)
