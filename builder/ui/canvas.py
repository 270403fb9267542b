"""The network canvas on the page: draws the graph (builder.ui.canvas_data) with the node-editor component and
turns the person's edits into spec edits (builder.ui.wiring), each one through the undo history."""
from __future__ import annotations

import streamlit as st

from . import canvas_data, state, wiring

try:  # the component ships its built JavaScript inside its own package (canvas/ in the repository)
    from netbuilder_canvas import network_canvas
except ImportError:  # pragma: no cover - a checkout set up without `make setup`
    network_canvas = None


def canvas_ui(spec: dict, checked, snapshot=None, height: int = 540, key: str = "canvas") -> None:
    """The canvas, and the person's latest edit applied (a full rerun follows one that changed the spec)."""
    ss = st.session_state
    if network_canvas is None:
        st.warning("The canvas component is not installed (run `make setup`); use the Layers tab.")
        return
    data = canvas_data.graph_data(spec, checked, selected=ss.get("selected"), direction=ss.get("direction", "TB"),
                                  fit_token=ss.get("fit_token", 0), snapshot=snapshot,
                                  message=ss.get("canvas_message"))
    ss.canvas_positions = {n["id"]: n["position"] for n in data["nodes"]}  # where the person sees each node
    event = network_canvas(data, key=key, height=height)
    if not event or event.get("nonce") == ss.get("canvas_nonce"):
        return
    ss.canvas_nonce = event.get("nonce")
    ss.canvas_message = None
    before, selected = ss.version, ss.get("selected")
    try:
        apply_event(event)
    except wiring.EditError as e:
        ss.canvas_message = str(e)
    if ss.version != before or ss.canvas_message or ss.get("selected") != selected:
        st.rerun()  # the canvas was drawn before the edit: draw it again with the edit (and the selection)


def apply_event(event: dict) -> None:
    """One edit from the canvas, through the spec and its undo history."""
    ss, spec = st.session_state, state.spec()
    kind = event.get("kind")
    if kind in ("add", "move") and not spec.get("layout"):
        # the first placement by hand: keep every node where the person sees it, not only the one placed
        spec = wiring.move(spec, ss.get("canvas_positions") or {})
    if kind == "select":
        ss.selected = event.get("id") if event.get("id") != "input" else None
    elif kind == "add":
        edge = event.get("edge")
        new, lid = wiring.add_node(spec, str(event.get("type")), event.get("position"),
                                   after=None if event.get("position") is not None or edge else ss.get("selected"),
                                   edge=(edge["source"], edge["target"]) if isinstance(edge, dict) else None)
        if state.commit(new):
            ss.selected = lid
    elif kind == "connect":
        state.commit(wiring.connect(spec, str(event.get("source")), str(event.get("target"))))
    elif kind == "delete":
        nodes = [str(n) for n in event.get("nodes") or [] if n != "input"]
        wires = [(str(e.get("source")), str(e.get("target"))) for e in event.get("edges") or [] if isinstance(e, dict)]
        if state.commit(wiring.delete(spec, nodes, wires), reload_forms=True) and ss.get("selected") in nodes:
            ss.selected = None
    elif kind == "move":
        positions = event.get("positions")
        if isinstance(positions, dict):
            state.commit(wiring.move(spec, positions))
    elif kind == "layout":
        direction = "LR" if event.get("direction") == "LR" else "TB"
        ss.direction = direction
        state.commit(wiring.move(spec, wiring.auto_layout(spec, direction, _thumb_counts())))
        state.refit()
    elif kind == "undo":
        state.undo()
    elif kind == "redo":
        state.redo()


def _thumb_counts() -> dict[str, int]:
    return st.session_state.get("thumb_counts", {})
