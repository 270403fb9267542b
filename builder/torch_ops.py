"""How each torch.nn module and each traced function or method becomes a NetBuilder layer: the parameters read
from a module's attributes (and what a module does that NetBuilder's layer cannot: refused, never guessed), and one
handler per function, called by torch_import's converter with itself and the fx node."""
from __future__ import annotations

import operator
from typing import TYPE_CHECKING

import torch
import torch.nn.functional as F
from torch import fx, nn

from .registry import REGISTRY, LayerType

if TYPE_CHECKING:
    from .torch_import import Converter, Out


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
        value = spec_value(reader[p.name](module) if p.name in reader else getattr(module, p.name, p.default), p.kind)
        try:
            value = p.check(value)
        except ValueError as e:
            raise refuse(f"cannot be a NetBuilder {ltype.name}: {e}") from None
        if value != p.default and not (p.name == "stride" and p.default is None and value == params["kernel_size"]):
            params[p.name] = list(value) if isinstance(value, tuple) else value
    return params


def spec_value(value, kind: str):
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

def arguments(node: fx.Node, names: tuple[str, ...], defaults: dict) -> dict:
    bound = dict(defaults)
    bound.update(zip(names, node.args))
    bound.update(node.kwargs)
    return bound


def activation(type_name: str, names: tuple[str, ...] = ()):
    """A function or method that is one activation layer; `names` are its arguments after the input, in order."""
    ltype = REGISTRY[type_name]

    def handle(c: Converter, node: fx.Node) -> Out:
        args = arguments(node, ("input", *names), {})
        if "dim" in names and args.get("dim") is None:
            raise c.refuse(node, "has no dim; give softmax the dimension it normalises")
        params = {k: v for k, v in args.items() if ltype.param(k) is not None and v != ltype.param(k).default}
        return c.add(node, type_name, params, [c.tensor(node, args["input"])], c.scope_name(node))
    return handle


def pool(type_name: str, names: tuple[str, ...]):
    ltype = REGISTRY[type_name]

    def handle(c: Converter, node: fx.Node) -> Out:
        args = arguments(node, ("input", *names), {})
        for attr in ("return_indices", "count_include_pad", "divisor_override", "ceil_mode"):
            accepted, meaning = REQUIREMENTS[attr]
            if ltype.param(attr) is None and args.get(attr, accepted[0]) not in accepted:
                raise c.refuse(node, f"has {attr}={args[attr]!r}; NetBuilder's {type_name} {meaning}")
        params = {}
        for p in ltype.params:
            value = spec_value(args.get(p.name), p.kind)
            if value is not None and value not in ((), []) and value != p.default:
                params[p.name] = value
        return c.add(node, type_name, params, [c.tensor(node, args["input"])], c.scope_name(node))
    return handle


def merge(type_name: str):
    def handle(c: Converter, node: fx.Node) -> Out:
        args = arguments(node, ("input", "other", "alpha"), {"alpha": 1})
        if args["alpha"] != 1:
            raise c.refuse(node, "scales what it adds (alpha); NetBuilder's Add sums")
        sources = [c.tensor(node, args["input"]), c.tensor(node, args["other"])]
        shapes = [c.shape(a) for a in (args["input"], args["other"])]
        if type_name == "Add" and shapes[0] != shapes[1]:
            raise c.refuse(node, f"adds tensors of shapes {list(shapes[0])} and {list(shapes[1])}; NetBuilder's Add "
                                 "sums tensors of one shape")
        return c.add(node, type_name, {}, sources, c.scope_name(node))
    return handle


def concat(c: Converter, node: fx.Node) -> Out:
    args = arguments(node, ("tensors", "dim"), {"dim": 0})
    parts = args["tensors"]
    if not isinstance(parts, (list, tuple)) or len(parts) < 2:
        raise c.refuse(node, "joins fewer than two tensors")
    rank = len(parts[0].meta["shape"]) if isinstance(parts[0], fx.Node) and "shape" in parts[0].meta else 0
    dim = args["dim"] % rank if rank else 0
    if dim == 0:
        raise c.refuse(node, "joins along the batch dimension; NetBuilder's Concat joins samples' features")
    return c.add(node, "Concat", {"dim": dim - 1} if dim != 1 else {}, [c.tensor(node, p) for p in parts],
                 c.scope_name(node))


def permute(c: Converter, node: fx.Node) -> Out:
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


def mean(c: Converter, node: fx.Node) -> Out:
    """x.mean((2, 3)): the global average pooling of an image (and of a sequence: x.mean(2)); and x.mean(1) of a
    sequence whose features come last ([batch, steps, features], as an Embedding, an LSTM or a transformer give
    it), the text classifier's average over its tokens: the same pooling between two Permutes."""
    args = arguments(node, ("input", "dim", "keepdim"), {"keepdim": False})
    source = args["input"]
    rank = len(source.meta["shape"])
    dims = args.get("dim")
    dims = sorted(d % rank for d in (dims if isinstance(dims, (list, tuple)) else [dims])) if dims is not None else []
    steps_first = rank == 3 and dims == [1]
    if rank not in (3, 4) or (dims != list(range(2, rank)) and not steps_first):
        raise c.refuse(node, "averages over dimensions other than all of an image's or sequence's positions; "
                             "NetBuilder's adaptive average pooling does those")
    name, out = c.scope_name(node), c.tensor(node, source)
    if steps_first:
        out = c.add(node, "Permute", {"dims": [1, 0]}, [out], name + "_features_first")
    out = c.add(node, f"AdaptiveAvgPool{rank - 2}d", {"output_size": 1}, [out], name)
    if args["keepdim"]:
        return c.add(node, "Permute", {"dims": [1, 0]}, [out], name + "_steps_first") if steps_first else out
    return c.add(node, "Flatten", {}, [out], name + "_flat")


def alias(c: Converter, node: fx.Node) -> Out:
    if node.target in ("float", "to", "type") and node.meta.get("dtype") != torch.float32:
        raise c.refuse(node, "changes the dtype; NetBuilder's layers work in float32")
    return c.tensor(node, node.args[0])


FUNCTION_NAMES = {  # functions, by the method name that does the same
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
SHAPE_OPS = {"view", "reshape", "flatten", "squeeze", "unsqueeze", "size", "getattr", "dim"}
POOL_NAMES = ("kernel_size", "stride", "padding", "dilation", "ceil_mode", "return_indices")
AVG_NAMES = ("kernel_size", "stride", "padding", "ceil_mode", "count_include_pad", "divisor_override")
