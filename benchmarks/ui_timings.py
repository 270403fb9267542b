"""How fast the page feels: figures, not assertions. `.venv/bin/python benchmarks/ui_timings.py [--runs N]`

1. Start → first loss point drawn: `streamlit run app.py` in Chromium, the MLP-on-digits preset, the time from
   the click on Start until the loss chart holds a point (goal: under 0.5 s on CPU). The first run of a fresh
   server and later ones are reported apart; so is the time from the server's start to its health check.
2. One page re-run with a 30-layer model: AppTest, the Build page, after warm-up (goal: under 300 ms).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.compile_speed import load  # noqa: E402  (the machine's load, said as every benchmark says it)


def start_to_first_loss(runs: int = 3) -> list[float]:
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import (CHROMIUM, CHROMIUM_ARGS, VIEWPORT, chart_points, enabled, load_preset,
                                       open_app, settle, streamlit_server, tab, wait_for)

    times = []
    with streamlit_server() as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        open_app(page, url)
        load_preset(page, "mlp_digits")
        tab(page, "Training")
        time.sleep(5)  # a person reads the page before pressing Start; the server warms up meanwhile
        for n in range(1, runs + 1):
            button = page.locator(".st-key-start button").first
            t0 = time.perf_counter()
            button.click()
            page.get_by_text(f"run {n}:").first.wait_for(timeout=60_000)  # the new run's chart, not the last one's
            while not chart_points(page, "chart_loss"):
                time.sleep(0.01)
            times.append(time.perf_counter() - t0)
            wait_for(lambda: enabled(page, "start"), 300, "the run to finish")  # the next Start starts afresh
            settle(page)
        browser.close()
    return times


HELLO = "import streamlit as st\nst.write('hello')\n"  # a hello-world Streamlit app: the floor for a page's start
START_ENABLED = "() => { const b = document.querySelector('.st-key-start button'); return b && !b.disabled; }"


def page_start(app: Path, ready: str, click_start: bool) -> dict:
    """One fresh `streamlit run <app>` in Chromium: seconds from the process's start to its health check answering
    and to the first screen usable (`ready`, a CSS selector, on screen); with `click_start`, from a click on Start as
    soon as it shows to the Playground's loss chart holding a point (and from the server's start to that point); then,
    once that run has ended, from opening a second page on the same server to its first screen."""
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import CHART_POINTS_JS, CHROMIUM, CHROMIUM_ARGS, VIEWPORT, free_port

    has_point = CHART_POINTS_JS.replace("([key, trace])", "(key, trace = 0)")  # one argument: the chart's key

    port = free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
                             "--server.headless", "true", "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false"], cwd=app.parent, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url, out = f"http://127.0.0.1:{port}", {}
    try:
        while "health" not in out:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    out["health"] = time.perf_counter() - t0 if r.status == 200 else None
            except OSError:
                if proc.poll() is not None or time.perf_counter() - t0 > 120:
                    raise RuntimeError(f"{app.name} did not start")
                time.sleep(0.02)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport=VIEWPORT)
            page.goto(url)
            page.locator(ready).first.wait_for(timeout=120_000)
            out["first screen"] = time.perf_counter() - t0
            if click_start:
                # waited for in the page, at each frame: polling it from here (a round trip to the browser every
                # 10 ms) took CPU from the server and the workers' warm-up, as no person's waiting does
                page.wait_for_function(START_ENABLED, polling="raf", timeout=120_000)
                clicked = time.perf_counter()
                page.locator(".st-key-start button").first.click()
                page.wait_for_function(has_point, arg="pg_loss", polling="raf", timeout=120_000)
                out["Start → first loss point"] = time.perf_counter() - clicked
                # the same point from the server's start: a Start that shows sooner (with the chart library still
                # loading behind the canvas) waits longer for its point, and this says whether the point came sooner
                out["server start → first loss point"] = time.perf_counter() - t0
                # the run ends: nothing trains while the next page opens
                page.wait_for_function(START_ENABLED, polling=200, timeout=300_000)
            # what most people meet: a page opened on a server that is already up (the imports done, the workers warm)
            other = browser.new_page(viewport=VIEWPORT)
            opened = time.perf_counter()
            other.goto(url)
            other.locator(ready).first.wait_for(timeout=120_000)
            out["another page → first screen"] = time.perf_counter() - opened
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)
    return out


def page_starts(repeats: int) -> dict[str, tuple[list[float], list[float]]]:
    """NetBuilder's page start against a hello-world app's, interleaved: {figure: (ours, hello world)}."""
    with tempfile.TemporaryDirectory() as tmp:
        hello = Path(tmp) / "hello.py"
        hello.write_text(HELLO)
        figures: dict[str, tuple[list[float], list[float]]] = {}
        for _ in range(repeats):
            ours = page_start(ROOT / "app.py", "[data-layer-id]", click_start=True)
            floor = page_start(hello, "text=hello", click_start=False)
            for name, value in ours.items():
                pair = figures.setdefault(name, ([], []))
                pair[0].append(value)
                if name in floor:
                    pair[1].append(floor[name])
    return figures


def print_page_starts(repeats: int) -> None:
    """The page figures `make bench` prints too: each figure of a fresh server (and of a second page on it)
    against the hello-world app's."""
    print(f"Page, fresh server each time, median of {repeats} interleaved with a hello-world app ({load()})")
    for name, (ours, floor) in page_starts(repeats).items():
        o = statistics.median(ours)
        if floor:
            f, label = statistics.median(floor), name if "→" in name else f"server start → {name}"
            print(f"  {label:<39} {o:6.2f} s   hello world {f:6.2f} s   {o / f:5.2f}×")
        else:
            print(f"  {name:<39} {o:6.2f} s" + ("   (goal < 0.5 s)" if name == "Start → first loss point" else ""))


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
    from builder.ui.server import PAGE

    at = AppTest.from_file(PAGE, default_timeout=60)  # the page script the server (app.py) runs
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Start clicks in Chromium (the first is a fresh server's)")
    parser.add_argument("--starts", type=int, default=1, help="fresh servers started, against a hello-world app")
    parser.add_argument("--reruns", type=int, default=20, help="AppTest page re-runs")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, {load()}")
    times = rerun_time(args.reruns)
    print(f"Build page re-run, 30 layers (AppTest, {len(times)} runs after warm-up): "
          f"median {statistics.median(times) * 1000:.0f} ms, min {min(times) * 1000:.0f} ms, "
          f"max {max(times) * 1000:.0f} ms (goal < 300 ms)")
    if not Path("/usr/bin/chromium").exists():
        print("Start → first loss: skipped, /usr/bin/chromium is missing (make browser-deps)")
        return
    print_page_starts(args.starts)
    times = start_to_first_loss(args.runs)
    print(f"Start → first loss point drawn, MLP (digits), in Chromium: first run of the server {times[0]:.2f} s, "
          f"later runs {', '.join(f'{t:.2f}' for t in times[1:]) or 'none'} s (goal < 0.5 s)")


if __name__ == "__main__":
    main()
