"""End to end at 1440×900: an ONNX file written by plain torch.onnx.export opened on the Export tab and drawn on the
canvas, and the tiny character transformer writing text on the Playground as it trains (with its temperature and
its attention per head)."""
from __future__ import annotations

import warnings

import pytest
import torch
from torch import nn

from builder.sandbox import read_onnx

from .helpers import load_preset, open_app, press, set_epochs, settle, tab, wait_for
from .test_explain import shoot, traces

pytestmark = pytest.mark.browser


class SmallConvNet(nn.Module):
    """Hand-written, not made by NetBuilder: 8×8 grey images in, 10 scores out."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(4 * 4 * 4, 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(torch.relu(self.conv(x))), 1))


def canvas_ids(page) -> list[str]:
    """The layers drawn on the canvas (the input node left out)."""
    found = page.evaluate("() => [...document.querySelectorAll('[data-layer-id]')].map(e => e.dataset.layerId)")
    return [i for i in found if i != "input"]


def test_an_onnx_file_opened_on_the_export_tab_is_drawn_on_the_canvas(page, app_url, tmp_path):
    pytest.importorskip("onnxscript")  # torch.onnx.export needs it
    path = tmp_path / "small_conv.onnx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(SmallConvNet().eval(), (torch.randn(2, 1, 8, 8),), str(path), input_names=["x"],
                          external_data=False, dynamic_shapes={"x": {0: torch.export.Dim("batch")}})
    imported = read_onnx(path.name, path.read_bytes()).info["spec"]["layers"]
    assert {"Conv2d", "MaxPool2d", "Linear"} <= {layer["type"] for layer in imported}
    open_app(page, app_url)
    before = canvas_ids(page)
    tab(page, "Export")
    page.locator(".st-key-continue_upload input[type=file]").set_input_files(str(path))
    settle(page)
    tab(page, "Playground")
    expected = [layer["id"] for layer in imported]
    assert wait_for(lambda: sorted(canvas_ids(page)) == sorted(expected), 30, "the imported layers on the canvas")
    assert canvas_ids(page) != before


def sample(page) -> str:
    return page.locator(".st-key-pg_text [data-testid=stMarkdownContainer]").last.inner_text()


def test_the_character_transformer_writes_text_as_it_trains(page, app_url):
    open_app(page, app_url)
    load_preset(page, "char_transformer_pydoc")
    tab(page, "Playground")
    set_epochs(page, 50)  # longer than the test watches: it is stopped below
    press(page, "start")
    try:
        wait_for(lambda: page.locator(".st-key-pg_text").count(), 90, "the first generated text")
        first = sample(page)
        assert first.strip()
        wait_for(lambda: sample(page) != first, 90, "a newer sample while the run trains")
        assert page.get_by_text("running", exact=True).count()  # written while training, not at the end
        assert page.locator(".st-key-pg_temperature [data-testid=stSlider]").get_by_text("Temperature").count()
        thumb = page.locator(".st-key-pg_temperature [data-testid=stSliderThumbValue]")
        for _ in range(3):  # the live view redraws every second: a key pressed as it does can miss the slider
            page.locator(".st-key-pg_temperature input[type=range]").focus()
            page.keyboard.press("End")  # the slider to its highest: the next sample is written at 2
            settle(page)
            if thumb.inner_text().strip().startswith("2"):
                break
        assert thumb.inner_text().strip().startswith("2"), thumb.inner_text()
        wait_for(lambda: "temperature 2 " in page.locator(".st-key-pg_text").inner_text() + " ", 60,
                 "a sample at the temperature just set")
        wait_for(lambda: traces(page, "pg_attention") == 4, 60, "the attention of the 4 heads")
        page.locator(".st-key-pg_text").scroll_into_view_if_needed()
        shoot(page, "live_text")
    finally:
        press(page, "reset")
