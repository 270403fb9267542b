"""End to end, the Playground as a TensorFlow Playground user meets it at 1440×900: an own CSV uploaded from the
Playground, kept across tabs, trained and exported (with the clicks and the time it takes); a diverging run said
first, where the eye is; and TF Playground's controls (input features, show test data)."""
from __future__ import annotations

import gzip
import time

import pytest

from .helpers import chart_points, open_app, press, set_epochs, settle, tab, wait_for

pytestmark = pytest.mark.browser

PENGUINS = ("island,bill_length_mm,flipper_mm,species\n" + "\n".join(
    f"{'AB'[i % 2]},{'' if i % 9 == 0 else 35 + (i % 2) * 9 + i % 5},{180 + (i % 2) * 30 + i % 7},"
    f"{('Adelie', 'Gentoo')[i % 2]}" for i in range(120)) + "\n").encode()


def shown_value(page, key: str) -> str:
    """What a selectbox shows: its text, and its search field's value."""
    return page.evaluate("""(key) => { const box = document.querySelector(`.st-key-${key}`);
        return box.textContent + ' ' + [...box.querySelectorAll('input')].map(i => i.value).join(' '); }""", key)


def alert_texts(page) -> list[tuple[str, float]]:
    """The Playground's alerts: their text and how far down the screen each starts."""
    return page.evaluate("""() => [...document.querySelectorAll('[data-testid=stAlert]')]
        .map(e => [e.innerText, e.getBoundingClientRect().top])""")


def test_an_own_csv_from_the_playground_is_kept_trained_and_exported_and_the_clicks_are_counted(page, app_url,
                                                                                                  tmp_path):
    t0, clicks = time.monotonic(), 0
    open_app(page, app_url)
    page.get_by_role("button", name="Upload").first.click()  # the Playground's own Data control
    clicks += 1
    page.locator(".st-key-pg_up_csv input[type=file]").set_input_files(
        {"name": "penguins.csv", "mimeType": "text/csv", "buffer": PENGUINS})
    clicks += 1  # choosing the file
    settle(page)
    assert "species" in shown_value(page, "up_target"), "the target its name suggests"
    assert page.get_by_text("Choose under Missing values").count(), "the gaps are a question, not a refusal"
    page.locator(".st-key-up_missing label", has_text="impute (fill from the training rows)").first.click()
    clicks += 1
    settle(page)
    page.keyboard.press("Escape")  # the popover closes
    settle(page)
    tab(page, "Data")  # leaving the Playground and coming back loses nothing
    assert "impute" in page.locator(".st-key-up_missing").inner_text()
    tab(page, "Playground")
    assert "penguins" in page.locator("[data-testid=stMarkdownContainer]", has_text="parameters").first.inner_text()
    if page.locator(".st-key-make_fit button").count():
        press(page, "make_fit")
        clicks += 1
    press(page, "start")
    clicks += 1
    wait_for(lambda: page.get_by_text("finished", exact=True).count(), 180, "the run to finish")
    tab(page, "Export")
    clicks += 1
    with page.expect_download(timeout=120_000) as download:
        page.locator(".st-key-dl_bundle button").first.click()
    clicks += 1
    download.value.save_as(tmp_path / "bundle.zip")
    seconds = time.monotonic() - t0
    print(f"\ncold page → own CSV trained and exported: {clicks} clicks, {seconds:.0f} s")
    assert (tmp_path / "bundle.zip").stat().st_size > 0 and clicks <= 8


def test_a_second_upload_is_named_in_the_picker_and_a_target_of_ids_is_warned_about(page, app_url):
    open_app(page, app_url)
    ids = ("x1,x2,who\n" + "\n".join(f"{i % 7},{i % 3},user{i}" for i in range(40)) + "\n").encode()
    for name, data in (("penguins.csv", PENGUINS), ("visitors.csv", ids)):
        page.get_by_role("button", name="Upload").first.click()
        page.locator(".st-key-pg_up_csv input[type=file]").set_input_files(
            {"name": name, "mimeType": "text/csv", "buffer": data})
        settle(page)
        page.keyboard.press("Escape")
        settle(page)
        picker = page.locator("[class*='st-key-pg'][class*='dataset']").first.evaluate(
            "box => box.textContent + ' ' + [...box.querySelectorAll('input')].map(i => i.value).join(' ')")
        assert f"uploaded: {name}" in picker, picker  # the browser shows the new file's name, not the last one's
    warning = page.locator("[data-testid=stCaptionContainer]", has_text="have a single sample").first
    assert warning.is_visible() and "40 of the 40 classes of target column 'who'" in warning.inner_text()


def test_a_gzipped_csv_is_offered_by_the_file_picker_and_read_as_its_table(page, app_url):
    """Kaggle and scikit-learn ship tables as .csv.gz: the picker takes one, and it reads as the CSV inside."""
    open_app(page, app_url)
    page.get_by_role("button", name="Upload").first.click()
    chooser = page.locator(".st-key-pg_up_csv input[type=file]")
    assert ".csv.gz" in chooser.get_attribute("accept").split(","), chooser.get_attribute("accept")
    table = "island,bill_length_mm,species\n" + "\n".join(f"{'AB'[i % 2]},{35 + i % 9},{('Adelie', 'Gentoo')[i % 2]}"
                                                          for i in range(60))
    chooser.set_input_files({"name": "penguins.csv.gz", "mimeType": "application/gzip",
                             "buffer": gzip.compress(table.encode())})
    settle(page)
    said = wait_for(lambda: page.get_by_text("Unpacked from gzip", exact=False).first.inner_text()
                    if page.get_by_text("Unpacked from gzip", exact=False).count() else None, 30, "the table read",
                    seen=lambda: page.locator("[data-testid=stPopoverBody]").inner_text()[:800])
    assert "target 'species'" in said, said
    page.keyboard.press("Escape")
    settle(page)
    picker = page.locator("[class*='st-key-pg'][class*='dataset']").first.evaluate(
        "box => box.textContent + ' ' + [...box.querySelectorAll('input')].map(i => i.value).join(' ')")
    assert "uploaded: penguins.csv.gz" in picker, picker


def test_a_diverging_run_says_so_first_on_the_first_screen(page, app_url):
    open_app(page, app_url)
    lr = page.locator("[class*='st-key-pgs'][class*='lr'] input").first
    lr.fill("100")
    lr.press("Enter")
    settle(page)
    set_epochs(page, 40)
    press(page, "start")
    wait_for(lambda: page.get_by_text("diverged", exact=True).count(), 180, "the run to stop as diverged")
    settle(page)
    alerts = wait_for(lambda: [a for a in alert_texts(page) if "loss became" in a[0]], 30, "the divergence message")
    text, top = alerts[0]
    assert "far above its best" in text or "nan" in text
    assert top < 900 - 60, "on the first screen"
    assert all(top <= other for t, other in alert_texts(page) if t != text), "first, above every other alert"


def test_input_features_feed_the_network_and_the_boundary_shows_test_points(page, app_url):
    open_app(page, app_url)
    features = "[class*='st-key-pg'][class*='features'] button"
    page.locator(features, has_text="X₁²").first.click()
    settle(page)
    page.locator(features, has_text="X₂²").first.click()
    settle(page)
    node = page.locator("[data-layer-id='features']")
    # the canvas redraws after the page's run: the node shows the first click's [3] until the second one's arrives
    wait_for(lambda: node.count() and "[4]" in node.first.inner_text(), 30,
             "a Features node reading [4] (X₁, X₂, X₁², X₂²)")
    set_epochs(page, 20)
    press(page, "start")
    wait_for(lambda: page.get_by_text("finished", exact=True).count(), 180, "the run to finish")
    settle(page)
    page.locator(".st-key-_show_test label").first.click()
    settle(page)
    names = wait_for(lambda: page.evaluate(
        "() => { const p = document.querySelector('.st-key-pg_output .js-plotly-plot');"
        " return p ? p.data.map(d => d.name || '') : []; }"), 30, "the boundary")
    wait_for(lambda: any(n.startswith("test · ") for n in page.evaluate(
        "() => document.querySelector('.st-key-pg_output .js-plotly-plot').data.map(d => d.name || '')")), 30,
        "the test points")
    assert names and chart_points(page, "pg_loss") > 0


def test_a_recurrent_network_shows_its_gradient_through_time_and_hidden_state_on_the_first_screen(page, app_url):
    from .helpers import load_preset
    open_app(page, app_url)
    load_preset(page, "rnn_adding")
    tab(page, "Playground")
    press(page, "start")
    for key in ("pg_time", "pg_hidden"):
        # the live views redraw every second: measure a drawn chart, not one being replaced
        box = wait_for(lambda: page.locator(f".st-key-{key} .js-plotly-plot").count() and
                       page.locator(f".st-key-{key} .js-plotly-plot").first.bounding_box(), 180, key)
        assert box["y"] + box["height"] <= 900, f"{key} is below the fold"
    # the chart is redrawn every second (Plotly empties its svg while it draws): read the title of a drawn one
    wait_for(lambda: "hidden state" in page.locator(".st-key-pg_hidden").inner_text(), 30,
             "the hidden state chart's title")
    page.mouse.move(1, 1)
    page.screenshot(path="/tmp/playshots/rnn.png")
    press(page, "reset")
