"""Where the canvas draws each node. The layered auto-layout runs top to bottom (TB) or left to right (LR) and is never
wrapped: a long network is fitted by zooming and panned, not re-flowed. Every node's room is known here: its card of
fixed size (a problem is clipped inside it, its full text on hover), and beside the card the live panel a run fills
with badges and pictures, reserved from the start so that starting a run moves nothing. Wires that skip layers run in
lanes beside the nodes they pass; expanded groups get boxes. Positions a person placed are kept, and `resolve` pushes
nodes along the flow until none overlaps another. Plain Python over a `blocks.View`; no streamlit here."""
from __future__ import annotations

import copy
from collections import Counter
from dataclasses import dataclass

import networkx as nx

from .blocks import View, view as block_view
from .wiring import is_point

CARD = (200.0, 58.0)  # every node's card (flow units): the canvas's stylesheet draws it exactly this size
PANEL_GAP, PANEL = 8.0, (168.0, 58.0)  # a layer's live panel: right of its card (TB) or below it (LR)
GAP_ACROSS = 32.0  # between nodes side by side
GAP_ALONG = {"TB": 26.0, "LR": 84.0}  # between consecutive layers: the wire, its arrow and its shape label
LANE_MARGIN = {"TB": 36.0, "LR": 64.0}  # a lane runs this far beside the nodes it passes (outside their boxes)
LANE_STEP = 14.0  # between lanes side by side
LANE_LABEL = {"TB": 20.0, "LR": 24.0}  # room for a lane's shape label (turned along the lane, left of it; or above)
FRAME_PAD, FRAME_HEAD = 12.0, 24.0  # a group's box around its nodes; its head (name, buttons) on top


def room(kind: str, direction: str) -> tuple[float, float]:
    """(width, height) a node takes: a layer's card and its live panel; the input's or a collapsed block's card."""
    w, h = CARD
    if kind != "layer":
        return w, h
    return (w + PANEL_GAP + PANEL[0], h) if direction == "TB" else (w, h + PANEL_GAP + PANEL[1])


@dataclass
class Drawing:
    positions: dict[str, list[float]]  # each view node's card, top left
    sizes: dict[str, tuple[float, float]]  # each node's room (see `room`)
    lanes: dict[tuple[str, str], float]  # a wire that skips layers → its lane's x (TB) or y (LR)
    frames: list[dict]  # {"id", "box": [x, y, w, h], "head": x of its head inside the box} per expanded group
    bounds: list[float]  # [x0, y0, x1, y1] of everything drawn


def draw(spec: dict, shown: View, direction: str = "TB", pinned=(), aside=()) -> Drawing:
    """Where everything goes: the auto-layout for a spec without a `layout`, else the stored positions (a node
    without one placed after what it reads), pushed apart where they overlap (see `resolve`)."""
    sizes = {n: room(shown.kind(n), direction) for n in shown.nodes}
    if stored(spec):
        positions, lanes = _placed(spec, shown, sizes, direction, pinned, aside), {}
    else:
        positions, lanes = auto_layout(shown, sizes, direction)
    frames = _frame_boxes(shown, positions, sizes, direction)
    return Drawing(positions, sizes, lanes, frames, _bounds(positions, sizes, lanes, frames, direction))


def stored(spec: dict) -> dict[str, list[float]]:
    """The positions the spec's `layout` keeps (a person placed the nodes); empty: laid out automatically."""
    layout = spec.get("layout")
    return {k: [float(v[0]), float(v[1])] for k, v in layout.items() if is_point(v)} if isinstance(layout, dict) else {}


def settle(spec: dict, direction: str = "TB", pinned=(), aside=()) -> dict:
    """After an edit of a spec whose nodes a person placed: every node's position written down, the new or moved
    ones (`pinned`) where they were put and the others pushed along the flow until nothing overlaps; a node dropped
    on the canvas (`aside`) steps aside itself if it landed on others."""
    if not stored(spec):
        return spec
    d = draw(spec, block_view(spec), direction, pinned, aside)
    out = copy.deepcopy(spec)
    out["layout"] = {n: [round(x, 1), round(y, 1)] for n, (x, y) in d.positions.items()}
    return out


def unplaced(spec: dict) -> dict:
    """The spec laid out automatically again (its `layout` dropped)."""
    out = copy.deepcopy(spec)
    out.pop("layout", None)
    return out


# ---- the auto-layout --------------------------------------------------------------------------------

def rows(shown: View) -> list[list[str]]:
    """The nodes in layers by their longest path from the input, each layer ordered by the mean place of what its
    nodes read (fewer crossings); one node a layer, in list order, if the wires loop."""
    graph = nx.DiGraph()
    graph.add_nodes_from(shown.nodes)
    graph.add_edges_from(shown.edges)
    if not nx.is_directed_acyclic_graph(graph):
        return [[n] for n in shown.nodes]
    depth: dict[str, int] = {}
    for n in nx.topological_sort(graph):
        depth[n] = max((depth[p] + 1 for p in graph.predecessors(n)), default=0)
    rank = {n: i for i, n in enumerate(shown.nodes)}
    by_depth: dict[int, list[str]] = {}
    for n in sorted(depth, key=lambda n: (depth[n], rank[n])):
        by_depth.setdefault(depth[n], []).append(n)
    slot: dict[str, float] = {}
    out = []
    for d in sorted(by_depth):
        row = by_depth[d]
        if d:
            row.sort(key=lambda n: (sum(slot[p] for p in graph.predecessors(n)) / max(1, graph.in_degree(n)), rank[n]))
        for i, n in enumerate(row):
            slot[n] = i - (len(row) - 1) / 2
        out.append(row)
    return out


def auto_layout(shown: View, sizes: dict[str, tuple[float, float]], direction: str = "TB"):
    """(positions, lanes): layer after layer along the flow, side by side across it, never wrapped; a group's box
    gets room for its head and its padding."""
    tb = direction == "TB"
    along_of = lambda n: sizes[n][1] if tb else sizes[n][0]
    across_of = lambda n: sizes[n][0] if tb else sizes[n][1]
    layers = rows(shown)
    row_of = {n: r for r, row in enumerate(layers) for n in row}
    starts, ends = Counter(), Counter()
    for f in shown.frames:
        starts[min(row_of[n] for n in f.nodes)] += 1
        ends[max(row_of[n] for n in f.nodes)] += 1
    coords: dict[str, tuple[float, float]] = {}  # (along, across)
    along = 0.0
    for r, row in enumerate(layers):
        along += starts[r] * (FRAME_HEAD if tb else FRAME_PAD)
        across, centres = 0.0, []
        for n in row:
            coords[n] = (along, across)
            centres.append(across + (CARD[0] if tb else CARD[1]) / 2)
            across += across_of(n) + GAP_ACROSS
        shift = sum(centres) / len(centres)  # the row's cards centred on the axis
        for n in row:
            coords[n] = (along, coords[n][1] - shift)
        along += max(along_of(n) for n in row) + ends[r] * FRAME_PAD + GAP_ALONG[direction]
    positions = {n: [round(b, 1), round(a, 1)] if tb else [round(a, 1), round(b, 1)] for n, (a, b) in coords.items()}
    return positions, _lanes(shown, layers, row_of, coords, direction)


def _lanes(shown: View, layers, row_of, coords, direction) -> dict[tuple[str, str], float]:
    """A lane for each wire that skips layers, beside (TB: left of; LR: above) the nodes it passes; wires whose
    spans overlap get lanes side by side."""
    long = sorted((e for e in shown.edges if row_of[e[1]] - row_of[e[0]] > 1), key=lambda e: (row_of[e[0]], row_of[e[1]]))
    taken: list[list[tuple[int, int]]] = []
    out = {}
    for s, t in long:
        a, b = row_of[s], row_of[t]
        k = next((i for i, spans in enumerate(taken) if all(b <= lo or a >= hi for lo, hi in spans)), len(taken))
        if k == len(taken):
            taken.append([])
        taken[k].append((a, b))
        edge = min(coords[n][1] for r in range(a + 1, b) for n in layers[r])
        out[(s, t)] = round(edge - LANE_MARGIN[direction] - k * LANE_STEP, 1)
    return out


# ---- positions a person placed -----------------------------------------------------------------------

def _placed(spec: dict, shown: View, sizes, direction: str, pinned, aside) -> dict[str, list[float]]:
    """The stored positions (a collapsed block at its first layer's), a node without one just past what it reads,
    then pushed apart."""
    keep = stored(spec)
    positions: dict[str, list[float]] = {}
    reads: dict[str, list[str]] = {}
    for s, t in shown.edges:
        reads.setdefault(t, []).append(s)
    for n in shown.nodes:
        at = next((keep[m] for m in shown.members.get(n, (n,)) if m in keep), None)
        if at is None:
            anchor = next((positions[s] for s in reads.get(n, []) if s in positions), None)
            at = ([anchor[0], anchor[1] + CARD[1] + GAP_ALONG["TB"]] if direction == "TB" else
                  [anchor[0] + CARD[0] + GAP_ALONG["LR"], anchor[1]]) if anchor else [0.0, 0.0]
        positions[n] = list(at)
    return resolve(positions, sizes, flow_order(shown), direction, pinned, aside)


def flow_order(shown: View) -> list[str]:
    graph = nx.DiGraph()
    graph.add_nodes_from(shown.nodes)
    graph.add_edges_from(shown.edges)
    if not nx.is_directed_acyclic_graph(graph):
        return list(shown.nodes)
    rank = {n: i for i, n in enumerate(shown.nodes)}
    return list(nx.lexicographical_topological_sort(graph, key=rank.get))


def resolve(positions: dict[str, list[float]], sizes: dict[str, tuple[float, float]], order: list[str],
            direction: str = "TB", pinned=(), aside=()) -> dict[str, list[float]]:
    """Each node in turn (the pinned ones first, then in `order`, the `aside` ones last) moved past whatever it
    overlaps among those placed before it: along the flow (a node put on top of a chain pushes the chain on), or
    for an `aside` node across it (a layer dropped on others steps beside them). Afterwards no two overlap."""
    first = [n for n in pinned if n in positions]
    last = [n for n in aside if n in positions and n not in first]
    out: dict[str, list[float]] = {}
    for n in [*first, *(n for n in order if n not in first and n not in last and n in positions), *last]:
        at = list(positions[n])
        axis = (1 if direction == "TB" else 0) if n not in last else (0 if direction == "TB" else 1)
        while True:
            hit = [m for m in out if _overlap((*at, *sizes[n]), (*out[m], *sizes[m]))]
            if not hit:
                break
            gap = GAP_ALONG[direction] if n not in last else GAP_ACROSS
            at[axis] = max(out[m][axis] + sizes[m][axis] for m in hit) + gap
        out[n] = at
    return out


def _overlap(a, b) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def overlaps(positions: dict[str, list[float]], sizes: dict[str, tuple[float, float]]) -> list[tuple[str, str]]:
    """Every pair of nodes whose rooms overlap (the canvas's invariant: none, after any edit)."""
    ids = sorted(positions)
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]
            if _overlap((*positions[a], *sizes[a]), (*positions[b], *sizes[b]))]


# ---- boxes and bounds -----------------------------------------------------------------------------------

def _frame_boxes(shown: View, positions, sizes, direction) -> list[dict]:
    """Each expanded group's box: its nodes (and the boxes inside it) padded, its head on top: in TB above the live
    panels' column, clear of the wire that enters the box and its label."""
    boxes: dict[str, list[float]] = {}
    for f in sorted(shown.frames, key=lambda f: -f.level):
        rects = [(*positions[n], *sizes[n]) for n in f.nodes]
        rects += [boxes[g.id] for g in shown.frames if g.level > f.level and set(g.nodes) <= set(f.nodes)]
        x0 = min(r[0] for r in rects) - FRAME_PAD
        y0 = min(r[1] for r in rects) - FRAME_HEAD
        x1 = max(r[0] + r[2] for r in rects) + FRAME_PAD
        y1 = max(r[1] + r[3] for r in rects) + FRAME_PAD
        boxes[f.id] = [round(x0, 1), round(y0, 1), round(x1 - x0, 1), round(y1 - y0, 1)]
    head = {f.id: max(0.0, positions[f.nodes[0]][0] + CARD[0] + PANEL_GAP - boxes[f.id][0]) if direction == "TB" else 0.0
            for f in shown.frames}
    return [{"id": f.id, "box": boxes[f.id], "head": round(head[f.id], 1)} for f in shown.frames]


def _bounds(positions, sizes, lanes, frames, direction) -> list[float]:
    rects = [(*positions[n], *sizes[n]) for n in positions] + [tuple(f["box"]) for f in frames]
    x0 = min(r[0] for r in rects)
    y0 = min(r[1] for r in rects)
    x1 = max(r[0] + r[2] for r in rects)
    y1 = max(r[1] + r[3] for r in rects)
    if lanes and direction == "TB":
        x0 = min(x0, min(lanes.values()) - LANE_LABEL["TB"])
    elif lanes:
        y0 = min(y0, min(lanes.values()) - LANE_LABEL["LR"])
    return [round(v, 1) for v in (x0, y0, x1, y1)]
