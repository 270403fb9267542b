"""The page, driven through Streamlit's AppTest (no browser), and the plain-Python edits behind it."""
from __future__ import annotations

import ast
import importlib.util
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from builder.jobs import JOBS
from builder.ui import runs
from builder.checker import check_spec
from builder.share import encode_setup
from builder.ui import edits
from builder.ui.widgets import UPLOAD_CHOICE

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "builder" / "ui" / "main.py")  # the page script the server (app.py) runs
HAS_TRAINER = importlib.util.find_spec("builder.training") is not None
needs_trainer = pytest.mark.skipif(not HAS_TRAINER, reason="builder.training is not written yet")


# ---- helpers ------------------------------------------------------------------------------------

def open_app(sid: str | None = None, page: str | None = None, **query) -> AppTest:
    """A new browser session; `sid` stands for the browser's session cookie (a reload of the same browser)."""
    at = AppTest.from_file(APP, default_timeout=90)
    for k, v in query.items():
        at.query_params[k] = v
    if sid is not None:
        at.session_state["sid"] = sid
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return goto(at, page) if page else at


def goto(at: AppTest, page: str) -> AppTest:
    at.session_state["page"] = page
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def spec(at: AppTest) -> dict:
    return at.session_state["spec"]


def ids(at: AppTest) -> list[str]:
    return [layer["id"] for layer in spec(at)["layers"]]


def field(at: AppTest, kind: str, layer_id: str, name: str):
    """A parameter widget of the layer form (its key carries the form revision)."""
    return getattr(at, kind)(key=f"f{at.session_state['rev']}.{layer_id}.{name}")


def shown(markdown) -> str:
    """Markdown source as a person reads it: the page escapes every mark in user text (builder.ui.text)."""
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>:~$=^&])", r"\1", str(markdown)).replace("\u200b", "")


def page_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + [w.value for w in at.warning]
    return "\n".join(shown(p) for p in parts)


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def load_preset(at: AppTest, stem: str) -> AppTest:
    goto(at, "Presets")
    click(at, f"load_{stem}")
    return goto(at, "Layers")


# ---- edits (plain Python) -----------------------------------------------------------------------

def test_new_layers_get_free_ids_and_suggested_params():
    spec_ = edits.default_spec()
    new, lid = edits.add_layer(spec_, "Conv2d", index=1)
    assert lid == "conv2d_1" and new["layers"][1] == {"id": "conv2d_1", "type": "Conv2d",
                                                      "params": {"out_channels": 16, "kernel_size": 3}}
    assert spec_ == edits.default_spec()  # the argument is never changed
    assert edits.unique_id("Linear", ["linear_1", "linear_2"]) == "linear_3"


def test_delete_drops_references_and_keeps_one_layer():
    spec_ = edits.default_spec()
    spec_["layers"].append({"id": "join", "type": "Add", "inputs": ["fc1", "act2"]})
    out = edits.delete_layer(spec_, "fc1")
    assert "fc1" not in edits.layer_ids(out) and out["layers"][-1]["inputs"] == ["act2"]
    single = {**spec_, "layers": [spec_["layers"][0]]}
    with pytest.raises(ValueError, match="at least one layer"):
        edits.delete_layer(single, "fc1")


def test_move_duplicate_rename():
    spec_ = edits.default_spec()
    assert edits.layer_ids(edits.move_layer(spec_, "out", -1))[-2:] == ["out", "act2"]
    assert edits.layer_ids(edits.move_layer(spec_, "fc1", -5))[0] == "fc1"
    dup, new_id = edits.duplicate_layer(spec_, "fc2")
    assert edits.layer_ids(dup)[3] == new_id == "linear_1" and dup["layers"][3]["params"] == {"out_features": 16}
    spec_["layers"][2]["inputs"] = ["act1"]
    renamed = edits.rename_layer(spec_, "act1", "hidden")
    assert renamed["layers"][1]["id"] == "hidden" and renamed["layers"][2]["inputs"] == ["hidden"]
    for bad in ("a b", "input", "fc2"):
        with pytest.raises(ValueError):
            edits.rename_layer(spec_, "act1", bad)


@pytest.mark.parametrize("text, kw, value", [
    ("3", {}, 3), ("3, 3", {}, [3, 3]), ("[2,4]", {}, [2, 4]), ("5x5", {}, [5, 5]), ("8", {"as_list": True}, [8]),
    ("same", {"words": ("same", "valid")}, "same"),
])
def test_parse_ints(text, kw, value):
    assert edits.parse_ints(text, "kernel_size", **kw) == value


def test_parse_ints_explains_bad_text():
    with pytest.raises(ValueError, match="kernel_size: write a whole number.*Received: 'three'"):
        edits.parse_ints("three", "kernel_size")


def test_history_undo_redo():
    h = edits.History(limit=2)
    a, b, c, d = ({"n": i} for i in range(4))
    h.record(a)
    h.record(b)
    h.record(c)  # a falls off the limit
    assert h.undo(d) == c and h.undo(c) == b and h.undo(b) is None
    assert h.redo(b) == c and h.redo(c) == d and h.redo(d) is None
    h.undo(d)
    h.record(c)
    assert h.redo(c) is None  # a new edit forgets what could be redone


# ---- the page ------------------------------------------------------------------------------------

def _session_names(tree: ast.AST) -> set[str]:
    """Every name read or written as an attribute of the session: `state.session().x`, `session().x`, `ss.x` and
    `st.session_state.x` (a `.get` or `.setdefault` on the session shows up here as a name too)."""
    def is_session(node: ast.AST) -> bool:
        return (isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name))
                and getattr(node.func, "attr", getattr(node.func, "id", None)) == "session") or \
            (isinstance(node, ast.Name) and node.id == "ss") or \
            (isinstance(node, ast.Attribute) and node.attr == "session_state")
    return {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and is_session(n.value)}


def test_every_session_key_is_declared_once_with_its_default():
    """The page keeps no session key that `state.Session` does not declare, and reads none with a default of its own."""
    from dataclasses import fields

    from builder.ui.state import Session

    declared = {f.name for f in fields(Session)}
    for path in sorted((ROOT / "builder" / "ui").glob("*.py")):
        undeclared = _session_names(ast.parse(path.read_text(encoding="utf-8"))) - declared
        assert not undeclared, f"{path.name} keeps {sorted(undeclared)} in the session without declaring them"
    assert _session_names(ast.parse("ss.get('x', 1); st.session_state.y = 2; state.session().z")) == {"get", "y", "z"}


def test_every_page_renders_without_an_exception():
    at = open_app()
    assert "sid" not in at.query_params and len(at.session_state["sid"]) >= 16  # the key never sits in the URL
    run_controls = [b.key for b in at.button if b.key != "regenerate"]  # Regenerate sits by the data, before them
    assert run_controls[:4] == ["start", "pause", "step", "reset"]  # the landing view trains
    for name in ("Data", "Training", "Presets", "Export", "Layers"):
        goto(at, name)
    for view in ("Diagram", "Code"):
        at.session_state["build_view"] = view
        at.run()
        assert not at.exception
    assert "class Net(nn.Module)" in at.code[0].value


FIRST_SCREEN_SCRIPT = """
import sys, time
from streamlit.testing.v1 import AppTest
from builder.jobs import JOBS
from builder.ui import runs
at = AppTest.from_file('builder/ui/main.py', default_timeout=120)
at.run()
assert not at.exception, at.exception
assert at.session_state['canvas_positions'], 'no canvas'
print('first screen', 'pandas' in sys.modules, 'torch' in sys.modules)
at.button(key='start').click().run()
job = JOBS.jobs_for(at.session_state['sid'])[-1]
assert runs.wait(job, 120) and job.status == 'finished', job.status
at.run()
assert not at.exception, at.exception
assert 'loss' in ' '.join(m.value for m in at.markdown).lower(), 'no loss numbers'
print('a run', 'pandas' in sys.modules, 'torch' in sys.modules)
"""


@needs_trainer
def test_the_first_screen_and_a_first_run_need_neither_pandas_nor_torch_in_the_server():
    """A fresh server's first page waited for pandas (a second of one core while the server warms up): Streamlit
    imported it to look for data frames in the canvas's data, a dict; the canvas sends a list. And for torch (more
    than a second, two or three while a browser starts beside it): the landing imported it with the datasets, the
    engine's modules and the uploads. A built-in dataset is now made as arrays, the page draws it and its split
    from them, the engine's modules are imported where a page uses them, and a Start sends the data to the worker
    as safetensors written from the arrays: the server needs torch neither for the first screen nor for a run
    trained from it and its live views (the worker, a process of its own, trains). In a process of its own: this
    one has imported both long ago."""
    done = subprocess.run([sys.executable, "-c", FIRST_SCREEN_SCRIPT], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    said = [line for line in done.stdout.splitlines() if line.startswith(("first screen", "a run"))]
    assert said == ["first screen False False", "a run False False"], done.stdout[-2000:]


def test_the_first_screen_draws_the_network_before_any_plotly_chart(monkeypatch):
    """2-D points (the landing's moons) are drawn as SVG in the session's first run, with no Plotly chart (whose
    script takes a second of one core to load on a small machine, and would hold back the canvas and a first
    Start's loss point), and the canvas is not asked to report its drawing: no extra run competes with a Start
    clicked then. Other data's picture is a Plotly chart: the first run holds it back (a line stands in its place),
    asks the canvas to say when its nodes show, and that run, or any later one, draws it."""
    from types import SimpleNamespace

    from builder.presets import load_preset
    from builder.ui import canvas
    from builder.ui.canvas import HANDLERS
    asked = []
    drawn = canvas.network_canvas
    monkeypatch.setattr(canvas, "network_canvas", lambda data, **kw: asked.append(data.get("report_drawn")) or
                        drawn(data, **kw))
    at = open_app()
    pictures = [m.value for m in at.markdown if m.value.startswith("<div><svg")]
    assert not at.get("plotly_chart") and "follows the network" not in " ".join(c.value for c in at.caption)
    assert [p for p in pictures if 'aria-label="moons: the data"' in p] and asked == [False]
    digits = open_app(s=encode_setup(load_preset("mlp_digits")))
    assert not digits.get("plotly_chart") and "follows the network" in " ".join(c.value for c in digits.caption)
    assert asked[-1] is True
    digits.run()
    assert digits.get("plotly_chart") and "follows the network" not in " ".join(c.value for c in digits.caption)
    assert asked[-1] is False
    said = ("error", "Could not open the shared setup: …")
    ss = SimpleNamespace(canvas_drawn=False, notices_shown=[said], notices=[])
    HANDLERS["drawn"]({"kind": "drawn"}, ss, {})
    assert ss.canvas_drawn and ss.notices == [said]  # the run it asks for says again what the first screen said


def test_load_a_preset_then_undo_and_redo():
    at = open_app()
    load_preset(at, "mlp_digits")
    s = spec(at)
    assert s["name"] == "MLP (digits)" and s["data"]["dataset"] == "digits" and s["training"]["lr"] == 0.003
    assert "4,810 parameters" in page_text(at)
    click(at, "undo")
    assert spec(at)["name"] == "Two moons MLP"
    click(at, "redo")
    assert spec(at)["name"] == "MLP (digits)"


def test_edit_a_layer_parameter_updates_shapes_and_summary():
    at = open_app(page="Layers")
    click(at, "edit_fc1")
    field(at, "number_input", "fc1", "out_features").set_value(32).run()
    assert spec(at)["layers"][0]["params"]["out_features"] == 32
    assert "**fc1** · Linear → `[32]`" in page_text(at)
    rows = at.dataframe[0].value
    assert int(rows.loc[rows["Layer"] == "fc1", "Params"].iloc[0]) == 2 * 32 + 32


def test_an_invalid_edit_shows_its_error_on_the_layer():
    at = open_app()
    load_preset(at, "lenet_digits")
    first = ids(at)[0]
    assert spec(at)["layers"][0]["type"] == "Conv2d"
    click(at, f"edit_{first}")
    field(at, "text_input", first, "kernel_size").set_value("11").run()
    text = page_text(at)
    assert re.search(rf"\*\*{first}\*\* · Conv2d → :red\[\*\*Error:\*\* kernel_size 11×11 .*larger than its input 8×8", text)
    assert any(f"layer '{first}' (Conv2d): kernel_size 11×11" in shown(e.value) for e in at.error)  # and in the form
    assert "use a smaller kernel" in text and "problem" in text
    assert any("Fix the layers marked in red" in i.value for i in at.info)  # no summary for a broken network
    field(at, "text_input", first, "kernel_size").set_value("three").run()
    assert "write a whole number" in page_text(at)  # unreadable text is explained, the spec keeps 9
    assert spec(at)["layers"][0]["params"]["kernel_size"] == 11


def test_add_move_duplicate_delete_layers():
    at = open_app(page="Layers")
    click(at, "edit_act1")
    at.selectbox(key="add_type").set_value("Dropout")
    click(at, "add_layer")
    assert ids(at) == ["fc1", "act1", "dropout_1", "fc2", "act2", "out"]
    assert at.session_state["selected"] == "dropout_1"
    click(at, "up_dropout_1")
    assert ids(at)[1] == "dropout_1"
    click(at, "down_fc1")
    assert ids(at)[:2] == ["dropout_1", "fc1"]
    click(at, "dup_fc2")
    assert ids(at)[ids(at).index("fc2") + 1] == "linear_1"
    click(at, "del_linear_1")
    click(at, "del_dropout_1")
    assert ids(at) == ["fc1", "act1", "fc2", "act2", "out"]
    for _ in range(5):
        click(at, "undo")
    assert ids(at) == ["fc1", "act1", "dropout_1", "fc2", "act2", "out"]


def test_branches_choose_their_inputs():
    at = open_app(page="Layers")
    click(at, "edit_out")
    at.selectbox(key="add_type").set_value("Concat")
    click(at, "add_layer")
    assert "merges two or more inputs" in page_text(at)
    at.multiselect(key=f"f{at.session_state['rev']}.concat_1.__inputs").set_value(["act1", "act2"]).run()
    assert spec(at)["layers"][-1]["inputs"] == ["act1", "act2"]
    assert "**concat_1** · Concat ← act1, act2 → `[32]`" in page_text(at)


def test_network_input_shape_and_name():
    at = open_app(page="Layers")
    rev = at.session_state["rev"]
    at.text_input(key=f"n{rev}.input.shape").set_value("3").run()
    assert spec(at)["input"]["shape"] == [3]
    at.text_input(key=f"n{rev}.name").set_value("Mine").run()
    assert spec(at)["name"] == "Mine"
    at.text_input(key=f"n{rev}.input.shape").set_value("x").run()
    assert "input shape: write a whole number" in page_text(at) and spec(at)["input"]["shape"] == [3]


def test_the_url_holds_the_setup_and_a_share_link_restores_it():
    at = open_app(page="Layers")
    click(at, "edit_fc1")
    field(at, "number_input", "fc1", "out_features").set_value(24).run()
    link = at.query_params["s"]
    other = open_app(s=link)
    assert spec(other) == spec(at)
    assert other.session_state["sid"] != at.session_state["sid"]  # a link never carries the session
    goto(other, "Export")
    assert f"?s={link}" in other.code[0].value


@pytest.mark.parametrize("bad, words", [("garbage", "not a NetBuilder share link"), ("1." + "A" * 20000, "too long"),
                                         (encode_setup(edits.default_spec())[:40], "damaged|cut short")])
def test_a_bad_share_link_shows_an_error_and_the_default_setup(bad, words):
    at = open_app(s=bad)
    assert spec(at) == edits.default_spec()
    assert any(re.search(words, shown(e.value)) for e in at.error), [e.value for e in at.error]


def test_a_setup_without_data_shows_no_dataset_chosen_until_one_is():
    # the first dataset shown as chosen would read as chosen, and choosing it would change nothing
    setup = {k: v for k, v in edits.default_spec().items() if k != "data"}
    at = open_app(s=encode_setup(setup))
    assert "data" not in spec(at)
    picker = at.selectbox(key=f"pg{at.session_state['rev']}.dataset")
    assert picker.value is None and picker.placeholder == "choose a dataset"
    assert any("choose a dataset" in e.value for e in at.error)
    picker.set_value("moons").run()
    assert spec(at)["data"]["dataset"] == "moons" and not at.error
    goto(at, "Data")
    assert at.selectbox(key=f"d{at.session_state['rev']}.dataset").value == "moons"
    other = open_app(s=encode_setup(setup), page="Data")
    picker = other.selectbox(key=f"d{other.session_state['rev']}.dataset")
    assert picker.value is None and picker.placeholder == "choose a dataset"
    picker.set_value("iris").run()
    assert spec(other)["data"]["dataset"] == "iris"


def test_a_link_whose_layers_share_an_id_draws_the_layers_tab_with_the_checkers_error():
    setup = edits.default_spec()
    setup["layers"][1]["id"] = setup["layers"][-1]["id"]  # two layers called 'out'
    at = open_app(s=encode_setup(setup), page="Layers")
    errors = [shown(e.value) for e in at.error]
    assert not any("went wrong" in e for e in errors), errors
    assert "duplicate id" in page_text(at)
    assert at.button(key="edit_out") and at.button(key="edit_out-4")  # each card keeps working buttons


@pytest.mark.parametrize("options", [{"n_samples": 5}, {"n_samples": 10**9}, {"n_samples": "abc"},
                                     {"n_samples": [1, 2]}, {"noise": 10**400}, {"noise": -3}])
def test_a_dataset_option_out_of_range_or_of_the_wrong_kind_is_said_and_its_widget_still_draws(options):
    setup = edits.default_spec()
    setup["data"]["options"] = options
    for page in ("Playground", "Data"):
        at = open_app(s=encode_setup(setup), page=page)
        errors = [shown(e.value) for e in at.error]
        assert not any("went wrong" in e for e in errors), (page, errors)
        assert any("dataset 'moons'" in e for e in errors), (page, errors)  # the dataset's own check says why


def test_a_refused_id_or_size_is_quoted_short_and_the_rule_named():
    spec = edits.default_spec()
    with pytest.raises(ValueError) as refused:
        edits.rename_layer(spec, "fc1", "a" * 65)
    assert "1 to 64 letters" in str(refused.value) and "(65 characters)" in str(refused.value)
    for text in ("a" * 10_000, "[" * 100_000 + "]" * 100_000, "9" * 5000):
        with pytest.raises(ValueError) as refused:
            edits.rename_layer(spec, "fc1", text) if text.startswith("a") else edits.parse_ints(text, "kernel_size")
        assert len(str(refused.value)) < 300, len(str(refused.value))


def test_the_playground_counts_the_checkers_warnings_and_says_them_on_hover():
    setup = edits.default_spec()
    setup["layers"].insert(0, {"id": "dead", "type": "Tanh"})  # read by nothing: fc1 reads the input itself
    setup["layers"][1]["inputs"] = ["input"]
    assert check_spec(setup).warnings == [
        "layer 'dead' (Tanh): its output never reaches the model's output 'out', so it learns nothing"]
    at = open_app(s=encode_setup(setup))
    head = next(m for m in at.markdown if "warning" in m.value)
    assert "1 warning" in head.value
    assert shown(head.help) == check_spec(setup).warnings[0]


def test_data_page_shows_a_mismatch_and_fixes_it():
    at = open_app()
    goto(at, "Data")
    at.selectbox(key=f"d{at.session_state['rev']}.dataset").set_value("iris").run()
    assert spec(at)["data"]["dataset"] == "iris"
    text = page_text(at)
    assert "input shape [2] holds 2 values per sample, but dataset 'iris'" in text and "Fix:" in text
    click(at, "match_input")  # make the network fit: the whole network, in one edit
    assert spec(at)["input"]["shape"] == [4] and spec(at)["layers"][-1]["params"]["out_features"] == 3
    assert "The network fits iris" in "\n".join(shown(s.value) for s in at.success)
    assert at.get("plotly_chart")  # feature histograms of the table


PRESETS = sorted(p.stem for p in (ROOT / "presets").glob("*.json"))


@pytest.mark.parametrize("stem", PRESETS)
def test_every_preset_opens_on_build_and_data(stem):
    at = open_app()
    load_preset(at, stem)
    assert spec(at)["name"] and "problem" not in page_text(at)
    goto(at, "Data")
    assert "The network fits" in "\n".join(shown(s.value) for s in at.success), [e.value for e in at.error]


@pytest.mark.parametrize("name, shown", [("moons", "plotly_chart"), ("digits", "plotly_chart"), ("sine", "plotly_chart"),
                                         ("digits_rows", "plotly_chart"), ("wine", "dataframe"), ("parity", "dataframe")])
def test_each_kind_of_dataset_has_a_preview(name, shown):
    at = open_app()
    goto(at, "Data")
    at.selectbox(key=f"d{at.session_state['rev']}.dataset").set_value(name).run()
    assert not at.exception and at.get(shown)


def test_data_upload_errors_are_shown_not_raised():
    at = open_app()
    goto(at, "Data")
    at.session_state["data_source"] = "Upload"
    at.run()
    at.file_uploader(key="up_csv").set_value(("broken.csv", b"a,b\n1,2,3,4\n\x00\x00", "text/csv")).run()
    assert not at.exception and at.error and "broken.csv" in shown(at.error[0].value)
    good = "x1,x2,label\n" + "\n".join(f"{i % 7},{i % 3},{'ab'[i % 2]}" for i in range(40))
    at.file_uploader(key="up_csv").set_value(("good.csv", good.encode(), "text/csv")).run()
    assert at.session_state["upload"].task == "classification"
    assert "input shape [2]" not in page_text(at)  # two features: the default network fits
    assert "outputs 2 values" not in page_text(at)
    assert not at.warning
    ids = "x1,x2,who\n" + "\n".join(f"{i % 7},{i % 3},user{i}" for i in range(40))
    at.file_uploader(key="up_csv").set_value(("ids.csv", ids.encode(), "text/csv")).run()
    warned = [shown(w.value) for w in at.warning]  # apart from the green summary, in the page's words
    assert any(w.startswith("Warning: 40 of the 40 classes of target column 'who'") for w in warned), warned
    assert all("Warning" not in shown(s.value) for s in at.success)


def test_a_spreadsheet_csv_upload_offers_its_columns_and_leaves_out_what_cannot_be_learnt():
    from test_uploads import EUROPEAN, TITANIC
    at = open_app()
    goto(at, "Data")
    at.session_state["data_source"] = "Upload"
    at.run()
    at.file_uploader(key="up_csv").set_value(("messungen.csv", EUROPEAN.encode("cp1252"), "text/csv")).run()
    assert at.selectbox(key="up_target").options == ["Länge", "Breite", "Größe", "Klasse"]
    assert at.session_state["upload"].class_names == ["groß", "klein"] and at.session_state["upload_error"] is None
    at.file_uploader(key="up_csv").set_value(("titanic.csv", TITANIC, "text/csv")).run()
    at.selectbox(key="up_target").set_value("Survived").run()
    assert "PassengerId" in at.multiselect(key="up_ignore").options
    assert "Survived" not in at.multiselect(key="up_ignore").options
    at.multiselect(key="up_ignore").set_value(["PassengerId"]).run()
    at.radio(key="up_missing").set_value("impute").run()
    assert not at.exception and at.session_state["upload_error"] is None
    assert at.session_state["upload"].feature_names == ["Pclass", "Sex=female", "Sex=male", "Age", "Fare"]
    assert "Left out: 'PassengerId' as asked; 'Name', 'Ticket', 'Cabin'" in shown(at.success[0].value)


PENGUINS = ("island,bill_length_mm,species,body_mass_g\n"
            + "\n".join(f"{'AB'[i % 2]},{'' if i % 9 == 0 else 30 + i % 11},{('Adelie', 'Gentoo')[i % 2]},"
                        f"{3000 + 17 * i}" for i in range(60)) + "\n").encode()


def test_an_upload_and_its_choices_outlive_the_data_tab_and_gaps_are_asked_about_not_refused():
    at = open_app(page="Data")
    at.session_state["data_source"] = "Upload"
    at.run()
    at.file_uploader(key="up_csv").set_value(("penguins.csv", PENGUINS, "text/csv")).run()
    assert at.selectbox(key="up_target").value == "species", "a column named like a label is the target"
    assert not at.error, [e.value for e in at.error]  # gaps are a question, not a red refusal
    assert any("Missing values" in shown(w.value) for w in at.warning)
    assert "The network fits" not in page_text(at) + "".join(s.value for s in at.success)
    at.radio(key="up_missing").set_value("impute").run()
    at.multiselect(key="up_ignore").set_value(["island"]).run()
    assert at.session_state["upload"] is not None and at.session_state["upload"].class_names == ["Adelie", "Gentoo"]
    assert "penguins" in spec(at)["name"], "a network trained on an upload is named after it"
    goto(at, "Playground")
    goto(at, "Data")
    assert at.radio(key="up_missing").value == "impute" and at.multiselect(key="up_ignore").value == ["island"]
    assert at.selectbox(key="up_target").value == "species"
    assert at.session_state["upload"] is not None and "penguins.csv" in page_text(at) + "".join(
        c.value for c in at.caption)
    labels = [r.options for r in at.radio if r.key == "up_missing"][0]
    assert "impute (fill from the training rows)" in labels


def test_the_playground_offers_an_upload_of_its_own():
    at = open_app()
    at.file_uploader(key="pg_up_csv").set_value(("penguins.csv", PENGUINS, "text/csv")).run()
    at.radio(key="up_missing").set_value("drop").run()
    assert not at.exception and at.session_state["upload"] is not None
    assert at.session_state["data_source"] == "Upload"
    # the popover sits below the data picker and the fit check: a change in it redraws the page, and the picker,
    # the upload's caption and the fit check all say the data now in use (not the data before the change)
    assert at.selectbox(key=f"pg{at.session_state['rev']}.dataset").value == UPLOAD_CHOICE
    assert "target 'species'" in " ".join(c.value for c in at.caption)
    at.selectbox(key="up_target").set_value("island").run()
    assert not at.exception and at.session_state["upload"].class_names == ["A", "B"]
    captions = " ".join(c.value for c in at.caption)
    assert "target 'island'" in captions and "target 'species'" not in captions
    assert at.selectbox(key=f"pg{at.session_state['rev']}.dataset").value == UPLOAD_CHOICE
    at.selectbox(key=f"pg{at.session_state['rev']}.dataset").set_value("circles").run()  # and back to built-in data
    assert at.session_state["data_source"] == "Built-in" and spec(at)["data"]["dataset"] == "circles"
    assert at.selectbox(key=f"pg{at.session_state['rev']}.dataset").value == "circles"


def test_a_file_of_labelled_messages_uploads_as_text_and_the_network_fits_it():
    """SMS spam's file as it comes (label, tab, message; no header row): the page takes the labels as the target
    and the messages as the text, and "Make the network fit the data" puts an Embedding first."""
    from test_uploads import messages
    at = open_app()
    at.file_uploader(key="pg_up_csv").set_value(("SMSSpamCollection.txt", messages(), "text/plain")).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.selectbox(key="up_target").value == "column 1" and at.selectbox(key="up_text").value == "column 2"
    assert at.session_state["upload"].class_names == ["ham", "spam"]
    fit = next(b for b in at.button if b.label == "Make the network fit the data")
    fit.click().run()
    assert not at.exception and spec(at)["input"] == {"shape": [12], "dtype": "long"}
    assert spec(at)["layers"][0]["type"] == "Embedding"


def test_a_preset_loads_on_my_data_made_to_fit_it():
    """With an upload in the session, a preset's card offers its network on that data: Kaggle-style pixel columns
    (8×8 here, 3 classes) under LeNet, whose input already fits and whose output becomes 3 wide, in one edit."""
    from test_uploads import pixels_csv
    at = open_app(page="Presets")
    assert not [b for b in at.button if b.key.startswith("mine_")], "no upload yet: nothing to load a preset on"
    at.session_state["data_source"] = "Upload"
    goto(at, "Data")
    at.file_uploader(key="up_csv").set_value(("train.csv", pixels_csv(), "text/csv")).run()
    goto(at, "Presets")
    at.button(key="mine_lenet_digits").click().run()
    assert not at.exception and at.session_state["data_source"] == "Upload"
    assert spec(at)["input"]["shape"] == [1, 8, 8] and spec(at)["layers"][-1]["params"]["out_features"] == 3
    assert "on train.csv, made to fit it" in " ".join(shown(s.value) for s in at.success)
    goto(at, "Data")
    assert "The network fits train.csv" in "\n".join(shown(s.value) for s in at.success)


def test_export_offers_the_spec_and_code_and_reads_an_uploaded_spec():
    at = open_app()
    goto(at, "Export")
    labels = [b.label for b in at.get("download_button")]
    assert labels[:2] == ["Spec (.json)", "PyTorch code (.py)"]
    mine = edits.default_spec() | {"name": "Uploaded net"}
    at.file_uploader(key="continue_upload").set_value(("net.json", json.dumps(mine).encode(), "application/json"))
    at.run()
    assert spec(at)["name"] == "Uploaded net"
    at.file_uploader(key="continue_upload").set_value(("bad.json", b'{"format": "netbuilder/1"}', "application/json"))
    at.run()
    assert "bad.json is not a valid spec" in shown(at.error[0].value) and spec(at)["name"] == "Uploaded net"


HOSTILE_TEXT = "![x](https://example.com/t.png) [log in](https://phish.example) :red[x] :material/home: # **b**"


def test_names_from_files_reach_the_page_as_plain_text_never_markup():
    """A network's name from a shared or uploaded spec, and a CSV's column and file names, are shown as the
    characters they are: no image, link, colour, icon or heading can be smuggled into the page."""
    at = open_app()
    goto(at, "Export")
    mine = edits.default_spec() | {"name": HOSTILE_TEXT}
    at.file_uploader(key="continue_upload").set_value(("net.json", json.dumps(mine).encode(), "application/json"))
    at.run()
    goto(at, "Playground")
    title = next(m.value for m in at.markdown if "layers" in m.value).split("** · ")[0]  # the name, before ours
    assert "\\!\\[x\\]\\(https\\:\u200b//example\\.com/t\\.png\\)" in title and "![" not in title
    assert "](https" not in title and ":red[" not in title and ":material/" not in title and "**b**" not in title
    goto(at, "Data")
    at.session_state["data_source"] = "Upload"
    at.run()
    csv = f'"{HOSTILE_TEXT}",y\n' + "".join(f"{i},{i % 2}\n" for i in range(20))
    at.file_uploader(key="up_csv").set_value(("[evil](https://phish.example).csv", csv.encode(), "text/csv")).run()
    shown = " ".join([s.value for s in at.success] + [e.value for e in at.error] + [m.value for m in at.markdown])
    assert "phish" in shown and "](https" not in shown and "![" not in shown


# ---- training -----------------------------------------------------------------------------------

def _short_training(at: AppTest, epochs: int = 3) -> None:
    goto(at, "Training")
    at.number_input(key=f"t{at.session_state['rev']}.epochs").set_value(epochs).run()
    assert spec(at)["training"]["epochs"] == epochs


def _until(condition, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    return condition()


def _job(at: AppTest):
    return JOBS.jobs_for(at.session_state["sid"])[-1]


@needs_trainer
def test_start_a_run_wait_and_see_the_charts():
    at = open_app()
    _short_training(at)
    click(at, "start")
    job = _job(at)
    assert runs.wait(job, 120) and job.status == "finished"
    at.run()
    assert not at.exception
    assert len(at.get("plotly_chart")) >= 3 and "finished" in page_text(at)
    for view, least in (("Weights & gradients", 3), ("Activations", 1), ("Predictions", 1), ("Compare", 1)):
        at.session_state["train_view"] = view
        at.run()
        assert not at.exception and len(at.get("plotly_chart")) >= least, view
    goto(at, "Export")
    assert "ONNX" in [b.label for b in at.get("download_button")]


@needs_trainer
def test_the_playground_trains_from_the_first_screen():
    at = open_app()
    assert at.button(key="start").label == "Start" and not at.button(key="start").disabled
    at.number_input(key=f"pgs{at.session_state['rev']}.epochs").set_value(3).run()
    click(at, "start")
    job = _job(at)
    assert runs.wait(job, 120) and job.status == "finished"
    at.run()
    assert "epoch **3/3** done" in page_text(at) and at.get("plotly_chart")  # the boundary
    loss = next(m.value for m in at.markdown if m.value.startswith('<div><svg') and 'aria-label="Loss"' in m.value)
    assert "validation, epoch 3:" in loss  # the loss chart, drawn as SVG (figures.svg)


@needs_trainer
def test_step_pause_resume_stop():
    at = open_app()
    _short_training(at, epochs=100_000)  # long enough that Pause and Reset always find it running
    click(at, "step")
    job = _job(at)
    assert job.status == "paused" and job.runner.log.snapshot().step == 1
    click(at, "step")
    assert job.runner.log.snapshot().step == 2
    click(at, "resume")
    assert job.status in ("running", "finished")
    click(at, "pause")
    click(at, "reset")
    assert job.runner.join(30) and job.status == "stopped"
    assert not at.button(key="start").disabled


@needs_trainer
def test_a_reload_reattaches_to_the_sessions_run_and_others_cannot_see_it():
    at = open_app()
    _short_training(at, epochs=100_000)  # still running when the reload looks
    click(at, "start")
    sid, job = at.session_state["sid"], _job(at)
    assert _until(lambda: job.status == "running" and job.runner.log.step > 0)  # the worker has started
    try:
        again = open_app(sid=sid, page="Training")  # a reload: a new Streamlit session, the same browser cookie
        assert job.label in page_text(again) and not again.button(key="pause").disabled
        stranger = open_app(page="Training")
        assert job.label not in page_text(stranger) and stranger.button(key="pause").disabled
        click(again, "reset")
        assert job.runner.join(30) and job.status == "stopped"
    finally:
        job.runner.stop()


@needs_trainer
def test_finished_runs_are_saved_and_listed_after_a_restart(tmp_path, monkeypatch):
    from builder.store import RunStore
    monkeypatch.setattr(runs, "STORE", RunStore(tmp_path))
    at = open_app()
    _short_training(at)
    click(at, "start")
    job = _job(at)
    assert runs.wait(job, 120) and job.status == "finished"
    sid = at.session_state["sid"]
    assert [r.job_id for r in RunStore(tmp_path).list(sid)] == [job.id]  # one run, one id: the job's and the folder's
    # a "restarted server": a fresh store over the same folder, and a reload of the same browser
    monkeypatch.setattr(runs, "STORE", RunStore(tmp_path))
    again = open_app(sid=sid, page="Export")
    assert any(b.key and b.key.startswith("saved_") for b in again.get("download_button"))
    stranger = open_app(page="Export")
    assert not any(b.key and b.key.startswith("saved_") for b in stranger.get("download_button"))


@needs_trainer
def test_after_a_restart_the_playground_shows_the_interrupted_run_with_its_resume(tmp_path, monkeypatch):
    from builder.store import RunStore
    monkeypatch.setattr(runs, "STORE", RunStore(tmp_path))
    at = open_app()
    _short_training(at, epochs=400)
    goto(at, "Playground")
    click(at, "start")
    old = _job(at)
    assert _until(lambda: old.runner.log.epoch >= 2, 120)
    click(at, "pause")
    sid = at.session_state["sid"]
    # a "restarted server": the job registry no longer knows the run, a fresh store reads its folder
    real = JOBS.jobs_for
    monkeypatch.setattr(JOBS, "jobs_for", lambda s: [j for j in real(s) if j.id != old.id])
    monkeypatch.setattr(runs, "STORE", RunStore(tmp_path))
    try:
        again = open_app(sid=sid)
        assert again.button(key=f"pg_resume_{old.id}"), "the interrupted run is on the Playground, with Resume"
        assert "/400" in page_text(again)
        click(again, "start")
        new = _job(again)
        assert new.id != old.id and new.label.split(":")[0] != old.label.split(":")[0], "labels never repeat"
        assert (old.label.split(":")[0], new.label.split(":")[0]) == ("run 1", "run 2"), "and skip no number"
        new.runner.stop()
    finally:
        old.runner.stop()


def test_preset_cards_show_their_whole_description():
    from builder.presets import list_presets
    at = open_app(page="Presets")
    text = page_text(at)
    for spec_ in list_presets().values():
        assert spec_.description in text


def test_alerts_come_most_severe_first_with_the_reason_a_run_ended_on_top():
    from builder.runlog import RunLog
    from builder.ui.playground import loss_numbers, ordered_alerts
    log = RunLog("classification", "cpu", 3, 10, ["a", "b"], 8)
    assert ordered_alerts(log.snapshot()) == [] and loss_numbers(log.snapshot()) == ""
    log.set_alerts([{"kind": "plateau", "layer": None, "message": "flat", "severity": "warning"},
                    {"kind": "exploding", "layer": "fc1", "message": "big", "severity": "error"}])
    log.set_status("diverged", "the loss became 6e+07")
    found = [a["message"] for a in ordered_alerts(log.snapshot())]
    assert found == ["the loss became 6e+07", "big", "flat"]
    log.log_epoch({"epoch": 1, "train_loss": 0.25, "val_loss": 0.5})
    assert loss_numbers(log.snapshot()) == "train loss **0.250** · test loss **0.500**"


def test_alerts_of_one_kind_say_their_advice_once_and_escape_layer_names():
    from builder.ui.playground import alert_lines
    from builder.ui.text import plain
    vanishing = "gradient norm {} is over 1000× below the strongest layer's (1.3e-01): this layer barely learns. " \
                "Try ReLU/GELU, normalisation, residual connections."
    lines = alert_lines([
        {"kind": "vanishing", "layer": "fc1", "message": vanishing.format("5.9e-06"), "severity": "warning"},
        {"kind": "vanishing", "layer": "fc*2*", "message": vanishing.format("4.9e-05"), "severity": "warning"},
        {"kind": "plateau", "layer": None, "message": "the training loss has not moved for 4 epochs. Try a higher "
                                                      "learning rate.", "severity": "warning"}])
    assert lines[0] == f"**fc1**: {plain(vanishing.format('5.9e-06'))}"
    assert lines[1] == f"**{plain('fc*2*')}**: {plain(vanishing.format('4.9e-05').split(' Try ')[0])}", \
        "the advice once; a layer name is text, not Markdown"
    assert lines[2] == plain("the training loss has not moved for 4 epochs. Try a higher learning rate.")


def test_tf_playground_controls_edit_the_spec_and_undo_takes_them_back():
    at = open_app()
    rev = lambda: at.session_state["rev"]
    at.pills(key=f"pg{rev()}.features").set_value(["x1", "x2", "x1_squared", "x2_squared"]).run()
    assert spec(at)["layers"][0]["type"] == "Features" and not at.exception
    at.selectbox(key=f"pg{rev()}.activation").set_value("Tanh").run()
    assert [l["type"] for l in spec(at)["layers"]].count("Tanh") == 2
    click(goto(at, "Layers"), "undo")  # (the Playground's Undo is on the canvas's toolbar, out of AppTest's reach)
    assert [l["type"] for l in spec(at)["layers"]].count("ReLU") == 2, "one undo takes the whole change back"
    goto(at, "Playground")
    at.number_input(key=f"pgs{rev()}.l1_penalty").set_value(0.001).run()
    assert spec(at)["training"]["l1_penalty"] == 0.001
    at.slider(key=f"pg{rev()}.train_share").set_value(60).run()
    assert spec(at)["data"]["val_fraction"] == 0.4
    seed = spec(at)["data"]["options"].get("seed", 0)
    click(at, "regenerate")
    assert spec(at)["data"]["options"]["seed"] == seed + 1


def test_train_page_offers_the_torchrun_command_and_the_script():
    at = open_app(page="Training")
    commands = [c.value for c in at.code]
    assert any(c.startswith("torchrun --standalone --nproc_per_node 2 -m builder train spec.json") for c in commands)
    at.number_input(key="dist_nnodes").set_value(3).run()
    assert any("--nnodes 3" in c.value and "--rdzv_endpoint" in c.value for c in at.code)
    labels = [b.label for b in at.get("download_button")]
    assert "spec.json" in labels and "train.py (standalone script)" in labels


@needs_trainer
def test_a_finished_run_of_another_network_is_not_shown_on_the_new_one():
    at = open_app()
    load_preset(at, "logistic_regression")
    goto(at, "Playground")
    click(at, "start")
    job = _job(at)
    assert runs.wait(job, 120) and job.status == "finished"
    at.run()
    assert "finished" in page_text(at)
    load_preset(at, "resnet_digits")  # another network and dataset: the old run's figures do not belong to it
    goto(at, "Playground")
    assert not at.exception, [e.value for e in at.exception]
    assert "finished" not in page_text(at) and "epoch **" not in page_text(at)
    assert not at.button(key="start").disabled
    load_preset(at, "logistic_regression")  # the network it trained: its run is shown again
    goto(at, "Playground")
    assert not at.exception and "finished" in page_text(at)


def _relabelled_picker():
    import streamlit as st
    from builder.ui import state
    name = st.session_state.get("name", "a.csv")
    label = lambda n: f"uploaded: {name}" if n == "upload" else n
    state.show_new_label("pick", ["moons", "upload"], label)
    st.selectbox("Data", ["moons", "upload"], key="pick", format_func=label)


def test_a_selectbox_whose_chosen_label_changes_is_sent_the_new_label():
    """The browser keeps a selectbox's choice by its label: a new label for the same value is sent to it (set_value),
    or it would go on showing the old file's name (tests/browser/test_playground.py sees it in Chromium)."""
    at = AppTest.from_function(_relabelled_picker).run()
    at.selectbox(key="pick").set_value("upload").run()
    at.run()
    assert not at.selectbox(key="pick").proto.set_value  # the same label: nothing sent
    at.session_state["name"] = "b.csv"
    at.run()
    picker = at.selectbox(key="pick")
    assert picker.proto.set_value and picker.proto.raw_value == "uploaded: b.csv" and picker.value == "upload"
    at.run()
    assert not at.selectbox(key="pick").proto.set_value


def test_an_image_zip_upload_is_read_in_colour_when_its_images_have_colour():
    import io
    import zipfile

    from PIL import Image

    def archive(colours) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            for i, colour in enumerate(colours):
                image = io.BytesIO()
                Image.new("RGB", (6, 6), colour).save(image, "PNG")
                z.writestr(f"{'ab'[i % 2]}/{i}.png", image.getvalue())
        return buffer.getvalue()

    at = open_app()
    goto(at, "Data")
    at.session_state["data_source"] = "Upload"
    at.session_state["upload_kind"] = "zip"
    at.run()
    at.file_uploader(key="up_zip").set_value(("fruit.zip", archive([(200, 30, 30), (30, 200, 30)] * 2),
                                              "application/zip")).run()
    assert at.selectbox(key="up_mode").options == ["as the images are", "grey", "colour"]
    assert not at.exception and at.session_state["upload"].sample_shape == (3, 28, 28)
    assert "(colour)" in shown(at.success[0].value)
    at.file_uploader(key="up_zip").set_value(("scans.zip", archive([(90, 90, 90), (10, 10, 10)] * 2),
                                              "application/zip")).run()
    assert at.session_state["upload"].sample_shape == (1, 28, 28)
    assert "(grey, as every image is)" in shown(at.success[0].value)
    at.selectbox(key="up_mode").set_value("RGB").run()  # chosen: kept
    assert at.session_state["upload"].sample_shape == (3, 28, 28)
