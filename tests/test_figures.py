"""Figure builders: plain data in, the right traces out."""
import subprocess
import sys

import numpy as np
import plotly.graph_objects as go
import pytest

from builder import figures as F


def _traces(fig, kind):
    return [t for t in fig.data if t.type == kind]


# ---- helpers and the architecture -------------------------------------------------------------

def test_decimate_keeps_short_series_and_bounds_long_ones():
    assert F.decimate([1, 2, 3], [4, 5, 6], 10) == ([1, 2, 3], [4, 5, 6])
    xs, ys = F.decimate(list(range(100_000)), list(range(100_000)), 2000)
    assert len(xs) <= 2001 and xs[0] == 0 and xs[-1] == 99_999 and xs == ys


def test_layered_positions_chain_branches_and_skips():
    chain = F.layered_positions(["input", "a", "b"], [("input", "a"), ("a", "b")])
    assert chain == {"input": (0.0, 0), "a": (0.0, 1), "b": (0.0, 2)}
    ids = ["input", "l", "r", "join"]
    pos = F.layered_positions(ids, [("input", "l"), ("input", "r"), ("l", "join"), ("r", "join")])
    assert pos["l"][1] == pos["r"][1] == 1 and pos["l"][0] != pos["r"][0] and pos["join"][1] == 2
    skip = F.layered_positions(["input", "a", "b", "add"], [("input", "a"), ("a", "b"), ("b", "add"), ("input", "add")])
    assert skip["add"][1] == 3  # the longest path decides the row, so the skip edge spans rows


def test_layered_positions_survive_a_cycle():
    pos = F.layered_positions(["input", "a", "b"], [("a", "b"), ("b", "a")])
    assert [pos[n][1] for n in ("input", "a", "b")] == [0, 1, 2]


def test_architecture_figure_labels_nodes_edges_and_errors():
    nodes = [{"id": "input", "type": "float", "detail": "[2]"},
             {"id": "fc1", "type": "Linear", "detail": "[16]"},
             {"id": "bad", "type": "Conv2d", "detail": "kernel too big", "error": True},
             {"id": "add", "type": "Add", "detail": "[16]"}]
    edges = [{"source": "input", "target": "fc1", "label": "[2]"}, {"source": "fc1", "target": "bad", "label": "[16]"},
             {"source": "bad", "target": "add", "label": ""}, {"source": "input", "target": "add", "label": "[2]"}]
    fig = F.architecture_figure(nodes, edges)
    node_trace = [t for t in fig.data if t.name == "layers"][0]
    assert any("fc1" in t and "Linear" in t for t in node_trace.text)
    assert "kernel too big" in node_trace.hovertext[2]
    colors = list(node_trace.marker.color)
    assert colors[2] == F.ERROR_RED and colors[1] != F.ERROR_RED
    boxes = {a.text: a for a in fig.layout.annotations}
    assert boxes["<b>bad</b> · Conv2d"].bordercolor == F.ERROR_RED and boxes["<b>fc1</b> · Linear"].bordercolor != F.ERROR_RED
    assert {"[2]", "[16]"} <= set(boxes)
    lines = [t for t in fig.data if t.mode == "lines"]
    assert len(lines) == 4 and max(len(t.x) for t in lines) > 2  # the skip edge is curved around the nodes


# ---- data ---------------------------------------------------------------------------------------

def test_scatter_2d_one_trace_per_class_with_names():
    x = np.random.default_rng(0).normal(size=(30, 2))
    y = np.array([0, 1, 2] * 10)
    fig = F.scatter_2d(x, y, ["a", "b", "c"])
    assert [t.name for t in fig.data] == ["a", "b", "c"] and all(len(t.x) == 10 for t in fig.data)


def test_scatter_2d_regression_colours_by_target_and_caps_points():
    x = np.zeros((5000, 2))
    fig = F.scatter_2d(x, np.arange(5000.0), task="regression", max_points=1000)
    assert len(fig.data) == 1 and len(fig.data[0].x) == 1000 and fig.data[0].marker.showscale


def test_image_grid_builds_one_mosaic_with_captions():
    images = np.random.default_rng(0).random((10, 1, 8, 8))
    fig = F.image_grid(images, [str(i) for i in range(10)], cols=5)
    heat = _traces(fig, "heatmap")[0]
    z = np.asarray(heat.z, dtype=float)
    assert z.shape[1] >= 5 * 8 and z.shape[0] >= 2 * 8
    assert len(fig.layout.annotations) == 10


def test_image_grid_colour_images_use_an_image_trace():
    fig = F.image_grid(np.random.default_rng(0).random((3, 3, 6, 6)))
    assert _traces(fig, "image") and not _traces(fig, "heatmap")


def test_sequence_lines_and_feature_histograms():
    fig = F.sequence_lines(np.zeros((10, 20, 2)), np.ones(10), n_show=3)
    assert len(fig.data) == 6 and "→ 1" in fig.data[0].name
    hist = F.feature_histograms(np.random.default_rng(0).random((50, 13)), max_features=6)
    assert len(hist.data) == 6


# ---- training -----------------------------------------------------------------------------------

STEPS = {"step": list(range(1, 5001)), "loss": list(np.linspace(2, 0.1, 5000)), "lr": [1e-3] * 5000}
EPOCHS = [{"epoch": e, "train_loss": 1 / e, "val_loss": 1.2 / e, "train_acc": 0.5 + e / 20, "val_acc": 0.4 + e / 20}
          for e in range(1, 6)]


def test_loss_figure_is_decimated_in_epochs_with_a_log_option():
    fig = F.loss_figure(STEPS, EPOCHS, steps_per_epoch=1000, log_y=True)
    batch = fig.data[0]
    assert len(batch.x) <= 2001 and batch.x[-1] == pytest.approx(5.0)
    assert [t.name for t in fig.data] == ["train (batch)", "train (epoch)", "validation"]
    assert fig.layout.yaxis.type == "log"


def test_epoch_curves_mark_their_points_while_few_and_thin_out_long_runs():
    from builder.figures.style import MARKED_POINTS
    few = [{"epoch": e, "train_loss": 1 / e, "val_loss": 2 / e, "train_acc": 0.5, "val_acc": 0.4} for e in range(1, 11)]
    many = [{**row, "epoch": e} for e, row in enumerate(few * 500, 1)]  # 5,000 epochs
    runs = [{"label": "a", "epochs": many}, {"label": "b", "epochs": few}]
    for fig in (F.loss_figure(STEPS, few, 1000), F.metric_figure(few, "classification"), F.compare_figure(runs[1:])):
        curves = [t for t in fig.data if t.name != "train (batch)"]
        assert curves and all(t.mode == "lines+markers" and list(t.x) == list(range(1, 11)) for t in curves)
    for fig in (F.loss_figure(STEPS, many, 1000), F.metric_figure(many, "classification"), F.compare_figure(runs),
                F.comparison_figure(runs, ["val_loss"], [None, None])):
        long = [t for t in fig.data if t.name in ("train (epoch)", "validation", "train", "a")]
        assert long and all(t.mode == "lines" and F.MAX_POINTS / 2 < len(t.x) <= F.MAX_POINTS + 1 for t in long)
        assert all(t.x[-1] == 5000 for t in long)  # the last epoch stays
        short = [t for t in fig.data if t.name == "b"]
        assert all(t.mode == "lines+markers" and len(t.x) == 10 <= MARKED_POINTS for t in short)


def test_empty_loss_figure_says_what_will_come():
    fig = F.loss_figure({"step": [], "loss": []}, [], 10)
    assert not fig.data and "first batch" in fig.layout.annotations[0].text


def test_metric_figure_per_task():
    acc = F.metric_figure(EPOCHS, "classification")
    assert [list(t.y) for t in acc.data][1][-1] == pytest.approx(0.65) and tuple(acc.layout.yaxis.range) == (0, 1.02)
    r2 = F.metric_figure([{"epoch": 1, "train_r2": 0.3, "val_r2": 0.2}], "regression")
    assert len(r2.data) == 2 and "R²" in r2.layout.title.text


def test_histograms_figure_stacks_one_column_per_logged_step():
    trace = {"steps": [1, 2, 3], "weight_edges": list(np.linspace(-1, 1, 41)), "grad_edges": list(np.linspace(-1, 1, 41)),
             "weight_hist": [np.ones(40)] * 3, "grad_hist": [np.arange(40)] * 3}
    fig = F.histograms_figure(trace, "fc1")
    heat = _traces(fig, "heatmap")
    assert len(heat) == 2 and np.asarray(heat[0].z).shape == (40, 3)


def test_gradient_flow_marks_flagged_layers_red():
    layers = {"fc1": {"steps": [1, 2], "grad_norm": [1e-6, 1e-7]}, "out": {"steps": [1, 2], "grad_norm": [1.0, 0.5]}}
    fig = F.gradient_flow_figure(layers, [{"layer": "fc1", "kind": "vanishing"}])
    assert list(fig.data[0].marker.color) == [F.ERROR_RED, "#2563eb"]
    assert list(fig.data[0].y) == [1e-7, 0.5]
    lines = F.grad_norm_figure(layers)
    assert [t.name for t in lines.data] == ["fc1", "out"] and lines.layout.yaxis.type == "log"


@pytest.mark.parametrize("act, kind", [
    ({"kind": "maps", "maps": np.random.default_rng(0).random((6, 8, 8)), "shape": [6, 8, 8]}, "heatmap"),
    ({"kind": "sequence", "sequence": np.zeros((20, 16))}, "heatmap"),
    ({"kind": "distribution", "hist": np.ones(40), "edges": np.linspace(0, 1, 41), "dead_fraction": 0.25}, "bar"),
])
def test_activation_figure_per_kind(act, kind):
    fig = F.activation_figure(act, "layer")
    assert _traces(fig, kind)


def test_boundary_figure_shades_the_plane_and_plots_the_data():
    g = np.linspace(-1, 1, 10)
    view = {"x": g, "y": g, "label": (np.add.outer(g, g) > 0).astype(int), "confidence": np.full((10, 10), 0.9)}
    x = np.random.default_rng(0).normal(size=(40, 2))
    fig = F.boundary_figure(view, x, (x.sum(1) > 0).astype(int), ["neg", "pos"])
    heat = _traces(fig, "heatmap")[0]
    assert np.array_equal(np.asarray(heat.z), view["label"])
    points = _traces(fig, "scatter")
    assert sum(len(t.x) for t in points) == 40 and {t.name for t in points} == {"neg", "pos"}
    reg = F.boundary_figure({"x": g, "y": g, "value": np.zeros((10, 10))}, x, x[:, :1], task="regression")
    assert _traces(reg, "contour")


def test_boundary_blends_two_classes_unless_discretized_and_shows_test_points_hollow():
    g = np.linspace(-1, 1, 10)
    labels = (np.add.outer(g, g) > 0).astype(int)
    view = {"x": g, "y": g, "label": labels, "confidence": np.full((10, 10), 0.8)}
    x = np.random.default_rng(0).normal(size=(40, 2))
    y = (x.sum(1) > 0).astype(int)
    blended = F.boundary_figure(view, x, y, ["neg", "pos"], discretize=False, test=(x[:5], y[:5]))
    heat = _traces(blended, "heatmap")[0]
    assert np.allclose(np.asarray(heat.z), np.where(labels == 1, 0.8, 0.2)), "the probability of the second class"
    hollow = [t for t in _traces(blended, "scatter") if t.name.startswith("test · ")]
    assert sum(len(t.x) for t in hollow) == 5 and all(t.marker.symbol == "circle-open" for t in hollow)
    flat = F.boundary_figure(view, x, y, ["neg", "pos"], discretize=True)
    assert np.array_equal(np.asarray(_traces(flat, "heatmap")[0].z), labels) and not _traces(flat, "contour")


def test_hidden_state_heatmap_is_time_by_unit_with_labelled_axes():
    fig = F.hidden_state_figure(np.arange(12.0).reshape(3, 4), "rnn")
    heat = _traces(fig, "heatmap")[0]
    assert list(heat.x) == [1, 2, 3, 4] and list(heat.y) == [0, 1, 2]
    assert fig.layout.xaxis.title.text == "time step t" and fig.layout.yaxis.title.text == "unit"
    assert "rnn" in fig.layout.title.text


def test_confusion_figure_shows_the_counts():
    m = np.array([[5, 1], [2, 7]])
    fig = F.confusion_figure(m, ["cat", "dog"])
    assert np.array_equal(np.asarray(fig.data[0].z), m) and list(fig.data[0].x) == ["cat", "dog"]


def test_worst_figure_captions_true_and_predicted():
    worst = [{"x": np.zeros((1, 8, 8)), "true": 3, "pred": 8, "p_true": 0.01}]
    fig = F.worst_figure(worst, [str(i) for i in range(10)])
    assert fig.layout.annotations[0].text == "3→8 (1%)"


def test_a_class_or_token_of_whitespace_is_drawn_as_a_mark_and_any_other_as_written():
    assert F.shown_classes([" ", "\n", "\t", " \r", "a b", "", "<b>"], 8) == ["␣", "↵", "⇥", "␣␍", "a b", "", "<b>", "7"]
    assert list(F.confusion_figure(np.eye(2), [" ", "x"]).data[0].x) == ["␣", "x"]  # an axis of a blank and an "x"
    worst = [{"x": np.zeros((1, 8, 8)), "true": 0, "pred": 1, "p_true": 0.1}]
    assert F.worst_figure(worst, ["\n", " "]).layout.annotations[0].text == "↵→␣ (10%)"
    assert [t.name for t in F.scatter_2d(np.zeros((2, 2)), np.array([0, 1]), [" ", "b"]).data] == ["␣", "b"]


def test_a_texts_padding_is_drawn_as_dots_and_named_on_hover_so_that_its_words_stand_out():
    from builder.figures import explain as fx
    from builder.text import SPECIALS
    fig = fx.token_strip_figure([SPECIALS[0]] * 5 + ["hello", " ", "world"])
    cells, about = fig.data[0].text.reshape(-1), fig.data[0].customdata.reshape(-1, 2)
    assert list(cells[:8]) == ["·"] * 5 + ["hello", "␣", "world"]
    assert list(about[:8, 1]) == ["&lt;pad&gt; (padding)"] * 5 + ["hello", "␣", "world"]  # escaped, as all names
    assert [int(a) for a in about[:8, 0]] == list(range(8)) and "customdata[1]" in fig.data[0].hovertemplate
    assert "5 of 8 steps are padding" in fig.layout.title.text
    words = fx.token_strip_figure(["no", "padding", "<b>"], values=[0.1, -0.2, 0.3])
    assert list(words.data[0].text.reshape(-1)[:3]) == ["no", "padding", "&lt;b&gt;"]
    assert words.layout.title.text == "The sample"
    # one line of tokens with a colour scale: tall enough for the scale's ticks and title; without one, no taller
    assert words.layout.height >= fx.SCALE_MIN_HEIGHT and words.data[0].colorbar.nticks == 3
    assert fx.token_strip_figure(["no", "padding"]).layout.height < fx.SCALE_MIN_HEIGHT


def test_worst_captions_are_readable_and_the_time_axis_labels_a_few_decades():
    worst = [{"x": np.zeros((1, 8, 8)), "true": i % 3, "pred": (i + 1) % 3, "p_true": 0.2} for i in range(12)]
    caption = F.worst_figure(worst, ["a", "b", "c"]).layout.annotations[0]
    assert caption.font.size >= 12 and caption.font.color != "#dc2626"
    fig = F.time_gradient_figure({"rnn": {"steps": [1, 2], "norms": [[1e-9, 1e-3, 1.0]] * 2}})
    assert fig.layout.yaxis.type == "log" and fig.layout.yaxis.dtick == 3 and fig.layout.yaxis.minor.ticks == ""  # 9 decades, 4 labels


def test_regression_and_reconstruction_figures():
    fig = F.regression_figure(np.arange(10.0)[:, None], np.arange(10.0)[:, None] + 1)
    assert list(fig.data[1].y) == list(np.arange(10.0) + 1)
    images = F.reconstructions_figure(np.zeros((4, 1, 8, 8)), np.ones((4, 64)))
    assert len(images.layout.annotations) == 8
    vectors = F.reconstructions_figure(np.zeros((3, 5)), np.ones((3, 5)))
    assert len(vectors.data) == 6


def test_compare_figure_one_curve_per_run():
    runs = [{"label": "run 1", "epochs": EPOCHS}, {"label": "run 2", "epochs": EPOCHS[:2]}, {"label": "empty", "epochs": []}]
    fig = F.compare_figure(runs, "val_loss")
    assert [t.name for t in fig.data] == ["run 1", "run 2"] and len(fig.data[1].x) == 2


def test_figures_and_other_core_modules_never_import_streamlit():
    code = ("import sys, builder.figures, builder.share, builder.jobs, builder.ui.edits; "
            "print('streamlit' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_builder_returns_a_figure():
    assert isinstance(F.lr_figure(STEPS, 1000), go.Figure)
