"""What the canvas draws, as plain data: the network's nodes (blocks collapsed as the person chose), wires and group
boxes from the checked spec, placed by builder.ui.layout; the quick edits on offer; and while a run trains, each
node's live look from the run's snapshot (colour by gradient norm on one log scale, badges, pictures of its units)
and wire widths by activation size. No streamlit here."""
from __future__ import annotations

import base64
import functools
import json
import math

import numpy as np

from ..checker import CheckedSpec
from ..figures import shown_classes
from ..registry import CATEGORIES, REGISTRY
from ..summary import layer_params
from . import blocks, layout, wiring
from .edits import dense_stack

# a light sequential scale, readable under dark text: vanished (cold, pale) → strong (warm)
GRADIENT_COLORS = ("#e0e7ff", "#c7d2fe", "#bae6fd", "#a7f3d0", "#fde68a", "#fdba74", "#fca5a5")
MIN_DECADES = 3.0  # the colour scale spans at least this many decades, so a healthy net does not look alarming
MAX_THUMBS = 16
MAX_CLASSES = 16  # the output node draws at most this many classes' probabilities


def shape_text(shape) -> str:
    return "[" + ", ".join(str(d) for d in shape) + "]" if shape is not None else ""


def palette() -> list[dict]:
    return [{"category": c, "types": [{"name": t.name, "help": t.help} for t in REGISTRY.values() if t.category == c]}
            for c in CATEGORIES]


def _params(checked: CheckedSpec) -> dict[str, int]:
    out = {}
    for lid in checked.order:
        info = checked.layers[lid]
        if info.type is not None and info.shape is not None and info.inputs:
            try:
                out[lid] = layer_params(info)[0]
            except Exception:  # a layer the checker accepted but torch cannot build: its error shows elsewhere
                out[lid] = 0
    return out


def graph_data(spec: dict, checked: CheckedSpec, *, selected: str | None = None, direction: str = "TB",
               fit_token: int = 0, snapshot=None, message: str | None = None, read_only: bool = False,
               collapsed=(), sample: dict | None = None, locked=(), marks: dict | None = None) -> dict:
    """The canvas's graph: every node (a layer, or a collapsed block) with its shape, parameter count and problem,
    where it goes; every wire; the boxes around groups; the quick edits on offer; and while a run trains, live looks.
    `sample`: a followed sample's trace (its "layers", "output" and "input", as `trace.Trace.to_dict` gives them):
    its outputs are the layers' pictures, the output node says its answer, the wires carry its activation sizes.
    `locked`: the nodes a teacher's link locks, drawn disabled. `marks`: layer id -> {"kind": "added" | "changed",
    "text": what changed, in words}, what a variant changed from the setup it varies (drawn outlined and tagged)."""
    shown, drawing = drawn(spec, direction, collapsed)
    params = _params(checked)
    views = (sample or {}).get("layers") or {}
    live, scale = live_looks(snapshot, views) if snapshot is not None else ({}, None)
    shapes = {"input": shape_text(spec["input"]["shape"])} | {
        lid: shape_text(info.shape) for lid, info in checked.layers.items() if info.shape is not None}
    errors: dict[str, list] = {}
    for e in checked.errors:
        if e.layer_id is not None:
            errors.setdefault(e.layer_id, []).append(e)
    look = _Look(spec, shapes, params, errors, live)
    nodes = [look.node(n, shown, drawing.positions[n]) | {"locked": n in locked, "mark": (marks or {}).get(n)}
             for n in shown.nodes]
    if sample is not None:
        for node in nodes:
            if node["role"] == "output" and sample.get("output"):
                node["answer"] = sample_answer(sample["output"])
    carried = sample_sizes(sample) if sample is not None else {}
    widths = {lid: w for lid, (w, _) in carried.items()} if carried else \
        wire_widths(snapshot) if snapshot is not None else {}
    edges = [{"source": s, "target": t, "label": _wire_label(shapes.get(wires[0][0], ""), carried.get(wires[0][0])),
              "width": widths.get(wires[0][0], 1.5), "lane": drawing.lanes.get((s, t)),
              "wires": [list(w) for w in wires], "sample": wires[0][0] in carried}
             for (s, t), wires in shown.wires.items()]
    frames = [look.frame(f, box) for f, box in zip(shown.frames, drawing.frames)]
    return {"nodes": nodes, "edges": edges, "frames": frames, "bounds": drawing.bounds, "card": list(layout.CARD),
            "panel": [layout.PANEL_GAP, *layout.PANEL], "palette": palette() if marks is None else [],
            "selected": selected, "direction": direction, "fit_token": fit_token,
            "legend": _legend(scale) if scale else None, "message": message, "read_only": read_only,
            "quick": quick_edits(spec, selected) if not read_only else {"hidden": None, "sync": None}, "grouped": bool(shown.frames or shown.members),
            "collapsed": sorted(shown.members)}


@functools.lru_cache(maxsize=32)
def _drawn(key: str, direction: str, collapsed: tuple[str, ...]) -> tuple[blocks.View, layout.Drawing]:
    spec = json.loads(key)
    shown = blocks.view(spec, collapsed)
    return shown, layout.draw(spec, shown, direction)


def drawn(spec: dict, direction: str = "TB", collapsed=()) -> tuple[blocks.View, layout.Drawing]:
    """The view (blocks collapsed) and where everything in it goes; computed once per spec, direction and collapse
    (a run redraws the canvas every second). Read-only: shared by every caller."""
    return _drawn(json.dumps(spec, sort_keys=True), direction, tuple(sorted(collapsed)))


class _Look:
    """What each node and box shows, from the checked spec."""

    def __init__(self, spec: dict, shapes: dict, params: dict, errors: dict, live: dict):
        self.spec, self.shapes, self.params, self.errors, self.live = spec, shapes, params, errors, live
        self.types = {l["id"]: l["type"] for l in spec["layers"]}
        self.output = spec["layers"][-1]["id"]
        self.reads = wiring.wires(spec)
        self.runs = blocks.repeats(spec)

    def node(self, n: str, shown: blocks.View, position) -> dict:
        base = {"id": n, "kind": shown.kind(n), "position": position}
        if n == "input":
            return base | {"type": "Input", "title": "input", "shape": self.shapes["input"], "params": 0,
                           "error": None, "merge": False, "role": "input", "deletable": False, "live": None,
                           "units": False, "full": "input"}
        if n in shown.members:
            return base | self.block(shown.members[n], shown.runs[n], n)
        problem = self.errors.get(n)
        parts = blocks.split_id(n)
        return base | {
            "type": self.types[n], "title": parts[1] if parts else n, "full": n, "shape": self.shapes.get(n, ""),
            "params": self.params.get(n, 0), "merge": wiring.is_merge(self.spec, n), "deletable": True,
            "error": {"message": "; ".join(e.message for e in problem),
                      "hint": "; ".join(e.hint for e in problem if e.hint)} if problem else None,
            "role": "output" if n == self.output else "layer", "live": self.live.get(n),
            "units": self.types[n] == "Linear" and n != self.output}

    def block(self, members: tuple[str, ...], run: blocks.Repeat, key: str) -> dict:
        """A collapsed block as one node: its name, how many layers, their parameters, the shapes in and out."""
        inside = set(members)
        entry = next((s for m in members for s in self.reads[m] if s not in inside), None)
        problems = sum(len(self.errors.get(m, [])) for m in members)
        title = run.title if key == run.key else key.partition(":")[2]
        return {"type": f"{len(members)} layers", "title": title, "full": title, "params": sum(
                    self.params.get(m, 0) for m in members), "shape": self.shapes.get(members[-1], ""),
                "shape_in": self.shapes.get(entry, "") if entry else "", "merge": False, "deletable": False,
                "error": {"message": f"{problems} problem{'s' * (problems != 1)} inside: expand to see them",
                          "hint": ""} if problems else None,
                "role": "output" if self.output in inside else "layer", "live": None, "units": False,
                "repeat": self.repeat_control(run) if key == run.key else None}

    def repeat_control(self, run: blocks.Repeat) -> dict:
        """The ×N control of a run: how many copies; whether more can be added (after the family's last run only)."""
        last = [r for r in self.runs if r.family == run.family][-1]
        return {"group": run.groups[-1].name, "count": len(run.groups), "more": last.key == run.key}

    def frame(self, f: blocks.Frame, drawn: dict) -> dict:
        members = f.run.members if f.id == f.run.key else next(g.members for g in f.run.groups if f.id == f"group:{g.name}")
        return {"id": f.id, "title": f.title, "box": drawn["box"], "head": drawn["head"], "level": f.level,
                "layers": len(members),
                "params": sum(self.params.get(m, 0) for m in members),
                "repeat": self.repeat_control(f.run) if f.id == f.run.key else None}


def quick_edits(spec: dict, selected: str | None) -> dict:
    """The canvas's quick edits on offer: hidden layers of a dense stack (count, whether one can go), and for a
    layer in a repeated block whose copies differ from it, applying its settings to every copy."""
    stack = dense_stack(spec)
    differ = blocks.differing_copies(spec, selected) if selected else []
    return {"hidden": {"count": len(stack), "remove": bool(stack)} if stack is not None else None,
            "sync": {"id": selected, "copies": len(differ)} if differ else None}


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


def live_looks(snapshot, sample: dict | None = None) -> tuple[dict[str, dict], tuple[float, float]]:
    """Per layer: the fill colour (gradient norm, shared log scale), the badges and the pictures; and the scale.
    `sample`: a followed sample's trace (layer id -> `trace` view): its outputs are the layers' pictures instead."""
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
    for lid, (thumbs, title) in sample_pictures(sample or {}).items():
        out.setdefault(lid, {"fill": None, "grad_norm": None, "update_ratio": None, "dead": None, "alert": None})
        out[lid].update(thumbs=thumbs, thumbs_title=title)
    return out, scale


def sample_pictures(views: dict) -> dict[str, tuple[list[dict], str]]:
    """Per layer, one followed sample's output as the node's pictures, on one colour scale per layer (blue
    negative, white zero, orange positive): a strip of its units, its feature maps, or its units over time."""
    out = {}
    for lid, view in views.items():
        bound = max(abs(view.get("lo") or 0.0), abs(view.get("hi") or 0.0)) or 1.0
        kind, shown = view.get("kind"), f"{view.get('shown')} of {view.get('total')}"
        if kind in ("vector", "values"):
            strip = np.asarray(view["values"], dtype=np.float32)[None, :]
            out[lid] = ([unit_picture(np.repeat(strip, 2, 0), f"this sample: {shown} values", bound=bound)],
                        f"this sample's output: {shown} values, blue negative, orange positive")
        elif kind == "maps":
            maps = np.asarray(view["maps"])[:MAX_THUMBS]
            out[lid] = ([unit_picture(m, f"channel {i}", bound=bound) for i, m in enumerate(maps)],
                        f"this sample's feature maps ({shown} channels)")
        elif kind == "matrix":
            out[lid] = ([unit_picture(np.asarray(view["values"]).T, "units (rows) over time (columns)", bound=bound)],
                        "this sample's output: units (rows) over time (columns)")
    return out


def _finite(v):
    return float(v) if isinstance(v, (int, float)) and math.isfinite(v) else None


def unit_picture(values: np.ndarray, label: str, diverging: bool = True, bound: float | None = None) -> dict:
    """One picture: its values quantised to 0–255 between lo and hi, base64 (a few hundred bytes, sent every
    second while a run trains). On the diverging scale 128 is zero: a unit that outputs zero everywhere (a dead
    ReLU) is white, never the blue of "most negative". `bound`: the scale's ±end, shared with other pictures
    (else this picture's own largest magnitude)."""
    v = np.nan_to_num(np.asarray(values, dtype=np.float32))
    m = bound if bound is not None and math.isfinite(bound) else (float(np.abs(v).max()) if v.size else 0.0)
    m = m if m > 0 else 1.0
    lo, hi = (-m, m) if diverging else (float(v.min()), float(v.max()))
    hi = hi if hi > lo else lo + 1e-6
    levels = np.clip(np.round((v - lo) / (hi - lo) * 255), 0, 255).astype(np.uint8)
    return {"w": int(v.shape[1]), "h": int(v.shape[0]), "v": base64.b64encode(levels.tobytes()).decode("ascii"),
            "lo": lo, "hi": hi, "diverging": diverging, "label": label}


def _thumbs(view: dict) -> tuple[list[dict], str | None]:
    if "units" in view:
        units = np.asarray(view["units"])[:MAX_THUMBS]
        return [unit_picture(u, f"unit {i}") for i, u in enumerate(units)], "each unit's output over the input plane"
    if "maps" in view:
        maps = np.asarray(view["maps"])[:8]
        return [unit_picture(m, f"channel {i}") for i, m in enumerate(maps)], "feature maps of one probe sample"
    if "sequence" in view:
        seq = np.asarray(view["sequence"])  # [units, steps]
        return [unit_picture(seq, "hidden state: units (rows) over time (columns)")], "hidden state over time"
    return [], None


def wire_widths(snapshot) -> dict[str, float]:
    """Wire width by the RMS of the source layer's output over the probe samples (1 to 8 px on a log scale across
    the network)."""
    return rms_widths({lid: v.get("rms") for lid, v in snapshot.nodes.items()}) | {"input": 2.5}


def rms_widths(rms: dict) -> dict[str, float]:
    """Widths 1 to 8 px on a log scale across the network, one per source of a finite, positive RMS."""
    rms = {lid: r for lid, r in rms.items() if isinstance(r, (int, float)) and r > 0 and math.isfinite(r)}
    if not rms:
        return {}
    logs = {lid: math.log10(r) for lid, r in rms.items()}
    low, high = min(logs.values()), max(logs.values())
    span = max(high - low, 1.0)
    return {lid: round(1.0 + 7.0 * (v - low) / span, 2) for lid, v in logs.items()}


def sample_sizes(sample: dict) -> dict[str, tuple[float, float]]:
    """Per wire source (a layer id, or "input"): (width, RMS) of the followed sample's activation there, the
    input as the network reads it raw; on the same log scale as `wire_widths`. A source of zero output (every unit
    dead for this sample) gets the thinnest wire."""
    rms = {lid: view.get("rms") for lid, view in (sample.get("layers") or {}).items()}
    values = np.asarray((sample.get("input") or {}).get("values", []), dtype=np.float64).reshape(-1)
    values = values[np.isfinite(values)]
    if values.size:
        rms["input"] = float(np.sqrt(np.mean(values ** 2)))
    widths = rms_widths(rms)
    return {lid: (widths.get(lid, 1.0), float(r)) for lid, r in rms.items()
            if isinstance(r, (int, float)) and math.isfinite(r)}


def _wire_label(shape: str, carried: tuple[float, float] | None) -> str:
    return shape if carried is None else f"{shape} · rms {carried[1]:.2g}".strip(" ·")


def sample_answer(output: dict) -> dict:
    """What the output node says of a followed sample: its prediction (a class with its probability, or values),
    the true class or values, whether it is right, the loss, and each class's probability (at most MAX_CLASSES)."""
    loss = _finite(output.get("loss"))
    if output.get("kind") == "classes":
        probs = np.asarray(output["probabilities"], dtype=np.float64).reshape(-1)
        names = shown_classes(output.get("class_names"), len(probs))
        i, true = int(output["predicted"]), output.get("true")
        return {"kind": "classes", "predicted": names[i], "p": float(probs[i]), "loss": loss,
                "true": None if true is None else names[int(true)], "correct": output.get("correct"),
                "classes": [{"name": n, "p": float(p), "predicted": k == i, "true": k == true}
                            for k, (n, p) in enumerate(zip(names, probs))][:MAX_CLASSES],
                "more": max(0, len(names) - MAX_CLASSES)}
    values = np.asarray(output.get("predicted", []), dtype=np.float64).reshape(-1)
    true = output.get("true")
    return {"kind": "values", "values": [float(v) for v in values[:4]], "more": max(0, values.size - 4), "loss": loss,
            "true": None if true is None else [float(v) for v in np.asarray(true, dtype=np.float64).reshape(-1)[:4]],
            "correct": None}


def _legend(scale: tuple[float, float]) -> dict:
    return {"title": "gradient norm (log)", "lo": f"1e{math.floor(scale[0]):d}", "hi": f"1e{math.ceil(scale[1]):d}",
            "colors": list(GRADIENT_COLORS)}
