"""What training does differently for each kind of task, in one class per kind: the targets the loss compares
with, the epoch's metric sums, the decoding of outputs into predictions, and the views of those predictions.

`objective_for(dataset task, loss)` picks one; nothing else in NetBuilder branches on the task. What differs is also
plain data, `Objective.describe()`: the generated model.py and training script read that description (codegen's
`objective_code`) instead of naming tasks or losses, and the engine's own decoding reads the same attributes.
"""
from __future__ import annotations

import torch

from .errors import table_cell
from .recipes import LOSSES


# The keys of Objective.describe(), and the values each may take:
#   labels        how the data's targets are read: "classes" (labels as indices 0..k-1), "numbers", or "input" (there
#                 are none: the target is the input itself)
#   loss_targets  what the loss compares outputs with: "classes" (the indices), "class_column" (the index as a float
#                 column, for one logit), "standardised" (with the training split's statistics), "values" (as they
#                 are), or "input" (the standardised input)
#   decoding      outputs to predictions: "softmax" (over classes), "second_class" (one logit: the second class's
#                 probability), "sigmoid", "unscale" (the standardisation named by `unscales` undone), or "none"
#   unscales      whose statistics "unscale" undoes: "y" (the targets') or "x" (the inputs'); None for classes
#   metric        the epoch metric: "acc" or "r2"
#   logits        the loss compares raw outputs (logits) with targets in [0, 1]
DESCRIPTION = ("labels", "loss_targets", "decoding", "unscales", "metric", "logits")


class Objective:
    """The common shape of every task; the subclasses fill in what differs."""

    name = ""
    task = ""  # the task this trains ("classification", "regression", "reconstruction")
    metric = "r2"
    labels = "numbers"  # this and the next three: see DESCRIPTION
    loss_targets = "values"
    decoding = "none"
    unscales = None

    def __init__(self, logits: bool = False):
        self.logits = logits  # the loss compares raw outputs (logits) with targets in [0, 1]

    def describe(self) -> dict:
        """What this objective does differently, as plain data: the generated files interpret it."""
        return {key: getattr(self, key) for key in DESCRIPTION}

    @property
    def scales_targets(self) -> bool:
        """Are the targets standardised with training-split statistics (and un-standardised for predictions)?"""
        return self.loss_targets == "standardised"

    def targets(self, y: torch.Tensor, norm) -> torch.Tensor:
        """What the loss compares the model's outputs with."""
        return y

    def shape_for_loss(self, out: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """The model's output in the shape and dtype the loss compares with the targets `y`."""
        return out.float()

    def batch_sums(self, out: torch.Tensor, y: torch.Tensor, loss: float, n: int) -> dict:
        """What one batch adds to its epoch's metrics, kept on the device (no sync per step)."""
        o, t = self.decode_for_metrics(out).float().reshape(n, -1), y.float().reshape(n, -1)
        return {"n": n, "loss": loss * n, "sse": ((o - t) ** 2).sum(0), "y": t.sum(0), "y2": (t ** 2).sum(0),
                "abs": (o - t).abs().sum(0)}

    def decode_for_metrics(self, out: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(out) if self.logits else out

    def metrics(self, sums: dict, prefix: str, norm) -> dict:
        """An epoch's loss and metric from its sums. R² is pooled over targets (variance-weighted), so a
        constant target (a blank pixel) cannot dominate."""
        n = float(sums["n"])
        sst = (sums["y2"] - sums["y"] ** 2 / n).sum()
        return {f"{prefix}_loss": float(sums["loss"]) / n,
                f"{prefix}_r2": float(1 - sums["sse"].sum() / sst.clamp_min(1e-12))}

    def decode(self, out: torch.Tensor, norm) -> torch.Tensor:
        """Model outputs as predictions: class probabilities [n, classes], or values in the data's own units."""
        kind, scale, shift = self.output_transform(norm)
        if kind == "sigmoid":
            out = torch.sigmoid(out)
        elif kind == "affine":
            out = out * scale.to(out.device) + shift.to(out.device)
        return self.decode_exported(out)

    def decode_exported(self, out: torch.Tensor) -> torch.Tensor:
        """Predictions from an exported model's outputs (which `output_transform` already applied)."""
        return out

    def output_transform(self, norm) -> tuple[str, torch.Tensor | None, torch.Tensor | None]:
        """How an exported model turns outputs into `decode`'s predictions with plain tensor operations:
        ("none" | "affine" | "sigmoid", scale, shift). Class logits stay logits (softmax keeps their order)."""
        if self.decoding == "sigmoid":
            return "sigmoid", None, None
        scale, shift = self.unscaling(norm) if self.decoding == "unscale" else (None, None)
        return ("none", None, None) if scale is None else ("affine", scale, shift)

    def unscaling(self, norm) -> tuple[torch.Tensor | None, torch.Tensor | None]:
        """(std, mean) that undo the standardisation of `unscales`, shaped to broadcast over outputs."""
        return None, None

    def views(self, out: torch.Tensor, y: torch.Tensor, x_raw: torch.Tensor, norm) -> dict:
        """The dashboard's pictures of the validation predictions (out: the model's validation outputs)."""
        return {}

    def boundary(self, out: torch.Tensor, norm, grid: int) -> dict | None:
        """The model's outputs over a 2-D grid, as the boundary view draws them (None: no such view)."""
        return None

    def format(self, predictions: torch.Tensor, class_names: list[str] | None) -> list[list[str]]:
        """One row of cells per sample, under `header` (the CLI's predict table)."""
        return [[f"{v:.6g}" for v in row] for row in predictions.reshape(len(predictions), -1).tolist()]

    header = ("prediction",)


class Classification(Objective):
    """Classes, one logit per class (cross-entropy)."""

    name = task = "classification"
    metric = "acc"
    labels = loss_targets = "classes"
    decoding = "softmax"
    header = ("class", "probability")

    def batch_sums(self, out, y, loss, n):
        return {"n": n, "loss": loss * n, "correct": (self.predicted(out) == y.view(-1).long()).sum()}

    def predicted(self, out: torch.Tensor) -> torch.Tensor:
        return out.argmax(1)

    def metrics(self, sums, prefix, norm):
        n = float(sums["n"])
        return {f"{prefix}_loss": float(sums["loss"]) / n, f"{prefix}_acc": float(sums["correct"]) / n}

    def decode_exported(self, out):
        return out.float().softmax(1)

    def views(self, out, y, x_raw, norm):
        from .telemetry import confusion, worst
        probs = self.decode(out, norm)
        y = y.view(-1).long()
        return {"confusion": confusion(probs.argmax(1), y, probs.shape[1]),
                "worst": worst(x_raw, y.cpu(), probs.cpu())}

    def boundary(self, out, norm, grid):
        probs = self.decode(out, norm)
        confidence, label = probs.max(1)
        return {"label": label.reshape(grid, grid).cpu().numpy(),
                "confidence": confidence.reshape(grid, grid).cpu().numpy()}

    def format(self, predictions, class_names):
        names = class_names or [str(i) for i in range(predictions.shape[1])]
        confidence, index = predictions.max(1)
        return [[table_cell(names[i]), f"{c:.4f}"] for i, c in zip(index.tolist(), confidence.tolist())]


class Binary(Classification):
    """Two classes with one logit (binary cross-entropy with logits)."""

    name = "binary"
    loss_targets = "class_column"
    decoding = "second_class"

    def targets(self, y, norm):
        return y.float().view(-1, 1)

    def predicted(self, out):
        return (out > 0).long().view(-1)

    def decode_exported(self, out):
        p = torch.sigmoid(out.float()).reshape(-1, 1)
        return torch.cat([1 - p, p], 1)


class Regression(Objective):
    """Numbers: one or more targets per sample, standardised for training unless the loss takes logits."""

    name = task = "regression"
    unscales = "y"

    @property
    def loss_targets(self):
        return "values" if self.logits else "standardised"

    @property
    def decoding(self):
        return "sigmoid" if self.logits else "unscale"

    def targets(self, y, norm):
        return norm.apply_targets(y)

    def metrics(self, sums, prefix, norm):
        row = super().metrics(sums, prefix, norm)
        scale = norm.y_std.to(sums["abs"].device) if norm.y_std is not None else 1.0
        row[f"{prefix}_mae"] = float((sums["abs"] / float(sums["n"]) * scale).mean())
        return row

    def unscaling(self, norm):
        if norm.y_mean is None:
            return None, None
        return norm.y_std.reshape(1, -1), norm.y_mean.reshape(1, -1)

    def views(self, out, y, x_raw, norm):
        actual = norm.invert_targets(y.cpu()) if self.scales_targets else y.cpu()
        return {"regression": {"actual": actual[:500].numpy(), "predicted": self.decode(out.cpu(), norm)[:500].numpy()}}

    def boundary(self, out, norm, grid):
        return {"value": self.decode(out, norm)[:, 0].reshape(grid, grid).cpu().numpy()}


class Reconstruction(Objective):
    """The target is the input itself (autoencoders): compared standardised, or raw in [0, 1] with logits."""

    name = task = "reconstruction"
    labels = "input"
    unscales = "x"

    @property
    def loss_targets(self):
        return "values" if self.logits else "input"

    @property
    def decoding(self):
        return "sigmoid" if self.logits else "unscale"

    def targets(self, y, norm):
        return y.float() if self.logits else norm.apply(y)

    def shape_for_loss(self, out, y):
        return out.reshape(y.shape)

    def unscaling(self, norm):
        return norm.x_std, norm.x_mean

    def views(self, out, y, x_raw, norm):
        shape = x_raw.shape[1:]
        outputs = self.decode(out[:8].cpu().reshape(-1, *shape), norm)
        return {"reconstructions": {"inputs": x_raw[:8].numpy(), "outputs": outputs.numpy()}}


OBJECTIVES: dict[str, type[Objective]] = {t.name: t for t in (Classification, Binary, Regression, Reconstruction)}


def objective_for(task: str, loss: str) -> Objective:
    """How a run trains `task` (a dataset's) under `loss`."""
    logits = LOSSES[loss].logits
    if task == "classification":
        return Binary() if logits else Classification()
    return OBJECTIVES[task](logits=logits)
