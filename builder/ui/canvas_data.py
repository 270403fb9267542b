"""What the canvas draws, as plain data: the network's nodes and wires from the checked spec, and while a run
trains, each node's live look from the run's snapshot (colour by gradient norm on one log scale, badges,
pictures of its units) and wire widths by activation size. No streamlit here."""
from __future__ import annotations

import base64
import math

import numpy as np

from ..checker import CheckedSpec
from ..registry import CATEGORIES, REGISTRY
from ..summary import layer_stats
from . import wiring

# a light sequential scale, readable under dark text: vanished (cold, pale) → strong (warm)
GRADIENT_COLORS = ("#e0e7ff", "#c7d2fe", "#bae6fd", "#a7f3d0", "#fde68a", "#fdba74", "#fca5a5")
MIN_DECADES = 3.0  # the colour scale spans at least this many decades, so a healthy net does not look alarming
MAX_THUMBS = 16


def shape_text(shape) -> str:
    return "[" + ", ".join(str(d) for d in shape) + "]" if shape is not None else ""


def palette() -> list[dict]:
    return [{"category": c, "types": [{"name": t.name, "help": t.help} for t in REGISTRY.values() if t.category == c]}
            for c in CATEGORIES]


def _params(checked: CheckedSpec) -> dict[str, int]:
    dtypes = {"input": checked.spec.input.dtype} | {lid: info.dtype for lid, info in checked.layers.items()}
    out = {}
    for lid in checked.order:
        info = checked.layers[lid]
        if info.type is not None and info.shape is not None and info.inputs:
            try:
                out[lid] = layer_stats(info, dtypes[info.inputs[0]])[0]
            except Exception:  # a layer the checker accepted but torch cannot build: its error shows elsewhere
                out[lid] = 0
    return out


def graph_data(spec: dict, checked: CheckedSpec, *, selected: str | None = None, direction: str = "TB",
               fit_token: int = 0, snapshot=None, message: str | None = None, read_only: bool = False) -> dict:
    """The canvas's graph: every node with its shape, parameter count and problem; every wire; live looks."""
    errors: dict[str, list] = {}
    for e in checked.errors:
        if e.layer_id is not None:
            errors.setdefault(e.layer_id, []).append(e)
    params = _params(checked)
    live, scale = live_looks(snapshot) if snapshot is not None else ({}, None)
    thumbs = {lid: len(look["thumbs"]) for lid, look in live.items() if look.get("thumbs")}
    where = wiring.positions(spec, direction, thumbs)
    output = spec["layers"][-1]["id"]
    nodes = [{"id": "input", "type": "Input", "title": "input", "shape": shape_text(spec["input"]["shape"]),
              "params": 0, "error": None, "merge": False, "role": "input", "position": where.get("input", [0, 0]),
              "deletable": False, "live": None}]
    for layer in spec["layers"]:
        lid = layer["id"]
        info = checked.layers.get(lid)
        problem = errors.get(lid)
        error = {"message": "; ".join(e.message for e in problem),
                 "hint": "; ".join(e.hint for e in problem if e.hint)} if problem else None
        nodes.append({
            "id": lid, "type": layer["type"], "title": lid,
            "shape": shape_text(info.shape) if info is not None and info.shape is not None else "",
            "params": params.get(lid, 0), "error": error, "merge": wiring.is_merge(spec, lid),
            "role": "output" if lid == output else "layer", "position": where.get(lid, [0, 0]),
            "deletable": True, "live": live.get(lid)})
    widths = wire_widths(snapshot) if snapshot is not None else {}
    shapes = {"input": shape_text(spec["input"]["shape"])} | {
        lid: shape_text(info.shape) for lid, info in checked.layers.items() if info.shape is not None}
    edges = [{"source": s, "target": t, "label": shapes.get(s, ""), "width": widths.get(s, 1.5)}
             for s, t in wiring.edges(spec)]
    return {"nodes": nodes, "edges": edges, "palette": palette(), "selected": selected, "direction": direction,
            "fit_token": fit_token, "legend": _legend(scale) if scale else None, "message": message,
            "read_only": read_only}


# ---- live looks -----------------------------------------------------------------------------------

def gradient_scale(norms: dict[str, float]) -> tuple[float, float]:
    """(low, high) of the shared log10 colour scale: the strongest gradient at the top, at least MIN_DECADES
    below it at the bottom."""
    logs = [math.log10(n) for n in norms.values() if n is not None and n > 0 and math.isfinite(n)]
    if not logs:
        return -6.0, 0.0
    high = max(logs)
    return min(min(logs), high - MIN_DECADES), high


def gradient_color(norm: float | None, scale: tuple[float, float]) -> str | None:
    if norm is None or not math.isfinite(norm):
        return "#fecaca" if norm is not None else None  # an exploded gradient: red
    low, high = scale
    t = 0.0 if norm <= 0 else (math.log10(norm) - low) / (high - low or 1.0)
    t = min(1.0, max(0.0, t))
    return GRADIENT_COLORS[min(len(GRADIENT_COLORS) - 1, int(round(t * (len(GRADIENT_COLORS) - 1))))]


def live_looks(snapshot) -> tuple[dict[str, dict], tuple[float, float]]:
    """Per layer: the fill colour (gradient norm, shared log scale), the badges and the pictures; and the scale."""
    norms = {lid: (t["grad_norm"][-1] if t.get("grad_norm") else None) for lid, t in snapshot.layers.items()}
    scale = gradient_scale(norms)
    alerts: dict[str, list[str]] = {}
    for a in snapshot.alerts:
        if a.get("layer"):
            alerts.setdefault(a["layer"], []).append(a["message"])
    ids = set(snapshot.nodes) | set(snapshot.layers) | set(snapshot.activations)
    out = {}
    for lid in ids:
        trace = snapshot.layers.get(lid) or {}
        ratio = trace.get("update_ratio") or []
        dead = (snapshot.activations.get(lid) or {}).get("dead_fraction")
        thumbs, title = _thumbs(snapshot.nodes.get(lid) or {})
        out[lid] = {"fill": gradient_color(norms.get(lid), scale) if lid in norms else None,
                    "grad_norm": _finite(norms.get(lid)), "update_ratio": _finite(ratio[-1] if ratio else None),
                    "dead": _finite(dead), "alert": " ".join(alerts.get(lid, [])) or None,
                    "thumbs": thumbs, "thumbs_title": title}
    return out, scale


def _finite(v):
    return float(v) if isinstance(v, (int, float)) and math.isfinite(v) else None


def _image(values: np.ndarray, label: str, diverging: bool = True) -> dict:
    """One picture: its values quantised to 0–255 between lo and hi, base64 (a few hundred bytes, sent every
    second while a run trains)."""
    v = np.nan_to_num(np.asarray(values, dtype=np.float32))
    m = float(np.abs(v).max()) if v.size else 1.0
    lo, hi = (-m, m) if diverging else (float(v.min()), float(v.max()))
    hi = hi if hi > lo else lo + 1e-6
    levels = np.clip(np.round((v - lo) / (hi - lo) * 255), 0, 255).astype(np.uint8)
    return {"w": int(v.shape[1]), "h": int(v.shape[0]), "v": base64.b64encode(levels.tobytes()).decode("ascii"),
            "lo": lo, "hi": hi, "diverging": diverging, "label": label}


def _thumbs(view: dict) -> tuple[list[dict], str | None]:
    if "units" in view:
        units = np.asarray(view["units"])[:MAX_THUMBS]
        return [_image(u, f"unit {i}") for i, u in enumerate(units)], "each unit's output over the input plane"
    if "maps" in view:
        maps = np.asarray(view["maps"])[:8]
        return [_image(m, f"channel {i}") for i, m in enumerate(maps)], "feature maps of one probe sample"
    if "sequence" in view:
        seq = np.asarray(view["sequence"])  # [units, steps]
        return [_image(seq, "hidden state: units (rows) over time (columns)")], "hidden state over time"
    return [], None


def wire_widths(snapshot) -> dict[str, float]:
    """Wire width by the RMS of the source layer's output (1 to 8 px on a log scale across the network)."""
    rms = {lid: v.get("rms") for lid, v in snapshot.nodes.items() if v.get("rms")}
    rms = {lid: r for lid, r in rms.items() if r and r > 0 and math.isfinite(r)}
    if not rms:
        return {}
    logs = {lid: math.log10(r) for lid, r in rms.items()}
    low, high = min(logs.values()), max(logs.values())
    span = max(high - low, 1.0)
    return {lid: round(1.0 + 7.0 * (v - low) / span, 2) for lid, v in logs.items()} | {"input": 2.5}


def _legend(scale: tuple[float, float]) -> dict:
    return {"title": "gradient norm (log)", "lo": f"1e{math.floor(scale[0]):d}", "hi": f"1e{math.ceil(scale[1]):d}",
            "colors": list(GRADIENT_COLORS)}
