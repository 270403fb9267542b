"""Names from data and specs in charts: every figure builder, given class, feature, layer and run names made of
Plotly's markup (HTML tags, links, images, styles, %{…} template fields, TeX), draws them as the characters they are.
Plotly reads HTML in titles, axis and tick labels, legend names, annotations and hover text, and %{…} in hover and
text templates; no name may become a link, an image, formatting or a template field."""
from __future__ import annotations

import html
import inspect
import json

import numpy as np
import pytest

from builder import figures as F

from .markup import PLOTLY, PLOTLY_NAMES, figure_defects, strings

RNG = np.random.default_rng(0)


def _images(n: int, shape=(1, 6, 6)):
    return RNG.random((n, *shape))


def _layer_trace():
    return {"steps": [1, 2], "weight_hist": [[1, 2], [2, 1]], "weight_edges": [0.0, 0.5, 1.0],
            "grad_hist": [[1, 2], [3, 1]], "grad_edges": [0.0, 0.5, 1.0], "grad_norm": [0.5, 0.25]}


# builder -> the figures it draws with `name` in every place user text can reach it
CASES = {
    "architecture_figure": lambda name: F.architecture_figure(
        [{"id": "input", "type": "float", "detail": "[2]"}, {"id": name, "type": name, "detail": name},
         {"id": "b", "type": name, "detail": f"error: {name}", "error": True}],
        [{"source": "input", "target": name, "label": name}, {"source": name, "target": "b", "label": "[4]"}]),
    "activation_figure": lambda name: [
        F.activation_figure({"kind": "maps", "maps": _images(2, (4, 4)).tolist(), "shape": [2, 4, 4]}, name),
        F.activation_figure({"kind": "sequence", "sequence": RNG.random((5, 3)).tolist()}, name),
        F.activation_figure({"kind": "distribution", "edges": [0, 1, 2], "hist": [3, 4], "dead_fraction": 0.5}, name),
        F.activation_figure({"kind": name}, name)],
    "boundary_figure": lambda name: F.boundary_figure(
        {"x": np.linspace(0, 1, 4), "y": np.linspace(0, 1, 4), "label": np.eye(4, dtype=int),
         "confidence": np.ones((4, 4))}, RNG.random((10, 2)), np.arange(10) % 2, [name, name + "2"]),
    "confusion_figure": lambda name: [F.confusion_figure(np.eye(2) * 3, [name, name + "2"]),
                                      F.confusion_figure(np.eye(25), [f"{name}{i}" for i in range(25)])],
    "worst_figure": lambda name: F.worst_figure(
        [{"x": _images(1)[0], "true": 0, "pred": 1, "p_true": 0.1}], [name, name + "2"]),
    "scatter_2d": lambda name: F.scatter_2d(RNG.random((10, 2)), np.arange(10) % 2, [name, name + "2"], title=name),
    "image_grid": lambda name: F.image_grid(_images(3), [name, name, "x"], title=name),
    "sequence_lines": lambda name: F.sequence_lines(RNG.random((2, 5, 2)), RNG.random(2), title=name,
                                                    feature_names=[name, name + "2"]),
    "feature_histograms": lambda name: F.feature_histograms(RNG.random((10, 3)), [name, name + "2", "c"], title=name),
    "histograms_figure": lambda name: [F.histograms_figure(_layer_trace(), name), F.histograms_figure({}, name)],
    "grad_norm_figure": lambda name: F.grad_norm_figure({name: _layer_trace(), "b": _layer_trace()}),
    "gradient_flow_figure": lambda name: F.gradient_flow_figure({name: _layer_trace(), "b": _layer_trace()},
                                                                [{"layer": name, "message": name}]),
    "compare_figure": lambda name: [F.compare_figure([{"label": name, "epochs": [{"epoch": 1, name: 0.5}]}], name),
                                    F.compare_figure([{"label": name, "epochs": []}], name)],
    "comparison_figure": lambda name: F.comparison_figure(
        [{"label": name, "epochs": [{"epoch": 1, name: 0.5}]}, {"label": name + "2", "epochs": []}], [name],
        [F.confusion_figure([[1, 2], [3, 4]], [name, name + "2"]), None], title=name),
    "time_gradient_figure": lambda name: F.time_gradient_figure(
        {name: {"steps": [1, 2], "norms": [[0.1, 0.2], [0.3, 0.4]]}}),
    "hidden_state_figure": lambda name: F.hidden_state_figure(RNG.random((3, 5)), name),
}
# builders that draw numbers only: nothing a person wrote reaches them
NUMBERS_ONLY = {"loss_figure", "lr_figure", "metric_figure", "regression_figure", "reconstructions_figure"}


def test_every_figure_builder_is_walked_with_hostile_names():
    builders = {name for name, f in vars(F).items() if inspect.isfunction(f) and inspect.signature(f).return_annotation
                in ("go.Figure", "Figure") and name not in ("layered_positions", "decimate", "is_image_shape")}
    assert builders == set(CASES) | NUMBERS_ONLY


@pytest.mark.parametrize("name", PLOTLY_NAMES, ids=["link-image-bold-br", "style-template-tex"])
@pytest.mark.parametrize("builder", sorted(CASES))
def test_names_in_a_figure_are_text_never_markup(builder, name):
    figures = CASES[builder](name)
    for fig in figures if isinstance(figures, list) else [figures]:
        assert figure_defects(fig) == []


@pytest.mark.parametrize("builder", sorted(CASES))
def test_a_name_reads_as_written(builder):
    """Escaped, not removed: Plotly shows the entities as the characters the person wrote."""
    name = "a<b> & c%{x} $d"
    figures = CASES[builder](name)
    texts = [html.unescape(s) for fig in (figures if isinstance(figures, list) else [figures])
             for _, s in strings(json.loads(fig.to_json()))]
    assert any(name in t for t in texts)


@pytest.mark.parametrize("builder", sorted(CASES))
def test_a_name_a_million_characters_long_is_cut_to_what_a_chart_can_lay_out(builder):
    """A class label or a column's name of a megabyte (one cell of an uploaded table) took the browser minutes to
    lay out on an axis, and the page hung: a chart shows its start and its end around an ellipsis."""
    name = "~" * 10**6  # no base64 digit: the arrays a figure carries as base64 text are not mistaken for it
    figures = CASES[builder](name)
    texts = [s for fig in (figures if isinstance(figures, list) else [figures])
             for _, s in strings(json.loads(fig.to_json())) if "~" in s]
    assert max(map(len, texts)) <= 1_000 and any("~~…~~" in t for t in texts), builder


def test_class_names_cut_alike_stay_apart_on_a_chart():
    """An axis of categories draws equal labels as one category: two long names that differ only in their middle
    are told apart by their numbers."""
    alike = ["m" * 150 + "a" + "m" * 150, "m" * 150 + "b" + "m" * 150, "short"]
    ticks = F.confusion_figure(np.eye(3), alike).data[0].x
    assert len(set(ticks)) == 3 and ticks[0].endswith(" (0)") and ticks[1].endswith(" (1)") and ticks[2] == "short"
    assert all(len(t) <= F.style.NAME_CHARS + 4 for t in ticks)


def test_the_hostile_constructs_are_found_when_left_raw():
    """The reader itself: each construct, drawn raw in a figure, is found (a test that cannot fail proves nothing)."""
    import plotly.graph_objects as go
    for key, (text, _) in PLOTLY.items():
        fig = go.Figure(go.Scatter(x=[1], y=[1], name=text, hovertemplate=text))
        assert any(key in d for d in figure_defects(fig)), key


@pytest.mark.parametrize("builder", sorted(CASES))
def test_control_characters_in_a_name_are_drawn_as_escapes(builder):
    """A bidi override would make the rest of a label read backwards ("gnp.exe" as "exe.png"), an escape sequence
    or a NUL cannot be drawn: each is shown as its escape, as on the terminal; a zero-width joiner stays (emoji and
    scripts need it)."""
    name = "bidi\u202egnp.exe \x1b[31m \u2066iso\u2069 \U0001F468\u200d\U0001F469"
    figures = CASES[builder](name)
    texts = [s for fig in (figures if isinstance(figures, list) else [figures])
             for _, s in strings(json.loads(fig.to_json()))]
    assert not any(c in t for t in texts for c in "\u202e\x1b\u2066\u2069"), builder
    assert any("bidi\\u202egnp.exe \\x1b[31m \\u2066iso\\u2069 \U0001F468\u200d\U0001F469" in html.unescape(t)
               for t in texts), builder


def test_the_page_text_rule_is_the_terminal_rule_for_what_reorders_or_cannot_be_drawn():
    from builder.errors import page_text, printable
    from builder.ui.text import plain
    hostile = "a\u202eb\x1b[2Jc\x00d\u2067e\u200df\u200eg"
    assert page_text(hostile) == "a\\u202eb\\x1b[2Jc\\x00d\\u2067e\u200df\u200eg"
    assert printable(hostile) == page_text(hostile).replace("\u200d", "\\u200d").replace("\u200e", "\\u200e")
    assert "\u202e" not in plain(hostile) and "\\\\u202eb" in plain(hostile)  # the escape's backslash, escaped
