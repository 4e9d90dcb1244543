"""Flat query rows turned into the nested JSON records the CLI (jsonl) and the HTTP API print.

The shape follows ``Event.to_dict()`` (source/target/plover/location nested) plus the store's counts.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any


def _actor(row: dict[str, Any], side: str) -> dict[str, Any] | None:
    if row.get(f"{side}_code") is None and row.get(f"{side}_name") is None:
        return None
    return {"code": row.get(f"{side}_code"), "name": row.get(f"{side}_name"),
            "country": row.get(f"{side}_country"), "sector": row.get(f"{side}_sector")}


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """One distinct event with its GDELT-style counts."""
    location = None
    if row.get("location_name") is not None:
        location = {"name": row["location_name"], "country": row.get("location_country"),
                    "lat": row.get("location_lat"), "lon": row.get("location_lon"),
                    "geonameid": row.get("location_geonameid"), "feature": row.get("location_feature"),
                    "admin1": row.get("location_admin1")}
    return {
        "event_id": row["event_id"],
        "date": row.get("date"),
        "source": _actor(row, "source"),
        "target": _actor(row, "target"),
        "cameo": row["cameo"],
        "event_base": row.get("event_base"),
        "event_root": row.get("event_root"),
        "plover": {"type": row.get("plover_type"), "mode": row.get("plover_mode")},
        "goldstein": row.get("goldstein"),
        "quad_class": row.get("quad_class"),
        "modality": row.get("modality"),
        "location": location,
        "num_mentions": row.get("num_mentions"),
        "num_sources": row.get("num_sources"),
        "num_articles": row.get("num_articles"),
        "num_stories": row.get("num_stories"),
        "is_root": row.get("is_root"),
        "first_seen": row.get("first_seen"),
        "last_seen": row.get("last_seen"),
        "event_key": row.get("event_key"),
    }


_MENTION_KEYS = ("doc_id", "ordinal", "coder_event_id", "sentence_index", "sentence", "char_start", "char_end",
                 "trigger", "mention_date", "source_text", "target_text", "location_text", "added_at")
_ARTICLE_KEYS = ("url", "title", "published", "outlet", "story_id", "source_uri")


def mention_record(row: dict[str, Any]) -> dict[str, Any]:
    """One piece of evidence: the sentence, its offsets in the article text, and who coded it."""
    out = {k: row[k] for k in _MENTION_KEYS if k in row}
    out["coder"] = {"name": row.get("coder_name"), "version": row.get("coder_version")}
    article = {k: row[k] for k in _ARTICLE_KEYS if k in row}
    if article:
        out["article"] = article
    return out


def event_with_evidence(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The event of ``EventStore.event_arrow(...).to_pylist()`` with its mentions, or None if empty."""
    if not rows:
        return None
    return {**event_record(rows[0]), "mentions": [mention_record(r) for r in rows]}


def jsonable(value: Any) -> Any:
    """``json.dumps``'s ``default``: dates and times as ISO 8601, bytes as hex, decimals as numbers.

    A decimal without a fractional part (DuckDB's HUGEINT, a ``sum`` of integers) is written exactly
    as an integer; one with a scale as the nearest float.
    """
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        return int(value) if isinstance(exponent, int) and exponent >= 0 else float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
