"""Distributed scaling: training samples/s of a preset on 1 and 2 ranks (torchrun, gloo on the CPU, one thread
per rank) beside the single-process engine with 1 and 2 threads. Prints samples/s, samples/s per rank and the
scaling efficiency (samples/s on N ranks / (N x samples/s on 1 rank)); asserts nothing.

Samples/s is what `python -m builder train` reports: training steps only (evaluation, start-up and the
rendezvous excluded), over all ranks. The global batch is the preset's batch_size at every rank count.

    .venv/bin/python benchmarks/distributed_scaling.py [--preset lenet_digits] [--epochs 5] [--repeats 3]
        [--ranks 1 2] [--device cpu|cuda]
"""
from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THROUGHPUT = re.compile(r"throughput: ([\d,.]+) samples/s")


def train(launcher: list[str], spec: Path, epochs: int, device: str, threads: int, out: Path) -> float:
    """One training run's samples/s, as the train command reports it."""
    cmd = [sys.executable, *launcher, "-m", "builder", "train", str(spec), "--epochs", str(epochs),
           "--device", device, "--out", str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": str(threads)}
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=env, timeout=1800)
    match = THROUGHPUT.search(result.stdout)
    if result.returncode != 0 or not match:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return float(match.group(1).replace(",", ""))


def torchrun(ranks: int) -> list[str]:
    return ["-m", "torch.distributed.run", "--standalone", "--nproc_per_node", str(ranks)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--preset", default="lenet_digits")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=3, help="runs per setting; the median is reported")
    parser.add_argument("--ranks", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--device", choices=("cpu", "cuda"), default="cpu")
    args = parser.parse_args()
    spec = ROOT / "presets" / f"{args.preset}.json"

    settings = [(f"engine, {t} thread{'s' if t > 1 else ''}", [], t, 1) for t in sorted({1, max(args.ranks)})]
    if args.device == "cuda":
        settings = [("engine", [], 1, 1)]
    settings += [(f"torchrun, {n} rank{'s' if n > 1 else ''}", torchrun(n), 1, n) for n in args.ranks]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.repeats):  # interleaved, so a change in the machine's load hits every setting alike
            for name, launcher, threads, _n in settings:
                speed = train(launcher, spec, args.epochs, args.device, threads, Path(tmp) / "run")
                results.setdefault(name, []).append(speed)

    backend = "nccl" if args.device == "cuda" else "gloo"
    print(f"{args.preset}: {args.epochs} epochs, median of {args.repeats} runs, {args.device} ({backend} for torchrun)")
    print(f"{'setting':<22} {'samples/s':>10} {'per rank':>10} {'efficiency':>11}")
    one_rank = statistics.median(results["torchrun, 1 rank"]) if 1 in args.ranks else None
    for name, _launcher, _threads, n in settings:
        speed = statistics.median(results[name])
        efficiency = f"{speed / (n * one_rank):.0%}" if one_rank and name.startswith("torchrun") else ""
        print(f"{name:<22} {speed:>10,.0f} {speed / n:>10,.0f} {efficiency:>11}")


if __name__ == "__main__":
    main()
