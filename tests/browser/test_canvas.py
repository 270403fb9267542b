"""The canvas in a real Chromium at 1440×900: drag a layer from the palette, wire a skip connection from scratch,
drop a layer onto a wire, delete a wire, undo, train and watch the nodes' colours change, and the landing view on
one screen. Nodes are found by `data-layer-id`, wires by `data-edge`: never by the library's class names."""
from __future__ import annotations


import pytest

from .helpers import chart_points, load_preset, open_app, press, set_epochs, settle, tab, wait_for

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
