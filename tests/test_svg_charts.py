"""The charts drawn as SVG text (builder.figures.svg): the Playground's live loss curve and its picture of 2-D data.
Read back as XML: the same series as the Plotly figures, every point inside the chart where its value says, round
ticks, equal units on a plane, and nothing drawn for values that are not numbers."""
from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from builder import figures as F
from builder.datasets import load_dataset
from builder.figures import svg
from builder.figures.style import one_scale
from builder.figures.training import LOSS_EMPTY

NS = "{http://www.w3.org/2000/svg}"
STEPS = {"step": list(range(1, 61)), "loss": [2.0 * math.exp(-i / 20) + 0.1 for i in range(60)]}
EPOCHS = [{"epoch": e, "train_loss": 2.0 * math.exp(-e * 6 / 20) + 0.1, "val_loss": 2.1 * math.exp(-e * 6 / 20) + 0.15}
          for e in range(1, 11)]


def _read(text: str) -> ET.Element:
    assert "\n" not in text  # the page draws it inside Markdown, where a line break would end the HTML
    return ET.fromstring(text)


def _polylines(root) -> list[list[tuple[float, float]]]:
    return [[tuple(map(float, p.split(","))) for p in line.get("points").split()]
            for line in root.iter(f"{NS}polyline")]


def _texts(root) -> list[str]:
    return ["".join(t.itertext()) for t in root.iter(f"{NS}text")]


def _ticks(root, anchor: str) -> dict[str, tuple[float, float]]:
    """Tick labels (text → its x, y) with this text-anchor: "end" for the y axis, "middle" for the x axis."""
    return {"".join(t.itertext()): (float(t.get("x")), float(t.get("y"))) for t in root.iter(f"{NS}text")
            if t.get("text-anchor") == anchor and re.fullmatch(r"-?[\d.]+(e[+-]\d+)?", "".join(t.itertext()))}


def test_the_loss_chart_draws_the_plotly_figures_series_where_their_values_say():
    """Oracle: `loss_figure` (Plotly) and `loss_svg` draw the same series (`loss_series`), point for point, and the
    SVG's points sit where the tick labels say their values are."""
    root = _read(F.loss_svg(STEPS, EPOCHS, steps_per_epoch=6))
    fig = F.loss_figure(STEPS, EPOCHS, steps_per_epoch=6)
    lines = _polylines(root)
    assert [len(line) for line in lines] == [len(t.x) for t in fig.data] == [60, 10, 10]
    assert int(root.get("data-points")) == 60
    assert {"train (batch)", "train (epoch)", "validation", "Loss", "epoch"} <= set(_texts(root))
    y_ticks = sorted((float(k), v[1] - 4) for k, v in _ticks(root, "end").items())  # a label sits 4 px under its line
    (v0, p0), (v1, p1) = y_ticks[0], y_ticks[-1]
    for line, trace in zip(lines, fig.data):
        for (_, py), value in zip(line, trace.y):
            assert py == pytest.approx(p0 + (value - v0) * (p1 - p0) / (v1 - v0), abs=0.3)
        assert [round(x, 1) for x, _ in line] == sorted(round(x, 1) for x, _ in line)  # left to right in epochs
    x_ticks = sorted((float(k), v[0]) for k, v in _ticks(root, "middle").items())
    (e0, q0), (e1, q1) = x_ticks[0], x_ticks[-1]
    last_epoch_x = lines[1][-1][0]
    assert last_epoch_x == pytest.approx(q0 + (10 - e0) * (q1 - q0) / (e1 - e0), abs=0.3)


def test_the_loss_charts_epoch_points_say_their_values_on_hover_while_few():
    root = _read(F.loss_svg(STEPS, EPOCHS, steps_per_epoch=6))
    titles = ["".join(t.itertext()) for t in root.iter(f"{NS}title")]
    assert len(titles) == 20 and f"validation, epoch 10: {EPOCHS[-1]['val_loss']:.4g}" in titles
    many = [{"epoch": e, "train_loss": 1 / e} for e in range(1, 500)]
    assert not list(_read(F.loss_svg(STEPS, many, 6)).iter(f"{NS}title"))


def test_a_diverged_loss_leaves_its_nan_and_inf_out_and_an_empty_one_says_what_comes():
    steps = {"step": [1, 2, 3, 4], "loss": [1.0, float("nan"), float("inf"), 0.5]}
    root = _read(F.loss_svg(steps, [{"epoch": 1, "train_loss": float("inf")}], steps_per_epoch=4))
    assert [len(line) for line in _polylines(root)] == [2] and int(root.get("data-points")) == 2
    empty = _read(F.loss_svg({"step": [], "loss": []}, [], 4))
    assert not _polylines(empty) and empty.get("data-points") == "0" and LOSS_EMPTY in _texts(empty)
    flat = _read(F.loss_svg({"step": [1], "loss": [0.6931]}, [], 1))  # one point, no range: drawn in the chart
    (x, y), = _polylines(flat)[0]
    assert 0 < x < 460 and 0 < y < 215
    dots = list(flat.iter(f"{NS}circle"))  # a polyline of one point draws nothing: a dot shows the one Step taken
    assert len(dots) == 1 and (float(dots[0].get("cx")), float(dots[0].get("cy"))) == pytest.approx((x, y), abs=0.1)


@pytest.mark.parametrize("low, high", [(0.047, 2.05), (0.6931, 0.6932), (0, 1e6), (-5, 5), (1e-9, 5e-9), (3, 3),
                                       (123456, 123999), (0.0333, 10)])
def test_ticks_are_round_within_their_range_and_read_apart(low, high):
    ticks = svg.nice_ticks(low, high)
    assert ticks and all(low - 1e-12 <= t <= high + 1e-12 for t in ticks) and len(ticks) <= svg.TICKS + 1
    if len(ticks) > 1:
        step = ticks[1] - ticks[0]
        mantissa = step / 10 ** math.floor(math.log10(step))
        assert min(abs(mantissa - m) for m in (1, 2, 5, 10)) < 1e-6
        assert all(b - a == pytest.approx(step) for a, b in zip(ticks, ticks[1:])) and len(ticks) >= 2
    labels = [svg.tick_text(t, ticks) for t in ticks]
    assert len(set(labels)) == len(labels)  # 0.69312 and 0.69314 told apart
    assert all(float(text) == pytest.approx(t, rel=1e-6, abs=1e-15) for text, t in zip(labels, ticks))


def test_the_data_picture_draws_each_point_in_its_class_colour_with_one_unit_as_long_on_both_axes():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 2)) * [1.5, 0.75]  # a plane: spans within ONE_SCALE_SPANS of each other
    y = (x[:, 0] > 0).astype(int)
    x[5] = np.nan
    root = _read(F.scatter_svg(x, y, ["left", "right"], title="moons: the data"))
    groups = [g for g in root.iter(f"{NS}g") if g.get("stroke") == "white"]
    assert [g.get("fill") for g in groups] == [F.PALETTE[0], F.PALETTE[1]]
    drawn = [[(float(c.get("cx")), float(c.get("cy"))) for c in g.iter(f"{NS}circle")] for g in groups]
    assert [len(d) for d in drawn] == [int((y == 0).sum()) - (y[5] == 0), int((y == 1).sum()) - (y[5] == 1)]
    assert int(root.get("data-points")) == 299
    finite = np.delete(x, 5, axis=0)
    px = np.array([p for d in drawn for p in d])
    data = np.concatenate([finite[np.delete(y, 5) == 0], finite[np.delete(y, 5) == 1]])
    scale_x = np.polyfit(data[:, 0], px[:, 0], 1)[0]
    scale_y = np.polyfit(data[:, 1], px[:, 1], 1)[0]
    assert scale_x == pytest.approx(-scale_y, rel=1e-2) and scale_x > 0  # equal units; y grows upwards
    assert {"left", "right", "moons: the data"} <= set(_texts(root))


def test_two_columns_of_a_table_in_their_own_units_fill_the_picture():
    """A house's rooms (3–9) against its age (2–100 years): at one scale a thin strip; each axis fills the plot
    instead, as with the Plotly charts of the same points. The built-in planes keep one scale."""
    rng = np.random.default_rng(0)
    x = np.column_stack([rng.uniform(3, 9, 90), rng.uniform(2, 100, 90)])
    y = np.arange(90) % 3
    root = _read(F.scatter_svg(x, y, ["cheap", "fair", "dear"]))
    px = np.array([(float(c.get("cx")), float(c.get("cy"))) for g in root.iter(f"{NS}g")
                   if g.get("stroke") == "white" for c in g.iter(f"{NS}circle")])
    width, height = np.ptp(px, axis=0)
    assert width > 300 and height > 200  # both axes fill the plot (at one scale: under 90 pixels wide)
    assert not one_scale(x[:, 0], x[:, 1]) and one_scale([0, 1], [5, 7]) and one_scale([3, 3], [0, 9])
    for fig in (F.scatter_2d(x, y), F.boundary_figure(_view(x), x, y)):
        assert fig.layout.yaxis.scaleanchor is None
    for noise in (0.0, 0.3):
        moons = load_dataset("moons", {"noise": noise, "n_samples": 90}).x.numpy()
        assert F.scatter_2d(moons, y).layout.yaxis.scaleanchor == "x"
        assert F.boundary_figure(_view(moons), moons, y).layout.yaxis.scaleanchor == "x"


def _view(x: np.ndarray) -> dict:
    gx, gy = np.linspace(x[:, 0].min(), x[:, 0].max(), 5), np.linspace(x[:, 1].min(), x[:, 1].max(), 5)
    return {"x": gx.tolist(), "y": gy.tolist(), "label": np.zeros((5, 5), int).tolist(),
            "prob": np.full((5, 5), 0.5).tolist()}


def test_a_regression_picture_colours_by_the_target_and_names_its_range():
    x = np.column_stack([np.arange(20.0), np.zeros(20)])
    root = _read(F.scatter_svg(x, np.arange(20.0), None, "regression"))
    fills = [c.get("fill") for g in root.iter(f"{NS}g") if g.get("stroke") == "white" for c in g.iter(f"{NS}circle")]
    assert len(fills) == 20 and len(set(fills)) > 10 and fills[0] != fills[-1]
    assert "target 0 … 19" in _texts(root)


def test_a_long_class_name_is_cut_in_the_legend_and_whole_on_hover():
    name = "a class whose name goes on and on and on"
    root = _read(F.scatter_svg(np.zeros((2, 2)) + [[0, 0], [1, 1]], np.array([0, 1]), [name, "b"]))
    assert name in ["".join(t.itertext()) for t in root.iter(f"{NS}title")]
    assert name[:svg.LEGEND_CHARS - 1] + "…" in _texts(root)
