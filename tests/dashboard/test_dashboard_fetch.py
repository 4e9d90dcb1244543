"""The dashboard's form can send a URL alone: POST /articles then fetches the page (a real HTTP server on
loopback here) and codes it; a URL that cannot be fetched is a 422 with its own code."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

import newsevents.store as st
from api.test_api_server import serving
from newsevents.api import create_app
from newsevents.settings import Settings
from store.store_fakes import FakePipeline

TOKEN = "fetch-token"
PAGE = (b"<html><head><title>Talks</title></head><body><article><p>Officials said Washington visited Iraq.</p>"
        b"<p>More talks follow.</p></article></body></html>")


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path != "/talks":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    settings = Settings().with_overrides({"serve": {"token": TOKEN}, "read": {"http_deadline_s": 10}})
    store = st.open(tmp_path_factory.mktemp("fetch") / "f.duckdb", read_only=False, settings=settings.store)
    try:
        with serving(create_app(store, settings, FakePipeline)) as client:
            yield client
    finally:
        store.close()


AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_a_url_alone_is_fetched_and_coded(client: httpx.Client, site: str) -> None:
    created = client.post("/articles", json={"url": f"{site}/talks", "date": "2024-07-01"}, headers=AUTH)
    assert created.status_code == 201, created.text
    body = created.json()
    assert len(body["events"]) == 1 and body["events"][0]["date"] == "2024-07-01"
    stored = client.get(f"/articles/{body['doc_id']}").json()
    assert stored["url"] == f"{site}/talks"


def test_a_url_that_cannot_be_fetched_says_why(client: httpx.Client, site: str) -> None:
    missing = client.post("/articles", json={"url": f"{site}/gone"}, headers=AUTH)
    assert missing.status_code == 422 and missing.json()["code"] == "E107" and "404" in missing.json()["message"]
    ftp = client.post("/articles", json={"url": "ftp://x.example/a"}, headers=AUTH)
    assert ftp.status_code == 422 and ftp.json()["code"] == "E107" and "ftp" in ftp.json()["message"]
    nothing = client.post("/articles", json={"title": "no body"}, headers=AUTH)
    assert nothing.status_code == 422 and "url" in nothing.json()["message"]
    assert client.post("/articles", json={"url": f"{site}/talks"}).status_code == 401  # the token still rules
