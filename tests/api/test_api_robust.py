"""POST /articles with the inputs that used to answer 500: each is a coded 4xx (or is coded and stored),
through the real pipeline behind the real server; the server keeps answering."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import newsevents.store as st
from api.test_api_server import TOKEN, serving
from newsevents.api import create_app
from newsevents.pipeline import Pipeline
from newsevents.settings import Settings

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARREST = "Police arrested twelve protesters in Nairobi on Tuesday after a march on parliament."
MAX_CHARS = 20_000


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    settings = Settings().with_overrides({"serve": {"token": TOKEN, "max_request_bytes": 200_000},
                                          "nlp": {"max_chars": MAX_CHARS}})
    db = tmp_path_factory.mktemp("api-robust") / "api.duckdb"
    store = st.open(db, read_only=False, settings=settings.store)
    try:
        with serving(create_app(store, settings, lambda: Pipeline(settings).load())) as c:
            yield c
    finally:
        store.close()


def post(client: httpx.Client, **article: object) -> httpx.Response:
    response = client.post("/articles", json=article, headers=AUTH, timeout=120)
    assert response.status_code < 500, response.text
    return response


def coded_error(response: httpx.Response, code: str) -> str:
    assert response.status_code == 422, response.text
    body = response.json()  # the API's one error shape: {"code", "message"}
    assert body["code"] == code, body
    return str(body["message"])


@pytest.mark.model
@pytest.mark.parametrize("label", ["base64", "punycode", "iso-2022-kr", "windows-1252"])
def test_an_html_field_is_read_as_the_text_it_is_whatever_charset_it_names(client: httpx.Client, label: str) -> None:
    html = (f"<html><head><meta charset={label}></head><body><article><p>{ARREST}</p><p>The interior ministry "
            f"said they would be charged ({label} edition).</p></article></body></html>")
    response = post(client, id=f"label-{label}", html=html)
    assert response.status_code == 201, response.text
    assert any(e["cameo"].startswith("17") for e in response.json()["events"])


@pytest.mark.model
def test_a_url_that_cannot_be_parsed_is_e110(client: httpx.Client) -> None:
    assert "http://[::1/" in coded_error(post(client, id="ipv6", text=ARREST, url="http://[::1/"), "E110")


@pytest.mark.model
def test_impossible_dates_are_stored_undated(client: httpx.Client) -> None:
    text = "Police arrested twelve protesters on 0000-05-05. Police will arrest the organisers tomorrow, they said."
    response = post(client, id="impossible", text=text, date="9999-12-31")
    assert response.status_code == 201, response.text
    events = response.json()["events"]
    assert events and all(e["date"] is None for e in events)
    assert client.get("/articles/impossible").json()["doc_id"] == "impossible"


@pytest.mark.model
def test_text_over_nlp_max_chars_is_e102(client: httpx.Client) -> None:
    message = coded_error(post(client, id="long", text=(ARREST + " ") * (MAX_CHARS // len(ARREST) + 2)), "E102")
    assert "nlp.max_chars" in message


@pytest.mark.model
def test_invisible_characters_do_not_hide_the_event(client: httpx.Client) -> None:
    text = ARREST.replace("arrested", "arr\u200bested").replace("protesters", "pro\u00adtesters")  # inside words
    response = post(client, id="hidden", text=text)
    assert response.status_code == 201, response.text
    (event,) = [e for e in response.json()["events"] if e["cameo"].startswith("17")]
    assert event["sentence"] == ARREST


@pytest.mark.model
def test_the_server_still_answers(client: httpx.Client, tmp_path: Path) -> None:
    assert client.get("/healthz").status_code == 200
