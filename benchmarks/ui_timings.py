"""How fast the page feels: figures, not assertions. `.venv/bin/python benchmarks/ui_timings.py`

1. Start → first loss point drawn: `streamlit run app.py` in Chromium, the MLP-on-digits preset, the time from
   the click on Start until the loss chart holds a point (goal: under 2 s on CPU). The first run of a fresh
   server and later ones are reported apart.
2. One page re-run with a 30-layer model: AppTest, the Build page, after warm-up (goal: under 300 ms).
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def start_to_first_loss(runs: int = 3) -> list[float]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import (CHROMIUM, CHROMIUM_ARGS, VIEWPORT, chart_points, enabled, load_preset,
                                       open_app, settle, streamlit_server, tab)

    times = []
    with streamlit_server() as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        open_app(page, url)
        load_preset(page, "mlp_digits")
        tab(page, "Train")
        time.sleep(5)  # a person reads the page before pressing Start; the server warms up meanwhile
        for n in range(1, runs + 1):
            button = page.locator(".st-key-start button").first
            t0 = time.perf_counter()
            button.click()
            page.get_by_text(f"run {n}:").first.wait_for(timeout=60_000)  # the new run's chart, not the last one's
            while not chart_points(page, "chart_loss"):
                time.sleep(0.01)
            times.append(time.perf_counter() - t0)
            settle(page)
            if enabled(page, "stop"):
                try:  # the run may finish between the check and the click
                    page.locator(".st-key-stop button").first.click(timeout=5_000)
                except PlaywrightTimeout:
                    pass
                settle(page)
        browser.close()
    return times


def thirty_layer_spec() -> dict:
    """14 Linear + ReLU pairs, a bottleneck and the output: 30 layers."""
    layers = []
    for i in range(14):
        layers += [{"id": f"fc{i}", "type": "Linear", "params": {"out_features": 32}}, {"id": f"act{i}", "type": "ReLU"}]
    layers += [{"id": "neck", "type": "Linear", "params": {"out_features": 8}},
               {"id": "out", "type": "Linear", "params": {"out_features": 2}}]
    return {"format": "netbuilder/1", "name": "30 layers", "input": {"shape": [2]}, "layers": layers,
            "data": {"dataset": "moons"}, "training": {"epochs": 5}}


def rerun_time(runs: int = 20) -> list[float]:
    from streamlit.testing.v1 import AppTest

    from builder.share import encode_setup

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["s"] = encode_setup(thirty_layer_spec())
    at.run()
    assert len(at.session_state["spec"]["layers"]) == 30 and not at.exception
    for _ in range(3):
        at.run()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t0)
    return times


def main() -> None:
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    times = rerun_time()
    print(f"Build page re-run, 30 layers (AppTest, {len(times)} runs after warm-up): "
          f"median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms (goal < 300 ms)")
    if not Path("/usr/bin/chromium").exists():
        print("Start → first loss: skipped, /usr/bin/chromium is missing (make browser-deps)")
        return
    times = start_to_first_loss()
    print(f"Start → first loss point drawn, MLP (digits), in Chromium: first run of the server {times[0]:.2f} s, "
          f"later runs {', '.join(f'{t:.2f}' for t in times[1:])} s (goal < 2 s)")


if __name__ == "__main__":
    main()
