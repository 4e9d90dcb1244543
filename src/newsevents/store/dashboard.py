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
from .dialect import dialect_of
from .filters import EventFilter

Bucket = Literal["day", "week", "month"]
BucketChoice = Literal["auto", "day", "week", "month"]
BUCKETS: tuple[Bucket, ...] = ("day", "week", "month")
# "auto": at most about 120 bars. Ten years by day is 14,600 rows (1.3 MB of JSON) and as many SVG bars,
# which made the page take seconds to draw (benchmarks/dashboard.py, docs/benchmarks.md).
AUTO_DAYS = 120
AUTO_WEEKS_DAYS = 2 * 366


def _table(cur: Any, sql: str, params: list[Any]) -> pa.Table:
    return cur.sql(sql, params=params or None).to_arrow_table()


def volume(cur: Any, flt: EventFilter, bucket: BucketChoice = "day") -> tuple[Bucket, pa.Table]:
    """The bucket used and, per period and quad class: events, goldstein (mean over those scored), scored.
    Undated events are left out. ``auto`` takes the finest of day, week and month that keeps the bars
    few, from the filter's dates or, where it has none, the matching events' own: the events are
    counted per day once, and those days summed into weeks or months if the span asks for it, so that
    choosing costs no second scan (with a text search a scan of 1M events is most of the time)."""
    where, params = flt.where()
    trunc = {"day": "d.date", "week": "CAST(date_trunc('week', d.date) AS DATE)",  # ISO weeks, from Monday
             "month": "CAST(date_trunc('month', d.date) AS DATE)"}
    table = _table(cur, (
        "WITH daily AS (SELECT date, quad_class, count(*) AS events, sum(goldstein) AS total, count(goldstein) "
        f" AS scored FROM events WHERE date IS NOT NULL AND {where} GROUP BY date, quad_class), "
        "span AS (SELECT (coalesce(?::DATE, max(date)) - coalesce(?::DATE, min(date))) + 1 AS days FROM daily), "
        "chosen AS (SELECT CASE WHEN ? <> 'auto' THEN ? WHEN days IS NULL OR days <= ? THEN 'day' "
        " WHEN days <= ? THEN 'week' ELSE 'month' END AS bucket FROM span) "
        f"SELECT c.bucket, CASE c.bucket WHEN 'day' THEN {trunc['day']} WHEN 'week' THEN {trunc['week']} "
        f" ELSE {trunc['month']} END AS period, d.quad_class, sum(d.events)::BIGINT AS events, "
        " sum(d.total) / nullif(sum(d.scored), 0) AS goldstein, sum(d.scored)::BIGINT AS scored "
        "FROM daily d, chosen c GROUP BY c.bucket, period, d.quad_class ORDER BY period, quad_class"),
        [*params, flt.until, flt.since, bucket, bucket, AUTO_DAYS, AUTO_WEEKS_DAYS])
    if table.num_rows == 0:  # nothing matches: the filter's own dates, if it has both, else the finest
        days = (flt.until - flt.since).days + 1 if flt.since and flt.until else 0
        empty: Bucket = "day" if days <= AUTO_DAYS else "week" if days <= AUTO_WEEKS_DAYS else "month"
        return (empty if bucket == "auto" else bucket), table.drop_columns(["bucket"])
    chosen: Bucket = table.column("bucket")[0].as_py()
    return chosen, table.drop_columns(["bucket"])


def places(cur: Any, flt: EventFilter, cell: float = 1.0, limit: int = 2000) -> pa.Table:
    """Located events clustered by grid cell: lat, lon (centroid), events, place, country, places, km."""
    where, params = flt.where()
    sql_of = dialect_of(cur)
    # Two levels: first each place name in each cell, then the cells, with the commonest name by arg_max
    # (DuckDB's mode() over 600,000 names took half as long again on 1M events; benchmarks/dashboard.py).
    sql = (
        "WITH named AS (SELECT floor(location_lat / ?)::BIGINT AS gy, floor(location_lon / ?)::BIGINT AS gx, "
        " location_name, location_country, count(*) AS n, sum(location_lat) AS sy, sum(location_lon) AS sx, "
        " min(location_lat) AS y0, max(location_lat) AS y1, min(location_lon) AS x0, max(location_lon) AS x1 "
        f" FROM events WHERE location_lat IS NOT NULL AND location_lon IS NOT NULL AND {where} "
        " GROUP BY gy, gx, location_name, location_country), "
        "cells AS (SELECT gy, gx, sum(sy) / sum(n) AS lat, sum(sx) / sum(n) AS lon, sum(n)::BIGINT AS events, "
        f" {sql_of.arg_max('location_name', 'n')} AS place, {sql_of.arg_max('location_country', 'n')} AS country, "
        " count(DISTINCT location_name) AS places, min(y0) AS y0, max(y1) AS y1, min(x0) AS x0, max(x1) AS x1 "
        " FROM named GROUP BY gy, gx ORDER BY events DESC, gy, gx LIMIT ?) "
        # The farthest corner of the members' bounding box bounds every member's distance from the centroid.
        f"SELECT {sql_of.round('lat', 4)} AS lat, {sql_of.round('lon', 4)} AS lon, events, place, country, places, "
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
        # any_value, not mode: an actor code has one name in practice, and mode() doubled the query's time
        # on 1M events (benchmarks/dashboard.py).
        f"SELECT source_code, target_code, {dialect_of(cur).any_value('source_name')} AS source_name, "
        f"{dialect_of(cur).any_value('target_name')} AS target_name, "
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
