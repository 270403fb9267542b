"""The Presets tab: a gallery of ready-made setups; one click loads the network, its data and its training
settings (undo brings back what was there)."""
from __future__ import annotations

import streamlit as st

from ..errors import SpecErrors
from ..presets import list_presets
from ..summary import summarize
from . import state
from .text import plain

COLUMNS = 3


@st.cache_data(show_spinner=False)
def gallery() -> list[dict]:
    """Every preset as plain data for a card (cached: the files do not change while the server runs)."""
    cards = []
    for stem, spec in list_presets().items():
        try:
            summary = summarize(spec)
            size = f"{len(summary.layers)} layers · {summary.total_params:,} parameters"
        except SpecErrors as e:
            size = f"does not check: {e.errors[0]}"
        cards.append({"stem": stem, "name": spec.name, "description": spec.description, "size": size,
                      "dataset": spec.data.dataset if spec.data else "no dataset",
                      "training": spec.training.model_dump(exclude_defaults=True) if spec.training else {},
                      "spec": spec.to_dict()})
    return cards


def _load(card: dict) -> None:
    state.load(card["spec"], f"the preset “{card['name']}”")
    state.session().data_source = state.BUILT_IN


def _card_ui(card: dict) -> None:
    with st.container(border=True, key=f"preset_{card['stem']}"):  # as tall as its whole description
        st.markdown(f"**{plain(card['name'])}**")
        st.caption(f":material/database: {plain(card['dataset'])} · {plain(card['size'])}")
        st.markdown(plain(card["description"]))
        st.button("Load", key=f"load_{card['stem']}", on_click=_load, args=(card,), type="primary",
                  icon=":material/download:", help=f"Load {plain(card['name'])}: network, data and training settings")


def presets_page() -> None:
    st.caption("Each preset is a complete setup: the network, the dataset and the training settings. Loading one "
               "replaces the current network; Undo (on the Playground or the Layers tab) brings it back.")
    cards = gallery()
    if not cards:
        st.info("No presets found in presets/.")
    for start in range(0, len(cards), COLUMNS):
        for col, card in zip(st.columns(COLUMNS), cards[start:start + COLUMNS]):
            with col:
                _card_ui(card)
