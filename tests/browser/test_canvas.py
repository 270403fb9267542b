"""The canvas in a real Chromium at 1440×900: drag a layer from the palette, wire a skip connection from scratch,
drop a layer onto a wire, delete a wire, undo, train and watch the nodes' colours change, and the landing view on
one screen; a layout that stays put when training starts, no overlaps, readable text, blocks collapsed, expanded
and repeated, TensorFlow Playground's +/− buttons, and a 150-layer network. Nodes are found by `data-layer-id`,
wires by `data-edge`: never by the library's class names."""
from __future__ import annotations

import time

import pytest

from builder.presets import load_preset as load_spec
from builder.share import encode_setup
from tests.test_canvas_layout import residual_stack

from .helpers import chart_points, follow_runs, load_preset, open_app, press, set_epochs, settle, tab, wait_for

pytestmark = pytest.mark.browser


def node(page, layer_id: str):
    return page.locator(f"[data-layer-id='{layer_id}']")


def ids(page) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('[data-layer-id]')].map(e => e.dataset.layerId)")


def wires(page) -> set[str]:
    return set(page.evaluate("() => [...document.querySelectorAll('[data-edge]')].map(e => e.dataset.edge)"))




def drop_from_palette(page, type_name: str, x: float, y: float) -> None:
    """HTML5 drag and drop of a palette item to a point of the page."""
    item = page.locator(f"[data-palette-type='{type_name}']").first
    item.scroll_into_view_if_needed()
    pane = page.locator(".react-flow__pane").first
    box = pane.bounding_box()
    item.drag_to(pane, target_position={"x": x - box["x"], "y": y - box["y"]})
    settle(page, quiet_s=1.0)


def connect(page, source: str, target: str) -> None:
    """Drag from `source`'s output handle to `target`'s input handle."""
    out = node(page, source).locator("[data-handle='out']").bounding_box()
    into = node(page, target).locator("[data-handle='in']").bounding_box()
    page.mouse.move(out["x"] + out["width"] / 2, out["y"] + out["height"] / 2)
    page.mouse.down()
    page.mouse.move(into["x"] + into["width"] / 2, into["y"] + into["height"] / 2, steps=12)
    page.mouse.up()
    settle(page, quiet_s=1.0)


def empty_spot(page) -> tuple[float, float]:
    """A point of the canvas no node covers (its right edge, half way down)."""
    box = page.locator(".react-flow__pane").first.bounding_box()
    return box["x"] + box["width"] - 60, box["y"] + box["height"] * 0.45


def test_the_landing_view_has_everything_on_one_screen(page, app_url):
    open_app(page, app_url)
    viewport = page.viewport_size
    for selector in (".st-key-start button", ".st-key-pause button", ".st-key-step button", ".st-key-reset button",
                     ".st-key-pg_loss", ".st-key-pg_output", "[data-layer-id='out']",
                     "[class*='st-key-pg'][class*='dataset']", "[class*='st-key-pgs'][class*='lr']"):
        box = page.locator(selector).first.bounding_box()
        assert box is not None, selector
        assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= viewport["width"], selector
        assert box["y"] + box["height"] <= viewport["height"], f"{selector} is below the fold"
    assert page.get_by_text("Deploy").count() == 0  # no developer toolbar for visitors
    assert ids(page) == ["input", "fc1", "act1", "fc2", "act2", "out"]
    assert {"input->fc1", "fc1->act1", "act2->out"} <= wires(page)


def test_the_network_shows_before_any_chart_and_the_data_picture_follows_by_itself(page, app_url):
    """The landing's 2-D points are drawn as SVG: its first screen loads no Plotly script at all (a second of parsing
    on a small machine, which a Start clicked then would wait for). Data drawn with Plotly (digits): the canvas is
    drawn before the chart, and the data's picture then comes without a click: the canvas asks for it once its nodes
    show."""
    page.add_init_script("""window.__first = {}; const look = () => {
        for (const [name, sel] of [["canvas", "[data-layer-id]"], ["chart", ".js-plotly-plot"],
                                   ["picture", ".st-key-pg_output svg[data-points]"]])
            if (!(name in window.__first) && document.querySelector(sel)) window.__first[name] = performance.now();
        requestAnimationFrame(look); }; requestAnimationFrame(look);""")
    open_app(page, app_url)
    assert chart_points(page, "pg_output") > 100  # the moons, drawn at once (no waiting line)
    scripts = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert not [s for s in scripts if "Plotly" in s] and [s for s in scripts if ".js" in s]
    assert "chart" not in page.evaluate("window.__first")
    page.goto(f"{app_url}/?s={encode_setup(load_spec('mlp_digits'))}")
    page.locator(".st-key-pg_output .js-plotly-plot").first.wait_for(timeout=60_000)  # no click made
    first = page.evaluate("window.__first")
    assert first["canvas"] < first["chart"], first
    assert page.locator(".st-key-pg_output_waits").count() == 0


def test_wire_a_skip_connection_from_scratch_then_undo(page, app_url):
    open_app(page, app_url)
    x, y = empty_spot(page)
    drop_from_palette(page, "Add", x, y)
    wait_for(lambda: "add_1" in ids(page), 20, "the Add node")
    assert node(page, "add_1").get_attribute("data-status") == "error"  # nothing feeds it yet, and it says so
    assert "not connected" in node(page, "add_1").inner_text()
    connect(page, "act1", "add_1")
    wait_for(lambda: "act1->add_1" in wires(page), 20, "the first wire into Add")
    connect(page, "act2", "add_1")
    wait_for(lambda: "act2->add_1" in wires(page), 20, "the second wire into Add")
    connect(page, "add_1", "out")  # out reads the sum now: a residual connection around fc2
    wait_for(lambda: "add_1->out" in wires(page) and "act2->out" not in wires(page), 20, "the output rewired")
    wait_for(lambda: all(node(page, i).get_attribute("data-status") == "ok" for i in ids(page)), 20, "a valid net")
    assert node(page, "add_1").locator("text=[16]").count()  # its shape is shown
    page.get_by_title("Undo (Ctrl+Z)").first.click()  # the Playground's one Undo, on the canvas's toolbar
    settle(page)
    wait_for(lambda: "add_1->out" not in wires(page) and "act2->out" in wires(page), 20, "the undone wire")


def test_drop_a_layer_onto_a_wire_and_delete_a_wire(page, app_url):
    open_app(page, app_url)
    edge = page.locator("[data-edge='fc1->act1'] path").first.bounding_box()
    drop_from_palette(page, "Dropout", edge["x"] + edge["width"] / 2, edge["y"] + edge["height"] / 2)
    wait_for(lambda: {"fc1->dropout_1", "dropout_1->act1"} <= wires(page), 20, "the layer inserted on the wire")
    assert "fc1->act1" not in wires(page)
    target = page.locator("[data-edge='fc2->act2'] path").first
    target.click(force=True)
    delete = page.locator("[data-edge-delete='fc2->act2']")
    delete.wait_for(timeout=10_000)
    delete.click()
    wait_for(lambda: "fc2->act2" not in wires(page), 20, "the wire deleted")
    assert node(page, "act2").get_attribute("data-status") == "error"


def test_select_a_node_and_edit_it_in_the_form(page, app_url):
    open_app(page, app_url)
    node(page, "fc2").click()
    settle(page)
    form = page.locator(".st-key-node_form")
    wait_for(lambda: "fc2" in form.inner_text() and "Linear" in form.inner_text(), 20, "fc2's form")
    assert node(page, "fc2").get_attribute("data-selected") == "true"


def test_train_and_watch_the_nodes_change_colour(page, app_url):
    open_app(page, app_url)
    set_epochs(page, 100_000)  # long enough to see several gradient refreshes before it ends
    press(page, "start")
    wait_for(lambda: chart_points(page, "pg_loss"), 60, "the first loss points")
    first = wait_for(lambda: node(page, "fc1").get_attribute("data-grad-norm"), 60, "fc1's gradient colour")
    assert node(page, "fc1").get_attribute("data-fill")
    assert node(page, "act1").locator("canvas[data-thumb]").count() == 16  # each unit over the input plane
    wait_for(lambda: node(page, "fc1").get_attribute("data-grad-norm") not in (None, first), 60, "a new gradient")
    legend = page.get_by_text("gradient norm (log)")
    assert legend.count()
    press(page, "reset")


def test_a_deep_preset_shows_its_gradients_fading_toward_the_input(page, app_url):
    open_app(page, app_url)
    load_preset(page, "deep_sigmoid_circles")
    tab(page, "Playground")
    press(page, "start")
    early = wait_for(lambda: grad_norms(page, ("fc1", "fc3", "out")), 60, "the first gradient colours")
    assert early["fc1"] < early["fc3"] < early["out"] / 100, early  # fading toward the input: the lesson
    assert node(page, "fc1").get_attribute("data-fill") != node(page, "out").get_attribute("data-fill")
    wait_for(lambda: page.get_by_text("finished", exact=True).count(), 180, "the run to finish")
    late = grad_norms(page, ("fc1", "out"))
    assert late["fc1"] < late["out"] / 30, late  # still far weaker after 40 epochs


def grad_norms(page, layer_ids) -> dict[str, float] | None:
    values = {i: node(page, i).get_attribute("data-grad-norm") for i in layer_ids}
    return {i: float(v) for i, v in values.items()} if all(values.values()) else None


# ---- a canvas that stays readable (issue 17, part 4) -------------------------------------------------------

def open_spec(page, url: str, spec: dict) -> None:
    """The page with this network, as a share link opens it."""
    follow_runs(page)
    page.goto(f"{url}/?s={encode_setup(spec)}")
    page.locator("[data-layer-id]").first.wait_for(timeout=60_000)
    settle(page)


def cards(page) -> dict[str, dict]:
    """Each drawn layer card's box on the screen."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('[data-layer-id]')].map(e => {
        const r = e.getBoundingClientRect(); return [e.dataset.layerId, {x: r.x, y: r.y, width: r.width, height: r.height}];
    }))""")


def overlapping(boxes: dict[str, dict]) -> list[tuple[str, str]]:
    ids = sorted(boxes)
    def hit(a, b):
        return a["x"] < b["x"] + b["width"] - 0.5 and b["x"] < a["x"] + a["width"] - 0.5 and \
            a["y"] < b["y"] + b["height"] - 0.5 and b["y"] < a["y"] + a["height"] - 0.5
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:] if hit(boxes[a], boxes[b])]


def zoom(page) -> float:
    return page.evaluate("() => new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')).transform).a")


TEXT = "[data-layer-id], [data-layer-id] *, [data-group-id] *, [data-frame-id] *, [data-edge-label]"
SMALL_TEXT = f"""(zoom) => [...document.querySelectorAll("{TEXT}")]
    .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && e.getClientRects().length)
    .map(e => [e.textContent.trim().slice(0, 24), parseFloat(getComputedStyle(e).fontSize) * zoom])
    .filter(([, px]) => px < 11)"""


def test_the_network_keeps_its_place_when_training_starts(page, app_url):
    open_app(page, app_url)
    before, view = cards(page), zoom(page)
    set_epochs(page, 100_000)
    press(page, "start")
    wait_for(lambda: node(page, "act1").locator("canvas[data-thumb]").count() == 16, 60, "the units' pictures")
    wait_for(lambda: node(page, "fc1").get_attribute("data-grad-norm"), 60, "the gradient colours")
    after = cards(page)
    assert after == before and zoom(page) == view  # nothing re-flowed, nothing re-fitted
    thumbs = node(page, "act1").locator("canvas[data-thumb]").first.bounding_box()
    assert thumbs["x"] > after["act1"]["x"] + after["act1"]["width"]  # in the room beside the card, not in it
    press(page, "reset")


def test_a_layer_dropped_on_a_wire_covers_nothing(page, app_url):
    """Issue 17: a Tanh dropped on fc1's wire covered fc1's output handle, so no wire could be drawn from fc1."""
    open_app(page, app_url)
    edge = page.locator("[data-edge='fc1->act1'] path").first.bounding_box()
    drop_from_palette(page, "Tanh", edge["x"] + edge["width"] / 2, edge["y"] + edge["height"] / 2)
    wait_for(lambda: {"fc1->tanh_1", "tanh_1->act1"} <= wires(page), 20, "Tanh on the wire")
    assert overlapping(cards(page)) == []
    handle = node(page, "fc1").locator("[data-handle='out']").bounding_box()
    on_top = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('[data-layer-id]')?.dataset.layerId",
                           [handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2])
    assert on_top == "fc1"
    x, y = empty_spot(page)  # placed by hand from here on: a drop right onto a node pushes the chain on
    drop_from_palette(page, "Dropout", x, y)
    act2 = node(page, "act2").bounding_box()
    drop_from_palette(page, "ReLU", act2["x"] + act2["width"] / 2, act2["y"] + act2["height"] / 2)
    wait_for(lambda: "relu_1" in ids(page), 20, "the ReLU dropped on act2")
    assert overlapping(cards(page)) == []


def test_text_stays_readable_on_lenet_and_a_wires_delete_button_never_covers_its_label(page, app_url):
    open_app(page, app_url)
    load_preset(page, "lenet_digits")
    tab(page, "Playground")
    wait_for(lambda: "flat" in ids(page) or "c2" in ids(page), 30, "LeNet on the canvas")
    assert zoom(page) >= 11 / 12 - 1e-6
    assert page.evaluate(SMALL_TEXT, zoom(page)) == []
    assert page.locator("[data-layer-id='c1'] .nb-title").evaluate("e => parseFloat(getComputedStyle(e).fontSize)") * \
        zoom(page) >= 11
    page.locator("[data-edge='c1->a1'] path").first.hover(force=True)
    cut = page.locator("[data-edge-delete='c1->a1']")
    cut.wait_for(timeout=10_000)
    label, button = page.locator("[data-edge-label='c1->a1']").bounding_box(), cut.bounding_box()
    assert overlapping({"label": label, "button": button}) == []
    page.mouse.wheel(0, 900)  # the rest of the network is reached by scrolling, not by shrinking it
    wait_for(lambda: "out" in ids(page) and node(page, "out").bounding_box()["y"] < 900, 10, "the output in view")
    assert page.evaluate(SMALL_TEXT, zoom(page)) == []


def test_collapse_and_expand_a_block(page, app_url):
    open_spec(page, app_url, residual_stack(4, per_stage=2))
    page.locator("[data-collapse='repeat:layer1_0']").click()
    settle(page)
    block = page.locator("[data-group-id='repeat:layer1_0']")
    block.wait_for(timeout=20_000)
    assert "layer1" in block.inner_text() and "18 layers" in block.inner_text()
    assert not any(i.startswith("layer1_") for i in ids(page))
    assert {"stem_act->repeat:layer1_0", "repeat:layer1_0->layer2_0_conv1"} <= wires(page)  # wires re-routed
    assert overlapping(cards(page) | {"block": block.bounding_box()}) == []
    page.locator("[data-expand='repeat:layer1_0']").click()
    settle(page)
    wait_for(lambda: "layer1_1_add" in ids(page), 20, "the block expanded")
    page.locator("[data-action='collapse-all']").click()
    settle(page)
    wait_for(lambda: page.locator("[data-group-id]").count() == 2, 20, "every block collapsed")


def test_repeat_a_block_n_times_as_one_editing_unit(page, app_url):
    open_spec(page, app_url, residual_stack(2, per_stage=2))
    repeat = page.locator("[data-frame-id='repeat:layer1_0'] [data-repeat]")
    assert repeat.locator("[data-count]").get_attribute("data-count") == "2"
    repeat.locator("[data-copies='+1']").click()
    settle(page)
    wait_for(lambda: "layer1_2_add" in ids(page) or page.locator("[data-frame-id='group:layer1_2']").count(), 20,
             "a third copy")
    assert page.locator("[data-frame-id='repeat:layer1_0'] [data-count]").get_attribute("data-count") == "3"
    assert "layer1_2_add->pool" in wires(page) or "layer1_2_add" not in ids(page)
    node(page, "layer1_0_conv1").click()
    settle(page)
    page.locator("[data-frame-id='repeat:layer1_0'] [data-copies='-1']").click()
    settle(page)
    wait_for(lambda: page.locator("[data-frame-id='repeat:layer1_0'] [data-count]").get_attribute("data-count") == "2",
             20, "back to two copies")
    page.get_by_title("Undo (Ctrl+Z)").first.click()  # the Playground's one Undo, on the canvas's toolbar
    wait_for(lambda: page.locator("[data-frame-id='repeat:layer1_0'] [data-count]").get_attribute("data-count") == "3",
             20, "undo brings the copy back")


def test_make_a_block_of_chosen_layers(page, app_url):
    open_app(page, app_url)
    node(page, "fc1").click()
    settle(page)
    node(page, "act1").click(modifiers=["Shift"])
    make = page.locator("[data-action='make-block']")
    make.wait_for(timeout=10_000)
    make.click()
    settle(page)
    wait_for(lambda: ids(page)[:3] == ["input", "block1_0_fc1", "block1_0_act1"], 20, "the layers renamed")
    assert page.locator("[data-frame-id='group:block1_0']").count() == 1


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and 0 <= box["x"] and box["x"] + box["width"] <= 1440 and 0 <= box["y"] and \
        box["y"] + box["height"] <= 900


def test_plus_minus_hidden_layers_and_units_on_the_canvas(page, app_url):
    open_app(page, app_url)
    add, remove = page.locator("[data-action='hidden-add']"), page.locator("[data-action='hidden-remove']")
    plus = node(page, "fc1").locator("[data-units='+1']")
    assert in_view(page, add) and in_view(page, remove) and in_view(page, plus)  # on the canvas at 1440×900
    assert node(page, "out").locator("[data-units]").count() == 0  # the data sets the output's width
    add.click()
    settle(page)
    wait_for(lambda: ids(page) == ["input", "fc1", "act1", "fc2", "act2", "fc3", "act3", "out"], 20, "a third layer")
    assert page.locator("[data-hidden-count]").get_attribute("data-hidden-count") == "3"
    node(page, "fc1").locator("[data-units='+1']").click()
    settle(page)
    wait_for(lambda: "[17]" in node(page, "fc1").inner_text(), 20, "one unit more")
    node(page, "fc2").locator("[data-units='-1']").click()
    settle(page)
    wait_for(lambda: "[15]" in node(page, "fc2").inner_text(), 20, "one unit fewer")
    remove.click()
    settle(page)
    wait_for(lambda: ids(page) == ["input", "fc1", "act1", "fc2", "act2", "out"], 20, "the third layer removed")
    assert overlapping(cards(page)) == []
    page.locator("[data-action='undo']").click()  # each button press is one step of the undo history
    settle(page)
    wait_for(lambda: ids(page) == ["input", "fc1", "act1", "fc2", "act2", "fc3", "act3", "out"], 20, "the layer back")
    assert "[15]" in node(page, "fc2").inner_text()


CLIPPED_TOOLS = """() => [...document.querySelectorAll('.nb-toolbar button')].filter(b => {
    const r = b.getBoundingClientRect(), box = b.closest('.nb-quick, .nb-tools').getBoundingClientRect();
    return r.left < box.left - 0.5 || r.right > box.right + 0.5;
}).map(b => b.dataset.action)"""


@pytest.mark.parametrize("width, label", [(1024, "2 hidden"), (1440, "2 hidden layers")])
def test_every_canvas_tool_is_whole_in_a_narrow_window(page, app_url, width, label):
    """At 1024 pixels the hidden-layer count said "2 hidden lay" and its + button was cut off: a narrow toolbar
    drops the word and narrows its buttons."""
    page.set_viewport_size({"width": width, "height": 768})
    open_app(page, app_url)
    assert page.evaluate(CLIPPED_TOOLS) == []
    assert page.locator("[data-hidden-count]").inner_text().replace("\n", " ").strip("−+ ") == label


def test_the_150_layer_network_draws_and_takes_an_edit(page, app_url):
    spec = residual_stack(16)
    assert len(spec["layers"]) == 150
    start = time.monotonic()
    open_spec(page, app_url, spec)
    drawn = time.monotonic() - start
    assert {"input", "stem"} <= set(ids(page)) and page.evaluate(SMALL_TEXT, zoom(page)) == []
    page.locator("[data-action='collapse-all']").click()
    settle(page)
    wait_for(lambda: page.locator("[data-group-id]").count() == 4, 30, "four stages, collapsed")
    # layer4 sits below the canvas's visible part at a readable zoom (a person pans to it): its +1 is clicked in place
    page.locator("[data-group-id='repeat:layer4_0'] [data-copies='+1']").dispatch_event("click")
    settle(page)
    wait_for(lambda: page.locator("[data-group-id='repeat:layer4_0'] [data-count]").get_attribute("data-count") == "5",
             30, "a fifth block in layer4")
    assert "159 layers" in page.locator("body").inner_text(), drawn


def test_the_canvas_benchmark_runs_and_prints_its_figures(browser, app_url, capsys):
    from benchmarks import canvas_speed

    canvas_speed.measure(browser, app_url, blocks=2, pans=3)
    out = capsys.readouterr().out
    for figure in ("drawn", "edit answered", "frame"):
        assert figure in out, out
