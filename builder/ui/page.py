"""The whole page: state set up once per session, a slim header, then the views as tabs (only the open one runs).

The Playground is the landing view: data, network canvas, controls, loss and output on one screen.
"""
from __future__ import annotations

import streamlit as st

from .. import lazy
from ..jobs import JOBS
from . import server, state

# each tab's module and function, imported when the tab is first opened: a first screen imports its own tab only
PAGES = {"Playground": "playground:playground_page", "Layers": "build:layers_page", "Data": "data:data_page",
         "Training": "train:training_page", "Explain": "explain:explain_page", "Presets": "presets:presets_page",
         "Export": "export:export_page"}
KEEPALIVE_S = 30  # well inside Streamlit's disconnectedSessionTTL (120 s by default)
STYLE = """<style>
.block-container { padding-top: 0.6rem !important; padding-bottom: 1rem !important; }
header[data-testid="stHeader"] { background: transparent; }
header[data-testid="stHeader"], header[data-testid="stHeader"] * { pointer-events: none; }
[data-testid="stMainMenu"], [data-testid="stMainMenu"] *, [data-testid="stToolbarActions"] * { pointer-events: auto; }
[data-testid="stMainBlockContainer"] { padding-left: 1.2rem; padding-right: 1.2rem; }
.st-key-topbar p { margin-bottom: 0; }
div:has(> .st-key-controls) { position: sticky; bottom: 0; z-index: 3; padding: 0.3rem 0; background: BACKGROUND; }
</style>"""
# Start / Pause / Step / Reset stay on screen (at its foot) where the settings above them run past it: a short window,
# a teacher's lesson box, an upload's questions
BACKGROUNDS = {"light": "#ffffff", "dark": "#0e1117"}  # Streamlit's own page colours


def _disconnect_ttl() -> float:
    return float(st.get_option("server.disconnectedSessionTTL") or 120)


def heartbeat() -> None:
    """Tell the job registry this session is here, and stop the jobs of sessions long gone."""
    JOBS.touch(state.session().sid)
    JOBS.reap(grace_s=_disconnect_ttl())


def _touch() -> None:
    JOBS.touch(state.session().sid)


def keepalive() -> None:
    """While this session has a run going, touch it every KEEPALIVE_S on any page (the live views, which touch
    it every second, run only where they are shown)."""
    active = JOBS.running_for(state.session().sid) is not None
    st.fragment(_touch, run_every=KEEPALIVE_S if active else None)()


def _tab(name: str):
    return lazy.resolve(f".{PAGES[name]}", __package__)


def render(name: str) -> None:
    """Draw one tab, importing its module on first use."""
    _tab(name)()


def import_tabs(*names: str) -> None:
    """Import the named tabs' modules, or every tab's (the server warms them up in the background)."""
    for name in names or PAGES:
        _tab(name)


def main() -> None:
    st.set_page_config(page_title="NetBuilder", page_icon=":material/hub:", layout="wide",
                       initial_sidebar_state="collapsed")
    theme = getattr(getattr(st.context, "theme", None), "type", None) or "light"
    st.html(STYLE.replace("BACKGROUND", BACKGROUNDS.get(theme, BACKGROUNDS["light"])))
    try:
        state.init()
        state.session().page_runs += 1
        heartbeat()
        state.show_notices()
        tabs = st.tabs(list(PAGES), key="page", on_change="rerun")
        for tab, name in zip(tabs, PAGES):
            if tab.open is not False:
                with tab:
                    render(name)
        keepalive()
        state.sync_url()
        server.page_drawn()
    except Exception as e:  # a bug of ours: say so plainly; the traceback goes to the server's log only
        state.report_bug(e)
