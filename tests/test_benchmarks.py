"""Every benchmark runs: each at a tiny size, asserting it finishes and prints its figures, never a timing."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BROWSER = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")

# benchmark -> (its smoke-size arguments, what its output must say)
SMOKE = {
    "validate_speed.py": (["--repeats", "10", "--processes", "1"], ["check_spec + summarize, warm", "goal:",
                                                                   "python -m builder validate (ResNet-18)"]),
    "end_to_end.py": (["--epochs", "1", "--repeats", "1"], ["builder.train(spec)", "idiomatic DataLoader loop",
                                                           "speed ratio"]),
    "train_throughput.py": (["--presets", "mlp_digits", "--epochs", "1", "--repeats", "1"],
                            ["a engine, telemetry on", "d resident-tensor loop", "a/d ="]),
    "upload_speed.py": (["--rows", "300", "--sheet-rows", "50", "--photos", "2"],
                        ["pandas as numbers", "load_csv", "pandas.read_excel", "load_csv (workbook)", "load_image_zip"]),
    "load_suite.py": (["--sessions", "2", "--max-running", "1", "--cycles", "2"],
                      ["sessions held: 2, jobs completed: 2", "start/stop cycles", "data lost: none"]),
    "distributed_scaling.py": (["--epochs", "1", "--repeats", "1", "--ranks", "1"],
                               ["engine, 1 thread", "torchrun, 1 rank"]),
    # its page figures are ui_timings.print_page_starts, which that benchmark's smoke test runs
    "bench.py": (["--quick", "--no-page"], ["telemetry on", "on/resident", "Lightning", "Keras 3", "load time",
                                            "peak memory", "load ", "torch.compile on the CPU", "mlp_digits"]),
    "compile_speed.py": (["--quick"], ["torch.compile on the CPU", "mlp_digits"]),
    "frameworks.py": (["--quick"], ["Lightning", "Keras 3"]),
}
PAGE_SMOKE = {
    "ui_timings.py": (["--runs", "1", "--reruns", "1", "--starts", "1"],
                      ["Build page re-run", "Page, fresh server each time", "server start → health",
                       "server start → first screen", "hello world", "  Start → first loss point",
                       "server start → first loss point", "another page → first screen",
                       "Start → first loss point drawn"]),
    "app_speed.py": (["--presets", "mlp_digits", "--epochs", "1"], ["first screen", "Start → first loss point",
                                                                     "mlp_digits (1 epochs"]),
    "follow_speed.py": (["--clicks", "2"], ["click → canvas shows the sample (paused run)"]),
}

# benchmarks smoke-tested beside the feature they measure, on that suite's own server and browser
ELSEWHERE = {"canvas_speed.py": "tests/browser/test_canvas.py::test_the_canvas_benchmark_runs_and_prints_its_figures"}


def run(script: str, args: list[str]) -> str:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=900, env={"PYTHONPATH": str(ROOT), **__import__("os").environ})
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_every_benchmark_has_a_smoke_test():
    assert {p.name for p in (ROOT / "benchmarks").glob("*.py")} == set(SMOKE) | set(PAGE_SMOKE) | set(ELSEWHERE)
    for test in ELSEWHERE.values():
        path, name = test.split("::")
        assert f"def {name}(" in (ROOT / path).read_text(), test


@pytest.mark.slow
@pytest.mark.parametrize("script", sorted(SMOKE))
def test_benchmark_runs(script):
    args, says = SMOKE[script]
    out = run(script, args)
    for text in says:
        assert text in out, out


@BROWSER
@pytest.mark.slow
@pytest.mark.parametrize("script", sorted(PAGE_SMOKE))
def test_page_benchmark_runs(script):
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: `make browser-deps` installs it")
    args, says = PAGE_SMOKE[script]
    out = run(script, args)
    for text in says:
        assert text in out, out
