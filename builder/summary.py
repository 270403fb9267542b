"""Per-layer output shapes, parameter counts and FLOPs, as Keras' summary() and torchinfo show them."""
from __future__ import annotations

from dataclasses import asdict, dataclass


from .checker import CheckedSpec, LayerInfo, infer_shapes, layer_values
from .errors import printable
from .registry import count_layer, count_params

BYTES_PER_VALUE = 4  # float32


@dataclass(frozen=True)
class LayerRow:
    id: str
    type: str
    output_shape: list[int]
    params: int
    trainable_params: int
    flops: int


@dataclass(frozen=True)
class Summary:
    layers: list[LayerRow]
    output_shape: list[int]
    total_params: int
    trainable_params: int
    flops: int
    param_bytes: int
    activation_bytes: int  # forward activations of one sample: each layer's output and what it holds inside

    def to_dict(self) -> dict:
        return asdict(self)

    def table(self) -> str:
        """The summary as the CLI prints it, Keras-style; each name escaped for the terminal (`printable`)."""
        rows = [("Layer (type)", "Output shape", "Params", "FLOPs")]
        rows += [(printable(f"{r.id} ({r.type})"), str(r.output_shape), f"{r.params:,}", f"{r.flops:,}")
                 for r in self.layers]
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        line = "─" * (sum(widths) + 6)
        fmt = lambda r: "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
        body = [fmt(rows[0]), line, *(fmt(r) for r in rows[1:]), line]
        body += [f"Total params: {self.total_params:,} ({format_bytes(self.param_bytes)})",
                 f"Trainable params: {self.trainable_params:,}",
                 f"FLOPs per sample: {self.flops:,}",
                 f"Activations per sample: {format_bytes(self.activation_bytes)}",
                 f"Output shape: {self.output_shape}"]
        return "\n".join(body)


def format_bytes(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,.0f} {unit}" if unit == "B" else f"{n:,.1f} {unit}"
        n /= 1024


def layer_stats(info: LayerInfo, in_dtype: str) -> tuple[int, int, int]:
    """(params, trainable params, FLOPs for one sample) of a checked layer."""
    return count_layer(info.type.name, info.kwargs, tuple(info.in_shapes), in_dtype)


def layer_params(info: LayerInfo) -> tuple[int, int]:
    """(params, trainable params) of a checked layer, without counting FLOPs (see `registry.count_params`)."""
    return count_params(info.type.name, info.kwargs)


def network_params(checked: CheckedSpec) -> int:
    """A valid checked spec's parameter count, as `summarize` gives it, without counting FLOPs."""
    return sum(layer_params(checked.layers[lid])[0] for lid in checked.order)


def summarize(source) -> Summary:
    """Summarise a valid spec (raises SpecErrors for an invalid one)."""
    checked = source if isinstance(source, CheckedSpec) else infer_shapes(source)
    checked.raise_errors()
    dtypes = {"input": checked.spec.input.dtype} | {lid: info.dtype for lid, info in checked.layers.items()}
    rows = []
    for lid in checked.order:
        info = checked.layers[lid]
        params, trainable, flops = layer_stats(info, dtypes[info.inputs[0]])
        rows.append(LayerRow(lid, info.type.name, list(info.shape), params, trainable, flops))
    total = sum(r.params for r in rows)
    return Summary(
        layers=rows,
        output_shape=list(checked.output_shape),
        total_params=total,
        trainable_params=sum(r.trainable_params for r in rows),
        flops=sum(r.flops for r in rows),
        param_bytes=total * BYTES_PER_VALUE,
        activation_bytes=sum(sum(layer_values(checked.layers[lid])) for lid in checked.order) * BYTES_PER_VALUE,
    )
