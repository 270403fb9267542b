"""End to end, setup included, side by side in one process: `builder.train(spec)` against the idiomatic PyTorch
script a person would write for the same job (scikit-learn's digits, a stratified split, standardised inputs, a
DataLoader, Adam, a validation pass each epoch). Both start from the raw data every time: the engine's dataset
cache is cleared before each of its runs. Prints the times and the ratio; asserts nothing.

    .venv/bin/python benchmarks/end_to_end.py [--preset mlp_digits] [--epochs 15] [--repeats 5]
"""
from __future__ import annotations

import argparse
import statistics
import time
import warnings

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

import builder
from builder import datasets
from builder.presets import load_preset

warnings.filterwarnings("ignore")


def engine(spec, epochs: int) -> float:
    datasets.clear_cache()
    start = time.perf_counter()
    builder.train(spec, epochs=epochs)
    return time.perf_counter() - start


def idiomatic(spec, epochs: int) -> float:
    """What pytorch/examples would write for the digits MLP, from loading the data to the last validation."""
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    start = time.perf_counter()
    x, y = load_digits(return_X_y=True)
    x_train, x_val, y_train, y_val = train_test_split(x, y, test_size=spec.data.val_fraction, stratify=y,
                                                      random_state=spec.training.seed)
    scaler = StandardScaler().fit(x_train)
    x_train, x_val = (torch.tensor(scaler.transform(a), dtype=torch.float32) for a in (x_train, x_val))
    y_train, y_val = torch.tensor(y_train), torch.tensor(y_val)
    torch.manual_seed(spec.training.seed)
    model = builder.build_model(spec)
    optimizer = torch.optim.Adam(model.parameters(), lr=spec.training.lr)
    loss_fn = nn.CrossEntropyLoss()
    train = DataLoader(TensorDataset(x_train.reshape(-1, 1, 8, 8), y_train), batch_size=spec.training.batch_size,
                       shuffle=True)
    val = DataLoader(TensorDataset(x_val.reshape(-1, 1, 8, 8), y_val), batch_size=1000)
    for _ in range(epochs):
        model.train()
        for xb, yb in train:
            optimizer.zero_grad()
            loss_fn(model(xb), yb).backward()
            optimizer.step()
        model.eval()
        with torch.no_grad():
            correct = sum((model(xb).argmax(1) == yb).sum().item() for xb, yb in val)
        _ = correct / len(y_val)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--preset", default="mlp_digits")
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    spec = load_preset(args.preset)
    engine(spec, 1), idiomatic(spec, 1)  # warm-up: imports, allocator, first kernels
    times = {"engine": [], "idiomatic": []}
    for _ in range(args.repeats):  # interleaved, so drifts in machine load hit both alike
        times["engine"].append(engine(spec, args.epochs))
        times["idiomatic"].append(idiomatic(spec, args.epochs))
    e, i = statistics.median(times["engine"]), statistics.median(times["idiomatic"])
    print(f"{args.preset}, {args.epochs} epochs, setup included, median of {args.repeats} "
          f"(threads={torch.get_num_threads()}):")
    print(f"  builder.train(spec)        {e * 1000:8.0f} ms")
    print(f"  idiomatic DataLoader loop  {i * 1000:8.0f} ms")
    print(f"  speed ratio (idiomatic time / engine time) = {i / e:.2f}  (goal ≥ 1.25)")


if __name__ == "__main__":
    main()
