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
from torch import fx, nn

from . import layers as custom
from .errors import BundleError, printable
from .imported import ImportedNetwork, LayerIds, compact, finish, reaching, settle_recurrent
from .registry import REGISTRY, LayerType
from .torch_ops import (AVG_NAMES, FUNCTION_NAMES, POOL_NAMES, SHAPE_OPS, activation, alias, concat, mean, merge,
                        module_params, permute, pool)

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
    from .architectures import let_torchvision_import
    let_torchvision_import()  # the file may build its network from torchvision's definitions
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
    converter = Converter(traced, where)
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


class Converter:
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
            elif node.op == "call_function" and node.target is operator.getitem and not node.users:
                continue  # a part unpacked and never used: out, (h, c) = lstm(x) with c unused
            elif node.op == "get_attr":
                raise self.refuse(node, f"reads the weight '{_path(node)}' directly; NetBuilder's layers keep their "
                                        "own weights (use an nn layer)")
            else:
                self.values[node] = self.convert_node(node)
        if output is None or output.src == "input":
            raise BundleError(f"{self.where}: its output is its input; there is no layer to import")
        settle_recurrent(self.layers, self.rnn_steps, self.where)
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

    # -- nodes --

    def convert_node(self, node: fx.Node):
        if node.op == "call_module":
            return self.convert_module(node, self.traced.get_submodule(node.target))
        key = node.target if node.op == "call_method" else FUNCTION_NAMES.get(node.target)
        if key is None and node.op == "call_function":
            raise self.refuse(node, f"has no NetBuilder layer. {SUPPORTED}")
        if key in SHAPE_OPS:
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
        if type(module) is nn.TransformerEncoder:
            return self.encoder_stack(node, module)
        return self.module_layer(node, module, node.args, _path(node),
                                 f"({type(module).__name__}) has no NetBuilder layer. {SUPPORTED}")

    def module_layer(self, node: fx.Node, module: nn.Module, inputs, name: str, refusal: str) -> Out:
        """One torch.nn module as the NetBuilder layer of its type, with its weights; `refusal` says what it is
        when NetBuilder has no such layer. `inputs`: values already converted (Out), or the node's arguments."""
        ltype = _layer_type(module)
        if ltype is None:
            raise self.refuse(node, refusal)
        sources = [a if isinstance(a, Out) else self.tensor(node, a) for a in inputs]
        return self.add(node, ltype.name, module_params(ltype, module, self.refuse_for(node)), sources, name, module)

    def encoder_stack(self, node: fx.Node, module: nn.TransformerEncoder) -> Out:
        """nn.TransformerEncoder: its layers, one TransformerEncoderLayer each (named enc.layers.0, …), then its
        final norm if it has one."""
        if len(node.args) > 1 or node.kwargs:
            raise self.refuse(node, "is given a mask; NetBuilder's TransformerEncoderLayer attends to every step")
        out = self.tensor(node, node.args[0])
        for i, layer in enumerate(module.layers):
            out = self.module_layer(node, layer, [out], f"{_path(node)}.layers.{i}",
                                    f"holds a {type(layer).__name__}, which has no NetBuilder layer. {SUPPORTED}")
        if module.norm is not None:
            out = self.module_layer(node, module.norm, [out], f"{_path(node)}.norm",
                                    f"ends in a {type(module.norm).__name__}, which has no NetBuilder layer")
        return out

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


_HANDLERS = {
    "add": merge("Add"), "add_": merge("Add"), "mul": merge("Mul"), "mul_": merge("Mul"), "cat": concat,
    "getitem": Converter.getitem, "permute": permute, "transpose": permute, "mean": mean,
    "contiguous": alias, "clone": alias, "float": alias, "to": alias,
    "relu": activation("ReLU"), "relu_": activation("ReLU"), "sigmoid": activation("Sigmoid"),
    "tanh": activation("Tanh"), "gelu": activation("GELU", ("approximate",)), "silu": activation("SiLU"),
    "mish": activation("Mish"), "hardswish": activation("Hardswish"), "hardsigmoid": activation("Hardsigmoid"),
    "elu": activation("ELU", ("alpha",)), "leaky_relu": activation("LeakyReLU", ("negative_slope",)),
    "softmax": activation("Softmax", ("dim",)), "log_softmax": activation("LogSoftmax", ("dim",)),
    "dropout": activation("Dropout", ("p",)),
    "max_pool1d": pool("MaxPool1d", POOL_NAMES), "max_pool2d": pool("MaxPool2d", POOL_NAMES),
    "avg_pool1d": pool("AvgPool1d", AVG_NAMES), "avg_pool2d": pool("AvgPool2d", AVG_NAMES),
    "adaptive_avg_pool1d": pool("AdaptiveAvgPool1d", ("output_size",)),
    "adaptive_avg_pool2d": pool("AdaptiveAvgPool2d", ("output_size",)),
}
SUPPORTED = ("NetBuilder imports torch.nn layers it has (`python -m builder layers` lists them), nn.LSTM/GRU/RNN with "
             "batch_first=True, and these operations: " + ", ".join(sorted(set(_HANDLERS) | SHAPE_OPS - {"getattr"})))
