"""Click on a sample → its trace on the canvas: figures, not assertions. `.venv/bin/python benchmarks/follow_speed.py
[--clicks N]`

`streamlit run app.py` in Chromium at 1440×900: the first screen's network trains, pauses once its decision
boundary is drawn, then N points of the boundary are clicked one after another. Each time: the seconds from the
click until the canvas shows that sample (the picture on fc1's node is the followed sample's, and differs from the
one before), the script runs the server started meanwhile (a click should cost one fragment run; a second one is
the paused run's once-a-second refresh), and the machine's load (`uptime`) beside them. The goal is 0.3 s on a
paused run. The first click also loads the run's network in the page's process.
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


def count_runs(page, timeline: bool = False) -> list[str]:
    """Every script run the server starts for this page, in order: "page" (the whole script) or "fragment";
    `timeline`: print when each run starts and ends and each element arrives."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    seen: list[str] = []

    def on_frame(payload) -> None:
        if not isinstance(payload, str):
            msg = ForwardMsg.FromString(payload)
            if msg.WhichOneof("type") == "new_session":
                seen.append("fragment" if msg.metadata.run.fragment_ids else "page")
                if timeline:
                    print(f"   {time.perf_counter():.3f} new run {list(msg.metadata.run.fragment_ids)}")
            elif timeline and msg.WhichOneof("type") == "script_finished":
                print(f"   {time.perf_counter():.3f} finished")
            elif timeline and msg.WhichOneof("type") == "delta":
                print(f"   {time.perf_counter():.3f} delta {msg.metadata.delta_path} "
                      f"{msg.delta.new_element.WhichOneof('type') if msg.delta.WhichOneof('type') == 'new_element' else msg.delta.WhichOneof('type')}")

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    return seen


def click_times(clicks: int, timeline: bool = False) -> list[float]:
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import (CHROMIUM, CHROMIUM_ARGS, VIEWPORT, open_app, press, set_epochs, settle,
                                       streamlit_server, wait_for)

    times = []
    with streamlit_server() as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=VIEWPORT)
        runs = count_runs(page, timeline)
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
            if timeline:
                print(f"   {t:.3f} click")
            page.mouse.click(*xy)
            page.wait_for_function(f"(before) => {{ const now = ({SHOWN})(); return now && now !== before; }}",
                                   arg=before, timeout=30_000, polling="raf")
            times.append(time.perf_counter() - t)
            if timeline:
                print(f"   {time.perf_counter():.3f} shown")
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
    parser.add_argument("--timeline", action="store_true", help="every run, delta, click and trace shown, timed")
    args = parser.parse_args()
    times = click_times(args.clicks, args.timeline)
    later = times[1:] or times
    print(f"click → canvas shows the sample (paused run): first {times[0] * 1000:.0f} ms, later median "
          f"{statistics.median(later) * 1000:.0f} ms (min {min(later) * 1000:.0f}, max {max(later) * 1000:.0f}); "
          f"load {os.getloadavg()[0]:.2f} (uptime)")


if __name__ == "__main__":
    main()
