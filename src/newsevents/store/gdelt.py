"""The GDELT 2.0 event table: 61 tab-separated columns, no header, as GDELT publishes them.

The columns, their order and how each is filled live in ``data/gdelt_columns.csv`` (name, pandas dtype,
SQL expression, description; the aliases are columns.py's); docs/store.md explains them. GDELT files
hold events that happened, so the export writes asserted events unless asked for others (export.py).

``ActionGeo_ADM1Code`` follows GDELT 2.0's event codebook (2015): the FIPS 10-4 country code followed
by the first-level division's code. Ours is the GeoNames admin1 code of the event's place, which
GeoNames keeps as the FIPS 10-4 division code for most countries (its readme: "fipscode (subject to
change to iso code)") and the state's postal code for the US, as GDELT writes it (USNY). Where GeoNames
uses other codes (``data/gdelt_adm1_exceptions.csv`` lists those known, with why) the field is left
empty rather than filled with a code GDELT does not use.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pyarrow as pa

from .columns import ExportColumn, base_query, read_columns, text_rows
from .filters import EventFilter

GdeltColumn = ExportColumn  # the name this module's API has always used


def gdelt_columns() -> tuple[GdeltColumn, ...]:
    """The 61 columns in GDELT 2.0's order."""
    return read_columns("gdelt_columns.csv")


def gdelt_names() -> list[str]:
    """Column names for ``pandas.read_csv(path, sep="\\t", header=None, names=gdelt_names())``."""
    return [c.name for c in gdelt_columns()]


def adm1_exceptions() -> pa.Table:
    """Countries (ISO alpha-3) whose GeoNames admin1 codes are not GDELT's, with the codes (``*``: all)."""
    text = (resources.files(__package__) / "data" / "gdelt_adm1_exceptions.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    return pa.table({"iso3": [r["country"] for r in rows], "codes": [r["codes"].split() for r in rows]})


def gdelt_lines(cur: Any, flt: EventFilter | None = None, batch_rows: int = 50_000) -> Iterator[str]:
    """Every event ``flt`` chooses (all without one) as one GDELT line, with its newline."""
    sql, params = base_query(gdelt_columns(), flt or EventFilter(),
                             joins="LEFT JOIN _gdelt_adm1_exceptions x ON x.iso3 = e.location_country\n")
    for values in text_rows(cur, sql, params, {"_gdelt_adm1_exceptions": adm1_exceptions()}, batch_rows):
        yield "\t".join(values) + "\n"
