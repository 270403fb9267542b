"""The Presets tab: a gallery of ready-made setups; one click loads the network, its data and its training
settings (undo brings back what was there)."""
from __future__ import annotations

import streamlit as st

from ..errors import SpecErrors
from ..fitting import fit_network
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


def _load_on_upload(card: dict) -> None:
    """The preset's network and training settings on the uploaded data, made to fit it in the same edit."""
    upload = state.session().upload
    spec, changes = fit_network(card["spec"], upload)
    fitted = f", made to fit it ({'; '.join(changes)})" if changes else ""
    if state.load(spec, f"the preset “{card['name']}” on {upload.name}{fitted}"):
        state.session().data_source = state.UPLOAD


def _card_ui(card: dict) -> None:
    with st.container(border=True, key=f"preset_{card['stem']}"):  # as tall as its whole description
        st.markdown(f"**{plain(card['name'])}**")
        st.caption(f":material/database: {plain(card['dataset'])} · {plain(card['size'])}")
        st.markdown(plain(card["description"]))
        upload = state.session().upload
        c1, c2 = st.columns(2) if upload is not None else (st.container(), None)
        c1.button("Load", key=f"load_{card['stem']}", on_click=_load, args=(card,), type="primary",
                  icon=":material/download:", help=f"Load {plain(card['name'])}: network, data and training settings")
        if c2 is not None:
            c2.button("On my data", key=f"mine_{card['stem']}", on_click=_load_on_upload, args=(card,),
                      icon=":material/upload_file:",
                      help=f"Load {plain(card['name'])}'s network and training settings on {plain(upload.name)}, "
                           "made to fit it (its input, its output, its loss) in the same edit")


def presets_page() -> None:
    st.caption("Each preset is a complete setup: the network, the dataset and the training settings. Loading one "
               "replaces the current network; Undo (on the Playground or the Layers tab) brings it back."
               + (" With your own data uploaded, *On my data* loads a preset's network and training settings on it."
                  if state.session().upload is not None else ""))
    cards = gallery()
    if not cards:
        st.info("No presets found in presets/.")
    for start in range(0, len(cards), COLUMNS):
        for col, card in zip(st.columns(COLUMNS), cards[start:start + COLUMNS]):
            with col:
                _card_ui(card)
