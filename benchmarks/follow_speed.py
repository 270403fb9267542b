"""Click on a sample → its trace on the canvas: figures, not assertions. `.venv/bin/python benchmarks/follow_speed.py
[--clicks N]`

`streamlit run app.py` in Chromium at 1440×900: the first screen's network trains, pauses once its decision
boundary is drawn, then N points of the boundary are clicked one after another. Each time: the seconds from the
click until the canvas shows that sample (the picture on fc1's node is the followed sample's, and differs from the
one before), and the machine's load (`uptime`) beside them. The goal is 0.3 s on a paused run.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

POINT = """([key, nth, k]) => {
    const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    if (!plot || !plot._fullData) return null;
    const trace = plot._fullData.filter(t => t.mode === 'markers' && t.x && t.x.length)[nth];
    if (!trace) return null;
    const fl = plot._fullLayout, xa = fl.xaxis, ya = fl.yaxis, box = plot.getBoundingClientRect();
    const i = Math.floor(trace.x.length * k);
    return [box.left + xa._offset + xa.d2p(trace.x[i]), box.top + ya._offset + ya.d2p(trace.y[i])];
}"""

# what the canvas shows for fc1 now: "" until it draws a followed sample, then its picture's pixels
SHOWN = """() => {
    const thumbs = document.querySelector("[data-layer-id='fc1'] .nb-thumbs");
    if (!thumbs || !(thumbs.title || '').startsWith("this sample's")) return "";
    return [...thumbs.querySelectorAll('canvas')].map(c => c.toDataURL()).join('|');
}"""


def count_runs(page) -> list[str]:
    """Every script run the server starts for this page, in order: "page" (the whole script) or "fragment"."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    seen: list[str] = []

    def on_frame(payload) -> None:
        if not isinstance(payload, str):
            msg = ForwardMsg.FromString(payload)
            if msg.WhichOneof("type") == "new_session":
                seen.append("fragment" if msg.metadata.run.fragment_ids else "page")

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    return seen


def click_times(clicks: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import (CHROMIUM, CHROMIUM_ARGS, VIEWPORT, open_app, press, set_epochs, settle,
                                       streamlit_server, wait_for)

    times = []
    with streamlit_server() as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        runs = count_runs(page)
        open_app(page, url)
        set_epochs(page, 3000)
        press(page, "start")
        wait_for(lambda: page.evaluate(POINT, ["pg_output", 0, 0.5]), 60, "the decision boundary")
        press(page, "pause")
        wait_for(lambda: "paused" in page.locator("[data-testid=stMarkdownContainer]", has_text="parameters")
                 .first.inner_text(), 30, "the run to pause")
        settle(page)
        for n in range(clicks):
            xy = page.evaluate(POINT, ["pg_output", n % 2, 0.1 + 0.8 * (n / max(clicks, 1))])
            before = page.evaluate(SHOWN)
            started = len(runs)
            t = time.perf_counter()
            page.mouse.click(*xy)
            page.wait_for_function(f"(before) => {{ const now = ({SHOWN})(); return now && now !== before; }}",
                                   arg=before, timeout=30_000, polling="raf")
            times.append(time.perf_counter() - t)
            if os.environ.get("FOLLOW_PANEL"):
                page.wait_for_function("() => { const p = document.querySelector('.st-key-follow_pg'); return p && "
                                       "p.querySelectorAll('.js-plotly-plot .main-svg').length >= 3 && "
                                       "!document.querySelector('[data-stale=true]'); }", timeout=30_000, polling="raf")
                print(f"   panel charts drawn after {(time.perf_counter() - t) * 1000:.0f} ms")
            page.wait_for_timeout(1)  # the frames received meanwhile
            print(f"click {n + 1}: {times[-1] * 1000:.0f} ms   load {os.getloadavg()[0]:.2f}   runs started: "
                  f"{', '.join(runs[started:]) or 'none'}", flush=True)
            settle(page)
            time.sleep(0.5)
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clicks", type=int, default=7)
    args = parser.parse_args()
    times = click_times(args.clicks)
    later = times[1:] or times
    print(f"click → canvas shows the sample (paused run): first {times[0] * 1000:.0f} ms, later median "
          f"{statistics.median(later) * 1000:.0f} ms (min {min(later) * 1000:.0f}, max {max(later) * 1000:.0f}); "
          f"load {os.getloadavg()[0]:.2f} (uptime)")


if __name__ == "__main__":
    main()
