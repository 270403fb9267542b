"""Screenshots of each page for docs/: `.venv/bin/python -m tests.browser.screenshots [OUT_DIR]`.

Starts `streamlit run app.py`, drives Chromium through a typical session and saves docs/screenshot_*.png.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from .helpers import (CHROMIUM, CHROMIUM_ARGS, ROOT, chart_points, load_preset, open_app, press, settle,
                      streamlit_server, tab)


def shoot(page, out: Path, name: str, max_height: int = 2400) -> None:
    """The whole page: Streamlit scrolls inside its main container, so the window grows to its height first."""
    page.mouse.move(1, 1)  # no tooltip from the last click in the picture
    settle(page)
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": 1440, "height": min(max(900, height + 40), max_height)})
    settle(page)
    time.sleep(1.0)  # Plotly animates its first draw
    page.screenshot(path=str(out / f"screenshot_{name}.png"))
    page.set_viewport_size({"width": 1440, "height": 1000})
    print(f"wrote {out / f'screenshot_{name}.png'}")


def wait_finished(page, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and not page.get_by_text("finished").count():
        time.sleep(0.5)


def view(page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).first.click()
    settle(page)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with streamlit_server() as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 1100})
        open_app(page, url)
        load_preset(page, "resnet_digits")
        shoot(page, out, "presets")
        tab(page, "Build")
        view(page, "Diagram")
        shoot(page, out, "build")
        tab(page, "Data")
        shoot(page, out, "data")
        load_preset(page, "mlp_digits")
        tab(page, "Train")
        press(page, "start")
        while not chart_points(page, "chart_loss"):
            time.sleep(0.3)
        wait_finished(page)
        shoot(page, out, "train")
        view(page, "Weights & gradients")
        shoot(page, out, "train_gradients")
        view(page, "Predictions")
        shoot(page, out, "train_predictions")
        tab(page, "Export")
        shoot(page, out, "export")
        fresh = browser.new_page(viewport={"width": 1440, "height": 1100})  # a new session: the two-moons default
        open_app(fresh, url)
        tab(fresh, "Train")
        press(fresh, "start")
        wait_finished(fresh)
        view(fresh, "Predictions")
        shoot(fresh, out, "train_boundary")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs")
