"""End to end at 1440×900: three variants of the first screen's network (a learning rate, an optimiser, a wider
layer) kept on the Explain tab, trained side by side from the same start, with their curves overlaid and the four
decision boundaries side by side; the page's address carries the variants to another page."""
from __future__ import annotations

import pytest

from .helpers import enabled, open_app, press, settle, tab, wait_for
from .test_explain import shoot
from .test_explain_more import choose, fill

pytestmark = pytest.mark.browser


def drawn_boundaries(page) -> int:
    return page.evaluate("""() => [...document.querySelectorAll('[class*="st-key-variant_output_"] .js-plotly-plot')]
        .filter(p => p._fullData && p._fullData.some(t => t.type === 'heatmap' || t.type === 'contour')).length""")


def test_three_variants_train_side_by_side_and_travel_in_the_address(page, app_url, browser):
    open_app(page, app_url)
    tab(page, "Explain")
    page.get_by_text("Try a variant").first.click()
    settle(page)
    fill(page, "variant_lr", 0.1)  # the first change offered: the learning rate
    press(page, "variant_add")
    choose(page, "variant_change", "optimizer")
    press(page, "variant_add")
    choose(page, "variant_change", "width of a dense layer")
    press(page, "variant_add")
    for label in ("lr 0.1", "fc1: 32 units"):
        assert page.get_by_text(label, exact=True).count(), label
    assert not enabled(page, "variant_add")  # three beside the setup
    fill(page, "variant_epochs", 3)
    press(page, "variant_train")
    wait_for(lambda: page.locator(".st-key-variant_download").count() and drawn_boundaries(page) == 4, 180,
             "the four runs to finish (the comparison's download) and their boundaries")
    assert page.get_by_text("fc1: 32 units: finished", exact=False).count()
    page.locator(".st-key-variant_loss").first.scroll_into_view_if_needed()  # (a redrawn chart may linger)
    shoot(page, "variants_four")
    # the wider variant's network, its change marked (the only variant that changed a layer: chosen already)
    assert "fc1: 32 units" in page.evaluate("""() => { const box = document.querySelector('.st-key-variant_canvas_pick');
        return box.textContent + ' ' + [...box.querySelectorAll('input')].map(i => i.value).join(' '); }""")
    canvas = page.locator(".st-key-variant_canvas")
    wait_for(lambda: canvas.locator("[data-layer-id='fc1'][data-mark='changed']").count(), 30, "fc1 marked changed")
    assert canvas.locator("[data-mark]").count() == 1  # nothing else changed
    assert "out_features 16 → 32" in canvas.locator("[data-layer-id='fc1'] .nb-mark").get_attribute("title")
    canvas.scroll_into_view_if_needed()
    shoot(page, "variant_marks")

    other = browser.new_context(viewport={"width": 1440, "height": 900}).new_page()  # the address, in another page
    other.goto(page.url)
    settle(other)
    tab(other, "Explain")
    wait_for(lambda: other.get_by_text("fc1: 32 units", exact=True).count(), 30, "the variants from the address")
    assert other.get_by_text("lr 0.1", exact=True).count()
    other.context.close()
