"""Screenshots for docs/: `.venv/bin/python -m tests.browser.screenshots [OUT_DIR]`.

Starts `streamlit run app.py`, drives Chromium at 1440×900 through a typical session and saves
docs/screenshot_*.png. The Playground shots are exactly one screen (what a person sees without scrolling); the
deeper pages are taken whole.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from .helpers import (CHROMIUM, CHROMIUM_ARGS, ROOT, VIEWPORT, chart_points, load_preset, open_app, press, set_epochs,
                      settle, streamlit_server, tab)


def shoot(page, out: Path, name: str, whole: bool = False, max_height: int = 2400) -> None:
    """One screen at 1440×900, or the whole page (Streamlit scrolls inside its main container, so the window
    grows to its height first)."""
    page.mouse.move(1, 1)  # no tooltip from the last click in the picture
    settle(page)
    if whole:
        height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
        page.set_viewport_size({"width": 1440, "height": min(max(900, height + 40), max_height)})
        settle(page)
    time.sleep(1.0)  # Plotly animates its first draw
    page.screenshot(path=str(out / f"screenshot_{name}.png"))
    page.set_viewport_size(VIEWPORT)
    print(f"wrote {out / f'screenshot_{name}.png'}")


def wait_for_text(page, text: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not page.get_by_text(text, exact=True).count():
        time.sleep(0.5)


def view(page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).first.click()
    settle(page)




def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with streamlit_server() as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        open_app(page, url)  # the two-moons default: the first screen mid-training
        set_epochs(page, 3000)
        press(page, "start")
        while chart_points(page, "pg_loss") < 40:
            time.sleep(0.3)
        time.sleep(1.5)  # mid-training: the boundary has formed, the units' pictures have taken shape
        shoot(page, out, "playground")
        press(page, "reset")

        load_preset(page, "deep_sigmoid_circles")  # the vanishing-gradient lesson on the canvas
        tab(page, "Playground")
        press(page, "start")
        wait_for_text(page, "finished")
        shoot(page, out, "playground_vanishing")

        load_preset(page, "resnet_digits")  # a network with skip connections, drawn
        tab(page, "Playground")
        shoot(page, out, "canvas_resnet")
        tab(page, "Layers")
        shoot(page, out, "layers", whole=True)
        tab(page, "Data")
        shoot(page, out, "data", whole=True)

        load_preset(page, "rnn_adding")  # gradients through time: the RNN's fade
        tab(page, "Training")
        press(page, "start")
        wait_for_text(page, "finished", 300)
        view(page, "Gradient through time")
        shoot(page, out, "gradient_through_time", whole=True)
        view(page, "Weights & gradients")
        shoot(page, out, "training_gradients", whole=True)
        tab(page, "Export")
        shoot(page, out, "export", whole=True)
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs")
