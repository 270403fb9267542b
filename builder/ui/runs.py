"""This session's training runs: starting them in the server's job registry, and the controls that act on them."""
from __future__ import annotations

import json
import time

import streamlit as st

from ..errors import DataError, SpecErrors
from ..jobs import JOBS, Job, JobLimitError
from . import state
from .data import current_dataset
from .downloads import BundleFiles

FIRST_STEP_WAIT_S = 0.5


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
    try:
        job_id = JOBS.submit(st.session_state.sid, trainer, _label(spec, len(jobs()) + 1),
                             {"spec": spec, "files": BundleFiles(trainer)})
    except JobLimitError as e:
        state.notify("warning", f"Not started: {e}.")
        return None
    return JOBS.get(st.session_state.sid, job_id)


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
        job.trainer.step()
        if not job.trainer.done:
            job.trainer.log.set_status("paused")  # step() marks the run running; it stays paused


def _wait_for(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.005)


def wait(job: Job, timeout: float) -> bool:
    """Block until the job is done (tests and benchmarks: the live fragment never fires in AppTest)."""
    return job.trainer.join(timeout)
