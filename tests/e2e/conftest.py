"""Browser tests: Debian's Chromium driven by Playwright against the demo portal on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def live_server(demo_app):
    server = make_server("127.0.0.1", 0, demo_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is needed at {CHROMIUM}: run scripts/ensure-system.sh")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((live_server, "data:", "about:"))
            else outside.append(request.url)
        ),
    )
    broken: list[str] = []
    page.on(
        "response",
        lambda response: (
            broken.append(f"{response.status} {response.url}")
            if response.status >= 400 and response.request.resource_type != "document"
            else None
        ),
    )
    script_errors: list[str] = []
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    page.on(  # a script or style the Content-Security-Policy blocked, among others
        "console",
        lambda message: (
            script_errors.append(message.text)
            if message.type == "error" and not message.text.startswith("Failed to load resource")
            else None  # failed loads are checked by status above (a 404 page is one)
        ),
    )
    yield page
    context.close()
    assert script_errors == [], f"scripts failed on the page: {script_errors}"
    assert outside == [], f"the page asked another host for {outside}"
    assert broken == [], f"assets failed to load: {broken}"


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def check_page(page, axe, tmp_path, request):
    """Scan the current page with axe-core and save a screenshot; fail on any violation."""

    def check(name: str) -> None:
        page.wait_for_load_state("networkidle")
        shot = tmp_path / f"{name}.png"
        page.screenshot(path=str(shot), full_page=True)
        keep = os.environ.get("PORTAL_SCREENSHOTS")
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(shot, Path(keep) / shot.name)
        results = axe.run(page)
        violations = results.response["violations"]
        assert violations == [], results.generate_report()

    return check
