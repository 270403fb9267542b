"""Tracing a PyTorch nn.Module with torch.fx into a netbuilder/1 spec and its weights.

Each call of a torch.nn layer, and each tensor operation NetBuilder has a layer for (adding, multiplying, joining,
flattening, activations), becomes one layer, named by its module path (`layer1.0.conv1` → `layer1_0_conv1`). The
result is checked against the module itself: both must give the same outputs. Tracing runs the module's code, as
Python does: only for a person's own file, on their own machine (the page never runs uploaded code).
"""
from __future__ import annotations

import importlib.util
import operator
import sys
from dataclasses import dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import fx, nn

from . import layers as custom
from .errors import BundleError, printable
from .imported import ImportedNetwork, LayerIds, compact, finish, reaching
from .registry import REGISTRY, LayerType

TRACE_BATCH = 3  # shapes are read at this batch size …
CHECK_BATCH = 5  # … and outputs compared at another, so a batch size written into the module's code shows
TOLERANCE = 1e-4  # largest difference from the module's own outputs, relative to their size

MODULE_TYPES: dict[type, LayerType] = {t.module: t for t in REGISTRY.values()}
# NetBuilder's own layers as its code export copies them into model.py: other classes, the same names and source
# (the outputs are compared all the same)
OWN_LAYERS: dict[str, LayerType] = {t.module.__name__: t for t in REGISTRY.values()
                                     if t.module.__module__ == custom.__name__}
RECURRENT = {nn.LSTM: "LSTM", nn.GRU: "GRU", nn.RNN: "RNN"}  # torch's own: they return (output, state)
PASS_THROUGH_MODULES = (nn.Identity,)


@dataclass(frozen=True)
class Out:
    """A traced tensor: the layer that makes it (or "input"), and for a recurrent layer which of its outputs."""

    src: str
    step: str = ""  # a recurrent layer's output: "seq" (every step) or "last" (the last step)


@dataclass(frozen=True)
class RnnState:
    """A recurrent layer's (output, state) tuple, its state, or the hidden state inside an LSTM's (h, c)."""

    src: str
    part: str  # "tuple" | "state" | "h"


class Shapes:
    """Marks a traced value that only describes shapes (x.size(0), x.shape): it may feed a reshape, nothing else."""


# ---- loading a person's module -------------------------------------------------------------------

def load_module(target: str) -> nn.Module:
    """`path/to/file.py:ClassName` → ClassName(), built by running the file (as `python file.py` would)."""
    path_text, _, class_name = target.rpartition(":")
    path = Path(path_text)
    if not path.is_file():
        raise BundleError(f"{path}: no such Python file")
    spec = importlib.util.spec_from_file_location(f"netbuilder_user_{path.stem}", path)
    if spec is None:
        raise BundleError(f"{path}: not a Python file NetBuilder can load")
    module = importlib.util.module_from_spec(spec)
    folder = str(path.parent.resolve())
    sys.path.insert(0, folder)  # the file may import its neighbours, as it would when run
    sys.modules[spec.name] = module  # dataclasses and pickling look their module up here
    try:
        spec.loader.exec_module(module)
        cls = getattr(module, class_name, None)
        if not (isinstance(cls, type) and issubclass(cls, nn.Module)):
            found = [n for n, v in vars(module).items() if isinstance(v, type) and issubclass(v, nn.Module)
                     and v.__module__ == module.__name__]
            raise BundleError(f"{path}: defines no nn.Module named {class_name!r}"
                              + (f"; it defines {', '.join(found[:10])}" if found else ""))
        return cls()
    except BundleError:
        raise
    except Exception as e:  # the person's own code failed: say where, in one line
        first = str(e).splitlines()[0] if str(e) else ""
        raise BundleError(f"{path}: running it to build {class_name}() raised {type(e).__name__}: "
                          f"{printable(first)[:300]}") from None
    finally:
        if folder in sys.path:
            sys.path.remove(folder)


# ---- tracing ----------------------------------------------------------------------------------

class _Tracer(fx.Tracer):
    """torch.fx's tracer, which also records the module each operation runs inside (for layer names), and keeps
    NetBuilder's own layers whole."""

    def __init__(self):
        super().__init__()
        self.module_path = ""

    def is_leaf_module(self, m: nn.Module, qualname: str) -> bool:
        return _layer_type(m) is not None or type(m) in RECURRENT or super().is_leaf_module(m, qualname)

    def call_module(self, m, forward, args, kwargs):
        outer, self.module_path = self.module_path, self.path_of_module(m)
        try:
            return super().call_module(m, forward, args, kwargs)
        finally:
            self.module_path = outer

    def create_node(self, *args, **kwargs):
        node = super().create_node(*args, **kwargs)
        node.meta["scope"] = self.module_path
        return node


def trace(module: nn.Module, example: torch.Tensor, where: str) -> fx.GraphModule:
    """The module's graph, each node's output shape and dtype in its meta, found by running it once on `example`."""
    try:
        graph = _Tracer().trace(module)
        traced = fx.GraphModule(_by_target(module, graph), graph)
        with torch.no_grad():
            _Shapes(traced).run(example)
    except Exception as e:
        raise BundleError(f"{where}: cannot be traced ({type(e).__name__}: {printable(str(e).splitlines()[0])[:300]})",
                          ) from None
    return traced


def _by_target(module: nn.Module, graph: fx.Graph) -> dict:
    """What each node's target names, under a name Python can read: fx writes `self.<target>` into the code it
    generates, and a module may be named `class` or `0`. The module path stays in the node's meta."""
    root = {}
    for i, node in enumerate(graph.nodes):
        if node.op in ("call_module", "get_attr"):
            node.meta["path"] = node.target
            item = module.get_submodule(node.target) if node.op == "call_module" else _attribute(module, node.target)
            node.target = f"target_{i}"
            root[node.target] = item
    return root


def _attribute(module: nn.Module, path: str):
    owner, _, name = path.rpartition(".")
    return getattr(module.get_submodule(owner) if owner else module, name)


class _Shapes(fx.Interpreter):
    """Runs the graph once, recording each tensor's shape and dtype (torch's ShapeProp prints tracebacks itself)."""

    def run_node(self, n: fx.Node):
        result = super().run_node(n)
        if isinstance(result, torch.Tensor):
            n.meta["shape"], n.meta["dtype"] = tuple(result.shape), result.dtype
        return result


# ---- the converter --------------------------------------------------------------------------

def import_module(module: nn.Module, input_shape: tuple[int, ...], *, name: str | None = None) -> ImportedNetwork:
    """Trace `module` on inputs of one sample's `input_shape` into a spec and its weights."""
    where = name or type(module).__name__
    module = module.eval()
    dtype = _input_dtype(module)
    example = _example(module, input_shape, dtype, TRACE_BATCH)
    traced = trace(module, example, where)
    converter = _Converter(traced, where)
    layers = converter.convert()
    spec = {"format": "netbuilder/1", "name": where, "description": f"Traced from the PyTorch module {where}.",
            "input": {"shape": list(input_shape), "dtype": dtype}, "layers": compact(layers)}
    imported = finish(spec, converter.state, where)
    _compare(module, imported, input_shape, dtype, where)
    return imported


def _input_dtype(module: nn.Module) -> str:
    """Token ids ("long") when the module starts with an Embedding, floats otherwise."""
    first = next((m for m in module.modules() if not list(m.children())), None)
    return "long" if isinstance(first, nn.Embedding) else "float"


def _example(module: nn.Module, shape, dtype: str, batch: int) -> torch.Tensor:
    g = torch.Generator().manual_seed(0)
    if dtype == "long":
        vocab = min(m.num_embeddings for m in module.modules() if isinstance(m, nn.Embedding))
        return torch.randint(0, vocab, (batch, *shape), generator=g)
    return torch.randn((batch, *shape), generator=g)


def _compare(module: nn.Module, imported: ImportedNetwork, shape, dtype: str, where: str) -> None:
    """The spec's network must give the module's own outputs: anything the trace missed shows here."""
    from .compiler import build_model

    net = build_model(imported.spec, seed=0).eval()
    net.load_state_dict(imported.state)
    x = _example(module, shape, dtype, CHECK_BATCH)
    try:
        with torch.no_grad():
            want, got = module(x), net(x)
    except Exception as e:
        first = printable(str(e).splitlines()[0] if str(e) else "")[:200]
        raise BundleError(f"{where}: fails on a batch of {CHECK_BATCH} ({type(e).__name__}: {first}); is a batch size "
                          "written into its code?") from None
    if not isinstance(want, torch.Tensor) or want.shape != got.shape:
        raise BundleError(f"{where}: the traced network's output has shape {list(got.shape)}, the module's "
                          f"{list(getattr(want, 'shape', []))}")
    gap = (want - got).abs().max().item() / (1.0 + want.abs().max().item())
    if not gap <= TOLERANCE:
        raise BundleError(f"{where}: the traced network's outputs differ from the module's (by {gap:.2g}): it does "
                          "something NetBuilder's layers do not (a constant, a condition, or an operation on weights)")


class _Converter:
    """Walks the traced graph in order, turning each node into a layer, an alias or a refusal that names it."""

    def __init__(self, traced: fx.GraphModule, where: str):
        self.traced, self.where = traced, where
        self.ids = LayerIds()
        self.layers: list[dict] = []
        self.state: dict[str, torch.Tensor] = {}
        self.values: dict[fx.Node, object] = {}
        self.rnn_steps: dict[str, set[str]] = {}  # recurrent layer -> the outputs read from it ("seq", "last")
        self.rnn_modules: dict[str, nn.RNNBase] = {}
        self.called: set[str] = set()  # modules with weights already turned into a layer

    def convert(self) -> list[dict]:
        output = None
        for node in self.traced.graph.nodes:
            if node.op == "placeholder":
                if self.values:
                    raise self.refuse(node, "takes more than one input; NetBuilder networks take one")
                self.values[node] = Out("input")
            elif node.op == "output":
                if not isinstance(node.args[0], fx.Node):
                    raise self.refuse(node, "returns more than one tensor; a NetBuilder network has one output")
                output = self.tensor(node, node.args[0])
                if output.step:
                    self.rnn_steps[output.src].add(output.step)
            elif node.op == "get_attr":
                raise self.refuse(node, f"reads the weight '{_path(node)}' directly; NetBuilder's layers keep their "
                                        "own weights (use an nn layer)")
            else:
                self.values[node] = self.convert_node(node)
        if output is None or output.src == "input":
            raise BundleError(f"{self.where}: its output is its input; there is no layer to import")
        self._settle_recurrent()
        return reaching(self.layers, output.src)

    def refuse(self, node: fx.Node, message: str) -> BundleError:
        return BundleError(f"{self.where}: {_describe(node)} {message}")

    # -- values --

    def tensor(self, node: fx.Node, arg) -> Out:
        value = self.values.get(arg) if isinstance(arg, fx.Node) else None
        if not isinstance(value, Out):
            raise self.refuse(node, f"takes {_what(arg, value)} where NetBuilder's layers take a tensor")
        return value

    def shape(self, arg: fx.Node) -> tuple[int, ...]:
        return arg.meta["shape"][1:]

    def add(self, node: fx.Node, type_name: str, params: dict, sources: list[Out], name: str,
            weights: nn.Module | None = None) -> Out:
        lid = self.ids.new(name)
        for s in sources:
            if s.step:
                self.rnn_steps[s.src].add(s.step)
        self.layers.append({"id": lid, "type": type_name, "params": params, "inputs": [s.src for s in sources]})
        if weights is not None:
            self.state.update({f"{lid}.{k}": v.detach().clone() for k, v in weights.state_dict().items()})
        return Out(lid)

    def _settle_recurrent(self) -> None:
        """A recurrent layer whose last step alone is read returns only that (return_sequences false)."""
        for layer in self.layers:
            steps = self.rnn_steps.get(layer["id"])
            if steps == {"seq", "last"}:
                raise BundleError(f"{self.where}: both every step and the last step of '{layer['id']}' are used; "
                                  "a NetBuilder recurrent layer outputs one or the other")
            if steps == {"last"}:
                layer["params"].pop("return_sequences", None)

    # -- nodes --

    def convert_node(self, node: fx.Node):
        if node.op == "call_module":
            return self.convert_module(node, self.traced.get_submodule(node.target))
        key = node.target if node.op == "call_method" else _FUNCTION_NAMES.get(node.target)
        if key is None and node.op == "call_function":
            raise self.refuse(node, f"has no NetBuilder layer. {SUPPORTED}")
        if key in _SHAPE_OPS:
            return Shapes() if "shape" not in node.meta else self.reshape(node)
        handler = _HANDLERS.get(key)
        if handler is None:
            raise self.refuse(node, f"has no NetBuilder layer. {SUPPORTED}")
        return handler(self, node)

    def scope_name(self, node: fx.Node) -> str:
        base = node.name.rstrip("0123456789").rstrip("_") or node.name
        return f"{node.meta.get('scope', '')}.{base}".lstrip(".")

    def convert_module(self, node: fx.Node, module: nn.Module):
        if isinstance(module, PASS_THROUGH_MODULES):
            return self.tensor(node, node.args[0])
        if any(True for _ in module.parameters()):
            if _path(node) in self.called:
                raise self.refuse(node, "is called a second time: a NetBuilder layer has weights of its own, so "
                                        "shared weights cannot be imported")
            self.called.add(_path(node))
        if type(module) in RECURRENT:
            return self.recurrent(node, module)
        ltype = _layer_type(module)
        if ltype is None:
            raise self.refuse(node, f"({type(module).__name__}) has no NetBuilder layer. {SUPPORTED}")
        sources = [self.tensor(node, a) for a in node.args]
        params = module_params(ltype, module, self.refuse_for(node))
        return self.add(node, ltype.name, params, sources, _path(node), module)

    def refuse_for(self, node: fx.Node):
        return lambda message: self.refuse(node, message)

    def recurrent(self, node: fx.Node, module: nn.RNNBase) -> RnnState:
        """torch's own LSTM, GRU or RNN: its (output, state) is taken apart by the getitems that follow."""
        if not module.batch_first:
            raise self.refuse(node, "reads [steps, batch, features] (batch_first=False); NetBuilder's recurrent "
                                    "layers read batch first: build it with batch_first=True")
        if len(node.args) > 1 or node.kwargs:
            raise self.refuse(node, "is given a starting state; NetBuilder's recurrent layers start from zeros")
        if getattr(module, "proj_size", 0):
            raise self.refuse(node, "uses proj_size, which NetBuilder's LSTM does not have")
        type_name = RECURRENT[type(module)]
        params = {**module_params(REGISTRY[type_name], module, self.refuse_for(node)), "return_sequences": True}
        out = self.add(node, type_name, params, [self.tensor(node, node.args[0])], _path(node), module)
        self.rnn_steps[out.src] = set()
        self.rnn_modules[out.src] = module
        return RnnState(out.src, "tuple")

    def getitem(self, node: fx.Node):
        source, index = node.args
        value = self.values.get(source)
        if isinstance(value, Shapes):
            return Shapes()
        if isinstance(value, RnnState):
            return self.rnn_item(node, value, index)
        out = self.tensor(node, source)
        last = (slice(None), -1)
        if out.step == "seq" and index in (last, (*last, slice(None)), (*last, ...)):
            return Out(out.src, "last")
        raise self.refuse(node, "slices a tensor; NetBuilder has no slicing layer (of a recurrent layer's output it "
                                "reads the last step, x[:, -1])")

    def rnn_item(self, node: fx.Node, value: RnnState, index):
        """output, (h, c) = lstm(x): the output is every step; h[-1] of a one-directional layer is its last step."""
        module = self.rnn_modules[value.src]
        if value.part == "tuple" and index in (0, 1):
            return Out(value.src, "seq") if index == 0 else RnnState(value.src, "state")
        if value.part == "state" and isinstance(module, nn.LSTM) and index == 0:
            return RnnState(value.src, "h")
        hidden = value.part == "h" or (value.part == "state" and not isinstance(module, nn.LSTM))
        if hidden and index in (-1, module.num_layers - 1) and not module.bidirectional:
            return Out(value.src, "last")
        raise self.refuse(node, "reads a part of a recurrent layer's state NetBuilder does not keep (it keeps the "
                                "output, and the last layer's final hidden state of a one-directional layer)")

    def reshape(self, node: fx.Node) -> Out:
        """view, reshape, flatten, squeeze, unsqueeze: the traced shapes say what each does to one sample."""
        source = self.tensor(node, node.args[0] if node.args else node.kwargs.get("input"))
        before, after = node.args[0].meta["shape"], node.meta["shape"]
        if after[:1] != before[:1]:
            raise self.refuse(node, f"reshapes the batch dimension ({list(before)} → {list(after)}); NetBuilder "
                                    "reshapes each sample")
        if after == before:
            return source
        if len(after) == 2:
            return self.add(node, "Flatten", {}, [source], self.scope_name(node))
        return self.add(node, "Reshape", {"shape": list(after[1:])}, [source], self.scope_name(node))


def _layer_type(module: nn.Module) -> LayerType | None:
    if type(module) in MODULE_TYPES:
        return MODULE_TYPES[type(module)]
    own = OWN_LAYERS.get(type(module).__name__)
    return own if own is not None and not type(module).__module__.startswith("torch.") else None


def _path(node: fx.Node) -> str:
    """The module path (or attribute) a node calls, as the person's code names it."""
    return node.meta.get("path", node.target)


def _describe(node: fx.Node) -> str:
    target = _path(node) if isinstance(node.target, str) else getattr(node.target, "__name__", str(node.target))
    kind = {"call_module": "module", "call_method": "method", "call_function": "function"}.get(node.op, node.op)
    return f"node '{node.name}' ({kind} {target})"


def _what(arg, value) -> str:
    if isinstance(value, Shapes):
        return "a shape"
    if isinstance(value, RnnState):
        return "a recurrent layer's state"
    return f"the constant {printable(repr(arg))[:60]}"


# ---- module parameters ------------------------------------------------------------------------

# Attributes a module must have for NetBuilder's layer to compute the same thing: attribute -> (accepted values,
# what NetBuilder's layer does). Checked where the registry type has no parameter of that name.
REQUIREMENTS = {
    "padding_mode": (("zeros",), "pads with zeros"),
    "track_running_stats": ((True,), "keeps running statistics"),
    "return_indices": ((False,), "returns values only"),
    "count_include_pad": ((True,), "counts the padding in each average"),
    "divisor_override": ((None,), "divides by the window's size"),
    "max_norm": ((None,), "does not renormalise its vectors"),
    "scale_grad_by_freq": ((False,), "does not scale gradients by frequency"),
    "sparse": ((False,), "uses dense gradients"),
    "size": ((None,), "scales by a factor (scale_factor), not to a size"),
    "align_corners": ((None, False), "interpolates without align_corners"),
    "batch_first": ((True,), "reads batch first"),
    "ceil_mode": ((False,), "rounds its output size down"),
}
SKIPPED = {"init"}  # PReLU's starting slope: the imported weights replace it


def _problem(ltype: LayerType, module: nn.Module) -> str | None:
    """What in the module a NetBuilder layer of `ltype` cannot do, in words (None: nothing)."""
    for attr, (accepted, meaning) in REQUIREMENTS.items():
        if ltype.param(attr) is None and hasattr(module, attr) and getattr(module, attr) not in accepted:
            return f"has {attr}={getattr(module, attr)!r}; NetBuilder's {ltype.name} {meaning}"
    if isinstance(module, nn.LayerNorm) and (len(module.normalized_shape) != 1 or
                                             (module.elementwise_affine and module.bias is None)):
        return "normalises over more than the last dimension, or has no bias; NetBuilder's LayerNorm has both"
    if isinstance(module, nn.TransformerEncoderLayer) and (not module.self_attn.batch_first or
                                                           module.norm1.eps != 1e-5):
        return "reads batch second, or changes layer_norm_eps; NetBuilder's reads batch first, with eps 1e-5"
    if isinstance(module, (nn.AdaptiveAvgPool1d, nn.AdaptiveAvgPool2d)) and None in _as_tuple(module.output_size):
        return "keeps a dimension's size (output_size None); NetBuilder's gives every size"
    return None


def _as_tuple(value) -> tuple:
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def module_params(ltype: LayerType, module: nn.Module, refuse) -> dict:
    """The registry parameters of `ltype` read from a module's attributes, only those that differ from the default."""
    problem = _problem(ltype, module)
    if problem:
        raise refuse(problem)
    reader = _READERS.get(ltype.name, {})
    params = {}
    for p in ltype.params:
        if p.name in SKIPPED:
            continue
        value = _plain(reader[p.name](module) if p.name in reader else getattr(module, p.name, p.default), p.kind)
        try:
            value = p.check(value)
        except ValueError as e:
            raise refuse(f"cannot be a NetBuilder {ltype.name}: {e}") from None
        if value != p.default and not (p.name == "stride" and p.default is None and value == params["kernel_size"]):
            params[p.name] = list(value) if isinstance(value, tuple) else value
    return params


def _plain(value, kind: str):
    """A module's attribute as a spec writes it: a bool for a bias, one int for an even window."""
    if kind == "bool" and not isinstance(value, bool):
        return value is not None
    if isinstance(value, torch.Size):
        value = tuple(value)
    if kind in ("size", "padding", "shape", "int") and isinstance(value, (tuple, list)):
        if kind != "shape" and value and all(v == value[0] for v in value):
            return value[0]
        return list(value)
    return value


_READERS = {  # registry parameters a module keeps under another name
    "Upsample": {"scale_factor": lambda m: float(_as_tuple(m.scale_factor)[0]) if m.scale_factor is not None else None},
    "MultiheadSelfAttention": {"bias": lambda m: m.in_proj_bias is not None, "dropout": lambda m: float(m.dropout)},
    "TransformerEncoderLayer": {
        "nhead": lambda m: m.self_attn.num_heads, "dim_feedforward": lambda m: m.linear1.out_features,
        "dropout": lambda m: float(m.dropout.p),
        "activation": lambda m: {F.relu: "relu", F.gelu: "gelu"}.get(m.activation, repr(m.activation)),
    },
}


# ---- functions and methods ---------------------------------------------------------------------

def _arguments(node: fx.Node, names: tuple[str, ...], defaults: dict) -> dict:
    bound = dict(defaults)
    bound.update(zip(names, node.args))
    bound.update(node.kwargs)
    return bound


def _activation(type_name: str, names: tuple[str, ...] = ()):
    """A function or method that is one activation layer; `names` are its arguments after the input, in order."""
    ltype = REGISTRY[type_name]

    def handle(c: _Converter, node: fx.Node) -> Out:
        args = _arguments(node, ("input", *names), {})
        if "dim" in names and args.get("dim") is None:
            raise c.refuse(node, "has no dim; give softmax the dimension it normalises")
        params = {k: v for k, v in args.items() if ltype.param(k) is not None and v != ltype.param(k).default}
        return c.add(node, type_name, params, [c.tensor(node, args["input"])], c.scope_name(node))
    return handle


def _pool(type_name: str, names: tuple[str, ...]):
    ltype = REGISTRY[type_name]

    def handle(c: _Converter, node: fx.Node) -> Out:
        args = _arguments(node, ("input", *names), {})
        for attr in ("return_indices", "count_include_pad", "divisor_override", "ceil_mode"):
            accepted, meaning = REQUIREMENTS[attr]
            if ltype.param(attr) is None and args.get(attr, accepted[0]) not in accepted:
                raise c.refuse(node, f"has {attr}={args[attr]!r}; NetBuilder's {type_name} {meaning}")
        params = {}
        for p in ltype.params:
            value = _plain(args.get(p.name), p.kind)
            if value is not None and value not in ((), []) and value != p.default:
                params[p.name] = value
        return c.add(node, type_name, params, [c.tensor(node, args["input"])], c.scope_name(node))
    return handle


def _merge(type_name: str):
    def handle(c: _Converter, node: fx.Node) -> Out:
        args = _arguments(node, ("input", "other", "alpha"), {"alpha": 1})
        if args["alpha"] != 1:
            raise c.refuse(node, "scales what it adds (alpha); NetBuilder's Add sums")
        sources = [c.tensor(node, args["input"]), c.tensor(node, args["other"])]
        shapes = [c.shape(a) for a in (args["input"], args["other"])]
        if type_name == "Add" and shapes[0] != shapes[1]:
            raise c.refuse(node, f"adds tensors of shapes {list(shapes[0])} and {list(shapes[1])}; NetBuilder's Add "
                                 "sums tensors of one shape")
        return c.add(node, type_name, {}, sources, c.scope_name(node))
    return handle


def _concat(c: _Converter, node: fx.Node) -> Out:
    args = _arguments(node, ("tensors", "dim"), {"dim": 0})
    parts = args["tensors"]
    if not isinstance(parts, (list, tuple)) or len(parts) < 2:
        raise c.refuse(node, "joins fewer than two tensors")
    rank = len(parts[0].meta["shape"]) if isinstance(parts[0], fx.Node) and "shape" in parts[0].meta else 0
    dim = args["dim"] % rank if rank else 0
    if dim == 0:
        raise c.refuse(node, "joins along the batch dimension; NetBuilder's Concat joins samples' features")
    return c.add(node, "Concat", {"dim": dim - 1} if dim != 1 else {}, [c.tensor(node, p) for p in parts],
                 c.scope_name(node))


def _permute(c: _Converter, node: fx.Node) -> Out:
    source = node.args[0]
    rank = len(source.meta["shape"])
    if node.target in ("transpose", torch.transpose, "swapaxes"):
        a, b = (d % rank for d in node.args[1:3])
        order = list(range(rank))
        order[a], order[b] = order[b], order[a]
    else:
        dims = node.args[1:] if len(node.args) > 2 or not isinstance(node.args[1], (list, tuple)) else node.args[1]
        order = [d % rank for d in (node.kwargs.get("dims") or dims)]
    if order[0] != 0:
        raise c.refuse(node, "moves the batch dimension; NetBuilder's Permute reorders each sample's dimensions")
    if order == list(range(rank)):
        return c.tensor(node, source)
    return c.add(node, "Permute", {"dims": [d - 1 for d in order[1:]]}, [c.tensor(node, source)], c.scope_name(node))


def _mean(c: _Converter, node: fx.Node) -> Out:
    """x.mean((2, 3)): the global average pooling of an image (and of a sequence: x.mean(2))."""
    args = _arguments(node, ("input", "dim", "keepdim"), {"keepdim": False})
    source = args["input"]
    rank = len(source.meta["shape"])
    dims = args.get("dim")
    dims = sorted(d % rank for d in (dims if isinstance(dims, (list, tuple)) else [dims])) if dims is not None else []
    if rank not in (3, 4) or dims != list(range(2, rank)):
        raise c.refuse(node, "averages over dimensions other than all of an image's or sequence's positions; "
                             "NetBuilder's adaptive average pooling does those")
    out = c.add(node, f"AdaptiveAvgPool{rank - 2}d", {"output_size": 1}, [c.tensor(node, source)], c.scope_name(node))
    if args["keepdim"]:
        return out
    return c.add(node, "Flatten", {}, [out], c.scope_name(node) + "_flat")


def _alias(c: _Converter, node: fx.Node) -> Out:
    if node.target in ("float", "to", "type") and node.meta.get("dtype") != torch.float32:
        raise c.refuse(node, "changes the dtype; NetBuilder's layers work in float32")
    return c.tensor(node, node.args[0])


_FUNCTION_NAMES = {  # functions, by the method name that does the same
    operator.add: "add", torch.add: "add", operator.iadd: "add", operator.mul: "mul", torch.mul: "mul",
    operator.imul: "mul", operator.getitem: "getitem", getattr: "getattr",
    torch.cat: "cat", torch.concat: "cat", torch.concatenate: "cat",
    torch.flatten: "flatten", torch.reshape: "reshape", torch.squeeze: "squeeze", torch.unsqueeze: "unsqueeze",
    torch.permute: "permute", torch.transpose: "transpose", torch.mean: "mean",
    F.relu: "relu", torch.relu: "relu", torch.sigmoid: "sigmoid", F.sigmoid: "sigmoid", torch.tanh: "tanh",
    F.tanh: "tanh", F.gelu: "gelu", F.silu: "silu", F.mish: "mish", F.hardswish: "hardswish",
    F.hardsigmoid: "hardsigmoid", F.elu: "elu", F.leaky_relu: "leaky_relu", F.softmax: "softmax",
    torch.softmax: "softmax", F.log_softmax: "log_softmax", torch.log_softmax: "log_softmax", F.dropout: "dropout",
    F.max_pool1d: "max_pool1d", F.max_pool2d: "max_pool2d", F.avg_pool1d: "avg_pool1d", F.avg_pool2d: "avg_pool2d",
    F.adaptive_avg_pool1d: "adaptive_avg_pool1d", F.adaptive_avg_pool2d: "adaptive_avg_pool2d",
}
_SHAPE_OPS = {"view", "reshape", "flatten", "squeeze", "unsqueeze", "size", "getattr", "dim"}
_POOL_NAMES = ("kernel_size", "stride", "padding", "dilation", "ceil_mode", "return_indices")
_AVG_NAMES = ("kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override")
_HANDLERS = {
    "add": _merge("Add"), "add_": _merge("Add"), "mul": _merge("Mul"), "mul_": _merge("Mul"), "cat": _concat,
    "getitem": _Converter.getitem, "permute": _permute, "transpose": _permute, "mean": _mean,
    "contiguous": _alias, "clone": _alias, "float": _alias, "to": _alias,
    "relu": _activation("ReLU"), "relu_": _activation("ReLU"), "sigmoid": _activation("Sigmoid"),
    "tanh": _activation("Tanh"), "gelu": _activation("GELU", ("approximate",)), "silu": _activation("SiLU"),
    "mish": _activation("Mish"), "hardswish": _activation("Hardswish"), "hardsigmoid": _activation("Hardsigmoid"),
    "elu": _activation("ELU", ("alpha",)), "leaky_relu": _activation("LeakyReLU", ("negative_slope",)),
    "softmax": _activation("Softmax", ("dim",)), "log_softmax": _activation("LogSoftmax", ("dim",)),
    "dropout": _activation("Dropout", ("p",)),
    "max_pool1d": _pool("MaxPool1d", _POOL_NAMES), "max_pool2d": _pool("MaxPool2d", _POOL_NAMES),
    "avg_pool1d": _pool("AvgPool1d", _AVG_NAMES), "avg_pool2d": _pool("AvgPool2d", _AVG_NAMES),
    "adaptive_avg_pool1d": _pool("AdaptiveAvgPool1d", ("output_size",)),
    "adaptive_avg_pool2d": _pool("AdaptiveAvgPool2d", ("output_size",)),
}
SUPPORTED = ("NetBuilder imports torch.nn layers it has (`python -m builder layers` lists them), nn.LSTM/GRU/RNN with "
             "batch_first=True, and these operations: " + ", ".join(sorted(set(_HANDLERS) | _SHAPE_OPS - {"getattr"})))
