"""torch.compile on the CPU, per preset: the engine's step time with compile off and on, what the compile costs at
start-up, and how many steps it takes to earn that back. Prints figures, asserts nothing.

    .venv/bin/python benchmarks/compile_speed.py [--presets mlp_digits lstm_adding | all] [--steps 30] [--repeats 3]
                                                 [--quick]

Each preset is measured in a fresh process with an empty inductor cache (the cold start a first run pays), then,
unless --quick, once more in a fresh process on the cache the first one left (what every later run pays). In each
process, after a warm-up: the first epoch with compile off, then on (start-up = on − off); then blocks of `--steps`
steps, off and on in turns, `--repeats` times (step time = the median step). Telemetry is off in both, so the figures
are the model's own; break-even = the steps after which compile on has taken less time in all:
one epoch + start-up / (off − on), "never" where on is not faster.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore")

# a training preset of each kind: dense, convolutional (with and without batch norm), 1-d convolution, recurrent,
# attention
PRESETS = ["mlp_digits", "lenet_digits", "cnn_batchnorm_digits", "conv1d_sine", "lstm_adding",
           "transformer_digits_rows"]


def load() -> str:
    with open("/proc/loadavg") as f:
        return "load " + " ".join(f.read().split()[:3])


def training_presets() -> list[str]:
    """Every preset that trains on its own data."""
    from builder.presets import list_presets
    return [name for name, spec in list_presets().items() if spec.data is not None and spec.training is not None]


# ---- one preset, in its own process ---------------------------------------------------------------------------
def _trainer(spec, compile: bool, epochs: int):
    from builder.training import Trainer
    return Trainer.from_spec(spec, telemetry=False, compile=compile, epochs=epochs, device="cpu")


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _step_block(trainer, steps: int) -> float:
    """The median time of `steps` engine steps (an epoch's end, evaluation included, falls on one of them)."""
    times = []
    for _ in range(steps):
        times.append(_timed(trainer.step))
        if trainer.done:
            raise RuntimeError(f"the run ended ({trainer.status}): {trainer.log.message}")
    return statistics.median(times)


def measure_here(preset: str, steps: int, repeats: int, threads: int) -> dict:
    """This process's figures for one preset (run with a fresh inductor cache to see a cold start)."""
    import torch

    from builder.presets import load_preset
    torch.set_num_threads(threads)  # inductor's kernels take the same count
    from builder.spec import MAX_EPOCHS
    spec = load_preset(preset)
    warm = _trainer(spec, False, 1)
    per_epoch = warm.parts.steps_per_epoch
    epochs = min(MAX_EPOCHS, 2 + (steps * repeats) // per_epoch + 1)
    for _ in range(min(3, per_epoch)):  # warm-up: imports, allocator, the first kernels of every op
        warm.step()
    off = _trainer(spec, False, epochs)
    first_off = _timed(off.run_epoch)
    on = _trainer(spec, True, epochs)
    try:
        first_on = _timed(on.run_epoch)
        if on.done:  # a failure inside the run (the Trainer catches it) ends the run
            raise RuntimeError(on.log.message)
        blocks = {"off": [], "on": []}
        for _ in range(repeats):
            for name, trainer in (("off", off), ("on", on)):
                blocks[name].append(_step_block(trainer, steps))
    except Exception as e:  # noqa: BLE001 — the table says which preset inductor could not compile, and why, briefly
        return {"preset": preset, "failed": f"{type(e).__name__}: {str(e).splitlines()[0][:120] if str(e) else ''}"}
    return {"preset": preset, "steps_per_epoch": per_epoch, "first_off": first_off, "first_on": first_on,
            "off": statistics.median(blocks["off"]), "on": statistics.median(blocks["on"])}


def measure(preset: str, steps: int, repeats: int, threads: int, cache: str) -> dict:
    """One preset's figures from a fresh process whose inductor cache is `cache`."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TORCHINDUCTOR_CACHE_DIR": cache}
    done = subprocess.run([sys.executable, __file__, "--child", preset, "--steps", str(steps), "--repeats",
                           str(repeats), "--threads", str(threads)], capture_output=True, text=True, cwd=ROOT, env=env)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"preset": preset, "failed": f"the process ended ({done.returncode}): {last[:120]}"}
    return json.loads(lines[-1])


# ---- the table ----------------------------------------------------------------------------------------------------
def break_even(r: dict, startup: float) -> str:
    saving = r["off"] - r["on"]
    if saving <= 0:
        return "never"
    steps = r["steps_per_epoch"] + max(startup, 0.0) / saving
    return f"{steps:,.0f} steps ({steps / r['steps_per_epoch']:,.1f} ep)"


def row(cold: dict, warm: dict | None) -> str:
    if "failed" in cold:
        return f"  {cold['preset']:<24} compile failed — {cold['failed']}"
    startup = cold["first_on"] - cold["first_off"]
    cached = f"{warm['first_on'] - warm['first_off']:>8.2f}s" if warm and "failed" not in warm else f"{'–':>9}"
    off, on = cold["off"], cold["on"]
    return (f"  {cold['preset']:<24} {off * 1e3:>8.2f} {on * 1e3:>8.2f} {off / on:>8.2f}× {startup:>9.2f}s {cached}   "
            f"{break_even(cold, startup):>22}")


def compile_figures(presets: list[str], steps: int, repeats: int, warm_cache: bool = True,
                    threads: int | None = None) -> None:
    """The section bench.py prints: one row a preset."""
    import torch
    threads = threads or torch.get_num_threads()
    print(f"\ntorch.compile on the CPU, engine step (telemetry off, {threads} thread{'s' * (threads > 1)}), median of "
          f"{repeats}×{steps} steps interleaved off/on, each preset in a fresh process ({load()})")
    from builder.cli_train import compiler_missing
    missing = compiler_missing()
    if missing:
        for preset in presets:
            print(f"  {preset:<24} skipped — torch.compile needs {missing}")
        return
    print(f"  {'preset':<24} {'off ms':>8} {'on ms':>8} {'speed-up':>9} {'cold start':>10} {'cached':>9}   "
          f"{'break-even':>22}")
    for preset in presets:
        with tempfile.TemporaryDirectory(prefix="inductor-") as cache:
            cold = measure(preset, steps, repeats, threads, cache)
            warm = measure(preset, steps, repeats, threads, cache) if warm_cache and "failed" not in cold else None
        print(row(cold, warm), flush=True)
    print("  cold start / cached: the first epoch's extra time with compile on, from an empty inductor cache / from "
          "the cache a first run left; break-even: total steps (epochs) after which compile on has cost less in all")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presets", nargs="+", default=PRESETS, help="preset names, or `all` (every training preset)")
    parser.add_argument("--steps", type=int, default=30, help="steps in each timed block")
    parser.add_argument("--repeats", type=int, default=3, help="interleaved off/on blocks; the median step is shown")
    parser.add_argument("--threads", type=int, help="torch's threads (default: torch's own choice)")
    parser.add_argument("--quick", action="store_true", help="the smoke size: mlp_digits, short blocks, no cached run")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # one preset's figures, as JSON, from this process
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_here(args.child, args.steps, args.repeats, args.threads)))
        return
    if args.quick:
        compile_figures(["mlp_digits"], 5, 1, warm_cache=False, threads=args.threads)
    else:
        compile_figures(training_presets() if args.presets == ["all"] else args.presets, args.steps, args.repeats,
                        threads=args.threads)


if __name__ == "__main__":
    main()
