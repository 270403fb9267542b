"""A failure belongs to its own session. A queued run that cannot start when a slot frees is marked failed, with
its reason, in the session that queued it; the action that freed the slot (another session's Stop, a run ending,
the reaper) goes on. Before, the start's exception was raised inside whichever session freed the slot, and the
queued run vanished without a word to its own."""
from __future__ import annotations

import threading

import pytest

from builder.jobs import JobRegistry
from builder.runlog import RunLog
from builder.worker import RunHandle, RunRequest

from .helpers import small_spec


class Runner:
    """A runner that trains until told, with a run log as the page reads it."""

    def __init__(self):
        self.log = RunLog()
        self.status = "idle"
        self._listeners = []

    def start(self):
        self.status = "running"

    def stop(self):
        self.status = "stopped"
        self._end()

    def finish(self):
        self.status = "finished"
        self._end()

    def when_done(self, listener):
        self._listeners.append(listener)

    def _end(self):
        for listener in self._listeners:
            listener(self)


class Broken(Runner):
    def start(self):
        raise OSError(28, "No space left on device")


@pytest.fixture
def registry():
    return JobRegistry(max_running=1, keep_per_session=4)


def queued_behind(registry) -> tuple[Runner, str, Broken, str]:
    """Alice's run holds the one slot; Bob's broken run waits in line."""
    alice = Runner()
    a = registry.submit("alice", alice)
    bob = Broken()
    b = registry.submit("bob", bob)
    assert registry.get("bob", b).queued
    return alice, a, bob, b


def assert_failed_in_bobs_session(registry, b):
    job = registry.get("bob", b)
    assert job is not None and job.status == "failed" and not job.active
    assert job.message == "the run could not start: [Errno 28] No space left on device"
    assert [j.id for j in registry.jobs_for("bob")] == [b]  # still listed, for Bob to see
    assert registry.running_count() == 0  # and its slot is free


def test_another_sessions_stop_that_frees_the_slot_does_not_raise(registry):
    alice, a, _, b = queued_behind(registry)
    assert registry.stop("alice", a) is True  # raised OSError here, in Alice's page, before
    assert alice.status == "stopped"
    assert_failed_in_bobs_session(registry, b)


def test_a_run_ending_on_its_own_frees_the_slot_without_raising(registry):
    alice, a, _, b = queued_behind(registry)
    alice.finish()  # the when_done listener advances the queue, here in the run's own thread
    assert registry.get("alice", a).status == "finished"
    assert_failed_in_bobs_session(registry, b)


@pytest.mark.parametrize("call", ["jobs_for", "get", "running_for", "reap"])
def test_whatever_page_call_advances_the_queue_does_not_raise(registry, call):
    alice, a, _, b = queued_behind(registry)
    alice.status = "finished"  # ended without telling anyone: the next page call starts the queue
    {"jobs_for": lambda: registry.jobs_for("carol"), "get": lambda: registry.get("alice", a),
     "running_for": lambda: registry.running_for("alice"),
     "reap": lambda: registry.reap(alive_session_ids={"alice", "bob"})}[call]()
    assert_failed_in_bobs_session(registry, b)


def test_the_run_log_of_a_run_that_could_not_start_says_why(registry):
    _, a, bob, b = queued_behind(registry)
    registry.stop("alice", a)
    snap = bob.log.snapshot()
    assert snap.status == "failed" and snap.message == "the run could not start: [Errno 28] No space left on device"


def test_the_next_in_line_starts_after_a_run_that_could_not_start(registry):
    alice, a, _, b = queued_behind(registry)
    carol = Runner()
    c = registry.submit("carol", carol)
    registry.stop("alice", a)
    assert carol.status == "running" and registry.get("carol", c).status == "running"
    assert registry.get("bob", b).status == "failed"


def test_a_start_into_a_free_slot_still_fails_in_its_own_submit(registry):
    with pytest.raises(OSError, match="No space left"):
        registry.submit("bob", Broken())
    assert registry.jobs_for("bob") == [] and registry.running_count() == 0


def test_many_sessions_freeing_slots_at_once_never_raise(registry):
    holders = [Runner() for _ in range(6)]
    for i, runner in enumerate(holders):
        registry.submit(f"s{i}", runner)
    broken = [registry.submit(f"b{i}", Broken()) for i in range(6)]
    errors = []

    def finish(runner):
        try:
            runner.finish()
        except Exception as e:  # what used to escape into the finishing session
            errors.append(e)

    threads = [threading.Thread(target=finish, args=(r,)) for r in holders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    registry.advance()
    assert errors == [] and registry.running_count() == 0
    assert [registry.get(f"b{i}", j).status for i, j in enumerate(broken)] == ["failed"] * 6


def test_a_worker_run_whose_folder_cannot_be_written_fails_in_its_own_session(tmp_path, registry):
    """A real RunHandle queued behind another: its run folder lies under a file, so it cannot even begin."""
    (tmp_path / "blocked").write_text("a file where the session's folder goes")
    handle = RunHandle(RunRequest("r1", small_spec(), tmp_path / "blocked" / "r1"))
    alice, a = Runner(), None
    a = registry.submit("alice", alice)
    b = registry.submit("bob", handle)
    registry.stop("alice", a)
    job = registry.get("bob", b)
    assert job.status == "failed" and handle.status == "failed" and "could not start" in job.message
    assert "blocked" in job.message and handle.log.snapshot().message == job.message
