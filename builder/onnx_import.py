"""Reading an ONNX file into a netbuilder/1 spec and its weights, without running anything in it.

A file is checked before anything is read from it: its size, where its data lies (a file beside it at most), no
subgraphs or functions, and no tensor that declares more values than it holds or than a network may have. The graph
is then walked node by node; what each operator becomes is onnx_ops's business (its OPS table). Anything NetBuilder
has no layer for is refused, naming the node, its operator and what is supported.
"""
from __future__ import annotations

import ast
import math
from collections import Counter
from pathlib import Path

import numpy as np
import torch

from .errors import BundleError, printable
from .imported import ImportedNetwork, LayerIds, compact, finish, reaching, settle_recurrent
from .onnx_ops import OPS, supported
from .onnx_values import (DYNAMIC_BATCH, FLOAT_TYPES, INT_TYPES, MAX_FOLDED, Pending, Refused, Tensor, describe,
                          plain_tensor, text)
from .registry import REGISTRY, ShapeProblem
from .settings import settings

MAX_INT = 2**48  # larger numbers in shape arithmetic are an attack or a mistake, not a shape
TYPED_FIELDS = {1: "float_data", 10: "int32_data", 11: "double_data", 6: "int32_data", 7: "int64_data",
                9: "int32_data"}


# ---- reading and checking the file ------------------------------------------------------------------

def read_onnx_file(path: Path, name: str | None = None) -> ImportedNetwork:
    """An ONNX file from disk, with its weights when they sit in a file beside it (PyTorch's exporter writes
    `model.onnx.data` by default); the file and its data together are at most NETBUILDER_MAX_UPLOAD_MB."""
    limit = settings().max_upload_bytes
    try:
        size = path.stat().st_size
        if size > limit:
            raise BundleError(f"{path}: the file is {size:,} bytes; at most {limit:,} are read "
                              "(NETBUILDER_MAX_UPLOAD_MB)")
        data = path.read_bytes()
    except OSError as e:
        raise BundleError(f"{path}: cannot be read ({e.strerror or e})") from None
    name = name or path.name
    model = parse(data, name)
    load_external_data(model, path.resolve().parent, limit - len(data), name)
    check_model(model, name)
    return Converter(model, name).convert()


def import_onnx(data: bytes, name: str = "model.onnx") -> ImportedNetwork:
    """The network in an ONNX file's bytes, as a checked spec and its weights; nothing in the file is run, and no
    other file is read (weights kept in another file are refused)."""
    limit = settings().max_upload_bytes
    if len(data) > limit:
        raise BundleError(f"{name}: the file is {len(data):,} bytes; at most {limit:,} are read "
                          "(NETBUILDER_MAX_UPLOAD_MB)")
    model = parse(data, name)
    check_model(model, name)
    return Converter(model, name).convert()


def parse(data: bytes, name: str):
    try:
        import onnx
    except ImportError:
        raise BundleError(f"{name}: reading ONNX files needs the onnx package (pip install onnx)") from None
    try:
        model = onnx.load_model_from_string(data)  # parses only: data in other files is never read from bytes
    except Exception as e:  # protobuf's DecodeError, or its recursion limit on deeply nested messages
        raise BundleError(f"{name}: not an ONNX model ({type(e).__name__}: {printable(str(e))[:200]})") from None
    if not model.HasField("graph") or not model.graph.node:
        raise BundleError(f"{name}: holds no graph of operators")
    return model


def check_model(model, name: str) -> None:
    """Refuse, before anything is read or allocated, what a plain network never needs and an attack would use."""
    graph = model.graph
    if model.functions:
        raise BundleError(f"{name}: defines functions ({text(model.functions[0].name)}, …); NetBuilder reads a "
                          "plain graph of operators (export without functions)")
    if model.training_info or graph.sparse_initializer:
        raise BundleError(f"{name}: holds training graphs or sparse tensors; NetBuilder reads a plain inference graph")
    for node in graph.node:
        for attr in node.attribute:
            if attr.type in (5, 10) or attr.HasField("g") or attr.graphs:  # GRAPH, GRAPHS
                raise BundleError(f"{name}: {_nodetext(node)}: holds a subgraph (as If, Loop and Scan do); "
                                  "NetBuilder reads straight-line graphs only")
            if attr.tensors or attr.HasField("sparse_tensor") or attr.sparse_tensors:
                raise BundleError(f"{name}: {_nodetext(node)}: holds a list of tensors or a sparse tensor")
    for tensor, what in _tensors(model):
        check_tensor(tensor, name, what)


def _tensors(model):
    """Every tensor a graph holds: its initializers and its Constant nodes' values."""
    yield from ((t, f"tensor '{text(t.name)}'") for t in model.graph.initializer)
    for node in model.graph.node:
        for attr in node.attribute:
            if attr.HasField("t"):
                yield attr.t, f"{_nodetext(node)}'s constant"


def _outside(location: str) -> bool:
    return location.startswith(("/", "\\")) or ".." in location.replace("\\", "/").split("/") or ":" in location


def _declared(tensor, name: str, what: str) -> tuple[int, int]:
    """(values, bytes per value) a tensor declares, after checking its type and size."""
    if tensor.data_type not in TYPED_FIELDS:
        raise BundleError(f"{name}: {what} holds values of ONNX type {tensor.data_type}; NetBuilder reads float and "
                          "integer tensors")
    dims = list(tensor.dims)
    if any(d < 0 for d in dims):
        raise BundleError(f"{name}: {what} declares a negative size {dims[:8]}")
    count = math.prod(dims)
    if count > settings().max_params:
        raise BundleError(f"{name}: {what} declares {count:,} values; at most {settings().max_params:,} "
                          "(NETBUILDER_MAX_PARAMS)")
    return count, np.dtype({**FLOAT_TYPES, **INT_TYPES}[tensor.data_type]).itemsize


def load_external_data(model, folder: Path, budget: int, name: str) -> None:
    """Read weights an ONNX file keeps in other files, when those files sit in its own folder; the bytes read in all
    stay within `budget`. A path that leads anywhere else is refused (it is how a crafted file reads other files)."""
    for tensor, what in _tensors(model):
        if tensor.data_location != 1 and not tensor.external_data:
            continue
        info = {e.key: e.value for e in tensor.external_data}
        location = info.get("location", "")
        if not location or _outside(location) or "/" in location or "\\" in location:
            raise BundleError(f"{name}: {what} keeps its data in {text(location)!r}, a path outside the file's "
                              "folder; NetBuilder reads data only from a file beside it")
        count, itemsize = _declared(tensor, name, what)
        try:
            offset, length = int(info.get("offset", 0)), int(info.get("length", count * itemsize))
        except ValueError:
            raise BundleError(f"{name}: {what} gives its data's place as {text(info)!r}") from None
        path = (folder / location).resolve()
        if path.parent != folder or not path.is_file():
            raise BundleError(f"{name}: {what} keeps its data in {text(location)!r}, which is not a file beside it")
        if length != count * itemsize or offset < 0 or length > budget:
            raise BundleError(f"{name}: {what} declares {count:,} values in {length:,} bytes of {text(location)!r}"
                              + ("; more than the size limit (NETBUILDER_MAX_UPLOAD_MB)" if length > budget else ""))
        budget -= length
        with path.open("rb") as f:
            f.seek(offset)
            tensor.raw_data = f.read(length)
        if len(tensor.raw_data) != length:
            raise BundleError(f"{name}: {what}: {text(location)!r} holds fewer bytes than it declares")
        del tensor.external_data[:]
        tensor.data_location = 0


def check_tensor(tensor, name: str, what: str) -> None:
    """A tensor's data must be in the file, of a type NetBuilder reads, and exactly as large as its shape declares."""
    if tensor.data_location == 1 or tensor.external_data:
        location = next((e.value for e in tensor.external_data if e.key == "location"), "")
        raise BundleError(f"{name}: {what} keeps its data in another file ({text(location)!r})"
                          + (", a path outside the file's folder" if _outside(location) else "")
                          + "; NetBuilder reads one self-contained .onnx file (export with external_data=False)")
    count, itemsize = _declared(tensor, name, what)
    held = len(tensor.raw_data) // itemsize if tensor.raw_data else len(getattr(tensor, TYPED_FIELDS[tensor.data_type]))
    if held != count or (tensor.raw_data and len(tensor.raw_data) != count * itemsize):
        raise BundleError(f"{name}: {what} declares shape {list(tensor.dims)[:8]} ({count:,} values) but holds "
                          f"{held:,}")


def _nodetext(node) -> str:
    return f"node '{text(node.name) or '?'}' ({text(node.op_type, 40)})"


# ---- the converter ---------------------------------------------------------------------------------

class Converter:
    """Walks the graph in its (topological) order; `values` maps each tensor name to what it holds. Each operator's
    converter (onnx_ops) reads its inputs through it, adds layers through it and refuses through it."""

    def __init__(self, model, where: str):
        import onnx
        from onnx import numpy_helper

        self.onnx, self.numpy_helper = onnx, numpy_helper
        self.model, self.graph, self.where = model, model.graph, where
        self.opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 1)
        self.initializers = {t.name: t for t in self.graph.initializer}
        self.consumers = Counter(name for node in self.graph.node for name in node.input)
        self.consumers.update(o.name for o in self.graph.output)
        self.ids = LayerIds()
        self.layers: list[dict] = []
        self.state: dict[str, torch.Tensor] = {}
        self.values: dict[str, object] = {}
        self.rnn_steps: dict[str, set[str]] = {}
        self.biasless: dict[str, str] = {}  # Linear layers made from a MatMul -> the MatMul's output tensor
        self.inference: dict = {}
        self.notes: list[str] = []
        self.strip = self._common_prefix()
        self.raw_read = False  # a layer reads the input as it comes (so it may not be normalised as well)
        self.node = None

    # -- the walk --

    def convert(self) -> ImportedNetwork:
        spec_input = self._read_input()
        for node in self.graph.node:
            self.node = node
            self._convert_node(node)
        output_id = self._read_output()
        settle_recurrent(self.layers, self.rnn_steps, self.where)
        layers = reaching(self.layers, output_id)
        if self.model.producer_name == "pytorch" and not any(l["type"].startswith("BatchNorm") for l in layers):
            self.notes.append("PyTorch's exporter folds BatchNorm into the convolution or Linear before it and drops "
                              "Dropout: add them on the canvas to fine-tune with them")
        producer = f", written by {text(self.model.producer_name)} {text(self.model.producer_version, 20)}" \
            if self.model.producer_name else ""
        spec = {"format": "netbuilder/1", "name": Path(self.where).stem or "Imported network",
                "description": f"Imported from the ONNX file {self.where}{producer}.", "input": spec_input,
                "layers": compact(layers)}
        kept = {l["id"] for l in layers}
        state = {k: v for k, v in self.state.items() if k.split(".")[0] in kept}
        return finish(spec, state, self.where, self.inference, self.notes)

    def _convert_node(self, node) -> None:
        if node.domain not in ("", "ai.onnx"):
            raise self.refuse(f"comes from the operator set '{text(node.domain)}'; NetBuilder reads the standard "
                              f"ONNX operators. {supported()}")
        convert = OPS.get(node.op_type)
        if convert is None:
            raise self.refuse(f"NetBuilder has no layer for this operator. {supported()}")
        results = convert(self, node)
        results = results if isinstance(results, tuple) else (results,)
        for out_name, value in zip(node.output, results):
            if out_name:
                self.values[out_name] = value
        for out_name in node.output[len(results):]:
            if out_name and self.consumers[out_name]:
                self.values[out_name] = Refused("an output NetBuilder's layer does not give")

    def refuse(self, message: str) -> BundleError:
        where = _nodetext(self.node) if self.node is not None else "the graph"
        return BundleError(f"{self.where}: {where}: {message}")

    def _read_input(self) -> dict:
        inputs = [i for i in self.graph.input if i.name not in self.initializers]
        if len(inputs) != 1:
            raise BundleError(f"{self.where}: has {len(inputs)} inputs; a NetBuilder network takes one")
        tensor_type = inputs[0].type.tensor_type
        dims = list(tensor_type.shape.dim)
        dtype = "float" if tensor_type.elem_type in FLOAT_TYPES else "long" if tensor_type.elem_type in (6, 7) else None
        if dtype is None or not 2 <= len(dims) <= 5:
            raise BundleError(f"{self.where}: its input '{text(inputs[0].name)}' is not a batch of 1 to 4 dimensional "
                              "float or integer samples")
        sample = [d.dim_value for d in dims[1:]]
        if any(d.HasField("dim_param") or d.dim_value < 1 for d in dims[1:]):
            raise BundleError(f"{self.where}: its input '{text(inputs[0].name)}' leaves a size open beyond the batch "
                              f"({[text(d.dim_param or d.dim_value, 20) for d in dims]}); NetBuilder's inputs have "
                              "one fixed shape per sample")
        if math.prod(sample) > settings().max_input_values:
            raise BundleError(f"{self.where}: its input holds {math.prod(sample):,} values per sample; at most "
                              f"{settings().max_input_values:,} (NETBUILDER_MAX_INPUT_VALUES)")
        self.batch = dims[0].dim_value if dims[0].HasField("dim_value") and dims[0].dim_value > 0 else DYNAMIC_BATCH
        self.dtype = dtype
        self.input_shape = tuple(sample)
        self.values[inputs[0].name] = plain_tensor("input", tuple(sample), "raw")
        return {"shape": sample, "dtype": dtype}

    def _read_output(self) -> str:
        self.node = None
        if len(self.graph.output) != 1:
            raise BundleError(f"{self.where}: has {len(self.graph.output)} outputs; a NetBuilder network has one")
        value = self.values.get(self.graph.output[0].name)
        scaling = value if isinstance(value, Pending) and value.kind == "affine" else None
        value = scaling.tensor if scaling else value
        if not isinstance(value, Tensor):
            raise BundleError(f"{self.where}: its output is {describe(value)}, not a tensor a layer computes")
        out = self.source(value)
        if scaling:
            self._output_scaling(scaling, out.base)
        src = out.src
        if src == "input":
            raise BundleError(f"{self.where}: its output is its input; there is no layer to import")
        return src

    # -- values --

    def value(self, node, i: int):
        """Input i of a node: what an earlier node made, or an initializer; None where the input is left out."""
        if i >= len(node.input) or not node.input[i]:
            return None
        name = node.input[i]
        if name in self.values:
            return self.values[name]
        if name in self.initializers:
            array = self.numpy_helper.to_array(self.initializers[name])  # sizes checked by check_tensor
            self.values[name] = array
            return array
        raise self.refuse(f"reads '{text(name)}', which no earlier node makes")

    def tensor(self, node, i: int) -> Tensor:
        value = self.value(node, i)
        if isinstance(value, Refused):
            raise self.refuse(f"reads {value.reason}")
        if not isinstance(value, Tensor):
            raise self.refuse(f"takes {describe(value)} as its input {i + 1}, where NetBuilder's layer takes a "
                              "computed tensor")
        return value

    def const(self, node, i: int, what: str = "weights") -> np.ndarray:
        value = self.value(node, i)
        if not isinstance(value, np.ndarray):
            raise self.refuse(f"computes its {what} (input {i + 1}); NetBuilder reads them as constants "
                              "(export with constant folding)")
        return value

    def ints(self, node, i: int) -> list[int] | None:
        value = self.value(node, i)
        if value is None:
            return None
        if not isinstance(value, np.ndarray) or value.dtype.kind not in "iu":
            raise self.refuse(f"takes {describe(value)} where a list of whole numbers goes (input {i + 1})")
        return [int(v) for v in value.reshape(-1)]

    def attrs(self, node) -> dict:
        return {a.name: self.onnx.helper.get_attribute_value(a) for a in node.attribute}

    def source(self, t: Tensor) -> Tensor:
        """What a layer reads for `t`: a view becomes a Reshape (or Flatten) and a Permute layer first."""
        if t.step == "raw":
            if self.inference.get("normalizer"):
                raise self.refuse("reads the input before its normalisation, which other layers read after it")
            self.raw_read = True
        if t.step in ("seq", "last"):
            self.rnn_steps[t.src].add(t.step)
        if t.canonical:
            return t
        if t.perm[0] != 0:
            raise self.refuse("reads a tensor whose first dimension is not the batch; NetBuilder's layers read "
                              "batch first")
        out = plain_tensor(t.src, t.base)
        if t.view != t.base:
            kind = "Flatten" if len(t.view) == 1 else "Reshape"
            out = self.add(kind, {} if kind == "Flatten" else {"shape": list(t.view)}, [out], names=[t.node])
        if list(t.perm) != list(range(len(t.perm))):
            out = self.add("Permute", {"dims": [p - 1 for p in t.perm[1:]]}, [out], names=[t.node])
        return out

    def layer_input(self, node, i: int) -> Tensor:
        return self.source(self.tensor(node, i))

    # -- layers --

    def add(self, type_name: str, params: dict, inputs: list[Tensor], weights: dict | None = None,
            names: list[str] = ()) -> Tensor:
        """A new layer reading `inputs` (each as a layer outputs it); its weights go into the state dict."""
        shape = self._shape(type_name, params, [t.base for t in inputs])
        if len(self.layers) >= settings().max_layers:
            raise self.refuse(f"makes the network longer than {settings().max_layers:,} layers (NETBUILDER_MAX_LAYERS)")
        lid = self.ids.new(*names, *self._names(self.node), fallback=type_name.lower())
        self.layers.append({"id": lid, "type": type_name, "params": params, "inputs": [t.src for t in inputs]})
        for key, array in (weights or {}).items():
            self.state[f"{lid}.{key}"] = torch.tensor(0) if key == "num_batches_tracked" else \
                torch.from_numpy(np.array(array, dtype=np.float32))
        return plain_tensor(lid, shape)

    def _shape(self, type_name: str, params: dict, in_shapes: list[tuple]) -> tuple:
        """A new layer's output shape, by the registry's own rules (the checker checks the whole spec again)."""
        ltype = REGISTRY[type_name]
        try:
            p = {q.name: q.default for q in ltype.params if not q.required}
            p.update({k: ltype.param(k).check(v) for k, v in params.items()})
            if ltype.merge:
                return tuple(ltype.merge_shape(p, in_shapes))
            if ltype.ranks is not None and len(in_shapes[0]) not in ltype.ranks:
                raise ShapeProblem(f"reads a tensor of rank {len(in_shapes[0])} (batch excluded); NetBuilder's "
                                   f"{type_name} reads rank {' or '.join(map(str, ltype.ranks))}")
            ltype.infer(p, in_shapes[0])
            return tuple(ltype.shape(p, in_shapes[0]))
        except (ShapeProblem, ValueError) as e:
            raise self.refuse(f"as a NetBuilder {type_name}: {getattr(e, 'message', e)}") from None

    def _names(self, node) -> list[str]:
        """Names for the layer a node makes, best first: its weight's name (`conv1.weight`), the module it came
        from (PyTorch's exporter records it), the node's own name."""
        if node is None:
            return []
        weight = next((n for n in node.input if n in self.initializers and n.endswith(".weight")), "")
        names = [weight.rsplit(".", 1)[0]] if weight else []  # first: a fused Conv's scope is its BatchNorm's
        scopes = next((p.value for p in node.metadata_props if p.key == "pkg.torch.onnx.name_scopes"), "")
        if scopes and len(scopes) < 2_000:
            try:
                parts = ast.literal_eval(scopes)
                if isinstance(parts, list) and all(isinstance(x, str) for x in parts) and parts:
                    names.append(parts[-2] if len(parts) >= 2 and parts[-2] else parts[-1])
            except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
                pass
        path = [p for p in node.name.split("/") if p]
        names.append("_".join(path[:-1]) if len(path) > 1 else node.name.removeprefix("node_"))
        return [n[len(self.strip):] if self.strip and n.startswith(self.strip) else n for n in names]

    def view_name(self, node) -> str:
        """The name a view's Reshape or Permute layer gets, should a layer read the view."""
        return next(iter(self._names(node)), "")

    def _common_prefix(self) -> str:
        """"net.": NetBuilder's export wraps the network as `net`; its layers' names are the ids without it."""
        names = [t.name for t in self.graph.initializer if "." in t.name]
        return "net." if names and all(n.startswith("net.") for n in names) else ""

    def _output_scaling(self, value: Pending, shape: tuple) -> None:
        """out · scale + shift after the network: NetBuilder's own export undoing the target scaling."""
        norm = self.inference.get("normalizer", {})
        x_mean, x_std = norm.get("x_mean"), norm.get("x_std")
        if list(shape) == list(self.input_shape) and x_mean is not None and \
                np.allclose(np.broadcast_to(value.scale, (1, *shape)).reshape(-1),
                            np.broadcast_to(np.array(x_std).reshape(norm["x_shape"]), (1, *shape)).reshape(-1)):
            self.inference["task"] = "reconstruction"
            return
        if len(shape) != 1:
            raise BundleError(f"{self.where}: its output is scaled by constants (Mul, Add) that NetBuilder keeps only "
                              "for a regression's [targets] output or an autoencoder's rebuilt input")
        scale, shift = (np.broadcast_to(a.astype(np.float64), (1, shape[0])).reshape(-1) for a in (value.scale,
                                                                                                  value.shift))
        self.inference["task"] = "regression"
        norm = self.inference.setdefault("normalizer", {"x_shape": None, "x_mean": None, "x_std": None})
        norm.update(y_mean=[float(v) for v in shift], y_std=[float(v) for v in scale])

    def fold(self, compute, *arrays):
        """Shape arithmetic on small integer constants, worked out here (as an exporter's constant folding would)."""
        if any(a.size > MAX_FOLDED for a in arrays):
            raise self.refuse(f"computes with a constant of more than {MAX_FOLDED:,} values; NetBuilder works out "
                              "only shape arithmetic")
        try:
            result = np.asarray(compute(*arrays))
        except (ValueError, IndexError, TypeError, ZeroDivisionError, OverflowError) as e:
            raise self.refuse(f"cannot be worked out on its constants ({e})") from None
        if result.size > MAX_FOLDED:
            raise self.refuse(f"makes a constant of more than {MAX_FOLDED:,} values; NetBuilder works out only shape "
                              "arithmetic")
        if result.dtype.kind in "iu" and result.size and np.abs(result).max() > MAX_INT:
            raise self.refuse("makes numbers too large to be a shape")
        return result
