"""The checker: ids, types, parameters, wiring (a networkx DAG) and shape inference, every problem collected in
one pass. Every step is linear in the size of the spec, and the number of problems reported is capped, so no
spec can make a check hang or fill the memory."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx

from .errors import SpecError, SpecErrors, count_text, short
from .module_names import MODULE_NAMES
from .registry import REGISTRY, LayerType, Shape, ShapeProblem, closest, count_params, inside_values, STEPWISE
from .settings import settings
from .spec import Spec, parse_spec

# Names nn.Module, and the compiled Network (compiler.py), already use for their own attributes.
RESERVED_IDS = MODULE_NAMES | {"input", "wiring", "output_id", "input_shape", "input_dtype", "_last_use"}


@dataclass
class LayerInfo:
    """One layer after checking: its type, canonical parameters, inputs and inferred shapes."""

    id: str
    type: LayerType | None
    params: dict = field(default_factory=dict)
    inputs: list[str] = field(default_factory=list)
    inferred: dict = field(default_factory=dict)
    in_shapes: list[Shape] = field(default_factory=list)
    shape: Shape | None = None
    dtype: str = "float"

    @property
    def kwargs(self) -> dict:
        return self.type.kwargs(self.params, self.inferred)


@dataclass
class CheckedSpec:
    """A spec with everything the compiler and summary need, or the errors that stop it."""

    spec: Spec
    layers: dict[str, LayerInfo]
    order: list[str]  # execution (topological) order
    graph: nx.DiGraph
    errors: list[SpecError]
    warnings: list[str]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def output_id(self) -> str:
        return self.spec.layers[-1].id

    @property
    def output_shape(self) -> Shape | None:
        info = self.layers.get(self.output_id)
        return info.shape if info else None

    @property
    def vocabulary(self) -> int | None:
        """The token ids every layer that reads them can look up (0 to this, excluded): the smallest vocabulary
        among them, or None where no layer reads token ids."""
        return min((info.kwargs["num_embeddings"] for info in self.layers.values()
                    if info.type is not None and info.type.input_dtype == "long"), default=None)

    def raise_errors(self) -> "CheckedSpec":
        if self.errors:
            raise SpecErrors(self.errors)
        return self


MAX_PROBLEMS = 100  # problems reported for one spec; a spec with more gets a count of the rest
MAX_SUGGESTIONS = 20  # "did you mean …?" hints per spec: each one compares a name with every layer id


def _setting(name: str):
    return field(default_factory=lambda: getattr(settings(), name))


@dataclass(frozen=True)
class SizeLimits:
    """How big a network a server accepts, checked before anything is allocated. Each limit not given is its
    NETBUILDER_MAX_* setting (see `settings`), so a teacher's laptop and a lab's GPU server can differ."""

    max_layers: int = _setting("max_layers")
    max_input_values: int = _setting("max_input_values")  # numbers in one input sample
    max_params: int = _setting("max_params")
    max_activation_values: int = _setting("max_activations")  # numbers all layers output or hold, one sample


class _Hints:
    """Spelling suggestions, at most MAX_SUGGESTIONS per check."""

    def __init__(self):
        self.left = MAX_SUGGESTIONS

    def closest(self, name: str, names) -> list[str]:
        if self.left <= 0:
            return []
        self.left -= 1
        return closest(name, names)


def check_spec(source, limits: SizeLimits | None = None) -> CheckedSpec:
    """Check a spec and infer every layer's output shape; problems are collected, not raised."""
    spec = parse_spec(source)
    limits = limits or SizeLimits()
    errors: list[SpecError] = []
    if _too_big_to_check(spec, limits, errors):
        return CheckedSpec(spec, {}, [], nx.DiGraph(), errors, [])
    hints = _Hints()
    infos = _check_layers(spec, errors, hints)
    graph = _wire(spec, infos, errors, hints)
    order = _order(spec, graph, errors)
    _infer_shapes(spec, infos, order, errors)
    if not errors:
        _check_sizes(spec, infos, order, limits, errors)
    return CheckedSpec(spec, infos, order, graph, _capped(errors), _warnings(spec, graph, infos))


def _capped(errors: list[SpecError]) -> list[SpecError]:
    if len(errors) <= MAX_PROBLEMS:
        return errors
    rest = len(errors) - MAX_PROBLEMS
    return [*errors[:MAX_PROBLEMS],
            SpecError(None, f"…and {rest:,} more problem{'s' * (rest != 1)} not listed",
                      "fix the ones above first")]


def _too_big_to_check(spec: Spec, limits: SizeLimits, errors: list[SpecError]) -> bool:
    values = math.prod(spec.input.shape)
    if len(spec.layers) > limits.max_layers:
        errors.append(SpecError(None, f"the spec has {len(spec.layers):,} layers; this server accepts at most "
                                      f"{limits.max_layers:,}", "the limit is set by NETBUILDER_MAX_LAYERS"))
    if values > limits.max_input_values:
        errors.append(SpecError(None, f"input shape {short(spec.input.shape)} holds {count_text(values)} values "
                                      f"per sample; this server accepts at most {limits.max_input_values:,}",
                                "use a shorter sequence or a smaller image; the limit is set by "
                                "NETBUILDER_MAX_INPUT_VALUES"))
    return bool(errors)


def layer_values(info: LayerInfo) -> tuple[int, int]:
    """(values it outputs, values it holds inside while it runs) for one sample of a checked layer: a recurrent or
    attention layer keeps every step's state and gates, or steps × steps attention weights, which its output alone
    does not show (`registry.INSIDE`)."""
    return math.prod(info.shape), inside_values(info.type.name, info.kwargs, info.in_shapes)


def _check_sizes(spec: Spec, infos: dict[str, LayerInfo], order: list[str], limits: SizeLimits,
                 errors: list[SpecError]) -> None:
    """Parameters (worked out from the layers' arguments) and activations: nothing is allocated, no torch is needed."""
    params = {lid: count_params(infos[lid].type.name, infos[lid].kwargs)[0] for lid in order}
    total = sum(params.values())
    if total > limits.max_params:
        biggest = max(params, key=params.get)
        errors.append(SpecError(biggest, f"has {params[biggest]:,} parameters, and the network {total:,}; this "
                                         f"server accepts at most {limits.max_params:,}",
                                "make the largest layers narrower; the limit is set by NETBUILDER_MAX_PARAMS",
                                infos[biggest].type.name))
    outputs, inside = {}, {}
    for lid in order:
        outputs[lid], inside[lid] = layer_values(infos[lid])
    activations = sum(outputs.values()) + sum(inside.values())
    if activations > limits.max_activation_values:
        biggest = max(order, key=lambda lid: outputs[lid] + inside[lid])
        held = f" and holds {inside[biggest]:,} more while it runs" if inside[biggest] else ""
        errors.append(SpecError(biggest, f"outputs {outputs[biggest]:,} values per sample{held}, and the network "
                                         f"{activations:,}; this server accepts at most "
                                         f"{limits.max_activation_values:,}",
                                ("use shorter sequences or fewer units; " if inside[biggest] else
                                 "pool or stride earlier, or use fewer channels; ") +
                                "the limit is set by NETBUILDER_MAX_ACTIVATIONS", infos[biggest].type.name))


def infer_shapes(source) -> CheckedSpec:
    """Check a spec and raise SpecErrors listing every problem, or return the checked spec."""
    return check_spec(source).raise_errors()


def _check_layers(spec: Spec, errors: list[SpecError], hints: _Hints) -> dict[str, LayerInfo]:
    infos: dict[str, LayerInfo] = {}
    for layer in spec.layers:
        ltype = REGISTRY.get(layer.type)
        if layer.id in infos:
            errors.append(SpecError(layer.id, "duplicate id: another layer already uses it", "give each layer its own id",
                                    layer.type))
            continue
        if layer.id in RESERVED_IDS:
            errors.append(SpecError(layer.id, f"'{layer.id}' is reserved: the compiled module uses that name itself",
                                    "choose another id", layer.type))
        info = infos[layer.id] = LayerInfo(layer.id, ltype)
        if ltype is None:
            near = hints.closest(layer.type, REGISTRY)
            hint = f"did you mean {' or '.join(near)}?" if near else "`python -m builder layers` lists the types"
            errors.append(SpecError(layer.id, f"unknown layer type '{layer.type}'", hint, layer.type))
            continue
        info.params = _check_params(layer.id, ltype, layer.params, errors, hints)
    return infos


def _check_params(layer_id: str, ltype: LayerType, given: dict, errors: list[SpecError], hints: _Hints) -> dict:
    params = {}
    for name, value in given.items():
        p = ltype.param(name)
        if name in ltype.inferred:
            errors.append(SpecError(layer_id, f"{name} is inferred from the incoming shape and may not be written",
                                    f"remove {name}", ltype.name))
        elif p is None:
            near = hints.closest(name, [q.name for q in ltype.params])
            known = ", ".join(q.name for q in ltype.params) or "none"
            errors.append(SpecError(layer_id, f"unknown parameter '{name}'",
                                    f"did you mean {near[0]}?" if near else f"{ltype.name} takes: {known}", ltype.name))
        else:
            try:
                params[name] = p.check(value)
            except ValueError as e:
                errors.append(SpecError(layer_id, str(e), layer_type=ltype.name))
    for p in ltype.params:
        if p.name not in given:
            if p.required:
                errors.append(SpecError(layer_id, f"missing parameter '{p.name}' ({p.help})",
                                        f"add e.g. \"{p.name}\": {p.suggest!r}" if p.suggest is not None else "", ltype.name))
            else:
                params[p.name] = p.default
    return params


def _wire(spec: Spec, infos: dict[str, LayerInfo], errors: list[SpecError], hints: _Hints) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_node("input")
    previous, seen = "input", set()
    for layer in spec.layers:
        info = infos[layer.id]
        graph.add_node(layer.id)
        sources = layer.inputs if layer.inputs is not None else [previous]
        previous = layer.id
        if layer.id in seen:  # a duplicate id: the first layer keeps the name
            continue
        seen.add(layer.id)
        for src in sources:
            if src == layer.id:
                errors.append(SpecError(layer.id, "reads its own output", "choose an earlier layer", layer.type))
            elif src != "input" and src not in infos:
                near = hints.closest(src, [*infos, "input"])
                errors.append(SpecError(layer.id, f"inputs names '{src}', which is no layer's id",
                                        f"did you mean {' or '.join(near)}?" if near else "use 'input' or an id from the spec",
                                        layer.type))
            else:
                info.inputs.append(src)
                graph.add_edge(src, layer.id)
        _check_arity(info, sources, errors)
    return graph


def _check_arity(info: LayerInfo, sources: list[str], errors: list[SpecError]) -> None:
    if info.type is None:
        return
    if not sources:
        errors.append(SpecError(info.id, "is not connected: nothing feeds it",
                                "connect a wire into it, or remove \"inputs\": [] so it reads the layer above",
                                info.type.name))
        return
    if info.type.merge and len(sources) < 2:
        errors.append(SpecError(info.id, f"{info.type.name} merges two or more inputs. Received: inputs={sources}",
                                'list the branches to merge, e.g. "inputs": ["a", "b"]', info.type.name))
    elif not info.type.merge and len(sources) != 1:
        errors.append(SpecError(info.id, f"takes exactly one input. Received: inputs={sources}",
                                "merge branches first with an Add or Concat layer", info.type.name))


def _order(spec: Spec, graph: nx.DiGraph, errors: list[SpecError]) -> list[str]:
    """Execution order; layers in cycles are left out, with one error per loop naming one cycle in it.

    Strongly connected components and one cycle in each are found in linear time: enumerating every cycle
    (a 14-layer mesh has about 10¹⁰) would hang.
    """
    position = {layer.id: i for i, layer in enumerate(spec.layers)} | {"input": -1}
    cyclic: set[str] = set()
    for component in nx.strongly_connected_components(graph):
        if len(component) < 2:
            continue  # a layer reading itself is reported by _wire and never wired
        cyclic |= component
        first = min(component, key=position.get)
        cycle = [u for u, _ in nx.find_cycle(graph.subgraph(component), source=first)]
        start = cycle.index(min(cycle, key=position.get))
        cycle = cycle[start:] + cycle[:start]  # read from the layer listed first
        others = len(component) - len(cycle)
        more = f" ({others} more layer{'s' * (others != 1)} loop through these)" if others else ""
        errors.append(SpecError(cycle[0], f"is part of a cycle: {' → '.join([*cycle, cycle[0]])}{more}",
                                "a network's data flows one way; point one of these inputs at an earlier layer",
                                spec.layer(cycle[0]).type))
    acyclic = graph.subgraph(n for n in graph if n not in cyclic) if cyclic else graph  # a view is slow to walk
    order = list(nx.lexicographical_topological_sort(acyclic, key=position.get))
    return [n for n in order if n != "input"]


def _infer_shapes(spec: Spec, infos: dict[str, LayerInfo], order: list[str], errors: list[SpecError]) -> None:
    shapes: dict[str, Shape | None] = {"input": tuple(spec.input.shape)}
    dtypes = {"input": spec.input.dtype}
    errored = {e.layer_id for e in errors}
    for lid in order:
        info = infos[lid]
        in_shapes = [shapes.get(src) for src in info.inputs]
        if info.type is None or not info.inputs or any(s is None for s in in_shapes) or lid in errored:
            shapes[lid] = None
            continue
        info.in_shapes = in_shapes
        try:
            info.dtype = _check_dtype(info, [dtypes[s] for s in info.inputs])
            info.shape = _layer_shape(info, in_shapes)
        except ShapeProblem as p:
            errors.append(SpecError(lid, p.message, p.hint, info.type.name))
        shapes[lid], dtypes[lid] = info.shape, info.dtype


def _check_dtype(info: LayerInfo, in_dtypes: list[str]) -> str:
    want = info.type.input_dtype
    got = in_dtypes[0]
    if len(set(in_dtypes)) > 1:
        raise ShapeProblem("merges integer and float inputs", "embed the token ids before merging")
    if want == "long" and got != "long":
        raise ShapeProblem("needs integer token ids, but its input is float",
                           'place Embedding right after an input with "dtype": "long"')
    if want == "float" and got == "long":
        raise ShapeProblem("needs float input, but receives integer token ids",
                           "insert an Embedding first to turn token ids into vectors")
    return got if want == "any" else "float"


def _layer_shape(info: LayerInfo, in_shapes: list[Shape]) -> Shape:
    ltype, p = info.type, info.params
    if ltype.merge:
        return tuple(ltype.merge_shape(p, in_shapes))
    shape = in_shapes[0]
    if ltype.ranks is not None and len(shape) not in ltype.ranks:
        ranks = " or ".join(str(r) for r in ltype.ranks)
        raise ShapeProblem(f"needs an input of rank {ranks} (batch excluded). Received: shape {list(shape)}",
                           ltype.rank_hint)
    info.inferred = ltype.infer(p, shape)
    return tuple(ltype.shape(p, shape))


def _warnings(spec: Spec, graph: nx.DiGraph, infos: dict[str, LayerInfo]) -> list[str]:
    out_id = spec.layers[-1].id
    feeding = nx.ancestors(graph, out_id) | {out_id} if out_id in graph else set()
    unused = [f"layer '{l.id}' ({l.type}): its output never reaches the model's output '{out_id}', so it learns "
              "nothing" for l in spec.layers if l.id not in feeding]
    return unused + [f"layer '{lid}' ({info.type.name}): dropout {info.params['dropout']:g} applies only between "
                     "stacked layers, and num_layers is 1, so it does nothing — set num_layers to 2 or more, or add "
                     "a Dropout layer after it"
                     for lid, info in infos.items() if info.type is not None and info.type.name in STEPWISE
                     and info.params.get("dropout") and info.params.get("num_layers", 1) == 1]
