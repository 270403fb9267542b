"""End to end: train the first screen's network, open the Explain tab and follow one sample through it; an image of
one's own through a digits network, and a table's row changed with What if…"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from .helpers import ROOT, open_app, press, set_epochs, settle, tab, wait_for

pytestmark = pytest.mark.browser
ARTIFACTS = ROOT / "tests" / "artifacts"


def traces(page, key: str) -> int:
    """How many traces the Plotly chart with this key draws (0 when not drawn yet)."""
    return page.evaluate("""(key) => {
        const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
        return plot && plot.data ? plot.data.length : 0;
    }""", key)


def shown_sample(page) -> str:
    return page.locator(".st-key-explain_controls [data-testid=stCaptionContainer]").first.inner_text()


def test_after_training_the_explain_tab_traces_a_sample(page, app_url):
    open_app(page, app_url)
    set_epochs(page, 20)
    press(page, "start")
    wait_for(lambda: page.get_by_text("finished", exact=True).count(), 120, "the run to finish")
    tab(page, "Explain")
    wait_for(lambda: page.get_by_text("Prediction", exact=False).count(), 60, "the prediction")
    for key in ("ex_sample", "ex_probs", "ex_layer_0_0"):
        wait_for(lambda: traces(page, key), 30, f"the chart {key}")
    assert traces(page, "ex_layer_0_0") >= 1 and page.get_by_role("tab", name="Why this answer").count()
    first = shown_sample(page)
    press(page, "explain_next")
    wait_for(lambda: shown_sample(page) != first, 30, "the next sample")
    press(page, "explain_prev")
    assert shown_sample(page) == first
    shoot(page, "explain")
    tab(page, "Why this answer")
    for key in ("ex_attr", "ex_field"):  # saliency over the input, and the input gradient as arrows on the plane
        wait_for(lambda: traces(page, key), 30, f"the chart {key}")
    page.locator(".st-key-ex_field").scroll_into_view_if_needed()
    shoot(page, "explain_why")


def shoot(page, name: str) -> None:
    """A screenshot in tests/artifacts/ (and, with NETBUILDER_SCREENSHOTS=1, in docs/screenshots/ for the README)."""
    settle(page)
    page.mouse.move(1, 1)
    page.wait_for_timeout(1200)  # Plotly animates its first draw
    shot = ARTIFACTS / f"{name}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot))
    if os.environ.get("NETBUILDER_SCREENSHOTS"):
        out = ROOT / "docs" / "screenshots"
        out.mkdir(parents=True, exist_ok=True)
        Path(out / f"{name}.png").write_bytes(shot.read_bytes())


def train_then_explain(page, epochs: int) -> None:
    """Train the Playground's network for `epochs`, then open the Explain tab at its first sample's prediction."""
    set_epochs(page, epochs)
    press(page, "start")
    wait_for(lambda: page.get_by_text("finished", exact=True).count(), 120, "the run to finish")
    tab(page, "Explain")
    wait_for(lambda: page.get_by_text("Prediction", exact=False).count(), 60, "the prediction")


def test_an_image_of_ones_own_is_followed_through_a_digits_network(page, app_url):
    """The Explain tab's "Your own image": a drawn digit given in the browser is read at the network's 8×8, grey,
    and followed through it; back to the validation samples with one click."""
    import io

    from PIL import Image, ImageDraw

    from .helpers import load_preset
    image = Image.new("L", (64, 64), 0)
    ImageDraw.Draw(image).line([(32, 6), (32, 58)], fill=255, width=9)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    open_app(page, app_url)
    load_preset(page, "mlp_digits")
    tab(page, "Playground")
    train_then_explain(page, 3)
    page.get_by_role("button", name="Your own image").first.click()
    page.locator("[class*='st-key-explain_own'] input[type=file]").first.set_input_files(
        {"name": "one.png", "mimeType": "image/png", "buffer": buffer.getvalue()})
    wait_for(lambda: page.get_by_text("Following your image").count(), 60, "the own image")
    page.keyboard.press("Escape")
    settle(page)
    assert "read as the training images were" in page.locator(".st-key-explain_own_controls").inner_text()
    assert page.get_by_text("Following your image one.png").count()
    wait_for(lambda: traces(page, "ex_sample") and traces(page, "ex_probs"), 30, "its picture and probabilities")
    shoot(page, "explain_own_image")
    press(page, "explain_back")
    wait_for(lambda: page.get_by_text("Following one validation sample").count(), 30, "the validation samples")


def test_what_if_changes_an_uploaded_rows_value_and_the_answer_follows(page, app_url):
    """A table of one's own: its sample's values in "What if…", one changed, the row followed again; here the label
    is whether age is over 45, so a 24-year-old made 69 changes the answer."""
    rows = "\n".join(f"{20 + i % 50},{('first', 'second', 'third')[i % 3]},{'yes' if (i % 50) > 25 else 'no'}"
                     for i in range(120))
    open_app(page, app_url)
    page.get_by_role("button", name="Upload").first.click()
    page.locator(".st-key-pg_up_csv input[type=file]").set_input_files(
        {"name": "people.csv", "mimeType": "text/csv", "buffer": f"age,cabin,bought\n{rows}\n".encode()})
    settle(page)
    page.keyboard.press("Escape")
    settle(page)
    if page.locator(".st-key-make_fit button").count():
        press(page, "make_fit")
    train_then_explain(page, 60)
    page.get_by_role("button", name="What if…").first.click()
    age = page.locator("[class*='st-key-explain_row_'] input").first
    age.fill("69")
    age.press("Tab")
    page.get_by_role("button", name="Follow this row").first.click()
    wait_for(lambda: page.get_by_text("Following your row:").count(), 60, "the changed row")
    page.keyboard.press("Escape")
    settle(page)
    assert "→ 69" in page.get_by_text("Following your row:").first.inner_text()
    wait_for(lambda: page.get_by_text("Prediction yes", exact=False).count(), 30, "the answer for a 69-year-old")
