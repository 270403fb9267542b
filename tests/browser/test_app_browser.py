"""End to end: `streamlit run app.py` driven by Chromium, as a person uses it: presets on the canvas and in the
list view, a run trained from the first screen and exported as ONNX, share links, an address copied to someone
else, and four people training at once. (The canvas's own editing is in test_canvas.py.)"""
from __future__ import annotations


import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .helpers import chart_points, load_preset, open_app, press, set_epochs, settle, tab, wait_for

pytestmark = pytest.mark.browser




def layer_ids(page) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('[data-layer-id]')].map(e => e.dataset.layerId)")


def share_link(page) -> str:
    tab(page, "Export")
    link = page.locator("[data-testid=stCode]").last.inner_text().strip()
    assert "?s=1." in link and "sid" not in link
    return link


def status(page) -> str:
    """The live header's run line: status badge, epoch, step, speed ("" before the first run)."""
    return page.evaluate("""() => {
        const line = [...document.querySelectorAll('[data-testid=stMarkdownContainer]')]
            .find(e => /step [0-9]/.test(e.innerText));
        return line ? line.innerText : '';
    }""")


def test_a_preset_shows_on_the_canvas_and_in_the_keyboard_list(page, app_url):
    open_app(page, app_url)
    load_preset(page, "mlp_digits")
    tab(page, "Playground")
    wait_for(lambda: layer_ids(page) == ["input", "flat", "fc1", "act1", "out"], 30, "the preset on the canvas")
    assert page.get_by_text("MLP (digits)").first.is_visible()
    tab(page, "Layers")
    for layer_id in ("flat", "fc1", "act1", "out"):
        assert page.locator(f".st-key-card_{layer_id}").is_visible()


def test_train_from_the_first_screen_watch_the_loss_grow_and_download_onnx(page, app_url, tmp_path):
    onnx = pytest.importorskip("onnx")
    open_app(page, app_url)
    load_preset(page, "mlp_digits")
    tab(page, "Playground")
    press(page, "start")
    first = wait_for(lambda: chart_points(page, "pg_loss"), 60, "the first loss points")
    wait_for(lambda: chart_points(page, "pg_loss") > first or "finished" in status(page), 60, "the loss chart to grow")
    wait_for(lambda: "running" in status(page) or "finished" in status(page), 30, "the run's status")
    pause = page.locator(".st-key-pause button").first
    if pause.is_enabled():  # paused, or already finished: either way the trained weights are there to export
        try:
            pause.click(timeout=5_000)
        except PlaywrightTimeout:  # it finished between the check and the click
            pass
        settle(page)
    wait_for(lambda: "paused" in status(page) or "finished" in status(page), 30, "the run to pause")
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
    link = share_link(first)
    second = new_page()
    open_app(second, link)
    assert {"wide", "narrow", "join"} <= set(layer_ids(second))
    assert second.get_by_text("Two-branch").first.is_visible() or second.get_by_text("wine").first.is_visible()
    bad = new_page()
    open_app(bad, link.split("?")[0] + "?s=1.garbage!")
    assert bad.get_by_text("Could not open the shared setup").first.is_visible()
    assert layer_ids(bad) == ["input", "fc1", "act1", "fc2", "act2", "out"]  # the default network


def test_a_copied_address_shows_the_setup_but_not_the_run_and_cannot_stop_it(new_page, app_url):
    owner = new_page()
    open_app(owner, app_url)
    load_preset(owner, "mlp_spiral")
    tab(owner, "Playground")
    set_epochs(owner, 100_000)  # still running while the stranger looks
    press(owner, "start")
    wait_for(lambda: chart_points(owner, "pg_loss"), 60, "the owner's run")
    copied = owner.url  # what a person copies from the address bar
    assert "sid" not in copied
    stranger = new_page()  # another browser: its own cookies
    open_app(stranger, copied)
    assert "MLP (spiral)" in stranger.locator("body").inner_text()  # the setup travels with the address...
    assert chart_points(stranger, "pg_loss") == 0  # ...the run does not
    assert stranger.locator(".st-key-pause button").first.is_disabled()
    assert stranger.locator(".st-key-reset button").first.is_disabled()
    assert "running" in status(owner), "the stranger's visit must not touch the owner's run"
    reload = owner.context.new_page()  # the owner's new tab finds the run
    open_app(reload, copied)
    wait_for(lambda: chart_points(reload, "pg_loss"), 30, "the owner's run in a new tab")
    press(reload, "reset")


def test_four_pages_training_at_once_each_see_only_their_own_run(new_page, app_url):
    labels = {"logistic_regression": "Logistic regression (moons)", "mlp_digits": "MLP (digits)",
              "mlp_spiral": "MLP (spiral)", "gru_sine": "GRU forecaster (sine)"}
    pages = {stem: new_page() for stem in labels}
    for stem, page in pages.items():
        open_app(page, app_url)
        load_preset(page, stem)
        tab(page, "Playground")
        press(page, "start")
    for stem, page in pages.items():
        wait_for(lambda: chart_points(page, "pg_loss"), 90, f"{stem}'s loss")
        text = page.locator("body").inner_text()
        assert labels[stem] in text
        for other in (v for k, v in labels.items() if k != stem):
            assert other not in text, f"{stem}'s page shows {other}"
    for page in pages.values():
        if page.locator(".st-key-reset button").first.is_enabled():
            press(page, "reset")
