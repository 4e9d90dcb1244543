"""The dashboard's endpoints (issue 11) and the page itself, on the same app as the rest of the API.

    GET /                        the dashboard (static files built from web/ by ``make assets``)
    GET /stats/volume            events per day, week or month and quad class, with the mean Goldstein score
    GET /stats/places            located events clustered on a grid, with the radius that holds each cluster
    GET /stats/dyads             top source -> target pairs, with the change against the previous period
    GET /events/{id}/evidence    one event's article with the sentence, trigger, actors and place marked,
                                 and the other articles of its story
    GET /export                  the events of the current filter as CSV, Parquet, GDELT, JSON Lines or POLECAT

Every endpoint takes the filters of /events (app.event_filters), so every view follows one filter.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.background import BackgroundTask

from ..errors import NotFoundError, StoreError
from ..store import EventStore
from ..store.dashboard import BucketChoice
from ..store.export import default_modality
from ..store.records import event_with_evidence, jsonable
from .errors import ApiError
from .filters import Filters

STATIC = Path(__file__).resolve().parent / "static"  # built by `make assets` (web/ -> here); git-ignored
ExportChoice = Literal["csv", "parquet", "gdelt", "jsonl", "polecat"]
_MEDIA = {"csv": ("text/csv", "csv"), "parquet": ("application/vnd.apache.parquet", "parquet"),
          "gdelt": ("text/tab-separated-values", "gdelt.tsv"), "jsonl": ("application/x-ndjson", "jsonl"),
          "polecat": ("text/tab-separated-values", "polecat.tsv")}
MARK_KINDS = ("trigger", "source", "target", "location")


def install_dashboard(app: FastAPI, store: EventStore) -> None:
    """Add the dashboard's page and endpoints to ``app``."""
    if (STATIC / "index.html").is_file():
        app.mount("/static", StaticFiles(directory=str(STATIC)), name="dashboard-static")

    @app.get("/", include_in_schema=False)
    def page() -> Response:
        index = STATIC / "index.html"
        if not index.is_file():
            raise ApiError(503, StoreError("the dashboard's files are not built: run `make assets` in the "
                                           "source tree (it needs node and npm), then restart the server"))
        return HTMLResponse(index.read_text(encoding="utf-8"))

    @app.get("/stats/volume")
    def volume(flt: Filters,
               bucket: Annotated[BucketChoice, Query(description="day, week (ISO, from Monday), month, or auto: "
                                                     "day up to 120 days, week up to two years, else month.")
                                 ] = "auto") -> Response:
        """Events per period and quad class, and their mean Goldstein score (``scored``: events with one)."""
        chosen, table = store.volume_arrow(bucket, **flt)
        return _json({"bucket": chosen, "volume": table.to_pylist()})

    @app.get("/stats/places")
    def places(flt: Filters,
               cell: Annotated[float, Query(ge=0.01, le=90, description="Grid cell, in degrees.")] = 1.0,
               limit: Annotated[int, Query(ge=1, le=10_000)] = 2000) -> Response:
        """Clusters of located events; ``/events?near=LAT,LON,KM`` with a cluster's values lists its events."""
        return _json({"cell": cell, "places": store.places_arrow(cell, limit, **flt).to_pylist()})

    @app.get("/stats/dyads")
    def dyads(flt: Filters, limit: Annotated[int, Query(ge=1, le=500)] = 20) -> Response:
        """Top source -> target actor pairs in the period (the filter's dates, or those of the matching
        events), with the count over the equally long period just before and the change."""
        span, table = store.dyads_arrow(limit, **flt)
        return _json({"period": None if span is None else {"since": span.since, "until": span.until},
                      "previous": None if span is None else {"since": span.previous.since,
                                                             "until": span.previous.until},
                      "dyads": table.to_pylist()})

    @app.get("/events/{event_id}/evidence")
    def evidence(event_id: Annotated[int, PathParam(ge=1, le=2**63 - 1)],
                 mention: Annotated[int, Query(ge=0, le=100_000, description="Which mention (0: first).")] = 0,
                 ) -> Response:
        """The event, one mention's article text with the marks to draw, and the story's other articles."""
        found = event_with_evidence(store.event_arrow(event_id).to_pylist())
        if found is None:
            raise ApiError(404, NotFoundError(f"no event {event_id} in this store"))
        mentions = found["mentions"]
        if mention >= len(mentions):
            raise ApiError(404, NotFoundError(f"event {event_id} has {len(mentions)} mentions; ask for one of "
                                              f"0 to {len(mentions) - 1}"))
        chosen = mentions[mention]
        article = store.article_arrow(chosen["doc_id"]).to_pylist()[0]
        story = [r for r in store.story_arrow(article["story_id"]).to_pylist() if r["doc_id"] != article["doc_id"]]
        return _json({"event": found, "mention": mention,
                      "article": {k: article[k] for k in ("doc_id", "url", "title", "outlet", "published",
                                                          "source_uri", "text", "story_id")},
                      "marks": marks(article["text"], chosen), "story": story})

    @app.get("/export", response_class=FileResponse,
             responses={200: {"description": "The events, as a file to save",
                              "content": {media: {} for media, _ in _MEDIA.values()}}})
    def export(flt: Filters, fmt: Annotated[ExportChoice, Query(alias="format", description="csv, parquet, "
                                                                "gdelt, jsonl or polecat.")] = "csv",
               ) -> FileResponse:
        """The events of the filter as a file. Without ``modality``, GDELT and POLECAT hold asserted events
        only (as ``newsevents export``), the others every event."""
        chosen = dict(flt)
        if chosen.get("modality") is None:
            chosen["modality"] = default_modality(fmt)
        media, suffix = _MEDIA[fmt]
        handle, name = tempfile.mkstemp(prefix="newsevents-export-", suffix="." + suffix)
        try:
            with os.fdopen(handle, "wb") as sink:
                store.export(fmt, sink, **chosen)
        except BaseException:
            os.unlink(name)
            raise
        return FileResponse(name, media_type=media, filename=f"events-{date.today().isoformat()}.{suffix}",
                            background=BackgroundTask(os.unlink, name))


def marks(text: str, mention: dict[str, Any]) -> list[dict[str, Any]]:
    """Character spans in ``text`` to highlight: the sentence (its stored offsets), and inside it the first
    occurrence of the trigger, source, target and place words (the store keeps their text, not offsets)."""
    start, end = mention["char_start"], mention["char_end"]
    if not (0 <= start <= end <= len(text)):
        return []
    out: list[dict[str, Any]] = [{"kind": "sentence", "start": start, "end": end}]
    sentence = text[start:end]
    taken: list[tuple[int, int]] = []
    for kind in MARK_KINDS:
        words = mention.get(f"{kind}_text" if kind != "trigger" else "trigger")
        if not words:
            continue
        at = sentence.find(words)
        while at >= 0 and any(at < b and a < at + len(words) for a, b in taken):
            at = sentence.find(words, at + 1)
        if at < 0:
            continue
        taken.append((at, at + len(words)))
        out.append({"kind": kind, "start": start + at, "end": start + at + len(words)})
    return out


def _json(payload: dict[str, Any]) -> Response:
    return Response(json.dumps(payload, default=jsonable, ensure_ascii=False), media_type="application/json")
