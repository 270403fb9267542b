"""This session's training runs: starting them in the server's job registry, and the controls that act on them."""
from __future__ import annotations

import json
import os
import secrets
import time
from pathlib import Path

import streamlit as st

from ..errors import DataError, SpecErrors
from ..jobs import JOBS, Job, JobLimitError
from ..store import RunStore
from . import state
from .data import current_dataset
from .downloads import BundleFiles

FIRST_STEP_WAIT_S = 0.5
# Finished runs are written here, per session, so they outlive the server process (like JOBS, shared on purpose).
STORE = RunStore(os.environ.get("NETBUILDER_RUNS_DIR", Path(__file__).resolve().parents[2] / "runs"))


def jobs() -> list[Job]:
    return JOBS.jobs_for(st.session_state.sid)


def current_job() -> Job | None:
    """The session's latest run (running or not); after a reload, the run the session had going."""
    mine = jobs()
    return mine[-1] if mine else None


def _label(spec: dict, n: int) -> str:
    t = spec.get("training") or {}
    return f"run {n}: {spec.get('name', 'network')} · {t.get('optimizer', 'adam')} lr={t.get('lr', 0.001):g}"


def _make_trainer():
    from ..training import Trainer  # imported on first use: torch training pulls in more than the Build page needs

    dataset, error = current_dataset()
    if dataset is None:
        raise DataError("data", error or "no dataset")
    spec = state.spec()
    trainer = Trainer(spec, dataset if st.session_state.get("data_source") == "Upload" else None)
    weights = st.session_state.get("start_weights")
    if weights is not None and weights["layers"] == spec["layers"] and weights["input"] == spec["input"]:
        trainer.model.load_state_dict(weights["state"])
    return trainer


def _submit(paused: bool) -> Job | None:
    try:
        trainer = _make_trainer()
    except SpecErrors as e:
        state.notify("error", "Cannot train: " + "; ".join(str(err) for err in e.errors))
        return None
    except (DataError, ValueError, RuntimeError) as e:
        state.notify("error", f"Cannot train: {e}")
        return None
    if paused:
        trainer.pause()  # the thread starts and waits at once: Step drives it batch by batch
    spec = json.loads(json.dumps(state.spec()))
    files = BundleFiles(trainer)
    trainer.on("run_end", _persist(st.session_state.sid, secrets.token_urlsafe(9), files))
    try:
        job_id = JOBS.submit(st.session_state.sid, trainer, _label(spec, len(jobs()) + 1),
                             {"spec": spec, "files": files})
    except JobLimitError as e:
        state.notify("warning", f"Not started: {e}.")
        return None
    return JOBS.get(st.session_state.sid, job_id)


def _persist(sid: str, run_id: str, files: BundleFiles):
    """A run_end listener (the trainer's thread): write the finished run to the store, for downloads and after
    a restart. A failure to save leaves the run itself as it ended; the page says what went wrong."""
    def save(trainer) -> None:
        try:
            files.use(STORE.save(sid, run_id, trainer))
        except Exception as e:  # a full disk must not turn a finished run into a failed one
            files.errors["bundle"] = f"could not save the run: {type(e).__name__}: {e}"
    return save


def start() -> None:
    job = _submit(paused=False)
    if job is not None:  # a moment's wait lets the page that follows draw the first loss already
        _wait_for(lambda: job.trainer.log.step > 0 or job.trainer.done, FIRST_STEP_WAIT_S)


def pause() -> None:
    job = current_job()
    if job is not None:
        job.trainer.pause()
        _wait_for(lambda: job.status != "running", 1.0)  # the page that follows shows it paused


def resume() -> None:
    job = current_job()
    if job is not None:
        job.trainer.resume()
        _wait_for(lambda: job.status != "paused", 1.0)


def stop() -> None:
    job = current_job()
    if job is not None:
        JOBS.stop(st.session_state.sid, job.id)
        job.trainer.join(5)


def step() -> None:
    """One batch, synchronously, on a paused run (a new paused run if none is going)."""
    job = current_job()
    if job is None or not job.active:
        job = _submit(paused=True)
        if job is None:
            return
        _wait_for(lambda: job.status == "paused" or job.trainer.done, 5.0)  # the thread must reach its pause first
    if job.status == "paused":
        job.trainer.step()  # the run stays paused


def _wait_for(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.005)


def wait(job: Job, timeout: float) -> bool:
    """Block until the job is done (tests and benchmarks: the live fragment never fires in AppTest)."""
    return job.trainer.join(timeout)
