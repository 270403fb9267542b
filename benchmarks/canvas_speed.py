"""How the canvas copes with a large network: figures, not assertions. `.venv/bin/python benchmarks/canvas_speed.py`

A ResNet-style stack of 16 residual blocks (150 layers, tests/test_canvas_layout.residual_stack) opened by a share
link in Chromium at 1440×900 against `streamlit run app.py`, beside the 5-layer default network on the same server:
1. drawn: from the page's request until the canvas shows the network, and of that the canvas's own part, from its
   element's arrival until the nodes are drawn (goal: under 2 s; the rest is Streamlit's page load, the same for any
   network); and the Python side alone (the canvas's graph data, first for a new spec and then as cached).
2. edit answered: from a click on the canvas until it shows the edit (one script run and the redraw; goal: under
   1 s): collapse every block, one more copy of a collapsed block, expand every block, select a layer.
3. frame: the intervals between animation frames while the wheel pans the canvas and Ctrl+wheel zooms it (smooth:
   about 16 ms, one frame at 60 Hz).
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RECORD_FRAMES = """() => { window.__frames = []; let last = performance.now(); window.__recording = true;
    const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__recording) requestAnimationFrame(tick); };
    requestAnimationFrame(tick); }"""


def python_side(spec: dict, runs: int = 5) -> tuple[float, float]:
    """(first, cached) seconds for the canvas's graph data of this spec."""
    from builder.checker import check_spec
    from builder.ui import canvas_data

    checked = check_spec(spec)
    times = []
    for i in range(runs):
        variant = {**spec, "name": f"{spec['name']} {i}"}  # a new spec each time: nothing cached
        t = time.perf_counter()
        canvas_data.graph_data(variant, checked)
        times.append(time.perf_counter() - t)
    t = time.perf_counter()
    canvas_data.graph_data(variant, checked)
    return statistics.median(times), time.perf_counter() - t


def open_network(page, url: str, spec: dict) -> tuple[float, float]:
    """Seconds from the request until the canvas shows the network's first layers, and of those the canvas's own:
    from its element's arrival on the page (with the graph's data) until the nodes are drawn."""
    from builder.share import encode_setup
    from tests.browser.helpers import follow_runs, settle

    follow_runs(page)
    t = time.perf_counter()
    page.goto(f"{url}/?s={encode_setup(spec)}")
    page.locator(".nb-canvas-root").first.wait_for(state="attached", timeout=120_000)
    arrived = time.perf_counter()
    page.locator("[data-layer-id='input']").wait_for(timeout=120_000)
    page.locator(f"[data-layer-id='{spec['layers'][0]['id']}']").wait_for(timeout=120_000)
    drawn = time.perf_counter()
    settle(page)
    return drawn - t, drawn - arrived


def answered(page, click: str, done: str) -> float:
    """Seconds from a click on `click` until the JavaScript condition `done` holds."""
    from tests.browser.helpers import settle

    t = time.perf_counter()
    page.locator(click).first.click()
    page.wait_for_function(done, timeout=60_000, polling=20)
    seconds = time.perf_counter() - t
    settle(page)
    return seconds


def frames(page, pans: int) -> list[float]:
    """Animation-frame intervals (ms) while the wheel pans down and back, then Ctrl+wheel zooms out and in."""
    box = page.locator(".react-flow__pane").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.evaluate(RECORD_FRAMES)
    for dy in [120] * pans + [-120] * pans:
        page.mouse.wheel(0, dy)
        page.wait_for_timeout(16)
    page.keyboard.down("Control")
    for dy in [60] * pans + [-60] * pans:
        page.mouse.wheel(0, dy)
        page.wait_for_timeout(16)
    page.keyboard.up("Control")
    page.evaluate("() => { window.__recording = false; }")
    return page.evaluate("() => window.__frames.slice(1)")


def edits(page) -> dict[str, float]:
    block = "[data-group-id='repeat:layer1_0']"
    out = {"collapse every block": answered(page, "[data-action='collapse-all']",
                                            f"() => document.querySelector(\"{block}\") !== null")}
    copies = int(page.locator(f"{block} [data-count]").get_attribute("data-count"))
    out["one more copy of a block"] = answered(
        page, f"{block} [data-copies='+1']",
        f"() => document.querySelector(\"{block} [data-count]\")?.dataset.count === '{copies + 1}'")
    out["expand every block"] = answered(page, "[data-action='expand-all']",
                                         "() => document.querySelector('[data-group-id]') === null")
    out["select a layer"] = answered(
        page, "[data-layer-id='stem']", "() => document.querySelector(\"[data-layer-id='stem']\").dataset.selected === 'true'")
    return out


def measure(browser, url: str, blocks: int = 16, pans: int = 30) -> None:
    """Print the figures, with this Chromium against the server at `url`."""
    from builder.ui.edits import default_spec
    from tests.browser.helpers import VIEWPORT
    from tests.test_canvas_layout import residual_stack

    big = residual_stack(blocks)
    first, cached = python_side(big)
    print(f"network: {len(big['layers'])} layers ({blocks} residual blocks)")
    print(f"python: graph data {first * 1000:.1f} ms for a new spec, {cached * 1000:.2f} ms cached")
    for spec in (default_spec(), big):  # a dataset's first load imports its library (digits: sklearn): not counted
        warm = browser.new_page(viewport=VIEWPORT)
        open_network(warm, url, spec)
        warm.close()
    rows = []
    for spec in (default_spec(), big):
        page = browser.new_page(viewport=VIEWPORT)
        rows.append(open_network(page, url, spec))
        page.close()
    (big_s, big_own), (small_s, small_own) = rows[1], rows[0]
    print(f"drawn: {big_s:.2f} s from request to canvas ({len(big['layers'])} layers), {big_own:.2f} s of it the "
          f"canvas's own; the default {len(default_spec()['layers'])}-layer network {small_s:.2f} s "
          f"({small_own:.2f} s the canvas's own)")
    page = browser.new_page(viewport=VIEWPORT)
    open_network(page, url, big)
    for what, seconds in edits(page).items():
        print(f"edit answered: {what} {seconds:.2f} s")
    intervals = frames(page, pans)
    p95 = sorted(intervals)[int(0.95 * (len(intervals) - 1))]
    print(f"frame: {len(intervals)} frames while panning and zooming, median {statistics.median(intervals):.1f} ms, "
          f"95th percentile {p95:.1f} ms, longest {max(intervals):.1f} ms")
    page.close()


def main() -> None:
    import argparse

    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, streamlit_server

    parser = argparse.ArgumentParser(description="How the canvas copes with a large network")
    parser.add_argument("--blocks", type=int, default=16, help="residual blocks in the large network (16: 150 layers)")
    parser.add_argument("--pans", type=int, default=30, help="wheel events while panning and zooming")
    args = parser.parse_args()
    with streamlit_server() as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        measure(browser, url, args.blocks, args.pans)
        browser.close()


if __name__ == "__main__":
    main()
