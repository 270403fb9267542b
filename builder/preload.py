"""What a training worker loads while it waits as a spare (see `worker`): torch and the engine, and the first
optimiser (it imports torch._dynamo, which takes seconds), so that a Start pays for none of it."""
import torch

from . import export, telemetry, training  # noqa: F401  (imported for the run to come)

torch.optim.Adam([torch.zeros(1, requires_grad=True)], fused=True)
