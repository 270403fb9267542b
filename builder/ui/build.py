"""The Layers tab: the network as a keyboard-friendly list of cards (the alternative to the canvas), the selected
layer's form, and the summary, diagram and code of the network."""
from __future__ import annotations

import re

import streamlit as st

from .. import figures
from ..checker import CheckedSpec
from ..codegen import generate_code
from ..registry import REGISTRY
from ..spec import ID_PATTERN
from ..summary import format_bytes
from . import state
from .canvas_data import shape_text
from .edits import add_layer, delete_layer, duplicate_layer, format_value, layer_ids, move_layer, parse_ints, set_field
from .text import plain
from .widgets import editor_ui, layer_status

# Compact cards: the buttons show their icons; their words stay for screen readers and tooltips.
CARD_STYLE = ("[class*='st-key-card_'] { padding: 2px 12px !important; gap: 0.25rem !important; } "
              "[class*='st-key-card_'] button [data-testid=stMarkdownContainer] { position: absolute; width: 1px; "
              "height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; } ")


# ---- reading the checked spec ------------------------------------------------------------------

def diagram_data(checked: CheckedSpec) -> tuple[list[dict], list[dict]]:
    """The checked spec as the plain nodes and edges `figures.architecture_figure` draws."""
    spec = checked.spec
    nodes = [{"id": "input", "type": f"{spec.input.dtype}", "detail": shape_text(spec.input.shape), "error": False}]
    shapes = {"input": shape_text(spec.input.shape)}
    for layer in spec.layers:
        ok, text = layer_status(checked, layer.id)
        nodes.append({"id": layer.id, "type": layer.type, "detail": text, "error": not ok})
        shapes[layer.id] = text if ok else ""
    edges = [{"source": a, "target": b, "label": shapes.get(a, "")} for a, b in checked.graph.edges]
    return nodes, edges


# ---- actions (callbacks: they run before the page is drawn again) -------------------------------

def _select(layer_id: str) -> None:
    state.session().selected = layer_id


def _add(type_name: str) -> None:
    spec, ss = state.spec(), state.session()
    ids = layer_ids(spec)
    index = ids.index(ss.selected) + 1 if ss.selected in ids else None
    new, new_id = add_layer(spec, type_name, index)
    if state.commit(new):
        ss.selected = new_id


def _add_chosen() -> None:
    _add(st.session_state["add_type"])


def _duplicate(layer_id: str) -> None:
    new, new_id = duplicate_layer(state.spec(), layer_id)
    if state.commit(new):
        state.session().selected = new_id


def _delete(layer_id: str) -> None:
    try:
        new = delete_layer(state.spec(), layer_id)
    except ValueError as e:
        state.notify("warning", str(e))
        return
    if state.commit(new, reload_forms=True) and state.session().selected == layer_id:
        state.session().selected = new["layers"][-1]["id"]


def _move(layer_id: str, delta: int) -> None:
    state.commit(move_layer(state.spec(), layer_id, delta))


def _set_network_field(path: tuple[str, ...], key: str) -> None:
    value = st.session_state[key]
    if path == ("input", "shape"):
        try:
            value = parse_ints(value, "input shape", as_list=True)
        except ValueError as e:
            state.session().field_errors[key] = str(e)
            return
    state.session().field_errors.pop(key, None)
    state.commit(set_field(state.spec(), path, value))


# ---- the page ---------------------------------------------------------------------------------

def toolbar_ui(checked: CheckedSpec) -> None:
    history = state.session().history
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.button("Undo", key="undo", icon=":material/undo:", on_click=state.undo, disabled=not history.past)
        st.button("Redo", key="redo", icon=":material/redo:", on_click=state.redo, disabled=not history.future)
        st.selectbox("Layer type", list(REGISTRY), key="add_type", width=220,
                     format_func=lambda n: f"{n} ({REGISTRY[n].category})")
        st.button("Add layer", key="add_layer", icon=":material/add:", on_click=_add_chosen,
                  help="Insert a layer of this type after the selected layer")
        summary = state.summary()
        if checked.ok and summary is not None:
            st.markdown(f":green[:material/check_circle: valid] · {len(checked.order)} layers · output "
                        f"`{shape_text(summary.output_shape)}` · {summary.total_params:,} parameters", width="stretch")
        else:
            n = len(checked.errors)
            st.markdown(f":red[:material/error: {n} problem{'s' * (n != 1)}] — see the red layers", width="stretch")


def network_ui(spec: dict) -> None:
    """Name, description, input shape and dtype."""
    rev, errors = state.session().rev, state.session().field_errors
    with st.expander(f"Network: **{plain(spec.get('name', ''))}** · input `{shape_text(spec['input']['shape'])}` "
                     f"{spec['input'].get('dtype', 'float')}", expanded=False):
        fields = ((("name",), "Name", st.text_input, spec.get("name", "")),
                  (("description",), "Description", st.text_area, spec.get("description", "")))
        for path, label, widget, value in fields:
            key = f"n{rev}.{'.'.join(path)}"
            widget(label, value=value, key=key, on_change=_set_network_field, args=(path, key))
        c1, c2 = st.columns(2)
        key = f"n{rev}.input.shape"
        c1.text_input("Input shape (one sample, no batch)", value=format_value(spec["input"]["shape"]), key=key,
                      help="[features], [channels, length], [channels, height, width], [steps, features] or "
                           "[steps] of token ids", on_change=_set_network_field, args=(("input", "shape"), key))
        if key in errors:
            c1.error(plain(errors[key]))
        key = f"n{rev}.input.dtype"
        dtypes = ["float", "long"]
        c2.selectbox("Input dtype", dtypes, index=dtypes.index(spec["input"].get("dtype", "float")), key=key,
                     help="long: integer token ids (for an Embedding)",
                     on_change=_set_network_field, args=(("input", "dtype"), key))


def _card_ui(layer: dict, checked: CheckedSpec, position: int, count: int, repeat: bool = False) -> None:
    """One layer's card. A `repeat` of an id already shown (a spec from a file or a link; the checker names it)
    keys its widgets by its position too ('-' is in no id), so the page still draws and the id can be changed."""
    lid = layer["id"]
    ok, text = layer_status(checked, lid)
    key = f"{lid}-{position}" if repeat else lid
    with st.container(border=True, key=f"card_{key}", horizontal=True, vertical_alignment="center", gap="small"):
        reads = f" ← {plain(', '.join(map(str, layer['inputs'])))}" if layer.get("inputs") else ""
        body = f"`{text}`" if ok else f":red[**Error:** {plain(text)}]"
        st.markdown(f"**{plain(lid)}** · {plain(layer['type'])}{reads} → {body}", width="stretch")
        st.button("Edit", key=f"edit_{key}", on_click=_select, args=(lid,), type="tertiary",
                  icon=":material/tune:", help=f"Edit {plain(lid)}'s parameters")
        st.button("Copy", key=f"dup_{key}", on_click=_duplicate, args=(lid,), type="tertiary",
                  icon=":material/content_copy:", help=f"Duplicate {plain(lid)}")
        st.button("Up", key=f"up_{key}", on_click=_move, args=(lid, -1), type="tertiary",
                  icon=":material/arrow_upward:", disabled=position == 0, help=f"Move {plain(lid)} up")
        st.button("Down", key=f"down_{key}", on_click=_move, args=(lid, 1), type="tertiary",
                  icon=":material/arrow_downward:", disabled=position == count - 1, help=f"Move {plain(lid)} down")
        st.button("Delete", key=f"del_{key}", on_click=_delete, args=(lid,), type="tertiary",
                  icon=":material/delete:", disabled=count == 1, help=f"Delete {plain(lid)}")


def cards_ui(spec: dict, checked: CheckedSpec) -> None:
    """The stack as cards: each layer's shape or error, with buttons to edit, copy, move and delete."""
    selected = state.session().selected
    mark = f".st-key-card_{selected} {{ border-color: #2563eb !important; background: #f5f8ff; }}" \
        if selected in layer_ids(spec) and re.fullmatch(ID_PATTERN, selected) else ""  # safe inside the style
    st.html(f"<style>{CARD_STYLE}{mark}</style>")
    st.markdown(f"**input** → `{shape_text(spec['input']['shape'])}` {spec['input'].get('dtype', 'float')}")
    shown: set = set()
    for i, layer in enumerate(spec["layers"]):
        _card_ui(layer, checked, i, len(spec["layers"]), repeat=layer["id"] in shown)
        shown.add(layer["id"])
    for general in (e for e in checked.errors if e.layer_id is None):
        st.error(plain(general))
    for warning in checked.warnings:
        st.warning(plain(warning))


def summary_ui(checked: CheckedSpec) -> None:
    summary = state.summary()
    if summary is None:
        st.info("Fix the layers marked in red to see the summary.")
        return
    rows = [{"Layer": r.id, "Type": r.type, "Output shape": shape_text(r.output_shape), "Params": r.params,
             "FLOPs": r.flops} for r in summary.layers]
    st.dataframe(rows, hide_index=True, key="summary_table",
                 column_config={"Params": st.column_config.NumberColumn(format="localized"),
                                "FLOPs": st.column_config.NumberColumn(format="localized")})
    c = st.columns(5)
    c[0].metric("Parameters", f"{summary.total_params:,}")
    c[1].metric("Trainable", f"{summary.trainable_params:,}")
    c[2].metric("FLOPs / sample", f"{summary.flops:,}")
    c[3].metric("Parameter memory", format_bytes(summary.param_bytes))
    c[4].metric("Activations / sample", format_bytes(summary.activation_bytes))


@st.cache_data(max_entries=64, show_spinner=False)
def _code(key: str) -> str:
    return generate_code(state.checked_for(key))


def views_ui(checked: CheckedSpec) -> None:
    summary_tab, diagram_tab, code_tab = st.tabs(["Summary", "Diagram", "Code"], key="build_view", on_change="rerun")
    if summary_tab.open is not False:
        with summary_tab:
            summary_ui(checked)
    if diagram_tab.open is not False:
        with diagram_tab:
            nodes, edges = diagram_data(checked)
            st.plotly_chart(figures.architecture_figure(nodes, edges), key="diagram",
                            config={"displayModeBar": False})
    if code_tab.open is not False:
        with code_tab:
            if checked.ok:
                st.code(_code(state.spec_key(state.spec())), language="python")
            else:
                st.info("Fix the layers marked in red to see the PyTorch code.")


def layers_page() -> None:
    spec, checked = state.spec(), state.checked()
    toolbar_ui(checked)
    left, right = st.columns([3, 2], gap="large")
    with left:
        network_ui(spec)
        cards_ui(spec, checked)
    with right:
        with st.container(border=True):
            editor_ui(spec, checked)
    views_ui(checked)
