"""The dashboard in a real headless Chromium (Debian's, never a downloaded one).

Skipped, with the reason, when /usr/bin/chromium, chromedriver or selenium is
missing. Screenshots go to test-artifacts/browser/ (gitignored) for a human to
look at; the assertions are on the DOM the scripts built: markers, basemap,
timeline bars, table rows, the network, and no dialog from a hostile report.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.store_rows import build

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--window-size=1400,1000")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)),
                       reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"),
]
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip install '.[dev]')")
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db: str) -> Iterator[str]:
    import uvicorn

    from eventscope.web.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def example_url(tmp_path_factory, examples_dir_module) -> Iterator[str]:
    from eventscope.pipeline.process import process

    db = str(tmp_path_factory.mktemp("browser") / "examples.duckdb")
    process([examples_dir_module], db)
    yield from _serve(db)


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory) -> Iterator[str]:
    yield from _serve(build(str(tmp_path_factory.mktemp("browser-x") / "x.duckdb")))


@pytest.fixture(scope="module")
def examples_dir_module() -> Path:
    return Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def driver():
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not go online
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield drv
    drv.quit()


def _wait_attr(driver, css: str, attr: str, timeout: float = 15) -> str:
    WebDriverWait(driver, timeout).until(
        lambda d: d.find_element(By.CSS_SELECTOR, css).get_attribute(attr) is not None
        or d.find_element(By.CSS_SELECTOR, css).get_attribute("data-error") is not None)
    el = driver.find_element(By.CSS_SELECTOR, css)
    assert el.get_attribute("data-error") is None, el.get_attribute("data-error")
    return el.get_attribute(attr)


def _severe(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"
            and "favicon" not in e["message"]]


def test_dashboard_draws_markers_basemap_timeline_and_table(driver, example_url):
    import json
    import urllib.request

    with urllib.request.urlopen(f"{example_url}/api/v1/events?format=geojson&limit=500") as r:
        located = sum(f["geometry"] is not None for f in json.load(r)["features"])
    driver.get(example_url + "/")
    markers = int(_wait_attr(driver, "#map", "data-markers"))
    assert markers == located > 0
    assert len(driver.find_elements(By.CSS_SELECTOR, "#map path.event-marker")) == markers
    assert len(driver.find_elements(By.CSS_SELECTOR, "#map .leaflet-overlay-pane path")) > 100  # countries
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#timeline rect.bar"))
    assert len(driver.find_elements(By.CSS_SELECTOR, "tr[data-event]")) == 12
    driver.save_screenshot(str(ARTIFACTS / "dashboard.png"))
    assert _severe(driver) == []  # in particular no Content-Security-Policy violation

    driver.find_element(By.CSS_SELECTOR, "tr[data-event] a").click()
    WebDriverWait(driver, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "article.source"))
    assert driver.find_elements(By.CSS_SELECTOR, "blockquote.evidence mark")
    driver.save_screenshot(str(ARTIFACTS / "event.png"))


def test_network_page_draws_the_graph(driver, example_url):
    driver.get(example_url + "/network")
    nodes = int(_wait_attr(driver, "#network", "data-nodes"))
    assert nodes > 0 and len(driver.find_elements(By.CSS_SELECTOR, "#network circle.node")) == nodes
    driver.save_screenshot(str(ARTIFACTS / "network.png"))
    assert _severe(driver) == []


def test_api_docs_render_from_the_vendored_swagger_ui(driver, example_url):
    driver.get(example_url + "/docs")
    WebDriverWait(driver, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".swagger-ui .opblock"))
    assert any("/api/v1/events" in b.text for b in driver.find_elements(By.CSS_SELECTOR, ".opblock-summary-path"))
    driver.save_screenshot(str(ARTIFACTS / "docs.png"))


@pytest.mark.parametrize("path", ["/", "/events/E3", "/articles/a4", "/stories/S3"])
def test_hostile_report_opens_no_dialog_and_adds_no_element(driver, hostile_url, path):
    driver.get(hostile_url + path)
    with pytest.raises(TimeoutException):
        WebDriverWait(driver, 1).until(ec.alert_is_present())
    assert driver.find_elements(By.CSS_SELECTOR, "main img") == []
    assert all((s.get_attribute("src") or "").startswith(hostile_url + "/static/")
               for s in driver.find_elements(By.TAG_NAME, "script"))
    if path == "/":
        _wait_attr(driver, "#map", "data-markers")
        driver.find_element(By.CSS_SELECTOR, "#map path.event-marker")
    driver.save_screenshot(str(ARTIFACTS / f"hostile-{path.strip('/').replace('/', '-') or 'dashboard'}.png"))
