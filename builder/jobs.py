"""The server's training jobs: one process-wide registry, shared by every browser session and guarded by a lock.

Per-user state never lives here, only the jobs, each tied to the session that started it:

- A session is named by a random key the page keeps in its URL (`?sid=…`), so a reload, which opens a
  new Streamlit session, finds its running job again. The share link never carries that key.
- A session has at most one running job: submitting another stops the one before (Start means "start
  over"). Finished runs stay listed for the session's Compare table, the newest `keep_per_session`.
- At most `max_running` jobs run at once on the server; one more is refused with JobLimitError.
- A session sees and stops only its own jobs: every lookup takes the session id and a job id.
- Sessions prove they are alive by heartbeats (`touch`): every run of the page script touches its session,
  and while it has a job going a small fragment touches it every 30 s on any page (the live charts, every
  second). `reap` stops the jobs of sessions silent for longer than the grace time; the page passes
  Streamlit's `server.disconnectedSessionTTL` (how long Streamlit itself keeps a disconnected session) and
  reaps on every script run and on a 30 s timer (`start_reaper`), so a job is stopped even when no session is
  left to run the page. (Streamlit's
  own session list is not a public API, so the page relies on heartbeats alone.)
"""
from __future__ import annotations

import os
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Iterable

DONE = frozenset({"finished", "stopped", "diverged", "failed"})


class JobLimitError(RuntimeError):
    """The server is already running as many jobs as it allows."""


@dataclass
class Job:
    id: str
    session_id: str
    trainer: Any  # anything with start(), stop() and status; builder.training.Trainer in the app
    label: str = ""
    meta: dict = field(default_factory=dict)  # what the page wants to remember about the run (settings, spec)
    created: float = field(default_factory=time.time)

    @property
    def status(self) -> str:
        return self.trainer.status

    @property
    def active(self) -> bool:
        return self.trainer.status not in DONE


class JobRegistry:
    def __init__(self, max_running: int = 4, keep_per_session: int = 8, clock=time.monotonic):
        self.max_running = max_running
        self.keep_per_session = keep_per_session
        self._clock = clock
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._seen: dict[str, float] = {}  # session id -> last heartbeat

    def submit(self, session_id: str, trainer, label: str = "", meta: dict | None = None) -> str:
        """Start `trainer` as this session's job and return its id.

        Stops the session's running job first; raises JobLimitError when the server is full.
        """
        with self._lock:
            mine = [j for j in self._jobs.values() if j.session_id == session_id and j.active]
            others = sum(1 for j in self._jobs.values() if j.session_id != session_id and j.active)
            if others >= self.max_running:
                raise JobLimitError(f"the server is already training {others} networks, its limit; "
                                    "try again when one of them finishes")
            job = Job(secrets.token_urlsafe(12), session_id, trainer, label, dict(meta or {}))
            self._jobs[job.id] = job
            self._seen[session_id] = self._clock()
            self._forget_old(session_id)
        for old in mine:
            old.trainer.stop()
        try:
            trainer.start()
        except BaseException:
            with self._lock:
                self._jobs.pop(job.id, None)
            raise
        return job.id

    def _forget_old(self, session_id: str) -> None:
        done = [j for j in self._jobs.values() if j.session_id == session_id and not j.active]
        for job in sorted(done, key=lambda j: j.created)[:max(0, len(done) - self.keep_per_session)]:
            del self._jobs[job.id]

    def get(self, session_id: str, job_id: str | None) -> Job | None:
        """The job, if it exists and belongs to this session; None otherwise."""
        with self._lock:
            job = self._jobs.get(job_id) if job_id else None
            return job if job is not None and job.session_id == session_id else None

    def stop(self, session_id: str, job_id: str) -> bool:
        """Stop one of this session's jobs; False if there is no such job for this session."""
        job = self.get(session_id, job_id)
        if job is None:
            return False
        job.trainer.stop()
        return True

    def jobs_for(self, session_id: str) -> list[Job]:
        """This session's jobs, oldest first."""
        with self._lock:
            return sorted((j for j in self._jobs.values() if j.session_id == session_id), key=lambda j: j.created)

    def running_for(self, session_id: str) -> Job | None:
        """The session's active (running, paused or starting) job, if any."""
        return next((j for j in reversed(self.jobs_for(session_id)) if j.active), None)

    def running_count(self) -> int:
        with self._lock:
            return sum(1 for j in self._jobs.values() if j.active)

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
                del self._jobs[job.id]
            for sid in gone:
                self._seen.pop(sid, None)
        for job in removed:
            if job.active:
                job.trainer.stop()
        return [j.id for j in removed]


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


# The server's one registry: process-wide on purpose, as it holds jobs, not user state.
JOBS = JobRegistry(max_running=int(os.environ.get("NETBUILDER_MAX_JOBS", "4")))
