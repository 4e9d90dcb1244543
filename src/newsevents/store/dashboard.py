"""The aggregations the dashboard draws (issue 11), each one query over ``events``, every filter applied.

    volume   events per day, week or month and quad class, with the mean Goldstein score
    places   located events clustered on a grid of ``cell`` degrees: centroid, count, the commonest place
             name, and the radius (km) that holds every member, so ``near=LAT,LON,KM`` lists them again
    dyads    the commonest source -> target actor pairs in a period, against the period just before it

One scan each, answered by DuckDB's parallel hash aggregation: on 1,000,000 events each stays well
under the page-load budget (benchmarks/dashboard.py, docs/benchmarks.md), so nothing is pre-aggregated
and nothing can go stale after an ingest.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Any, Literal

import pyarrow as pa

from ..geo.distance import haversine_sql_between
from .filters import EventFilter

Bucket = Literal["day", "week", "month"]
BucketChoice = Literal["auto", "day", "week", "month"]
BUCKETS: tuple[Bucket, ...] = ("day", "week", "month")
_TRUNC = {"day": "date", "week": "CAST(date_trunc('week', date) AS DATE)",  # weeks start on Monday (ISO)
          "month": "CAST(date_trunc('month', date) AS DATE)"}
# "auto": at most about 120 bars. Ten years by day is 14,600 rows (1.3 MB of JSON) and as many SVG bars,
# which made the page take seconds to draw (benchmarks/dashboard.py, docs/benchmarks.md).
AUTO_DAYS = 120
AUTO_WEEKS_DAYS = 2 * 366


def _table(cur: Any, sql: str, params: list[Any]) -> pa.Table:
    return cur.sql(sql, params=params or None).to_arrow_table()


def choose_bucket(cur: Any, flt: EventFilter, bucket: BucketChoice) -> Bucket:
    """``bucket`` itself, or for ``auto`` the finest of day, week and month that keeps the bars few."""
    if bucket != "auto":
        return bucket
    span = period(cur, flt)
    days = 0 if span is None else (span.until - span.since).days + 1
    return "day" if days <= AUTO_DAYS else "week" if days <= AUTO_WEEKS_DAYS else "month"


def volume(cur: Any, flt: EventFilter, bucket: Bucket = "day") -> pa.Table:
    """period, quad_class, events, goldstein (mean over those scored), scored: undated events left out."""
    where, params = flt.where()
    period = _TRUNC[bucket]
    return _table(cur, f"SELECT {period} AS period, quad_class, count(*) AS events, avg(goldstein) AS goldstein, "
                       "count(goldstein) AS scored "
                       f"FROM events WHERE date IS NOT NULL AND {where} GROUP BY ALL ORDER BY period, quad_class",
                  params)


def places(cur: Any, flt: EventFilter, cell: float = 1.0, limit: int = 2000) -> pa.Table:
    """Located events clustered by grid cell: lat, lon (centroid), events, place, country, places, km."""
    where, params = flt.where()
    sql = (
        "WITH located AS (SELECT location_lat AS y, location_lon AS x, location_name, location_country, "
        f" floor(location_lat / ?)::BIGINT AS gy, floor(location_lon / ?)::BIGINT AS gx FROM events "
        f" WHERE location_lat IS NOT NULL AND location_lon IS NOT NULL AND {where}), "
        "cells AS (SELECT gy, gx, avg(y) AS lat, avg(x) AS lon, count(*) AS events, mode(location_name) AS place, "
        " mode(location_country) AS country, count(DISTINCT location_name) AS places, "
        " min(y) AS y0, max(y) AS y1, min(x) AS x0, max(x) AS x1 FROM located GROUP BY gy, gx "
        " ORDER BY events DESC, gy, gx LIMIT ?) "
        # The farthest corner of the members' bounding box bounds every member's distance from the centroid.
        "SELECT round(lat, 4) AS lat, round(lon, 4) AS lon, events, place, country, places, "
        f" ceil(greatest({_km('lat', 'lon', 'y0', 'x0')}, {_km('lat', 'lon', 'y0', 'x1')}, "
        f" {_km('lat', 'lon', 'y1', 'x0')}, {_km('lat', 'lon', 'y1', 'x1')}) + 1)::INTEGER AS km "
        "FROM cells ORDER BY events DESC, place")
    return _table(cur, sql, [cell, cell, *params, limit])


def _km(lat1: str, lon1: str, lat2: str, lon2: str) -> str:
    return haversine_sql_between(lat2, lon2, lat1, lon1)


@dataclasses.dataclass(frozen=True, slots=True)
class Period:
    """The dates a dyad count covers, and the equally long period just before, for the change."""

    since: date
    until: date

    @property
    def previous(self) -> Period:
        days = (self.until - self.since).days + 1
        first = date.min + timedelta(days=days)  # a period starting near year 1 has a shorter one before it
        if self.since <= first:
            return Period(date.min, max(date.min, self.since - timedelta(days=1)))
        return Period(self.since - timedelta(days=days), self.since - timedelta(days=1))


def period(cur: Any, flt: EventFilter) -> Period | None:
    """The filter's dates, a missing end taken from the matching events; None when no event is dated."""
    if flt.since and flt.until:
        return Period(flt.since, flt.until)
    where, params = flt.where()
    first, last = cur.execute(f"SELECT min(date), max(date) FROM events WHERE {where}", params).fetchall()[0]
    if first is None:
        return None
    return Period(flt.since or first, flt.until or last)


def dyads(cur: Any, flt: EventFilter, limit: int = 20) -> tuple[Period | None, pa.Table]:
    """Source -> target actor pairs by events in the period, with cooperation/conflict counts, mean
    Goldstein, the count in the previous period of the same length and the change."""
    found = period(cur, flt)
    span = found or Period(date(1, 1, 2), date(1, 1, 2))  # no dated event: an empty answer of the right shape
    before = span.previous
    where, params = dataclasses.replace(flt, since=None, until=None).where()
    now = "date >= ?"
    sql = (
        f"SELECT source_code, target_code, mode(source_name) AS source_name, mode(target_name) AS target_name, "
        f" count(*) FILTER (WHERE {now}) AS events, "
        f" count(*) FILTER (WHERE {now} AND quad_class IN (1, 2)) AS cooperation, "
        f" count(*) FILTER (WHERE {now} AND quad_class IN (3, 4)) AS conflict, "
        f" avg(goldstein) FILTER (WHERE {now}) AS goldstein, "
        f" count(*) FILTER (WHERE date < ?) AS previous "
        f"FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND date BETWEEN ? AND ? "
        f"AND {where} GROUP BY source_code, target_code HAVING count(*) FILTER (WHERE {now}) > 0 "
        "ORDER BY events DESC, source_code, target_code LIMIT ?")
    table = _table(cur, sql, [span.since] * 4 + [span.since, before.since, span.until, *params, span.since, limit])
    events = table.column("events").to_pylist()
    previous = table.column("previous").to_pylist()
    table = table.append_column("change", pa.array([e - p for e, p in zip(events, previous, strict=True)],
                                                    pa.int64()))
    return found, table
