"""Names from share links, uploads and files on the page: every tab opened with hostile names (a share link's network
name, description, dataset, layer type, inputs and parameter names; an unknown key that makes the link fail; a CSV's
file, column and class names; spec and bundle file names on the Export tab; run labels of a trained run), and every
element the page sends walked: no Markdown field (text, notices, captions, headings, widget labels and help, tab and
expander labels, radio and segmented options, progress text) renders a link, image, emphasis, HTML, colour, badge,
icon, heading or formula a person did not write, and no chart draws a name as Plotly markup."""
from __future__ import annotations

import base64
import csv
import io
import json
import re
import zlib

import pytest
from streamlit.testing.v1 import AppTest

from builder.figures.style import LABEL_CHARS
from builder.jobs import JOBS
from builder.share import encode_setup
from builder.ui import edits, runs
from builder.ui.text import RUN_CHARS
from test_ui_app import HAS_TRAINER, click, goto, open_app

from .markup import (HOSTILE_NAMES, IN_TEXT, MARKDOWN, PLOTLY_NAMES, figure_defects, is_svg_block,
                     markdown_defects, svg_defects)

PAGES = ("Playground", "Layers", "Data", "Training", "Presets", "Export")
MARKDOWN_FIELDS = {"body", "label", "help", "text", "content"}  # what Streamlit renders as Markdown
MARKDOWN_OPTIONS = {"Radio"}  # widgets whose options are Markdown too (ButtonGroup options are `content`)
MARKER = "PWN"


# ---- reading what the page sent ------------------------------------------------------------------

def _fields(message, kind: str):
    for descriptor, value in message.ListFields():
        if descriptor.message_type is not None:
            for item in value if descriptor.is_repeated else [value]:
                yield from _fields(item, kind)
        elif descriptor.name in MARKDOWN_FIELDS or (descriptor.name == "options" and kind in MARKDOWN_OPTIONS):
            for item in value if descriptor.is_repeated else [value]:
                if isinstance(item, str):
                    yield "markdown", item


def sent(at: AppTest):
    """Every (kind, text) the page sent: Markdown fields, and Plotly figures as their JSON."""
    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            kind = proto.DESCRIPTOR.name
            if kind == "PlotlyChart":
                yield "figure", proto.spec
            elif kind == "Markdown" and is_svg_block(proto.body):  # an SVG chart: HTML to the browser, not Markdown
                yield "svg", proto.body
            elif kind not in ("Html", "Code", "Dataframe", "BidiComponent", "Selectbox", "MultiSelect"):
                yield from _fields(proto, kind)
            elif kind in ("Selectbox", "MultiSelect"):  # their options are plain text; label and help are not
                for name in ("label", "help"):
                    if getattr(proto, name, ""):
                        yield "markdown", getattr(proto, name)
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                yield from walk(child)
    yield from walk(at._tree)


def defects(at: AppTest) -> list[str]:
    found = []
    for kind, text in sent(at):
        for d in ({"markdown": markdown_defects, "svg": svg_defects}.get(kind, figure_defects)(text)):
            found.append(f"{d}: {text[:160]!r}")
    return found


def reached(at: AppTest) -> list[str]:
    """The texts holding hostile words: proof the hostile names reached the page at all."""
    return [text for kind, text in sent(at) if MARKER.lower() in text.lower() or "evil" in text]


def every_tab(at: AppTest, views: bool = True) -> dict[str, list[str]]:
    """Each tab (and each view inside the Layers and Training tabs) opened; its defects, by where they were."""
    found = {}
    for page in PAGES:
        goto(at, page)
        found[page] = defects(at)
        for key, names in (("build_view", ("Diagram", "Code")) if page == "Layers" and views else (None, ()),
                           ("train_view", runs_views()) if page == "Training" and views else (None, ())):
            for view in names:
                at.session_state[key] = view
                at.run()
                assert not at.exception, [e.value for e in at.exception]
                found[f"{page}/{view}"] = defects(at)
    return {where: d for where, d in found.items() if d}


def runs_views():
    from builder.ui.train import VIEWS
    return VIEWS


def link(spec: dict) -> str:
    return encode_setup(spec)


def file_name(name: str, suffix: str) -> str:
    """A hostile name as a file can hold it (no folder separator)."""
    return name.replace("/", "_") + suffix


# ---- the reader finds what it looks for --------------------------------------------------------------

@pytest.mark.parametrize("construct", [*MARKDOWN, *IN_TEXT])
def test_the_reader_finds_each_construct_left_raw(construct):
    text = MARKDOWN[construct][0] if construct in MARKDOWN else IN_TEXT[construct][0]
    assert construct in markdown_defects(text)
    assert construct in markdown_defects(f"**ours** · {text} · `ours`") or construct in ("heading", "quote")


# ---- share links -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=["inline", "block", "table"])
def test_a_failing_share_link_never_renders_its_unknown_key(name):
    broken = edits.default_spec() | {name: 1}
    raw = json.dumps(broken).encode()
    at = open_app(s="1." + base64.urlsafe_b64encode(zlib.compress(raw, 9)).rstrip(b"=").decode())
    assert any(MARKER in e.value for e in at.error)  # the notice quotes the key …
    assert defects(at) == []  # … as text


def _hostile_spec(name: str) -> dict:
    spec = edits.default_spec() | {"name": name, "description": name}
    spec["data"] = {"dataset": name, "options": {}}  # an unknown dataset, named in every tab's error
    spec["layers"].insert(1, {"id": "odd", "type": name, "params": {name: 1}, "inputs": [name]})
    return spec


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=["inline", "block", "table"])
def test_a_share_link_with_hostile_names_opens_every_tab_as_text(name):
    at = open_app(s=link(_hostile_spec(name)))
    assert at.session_state["spec"]["name"] == name
    at.session_state["selected"] = "odd"  # its form heads the editor with the unknown type
    at.run()
    found = every_tab(at)
    assert found == {}
    assert len(reached(goto(at, "Playground"))) >= 3 and reached(goto(at, "Layers"))


def test_a_share_link_with_a_plotly_hostile_type_draws_it_as_text_in_the_diagram():
    for name in PLOTLY_NAMES:
        at = open_app(s=link(_hostile_spec(name)), page="Layers")
        at.session_state["build_view"] = "Diagram"
        at.run()
        figure = next(text for kind, text in sent(at) if kind == "figure")
        assert "PWN" in figure and figure_defects(figure) == []


# ---- uploads ---------------------------------------------------------------------------------------

def _csv(columns: list[str], classes: list[str], rows: int = 60) -> bytes:
    text = io.StringIO("sep=,\n")  # Excel's hint: the names' own marks (| ;) are not taken for the separator
    text.seek(0, io.SEEK_END)
    writer = csv.writer(text)
    writer.writerow([*columns, "label"])
    for i in range(rows):
        writer.writerow([f"{(i * (j + 3) % 13) / 13 + (i % 2):.3f}" for j in range(len(columns))] + [classes[i % 2]])
    return text.getvalue().encode()


def _upload(at: AppTest, file_name: str, data: bytes) -> AppTest:
    goto(at, "Data")
    at.session_state["data_source"] = "Upload"
    at.run()
    at.file_uploader(key="up_csv").set_value((file_name, data, "text/csv")).run()
    assert not at.exception and at.session_state["upload_error"] is None, at.session_state["upload_error"]
    return at


@pytest.mark.parametrize("name", HOSTILE_NAMES + PLOTLY_NAMES, ids=["inline", "block", "table", "plotly1", "plotly2"])
def test_an_upload_with_hostile_file_column_and_class_names_opens_every_tab_as_text(name):
    at = open_app()
    for columns in ([f"{name} x1", f"{name} x2"], [f"{name} a", f"{name} b", f"{name} c"]):  # points; histograms
        _upload(at, file_name(name[:60], ".csv"), _csv(columns, [f"{name} one", f"{name} two"]))
        assert set(at.session_state["upload"].class_names) == {f"{name} one", f"{name} two"}
        found = every_tab(at, views=False)
        assert found == {}
        goto(at, "Data")
        assert [t for t in reached(at) if t.startswith("{")], "the preview chart shows the names"


def test_names_a_megabyte_long_reach_the_page_and_its_charts_cut():
    """One cell of a table can be a megabyte: as a column's name (quoted by the description's warning) or a class
    label. Every text and chart the page sends shows such a name's start and end, never the whole run (a chart
    laid out a megabyte label for minutes and the page hung)."""
    long = 300_000
    rows = "".join(f"{i},{i % 3 / 3:.3f},{'ab'[i % 2] if i else 'w' * long}\n" for i in range(60))
    at = _upload(open_app(), "long.csv", f"{'w' * long},x,label\n{rows}".encode())
    assert len(at.session_state["upload"].class_names[-1]) == long  # the data keeps the whole label
    longest = {}
    for page in PAGES:
        goto(at, page)
        for kind, text in sent(at):
            runs_of_w = [len(run) for run in re.findall(r"w+", text)]
            longest[page, kind] = max([longest.get((page, kind), 0), *runs_of_w])
    assert longest[("Data", "markdown")] > 100 and longest[("Data", "figure")] > 20, "the names reached the page"
    bound = {"markdown": RUN_CHARS, "svg": LABEL_CHARS, "figure": LABEL_CHARS}  # a chart's hover shows more
    assert all(n <= bound[kind] for (_, kind), n in longest.items()), longest


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=["inline", "block", "table"])
def test_an_upload_that_cannot_be_read_names_its_file_as_text(name):
    at = open_app(page="Data")
    at.session_state["data_source"] = "Upload"
    at.run()
    at.file_uploader(key="up_csv").set_value((file_name(name, ".csv"), b"a,b\n1,2,3\n\x00", "text/csv")).run()
    assert not at.exception and any(MARKER in e.value for e in at.error)
    assert every_tab(at, views=False) == {}


@pytest.mark.skipif(not HAS_TRAINER, reason="builder.training is not written yet")
@pytest.mark.parametrize("name", [HOSTILE_NAMES[0], PLOTLY_NAMES[0]], ids=["markdown", "plotly"])
def test_a_run_with_hostile_names_shows_its_label_and_classes_as_text(name):
    at = open_app(s=link(edits.default_spec() | {"name": name}))
    _upload(at, file_name(name[:40], ".csv"), _csv([f"{name} x1", f"{name} x2"], [f"{name} one", f"{name} two"]))
    goto(at, "Training")
    at.number_input(key=f"t{at.session_state['rev']}.epochs").set_value(2).run()
    click(at, "start")
    job = JOBS.jobs_for(at.session_state["sid"])[-1]
    assert runs.wait(job, 180) and job.status == "finished", job.runner.log.message
    at.run()
    assert MARKER in job.label
    found = every_tab(at)
    assert found == {}
    goto(at, "Training")
    at.session_state["train_view"] = "Predictions"
    at.run()
    assert any(kind == "figure" and "PWN" in text for kind, text in sent(at)), "the confusion matrix names classes"


# ---- files on the Export tab ----------------------------------------------------------------------

@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=["inline", "block", "table"])
def test_spec_and_bundle_file_names_on_the_export_tab_are_text(name):
    at = open_app(page="Export")
    good = json.dumps(edits.default_spec()).encode()
    at.file_uploader(key="continue_upload").set_value((file_name(name, " net.json"), good, "application/json")).run()
    assert not at.exception and at.session_state["spec"]["name"] == edits.default_spec()["name"]
    assert any(MARKER in s.value for s in at.success), "the notice names the file"
    assert defects(at) == []
    for bad, data in ((file_name(name, " bad.json"), b'{"format": "netbuilder/1"}'), (file_name(name, ".zip"), b"x")):
        at.file_uploader(key="continue_upload").set_value((bad, data, "application/octet-stream")).run()
        assert not at.exception and any(MARKER in e.value for e in at.error), bad
        assert defects(at) == []
