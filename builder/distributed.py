"""Training on several processes launched by torchrun: which rank this process is, the process group, the DDP
wrapper, each rank's share of a batch and its loss, and the few collectives the Trainer needs. torch.distributed
does the work; nothing here schedules or transports.

Every rank draws the same seeded permutation of the training set each epoch and takes every world_size-th
sample of each global batch, so positions in an epoch are global sample counts and a checkpoint resumes on
any number of ranks.
"""
from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

import torch
import torch.distributed as dist
from torch import nn

from .errors import SpecError, SpecErrors
from .settings import settings


@dataclass(frozen=True)
class Group:
    """This process's place in a torchrun job."""

    rank: int  # 0 .. world_size - 1 over every node
    world_size: int
    local_rank: int  # the GPU index on this node
    device: torch.device
    backend: str  # "nccl" (CUDA) or "gloo" (CPU)

    @property
    def is_main(self) -> bool:
        """Rank 0: the one that shows progress and writes checkpoints and the bundle."""
        return self.rank == 0

    def describe(self, batch_size: int) -> str:
        low, high = batch_size // self.world_size, -(-batch_size // self.world_size)
        per_rank = str(low) if low == high else f"{low}–{high}"
        ranks = f"{self.world_size} rank{'s' if self.world_size != 1 else ''}"
        return (f"distributed: {ranks} ({self.backend} on {self.device.type}); global batch size "
                f"{batch_size} = {per_rank} samples per rank")


def launched() -> bool:
    """Was this process started by torchrun (or anything else that sets its environment)?"""
    return "WORLD_SIZE" in os.environ and "RANK" in os.environ


def timeout() -> timedelta:
    """How long a collective waits for the other ranks before failing (NETBUILDER_DIST_TIMEOUT)."""
    return timedelta(seconds=settings().dist_timeout)


def _device(device_name: str, local_rank: int) -> torch.device:
    if device_name in ("auto", "cuda") and torch.cuda.is_available():
        return torch.device("cuda", local_rank)
    if device_name in ("cpu", "auto"):
        return torch.device("cpu")
    what = "no CUDA GPU is available" if device_name == "cuda" else f"device '{device_name}' is not supported"
    raise SpecErrors([SpecError(None, f"distributed training runs on CUDA GPUs (nccl) or CPUs (gloo), and {what}",
                                "use device 'auto' or 'cpu'")])


def join(device_name: str = "auto") -> Group:
    """Join the job torchrun started: nccl on cuda:LOCAL_RANK when CUDA is used, else gloo on the CPU."""
    rank, world, local = (int(os.environ[k]) for k in ("RANK", "WORLD_SIZE", "LOCAL_RANK"))
    device = _device(device_name, local)
    backend = "nccl" if device.type == "cuda" else "gloo"
    if device.type == "cuda":
        torch.cuda.set_device(device)
    if not dist.is_initialized():
        dist.init_process_group(backend, timeout=timeout(), device_id=device if device.type == "cuda" else None)
    return Group(rank, world, local, device, backend)


def leave(wait_for_peers: bool = False) -> None:
    """Tear the process group down (safe to call when none is up, or after a peer has died). After a good run,
    `wait_for_peers` lets every rank arrive first: a rank that tears gloo down while another still writes the
    bundle can abort at exit ("terminate called without an active exception"). The finished Trainer is collected
    first: it lives on in reference cycles, and with it DDP's reducer, which holds the group; left to the interpreter's
    exit, it is destroyed after the group is torn down, which can abort the process the same way."""
    if dist.is_available() and dist.is_initialized():
        gc.collect()
        try:
            if wait_for_peers:
                dist.barrier()
            dist.destroy_process_group()
        except Exception:  # a broken group (a dead peer) must not turn a clear error into a second one
            pass


def unused_parameters(model: nn.Module) -> bool:
    """Does a layer with trainable parameters feed nothing that reaches the output? DDP must then be told
    (find_unused_parameters) that some parameters get no gradient."""
    wiring = getattr(model, "wiring", None)  # a compiled Network: (layer id, the ids it reads) in order
    if wiring is None:
        return False
    needed = {model.output_id}
    for lid, sources in reversed(wiring):
        if lid in needed:
            needed.update(sources)
    return any(lid not in needed and any(p.requires_grad for p in model.get_submodule(lid).parameters())
               for lid, _ in wiring)


def shard(idx: torch.Tensor, group: Group) -> tuple[torch.Tensor, int]:
    """This rank's part of a global batch and how many of its samples count.

    A rank whose part is empty (the last, short batch of an epoch) still runs one sample, weighted 0:
    every rank must take part in each gradient all-reduce.
    """
    local = idx[group.rank::group.world_size]
    if len(local) == 0:
        return idx[:1], 0
    return local, len(local)


def wrap(model: nn.Module, group: Group | None) -> nn.Module:
    """The model as a training step calls it: under DistributedDataParallel on a group's device; as it is on one
    process."""
    if group is None:
        return model
    from torch.nn.parallel import DistributedDataParallel
    device_ids = [group.device.index] if group.device.type == "cuda" else None
    return DistributedDataParallel(model, device_ids=device_ids, find_unused_parameters=unused_parameters(model))


class Share:
    """This rank's part of one global batch (the whole batch on one process, group None).

    DDP averages gradients over the ranks; weighting each rank's loss by its share of the global batch makes that
    average the global batch's gradient even when the batch does not split evenly.
    """

    def __init__(self, idx: torch.Tensor, group: Group | None):
        self.group = group
        self.idx, self.counted = shard(idx, group) if group else (idx, len(idx))
        self.weight = self.counted * (group.world_size if group else 1) / len(idx)  # relative to an even split
        self._sum: Callable[[], torch.Tensor] | None = None

    def backward(self, loss: torch.Tensor) -> None:
        """Backpropagate this rank's weighted loss. On several ranks, first start summing it over them: the sum
        travels while backward runs."""
        if self.group is not None:
            self._sum = sum_later(loss.detach().double() * self.weight)
        (loss if self.weight == 1.0 else loss * self.weight).backward()

    def mean_loss(self, loss: torch.Tensor) -> torch.Tensor | float:
        """The global batch's mean loss, the same number on every rank: this rank's `loss` itself on one process
        (left on the device), else the ranks' weighted sum, read now."""
        return loss if self.group is None else float(self._sum()) / self.group.world_size


def sum_across(values: torch.Tensor) -> torch.Tensor:
    """The element-wise sum of `values` over every rank (in place; returned for convenience)."""
    dist.all_reduce(values, op=dist.ReduceOp.SUM)
    return values


def sum_later(values: torch.Tensor) -> Callable[[], torch.Tensor]:
    """Start summing `values` over every rank without waiting; the returned function waits for the sum.
    Every rank must start its collectives in the same order."""
    work = dist.all_reduce(values, op=dist.ReduceOp.SUM, async_op=True)

    def result() -> torch.Tensor:
        work.wait()
        return values
    return result


def sum_dict(sums: dict, group: Group | None) -> dict:
    """An epoch's metric sums (numbers and tensors) added up over every rank, in one all-reduce (as they are on
    one process)."""
    if group is None:
        return sums
    device = group.device
    flat = [torch.as_tensor(v, dtype=torch.float64, device=device).reshape(-1) for v in sums.values()]
    total = sum_across(torch.cat(flat)) if flat else torch.zeros(0, dtype=torch.float64, device=device)
    out, start = {}, 0
    for (key, value), part in zip(sums.items(), flat):
        piece = total[start:start + len(part)]
        start += len(part)
        out[key] = piece.reshape(value.shape) if isinstance(value, torch.Tensor) else float(piece[0])
    return out


def from_main(values: dict[str, float], group: Group | None) -> dict[str, float]:
    """Rank 0's figures on every rank, so decisions made from them (early stopping, a plateau schedule)
    cannot differ between ranks even where their BatchNorm statistics do (as they are on one process)."""
    if group is None or not values:
        return values
    t = torch.tensor(list(values.values()), dtype=torch.float64, device=group.device)
    dist.broadcast(t, src=0)
    return dict(zip(values, t.tolist()))
