"""Fixtures for the end-to-end tests: one `streamlit run app.py` for the session, Chromium through Playwright,
and a screenshot in tests/artifacts/ for every failing test."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from .helpers import CHROMIUM, CHROMIUM_ARGS, ROOT, VIEWPORT, streamlit_server

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: `make browser-deps` (apt-get install chromium) installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def app_url(browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with streamlit_server() as url:
        yield url


@pytest.fixture
def new_page(browser, request):
    """Make pages, each in its own browser context (its own Streamlit session); failing tests leave screenshots."""
    contexts = []

    def make():
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        contexts.append(context)
        return context.new_page()

    yield make
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for i, context in enumerate(contexts):
        if failed:
            for j, page in enumerate(context.pages):
                page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{i}{j}.png"), full_page=True)
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()
