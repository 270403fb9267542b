"""The whole page: state set up once per session, then the five pages as tabs (only the open one runs)."""
from __future__ import annotations

import functools
import threading

import streamlit as st

from ..jobs import JOBS, start_reaper
from . import state
from .build import build_page
from .data import data_page
from .export import export_page
from .presets import presets_page
from .train import train_page

PAGES = {"Build": build_page, "Data": data_page, "Train": train_page, "Presets": presets_page, "Export": export_page}
KEEPALIVE_S = 30  # well inside Streamlit's disconnectedSessionTTL (120 s by default)


@functools.cache
def warm_up() -> None:
    """Once per server: load in the background what the first training run needs, and start the job reaper.

    Building the first optimiser imports torch._dynamo (seconds); doing it before anyone presses Start makes the
    first run start as fast as the later ones.
    """
    def load() -> None:
        import sklearn.model_selection  # noqa: F401  (the train/validation split)
        import torch

        from .. import training  # noqa: F401
        from ..presets import load_preset
        from ..summary import summarize
        torch.optim.Adam([torch.zeros(1, requires_grad=True)])
        summarize(load_preset("lenet_digits"))  # the FLOP counter's first convolution imports torch._dynamo

    threading.Thread(target=load, name="netbuilder-warm-up", daemon=True).start()
    start_reaper(JOBS, grace_s=_disconnect_ttl())


def _disconnect_ttl() -> float:
    return float(st.get_option("server.disconnectedSessionTTL") or 120)


def heartbeat() -> None:
    """Tell the job registry this session is here, and stop the jobs of sessions long gone."""
    JOBS.touch(st.session_state.sid)
    JOBS.reap(grace_s=_disconnect_ttl())


def _touch() -> None:
    JOBS.touch(st.session_state.sid)


def keepalive() -> None:
    """While this session has a run going, touch it every KEEPALIVE_S on any page (the live charts, which touch it
    every second, run only on the Train page)."""
    active = JOBS.running_for(st.session_state.sid) is not None
    st.fragment(_touch, run_every=KEEPALIVE_S if active else None)()


def main() -> None:
    st.set_page_config(page_title="NetBuilder", page_icon=":material/hub:", layout="wide")
    warm_up()
    state.init()
    heartbeat()
    st.markdown("### :material/hub: NetBuilder", help="Build a network, pick data, train it live, take it away.")
    state.show_notices()
    tabs = st.tabs(list(PAGES), key="page", on_change="rerun")
    for tab, render in zip(tabs, PAGES.values()):
        if tab.open is not False:
            with tab:
                render()
    keepalive()
    state.sync_url()
