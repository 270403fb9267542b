"""End to end at 1440×900, the rest of following one sample: a click on a point of the decision boundary (on a
paused run) and on a confusion-matrix cell (then the next of its samples) traces that sample under the chart."""
from __future__ import annotations

import time

import pytest

from .helpers import open_app, press, set_epochs, settle, tab, wait_for
from .test_explain import shoot

pytestmark = pytest.mark.browser


def point_on_screen(page, key: str, nth: int = 0) -> list[float] | None:
    """Where on the page the middle point of the chart `key`'s `nth` marker trace is drawn: [x, y] in page pixels
    (None: no such point yet)."""
    return page.evaluate("""([key, nth]) => {
        const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
        if (!plot || !plot._fullData) return null;
        const trace = plot._fullData.filter(t => t.mode === 'markers' && t.x && t.x.length)[nth];
        if (!trace) return null;
        const fl = plot._fullLayout, xa = fl.xaxis, ya = fl.yaxis, box = plot.getBoundingClientRect();
        const i = Math.floor(trace.x.length / 2);
        return [box.left + xa._offset + xa.d2p(trace.x[i]), box.top + ya._offset + ya.d2p(trace.y[i])];
    }""", [key, nth])


def status(page) -> str:
    return page.locator("[data-testid=stMarkdownContainer]", has_text="parameters").first.inner_text()


def clicked_trace(page, key: str, panel: str, nth: int = 0) -> float:
    """Click a point of the chart `key` and wait for its trace in the panel `panel` (a new one, when the panel is
    there already); the seconds it took."""
    wait_for(lambda: point_on_screen(page, key, nth), 30, f"a point on {key}")
    page.locator(f".st-key-{key}").scroll_into_view_if_needed()
    xy = point_on_screen(page, key, nth)
    shown = page.locator(f".st-key-{panel}")
    before = shown.first.inner_text() if shown.count() else ""
    t0 = time.perf_counter()
    page.mouse.click(*xy)
    page.wait_for_function("""([panel, before]) => {
        const box = document.querySelector(`.st-key-${panel}`);
        return box && box.innerText.includes('Prediction') && box.innerText !== before;
    }""", arg=[panel, before], timeout=30_000, polling="raf")
    return time.perf_counter() - t0


def test_a_click_on_a_boundary_point_and_on_a_confusion_cell_traces_that_sample(page, app_url):
    open_app(page, app_url)
    set_epochs(page, 3000)
    press(page, "start")
    wait_for(lambda: point_on_screen(page, "pg_output"), 60, "the decision boundary")
    press(page, "pause")
    wait_for(lambda: "paused" in status(page), 30, "the run to pause")
    settle(page)
    seconds = clicked_trace(page, "pg_output", "follow_pg")
    print(f"\nclick → trace shown (paused run, first click): {seconds * 1000:.0f} ms")
    panel = page.locator(".st-key-follow_pg").first
    assert "Followed:" in panel.inner_text() and "sample" in panel.inner_text()
    wait_for(lambda: panel.locator(".js-plotly-plot").count() >= 3, 30, "the probabilities and the layers' outputs")
    settle(page)
    again = clicked_trace(page, "pg_output", "follow_pg", nth=1)
    print(f"click → trace shown (paused run, next click): {again * 1000:.0f} ms")
    shoot(page, "follow_boundary")

    tab(page, "Training")
    tab(page, "Predictions")
    seconds = clicked_trace(page, "chart_confusion", "follow_train")
    print(f"click on a confusion cell → trace shown: {seconds * 1000:.0f} ms")
    panel = page.locator(".st-key-follow_train").first
    first = panel.inner_text()
    assert "in the cell" in first, first
    press(page, "follow_next_train")
    wait_for(lambda: panel.inner_text() != first or "1 of 1 " in first, 30, "the cell's next sample")
    shoot(page, "follow_confusion")
