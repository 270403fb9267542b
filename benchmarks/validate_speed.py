"""How long the page waits after an edit: check_spec + summarize on a 100-layer spec, warm and cold; and how long
`python -m builder validate` takes in a fresh process, against a process that only imports torch.

Run: .venv/bin/python benchmarks/validate_speed.py [--repeats N] [--processes N]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from builder import check_spec, summarize
from builder.registry import count_layer

GOAL_MS = 50.0  # warm check + summary, so the page can re-check on every keystroke
ROOT = Path(__file__).resolve().parent.parent


def hundred_layer_spec() -> dict:
    """20 blocks of Linear → LayerNorm → ReLU → Dropout → Add (a skip around the last three): 100 layers.

    Every block has its own width, so no two layers share a cache entry and the cold figure is truly cold.
    """
    layers = []
    for b in range(20):
        layers += [
            {"id": f"fc{b}", "type": "Linear", "params": {"out_features": 32 + 4 * b}},
            {"id": f"ln{b}", "type": "LayerNorm"},
            {"id": f"act{b}", "type": "ReLU"},
            {"id": f"drop{b}", "type": "Dropout", "params": {"p": 0.1}},
            {"id": f"res{b}", "type": "Add", "inputs": [f"drop{b}", f"fc{b}"]},
        ]
    return {"format": "netbuilder/1", "name": "100 layers", "input": {"shape": [32]}, "layers": layers}


def check_and_summarize(spec: dict):
    checked = check_spec(spec)
    return checked, summarize(checked)


def time_ms(fn, repeats: int, before=None) -> list[float]:
    out = []
    for _ in range(repeats):
        if before:
            before()
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def p90(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=10)[-1]


def process_seconds(argv: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, *argv], cwd=ROOT, check=True, capture_output=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    return time.perf_counter() - t0


def cli_figures(processes: int) -> None:
    """A fresh `validate` (checking imports no torch) against a fresh `import torch`, interleaved."""
    runs: dict[str, list[float]] = {"validate": [], "torch": []}
    for _ in range(processes):
        runs["validate"].append(process_seconds(["-m", "builder", "validate", "presets/resnet18_digits.json"]))
        runs["torch"].append(process_seconds(["-c", "import torch"]))
    v, t = (statistics.median(runs[k]) for k in ("validate", "torch"))
    print(f"python -m builder validate (ResNet-18), fresh process: {v:.2f} s; a process that imports torch: "
          f"{t:.2f} s ({v / t:.2f}×; median of {processes} interleaved, load {os.getloadavg()[0]:.1f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=200)
    parser.add_argument("--processes", type=int, default=5, help="fresh CLI processes timed")
    args = parser.parse_args()
    spec = hundred_layer_spec()
    checked, summary = check_and_summarize(spec)  # warm-up: imports, torch's first meta dispatch
    assert checked.ok and len(checked.order) == 100, checked.errors
    for _ in range(10):
        check_and_summarize(spec)
    rows = [
        ("check_spec", time_ms(lambda: check_spec(spec), args.repeats)),
        ("summarize (checked spec)", time_ms(lambda: summarize(checked), args.repeats)),
        ("check_spec + summarize, warm", time_ms(lambda: check_and_summarize(spec), args.repeats)),
        ("check_spec + summarize, cold cache", time_ms(lambda: check_and_summarize(spec), max(args.repeats // 10, 5),
                                                       before=count_layer.cache.cache_clear)),
    ]
    print(f"100-layer spec ({summary.total_params:,} params), {args.repeats} repeats; times in ms")
    print(f"{'':36} {'median':>8} {'p90':>8}")
    for name, xs in rows:
        print(f"{name:36} {statistics.median(xs):8.2f} {p90(xs):8.2f}")
    warm = statistics.median(rows[2][1])
    verdict = "met" if warm < GOAL_MS else "MISSED"
    print(f"goal: check_spec + summarize under {GOAL_MS:.0f} ms warm (median) — {verdict} ({warm:.1f} ms)")
    cli_figures(args.processes)


if __name__ == "__main__":
    main()
