"""Great-circle distance, the one formula every part of newsevents uses (issue 9: there were three).

    haversine_km(lat1, lon1, lat2, lon2)     in Python: gazetteer checks, place evaluation
    haversine_sql(lat_column, lon_column)    the same formula as a DuckDB expression: ``--near`` filters
    haversine_sql_between(...)               between two points given as SQL: dashboard cluster radii

A sphere of the mean Earth radius: up to 0.5% off the ellipsoid, far below what a gazetteer point for a
city can claim. A test checks that the SQL and the Python give the same distances.
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius (R1)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in kilometres between two points given in degrees."""
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def haversine_sql(lat: str, lon: str) -> str:
    """A SQL expression for the distance in km from columns ``lat``, ``lon`` to a point bound as three
    parameters, in this order: the point's latitude, its latitude again, its longitude.

    ``lat`` and ``lon`` are column names written by the caller, never user input.
    """
    return haversine_sql_between(lat, lon, "?", "?", lat1_again="?")


def haversine_sql_between(lat: str, lon: str, lat1: str, lon1: str, *, lat1_again: str | None = None) -> str:
    """The same expression between two points both given as SQL (columns or ``?``): the dashboard's
    cluster radius measures from a centroid to its members' corners."""
    return (f"(2 * {EARTH_RADIUS_KM!r} * asin(sqrt(least(1.0, pow(sin(radians({lat} - {lat1}) / 2), 2) "
            f"+ cos(radians({lat1_again or lat1})) * cos(radians({lat})) "
            f"* pow(sin(radians({lon} - {lon1}) / 2), 2)))))")
