"""Training throughput, side by side in one process: NetBuilder's engine (telemetry on / off) against
the loops people write by hand. Prints samples/s and ratios; asserts nothing.

    .venv/bin/python benchmarks/train_throughput.py [--epochs 6] [--repeats 3] [--device cpu|cuda] [--amp]
"""
from __future__ import annotations

import argparse
import statistics
import time
import warnings

import torch
from torch.utils.data import DataLoader, TensorDataset

from builder.prepare import prepare
from builder.presets import load_preset
from builder.recipes import LOSSES, OPTIMIZERS
from builder.training import Trainer

warnings.filterwarnings("ignore")


def engine(spec, epochs, device, amp, telemetry):
    trainer = Trainer.from_spec(spec, telemetry=telemetry, epochs=epochs, device=device, amp=amp)
    start = time.perf_counter()
    trainer.run()
    elapsed = time.perf_counter() - start
    assert trainer.status == "finished", trainer.log.message
    return trainer.parts.n_train * epochs / elapsed


def _setup(spec, epochs, device, amp):
    """The same model, data split, normalisation and seed as the engine's, for the hand-written loops."""
    parts = prepare(spec, epochs=epochs, device=device, amp=amp)
    return parts, parts.model, OPTIMIZERS[parts.config.optimizer].make(parts.model.parameters(), parts.config), \
        LOSSES[parts.config.loss].make()


def dataloader_loop(spec, epochs, device, amp):
    """The idiomatic loop of pytorch/examples: DataLoader(TensorDataset), the optimizer with its defaults,
    train(), test() each epoch."""
    t, model, _, loss_fn = _setup(spec, epochs, device, amp)
    cfg = t.config
    opt = {"sgd": torch.optim.SGD, "adam": torch.optim.Adam, "adamw": torch.optim.AdamW, "rmsprop": torch.optim.RMSprop,
           "adagrad": torch.optim.Adagrad}[cfg.optimizer](model.parameters(), lr=cfg.lr)  # torch's defaults, on purpose
    train = DataLoader(TensorDataset(t.x_train.cpu(), t.y_train.cpu()), batch_size=t.batch_size, shuffle=True)
    val = DataLoader(TensorDataset(t.x_val.cpu(), t.y_val.cpu()), batch_size=1000)
    start = time.perf_counter()
    for _ in range(epochs):
        model.train()
        for xb, yb in train:
            xb, yb = xb.to(device), yb.to(device)
            opt.zero_grad()
            with torch.autocast("cuda", dtype=torch.bfloat16, enabled=amp):
                loss = loss_fn(t.objective.shape_for_loss(model(xb), yb), yb)
            loss.backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            for xb, yb in val:
                xb, yb = xb.to(device), yb.to(device)
                loss_fn(t.objective.shape_for_loss(model(xb), yb), yb).item()
    return t.n_train * epochs / (time.perf_counter() - start)


def resident_loop(spec, epochs, device, amp):
    """A minimal hand-tuned loop: tensors resident on the device, batches by index slicing, and the
    engine's own (fused) optimizer, so the ratio a/d is the engine's overhead alone."""
    t, model, opt, loss_fn = _setup(spec, epochs, device, amp)
    x, y, bs = t.x_train, t.y_train, t.batch_size
    gen = torch.Generator().manual_seed(0)
    start = time.perf_counter()
    for _ in range(epochs):
        model.train()
        perm = torch.randperm(len(x), generator=gen).to(device)
        for i in range(0, len(x), bs):
            idx = perm[i:i + bs]
            opt.zero_grad(set_to_none=True)
            with torch.autocast("cuda", dtype=torch.bfloat16, enabled=amp):
                loss = loss_fn(t.objective.shape_for_loss(model(x[idx]), y[idx]), y[idx])
            loss.backward()
            opt.step()
        model.eval()
        with torch.no_grad():
            loss_fn(t.objective.shape_for_loss(model(t.x_val), t.y_val), t.y_val).item()
    if device != "cpu":
        torch.cuda.synchronize()
    return t.n_train * epochs / (time.perf_counter() - start)


VARIANTS = {
    "a engine, telemetry on": lambda s, e, d, amp: engine(s, e, d, amp, True),
    "b engine, telemetry off": lambda s, e, d, amp: engine(s, e, d, amp, False),
    "c DataLoader loop": dataloader_loop,
    "d resident-tensor loop": resident_loop,
}


def measure(preset: str, epochs: int, repeats: int, device: str, amp: bool) -> dict[str, float]:
    spec = load_preset(preset)
    for fn in VARIANTS.values():  # warm-up: allocator, kernels, first-call overheads
        fn(spec, 1, device, amp)
    runs = {name: [] for name in VARIANTS}
    for _ in range(repeats):  # interleaved, so drifts in machine load hit every variant alike
        for name, fn in VARIANTS.items():
            runs[name].append(fn(spec, epochs, device, amp))
    return {name: statistics.median(v) for name, v in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--presets", nargs="+", default=["mlp_digits", "lenet_digits"])
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--amp", action="store_true", help="bf16 autocast (CUDA only)")
    args = parser.parse_args()
    print(f"device={args.device} amp={args.amp} torch={torch.__version__} threads={torch.get_num_threads()}")
    for preset in args.presets:
        r = measure(preset, args.epochs, args.repeats, args.device, args.amp)
        a, b, c, d = r.values()
        print(f"\n{preset} ({args.epochs} epochs, median of {args.repeats})")
        for name, value in r.items():
            print(f"  {name:<26} {value:>12,.0f} samples/s")
        print(f"  a/b = {a / b:.3f}  (goal ≥ 0.95: telemetry costs little)")
        print(f"  a/c = {a / c:.3f}  (goal ≥ 1.2: faster than the DataLoader loop)")
        print(f"  a/d = {a / d:.3f}  (goal ≥ 0.9: close to a hand-tuned loop)")


if __name__ == "__main__":
    main()
