"""The test suite itself: pytest-xdist's two workers must collect the same tests under the same names, or `make
test` stops before it runs one ("Different tests were collected between gw0 and gw1"). A parameter holding the
time it was made (a gzip header's, a ZIP member's date) or the order of a set of strings (hash seeds differ
between processes) gives a test a new name at each collection; this collects twice, seconds and hash seeds apart."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _collected(seed: str) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "tests"],
                          cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return [line for line in done.stdout.splitlines() if "::" in line]


def test_two_collections_seconds_and_hash_seeds_apart_name_the_same_tests():
    first = _collected("1")
    time.sleep(2.1)  # past the next whole second (gzip's and ZIP's clocks), and past a ZIP date's two
    second = _collected("2")
    assert len(first) > 1000 and any(name.startswith("tests/test_collection.py::") for name in first)
    assert first == second, sorted(set(first) ^ set(second))[:6]
