"""The server's training jobs: one process-wide registry with a queue, shared by every browser session and guarded
by a lock.

Per-user state never lives here, only the jobs, each tied to the session that started it:

- A session has at most one active job: submitting another stops the one before (Start means "start over"), and
  at most one queued job (a second queued Start replaces the first). Finished runs stay listed for the session's
  Compare table, the newest `keep_per_session`.
- At most `max_running` jobs run at once; more wait in a first-in, first-out queue (at most `max_queued`
  server-wide) and start by themselves when a slot frees. A queued job can be cancelled.
- A session sees and stops only its own jobs: every lookup takes the session id and a job id.
- A job that cannot start fails in its own session: submitted into a free slot, the submit raises; started from
  the queue (by whichever session's action freed the slot), it is marked failed with the reason, and the action
  that freed the slot goes on.
- Sessions prove they are alive by heartbeats (`touch`). `reap` stops the jobs of sessions silent for longer than
  the grace time (the page passes Streamlit's `server.disconnectedSessionTTL`); `start_reaper` also reaps on a
  timer, so a job is stopped even when no session is left to run the page.

A job's runner (`Job.runner`) is anything with start(), stop() and status: a worker's RunHandle in the app, a
Trainer or a fake in tests.
"""
from __future__ import annotations

import functools
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Iterable

from .runlog import DONE, RunLog
from .settings import settings

QUEUED = "queued"


class JobLimitError(RuntimeError):
    """The server's queue is full."""


@dataclass
class Job:
    id: str
    session_id: str
    runner: Any  # what trains: start(), stop(), status (a RunHandle, a Trainer)
    label: str = ""
    meta: dict = field(default_factory=dict)  # what the page wants to remember about the run (settings, spec)
    created: float = field(default_factory=time.time)
    started: bool = False
    failure: Exception | None = None  # why its runner could not start

    @property
    def status(self) -> str:
        if self.failure is not None:
            return "failed"
        return self.runner.status if self.started else QUEUED

    @property
    def active(self) -> bool:
        """Queued, starting, running or paused."""
        return self.failure is None and (not self.started or self.runner.status not in DONE)

    @property
    def message(self) -> str:
        """What the run last said about itself, or why it could not start."""
        if self.failure is not None:
            return start_failure(self.failure)
        return str(getattr(getattr(self.runner, "log", None), "message", "") or "")

    @property
    def queued(self) -> bool:
        return not self.started


class JobRegistry:
    def __init__(self, max_running: int = 4, keep_per_session: int = 8, clock=time.monotonic, max_queued: int = 32):
        self.max_running = max_running
        self.max_queued = max_queued
        self.keep_per_session = keep_per_session
        self._clock = clock
        self._lock = threading.RLock()
        self._jobs: dict[str, Job] = {}
        self._queue: list[str] = []  # job ids, first in line first
        self._seen: dict[str, float] = {}  # session id -> last heartbeat

    def submit(self, session_id: str, runner, label: str = "", meta: dict | None = None,
               job_id: str | None = None) -> str:
        """This session's new job: started now if a slot is free, else queued. Returns its id.

        Stops the session's active job and drops its queued one first; raises JobLimitError when the queue is full.
        """
        with self._lock:
            mine = [j for j in self._jobs.values() if j.session_id == session_id and j.active]
            replaced = [j for j in mine if j.queued]
            for old in replaced:
                self._drop(old.id)
            if self._running() - sum(1 for j in mine if not j.queued) >= self.max_running and \
                    len(self._queue) >= self.max_queued:
                raise JobLimitError(f"the server is training {self._running()} networks and {len(self._queue)} more "
                                    "are waiting, its limit; try again in a while")
            job = Job(job_id or secrets.token_urlsafe(12), session_id, runner, label, dict(meta or {}))
            self._jobs[job.id] = job
            self._queue.append(job.id)
            self._seen[session_id] = self._clock()
            self._forget_old(session_id)
        for old in mine:
            old.runner.stop()  # a queued one was never started: stopping it cancels it
        if hasattr(runner, "when_done"):
            runner.when_done(lambda _: self._ended(session_id))
        self.advance()
        if job.failure is not None:  # its own Start: the person who pressed it is told, and no job is left
            with self._lock:
                self._drop(job.id)
            raise job.failure
        return job.id

    def _ended(self, session_id: str) -> None:
        """A run ended: forget the session's oldest finished runs beyond the limit, and start the next in line."""
        with self._lock:
            self._forget_old(session_id)
        self.advance()

    def advance(self) -> None:
        """Start queued jobs, first in line first, while slots are free (also called whenever a job ends)."""
        while True:
            with self._lock:
                if not self._queue or self._running() >= self.max_running:
                    return
                job = self._jobs[self._queue.pop(0)]
                job.started = True
            self._start(job)

    def _start(self, job: Job) -> None:
        """Start a job's runner. One that cannot start fails in its own session (its status and message, and its
        run log's where it has one); whoever freed the slot, another session perhaps, is not troubled with it."""
        try:
            job.runner.start()
        except Exception as e:
            job.failure = e
            log = getattr(job.runner, "log", None)
            if isinstance(log, RunLog):
                log.set_status("failed", start_failure(e))
        except BaseException:  # an interrupt: nothing is left half started
            with self._lock:
                self._jobs.pop(job.id, None)
            raise

    def _running(self) -> int:
        return sum(1 for j in self._jobs.values() if j.started and j.active)

    def _drop(self, job_id: str) -> None:
        self._jobs.pop(job_id, None)
        if job_id in self._queue:
            self._queue.remove(job_id)

    def _forget_old(self, session_id: str) -> None:
        done = [j for j in self._jobs.values() if j.session_id == session_id and not j.active]
        for job in sorted(done, key=lambda j: j.created)[:max(0, len(done) - self.keep_per_session)]:
            del self._jobs[job.id]

    def get(self, session_id: str, job_id: str | None) -> Job | None:
        """The job, if it exists and belongs to this session; None otherwise."""
        self.advance()
        with self._lock:
            job = self._jobs.get(job_id) if job_id else None
            return job if job is not None and job.session_id == session_id else None

    def queue_position(self, session_id: str, job_id: str) -> int | None:
        """1 for the first in line; None when the job is not waiting (or not this session's)."""
        with self._lock:
            if self.get(session_id, job_id) is None or job_id not in self._queue:
                return None
            return self._queue.index(job_id) + 1

    def stop(self, session_id: str, job_id: str) -> bool:
        """Stop one of this session's jobs (a queued one is cancelled); False if there is no such job."""
        with self._lock:
            job = self.get(session_id, job_id)
            if job is None:
                return False
            if job.queued:
                self._drop(job_id)
        job.runner.stop()
        return True

    def jobs_for(self, session_id: str) -> list[Job]:
        """This session's jobs, oldest first."""
        self.advance()
        with self._lock:
            return sorted((j for j in self._jobs.values() if j.session_id == session_id), key=lambda j: j.created)

    def all_jobs(self) -> list[Job]:
        """Every session's jobs (for the server's own bookkeeping, never shown to a session)."""
        with self._lock:
            return list(self._jobs.values())

    def running_for(self, session_id: str) -> Job | None:
        """The session's active (queued, running, paused or starting) job, if any."""
        return next((j for j in reversed(self.jobs_for(session_id)) if j.active), None)

    def running_count(self) -> int:
        with self._lock:
            return self._running()

    def queued_count(self) -> int:
        with self._lock:
            return len(self._queue)

    def touch(self, session_id: str) -> None:
        """A heartbeat: the session is still there."""
        with self._lock:
            self._seen[session_id] = self._clock()

    def reap(self, alive_session_ids: Iterable[str] | None = None, grace_s: float = 120.0) -> list[str]:
        """Stop and forget the jobs of sessions neither listed as alive nor heard from for `grace_s`.

        Returns the ids of the jobs removed.
        """
        alive, now = set(alive_session_ids or ()), self._clock()
        with self._lock:
            gone = {sid for sid in {j.session_id for j in self._jobs.values()} | set(self._seen)
                    if sid not in alive and now - self._seen.get(sid, float("-inf")) > grace_s}
            removed = [j for j in self._jobs.values() if j.session_id in gone]
            for job in removed:
                self._drop(job.id)
            for sid in gone:
                self._seen.pop(sid, None)
        for job in removed:
            if job.started and job.runner.status not in DONE:
                job.runner.stop()
        self.advance()
        return [j.id for j in removed]


def start_failure(error: Exception) -> str:
    """Why a run could not start, for the person whose run it was."""
    return f"the run could not start: {error}" if str(error) else f"the run could not start ({type(error).__name__})"


def start_reaper(registry: JobRegistry, grace_s: float, every_s: float = 30.0) -> threading.Thread:
    """Reap on a timer as well, so a job is stopped when its session has gone even if no other session is
    there to run the page (and with it `reap`)."""
    def loop() -> None:
        while True:
            time.sleep(every_s)
            registry.reap(grace_s=grace_s)

    thread = threading.Thread(target=loop, name="netbuilder-reaper", daemon=True)
    thread.start()
    return thread


@functools.cache
def registry() -> JobRegistry:
    """The server's one registry: process-wide on purpose, as it holds jobs, not user state. Made on first use,
    so that a bad NETBUILDER_MAX_JOBS is reported where the server checks its settings, not at an import."""
    s = settings()
    return JobRegistry(max_running=s.max_jobs, max_queued=s.max_queued)


def __getattr__(name: str):
    if name == "JOBS":
        return registry()
    raise AttributeError(f"module 'builder.jobs' has no attribute '{name}'")
