"""End to end: `streamlit run app.py` driven by Chromium, as a person uses it."""
from __future__ import annotations

import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .helpers import chart_points, click, enabled, load_preset, open_app, press, settle, tab

pytestmark = pytest.mark.browser


def _drag(page, source, target, below: bool = True) -> None:
    """Press on `source`, move in small steps (dnd-kit needs 10 px of travel to start), release on `target`."""
    s, t = source.bounding_box(), target.bounding_box()
    x0, y0 = s["x"] + s["width"] / 2, s["y"] + s["height"] / 2
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x0 + 6, y0 + 6, steps=4)
    page.mouse.move(t["x"] + t["width"] / 2, t["y"] + t["height"] * (0.9 if below else 0.1), steps=20)
    time.sleep(0.3)
    page.mouse.up()
    settle(page, quiet_s=1.2)


def _stack(page) -> list[str]:
    frame = page.frame_locator("iframe[title*=sortable]")
    return frame.locator(".sortable-container").nth(1).locator(".sortable-item").all_inner_texts()


def _wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


def _share_link(page) -> str:
    tab(page, "Export")
    link = page.locator("[data-testid=stCode]").last.inner_text().strip()
    assert "?s=1." in link
    return link


def test_load_a_preset_and_drag_a_layer_into_the_stack(page, app_url):
    open_app(page, app_url)
    load_preset(page, "mlp_digits")
    tab(page, "Build")
    assert page.get_by_text("MLP (digits)").first.is_visible()
    assert page.locator(".st-key-card_fc1").is_visible()
    page.locator(".st-key-_stack_view").get_by_text("Drag and drop", exact=True).click()
    settle(page)
    before = _wait_for(lambda: _stack(page), 20, "the drag-and-drop stack")
    assert [t.split(" ")[0] for t in before] == ["flat", "fc1", "act1", "out"]
    frame = page.frame_locator("iframe[title*=sortable]")
    palette_item = frame.locator(".sortable-container").first.locator(".sortable-item", has_text="Linear")
    stack_items = frame.locator(".sortable-container").nth(1).locator(".sortable-item")
    _drag(page, palette_item, stack_items.nth(1))  # dropped on fc1: it takes fc1's place, fc1 moves down
    after = _wait_for(lambda: (s if len(s := _stack(page)) == 5 else None), 20, "the new layer in the stack")
    assert [t.split(" ")[0] for t in after] == ["flat", "linear_1", "fc1", "act1", "out"]
    assert "linear_1 · Linear → [64]" in after[1]
    _drag(page, stack_items.nth(4), stack_items.nth(0), below=False)  # reorder: "out" to the top
    _wait_for(lambda: _stack(page)[0].startswith("out ·"), 20, "the reordered stack")
    press(page, "undo")
    assert [t.split(" ")[0] for t in _stack(page)] == ["flat", "linear_1", "fc1", "act1", "out"]


def test_train_watch_the_loss_grow_and_download_onnx(page, app_url, tmp_path):
    onnx = pytest.importorskip("onnx")
    open_app(page, app_url)
    load_preset(page, "mlp_digits")
    tab(page, "Train")
    press(page, "start")
    first = _wait_for(lambda: chart_points(page, "chart_loss"), 60, "the first loss points")
    _wait_for(lambda: chart_points(page, "chart_loss") > first, 30, "the loss chart to grow")
    assert page.get_by_text("running").first.is_visible() or page.get_by_text("finished").first.is_visible()
    if enabled(page, "stop"):
        try:
            page.locator(".st-key-stop button").first.click(timeout=5_000)
        except PlaywrightTimeout:  # on a quiet machine the run can finish between the check and the click
            assert page.get_by_text("finished").count(), "Stop stayed disabled although the run did not finish"
        settle(page)
    _wait_for(lambda: page.get_by_text("stopped").count() or page.get_by_text("finished").count(), 30, "the run to end")
    tab(page, "Export")
    with page.expect_download(timeout=120_000) as download:
        page.get_by_role("button", name="ONNX").click()
    path = tmp_path / "model.onnx"
    download.value.save_as(path)
    model = onnx.load(str(path))
    onnx.checker.check_model(model)
    assert [d.dim_value for d in model.graph.input[0].type.tensor_type.shape.dim][1:] == [1, 8, 8]


def test_a_share_link_opens_the_same_setup_in_another_page(new_page, app_url):
    first = new_page()
    open_app(first, app_url)
    load_preset(first, "two_branch_wine")
    link = _share_link(first)
    second = new_page()
    second.goto(link)
    second.get_by_role("tab", name="Build", exact=True).wait_for(timeout=60_000)
    settle(second)
    for layer_id in ("wide", "narrow", "join"):
        assert second.locator(f".st-key-card_{layer_id}").is_visible()
    tab(second, "Data")
    assert second.get_by_text("The network fits wine").first.is_visible()
    bad = new_page()
    bad.goto(link.split("?")[0] + "?s=1.garbage!")
    bad.get_by_role("tab", name="Build", exact=True).wait_for(timeout=60_000)
    settle(bad)
    assert bad.get_by_text("Could not open the shared setup").first.is_visible()
    assert bad.locator(".st-key-card_fc1").is_visible()  # the default network


def test_four_pages_training_at_once_each_see_only_their_own_run(new_page, app_url):
    labels = {"logistic_regression": "Logistic regression (moons)", "mlp_digits": "MLP (digits)",
              "mlp_spiral": "MLP (spiral)", "gru_sine": "GRU forecaster (sine)"}
    pages = {stem: new_page() for stem in labels}
    for stem, page in pages.items():
        open_app(page, app_url)
        load_preset(page, stem)
        tab(page, "Train")
        press(page, "start")
    for stem, page in pages.items():
        _wait_for(lambda: chart_points(page, "chart_loss"), 90, f"{stem}'s loss")
        assert page.get_by_text(f"run 1: {labels[stem]}").first.is_visible()
        for other in (v for k, v in labels.items() if k != stem):
            assert page.get_by_text(other).count() == 0, f"{stem}'s page shows {other}"
    for page in pages.values():
        if enabled(page, "stop"):
            try:
                page.locator(".st-key-stop button").first.click(timeout=5_000)
            except PlaywrightTimeout:  # the run finished between the check and the click
                pass
