"""The GDELT 2.0 event table: 61 tab-separated columns, no header, as GDELT publishes them.

The columns, their order and how each is filled live in ``data/gdelt_columns.csv`` (name, pandas dtype,
SQL expression, description); docs/store.md explains them. The expressions read:
  e  the events, with ``day`` (the date written) and ``geo_type`` worked out below
  a  the article that first reported the event
  c  the project's country table, for FIPS 10-4 codes and country names
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pyarrow as pa

from ..knowledge.countries import Countries


@dataclass(frozen=True, slots=True)
class GdeltColumn:
    name: str
    dtype: str  # what pandas should read it as: int64, float64 or str
    expression: str
    description: str


def gdelt_columns() -> tuple[GdeltColumn, ...]:
    """The 61 columns in GDELT 2.0's order."""
    text = (resources.files(__package__) / "data" / "gdelt_columns.csv").read_text(encoding="utf-8")
    return tuple(GdeltColumn(**row) for row in csv.DictReader(text.splitlines()))


def gdelt_names() -> list[str]:
    """Column names for ``pandas.read_csv(path, sep="\\t", header=None, names=gdelt_names())``."""
    return [c.name for c in gdelt_columns()]


def country_table() -> pa.Table:
    """ISO alpha-3 -> FIPS 10-4 code and name, from the project's country knowledge."""
    countries = list(Countries.load())
    return pa.table({"iso3": [c.iso3 for c in countries], "fips": [c.fips or None for c in countries],
                     "name": [c.name for c in countries]})


# US places get GDELT's US types (2, 3); a continent or a region has no GDELT type at all.
_EVENTS = """
SELECT * REPLACE (
    CASE WHEN geo_type IS NULL THEN NULL ELSE location_name END AS location_name,
    CASE WHEN geo_type IS NULL THEN NULL ELSE location_country END AS location_country,
    CASE WHEN geo_type IS NULL THEN NULL ELSE location_lat END AS location_lat,
    CASE WHEN geo_type IS NULL THEN NULL ELSE location_lon END AS location_lon,
    CASE WHEN geo_type IS NULL THEN NULL ELSE location_geonameid END AS location_geonameid)
FROM (SELECT ev.*,
    coalesce(ev.date, ar.published, CAST(ev.first_seen AS DATE)) AS day,
    CASE WHEN ev.location_feature = 'country' THEN 1
         WHEN ev.location_feature = 'admin1' THEN CASE WHEN ev.location_country = 'USA' THEN 2 ELSE 5 END
         WHEN ev.location_feature IN ('city', 'landmark') THEN CASE WHEN ev.location_country = 'USA' THEN 3 ELSE 4 END
    END AS geo_type
    FROM events ev LEFT JOIN articles ar ON ar.doc_id = ev.first_doc_id)
"""


def _text(column: GdeltColumn) -> str:
    if column.expression == "NULL":
        return "NULL"
    if column.dtype != "str":
        return f"CAST({column.expression} AS VARCHAR)"
    # GDELT files have no quoting: a tab or a line break inside a value would shift every column after it.
    return f"regexp_replace(CAST({column.expression} AS VARCHAR), '[\\t\\r\\n]+', ' ', 'g')"


def gdelt_query() -> str:
    """SELECT of the 61 columns, every value as text ready to write, events in id order."""
    select = ",\n  ".join(f'{_text(c)} AS "{c.name}"' for c in gdelt_columns())
    return (f"SELECT\n  {select}\nFROM ({_EVENTS}) e\n"
            "LEFT JOIN articles a ON a.doc_id = e.first_doc_id\n"
            "LEFT JOIN _gdelt_countries c ON c.iso3 = e.location_country\n"
            "ORDER BY e.event_id")


def gdelt_lines(cur: Any, batch_rows: int = 50_000) -> Iterator[str]:
    """Every event as one GDELT line (with its newline)."""
    cur.register("_gdelt_countries", country_table())
    try:
        reader = cur.sql(gdelt_query()).to_arrow_reader(batch_rows)
        for batch in reader:
            columns = [col.to_pylist() for col in batch.columns]
            for values in zip(*columns, strict=True):
                yield "\t".join("" if v is None else v for v in values) + "\n"
    finally:
        cur.unregister("_gdelt_countries")
