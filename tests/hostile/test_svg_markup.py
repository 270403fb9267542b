"""Names from data in the charts drawn as SVG text (builder.figures.svg), which the page puts inside Markdown with
HTML allowed: a class name or a data set's name made of HTML, SVG, script, Markdown or line breaks is drawn as the
characters it is, never as an element, an attribute, an event handler or Markdown after the SVG."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pytest

from builder import figures as F
from builder.errors import page_text

from .markup import MARKDOWN, PLOTLY_NAMES, is_svg_block, svg_defects

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = PLOTLY_NAMES + [
    '</text></svg><img src=x onerror="alert(1)"><svg>', "<script>alert(1)</script>", '" onmouseover="alert(1)',
    "a\n\n# PWNhead\n\n<img src=x>", "\u202egnp.exe \x1b[31m", " ".join(text for text, _ in MARKDOWN.values())]


def _pictures(name: str) -> list[str]:
    x = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.5]])
    return [F.scatter_svg(x, np.array([0, 1, 1]), [name, name + "2"], title=name),
            F.scatter_svg(x, np.array([0.1, 0.5, 0.9]), None, "regression", title=name)]


@pytest.mark.parametrize("name", HOSTILE, ids=range(len(HOSTILE)))
def test_a_name_in_an_svg_chart_is_text_never_markup(name):
    for text in _pictures(name):
        assert is_svg_block(f"<div>{text}</div>")  # as the page sends it (ui.widgets.svg_chart): one raw HTML block
        assert svg_defects(text) == []
        shown = " ".join(page_text(name).split())
        words = ["".join(e.itertext()) for e in ET.fromstring(text).iter() if e.tag in (f"{NS}text", f"{NS}title")]
        assert any(shown in w for w in words), words  # escaped, not removed: read back as written


@pytest.mark.parametrize("raw, found", [
    ('<svg xmlns="http://www.w3.org/2000/svg"><text></text><image href="x" onload="alert(1)"/><text></text></svg>',
     "element"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><text>a\n\n# PWNhead</text></svg>', "line break"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><text>a</text></svg><img src=x>', "not well-formed"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><g onmouseover="alert(1)"/></svg>', "attribute onmouseover")])
def test_the_reader_finds_a_name_left_raw(raw, found):
    """The check itself: an SVG holding a raw name is caught (a test that cannot fail proves nothing)."""
    assert any(d.startswith(found) for d in svg_defects(raw)), svg_defects(raw)
