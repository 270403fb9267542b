"""A teacher's share link: it carries a lesson, its goal and the controls it locks and hides (builder.share,
builder.lessons.teaching), is refused clearly when damaged or unknown, and the page honours it: locked controls
shown disabled and every change to them refused, hidden ones not shown, the lesson's start opened, its goal
checked."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.lessons import list_lessons, teaching
from builder.share import ShareLinkError, decode_teaching, encode_teaching
from test_ui_app import click, goto, open_app, spec


def test_a_teachers_link_round_trips_and_a_lesson_brings_its_own_goal_and_locks():
    mine = {"goal": {"metric": "val_acc", "at_least": 0.9}, "locked": ["training.lr"], "hidden": ["training.loss"]}
    assert decode_teaching(encode_teaching(mine)) == {"lesson": None, **mine}
    lesson = list_lessons()["overfitting"]
    found = decode_teaching(encode_teaching({"lesson": "overfitting"}))
    assert found["goal"] == lesson.goal and found["locked"] == lesson.locked and found["hidden"] == lesson.hidden
    assert decode_teaching(encode_teaching({"lesson": "overfitting", "locked": []}))["locked"] == []


@pytest.mark.parametrize("raw, said", [({"lesson": "nope"}, "which does not exist"),
                                       ({"locked": ["training.nope"]}, "does not know"),
                                       ({"goal": {"metric": "val_acc"}}, "one bar"),
                                       ({"hidden": [], "colour": "red"}, "nothing else"),
                                       ({"lesson": ["a list"]}, "does not exist")])
def test_a_bad_teachers_link_is_refused_naming_what_is_wrong(raw, said):
    from builder.share import _pack  # a link as a hand-made (or tampered) one would be packed
    with pytest.raises(ShareLinkError, match=said):
        decode_teaching(_pack(raw))
    with pytest.raises(Exception, match=said):
        teaching(raw)


def test_the_page_honours_a_teachers_link():
    link = encode_teaching({"lesson": "overfitting", "locked": ["training.lr", "data.dataset"],
                            "hidden": ["training.optimizer", "data.val_fraction"]})
    at = open_app(t=link)
    lesson = list_lessons()["overfitting"]
    assert spec(at)["layers"] == lesson.start["layers"]  # the lesson's start, opened by the link alone
    rev = at.session_state["rev"]
    assert at.number_input(key=f"pgs{rev}.lr").disabled
    assert not any(w.key == f"pgs{rev}.optimizer" for w in at.selectbox)
    assert at.selectbox(key=f"pg{rev}.dataset").disabled
    assert not any(w.key == f"pg{rev}.train_share" for w in at.slider)
    assert not at.number_input(key=f"pgs{rev}.batch_size").disabled
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Overfitting" in text and "val_loss" in text and "goal" in text
    at.number_input(key=f"pgs{rev}.batch_size").set_value(40).run()  # an open control changes
    assert spec(at)["training"]["batch_size"] == 40
    goto(at, "Presets")  # a preset would change the locked data and lr: refused, saying which and why
    click(at, "load_mlp_digits")
    assert spec(at)["data"]["dataset"] == "moons" and spec(at)["training"]["lr"] == lesson.start["training"]["lr"]
    warned = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "not applied" in warned and "data.dataset is locked by the teacher's link" in warned, warned


def test_a_damaged_teachers_link_is_said_and_every_control_is_open():
    at = open_app(t="1.damaged")
    assert any("Could not open the teacher's link" in e.value for e in at.error)
    assert at.session_state["teaching"] is None
    assert not at.number_input(key=f"pgs{at.session_state['rev']}.lr").disabled


def test_each_lesson_offers_the_link_a_teacher_shares():
    at = open_app(page="Explain")
    lesson = list_lessons()[at.session_state["lesson_pick"]]
    at.multiselect(key=f"teach_locked_{lesson.id}").set_value(["training.lr"]).run()
    at.number_input(key=f"teach_bar_{lesson.id}_{lesson.goal['metric']}").set_value(0.5).run()
    link = next(c.value for c in at.code if "&t=" in c.value)
    query = dict(part.split("=", 1) for part in link.split("?", 1)[1].split("&"))
    found = decode_teaching(query["t"])
    assert found["lesson"] == lesson.id and found["locked"] == ["training.lr"] and found["hidden"] == lesson.hidden
    bar = "at_most" if "at_most" in lesson.goal else "at_least"
    assert found["goal"]["metric"] == lesson.goal["metric"] and found["goal"][bar] == 0.5
    opened = open_app(**query)  # the link, opened: the lesson's start, lr locked
    assert spec(opened)["layers"] == lesson.start["layers"]
    assert opened.number_input(key=f"pgs{opened.session_state['rev']}.lr").disabled


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12),
                    lambda children: st.lists(children, max_size=4) |
                    st.dictionaries(st.sampled_from(["lesson", "goal", "locked", "hidden", "metric", "at_least", "x"]),
                                    children, max_size=4), max_leaves=16)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(JSON, st.text(max_size=40))
def test_a_teachers_link_of_any_content_is_opened_or_refused_in_words(value, text):
    from builder.share import _pack
    for link in (_pack(value) if isinstance(value, dict) else text, "1." + text):
        try:
            found = decode_teaching(link)
        except ShareLinkError as e:
            assert str(e)
        else:
            assert set(found) == {"lesson", "goal", "locked", "hidden"}


def test_locked_layers_show_their_form_disabled_and_open_layers_stay_editable():
    locked = open_app(t=encode_teaching({"lesson": "overfitting", "locked": ["layers"]}), page="Layers")
    lid, rev = locked.session_state["selected"], locked.session_state["rev"]
    assert locked.text_input(key=f"f{rev}.{lid}.__id").disabled and locked.multiselect(key=f"f{rev}.{lid}.__inputs").disabled
    params = [w for w in [*locked.number_input, *locked.text_input, *locked.selectbox, *locked.toggle]
              if str(w.key).startswith(f"f{rev}.{lid}.") or str(w.key).startswith(f"p{rev}.{lid}.")]
    assert params and all(w.disabled for w in params), [(w.key, w.disabled) for w in params]
    assert "locks the layers" in " ".join(c.value for c in locked.caption)
    free = open_app(t=encode_teaching({"lesson": "overfitting", "locked": ["training.lr"]}), page="Layers")
    lid, rev = free.session_state["selected"], free.session_state["rev"]
    assert not free.text_input(key=f"f{rev}.{lid}.__id").disabled
