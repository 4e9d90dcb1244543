"""The HTTP API, served by uvicorn on a free local port and spoken to with httpx."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

import newsevents.store as st
from newsevents.api import create_app
from newsevents.api.server import uvicorn_config
from newsevents.settings import ServeSettings, Settings
from store.store_fakes import IRQ, UN, FakePipeline, event, result, story_text

TOKEN = "s3cret-token"
MAX_BYTES = 4000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(app: FastAPI, settings: ServeSettings | None = None) -> Iterator[httpx.Client]:
    """``app`` run by uvicorn as ``newsevents serve`` runs it, in a thread on a free local port, and a client."""
    port = _free_port()
    config = (settings or ServeSettings()).model_copy(update={"host": "127.0.0.1", "port": port})
    uv = uvicorn.Server(uvicorn_config(app, config, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            yield client
    finally:
        uv.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, FakePipeline]]:
    db = tmp_path_factory.mktemp("api") / "api.duckdb"
    settings = Settings().with_overrides({"serve": {"token": TOKEN, "max_request_bytes": MAX_BYTES, "page_size": 2}})
    store = st.open(db, read_only=False, settings=settings.store)
    store.ingest([
        result("a", "Washington visited Iraq. " + story_text(1), events=[event("a", 0)], url="https://x.example/a"),
        result("b", "Washington visited Iraq. " + story_text(1) + " Updated.", events=[event("b", 0)], site="AP"),
        result("c", story_text(3), events=[event("c", 0, source=UN, target=IRQ, cameo="0231"),
                                           event("c", 1, cameo="190", plover="ASSAULT", quad=4, goldstein=-10)]),
    ])
    pipeline = FakePipeline()
    made: list[FakePipeline] = []

    def factory() -> FakePipeline:
        made.append(pipeline)
        return pipeline

    try:
        with serving(create_app(store, settings, factory)) as client:
            yield client, pipeline
    finally:
        store.close()
    assert len(made) == 1  # the pipeline was built once, on the first POST


@pytest.fixture()
def client(server: tuple[httpx.Client, FakePipeline]) -> httpx.Client:
    return server[0]


def test_healthz_and_openapi(client: httpx.Client) -> None:
    health = client.get("/healthz")
    assert health.status_code == 200 and health.json()["status"] == "ok"
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/events", "/events/{event_id}", "/articles/{doc_id}", "/actors", "/stats/timeline", "/articles",
            "/healthz"} <= set(paths)
    assert {"type", "cameo", "near", "cursor"} <= {p["name"] for p in paths["/events"]["get"]["parameters"]}


def test_events_are_paginated_with_a_total(client: httpx.Client) -> None:
    first = client.get("/events").json()
    assert first["total"] == 3 and first["limit"] == 2 and len(first["events"]) == 2
    second = client.get("/events", params={"cursor": first["next_cursor"]}).json()
    assert len(second["events"]) == 1 and second["next_cursor"] is None
    ids = [e["event_id"] for e in first["events"] + second["events"]]
    assert len(set(ids)) == 3
    by_offset = client.get("/events", params={"limit": 1, "offset": 2}).json()
    assert [e["event_id"] for e in by_offset["events"]] == ids[2:]


def test_event_filters(client: httpx.Client) -> None:
    consult = client.get("/events", params={"dyad": "USA:IRQ", "type": "consult"}).json()
    assert consult["total"] == 1
    e = consult["events"][0]
    assert (e["num_articles"], e["num_mentions"], e["source"]["code"], e["cameo"]) == (2, 2, "USAGOV", "042")
    assert client.get("/events", params={"cameo": "19"}).json()["total"] == 1
    assert client.get("/events", params={"actor": "United Nations"}).json()["total"] == 1
    assert client.get("/events", params={"near": "33.3,44.4,20", "since": "2024-05-01"}).json()["total"] == 3
    assert client.get("/events", params={"until": "2024-04-30"}).json()["total"] == 0


@pytest.mark.parametrize("params", [
    {"country": "IRAQ"}, {"cameo": "abc"}, {"type": "ASSAULT", "cameo": "19"}, {"since": "yesterday"},
    {"since": "2024-06-01", "until": "2024-05-01"}, {"near": "33,44"}, {"near": "99,44,10"}, {"limit": 0},
    {"limit": 10_001}, {"offset": -1}, {"cursor": "%%%"}, {"cursor": "bm9wZQ", "offset": 1}, {"dyad": "USA"},
])
def test_invalid_parameters_are_422(client: httpx.Client, params: dict) -> None:
    response = client.get("/events", params=params)
    assert response.status_code == 422, response.text


def test_injection_looking_parameters_are_harmless(client: httpx.Client) -> None:
    for value in ("x'; DROP TABLE events; --", "' OR 1=1 --", "%"):
        response = client.get("/events", params={"actor": value})
        assert response.status_code == 200 and response.json()["total"] == 0
    assert client.get("/events/1 OR 1=1").status_code == 422
    assert client.get("/articles/a' OR '1'='1").status_code == 404
    assert client.get("/events").json()["total"] == 3


def test_event_with_evidence(client: httpx.Client) -> None:
    event_id = client.get("/events", params={"cameo": "042"}).json()["events"][0]["event_id"]
    body = client.get(f"/events/{event_id}").json()
    assert body["event_id"] == event_id and len(body["mentions"]) == 2
    mention = body["mentions"][0]
    assert mention["sentence"] == "Washington visited Iraq." and (mention["char_start"], mention["char_end"]) == (0, 24)
    assert mention["coder"] == {"name": "fake", "version": "0"} and mention["article"]["url"] == "https://x.example/a"
    assert client.get("/events/999999").status_code == 404
    assert client.get("/events/abc").status_code == 422


def test_article_with_its_events_and_story(client: httpx.Client) -> None:
    body = client.get("/articles/a").json()
    assert body["doc_id"] == "a" and body["text"].startswith("Washington visited Iraq.")
    assert [e["cameo"] for e in body["events"]] == ["042"]
    assert [s["doc_id"] for s in body["story"]] == ["b"]  # its near-duplicate
    assert client.get("/articles/nope").status_code == 404


def test_actors_and_timeline(client: httpx.Client) -> None:
    actors = client.get("/actors", params={"limit": 2}).json()["actors"]
    assert [(a["code"], a["events"]) for a in actors] == [("IRQGOV", 3), ("USAGOV", 2)]
    timeline = client.get("/stats/timeline", params={"since": "2024-05-01"}).json()["timeline"]
    assert timeline == [{"date": "2024-05-01", "quad_class": 1, "events": 2, "mentions": 3},
                        {"date": "2024-05-01", "quad_class": 4, "events": 1, "mentions": 1}]
    assert client.get("/actors", params={"limit": 0}).status_code == 422


def test_post_requires_the_token(client: httpx.Client) -> None:
    article = {"id": "p0", "text": "Washington visited Iraq again."}
    missing = client.post("/articles", json=article)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert client.post("/articles", json=article, headers={"Authorization": "Bearer wrong"}).status_code == 403
    assert client.post("/articles", json=article, headers={"Authorization": TOKEN}).status_code == 401


def test_post_codes_and_stores_once(server: tuple[httpx.Client, FakePipeline]) -> None:
    client, pipeline = server
    auth = {"Authorization": f"Bearer {TOKEN}"}
    article = {"id": "p1", "text": "Officials said Washington visited Iraq. More talks follow.",
               "url": "https://x.example/p1", "date": "2024-07-01", "title": "Talks"}
    created = client.post("/articles", json=article, headers=auth)
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["status"] == "stored" and body["doc_id"] == "p1" and len(body["events"]) == 1
    assert client.get("/events", params={"since": "2024-07-01"}).json()["total"] == 1
    again = client.post("/articles", json=article, headers=auth)
    assert again.status_code == 200 and again.json()["status"] == "skipped" and again.json()["doc_id"] == "p1"
    assert pipeline.seen.count("p1") == 1  # not coded twice
    assert client.get("/articles/p1").json()["title"] == "Talks"


def test_post_validation_and_coding_failures_are_422(client: httpx.Client) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for bad in ({"text": "a", "html": "<p>a</p>"}, {}, {"text": "x", "date": "soon"}, {"text": "x", "extra": 1}):
        assert client.post("/articles", json=bad, headers=auth).status_code == 422, bad
    failed = client.post("/articles", json={"text": "FAIL this one"}, headers=auth)
    assert failed.status_code == 422 and failed.json()["code"] == "E201" and "message" in failed.json()


def test_oversized_bodies_are_413(client: httpx.Client) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    big = ('{"text": "' + "x" * MAX_BYTES + '"}').encode()
    assert client.post("/articles", content=big, headers=auth).status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        yield b'{"text": "'
        for _ in range(10):
            yield b"y" * 1000
        yield b'"}'

    assert client.post("/articles", content=chunks(), headers=auth).status_code == 413
    assert client.get("/healthz").status_code == 200  # the server is still there


def test_post_is_disabled_without_a_token(tmp_path: Path) -> None:
    db = tmp_path / "ro.duckdb"
    st.open(db, read_only=False).close()
    with st.open(db) as store, serving(create_app(store, Settings(), FakePipeline)) as client:
        response = client.post("/articles", json={"text": "x"}, headers={"Authorization": "Bearer x"})
        assert response.status_code == 503 and "serve.token" in response.json()["message"]
        assert response.json()["code"] == "E006"
        assert client.get("/healthz").json()["read_only"] is True
