"""Load: many sessions training at once through the job registry, and memory over start/stop cycles."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from load_suite import run_sessions, start_stop_cycles  # noqa: E402


def test_sixteen_sessions_all_finish_isolated_under_the_cap():
    result = run_sessions(n_sessions=16, max_running=4, epochs=2)
    assert result["completed"] == 16, result
    assert result["peak_running"] <= 4
    assert result["queued_while_full"] >= 12, "with 16 sessions and a cap of 4 the others must wait in the queue"
    assert result["refused_while_full"] == 0, "a full server queues a Start; it does not refuse it"
    assert result["isolated"], "a session saw another session's job"
    assert len(result["latencies"]) == 16


def test_memory_and_threads_stay_flat_over_start_stop_cycles():
    result = start_stop_cycles(cycles=120)
    before, after = result["before"], result["after"]
    assert after["threads"] <= before["threads"], "a trainer thread was left behind"
    assert after["tensors"] <= before["tensors"] + 50, "tensors were left behind"
    assert after["rss_mb"] - before["rss_mb"] < 60, f"RSS grew from {before['rss_mb']:.0f} to {after['rss_mb']:.0f} MB"
