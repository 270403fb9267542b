"""Three people share a server that trains one run at a time (NETBUILDER_MAX_JOBS=1): every change of a session's
queued run reaches its own page by itself — its place in line as the line moves, then its start (Pause enabled, no
"Waiting", no Cancel) — with nobody touching that page. Issue 17 found C reading "2nd in line" 20 s after moving
up, and "running" beside "Waiting… 1st in line" once started."""
from __future__ import annotations

import time

import pytest

from .helpers import enabled, open_app, press, set_epochs, streamlit_server, wait_for

pytestmark = pytest.mark.browser

LONG = 3000  # epochs: a run that outlasts the test unless it is reset


@pytest.fixture(scope="module")
def one_slot_url(browser):
    with streamlit_server(env={"NETBUILDER_MAX_JOBS": "1"}) as url:
        yield url


def place_in_line(page) -> str:
    """The page's "Waiting for a free slot: … in line" line ('' when there is none)."""
    return page.evaluate("""() => [...document.querySelectorAll('[data-testid=stAlert]')].map(e => e.innerText)
        .filter(t => t.includes('in line')).join(' ')""")  # read at once: the page redraws it as the line moves


def test_each_session_sees_its_queued_run_move_up_and_start_by_itself(new_page, one_slot_url):
    a, b, c = new_page(), new_page(), new_page()
    for page in (a, b, c):
        open_app(page, one_slot_url)
        set_epochs(page, LONG)
    press(a, "start")
    wait_for(lambda: enabled(a, "pause"), 120, "A's run to start")
    press(b, "start")
    wait_for(lambda: "1st in line" in place_in_line(b), 30, "B to wait 1st in line")
    press(c, "start")
    wait_for(lambda: "2nd in line" in place_in_line(c), 30, "C to wait 2nd in line")
    assert c.locator(".st-key-cancel button").count() == 1, "a waiting run can be cancelled"

    press(a, "reset")  # A's run ends: B takes the slot, C moves up; B's and C's pages are not touched
    t0 = time.monotonic()
    wait_for(lambda: "1st in line" in place_in_line(c), 60, "C's page to show it moved up, by itself")
    moved_up = time.monotonic() - t0
    wait_for(lambda: enabled(b, "pause") and not place_in_line(b), 60, "B's page to show its run started")

    press(b, "reset")
    t0 = time.monotonic()
    wait_for(lambda: enabled(c, "pause"), 120, "C's page to show its run started, by itself")
    started = time.monotonic() - t0
    wait_for(lambda: not place_in_line(c), 30, "the waiting line to leave C's page once its run started")
    assert c.locator(".st-key-cancel button").count() == 0, "no Cancel beside a running run"
    status = c.locator("[data-testid=stMarkdownContainer]", has_text="parameters").first
    wait_for(lambda: "running" in status.inner_text(), 30, "C's status line to read running")
    print(f"\nqueue (MAX_JOBS=1, 3 sessions): C moved up on its page {moved_up:.1f} s after A's reset, "
          f"showed its start {started:.1f} s after B's reset")
    press(c, "reset")
