"""Driving `streamlit run app.py` with Debian's Chromium through Playwright: start the server, wait for the
page to settle, switch tabs, read Plotly charts. Shared by the browser tests and the screenshot script."""
from __future__ import annotations

import contextlib
import dataclasses
import os
import socket
import subprocess
import sys
import time
import urllib.request
import weakref
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1440, "height": 900}


def free_port() -> int:
    with contextlib.closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(timeout: float = 90.0, env: dict | None = None):
    """`streamlit run app.py` on a free port (with `env`'s settings added); yields its URL and stops it afterwards."""
    port = free_port()
    log = open(ROOT / "tests" / "artifacts" / f"streamlit-{port}.log", "w") if (ROOT / "tests" / "artifacts").is_dir() \
        else subprocess.DEVNULL
    # this interpreter's streamlit (its own `bin/streamlit` may name another environment's Python: a copied venv)
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
                             "--server.headless", "true", "--server.address", "127.0.0.1",
                             "--browser.gatherUsageStats", "false"],
                            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start (exit code {proc.poll()})")
            time.sleep(0.25)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@dataclasses.dataclass
class _Runs:
    """What `follow_runs` knows of one page: the whole-script run going, and when the page asked for reruns that
    have not begun yet."""

    going: set[str] = dataclasses.field(default_factory=set)
    asked: list[float] = dataclasses.field(default_factory=list)

    def busy(self) -> bool:
        # a rerun asked for that never began (a server that dropped the request) stops counting after ASKED_S
        self.asked = [t for t in self.asked if time.monotonic() - t < ASKED_S]
        return bool(self.going or self.asked)


ASKED_S = 15.0


def follow_runs(page) -> None:
    """Follow the page's whole-script runs in Streamlit's own messages, so `settle` can wait for them alone: while
    a network trains, a fragment redraws the live views every second, and on a loaded machine its "Running" sign
    may never stay off long enough to look quiet. The browser asks for a rerun with `rerun_script` (a fragment's
    names the fragment); each run opens with `new_session` and closes with `script_finished`, both tagged with the
    run's id and, for a fragment's run, the fragment's ids."""
    runs = _Runs()

    def on_sent(payload) -> None:
        if isinstance(payload, str):
            return
        msg = BackMsg.FromString(payload)
        if msg.WhichOneof("type") == "rerun_script" and not msg.rerun_script.fragment_id:
            runs.asked.append(time.monotonic())

    def on_received(payload) -> None:
        if isinstance(payload, str):
            return
        msg = ForwardMsg.FromString(payload)
        kind, run = msg.WhichOneof("type"), msg.metadata.run
        if kind == "new_session" and not run.fragment_ids:
            # a session runs one whole script at a time: a new one answers every rerun asked for so far, and the
            # earlier ones have ended whether or not their `script_finished` came (Streamlit drops the events of a
            # ScriptRunner it has already replaced)
            runs.asked.clear()
            runs.going = {run.script_run_id}
        elif kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
            if run.script_run_id:
                runs.going.discard(run.script_run_id)
            else:  # a run ended by an error in the script runner itself names no run
                runs.going.clear()

    def on_socket(ws) -> None:
        ws.on("framesent", on_sent)
        ws.on("framereceived", on_received)

    page.on("websocket", on_socket)
    _RUNS[page] = runs


_RUNS: "weakref.WeakKeyDictionary[object, _Runs]" = weakref.WeakKeyDictionary()


def settle(page, quiet_s: float = 0.3, timeout: float = 60.0) -> None:
    """Wait until no whole-script run has been going, or been asked for, for `quiet_s`. Pages opened with `open_app`
    are followed through their messages (fragment runs do not count); others by Streamlit's "Running" sign, given
    a second to show."""
    runs = _RUNS.get(page)
    if runs is None:
        quiet_s = max(quiet_s, 0.8)
        time.sleep(0.2)
    deadline = time.monotonic() + timeout
    quiet_since = None
    while time.monotonic() < deadline:
        if runs is None:
            busy = page.evaluate("() => !!document.querySelector('[data-testid=stStatusWidget]')")
        else:
            page.wait_for_timeout(1)  # lets Playwright deliver the frames sent and received meanwhile
            busy = runs.busy()
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet_s:
            return
        time.sleep(0.05)
    seen = "" if runs is None else \
        f" (whole-script runs open: {sorted(runs.going)}, reruns asked for and not begun: {len(runs.asked)})"
    raise TimeoutError("the page kept running" + seen)


def open_app(page, url: str) -> None:
    """The landing view (the Playground), with the canvas drawn."""
    if page not in _RUNS:
        follow_runs(page)
    page.goto(url)
    page.get_by_role("tab", name="Playground", exact=True).wait_for(timeout=60_000)
    page.locator("[data-layer-id]").first.wait_for(timeout=60_000)
    # the first screen is whole once the canvas has asked for the run that draws what it held back (canvas.first_screen)
    page.wait_for_function("() => !document.querySelector('.st-key-pg_output_waits')", timeout=60_000)
    settle(page)


def tab(page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).first.click()
    settle(page)


def click(page, name: str, within: str | None = None) -> None:
    scope = page.locator(within) if within else page
    scope.get_by_role("button", name=name, exact=True).first.click()
    settle(page)


def load_preset(page, stem: str) -> None:
    tab(page, "Presets")
    page.locator(f".st-key-preset_{stem}").get_by_role("button", name="Load").first.click()
    settle(page)


def chart_points(page, key: str, trace: int = 0) -> int:
    """How many points trace `trace` of the chart with this key holds (0 when not drawn yet): a Plotly chart, or an
    SVG chart (builder.figures.svg, its first series: `data-points`)."""
    return page.evaluate(CHART_POINTS_JS, [key, trace])


CHART_POINTS_JS = """([key, trace]) => {
    const plot = document.querySelector(`.st-key-${key} .js-plotly-plot`);
    if (plot) return plot.data && plot.data[trace] && plot.data[trace].x ? plot.data[trace].x.length : 0;
    const svg = document.querySelector(`.st-key-${key} svg[data-points]`);
    return svg && trace === 0 ? Number(svg.dataset.points) : 0;
}"""


def press(page, key: str) -> None:
    """Click the button created with `key=` (Streamlit gives its container the class st-key-<key>)."""
    page.locator(f".st-key-{key} button").first.click()
    settle(page)


def enabled(page, key: str) -> bool:
    return page.locator(f".st-key-{key} button").first.is_enabled()


def wait_for(predicate, timeout: float, what: str, seen=None):
    """Poll `predicate` until it returns something truthy (which is returned); fail naming `what` after `timeout` s,
    with what `seen()` says of the page then (a run's status line: the screenshot stays on the machine that ran)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}" + (f"; the page said: {seen()!r}" if seen else ""))


def set_epochs(page, epochs: int) -> None:
    """Type the Playground's epoch count (so a run lasts long enough to watch)."""
    field = page.locator("[class*='st-key-pgs'][class*='epochs'] input").first
    field.fill(str(epochs))
    field.press("Enter")
    settle(page)
