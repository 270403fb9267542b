"""Edits from the canvas arrive over the page's connection, where anything can be sent: a malformed one is
refused with a message and changes nothing; a well-formed one still works."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


def apply_events():
    """Run as a page script: apply each event in session_state["events"], note what became of it."""
    import copy

    import streamlit as st

    from builder.ui import canvas, state, wiring

    state.init()
    before = copy.deepcopy(state.spec())
    outcomes = []
    for event in st.session_state["events"]:
        try:
            canvas.apply_event(event)
            outcomes.append("applied")
        except wiring.EditError as e:
            outcomes.append(str(e))
    st.session_state["outcomes"] = outcomes
    st.session_state["unchanged"] = state.spec() == before


def run(events: list) -> AppTest:
    at = AppTest.from_function(apply_events, default_timeout=60)
    at.session_state["events"] = events
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


HOSTILE = [
    ["add", "Linear"], "delete", 42, None,
    {"kind": "add", "type": ["Linear"]},
    {"kind": "add", "type": "Linear", "position": ["a", "b"]},
    {"kind": "add", "type": "Linear", "position": [float("nan"), 1]},
    {"kind": "add", "type": "Linear", "position": [1e308, 0]},
    {"kind": "add", "type": "Linear", "edge": {"source": 1}},
    {"kind": "add", "type": "Linear", "edge": "fc1->act1"},
    {"kind": "add", "type": "NoSuchLayer"},
    {"kind": "connect", "source": None, "target": {"x": 1}},
    {"kind": "connect", "source": "fc1", "target": "input"},
    {"kind": "delete", "nodes": "fc1"},
    {"kind": "delete", "nodes": [["fc1"]]},
    {"kind": "delete", "edges": [{"source": "fc1"}]},
    {"kind": "delete", "edges": "fc1->act1"},
    {"kind": "select", "id": {"$ne": None}},
    {"kind": "collapse", "id": ["group:x"], "collapsed": True},
    {"kind": "collapse", "id": "group:nowhere", "collapsed": True},
    {"kind": "repeat", "group": None, "count": 2},
    {"kind": "repeat", "group": "fc1", "count": 2},
    {"kind": "block", "nodes": "fc1"},
    {"kind": "block", "nodes": [{"id": "fc1"}]},
    {"kind": "block", "nodes": ["fc1", "fc2"]},
    {"kind": "block", "nodes": []},
    {"kind": "sync", "id": "fc1"},
    {"kind": "sync", "id": 3},
    {"kind": "hidden", "delta": 2},
    {"kind": "hidden", "delta": True},
    {"kind": "hidden", "delta": "1"},
    {"kind": "hidden"},
    {"kind": "units", "id": "out", "delta": 1},
    {"kind": "units", "id": "act1", "delta": 1},
    {"kind": "units", "id": "fc1", "delta": 1000},
    {"kind": "units", "id": ["fc1"], "delta": 1},
]
BLOCKED = [  # well formed, but for a block that cannot take them: refused in words
    {"kind": "repeat", "group": "block1_0", "count": 10 ** 9},
    {"kind": "repeat", "group": "block1_0", "count": 0},
    {"kind": "repeat", "group": "block1_0", "count": [3]},
]


def test_only_a_layer_of_the_network_can_be_selected():
    """The selected id is written into the page's styles: a made-up one selects nothing."""
    at = run([{"kind": "select", "id": "fc1"}, {"kind": "select", "id": "x} body { display: none"}])
    assert at.session_state["outcomes"] == ["applied", "applied"] and at.session_state["selected"] is None


@pytest.mark.parametrize("event", HOSTILE, ids=[repr(e)[:40] for e in HOSTILE])
def test_a_malformed_canvas_edit_is_refused_and_changes_nothing(event):
    at = run([event])
    outcome = at.session_state["outcomes"][0]
    assert (outcome != "applied" and "Traceback" not in outcome) or (event.get("kind") == "select" and
                                                                     at.session_state["selected"] is None), outcome
    assert at.session_state["unchanged"], f"{event!r} changed the network"


@pytest.mark.parametrize("event", BLOCKED, ids=[repr(e)[:40] for e in BLOCKED])
def test_a_repeat_out_of_bounds_is_refused_and_changes_nothing_but_the_block(event):
    at = run([{"kind": "block", "nodes": ["fc1", "act1"]}, event])
    outcome = at.session_state["outcomes"][1]
    assert outcome != "applied" and "Traceback" not in outcome, outcome
    assert [l["id"] for l in at.session_state["spec"]["layers"]][:2] == ["block1_0_fc1", "block1_0_act1"]


def test_blocks_and_quick_edits_from_the_canvas_each_go_through_the_undo_history():
    events = [{"kind": "hidden", "delta": 1}, {"kind": "units", "id": "fc3", "delta": -1},
              {"kind": "block", "nodes": ["fc1", "act1"]}, {"kind": "repeat", "group": "block1_0", "count": 3},
              {"kind": "units", "id": "block1_1_fc1", "delta": 1}, {"kind": "sync", "id": "block1_1_fc1"},
              {"kind": "collapse", "id": "*", "collapsed": True}, {"kind": "hidden", "delta": -1}]
    at = run(events)
    assert at.session_state["outcomes"] == ["applied"] * len(events), at.session_state["outcomes"]
    ids = [l["id"] for l in at.session_state["spec"]["layers"]]
    assert ids == ["block1_0_fc1", "block1_0_act1", "block1_1_fc1", "block1_1_act1", "block1_2_fc1",
                   "block1_2_act1", "fc2", "act2", "out"]
    widths = {l["id"]: l["params"]["out_features"] for l in at.session_state["spec"]["layers"] if "params" in l}
    assert widths["block1_0_fc1"] == widths["block1_2_fc1"] == 17  # one unit more, given to every copy
    assert at.session_state["collapsed"] == {"repeat:block1_0"}  # the page's state, not the spec's
    assert len(at.session_state["history"].past) == 7  # every spec edit undoable, one step each


def test_well_formed_edits_still_work():
    at = run([{"kind": "add", "type": "Dropout", "position": [10, 20]}, {"kind": "select", "id": "fc1"},
              {"kind": "move", "positions": {"fc1": [5, 5], "ghost": [1, 1], "act1": ["x", 2]}}])
    assert at.session_state["outcomes"] == ["applied"] * 3 and not at.session_state["unchanged"]
    assert at.session_state["selected"] == "fc1"


def receive_events():
    """Run as a page script: hand each event in session_state["events"] to the canvas's change callback, as the
    component would, and note the message the canvas would show after each."""
    import copy

    import streamlit as st

    from builder.ui import canvas, state

    state.init()
    before = copy.deepcopy(state.spec())
    messages = []
    for event in st.session_state["events"]:
        canvas.receive(event)
        messages.append(state.session().canvas_message)
    st.session_state["messages"] = messages
    st.session_state["unchanged"] = state.spec() == before


def receive(events: list) -> AppTest:
    at = AppTest.from_function(receive_events, default_timeout=60)
    at.session_state["events"] = events
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("event", [e for e in HOSTILE if isinstance(e, dict) and e["kind"] != "select"],
                         ids=[repr(e)[:40] for e in HOSTILE if isinstance(e, dict) and e["kind"] != "select"])
def test_a_malformed_edit_through_the_change_callback_is_said_on_the_canvas_and_changes_nothing(event):
    at = receive([{**event, "nonce": 1}])
    message = at.session_state["messages"][0]
    assert message and "Traceback" not in message, message
    assert at.session_state["unchanged"], f"{event!r} changed the network"


def test_the_change_callback_applies_each_event_once():
    add = {"kind": "add", "type": "Dropout", "position": [10, 20], "nonce": 7}
    at = receive([add, add, {"kind": "select", "id": "fc1", "nonce": 8}])
    assert [l["id"] for l in at.session_state["spec"]["layers"]].count("dropout_1") == 1
    assert "dropout_2" not in [l["id"] for l in at.session_state["spec"]["layers"]]
    assert at.session_state["messages"] == [None, None, None] and at.session_state["selected"] == "fc1"
