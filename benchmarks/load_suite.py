"""Many sessions on one server, through the job registry the page uses: sessions held, jobs completed,
start-to-first-point latency under load, and the server's memory over hundreds of start/stop cycles.

    .venv/bin/python benchmarks/load_suite.py [--sessions 16] [--max-running 4] [--cycles 300]

Figures only; tests/hostile/test_load.py checks the same things with assertions, at a smaller scale.
"""
from __future__ import annotations

import argparse
import gc
import os
import statistics
import threading
import time
import warnings

import torch

from builder.jobs import JobLimitError, JobRegistry
from builder.training import Trainer

warnings.filterwarnings("ignore")


def spec(seed: int, epochs: int = 3) -> dict:
    return {"format": "netbuilder/1", "name": f"session {seed}", "input": {"shape": [2]},
            "layers": [{"id": "fc1", "type": "Linear", "params": {"out_features": 16}}, {"id": "a1", "type": "ReLU"},
                       {"id": "out", "type": "Linear", "params": {"out_features": 2}}],
            "data": {"dataset": "moons", "options": {"n_samples": 400}},
            "training": {"epochs": epochs, "batch_size": 32, "lr": 0.01, "seed": seed}}


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def live_tensors() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, torch.Tensor))


def run_sessions(n_sessions: int, max_running: int, epochs: int = 3, timeout: float = 300.0) -> dict:
    """Each session submits one job; beyond the cap it waits in the queue and starts by itself; all must finish."""
    registry = JobRegistry(max_running=max_running)
    jobs: dict[str, str] = {}
    submitted_at: dict[str, float] = {}
    latencies: list[float] = []
    refused = queued = 0
    peak = 0
    pending = [f"s{i}" for i in range(n_sessions)]
    # every session's run built first, so that the submissions come back to back: a tiny run that ends while the
    # next one is still being built would free a slot, and a later session would start without waiting in line
    trainers = {sid: Trainer.from_spec(spec(int(sid[1:]), epochs)) for sid in pending}
    # … and held before their first step until every session has submitted: on a loaded machine a tiny run could
    # still end between two submissions (CI once counted 11 queued, not 12); a held run keeps its slot
    for trainer in trainers.values():
        trainer.pause()
    held = True
    deadline = time.monotonic() + timeout
    while (pending or any(registry.get(s, j).active for s, j in jobs.items())) and time.monotonic() < deadline:
        for sid in list(pending):
            try:
                jobs[sid] = registry.submit(sid, trainers[sid])
                submitted_at[sid] = time.perf_counter()
                pending.remove(sid)
                queued += registry.get(sid, jobs[sid]).queued
            except JobLimitError:
                refused += 1
                break
        if held and not pending:
            for trainer in trainers.values():
                trainer.resume()
            held = False
        peak = max(peak, registry.running_count())
        for sid, job_id in jobs.items():
            if sid in submitted_at:
                job = registry.get(sid, job_id)
                if job.runner.log.step > 0:
                    latencies.append(time.perf_counter() - submitted_at.pop(sid))
        time.sleep(0.005)
    finished = [s for s, j in jobs.items() if registry.get(s, j).status == "finished"]
    isolated = all(registry.get(a, jobs[b]) is None for a in jobs for b in jobs if a != b)
    own_curves = all(registry.get(s, j).runner.config.seed == int(s[1:]) for s, j in jobs.items())
    return {"sessions": n_sessions, "completed": len(finished), "refused_while_full": refused,
            "queued_while_full": queued, "peak_running": peak,
            "cap": max_running, "isolated": isolated and own_curves, "latencies": latencies}


def start_stop_cycles(cycles: int) -> dict:
    registry = JobRegistry(max_running=4)
    for i in range(20):  # warm-up: allocator pools, caches, lazy imports
        registry.submit("warm", Trainer.from_spec(spec(i, epochs=50))); registry.running_for("warm").runner.stop()
    registry.running_for("warm") and registry.running_for("warm").runner.join(5)
    time.sleep(0.2)
    before = {"rss_mb": rss_mb(), "threads": threading.active_count(), "tensors": live_tensors()}
    for i in range(cycles):
        job_id = registry.submit(f"c{i % 8}", Trainer.from_spec(spec(i, epochs=50)))
        job = registry.get(f"c{i % 8}", job_id)
        job.runner.stop()
        job.runner.join(10)
        registry.reap(alive_session_ids=(), grace_s=-1)  # the sessions leave: their jobs are forgotten
    time.sleep(0.2)
    after = {"rss_mb": rss_mb(), "threads": threading.active_count(), "tensors": live_tensors()}
    return {"cycles": cycles, "before": before, "after": after}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=16)
    parser.add_argument("--max-running", type=int, default=4)
    parser.add_argument("--cycles", type=int, default=300)
    args = parser.parse_args()
    r = run_sessions(args.sessions, args.max_running)
    lat = r["latencies"]
    print(f"sessions held: {r['sessions']}, jobs completed: {r['completed']}, peak running: {r['peak_running']} "
          f"(cap {r['cap']}), queued while full: {r['queued_while_full']}, refused: {r['refused_while_full']}, "
          f"isolation held: {r['isolated']}")
    if lat:
        print(f"start-to-first-point latency under load: median {statistics.median(lat) * 1000:.0f} ms, "
              f"worst {max(lat) * 1000:.0f} ms")
    c = start_stop_cycles(args.cycles)
    b, a = c["before"], c["after"]
    print(f"{c['cycles']} start/stop cycles: RSS {b['rss_mb']:.0f} MB -> {a['rss_mb']:.0f} MB, threads {b['threads']} -> "
          f"{a['threads']}, live tensors {b['tensors']} -> {a['tensors']}")
    print("data lost: none" if r["completed"] == r["sessions"] else f"data lost: {r['sessions'] - r['completed']} jobs")


if __name__ == "__main__":
    main()
