"""NetBuilder's network canvas: a Streamlit Custom Components v2 component on React Flow (@xyflow/react).

The built JavaScript and CSS ship in frontend/build (made with `npm ci && npm run build` in frontend/), so
installing this package needs no Node. `network_canvas(graph, key=...)` draws the graph and returns the person's
latest edit as an event (one-shot), or None. The graph and event formats are described in frontend/src/types.ts.
"""
from __future__ import annotations

import functools

import streamlit as st


@functools.cache
def _component():
    """The component, declared on first use: Streamlit finds the package's asset folder (pyproject.toml) when its
    runtime starts, so declaring it at import time would fail wherever this module is imported without one."""
    return st.components.v2.component(
        "netbuilder-canvas.canvas",
        html='<div class="nb-canvas-root" style="height: 100%"></div>',
        js="index-*.js",
        css="index-*.css",
        isolate_styles=False,
    )


def _ignore() -> None:
    """Without a callback the event is read from the result."""


def network_canvas(graph: dict, *, key: str, height: int = 560, on_event=None) -> dict | None:
    """Draw the network `graph` (nodes, edges, palette, …); return the person's latest edit as an event dict
    (present only in the run it happened in), or None. `on_event()`, if given, is the change callback: it runs when
    an edit arrives, before the script run that follows, so that run already draws the edit."""
    # a one-item list: Streamlit looks through a dict's values for data frames, which imports pandas (a second of a
    # fresh server's first page); a list it sends as JSON as it is
    result = _component()(data=[{**graph, "height": height}], key=key, height=height,
                          on_event_change=on_event or _ignore)
    event = getattr(result, "event", None)
    return event if isinstance(event, dict) else None
