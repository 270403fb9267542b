"""Imported once by the forkserver that starts training workers (see `worker`), so that each worker it forks starts
with torch and the engine loaded: building the first optimiser imports torch._dynamo, which takes seconds.

Modules only, no tensor operation: a process forked after OpenMP has started its threads can hang."""
import torch
import torch._dynamo  # noqa: F401  (what the first optimiser would import)

from . import export, telemetry, training  # noqa: F401  (loaded for the workers forked from here)
