"""This session's training runs: each one a worker process (builder.worker) in the server's job queue, with the
controls that act on them, and the runs on disk (finished, or interrupted by a restart and resumable)."""
from __future__ import annotations

import json
import os
import re
import secrets
import time
from pathlib import Path

import streamlit as st

from ..datasets import load_dataset
from ..errors import DataError, SpecErrors
from ..jobs import JOBS, Job, JobLimitError
from ..settings import settings
from ..store import RunStore, StoredRun, load_saved_dataset, read_run_file, save_dataset
from ..pipe import weight_bytes
from ..worker import RunHandle, RunRequest
from . import state
from .settings_form import training_values

FIRST_POINT_WAIT_S = 0.9  # Start waits this long for the first loss point, so the page that follows draws it
# The runs on disk, per session (like JOBS, shared on purpose: it holds folders, not user state).
STORE = RunStore(settings().runs_dir)


def jobs() -> list[Job]:
    return JOBS.jobs_for(st.session_state.sid)


def current_job() -> Job | None:
    """The session's latest run (queued, running or not); after a reload, the run the session had going."""
    mine = jobs()
    return mine[-1] if mine else None


def _label(spec: dict) -> str:
    """A name no other run of this session has (those on disk from before a restart included)."""
    t = training_values(spec)
    taken = {j.label for j in jobs()} | {r.label for r in STORE.list(st.session_state.sid)}
    numbers = [int(m.group(1)) for m in (re.match(r"run (\d+):", label) for label in taken) if m]
    return f"run {max(numbers, default=0) + 1}: {spec.get('name', 'network')} · {t['optimizer']} lr={t['lr']:g}"


def threads_per_run(running: int) -> int:
    """CPU threads for each worker: the cores the server may use for training (all but one, kept for the page
    itself, unless NETBUILDER_WORKER_THREADS says otherwise), shared by the running runs."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    budget = settings().worker_threads or max(1, cores - 1)
    return max(1, budget // max(1, running))


def _rebalance(_handle=None) -> None:
    """Give every running worker its share of the threads (after a run starts or ends)."""
    JOBS.advance()
    active = [j for j in JOBS.all_jobs() if j.started and j.active]
    for job in active:
        job.runner.set_threads(threads_per_run(len(active)))


def _request(spec: dict, dataset, run_id: str, paused: bool, resume: Path | None = None,
             carry_from: dict | None = None) -> RunRequest:
    sid = st.session_state.sid
    run_dir = STORE.run_dir(sid, run_id)
    weights = state.session().start_weights
    uploaded = state.session().data_source == state.UPLOAD
    if uploaded and resume is None:
        save_dataset(dataset, run_dir)  # so the run can resume after a restart
    same_network = weights is not None and weights["layers"] == spec["layers"] and weights["input"] == spec["input"]
    start = weight_bytes(weights["state"]) if same_network and resume is None and carry_from is None else None
    return RunRequest(run_id, spec, run_dir, _label(spec), dataset, start, resume, paused,
                      threads_per_run(JOBS.running_count() + 1), settings().checkpoint_every,
                      meta={"data_source": "upload" if uploaded else "built-in",
                            **({"continued_from": carry_from["checkpoint"]} if carry_from else {})},
                      carry_from=carry_from, temperature=state.session().temperature)


def _submit(paused: bool, carry_from: dict | None = None) -> Job | None:
    dataset, error = state.current_dataset()
    if dataset is None:
        state.notify("error", f"Cannot train: {error or 'no dataset'}")
        return None
    spec = json.loads(json.dumps(state.spec()))
    run_id = secrets.token_urlsafe(9)
    try:
        request = _request(spec, dataset, run_id, paused, carry_from=carry_from)
        handle = RunHandle(request, on_end=_rebalance, stop_timeout=settings().stop_timeout)
        job_id = JOBS.submit(st.session_state.sid, handle, request.label, {"spec": spec, "run_dir": str(request.run_dir)},
                             job_id=run_id)
    except (SpecErrors, DataError, ValueError, OSError, RuntimeError) as e:
        state.notify("error" if not isinstance(e, JobLimitError) else "warning", f"Not started: {e}")
        return None
    _rebalance()
    return JOBS.get(st.session_state.sid, job_id)


def start() -> None:
    job = _submit(paused=False)
    if job is not None and not job.queued:  # a moment's wait lets the page that follows draw the first loss
        _wait_for(lambda: job.runner.log.step > 0 or job.runner.done, FIRST_POINT_WAIT_S)


def pause() -> None:
    job = current_job()
    if job is not None and job.started:
        job.runner.pause()
        _wait_for(lambda: job.status != "running", 2.0)  # the page that follows shows it paused


def resume() -> None:
    """Resume the paused run; after an edit of its network or settings, go on with the edit (continue_edited)."""
    job = current_job()
    if edited(job):
        continue_edited()
        return
    if job is not None and job.started:
        job.runner.resume()
        _wait_for(lambda: job.status not in ("paused", "idle"), 2.0)


def stop() -> None:
    job = current_job()
    if job is not None:
        JOBS.stop(st.session_state.sid, job.id)
        if job.started:
            job.runner.join(settings().stop_timeout + 2)


def reset() -> None:
    """Stop the current run and clear the view: the next Start begins from fresh weights (it stays listed)."""
    stop()
    job = current_job()
    state.session().hidden_run = job.id if job is not None else None


def step() -> None:
    """One batch, synchronously, on a paused run (a new paused run if none is going)."""
    job = current_job()
    if job is None or not job.active:
        job = _submit(paused=True)
        if job is None:
            return
    if job.queued:
        state.notify("info", "The run is waiting for a free slot; Step works once it has started.")
        return
    _wait_for(lambda: job.status in ("paused", "idle") or job.runner.done, 30.0)  # the worker must be ready
    if job.status in ("paused", "idle"):
        job.runner.step()


def set_temperature(value: float) -> None:
    """The temperature of a language model's live samples: for the run going now, and the next ones."""
    state.session().temperature = float(value)
    job = current_job()
    if job is not None and job.started and job.active:
        job.runner.set_temperature(float(value))


def edited(job: Job | None) -> bool:
    """Whether the network or settings on screen are an edit of those `job` trains (the same input and data; a
    preset or other data is a new setup, not an edit), and it has weights to go on from: paused, or ended."""
    if job is None or not job.started or job.status in ("running", "starting", "failed", "diverged"):
        return False
    return differs(job)


def differs(job: Job | None) -> bool:
    """Whether the network or settings on screen are an edit of those `job` trains (the same input and data),
    whatever the run's state: a run going on trains what it was started with, not the edit."""
    if job is None or job.id == state.session().hidden_run:
        return False
    return same_setup(job) and _comparable(job.meta.get("spec") or {}) != _comparable(state.spec())


def same_setup(job: Job) -> bool:
    """Whether `job` trains on the input and data on screen (an edit of its network, or that network itself), not
    on those of a preset or other data chosen since: its outputs (a decision boundary) then belong to that data."""
    old, new = job.meta.get("spec") or {}, state.spec()
    return all(old.get(k) == new.get(k) for k in ("input", "data"))


def _comparable(spec: dict) -> str:
    return json.dumps({k: spec.get(k) for k in ("layers", "training")}, sort_keys=True, default=str)


def continue_edited() -> None:
    """Go on training the network and settings on screen from what the run on screen learned: its paused worker
    saves its weights and stops, and a new run keeps every weight that still fits (builder.surgery) and its
    optimiser state, counters and history; what it kept, widened or started afresh is in the new run's log."""
    job = current_job()
    if not edited(job):
        state.notify("info", "Nothing to continue: edit the network or a setting of a paused or finished run first.")
        return
    if job.active:
        saved = job.runner.ask("save")
        if "error" in saved:
            state.notify("error", f"Could not take the run's weights: {saved['error']}")
            return
        stop()
    stored = STORE.get(st.session_state.sid, job.id)
    if stored is None or stored.checkpoint is None:
        state.notify("error", "The run left no checkpoint to go on from; press Start for a new run.")
        return
    _submit(paused=False, carry_from={"spec": job.meta["spec"], "checkpoint": str(stored.checkpoint)})


def shown_job() -> Job | None:
    """The run the playground shows: the latest, unless Reset cleared it or it has ended and trained another network
    (a preset loaded since, layers changed): its figures would not belong to the network on screen. A run still
    going is always shown, so it can be paused or reset."""
    job = current_job()
    if job is None or job.id == state.session().hidden_run:
        return None
    if not job.active and not trains_this_network(job):
        return None
    return job


def trains_this_network(job: Job) -> bool:
    """Whether `job` trains the network now on screen."""
    request = getattr(job.runner, "request", None)
    return request is None or network_key(request.spec) == network_key(state.spec())


def network_key(spec: dict) -> str:
    """What makes two specs the same trained network: input, layers and data (not the name, layout or settings)."""
    return json.dumps({k: spec.get(k) for k in ("input", "layers", "data")}, sort_keys=True, default=str)


def _wait_for(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.005)


def wait(job: Job, timeout: float) -> bool:
    """Block until the job is done (tests and benchmarks: the live fragment never fires in AppTest)."""
    deadline = time.monotonic() + timeout
    while not job.started and time.monotonic() < deadline:
        JOBS.advance()
        time.sleep(0.05)
    return job.started and job.runner.join(max(0.0, deadline - time.monotonic()))


# ---- runs on disk ---------------------------------------------------------------------------------

def stored_runs() -> list[StoredRun]:
    """This session's runs on disk, the ones a live job does not cover (finished, or interrupted)."""
    live = {j.id for j in jobs() if j.active}
    return [r for r in STORE.list(st.session_state.sid) if r.job_id not in live]


def resume_run(run_id: str) -> None:
    """Continue a run from its last checkpoint, in its own folder, on the data it trained on; whatever ended it."""
    sid = st.session_state.sid
    run = STORE.get(sid, run_id)
    if run is None or not run.resumable:
        state.notify("error", "That run has no checkpoint to resume from, or no epochs left to train.")
        return
    if any(j.id == run_id and j.active for j in jobs()):
        state.notify("info", "That run is training already.")
        return
    record = read_run_file(run.path)
    spec = record.get("spec")
    if not isinstance(spec, dict):
        state.notify("error", "That run's folder does not say which network it trained.")
        return
    try:
        dataset = _training_data(run, record, spec)
        request = RunRequest(run_id, spec, run.path, record.get("label") or run.name, dataset, None, run.checkpoint,
                             False, threads_per_run(JOBS.running_count() + 1), settings().checkpoint_every,
                             meta={"data_source": record.get("data_source", "built-in")},
                             temperature=state.session().temperature)
        handle = RunHandle(request, on_end=_rebalance, stop_timeout=settings().stop_timeout)
        JOBS.submit(sid, handle, request.label, {"spec": spec, "run_dir": str(run.path)}, job_id=run_id)
    except (SpecErrors, DataError, ValueError, OSError, RuntimeError) as e:
        state.notify("error", f"Could not resume: {e}")
        return
    _rebalance()
    state.notify("success", f"Resumed {request.label} from epoch {run.epochs}.")


def _training_data(run: StoredRun, record: dict, spec: dict):
    """The data a stored run trained on: the upload saved with it, or the spec's built-in dataset. A run on an
    upload whose saved copy is gone is refused (DataError): it would go on learning other data."""
    if record.get("data_source") == "upload":
        dataset = load_saved_dataset(run.path)
        if dataset is None:
            raise DataError(run.name, "trained on an uploaded dataset, and the copy kept with the run is missing or "
                                      "damaged, so it cannot go on learning the same data",
                            "download its checkpoint to keep it; train again on the upload to go on")
        return dataset
    data = spec.get("data") or {}
    return load_dataset(data.get("dataset"), data.get("options") or {})
