"""Hostile text for the page and its charts, and the readers that find it rendered as markup: each construct carries
its own marker word, so a construct found live in what the page sends is one a person (or a file) wrote, never ours.

Shared by the page, figure and browser tests (tests/hostile/test_page_markup.py, test_figure_markup.py,
tests/browser/test_hostile_text.py)."""
from __future__ import annotations

import json
import re

HOST = "evil.example"

# Markdown, as st.markdown, st.error, st.caption, widget labels and help texts render it (GitHub-flavoured, with
# Streamlit's colour, badge, icon and emoji codes and KaTeX): construct -> (text a person could write, the live form)
MARKDOWN = {
    "image": (f"![PWNimg](http://{HOST}/beacon.png)", r"!\[PWNimg\]\("),
    "link": (f"[PWNlink](http://{HOST}/open)", r"(?<!!)\[PWNlink\]\("),
    "reference link": ("[PWNref][r]", r"\[PWNref\]\[r\]"),
    "autolink": (f"<http://{HOST}/auto>", r"<http"),
    "bold": ("**PWNbold**", r"\*\*PWNbold\*\*"),
    "underscore bold": ("__PWNunder__", r"__PWNunder__"),
    "italic": ("*PWNital*", r"(?<!\*)\*PWNital\*"),
    "strike": ("~~PWNstrike~~", r"~~?PWNstrike"),
    "code": ("`PWNcode`", r"`PWNcode`"),
    "html": (f"<img src=http://{HOST}/h.png>", r"<img"),
    "html tag": ("<b>PWNhtml</b>", r"<b>"),
    "colour": (":red[PWNred]", r":red\[PWNred"),
    "badge": (":violet-badge[PWNbadge]", r":violet-badge\[PWNbadge"),
    "background": (":blue-background[PWNbg]", r":blue-background\[PWNbg"),
    "math": ("$PWNmath^2$", r"\$PWNmath"),
    "heading": ("# PWNhead", r"(?:^|\n)[ \t]*#{1,6}[ \t]+PWNhead"),
    "table": ("| PWNcell | t |", r"\|[ \t]*PWNcell"),
    "quote": ("> PWNquote", r"(?:^|\n)[ \t]*>[ \t]*PWNquote"),
}
# What Streamlit finds in the text itself, after escapes are undone (GFM's autolink literals, and its icon and emoji
# codes): construct -> (text, the live form in the unescaped text)
IN_TEXT = {
    "bare url": (f"http://{HOST}/bare", rf"(?i)https?://{re.escape(HOST)}"),
    "www url": (f"www.{HOST}", rf"(?i)www\.{re.escape(HOST)}"),
    "email": (f"pwn@{HOST}", rf"(?i)@{re.escape(HOST)}"),
    "icon": (":material/skull:", r":material/skull:"),
    "emoji": (":skull:", r":skull:"),
}

# Three names made of every construct (a name cut short in a message would otherwise hide the last ones); each
# begins with a construct that is live only at the start of a line
HOSTILE_NAMES = [
    " ".join(MARKDOWN[k][0] for k in ("heading", "image", "link", "bold", "colour", "html", "math"))
    + " " + IN_TEXT["email"][0]
    + " " + IN_TEXT["icon"][0],
    " ".join(MARKDOWN[k][0] for k in ("quote", "autolink", "italic", "strike", "code", "badge"))
    + " " + IN_TEXT["bare url"][0] + " " + IN_TEXT["emoji"][0],
    " ".join(MARKDOWN[k][0] for k in ("table", "underscore bold", "background", "html tag", "reference link"))
    + " " + IN_TEXT["www url"][0],
]

_ESCAPED = re.compile(r"\\.", re.S)


def masked(source: str) -> str:
    """Markdown source with each backslash-escaped character (and its backslash) blanked out: what is left of the
    markup characters is markup the renderer reads."""
    return _ESCAPED.sub("\0\0", source)


def markdown_defects(source: str) -> list[str]:
    """The hostile constructs that `source` (Markdown, as sent to the browser) would render as markup."""
    live = masked(source)
    found = [name for name, (_, pattern) in MARKDOWN.items() if re.search(pattern, live)]
    text = re.sub(r"\\(.)", r"\1", source)  # the text as the renderer holds it, escapes undone
    return found + [name for name, (_, pattern) in IN_TEXT.items() if re.search(pattern, text)]


# Plotly's pseudo-HTML in titles, names, tick labels, annotations and hover text, its %{…} fields in hover and text
# templates, and its $…$ TeX: construct -> (text, the live form)
PLOTLY = {
    "link": ('<a href="javascript:alert(1)">PWNa</a>', r"<a[\s>]"),
    "image": (f'<img src="http://{HOST}/p.png">', r"<img"),
    "bold": ("<b>PWNb</b>", r"<b>PWNb"),
    "line break": ("x<br>PWNbr", r"<br>PWNbr"),
    "style": ('<span style="color:red">PWNs</span>', r"<span"),
    "template": ("%{meta}PWNt %{x}", r"%\{meta\}PWNt"),
    "tex": ("$PWNtex$", r"\$PWNtex"),
}
PLOTLY_NAMES = [" ".join(text for text, _ in list(PLOTLY.values())[:4]), " ".join(t for t, _ in list(PLOTLY.values())[4:])]
_TAG = re.compile(r"<\s*/?\s*([A-Za-z]+)([^>]*)>")
OUR_TAGS = {"b", "br", "extra", "i", "sup", "sub"}  # what our own figure texts may hold, without attributes


def strings(value, path: str = ""):
    """Every string in a figure's JSON, with where it sits (the layout's template, Plotly's theme, left out)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if path == "layout" and k == "template":
                continue
            yield from strings(v, f"{path}.{k}" if path else k)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from strings(v, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value


def figure_defects(figure) -> list[str]:
    """The hostile constructs a Plotly figure (a Figure, a dict or its JSON) would render as markup: each as
    'construct at path'."""
    if hasattr(figure, "to_json"):
        figure = figure.to_json()
    if isinstance(figure, str):
        figure = json.loads(figure)
    found = []
    for path, text in strings(figure):
        for name, (_, pattern) in PLOTLY.items():
            if name == "template" and not path.endswith("template"):
                continue
            if re.search(pattern, text):
                found.append(f"{name} at {path}")
        for tag in _TAG.finditer(text):
            if tag.group(1).lower() not in OUR_TAGS or tag.group(2).strip():
                found.append(f"tag {tag.group(0)[:40]!r} at {path}")
    return sorted(set(found))


# SVG charts (builder.figures.svg) reach the page as one raw HTML block in Markdown, "<div><svg …>…</svg></div>" on
# one line (CommonMark's sixth kind of HTML block, ended only by a blank line): the browser reads it as HTML, never
# as Markdown
SVG_NS = "{http://www.w3.org/2000/svg}"
SVG_ELEMENTS = {f"{SVG_NS}{e}" for e in ("svg", "rect", "text", "line", "polyline", "circle", "g", "title")}


def is_svg_block(source: str) -> bool:
    return source.startswith("<div><svg ") and source.endswith("</svg></div>") and "\n" not in source


def svg_defects(source: str) -> list[str]:
    """What a name could have made of an SVG chart: a line break (which would end the HTML block and let the rest be
    read as Markdown), markup that does not parse, an element ours never draws, an event handler or a link."""
    import xml.etree.ElementTree as ET
    if "\n" in source or "\r" in source:
        return ["line break"]
    try:
        root = ET.fromstring(source.removeprefix("<div>").removesuffix("</div>"))
    except ET.ParseError as e:
        return [f"not well-formed: {e}"]
    found = [f"element {e.tag}" for e in root.iter() if e.tag not in SVG_ELEMENTS]
    return found + [f"attribute {a}" for e in root.iter() for a in e.attrib
                    if a.lower().startswith("on") or a.lower().endswith("href")]

