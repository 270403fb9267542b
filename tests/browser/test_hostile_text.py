"""Hostile names in a real browser: a share link whose unknown key, network name, dataset and layer type are made of
Markdown and HTML (images and links to another host, emphasis, colours, icons, formulas), and a CSV whose file, column
and class names are made of Plotly's markup. The page as Chromium builds it holds no image or link to that host, no
element made of a construct a person wrote (each carries its own marker word), and the browser asks that host for
nothing."""
from __future__ import annotations

import base64
import csv
import io
import json
import re
import zlib

import pytest

from builder.share import encode_setup
from builder.ui import edits
from hostile.markup import HOST, HOSTILE_NAMES, MARKDOWN, PLOTLY, PLOTLY_NAMES

from .helpers import open_app, settle, tab

pytestmark = pytest.mark.browser

# the words inside each construct: an element holding exactly one of them is a construct rendered as markup
WORDS = sorted({w for text, _ in [*MARKDOWN.values(), *PLOTLY.values()] for w in re.findall(r"PWN\w*", text)})


def watch(page) -> list[str]:
    """Every request the page makes to the hostile host (refused before it leaves the machine)."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if HOST in request.url else None)
    page.route(re.compile(rf".*{re.escape(HOST)}.*"), lambda route: route.abort())
    return asked


def injected(page) -> list[str]:
    """What of the hostile text the browser built as markup: images and links to the host, links to javascript:,
    elements holding exactly one construct's word, formulas, icons and emoji made from names."""
    return page.evaluate("""([host, words]) => {
        const found = [];
        for (const el of document.querySelectorAll('img, image, a')) {
            const url = el.getAttribute('src') || el.getAttribute('href') || el.getAttribute('xlink:href') || '';
            if (url.includes(host) || url.startsWith('javascript:')) found.push(`${el.tagName} ${url}`);
        }
        for (const el of document.querySelectorAll('body *')) {
            const text = (el.textContent || '').trim();
            if (words.includes(text)) found.push(`${el.tagName}: ${text}`);
        }
        for (const el of document.querySelectorAll('.katex')) found.push(`formula: ${el.textContent}`);
        for (const el of document.querySelectorAll('[data-testid=stIconMaterial]'))
            if (el.textContent.includes('skull')) found.push('icon: skull');
        if (document.body.innerText.includes('\\u{1F480}')) found.push('emoji: skull');
        return found;
    }""", [HOST, WORDS])


def shows(page, text: str) -> bool:
    """Whether the page shows `text` as written (zero-width spaces aside), in its text or in a chart's."""
    return page.evaluate("""(t) => [document.body.innerText, ...[...document.querySelectorAll('svg text')]
        .map(e => e.textContent)].some(s => s.replaceAll('\\u200b', '').includes(t))""", text)


def failing_link(key: str) -> str:
    raw = json.dumps(edits.default_spec() | {key: 1}).encode()
    return "1." + base64.urlsafe_b64encode(zlib.compress(raw, 9)).rstrip(b"=").decode()


def hostile_link(name: str) -> str:
    spec = edits.default_spec() | {"name": name, "description": name}
    spec["data"] = {"dataset": name, "options": {}}
    spec["layers"].insert(1, {"id": "odd", "type": name, "inputs": ["input"]})
    return encode_setup(spec)


def test_hostile_names_render_as_text_and_fetch_nothing(new_page, app_url):
    page = new_page()
    asked = watch(page)
    for name in HOSTILE_NAMES:
        open_app(page, f"{app_url}/?s={failing_link(name)}")
        assert page.get_by_text("Could not open the shared setup").first.is_visible()
        assert shows(page, "PWNimg](http://evil.example" if "PWNimg" in name else "PWN")
        assert injected(page) == []
    for name in HOSTILE_NAMES + PLOTLY_NAMES:
        open_app(page, f"{app_url}/?s={hostile_link(name)}")
        for view in ("Playground", "Layers", "Data", "Training", "Export"):
            tab(page, view)
            assert injected(page) == [], view
        tab(page, "Layers")
        page.get_by_role("tab", name="Diagram", exact=True).first.click()
        settle(page)
        page.locator(".st-key-diagram .js-plotly-plot").first.wait_for(timeout=30_000)
        assert injected(page) == [], "the diagram"
    assert shows(page, PLOTLY_NAMES[1].split(" %")[0])  # the layer type in the diagram, as written
    assert asked == []


def _csv(name: str) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([f"{name} x1", f"{name} x2", "label"])
    for i in range(40):
        writer.writerow([f"{(i * 3 % 13) / 13 + i % 2:.3f}", f"{(i * 5 % 11) / 11:.3f}", f"{name} {'ab'[i % 2]}"])
    return text.getvalue().encode()


def test_hostile_column_and_class_names_are_drawn_as_written(page, app_url):
    asked = watch(page)
    open_app(page, app_url)
    tab(page, "Data")
    page.locator(".st-key-_data_source").get_by_text("Upload", exact=True).first.click()
    settle(page)
    name = PLOTLY_NAMES[0]
    page.locator(".st-key-up_csv input[type=file]").set_input_files(
        {"name": name.replace("/", "_") + ".csv", "mimeType": "text/csv", "buffer": _csv(name)})
    settle(page)
    page.locator(".st-key-data_preview .js-plotly-plot").first.wait_for(timeout=30_000)
    assert shows(page, '<b>PWNb</b> x<br>PWNbr a')  # the class name in the legend, as the person wrote it
    assert injected(page) == []
    tab(page, "Playground")
    page.locator(".st-key-pg_output svg[data-points]").first.wait_for(timeout=30_000)  # 2-D data: drawn as SVG
    assert page.evaluate("""(t) => [...document.querySelectorAll('.st-key-pg_output svg title')]
        .some(e => e.textContent === t)""", " ".join(f"{name} a".split()))  # the legend's name, whole on hover
    assert injected(page) == []
    assert asked == []
