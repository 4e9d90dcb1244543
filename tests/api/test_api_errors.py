"""Every API error in one shape, {"code", "message"} (+ "field"); unexpected ones recorded; /docs offline."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx
import pytest

import newsevents.store as st
from api.test_api_server import serving
from newsevents.api import create_app
from newsevents.settings import Settings
from newsevents.types import Document, Failure, Result
from store.store_fakes import FakePipeline, event, result, story_text

TOKEN = "an-api-token"
MAX_BYTES = 3000
AUTH = {"Authorization": f"Bearer {TOKEN}"}


class CrashingPipeline(FakePipeline):
    """The stand-in pipeline, with a bug: an article saying CRASH raises out of it."""

    def run(self, items: Iterable[Document | Failure], *, n_process: int = 1) -> Iterator[Result | Failure]:
        for item in super().run(items):
            if isinstance(item, Result) and "CRASH" in item.article.text:
                raise RuntimeError("a bug met while coding")
            yield item


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, st.EventStore]]:
    db = tmp_path_factory.mktemp("errors") / "errors.duckdb"
    settings = Settings().with_overrides({"serve": {"token": TOKEN, "max_request_bytes": MAX_BYTES}})
    store = st.open(db, read_only=False, settings=settings.store)
    store.ingest([result("a", "Washington visited Iraq. " + story_text(1), events=[event("a", 0)])])
    try:
        with serving(create_app(store, settings, CrashingPipeline), settings.serve) as client:
            yield client, store
    finally:
        store.close()


@pytest.fixture()
def client(served: tuple[httpx.Client, st.EventStore]) -> httpx.Client:
    return served[0]


def _error(response: httpx.Response, status: int, code: str) -> dict[str, str]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["code"] == code and isinstance(body["message"], str) and body["message"]
    assert set(body) <= {"code", "message", "field"}
    return body


def test_not_found_is_404_with_a_code(client: httpx.Client) -> None:
    assert "no event 424242" in _error(client.get("/events/424242"), 404, "E005")["message"]
    assert "no article 'missing'" in _error(client.get("/articles/missing"), 404, "E005")["message"]
    assert "/docs lists its paths" in _error(client.get("/no/such/path"), 404, "E005")["message"]


def test_validation_is_422_with_the_field(client: httpx.Client) -> None:
    limit = _error(client.get("/events", params={"limit": 0}), 422, "E001")
    assert limit["field"] == "query.limit" and "greater than or equal to 1" in limit["message"]
    country = _error(client.get("/events", params={"country": "Iraq"}), 422, "E001")
    assert country["field"] == "query.country"
    body = _error(client.post("/articles", json={"text": "x", "extra": 1}, headers=AUTH), 422, "E001")
    assert body["field"] == "body.extra"
    both = _error(client.get("/events", params={"type": "ASSAULT", "cameo": "19"}), 422, "E001")
    assert "field" not in both  # a rule over two filters, not one field's fault
    _error(client.get("/events/not-a-number"), 422, "E001")
    _error(client.post("/articles", content=b"{not json", headers={**AUTH, "Content-Type": "application/json"}),
           422, "E001")


def test_too_large_is_413_with_a_code(client: httpx.Client) -> None:
    big = ('{"text": "' + "x" * MAX_BYTES + '"}').encode()
    headers = {**AUTH, "Content-Type": "application/json"}
    declared = _error(client.post("/articles", content=big, headers=headers), 413, "E102")
    assert "serve.max_request_bytes" in declared["message"]

    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(5):
            yield b"y" * 1000
        yield b'"}'

    _error(client.post("/articles", content=chunks(), headers=headers), 413, "E102")


def test_auth_and_method_errors_have_codes(client: httpx.Client) -> None:
    missing = _error(client.post("/articles", json={"text": "x"}), 401, "E006")
    assert "Bearer" in missing["message"]
    _error(client.post("/articles", json={"text": "x"}, headers={"Authorization": "Bearer nope"}), 403, "E006")
    _error(client.delete("/events"), 405, "E001")


def test_a_coding_failure_keeps_its_own_code(client: httpx.Client) -> None:
    _error(client.post("/articles", json={"text": "FAIL this article"}, headers=AUTH), 422, "E201")


def test_an_unexpected_error_is_coded_and_recorded(served: tuple[httpx.Client, st.EventStore]) -> None:
    client, store = served
    crash = client.post("/articles", json={"id": "boom", "text": "Washington visited Iraq. CRASH"}, headers=AUTH)
    body = _error(crash, 500, "E900")
    assert "RuntimeError" in body["message"] and "recorded in the store's failures table" in body["message"]
    assert "Traceback" not in crash.text and "a bug met" not in crash.text  # no internals in the answer
    failures = store.failures()
    row = failures[failures["source"] == "api:POST /articles"].iloc[0]
    assert row["code"] == "E900" and "RuntimeError: a bug met while coding" in row["message"]
    assert client.get("/healthz").json()["failures"] >= 1  # the server goes on answering


def test_docs_work_offline(client: httpx.Client) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert "SwaggerUIBundle" in html and "/openapi.json" in html
    assert not re.search(r"(?i)(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html), "the docs page names another host"
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(a.startswith("/docs/assets/") for a in assets)
    for asset in assets:
        served = client.get(asset)
        assert served.status_code == 200 and len(served.content) > 500, asset
    assert client.get("/openapi.json").json()["openapi"].startswith("3.")
    assert client.get("/redoc").status_code == 404  # ReDoc would load its script from a CDN: not served


def test_the_schema_describes_the_error_shape(client: httpx.Client) -> None:
    schema = client.get("/openapi.json").json()
    assert set(schema["components"]["schemas"]["ErrorOut"]["properties"]) == {"code", "message", "field"}
    responses = schema["paths"]["/events"]["get"]["responses"]
    assert responses["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")


def test_a_read_only_store_refuses_posts_with_a_code(tmp_path: Path) -> None:
    db = tmp_path / "ro.duckdb"
    st.open(db, read_only=False).close()
    settings = Settings().with_overrides({"serve": {"token": TOKEN}})
    with st.open(db) as store, serving(create_app(store, settings, CrashingPipeline)) as client:
        refused = _error(client.post("/articles", json={"text": "x"}, headers=AUTH), 503, "E500")
        assert "read-only" in refused["message"]
