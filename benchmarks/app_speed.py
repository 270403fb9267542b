"""How fast the page feels, in a real Chromium against `streamlit run app.py`; prints figures, asserts nothing.

    .venv/bin/python benchmarks/app_speed.py [--presets mlp_digits lenet_digits] [--epochs 40]

- first screen: from the server answering its health check to the Playground drawn and usable (the Start button
  and the canvas on screen);
- Start → first loss point: from the click to the loss chart holding a point;
- in-app samples/s against the engine alone: the same preset and epochs trained from the page (its worker process,
  while the page refreshes every second) and by `builder.train` in a fresh process with the same thread count:
  the training loop alone (the run log's running time), and from start to finish with setup included (the page's
  worker comes preloaded from the forkserver; the fresh process loads its data and warms torch up). The two run one
  after the other on the same machine.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, chart_points, free_port, load_preset, settle, tab  # noqa: E402


def start_server(runs: Path):
    port = free_port()
    proc = subprocess.Popen([str(Path(sys.executable).with_name("streamlit")), "run", "app.py", "--server.port",
                             str(port), "--server.headless", "true", "--server.address", "127.0.0.1"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "NETBUILDER_RUNS_DIR": str(runs)})
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url, time.perf_counter()
        except OSError:
            time.sleep(0.05)


def engine_alone(preset: str, epochs: int, threads: int) -> tuple[float, float]:
    """(samples/s with setup, samples/s of the training loop alone) of `builder.train` in a fresh process."""
    code = (f"import time, torch, builder; from builder.presets import load_preset; torch.set_num_threads({threads}); "
            f"spec = load_preset({preset!r}); t = time.perf_counter(); "
            f"tr = builder.train(spec, epochs={epochs}); n = tr.parts.n_train * {epochs}; "
            f"print(n / (time.perf_counter() - t), n / tr.log.elapsed_s)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=900)
    whole, loop = map(float, done.stdout.strip().splitlines()[-1].split())
    return whole, loop


def in_app(page, url: str, runs: Path, preset: str, epochs: int) -> tuple[float, float]:
    """(samples/s from Start to the run's end, setup included; samples/s of the training loop alone) of the preset
    trained from the Playground, read from the run's own record."""
    page.goto(url)
    page.locator("[data-layer-id]").first.wait_for(timeout=60_000)
    settle(page)
    load_preset(page, preset)
    tab(page, "Playground")
    epochs_box = page.locator("[class*='st-key-pgs'][class*='epochs'] input").first
    epochs_box.fill(str(epochs))
    epochs_box.press("Enter")
    settle(page)
    clicked = time.time()
    page.locator(".st-key-start button").first.click()
    deadline = time.monotonic() + 900
    record = None
    while time.monotonic() < deadline and record is None:  # this run's own record, once it has finished
        time.sleep(0.5)
        records = [json.loads(p.read_text()) for p in runs.glob("*/*/run.json")]
        record = next((r for r in records if r.get("created", 0) >= clicked and r.get("finished")), None)
    samples = record["n_train"] * epochs
    return samples / (record["finished"] - record["created"]), samples / record["training_s"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presets", nargs="+", default=["mlp_digits", "lenet_digits"])
    parser.add_argument("--epochs", type=int, default=40)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from builder.ui.runs import threads_per_run
    runs = Path(os.environ.get("TMPDIR", "/tmp")) / f"netbuilder-bench-{os.getpid()}"
    proc, url, healthy = start_server(runs)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(url)
            page.locator(".st-key-start button").first.wait_for(timeout=60_000)
            page.locator("[data-layer-id]").first.wait_for(timeout=60_000)
            first_screen = time.perf_counter() - healthy
            print(f"first screen: {first_screen:.2f} s after the health check answered")
            settle(page)
            clicked = time.perf_counter()
            page.locator(".st-key-start button").first.click()
            while not chart_points(page, "pg_loss"):
                time.sleep(0.01)
            print(f"Start → first loss point drawn: {time.perf_counter() - clicked:.2f} s")
            settle(page, quiet_s=2.0, timeout=300)
            threads = threads_per_run(1)
            for preset in args.presets:
                app, app_loop = in_app(page, url, runs, preset, args.epochs)
                alone, alone_loop = engine_alone(preset, args.epochs, threads)
                print(f"{preset} ({args.epochs} epochs, {threads} thread(s)): training loop in the app "
                      f"{app_loop:,.0f} samples/s, the engine alone {alone_loop:,.0f}, ratio {app_loop / alone_loop:.2f}; "
                      f"with setup: {app:,.0f} against {alone:,.0f} samples/s, ratio {app / alone:.2f}")
            browser.close()
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
