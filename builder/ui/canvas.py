"""The network canvas on the page: draws the graph (builder.ui.canvas_data) with the node-editor component and
turns the person's edits into spec edits (builder.ui.wiring, blocks, edits), each one through the undo history;
which blocks are collapsed is the page's state, not the spec's."""
from __future__ import annotations

import functools

import streamlit as st

from . import blocks, canvas_data, edits, layout, state, wiring
from .edits import layer_ids

try:  # the component ships its built JavaScript inside its own package (canvas/ in the repository)
    from netbuilder_canvas import network_canvas
except ImportError:  # pragma: no cover - a checkout set up without `make setup`
    network_canvas = None


def canvas_ui(spec: dict, checked, snapshot=None, height: int = 540, key: str = "canvas", sample=None,
              marks: dict | None = None, report_drawn: bool = False) -> None:
    """The canvas. The person's edits are applied in the component's change callback, before the run that follows
    draws the page: one edit, one script run, and the canvas drawn with the edit (and its selection) in place.
    `sample`: a followed sample's trace, drawn on the nodes, the output node and the wires (see canvas_data).
    A teacher's link that locks the layers makes the canvas read-only; a locked node is drawn disabled.
    `marks` (canvas_data.graph_data): another network than the one being edited, what a variant changed: the canvas
    shows it read-only and takes no edit.
    `report_drawn`: the page holds something back until the canvas is on screen (`first_screen`); the canvas then
    says when its nodes show, which runs the page again. Nothing held back, no such run (it would compete with a
    Start clicked at that moment)."""
    ss = state.session()
    if network_canvas is None:
        st.warning("The canvas component is not installed (run `make setup`); use the Layers tab.")
        return
    data = canvas_data.graph_data(spec, checked, selected=ss.selected if marks is None else None, direction=ss.direction,
                                  fit_token=ss.fit_token, snapshot=snapshot, message=ss.canvas_message,
                                  collapsed=ss.collapsed if marks is None else (), sample=sample,
                                  locked=locked_nodes(spec), marks=marks,
                                  read_only=marks is not None or state.control("layers") == "locked")
    if marks is not None:  # a variant's network: shown, never edited
        network_canvas(data, key=key, height=height)
        return
    # where the person sees each node (a collapsed block's layers are not seen)
    ss.canvas_positions = {n["id"]: n["position"] for n in data["nodes"] if n["kind"] != "group"}
    data["report_drawn"] = report_drawn and not ss.canvas_drawn
    network_canvas(data, key=key, height=height, on_event=functools.partial(_on_event, key))


def first_screen() -> bool:
    """The session's first page run, its canvas not on screen yet: a chart drawn now would load Plotly's script (a
    second of parsing on a small machine) before the canvas's, and the network would show last. Such a chart waits
    for the next run, which the canvas asks for once its nodes are on screen (the "drawn" event)."""
    ss = state.session()
    return network_canvas is not None and not ss.canvas_drawn and ss.page_runs <= 1


def locked_nodes(spec: dict) -> set[str]:
    """The canvas's nodes a teacher's link locks: every layer ("layers"), the input ("input")."""
    return ({"input"} if state.control("input") == "locked" else set()) | \
        (set(layer_ids(spec)) if state.control("layers") == "locked" else set())


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
    handler = HANDLERS.get(event.get("kind")) if isinstance(event.get("kind"), str) else None
    if handler is None:
        return
    try:
        handler(event, state.session(), state.spec())
    except wiring.EditError:
        raise
    except ValueError as e:  # an edit refused in words (edits.py): said on the canvas the same way
        raise wiring.EditError(str(e)) from None


def _commit(new: dict, pinned=(), aside=(), reload_forms: bool = False) -> bool:
    """Commit an edit; where the person placed the nodes, nothing overlaps afterwards (see layout.settle)."""
    return state.commit(layout.settle(new, state.session().direction, pinned, aside), reload_forms=reload_forms)


def _placed_by_hand(spec: dict) -> dict:
    """The first placement by hand: every node kept where the person sees it (not only the one placed)."""
    if layout.stored(spec):
        return spec
    _, drawing = canvas_data.drawn(spec, state.session().direction)
    return wiring.move(spec, {**drawing.positions, **state.session().canvas_positions})


def _step(value) -> int:
    if type(value) is not int or value not in (1, -1):
        raise wiring.EditError(UNREADABLE)
    return value


def _select(event: dict, ss, spec: dict) -> None:
    chosen = event.get("id")  # only a layer of this network (the id is written into the page's styles)
    ss.selected = chosen if isinstance(chosen, str) and chosen in layer_ids(spec) else None


def _add(event: dict, ss, spec: dict) -> None:
    """A layer from the palette: onto a wire (it takes the wire's place in the flow), onto empty canvas (where it
    was dropped), or clicked (after the selected layer)."""
    position, edge = event.get("position"), event.get("edge")
    if position is not None and not wiring.is_point(position):
        raise wiring.EditError(UNREADABLE)
    wire = _wire(edge) if edge is not None else None
    dropped = position if wire is None else None
    if dropped is not None:
        spec = _placed_by_hand(spec)
    new, lid = wiring.add_node(spec, _text(event.get("type")), dropped,
                               after=None if position is not None or wire else ss.selected, edge=wire)
    if _commit(new, pinned=[] if dropped else [lid], aside=[lid] if dropped else []):
        ss.selected = lid


def _connect(event: dict, ss, spec: dict) -> None:
    state.commit(wiring.connect(spec, *_wire(event)))


def _delete(event: dict, ss, spec: dict) -> None:
    nodes = [_text(n) for n in _list(event.get("nodes")) if n != "input"]
    wires = [_wire(e) for e in _list(event.get("edges"))]
    if _commit(wiring.delete(spec, nodes, wires), reload_forms=True) and ss.selected in nodes:
        ss.selected = None


def _move(event: dict, ss, spec: dict) -> None:
    positions = event.get("positions")
    if isinstance(positions, dict):
        _commit(wiring.move(_placed_by_hand(spec), positions), pinned=list(positions))


def _layout(event: dict, ss, spec: dict) -> None:
    """Lay the network out automatically again (the positions placed by hand are dropped), in this direction."""
    ss.direction = "LR" if event.get("direction") == "LR" else "TB"
    state.commit(layout.unplaced(spec))
    state.refit()


def _collapse(event: dict, ss, spec: dict) -> None:
    """Show a block as one node, or expand it (page state: the spec is unchanged); "*" stands for every block."""
    runs = blocks.repeats(spec)
    target = event.get("id")
    keys = {r.key for r in runs} if target == "*" else \
        {_text(target)} & ({r.key for r in runs} | {f"group:{g.name}" for r in runs for g in r.groups})
    if not keys:
        raise wiring.EditError("there is no such block on the canvas")
    if event.get("collapsed") is True:
        ss.collapsed = ss.collapsed | keys
    else:  # expanding a repeat expands its copies too
        inner = {f"group:{g.name}" for r in runs if r.key in keys for g in r.groups}
        ss.collapsed = ss.collapsed - keys - inner


def _repeat(event: dict, ss, spec: dict) -> None:
    _commit(blocks.set_copies(spec, _text(event.get("group")), event.get("count")), reload_forms=True)


def _block(event: dict, ss, spec: dict) -> None:
    chosen = [_text(n) for n in _list(event.get("nodes"))]
    new, name = blocks.make_block(spec, chosen)
    if _commit(new, reload_forms=True) and ss.selected in chosen:
        ss.selected = f"{name}_{ss.selected}"


def _sync(event: dict, ss, spec: dict) -> None:
    _commit(blocks.sync_copies(spec, _text(event.get("id"))), reload_forms=True)


def _hidden(event: dict, ss, spec: dict) -> None:
    edit = edits.add_hidden_layer if _step(event.get("delta")) > 0 else edits.remove_hidden_layer
    _commit(edit(spec), reload_forms=True)


def _units(event: dict, ss, spec: dict) -> None:
    _commit(edits.change_units(spec, _text(event.get("id")), _step(event.get("delta"))), reload_forms=True)


def _drawn(event: dict, ss, spec: dict) -> None:
    """The canvas is on screen: the run it asks for draws what the first screen held back, and says again what the
    first screen said (a share link that could not be opened, …)."""
    ss.canvas_drawn = True
    state.keep_notices(ss)


HANDLERS = {  # event kind → its handler(event, session, spec); an unknown kind changes nothing
    "select": _select, "add": _add, "connect": _connect, "delete": _delete, "move": _move, "layout": _layout,
    "undo": lambda event, ss, spec: state.undo(), "redo": lambda event, ss, spec: state.redo(),
    "collapse": _collapse, "repeat": _repeat, "block": _block, "sync": _sync, "hidden": _hidden, "units": _units,
    "drawn": _drawn,
}
