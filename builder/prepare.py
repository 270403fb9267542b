"""Everything a training run needs before its first step, made on one straight path: the spec and its settings,
the data (split, imputed, normalised, on the device), the objective, the model, the loss, the optimiser and the
learning-rate schedule. The Trainer only runs what this hands it (`Trainer(prepare(spec))`), so a test may hand it
parts of its own: a hand-written model, another optimiser."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace

import torch
from torch import nn

from . import distributed, text
from .checker import CheckedSpec, check_spec
from .compiler import Network, build_model
from .datasets import Dataset, load_dataset
from .fitting import check_fit, reshape_samples
from .preprocessing import VAL_FRACTION, Normalizer, normalizer_for, split_indices
from .errors import SpecError, SpecErrors
from .recipes import LOSSES, OPTIMIZERS, SCHEDULERS, default_loss, make_scheduler
from .spec import Spec, TrainingSpec, parse_spec, parse_training
from .objectives import Objective, objective_for


@dataclass
class Prepared:
    """A run's parts, as plain attributes: what a Trainer is handed."""

    spec: Spec  # with the training settings filled in (overrides applied, the loss chosen)
    config: TrainingSpec
    checked: CheckedSpec
    dataset: Dataset  # viewed in the network's input shape
    objective: Objective  # how the run trains the dataset's task with its loss
    device: torch.device
    normalizer: Normalizer
    x_train_raw: torch.Tensor  # on the CPU, as loaded
    x_val_raw: torch.Tensor
    x_train: torch.Tensor  # normalised, on the device
    y_train: torch.Tensor  # what the loss compares with
    x_val: torch.Tensor
    y_val: torch.Tensor
    model: Network
    loss_fn: nn.Module
    optimizer: torch.optim.Optimizer
    scheduler: object | None
    scheduler_unit: str  # "batch" or "epoch"
    batch_size: int
    steps_per_epoch: int
    fill: dict | None = None  # the values that filled a table's missing cells (training-split medians / modes)
    group: distributed.Group | None = None  # the torchrun job this process is one rank of (None: a single process)

    @property
    def n_train(self) -> int:
        return len(self.x_train)

    @property
    def n_val(self) -> int:
        return len(self.x_val)


def prepare(spec, dataset: Dataset | None = None, *, group: distributed.Group | None = None,
            **overrides) -> Prepared:
    """Check the spec against its data and build what training needs; raises SpecErrors or DataError."""
    spec = parse_spec(spec)
    training = _settings(spec, overrides)
    if dataset is None:
        if spec.data is None:
            raise SpecErrors([SpecError(None, "the spec has no 'data' section and no dataset was given",
                                        'add "data": {"dataset": "moons"} or pass a dataset')])
        dataset = load_dataset(spec.data.dataset, spec.data.options)
    if training["loss"] is None:
        training["loss"] = default_loss(dataset.task)
    spec = spec.model_copy(update={"training": parse_training(training)})
    dataset = text.for_split(dataset, spec.data.val_fraction if spec.data else VAL_FRACTION, spec.training.seed)
    checked = check_spec(spec).raise_errors()
    errors = check_fit(checked, dataset)
    if errors:
        raise SpecErrors(errors)
    dataset = reshape_samples(dataset, spec.input.shape)
    config = spec.training
    objective = objective_for(dataset.task, config.loss)
    device = group.device if group else pick_device(config.device)
    data = _split(spec, dataset, objective, device)
    world = group.world_size if group else 1
    if min(config.batch_size, data["n_train"]) < world:
        raise SpecErrors([SpecError(None, f"batch_size {config.batch_size} is smaller than the number of ranks "
                                          f"({world}): each batch is split across them",
                                    f"set batch_size to at least {world} or launch fewer ranks")])
    model = build_model(checked, seed=config.seed).to(device)
    optimizer = OPTIMIZERS[config.optimizer].make(model.parameters(), config)
    batch_size = min(config.batch_size, data["n_train"])
    steps_per_epoch = math.ceil(data["n_train"] / batch_size)
    scheduler = make_scheduler(optimizer, config, config.epochs * steps_per_epoch)
    return Prepared(spec, config, checked, dataset, objective, device, data["normalizer"], data["x_train_raw"],
                    data["x_val_raw"], data["x_train"], data["y_train"], data["x_val"], data["y_val"], model,
                    LOSSES[config.loss].make(), optimizer, scheduler, SCHEDULERS[config.scheduler].unit, batch_size,
                    steps_per_epoch, data["fill"], group)


def _settings(spec: Spec, overrides: dict) -> dict:
    training = (spec.training or TrainingSpec()).model_dump()
    unknown = set(overrides) - set(training)
    if unknown:
        raise SpecErrors([SpecError(None, f"unknown training setting(s): {', '.join(sorted(unknown))}",
                                    f"known: {', '.join(training)}")])
    training.update({k: v for k, v in overrides.items() if v is not None})
    return training


def _split(spec: Spec, dataset: Dataset, objective: Objective, device: torch.device) -> dict:
    """Train and validation tensors: split, gaps in a table filled from the training rows, normalised."""
    val_fraction = spec.data.val_fraction if spec.data else VAL_FRACTION
    train_idx, val_idx = split_indices(dataset, val_fraction, spec.training.seed)
    fill = None
    if dataset.table is not None:
        fill = dataset.table.fill_values(dataset.x[train_idx].numpy())
        dataset = replace(dataset, x=torch.from_numpy(dataset.table.impute(dataset.x.numpy(), fill)))
    normalizer = normalizer_for(dataset, train_idx, objective.scales_targets)
    x_train_raw, x_val_raw = dataset.x[train_idx], dataset.x[val_idx]
    return {"normalizer": normalizer, "fill": fill, "n_train": len(train_idx),
            "x_train_raw": x_train_raw, "x_val_raw": x_val_raw,
            "x_train": normalizer.apply(x_train_raw).to(device), "x_val": normalizer.apply(x_val_raw).to(device),
            "y_train": objective.targets(dataset.y[train_idx], normalizer).to(device),
            "y_val": objective.targets(dataset.y[val_idx], normalizer).to(device)}


def pick_device(name: str = "auto") -> torch.device:
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    if name == "cuda" and not torch.cuda.is_available():
        raise SpecErrors([SpecError(None, "training.device is 'cuda' but no CUDA GPU is available",
                                    "use 'auto' or 'cpu'")])
    if name == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise SpecErrors([SpecError(None, "training.device is 'mps' but MPS is not available", "use 'auto' or 'cpu'")])
    return torch.device(name)


def device_label(device: torch.device) -> str:
    if device.type == "cuda":
        return f"cuda ({torch.cuda.get_device_name(device)})"
    return device.type
