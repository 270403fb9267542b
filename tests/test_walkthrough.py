"""What a walk through the page as a learner found (AppTest, no browser): the page says which network a run trains
when the one on screen is another, a continuation's report stays with its run, the canvas is not drawn afresh
when a run starts, the lessons' table speaks in words, and the Explain tab points to the variants it compared."""
from __future__ import annotations

import time
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest
from test_continue_edit import finished_run, widen_first_layer
from test_ui_app import click, goto, needs_trainer, open_app
from test_variants_page import _train

from builder.jobs import JOBS
from builder.ui import runs
from builder.ui.widgets import carry_title


def _captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def _running(at: AppTest):
    """Start a long run from the Playground and wait until it has drawn its decision boundary: its job."""
    at.number_input(key=f"pgs{at.session_state['rev']}.epochs").set_value(100_000).run()
    click(at, "start")
    job = JOBS.jobs_for(at.session_state["sid"])[-1]
    deadline = time.monotonic() + 120
    while not (job.status == "running" and "boundary" in job.runner.log.snapshot().views) and \
            time.monotonic() < deadline:
        time.sleep(0.05)
    assert job.status == "running" and "boundary" in job.runner.log.snapshot().views, job.status
    return job


# ---- a continuation, summed up ------------------------------------------------------------------------------

@pytest.mark.parametrize("hows, title", [
    (["kept", "widened", "widened", "no_weights"], "Continued: 1 layer kept, 2 widened"),
    (["widened", "kept", "kept"], "Continued: 2 layers kept, 1 widened"),
    (["kept", "new_identity", "new_fresh", "fresh", "removed"],
     "Continued: 1 layer kept, 1 added, 2 started afresh, 1 removed"),
    (["narrowed"], "Continued: 1 layer narrowed"),
    (["no_weights"], "Continued: no layer had weights to keep"),
])
def test_a_continuation_is_summed_up_by_what_each_layer_kept(hows, title):
    # a widened layer keeps its old units: the title no longer counts only the untouched layers
    assert carry_title([{"id": f"l{i}", "how": how} for i, how in enumerate(hows)]) == title


@needs_trainer
def test_a_continuations_report_and_the_trained_downloads_say_which_network_they_belong_to():
    at, job = finished_run(1)
    widen_first_layer(at)
    goto(at, "Export")  # the trained model's downloads are of the network before the edit, and say so
    assert "has changed since this run" in _captions(at)
    goto(at, "Training")
    click(at, "continue_edit")
    new = JOBS.jobs_for(at.session_state["sid"])[-1]
    assert runs.wait(new, 180) and new.status == "finished", new.runner.log.message
    at.run()
    report = [e.label for e in at.expander if e.label.startswith("Continued:")]
    assert report and "widened" in report[0], report  # the first layer widened (and the next reads more units)
    goto(at, "Presets")
    click(at, "load_mlp_spiral")  # another network: what the continuation kept is not about it
    for page in ("Training", "Playground"):
        goto(at, page)
        assert not [e.label for e in at.expander if e.label.startswith("Continued:")], page


# ---- while a run trains ---------------------------------------------------------------------------------------

@needs_trainer
def test_while_a_run_trains_the_page_says_an_edit_or_a_new_preset_is_not_what_it_trains():
    at = open_app()
    job = _running(at)
    try:
        widen_first_layer(at)
        goto(at, "Playground")
        assert "not your edit" in _captions(at)  # the run goes on with the network it started with
        assert at.get("plotly_chart"), "the run's own boundary, over the same data, stays"
        goto(at, "Presets")
        click(at, "load_mlp_spiral")  # other data: the moons run's boundary would be drawn under the spiral
        goto(at, "Playground")
        said = _captions(at)
        assert "This run trains **Two moons MLP**" in said and "Reset stops it" in said
        assert not [c for c in at.get("plotly_chart") if c.proto.id and "pg_output" in c.proto.id], \
            "no boundary of the other data"
        assert not any(t.label == "Show test data" for t in at.toggle)
        click(at, "reset")
    finally:
        job.runner.stop()


# ---- the canvas is updated in place when a run starts or ends ---------------------------------------------------

def _live_script(status: str | None) -> None:
    import streamlit as st
    from types import SimpleNamespace as Job

    from builder.runlog import RunLog
    from builder.ui import state, widgets
    state.init()
    job = None if status is None else Job(id="j", status=status, queued=False, started=True,
                                          runner=Job(log=RunLog()))
    widgets.live_fragment(lambda: st.markdown("the canvas"), job, edits=True)


def _depth(at: AppTest) -> list[str]:
    """The kinds of blocks from the page's main block down to the one markdown element."""
    path, node = [], at.main
    while not (hasattr(node, "value") and node.type == "markdown"):
        children = list(node.children.values())
        assert len(children) == 1, children
        node = children[0]
        path.append(node.type)
    return path


def test_the_live_views_sit_at_the_same_place_with_a_run_going_or_not():
    """A fragment draws itself inside a container: drawn without one when no run goes, the canvas and the form
    would change place when a run starts or ends, and the browser would draw them afresh (a blank canvas)."""
    shapes = []
    for status in (None, "paused"):
        at = AppTest.from_function(_live_script, args=(status,), default_timeout=60)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        shapes.append(_depth(at))
    assert shapes[0] == shapes[1] and shapes[0][0] != "markdown", shapes


# ---- lessons ----------------------------------------------------------------------------------------------------

def test_the_lessons_table_says_in_words_when_the_setup_on_screen_is_another_lessons():
    at = open_app(page="Explain")  # the first screen's moons network: no lesson starts from it
    where = [r["where the run is"] for r in at.dataframe[0].value.to_dict("records")]
    assert len(where) > 1 and all("not measured yet" in w for w in where), where  # how far the run is, still
    assert all("· not this lesson's setup (" in w for w in where), where
    assert not any("{" in w or "locked by" in w for w in where), "each setting and its value (a dict) stay out of it"
    # the lesson chosen below the table names the settings that differ
    assert "The setup on screen is not this lesson's" in _captions(at)


# ---- the Explain tab after variants ---------------------------------------------------------------------------------

@needs_trainer
def test_after_variants_alone_the_explain_tab_points_to_their_comparison_not_to_train_first():
    at = open_app(page="Explain")
    at.selectbox(key="variant_change").set_value("learning rate").run()
    at.number_input(key="variant_lr").set_value(0.1).run()
    _train(at, epochs=1)
    said = " ".join(i.value for i in at.info)
    assert "compared under *Try a variant*" in said, said


def test_the_explain_tab_says_a_training_runs_weights_lag_and_how_to_see_those_of_now(monkeypatch):
    from builder import settings
    from builder.ui.explain import _whose_weights
    running = SimpleNamespace(status="running", active=True)
    monkeypatch.setenv("NETBUILDER_CHECKPOINT_EVERY", "45")
    settings.reload()
    try:
        assert "at most every 45 s" in _whose_weights(running) and "Pause it" in _whose_weights(running)
        monkeypatch.setenv("NETBUILDER_CHECKPOINT_EVERY", "0")
        settings.reload()
        assert "at each epoch's end" in _whose_weights(running)  # no interval: no "every 0 s"
    finally:
        monkeypatch.delenv("NETBUILDER_CHECKPOINT_EVERY")
        settings.reload()
    assert _whose_weights(SimpleNamespace(status="paused", active=True)) == " (the paused run's own)"
    assert _whose_weights(SimpleNamespace(status="finished", active=False)) == ""
