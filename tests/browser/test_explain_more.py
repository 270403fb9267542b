"""End to end at 1440×900, the rest of issue 18: a click on a point of the decision boundary (on a paused run) and
on a confusion-matrix cell (then the next of its samples) traces that sample under the chart; a weight edited while
paused; a variant with a changed width trained from the same start; an edit while paused that keeps the unchanged
layers' weights; a lesson reaching its goal from a teacher's link."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import torch
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from builder import checkpoints
from builder.lessons import list_lessons
from builder.settings import settings
from builder.share import encode_setup, encode_teaching
from builder.ui.edits import default_spec
from builder.variants import shared_initial_weights

from .helpers import ROOT, open_app, press, set_epochs, settle, tab, wait_for
from .test_explain import shoot

pytestmark = pytest.mark.browser


def point_on_screen(page, key: str, nth: int = 0, at: float = 0.5) -> list[float] | None:
    """Where on the page a point of the chart `key`'s `nth` marker trace is drawn (`at`: how far along its points;
    the middle one by default): [x, y] in page pixels (None: no such point yet)."""
    return page.evaluate("""([key, nth, at]) => {
        const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
        if (!plot || !plot._fullData) return null;
        const trace = plot._fullData.filter(t => t.mode === 'markers' && t.x && t.x.length)[nth];
        if (!trace) return null;
        const fl = plot._fullLayout, xa = fl.xaxis, ya = fl.yaxis, box = plot.getBoundingClientRect();
        const i = Math.min(trace.x.length - 1, Math.floor(trace.x.length * at));
        return [box.left + xa._offset + xa.d2p(trace.x[i]), box.top + ya._offset + ya.d2p(trace.y[i])];
    }""", [key, nth, at])


def click_point(page, key: str, xy) -> None:
    """Click the chart `key` at `xy` as a person does: the pointer rests there until Plotly has found the point under
    it (its hover), then clicks. (A click in the same instant as the move can come before Plotly's hover, which it
    throttles, on a loaded machine: Plotly then clicks on nothing.)"""
    page.mouse.move(*xy)
    try:
        page.wait_for_function("""(key) => {
            const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
            return !!(plot && plot._hoverdata && plot._hoverdata.length);
        }""", arg=key, timeout=10_000)
    except PlaywrightTimeout:
        pass  # clicked all the same: what follows says whether it picked the point
    page.mouse.click(*xy)


def status(page) -> str:
    return page.locator("[data-testid=stMarkdownContainer]", has_text="parameters").first.inner_text()


def clicked_trace(page, key: str, panel: str, nth: int = 0, at: float = 0.5) -> float:
    """Click a point of the chart `key` and wait for its trace in the panel `panel` (a new one, when the panel is
    there already); the seconds it took."""
    wait_for(lambda: point_on_screen(page, key, nth, at), 30, f"a point on {key}")
    page.locator(f".st-key-{key}").scroll_into_view_if_needed()
    xy = point_on_screen(page, key, nth, at)
    shown = page.locator(f".st-key-{panel}")
    before = shown.first.inner_text() if shown.count() else ""
    for attempt in range(3):  # a click that lands while the live view redraws its chart is lost: click again
        t0 = time.perf_counter()
        click_point(page, key, xy)
        try:
            page.wait_for_function("""([panel, before]) => {
                const box = document.querySelector(`.st-key-${panel}`);
                return box && box.innerText.includes('Prediction') && box.innerText !== before;
            }""", arg=[panel, before], timeout=10_000 if attempt < 2 else 30_000, polling="raf")
            return time.perf_counter() - t0
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            settle(page)
            xy = point_on_screen(page, key, nth, at) or xy


THUMBS = """() => [...document.querySelectorAll('[data-layer-id] .nb-thumbs')]
    .filter(t => (t.title || '').startsWith("this sample's output"))
    .map(t => [...t.querySelectorAll('canvas')].map(c => c.toDataURL()).join('|'))"""


def test_a_click_on_a_boundary_point_and_on_a_confusion_cell_traces_that_sample(page, app_url):
    paused_run(page, app_url)
    seconds = clicked_trace(page, "pg_output", "follow_pg")
    print(f"\nclick → trace shown (paused run, first click): {seconds * 1000:.0f} ms")
    panel = page.locator(".st-key-follow_pg").first
    assert "Followed:" in panel.inner_text() and "sample" in panel.inner_text()
    assert wait_for(lambda: len(page.evaluate(THUMBS)), 30, "the canvas's nodes drawing the followed sample") >= 4, \
        "every Linear and ReLU node"
    # the output node says the prediction, each class's probability and the loss, as the panel does
    answer = page.locator(".nb-output [data-answer]").first
    answer.wait_for(timeout=30_000)
    said = panel.inner_text()
    predicted = said.split("Prediction")[1].split("(")[0].strip()
    probs = [float(p) for p in answer.locator("[data-p]").evaluate_all("els => els.map(e => e.dataset.p)")]
    assert len(probs) == 2 and abs(sum(probs) - 1) < 1e-3, probs
    assert answer.locator(".nb-predicted").get_attribute("data-class") == predicted
    line = answer.locator(".nb-answer-line").inner_text()
    assert line.startswith(predicted) and "loss" in line, line
    # the wires carry this sample's activation size: every wire, its RMS in the label, widths that differ
    wires = page.locator("g[data-edge]")
    assert wires.count() >= 5 and page.locator("g[data-edge][data-sample=true]").count() == wires.count()
    assert all("rms" in t for t in page.locator("[data-edge-label]").all_inner_texts())
    assert len(set(wires.evaluate_all("els => els.map(e => e.dataset.width)"))) > 1
    settle(page)
    shoot(page, "follow_canvas")
    page.get_by_text("Each layer's output as charts").first.click()  # the layers' charts, under the chart
    wait_for(lambda: panel.locator(".js-plotly-plot").count() >= 3, 30, "the probabilities and the layers' outputs")
    settle(page)
    again = clicked_trace(page, "pg_output", "follow_pg", nth=1)
    print(f"click → trace shown (paused run, next click): {again * 1000:.0f} ms")
    page.mouse.wheel(0, 420)  # the boundary and the sample's path under it
    shoot(page, "follow_boundary")

    # the trace follows training live: the worker traces the sample at its weights as the run goes on
    page.mouse.wheel(0, -420)
    before = page.evaluate(THUMBS)
    press(page, "resume")
    wait_for(lambda: "(live)" in panel.inner_text(), 60, "the live trace of the followed sample")
    step = lambda: int(panel.inner_text().split("weights of step")[1].split("(live)")[0])
    first = step()
    wait_for(lambda: step() > first, 60, "the live trace at a later step")
    wait_for(lambda: page.evaluate(THUMBS) != before, 30, "the canvas drawing the sample at the new weights")
    press(page, "pause")
    wait_for(lambda: "paused" in status(page), 30, "the run to pause")

    tab(page, "Training")
    tab(page, "Predictions")
    # the first non-empty cell, (0, 0): a diagonal cell's samples are there at the paused weights too (a cell of one
    # sample, counted by the live view at the weights before the pause, may hold none at the paused ones: said so)
    seconds = clicked_trace(page, "chart_confusion", "follow_train", at=0.0)
    print(f"click on a confusion cell → trace shown: {seconds * 1000:.0f} ms")
    panel = page.locator(".st-key-follow_train").first
    first = panel.inner_text()
    assert "in the cell" in first, first
    page.locator(".st-key-follow_next_train button").first.click()
    settle(page)
    wait_for(lambda: panel.inner_text() != first or "1 of 1 " in first, 30, "the cell's next sample")
    shoot(page, "follow_confusion")


def choose(page, key: str, option: str) -> None:
    """Pick `option` in the selectbox created with `key=`."""
    page.locator(f".st-key-{key}").click()
    page.get_by_role("option", name=option, exact=True).first.click()
    settle(page)


def fill(page, key: str, value) -> None:
    field = page.locator(f".st-key-{key} input").first
    field.fill(str(value))
    field.press("Enter")
    settle(page)


def paused_run(page, app_url) -> None:
    """The first screen's network training, paused once its boundary is drawn."""
    open_app(page, app_url)
    set_epochs(page, 3000)
    press(page, "start")
    wait_for(lambda: point_on_screen(page, "pg_output"), 60, "the decision boundary")
    press(page, "pause")
    wait_for(lambda: "paused" in status(page), 30, "the run to pause")


def test_a_weight_edited_while_paused_redraws_the_boundary(page, app_url):
    paused_run(page, app_url)
    tab(page, "Explain")
    page.get_by_text("fc1's weights, one by one").first.click()
    settle(page)
    wait_for(lambda: point_on_screen(page, "ex_weights_0"), 30, "fc1's weights")
    page.locator(".st-key-ex_weights_0").scroll_into_view_if_needed()
    click_point(page, "ex_weights_0", point_on_screen(page, "ex_weights_0"))  # a click on a weight picks it
    settle(page)
    wait_for(lambda: page.locator(".st-key-ex_we_fc1_row input").first.input_value() != "0", 20, "the weight picked")
    row = int(page.locator(".st-key-ex_we_fc1_row input").first.input_value())
    value = page.locator("[class*='st-key-ex_we_fc1_value_'] input").first
    value.fill("3.5")
    value.press("Enter")
    settle(page)
    press(page, "ex_we_fc1_set")
    wait_for(lambda: page.get_by_text(f"fc1: unit {row}").count(), 30, "the edit said")
    wait_for(lambda: point_on_screen(page, "ex_we_fc1_boundary"), 30, "the boundary after the edit")
    page.locator(".st-key-ex_we_fc1_boundary").scroll_into_view_if_needed()
    shoot(page, "edit_weight")


def test_a_variant_with_a_changed_width_trains_from_the_same_start(page, app_url):
    open_app(page, app_url)
    tab(page, "Explain")
    page.get_by_text("Try a variant").first.click()
    settle(page)
    choose(page, "variant_change", "width of a dense layer")
    fill(page, "variant_epochs", 3)
    spec = default_spec()  # the first screen's network, and the variant the page trained beside it
    shown = page.evaluate("""() => { const box = document.querySelector('.st-key-variant_layer');
        return box.textContent + ' ' + [...box.querySelectorAll('input')].map(i => i.value).join(' '); }""").split()
    layer = next(x["id"] for x in spec["layers"] if x["id"] in shown)
    units = int(page.locator(".st-key-variant_width input").first.input_value())
    press(page, "variant_train")
    wait_for(lambda: page.get_by_text("the variant: finished", exact=False).count(), 120, "both setups to finish")
    said = page.get_by_text("Same initial weights:").first.inner_text()
    shared = said.split("Same initial weights:")[1].split("·")[0].strip().split(", ")
    variant = json.loads(json.dumps(spec))
    next(x for x in variant["layers"] if x["id"] == layer)["params"]["out_features"] = units
    first, second = shared_initial_weights([spec, variant])  # the start the page's Comparison trains from
    fits = {key.split(".")[0] for key in first}  # the layers whose every tensor has the same shape in both
    fits -= {key.split(".")[0] for key in first if key not in second or first[key].shape != second[key].shape}
    assert layer not in shared and set(shared) == fits, (shared, fits)
    for key in first:
        if key.split(".")[0] in shared:
            assert torch.equal(first[key], second[key]), key  # the same initial tensors
    page.locator(".st-key-variant_loss").first.scroll_into_view_if_needed()  # (a redrawn chart may linger)
    shoot(page, "variant_width")


def test_an_edit_while_paused_keeps_the_unchanged_layers_weights(page, app_url):
    paused_run(page, app_url)
    page.locator("[data-layer-id='fc2'] [data-units='+1']").click()  # fc2 one unit wider: fc1 fits as it was
    settle(page)
    wait_for(lambda: "[17]" in page.locator("[data-layer-id='fc2']").inner_text(), 20, "one unit more")
    lr = page.locator("[class*='st-key-pgs'][class*='lr'] input").first  # and a learning rate too small to move them
    lr.fill("0.000000001")
    lr.press("Enter")
    settle(page)
    assert page.get_by_text("differ from the run's").count()
    press(page, "resume")  # Resume goes on with the edit, from what the run learned
    wait_for(lambda: page.get_by_text("Continued:").count(), 60, "what the edit kept",
             seen=lambda: page.locator("[data-testid=stMain]").inner_text()[:1500])
    folder = wait_for(lambda: _continued_run(), 60, "the continued run's first checkpoint")
    record = json.loads((folder / "run.json").read_text())
    old = checkpoints.load(record["continued_from"], torch.device("cpu"))["model"]
    new = checkpoints.load(folder / "checkpoints" / "last.pt", torch.device("cpu"))["model"]
    for key in ("fc1.weight", "fc1.bias"):  # unchanged: kept (lr 1e-9 moves them by ~1e-8 at most)
        assert torch.allclose(new[key], old[key], atol=1e-6), key
    assert torch.allclose(new["fc2.weight"][:16], old["fc2.weight"], atol=1e-6)  # widened: its old units kept
    assert torch.allclose(new["out.weight"][:, :16], old["out.weight"], atol=1e-6)
    assert new["out.weight"][:, 16].abs().max() < 1e-6  # the new unit is read with zero weights: same function
    page.get_by_text("Continued:").first.click()
    settle(page)
    shoot(page, "continue_edit")


def _continued_run() -> Path | None:
    """The newest run folder (of any session) that continued another, once it has a checkpoint."""
    root = Path(settings().runs_dir)
    root = root if root.is_absolute() else ROOT / root
    found = [p.parent for p in root.glob("*/*/run.json") if "continued_from" in p.read_text()]
    newest = max(found, key=lambda p: (p / "run.json").stat().st_mtime, default=None)
    return newest if newest is not None and (newest / "checkpoints" / "last.pt").is_file() else None


def test_a_lesson_from_a_teachers_link_reaches_its_goal(page, app_url):
    lesson = list_lessons()["optimisers"]
    open_app(page, f"{app_url}/?s={encode_setup(lesson.solution)}&t={encode_teaching({'lesson': 'optimisers'})}")
    banner = page.locator(".st-key-teaching")
    assert "goal" in banner.inner_text() and "goal met" not in banner.inner_text()
    assert page.locator("[class*='st-key-pgs'][class*='epochs'] input").first.is_disabled()  # locked by the lesson
    layers = page.locator("[data-layer-id]:not([data-layer-id=input])")  # the lesson locks the layers: drawn so
    assert layers.count() >= 2 and page.locator("[data-layer-id][data-locked=true]").count() == layers.count()
    assert page.locator("[data-layer-id=input][data-locked=true]").count() == 0  # the input is not locked
    assert page.locator("[data-units]").count() == 0 and page.locator(".nb-item-off").count() > 0
    assert float(layers.first.locator(".nb-head").evaluate("e => getComputedStyle(e).opacity")) < 1  # faded
    layers.first.click()  # selected, it offers no delete
    assert page.locator("[data-node-delete]").count() == 0
    shoot(page, "lesson_locked")
    press(page, "start")
    wait_for(lambda: "goal met" in banner.inner_text(), 120, "the lesson's goal")
    shoot(page, "lesson_goal")
