"""The network canvas on the page: draws the graph (builder.ui.canvas_data) with the node-editor component and
turns the person's edits into spec edits (builder.ui.wiring), each one through the undo history."""
from __future__ import annotations

import functools

import streamlit as st

from . import canvas_data, state, wiring
from .edits import layer_ids

try:  # the component ships its built JavaScript inside its own package (canvas/ in the repository)
    from netbuilder_canvas import network_canvas
except ImportError:  # pragma: no cover - a checkout set up without `make setup`
    network_canvas = None


def canvas_ui(spec: dict, checked, snapshot=None, height: int = 540, key: str = "canvas") -> None:
    """The canvas. The person's edits are applied in the component's change callback, before the run that follows
    draws the page: one edit, one script run, and the canvas drawn with the edit (and its selection) in place."""
    ss = state.session()
    if network_canvas is None:
        st.warning("The canvas component is not installed (run `make setup`); use the Layers tab.")
        return
    data = canvas_data.graph_data(spec, checked, selected=ss.selected, direction=ss.direction,
                                  fit_token=ss.fit_token, snapshot=snapshot, message=ss.canvas_message)
    ss.canvas_positions = {n["id"]: n["position"] for n in data["nodes"]}  # where the person sees each node
    network_canvas(data, key=key, height=height, on_event=functools.partial(_on_event, key))


def _on_event(key: str) -> None:
    """The component's change callback: the event it sent (read from its state), applied once."""
    value = st.session_state[key]
    receive(value.get("event") if isinstance(value, dict) else None)


def receive(event) -> None:
    """A canvas event as it arrives: applied once (by its nonce); a refused edit leaves its reason on the canvas."""
    ss = state.session()
    if not isinstance(event, dict) or event.get("nonce") == ss.canvas_nonce:
        return
    ss.canvas_nonce = event.get("nonce")
    ss.canvas_message = None
    try:
        apply_event(event)
    except wiring.EditError as e:
        ss.canvas_message = str(e)


UNREADABLE = "the canvas sent an edit that cannot be read; nothing changed"


def _text(value) -> str:
    if not isinstance(value, str):
        raise wiring.EditError(UNREADABLE)
    return value


def _wire(value) -> tuple[str, str]:
    if not isinstance(value, dict):
        raise wiring.EditError(UNREADABLE)
    return _text(value.get("source")), _text(value.get("target"))


def _list(value) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise wiring.EditError(UNREADABLE)
    return value


def apply_event(event: dict) -> None:
    """One edit from the canvas, through the spec and its undo history. The event is read as untrusted input
    (anything can arrive over the page's connection): a malformed one raises EditError and changes nothing."""
    if not isinstance(event, dict):
        raise wiring.EditError(UNREADABLE)
    ss, spec = state.session(), state.spec()
    kind = event.get("kind")
    if kind in ("add", "move") and not spec.get("layout"):
        # the first placement by hand: keep every node where the person sees it, not only the one placed
        spec = wiring.move(spec, ss.canvas_positions)
    if kind == "select":  # only a layer of this network (the id is written into the page's styles)
        chosen = event.get("id")
        ss.selected = chosen if isinstance(chosen, str) and chosen in layer_ids(spec) else None
    elif kind == "add":
        position, edge = event.get("position"), event.get("edge")
        if position is not None and not wiring.is_point(position):
            raise wiring.EditError(UNREADABLE)
        new, lid = wiring.add_node(spec, _text(event.get("type")), position,
                                   after=None if position is not None or edge else ss.selected,
                                   edge=_wire(edge) if edge is not None else None)
        if state.commit(new):
            ss.selected = lid
    elif kind == "connect":
        state.commit(wiring.connect(spec, *_wire(event)))
    elif kind == "delete":
        nodes = [_text(n) for n in _list(event.get("nodes")) if n != "input"]
        wires = [_wire(e) for e in _list(event.get("edges"))]
        if state.commit(wiring.delete(spec, nodes, wires), reload_forms=True) and ss.selected in nodes:
            ss.selected = None
    elif kind == "move":
        positions = event.get("positions")
        if isinstance(positions, dict):
            state.commit(wiring.move(spec, positions))
    elif kind == "layout":
        direction = "LR" if event.get("direction") == "LR" else "TB"
        ss.direction = direction
        state.commit(wiring.move(spec, wiring.auto_layout(spec, direction)))
        state.refit()
    elif kind == "undo":
        state.undo()
    elif kind == "redo":
        state.redo()
