"""The HTTP API over an EventStore (FastAPI; OpenAPI schema at /openapi.json).

    GET  /events               filtered, paginated events (limit/offset or cursor) with the total
    GET  /events/{event_id}    one event with every mention: the evidence
    GET  /articles/{doc_id}    one article, its event mentions and the other articles of its story
    GET  /actors               actors by number of events
    GET  /stats/timeline       events per day and quad class
    POST /articles             code and store an article, or fetch it from its URL first (Bearer token; 503
                               when none is configured)
    GET  /healthz              liveness
    GET  /docs                 Swagger UI, served from the installed swagger-ui-bundle-v2 (no CDN)

Every query parameter is validated here (422 otherwise) and reaches DuckDB as a bound parameter, on
the store's locked-down read connection. Every error is answered as ``{"code", "message"}`` (errors.py);
an unexpected one is recorded in the store's failures table.
"""

from __future__ import annotations

import dataclasses
import hmac
import json
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Annotated, Any, Protocol

from fastapi import Depends, FastAPI, Header, Path, Query, Response
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from ..errors import AccessError, NewsEventsError, NotFoundError, StoreError, UsageError
from ..read.url import Fetcher
from ..settings import Settings
from ..store import EventStore
from ..store.ingest import Outcome
from ..store.queries import encode_cursor
from ..store.records import event_record, event_with_evidence, jsonable, mention_record
from ..types import Document, Failure, Result
from .dashboard import install_dashboard
from .errors import ApiError, error_responses, install
from .filters import Filters, event_filters
from .limits import BodyLimit
from .models import ArticleIn, ArticleStored, EventsPage

__all__ = ["create_app", "event_filters"]

DOCS_ASSETS = "/docs/assets"


class PipelineLike(Protocol):
    def run(self, items: Iterable[Document | Failure], *, n_process: int = 1) -> Iterator[Result | Failure]: ...


def create_app(store: EventStore, settings: Settings, pipeline_factory: Callable[[], PipelineLike]) -> FastAPI:
    """The API over ``store``; ``pipeline_factory`` is called once, on the first POST /articles."""
    app = FastAPI(title="newsevents", version="1", summary="Political events coded from news, with evidence.",
                  docs_url=None, redoc_url=None, responses=error_responses())
    app.add_middleware(BodyLimit, max_bytes=settings.serve.max_request_bytes)
    install(app, None if store.read_only else _recorder(store))
    _docs(app)
    install_dashboard(app, store)
    page_size = settings.serve.page_size
    loaded: list[PipelineLike] = []
    load_lock = threading.Lock()

    def pipeline() -> PipelineLike:
        with load_lock:
            if not loaded:
                loaded.append(pipeline_factory())
            return loaded[0]

    def authorised(authorization: Annotated[str | None, Header(description="Bearer <token>")] = None) -> None:
        token = settings.serve.token
        if token is None:
            raise ApiError(503, AccessError("POST /articles is disabled: set serve.token (or "
                                            "$NEWSEVENTS_API_TOKEN) and restart the server"))
        if store.read_only:
            raise ApiError(503, StoreError("the store is open read-only; restart the server with write access "
                                           "to its file"))
        if not authorization or not authorization.startswith("Bearer "):
            raise ApiError(401, AccessError("send the API token as 'Authorization: Bearer <token>'"),
                           headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(authorization.removeprefix("Bearer ").encode(), token.encode()):
            raise ApiError(403, AccessError("the API token is not the one configured for this server"))

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        return {"status": "ok", "read_only": store.read_only, **store.counts()}

    @app.get("/events", response_model=EventsPage)
    def list_events(filters: Filters,
                    limit: Annotated[int | None, Query(ge=1, le=10_000, description="Page size.")] = None,
                    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
                    cursor: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_-]{1,100}$",
                                                        description="next_cursor of the previous page.")] = None,
                    ) -> Response:
        if cursor and offset:
            raise ApiError(422, UsageError("give either offset or cursor, not both"))
        size = limit or page_size
        try:
            rows = store.events_arrow(**filters, limit=size, offset=offset, cursor=cursor).to_pylist()
        except UsageError as exc:
            raise ApiError(422, exc) from None
        # A first page that is not full already holds every match: no second scan to count them.
        total = len(rows) if not offset and not cursor and len(rows) < size else store.count_events(**filters)
        return _json({"total": total, "limit": size, "offset": offset,
                      "next_cursor": encode_cursor(rows[-1]) if len(rows) == size else None,
                      "events": [event_record(r) for r in rows]})

    @app.get("/events/{event_id}")
    def get_event(event_id: Annotated[int, Path(ge=1, le=2**63 - 1)]) -> Response:
        found = event_with_evidence(store.event_arrow(event_id).to_pylist())
        if found is None:
            raise ApiError(404, NotFoundError(f"no event {event_id} in this store"))
        return _json(found)

    @app.get("/articles/{doc_id:path}")
    def get_article(doc_id: Annotated[str, Path(min_length=1, max_length=500)]) -> Response:
        rows = store.article_arrow(doc_id).to_pylist()
        if not rows:
            raise ApiError(404, NotFoundError(f"no article {doc_id!r} in this store"))
        article = rows[0]
        story = [r for r in store.story_arrow(article["story_id"]).to_pylist() if r["doc_id"] != doc_id]
        mentions = store.article_mentions_arrow(doc_id).to_pylist()
        return _json({**article, "events": [_article_event(m) for m in mentions], "story": story})

    @app.get("/actors")
    def top_actors(filters: Filters, limit: Annotated[int, Query(ge=1, le=1000)] = 20) -> Response:
        return _json({"actors": store.actors_arrow(limit, **filters).to_pylist()})

    @app.get("/stats/timeline")
    def timeline(filters: Filters) -> Response:
        return _json({"timeline": store.timeline_arrow(**filters).to_pylist()})

    @app.post("/articles", status_code=201, response_model=ArticleStored, dependencies=[Depends(authorised)],
              responses={200: {"description": "Already stored: the stored article's id"},
                         401: {"description": "No token"}, 403: {"description": "Wrong token"},
                         413: {"description": "Body too large"},
                         422: {"description": "Invalid body, or the article could not be coded"},
                         503: {"description": "POST disabled: no token configured"}})
    def post_article(article: ArticleIn, response: Response) -> dict[str, Any]:
        outcomes: list[Outcome] = []
        store.ingest_documents([_fetched(article, settings) if article.to_fetch else article.document()],
                               pipeline().run, on_commit=outcomes.extend)
        outcome = outcomes[-1]
        if outcome.status == "failed":
            raise ApiError(422, _Coded(outcome.code or "E000", outcome.message or "the article could not be coded"))
        if outcome.status != "stored":
            response.status_code = 200
        assert outcome.article_id is not None
        mentions = store.article_mentions_arrow(outcome.article_id).to_pylist()
        return {"doc_id": outcome.article_id, "status": outcome.status,
                "events": [_article_event(m) for m in mentions]}

    return app


class _Coded(NewsEventsError):
    """A document's failure (its own code) answered as an error."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def _fetched(article: ArticleIn, settings: Settings) -> Document | Failure:
    """The page at the article's URL (or the Failure saying why not: E107, E110...), with its id and date."""
    assert article.url is not None
    with Fetcher(settings.read) as fetcher:
        got = fetcher.fetch(article.url)
    if isinstance(got, Failure):
        return got
    changes: dict[str, Any] = {"published": article.date} if article.date else {}
    if article.id:
        changes["doc_id"] = article.id
    if article.title:
        changes["title"] = article.title
    return dataclasses.replace(got, **changes) if changes else got


def _recorder(store: EventStore) -> Callable[[Failure], None]:
    def record(failure: Failure) -> None:
        store.ingest([failure])  # one open failure per source and code, as for any document

    return record


def _docs(app: FastAPI) -> None:
    """Swagger UI at /docs, its script and style from the installed package: nothing from a CDN."""
    app.mount(DOCS_ASSETS, StaticFiles(directory=str(swagger_ui_path)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(openapi_url=app.openapi_url or "/openapi.json", title="newsevents API",
                                   swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
                                   swagger_favicon_url=f"{DOCS_ASSETS}/favicon-32x32.png",
                                   oauth2_redirect_url=None, swagger_ui_parameters={"validatorUrl": None})


def _json(payload: dict[str, Any]) -> Response:
    # Query rows hold only str, int, float, bool, None, date and datetime: json.dumps does them directly,
    # several times faster than FastAPI's generic jsonable_encoder on a year of timeline rows.
    return Response(json.dumps(payload, default=jsonable, ensure_ascii=False), media_type="application/json")


def _article_event(row: dict[str, Any]) -> dict[str, Any]:
    return {"event_id": row["event_id"], "cameo": row["cameo"], "plover_type": row["plover_type"],
            "source_code": row["source_code"], "target_code": row["target_code"], "date": row["date"],
            "num_articles": row["num_articles"], **mention_record(row)}
