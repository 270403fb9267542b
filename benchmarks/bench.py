"""Every figure of issue 19 in one run, each a ratio measured side by side, interleaved, with the machine's load.

    .venv/bin/python benchmarks/bench.py [--quick] [--no-page]      (or `make bench`)

- the engine (telemetry on and off) against a resident-tensor hand loop and the idiomatic DataLoader loop, on the
  digits MLP at three hidden widths; Lightning and Keras 3 when installed (skipped with a word when not);
- the page: server start → health check and → first screen usable against a hello-world Streamlit app, and a
  fresh page's Start → first loss point (skipped without Chromium);
- a CSV of numbers: `load_csv` against `pandas.read_csv`, time and peak memory, each read in a fresh process.
- torch.compile per preset on the CPU: step time off and on, start-up cost, break-even (`compile_speed.py`).
Prints figures, asserts nothing; `--quick` is the smoke size the tests run.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore")

from benchmarks.compile_speed import load  # noqa: E402  (the machine's load, said the same way in every figure)


def interleaved(variants: dict, repeats: int) -> dict[str, float]:
    """Median of each variant's figure (each call returns its own), run in turns so a change in the machine's load
    hits every one alike."""
    for fn in variants.values():  # warm-up: imports, allocator, first kernels
        fn()
    times = {name: [] for name in variants}
    for _ in range(repeats):
        for name, fn in variants.items():
            times[name].append(fn())
    return {name: statistics.median(v) for name, v in times.items()}


def mlp(width: int, epochs: int):
    from builder.presets import load_preset
    from builder.spec import parse_spec
    raw = load_preset("mlp_digits").to_dict()
    next(layer for layer in raw["layers"] if layer["id"] == "fc1")["params"]["out_features"] = width
    raw["training"]["epochs"] = epochs
    return parse_spec(raw)


def engine_figures(widths: list[int], epochs: int, repeats: int, device: str = "cpu") -> None:
    from benchmarks.train_throughput import dataloader_loop, engine, resident_loop
    from builder.prepare import device_label, pick_device, prepare
    print(f"\nEngine, MLP on digits, {epochs} epochs, on {device_label(pick_device(device))}, median of {repeats} "
          f"interleaved ({load()})")
    print(f"  {'width':>6} {'telemetry on':>13} {'off':>8} {'resident':>9} {'DataLoader':>11}   "
          f"on/resident  off/resident  on/DataLoader")
    for width in widths:
        spec = mlp(width, epochs)
        samples = prepare(spec).n_train * epochs  # each loop times its training alone, setup left out
        r = interleaved({"on": lambda: samples / engine(spec, epochs, device, False, True),
                         "off": lambda: samples / engine(spec, epochs, device, False, False),
                         "resident": lambda: samples / resident_loop(spec, epochs, device, False),
                         "loader": lambda: samples / dataloader_loop(spec, epochs, device, False)}, repeats)
        print(f"  {width:>6} {r['on']:>12.3f}s {r['off']:>7.3f}s {r['resident']:>8.3f}s {r['loader']:>10.3f}s   "
              f"{r['on'] / r['resident']:>11.2f}× {r['off'] / r['resident']:>12.2f}× {r['on'] / r['loader']:>13.2f}×")
    if device == "cpu":  # the frameworks' figures are the CPU's (Lightning and Keras 3 when installed, widths 64, 256)
        from benchmarks.frameworks import framework_figures
        framework_figures(widths[:2], epochs, repeats)


def page_figures(repeats: int) -> None:
    if not Path("/usr/bin/chromium").exists():
        print("\nPage: skipped, /usr/bin/chromium is missing (make browser-deps)")
        return
    from benchmarks.ui_timings import print_page_starts
    print()
    print_page_starts(repeats)


READ = r"""import io, sys, time
import numpy as np
raw = open(sys.argv[2], 'rb').read()
if sys.argv[1] == 'pandas':
    import pandas as pd
    read = lambda: pd.read_csv(io.BytesIO(raw)).to_numpy(np.float32)
else:
    from builder.uploads.csv_file import load_csv
    read = lambda: load_csv(raw, 'numbers.csv')
read_small = raw[:raw.index(b'\n', 2000) + 1] if len(raw) > 4000 else raw
(pd.read_csv(io.BytesIO(read_small)) if sys.argv[1] == 'pandas' else load_csv(read_small, 'warm.csv'))  # imports
def status(key):
    return next(int(line.split()[1]) for line in open('/proc/self/status') if line.startswith(key))
open('/proc/self/clear_refs', 'w').write('5')  # the peak resident size starts again from what is resident now
before = status('VmRSS:')
start = time.perf_counter()
read()
print(time.perf_counter() - start, (status('VmHWM:') - before) / 1024)
"""


def csv_figures(rows: int, repeats: int) -> None:
    from benchmarks.upload_speed import tables
    plain, _ = tables(rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "numbers.csv"
        path.write_bytes(plain)
        runs: dict[str, list[tuple[float, float]]] = {"pandas": [], "load_csv": []}
        for _ in range(repeats):  # each read in a fresh process, so its peak memory is its own
            for who in runs:
                done = subprocess.run([sys.executable, "-c", READ, who, str(path)], capture_output=True, text=True,
                                      cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
                runs[who].append(tuple(map(float, done.stdout.split())))
    (pt, pm), (ot, om) = ([statistics.median(x) for x in zip(*runs[who])] for who in ("pandas", "load_csv"))
    print(f"\nCSV, {rows:,} rows × 11 numbers ({len(plain) / 1e6:.1f} MB), median of {repeats} interleaved ({load()})")
    print(f"  load time     load_csv {ot:7.3f} s    pandas.read_csv {pt:7.3f} s   {ot / pt:5.2f}× (goal ≤ 3×)")
    print(f"  peak memory   load_csv {om:7.1f} MB   pandas.read_csv {pm:7.1f} MB   "
          f"{om / max(pm, 0.1):5.2f}× (goal ≤ 1.5×; the growth of the process's peak RSS while reading)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the smoke size: tiny models, files and one repeat")
    parser.add_argument("--no-page", action="store_true", help="skip the page figures (they need Chromium)")
    parser.add_argument("--epochs", type=int, default=15, help="epochs of each training run")
    parser.add_argument("--repeats", type=int, default=3, help="interleaved runs of each figure; the median is shown")
    parser.add_argument("--device", default="cpu", help="cuda: the engine's figures on the GPU, and nothing else "
                        "(the page, the CSV reader and torch.compile's CPU table do not depend on it)")
    parser.add_argument("--widths", type=int, nargs="+", default=[64, 256, 1024], help="the MLP's hidden widths")
    args = parser.parse_args()
    import torch
    print(f"NetBuilder benchmark: {os.cpu_count()} CPUs, torch {torch.__version__}, "
          f"{torch.get_num_threads()} threads, {load()}")
    quick = args.quick
    repeats = 1 if quick else args.repeats
    engine_figures([16] if quick else args.widths, 1 if quick else args.epochs, repeats, args.device)
    if args.device != "cpu":
        return
    csv_figures(500 if quick else 100_000, repeats)
    if not args.no_page:
        page_figures(repeats)
    from benchmarks.compile_speed import PRESETS, compile_figures
    compile_figures(["mlp_digits"] if quick else PRESETS, 5 if quick else 30, repeats, warm_cache=not quick)


if __name__ == "__main__":
    main()
