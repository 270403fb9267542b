"""The network as boxes and wires: the edits a canvas makes (connect, disconnect, insert on a wire, add, delete,
move). Plain Python over spec dicts; no streamlit here (where the boxes go is builder.ui.layout).

A spec lists layers in order and a layer without `inputs` reads the one before it. Canvas edits work on the
explicit graph (what each layer reads), then write the layers back in a stable topological order with the model's
output last, spelling out `inputs` only where a layer does not simply read the layer above.
"""
from __future__ import annotations

import copy
import math

import networkx as nx

from ..registry import REGISTRY
from .edits import layer_ids, new_layer



class EditError(ValueError):
    """An edit the canvas cannot make, in words for the person who tried."""


# ---- reading the graph ---------------------------------------------------------------------------

def wires(spec: dict) -> dict[str, list[str]]:
    """What each layer reads, implicit inputs spelt out (references to missing layers dropped)."""
    known = {"input", *layer_ids(spec)}
    out, previous = {}, "input"
    for layer in spec["layers"]:
        sources = layer["inputs"] if layer.get("inputs") is not None else [previous]
        out[layer["id"]] = [s for s in sources if s in known and s != layer["id"]]
        previous = layer["id"]
    return out


def edges(spec: dict) -> list[tuple[str, str]]:
    return [(src, lid) for lid, sources in wires(spec).items() for src in sources]


def is_merge(spec: dict, layer_id: str) -> bool:
    layer = next((l for l in spec["layers"] if l["id"] == layer_id), None)
    return bool(layer) and bool(getattr(REGISTRY.get(layer["type"]), "merge", False))


def output_id(spec: dict) -> str:
    return spec["layers"][-1]["id"]


# ---- writing it back ------------------------------------------------------------------------------

def rebuild(spec: dict, layers: list[dict], reads: dict[str, list[str]], output: str | None,
            order_hint: dict[str, float]) -> dict:
    """The spec with these layers and wires: ordered (stable, output last), inputs written only where needed."""
    graph = nx.DiGraph()
    graph.add_nodes_from(l["id"] for l in layers)
    graph.add_edges_from((s, lid) for lid, sources in reads.items() for s in sources if s != "input")
    if not nx.is_directed_acyclic_graph(graph):
        cycle = [u for u, _ in nx.find_cycle(graph)]
        raise EditError(f"that wire would make a cycle ({' → '.join([*cycle, cycle[0]])}): a network's data flows "
                        "one way")
    by_id = {l["id"]: l for l in layers}
    order = list(nx.lexicographical_topological_sort(graph, key=lambda n: order_hint.get(n, math.inf)))
    output = _choose_output(graph, order, output)
    order.remove(output)
    order.append(output)
    out = copy.deepcopy(spec)
    out["layers"], previous = [], "input"
    for lid in order:
        layer = copy.deepcopy(by_id[lid])
        sources = reads.get(lid, [])
        if sources == [previous]:
            layer.pop("inputs", None)
        else:
            layer["inputs"] = list(sources)
        out["layers"].append(layer)
        previous = lid
    if isinstance(out.get("layout"), dict):
        out["layout"] = {k: v for k, v in out["layout"].items() if k in by_id or k == "input"}
    return out


def _choose_output(graph: nx.DiGraph, order: list[str], previous: str | None) -> str:
    """The model's output after an edit: the same layer while it is still an end; else an end downstream of
    it; else the last end in list order."""
    ends = [n for n in order if graph.out_degree(n) == 0]
    if previous in graph and previous in ends:
        return previous
    if previous in graph:
        below = [n for n in ends if n in nx.descendants(graph, previous)]
        if below:
            return below[-1]
    return ends[-1] if ends else order[-1]


def graph_parts(spec: dict) -> tuple[list[dict], dict[str, list[str]], dict[str, float]]:
    """What an edit works on, its own copies: the layers, what each reads (`wires`) and each one's place in the list
    (the order `rebuild` keeps where the wires allow)."""
    ids = layer_ids(spec)
    if len(set(ids)) != len(ids):
        dup = next(i for i in ids if ids.count(i) > 1)
        raise EditError(f"two layers share the id '{dup}'; rename one on the Layers tab first")
    return copy.deepcopy(spec["layers"]), wires(spec), {lid: float(i) for i, lid in enumerate(ids)}


# ---- the edits ------------------------------------------------------------------------------------

def connect(spec: dict, source: str, target: str) -> dict:
    """A wire from `source`'s output into `target`: a merge (Add, Concat) takes one more input; any other layer
    reads `source` instead of what it read before."""
    layers, reads, hint = graph_parts(spec)
    if target == "input" or target not in reads:
        raise EditError("a wire must end at a layer's input")
    if source != "input" and source not in reads:
        raise EditError(f"no layer '{source}' to connect from")
    if source == target:
        raise EditError("a layer cannot read its own output")
    if source in reads[target]:
        return spec
    reads[target] = [*reads[target], source] if is_merge(spec, target) else [source]
    return rebuild(spec, layers, reads, output_id(spec), hint)


def disconnect(spec: dict, source: str, target: str) -> dict:
    """Remove the wire from `source` into `target` (the layer is then left unconnected if it was its only input)."""
    layers, reads, hint = graph_parts(spec)
    if target not in reads or source not in reads[target]:
        return spec
    reads[target] = [s for s in reads[target] if s != source]
    return rebuild(spec, layers, reads, output_id(spec), hint)


def add_node(spec: dict, type_name: str, position: list[float] | None = None, after: str | None = None,
             edge: tuple[str, str] | None = None) -> tuple[dict, str]:
    """A new layer of this type: dropped on a wire (`edge`), it goes in between; placed after a layer (`after`, a
    click in the palette), it goes into the chain right after it; dropped on empty canvas, it waits unconnected
    until a wire is drawn into it."""
    if type_name not in REGISTRY:
        raise EditError(f"unknown layer type '{type_name}'")
    layers, reads, hint = graph_parts(spec)
    layer = new_layer(type_name, reads)
    lid = layer["id"]
    output = output_id(spec)
    if edge is not None:
        source, target = edge
        if target not in reads or source not in reads[target]:
            raise EditError("that wire is no longer there")
        reads[lid] = [source]
        reads[target] = [lid if s == source else s for s in reads[target]]
        hint[lid] = hint[target] - 0.5
    elif after is not None and (after == "input" or after in reads):
        reads[lid] = [after]
        consumers = [c for c, sources in reads.items() if after in sources and c != lid]
        if len(consumers) == 1 and not is_merge(spec, consumers[0]):
            reads[consumers[0]] = [lid]
        elif after == output:
            output = lid
        hint[lid] = hint.get(after, -1.0) + 0.5
    else:
        reads[lid] = []
        hint[lid] = hint[output] - 0.5
    layers.append(layer)
    new = rebuild(spec, layers, reads, output, hint)
    if position is not None:
        new["layout"] = {**(new.get("layout") or {}), lid: [float(position[0]), float(position[1])]}
    return new, lid


def delete(spec: dict, nodes: list[str] = (), wires_: list[tuple[str, str]] = ()) -> dict:
    """Remove layers and wires. A layer that read a deleted layer reads what that layer read instead (the chain
    closes over the gap) when it can take just one input; a merge simply loses that input."""
    layers, reads, hint = graph_parts(spec)
    gone = {n for n in nodes if n in reads}
    if gone and len(gone) >= len(layers):
        raise EditError("a network needs at least one layer; add another before deleting this one")
    for source, target in wires_:
        if target in reads:
            reads[target] = [s for s in reads[target] if s != source]
    for lid in [l["id"] for l in layers if l["id"] in gone]:
        upstream = reads.pop(lid)
        for consumer, sources in reads.items():
            if lid not in sources:
                continue
            bridged = upstream if len(upstream) == 1 and not is_merge(spec, consumer) and len(sources) == 1 else []
            reads[consumer] = [s for s in sources if s != lid] + [s for s in bridged if s not in sources]
    layers = [l for l in layers if l["id"] not in gone]
    output = output_id(spec)
    if output in gone:
        output = None
    return rebuild(spec, layers, reads, output, hint)


def move(spec: dict, positions: dict[str, list[float]]) -> dict:
    """Remember where the person put nodes (the spec's `layout`)."""
    known = {"input", *layer_ids(spec)}
    moved = {k: [float(v[0]), float(v[1])] for k, v in positions.items() if k in known and is_point(v)}
    if not moved:
        return spec
    out = copy.deepcopy(spec)
    out["layout"] = {**(out.get("layout") or {}), **moved}
    return out


def is_point(v) -> bool:
    """A finite (x, y) position within the canvas's reach."""
    return isinstance(v, (list, tuple)) and len(v) == 2 and all(
        isinstance(c, (int, float)) and not isinstance(c, bool) and math.isfinite(c) and abs(c) < 1e7 for c in v)
