"""The dashboard in a real browser: Debian's Chromium, headless, driven by Playwright, against a real
`newsevents serve` on 127.0.0.1 over a small store. Screenshots go to build/screenshots/."""

from __future__ import annotations

import csv
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from dashboard.dashboard_store import SHELL, build

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "screenshots"
TOKEN = "browser-test-token"
# `make browser` installs Debian's chromium; Playwright's own browser download is not used.
CHROMIUM = os.environ.get("NEWSEVENTS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build(tmp_path_factory.mktemp("browser") / "dash.duckdb")
    port = _free_port()
    command = [str(Path(sys.executable).parent / "newsevents"), "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, env={**os.environ, "NEWSEVENTS_API_TOKEN": TOKEN},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else "serve exited"
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "newsevents serve did not start"
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(20)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), f"no Chromium at {CHROMIUM}: run `make browser` (apt-get install chromium)"
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == []  # no script error on the way


def _ready(page: Page) -> None:
    page.wait_for_selector("body[data-state=ready]", timeout=15_000)


def _data(page: Page, selector: str, key: str) -> int:
    return int(page.eval_on_selector(selector, f"n => n.dataset.{key}"))


def _apply(page: Page) -> None:
    page.evaluate("document.body.dataset.state = 'stale'")
    page.click("#filters button[type=submit]")
    _ready(page)


def _query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_a_filter_changes_timeline_map_and_dyads(page: Page, base_url: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(base_url + "/")
    _ready(page)
    assert _data(page, "#timeline svg", "total") == 12 and _data(page, "#map svg", "clusters") == 3
    assert _data(page, "#dyads svg", "edges") == 5 and page.locator("#event-table tbody tr").count() == 12
    assert page.locator("#map .cluster").count() == 3 and page.locator("#dyads line.edge").count() == 5
    page.screenshot(path=str(SHOTS / "dashboard.png"), full_page=True)

    page.fill("input[name=country]", "ukr")
    _apply(page)
    assert _query(page)["country"] == ["UKR"]  # the filter is in the URL
    assert _data(page, "#timeline svg", "total") == 5 and _data(page, "#map svg", "clusters") == 1
    assert _data(page, "#dyads svg", "edges") == 1
    assert page.locator("#dyad-table tbody tr").first.inner_text().split("\t")[:2] == ["Russia RUSGOV",
                                                                                       "Ukraine UKRGOV"]
    # Clicking the one cluster lists its events.
    page.click("#map .cluster")
    page.wait_for_selector("#place-events h3")
    assert page.inner_text("#place-events h3") == "Kharkiv: 5 events"

    # A shared URL opens the same view; the back button returns to the previous one.
    page.goto(base_url + "/?quad=1,2")
    _ready(page)
    assert page.is_checked("input[name=quad][value='1']") and not page.is_checked("input[name=quad][value='4']")
    assert _data(page, "#timeline svg", "total") == 6


def test_brushing_the_timeline_sets_the_dates(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    _ready(page)
    box = page.locator("#timeline svg").bounding_box()
    assert box is not None
    page.evaluate("document.body.dataset.state = 'stale'")
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.08, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.35, y, steps=5)
    page.mouse.up()
    _ready(page)
    query = _query(page)
    assert query["since"][0] >= "2024-05-01" and query["until"][0] < "2024-05-28" and query["since"] <= query["until"]
    assert page.input_value("input[name=since]") == query["since"][0]
    assert 0 < _data(page, "#timeline svg", "total") < 12


def test_evidence_opens_with_the_sentence_marked(page: Page, base_url: str) -> None:
    page.goto(base_url + "/?country=UKR")
    _ready(page)
    page.click("#event-table button.open >> nth=0")
    dialog = page.locator("#evidence")
    dialog.wait_for(state="visible")
    text = dialog.locator(".article")
    assert text.locator("mark.sentence").inner_text() == SHELL
    assert text.locator(".m-source").inner_text() == "Moscow" and text.locator(".m-target").inner_text() == "Kyiv"
    assert text.locator(".m-trigger").inner_text() == "shelled"
    assert text.locator(".m-location").inner_text() == "Kharkiv"
    assert dialog.locator("#evidence-h").inner_text() == "Russia (RUSGOV) → ASSAULT → Ukraine (UKRGOV)"
    page.screenshot(path=str(SHOTS / "evidence.png"))
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")


def test_the_evidence_lists_the_storys_other_articles(page: Page, base_url: str) -> None:
    page.goto(base_url + "/?dyad=USA:IRQ&until=2024-05-01")
    _ready(page)
    page.click("#event-table button.open")
    page.locator("#evidence").wait_for(state="visible")
    story = page.locator("#evidence .story li")
    assert story.count() == 1 and "example/visit0" in story.inner_text()
    assert "example/visit0" in page.inner_text("#evidence .source-url")


def test_export_csv_of_the_current_filter(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + "/?country=UKR")
    _ready(page)
    with page.expect_download() as download:
        page.click("#export a[data-format=csv]")
    saved = tmp_path / "events.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(saved.open(encoding="utf-8")))
    assert len(rows) == 5 and {r["location_name"] for r in rows} == {"Kharkiv"}


def test_keyboard_alone_sets_a_dyad_filter(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    _ready(page)
    row = page.locator("#dyad-table tbody tr").nth(2)
    row.focus()
    page.evaluate("document.body.dataset.state = 'stale'")
    page.keyboard.press("Enter")
    _ready(page)
    assert _query(page)["dyad"] == ["FRAGOV:DEUGOV"] and _data(page, "#timeline svg", "total") == 2
    page.locator("#map .cluster").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#place-events h3")
    assert page.inner_text("#place-events h3") == "Lyon: 2 events"


def test_a_phone_sees_every_view_without_scrolling_sideways(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    try:
        page.goto(base_url + "/")
        _ready(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        for section in ("#timeline", "#map", "#dyads", "#events"):
            assert page.locator(section).bounding_box()["width"] <= 390  # type: ignore[index]
        page.screenshot(path=str(SHOTS / "phone.png"), full_page=True)
    finally:
        context.close()


def test_the_form_needs_the_token(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    _ready(page)
    page.fill("#code-form input[name=token]", "not-the-token")
    page.fill("#code-form textarea[name=text]", "Paris met Berlin in Lyon on Monday.")
    page.click("#code-form button[type=submit]")
    page.wait_for_function("document.querySelector('#code-result').textContent.startsWith('E006')")
    assert "token" in page.inner_text("#code-result")
