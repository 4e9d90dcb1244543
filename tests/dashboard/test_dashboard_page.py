"""`/` serves the built page and its files from the package; without them it says how to build them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import newsevents.api.dashboard as dashboard
import newsevents.store as st
from dashboard.dashboard_store import build
from newsevents.api import create_app
from newsevents.settings import Settings


@pytest.fixture()
def store(tmp_path: Path) -> st.EventStore:
    return st.open(build(tmp_path / "page.duckdb"))


def test_the_page_and_its_files_come_from_the_package(store: st.EventStore) -> None:
    # `make assets` (run by make dev and make test) builds them; a missing build is a failure here.
    with TestClient(create_app(store, Settings(), dict)) as client:
        page = client.get("/")
        assert page.status_code == 200 and '<script type="module" src="/static/main.js">' in page.text
        script = client.get("/static/main.js")
        assert script.status_code == 200 and len(script.content) > 10_000
        assert "/stats/volume" in script.text
        # Offline: the page and its script name no other host (XML namespace names are not fetched).
        hosts = re.findall(r"https?://([^/\"'\s)]+)", page.text + script.text)
        assert set(hosts) <= {"www.w3.org"}, set(hosts)
        assert client.get("/static/style.css").status_code == 200
    store.close()


def test_a_package_without_the_built_files_says_how_to_build_them(store: st.EventStore, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dashboard, "STATIC", tmp_path / "none")
    with TestClient(create_app(store, Settings(), dict)) as client:
        answer = client.get("/")
        assert answer.status_code == 503 and "make assets" in answer.json()["message"]
        assert client.get("/healthz").status_code == 200  # the API itself still answers
    store.close()
