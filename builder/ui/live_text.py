"""A language model's text and a network's attention while it trains: the sample the model wrote last, with the
temperature it writes at, and each head's attention over one validation sample (views "text" and "attention",
written by builder.textwatch and builder.trace in the run's worker)."""
from __future__ import annotations

import streamlit as st

from ..errors import page_text
from ..figures.explain import attention_figure
from ..runlog import Snapshot
from ..textwatch import MAX_TEMPERATURE
from . import runs, state
from .text import plain

CHART_CONFIG = {"displayModeBar": False}
NEWLINE = "↵"  # a line break in a sample, drawn visible (the sample is shown as one paragraph)


def shown(text: str) -> str:
    """A sample as page text: its line breaks as marks, escaped by the page's rule."""
    return plain(str(text).replace("\n", NEWLINE))


def cell(text: str) -> str:
    """A sample as a data grid's cell (drawn as text, no Markdown): its line breaks as marks, control characters
    as escapes (`errors.page_text`)."""
    return page_text(str(text).replace("\n", NEWLINE))


def _tune(key: str) -> None:
    runs.set_temperature(st.session_state[key])


def temperature_ui(key: str) -> float:
    """The temperature slider: it tunes the run going now (its next sample) and the runs started after."""
    st.session_state[key] = state.session().temperature
    return st.slider("Temperature", 0.0, MAX_TEMPERATURE, step=0.05, key=key, on_change=_tune, args=(key,),
                     help="How daring the model's writing is: 0 always takes the likeliest next character, 1 draws "
                          "from what the model believes, higher flattens it into surprises")


def generated_text_ui(job, snap: Snapshot | None, key: str = "pg") -> None:
    """The latest sample a training language model wrote (nothing for other runs)."""
    view = snap.views.get("text") if snap is not None else None
    if view is None:
        return
    with st.container(border=True, key=f"{key}_text"):
        words, control = st.columns([0.55, 0.45], vertical_alignment="center")
        words.markdown(f"**Generated text** · step {int(view['step']):,} · "
                       f"temperature {float(view['temperature']):g}",
                       help="Every few seconds the model being trained continues a fixed validation window (grey): "
                            "gibberish at first, then letters in the right proportions, then words and the shape "
                            "of the documentation.")
        with control:
            if job is not None and job.active:
                temperature_ui(f"{key}_temperature")
            else:
                st.caption("The run has ended: write more on the Training tab.")
        if "error" in view:
            st.warning(plain(view["error"]), icon=":material/warning:")
            return
        st.caption(shown(view["prompt"]))
        st.markdown(shown(view["text"]))


def attention_ui(snap: Snapshot | None, key: str = "pg", cols: int = 2, height_per_row: int = 170,
                 max_ticks: int = 8) -> None:
    """Each head's attention over the fixed validation sample, for the first attention layer (a picker when there
    are more)."""
    view = snap.views.get("attention") if snap is not None else None
    if view is None or not view.get("layers"):
        return
    ids = list(view["layers"])
    lid = ids[0] if len(ids) == 1 else st.selectbox("Attention layer", ids, key=f"{key}_attention_layer")
    fig = attention_figure(lid, view["layers"][lid], view.get("tokens"), cols=cols, height_per_row=height_per_row,
                           max_ticks=max_ticks)
    fig.update_layout(margin=dict(l=6, r=6, t=50, b=6), title_font_size=13)
    st.plotly_chart(fig, key=f"{key}_attention", config=CHART_CONFIG)
