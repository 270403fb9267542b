"""The process-wide job registry, driven with fake trainers and a fake clock (no Streamlit, no torch)."""
import threading

import pytest

from builder.jobs import JobLimitError, JobRegistry


class FakeTrainer:
    def __init__(self):
        self.status = "idle"
        self.starts = self.stops = 0

    def start(self):
        self.starts += 1
        self.status = "running"

    def stop(self):
        self.stops += 1
        if self.status in ("idle", "running", "paused"):
            self.status = "stopped"

    def finish(self):
        self.status = "finished"


class Clock:
    def __init__(self):
        self.t = 1000.0

    def __call__(self):
        return self.t


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def reg(clock):
    return JobRegistry(max_running=2, keep_per_session=3, clock=clock)


def test_submit_starts_the_trainer_and_returns_a_random_id(reg):
    t = FakeTrainer()
    a = reg.submit("s1", t)
    b = reg.submit("s2", FakeTrainer())
    assert t.starts == 1 and t.status == "running"
    assert a != b and len(a) >= 16
    assert reg.get("s1", a).runner is t


def test_a_session_never_sees_or_stops_another_sessions_job(reg):
    t = FakeTrainer()
    job_id = reg.submit("alice", t)
    assert reg.get("bob", job_id) is None
    assert reg.stop("bob", job_id) is False
    assert t.stops == 0 and t.status == "running"
    assert reg.jobs_for("bob") == []
    assert reg.stop("alice", job_id) is True and t.status == "stopped"


def test_a_second_submit_stops_the_sessions_running_job(reg):
    first, second = FakeTrainer(), FakeTrainer()
    a = reg.submit("s1", first)
    b = reg.submit("s1", second)
    assert first.status == "stopped" and second.status == "running"
    assert [j.id for j in reg.jobs_for("s1")] == [a, b]  # the stopped run stays for the Compare table
    assert reg.running_for("s1").id == b


def test_beyond_the_cap_a_start_waits_in_line_and_starts_when_a_slot_frees(reg):
    first = FakeTrainer()
    reg.submit("s1", first)
    reg.submit("s2", FakeTrainer())
    late, later = FakeTrainer(), FakeTrainer()
    a = reg.submit("s3", late)
    b = reg.submit("s4", later)
    assert late.starts == later.starts == 0
    assert reg.get("s3", a).status == "queued" and reg.get("s3", a).active
    assert reg.queue_position("s3", a) == 1 and reg.queue_position("s4", b) == 2
    assert reg.queue_position("s4", a) is None  # another session's place is not for others to see
    first.finish()
    reg.advance()
    assert late.starts == 1 and reg.get("s3", a).status == "running" and reg.queue_position("s4", b) == 1
    assert later.starts == 0 and reg.running_count() == 2


def test_a_queued_start_can_be_cancelled_and_a_session_queues_one_run_at_most(reg):
    reg.submit("s1", FakeTrainer())
    reg.submit("s2", FakeTrainer())
    first_try, second_try = FakeTrainer(), FakeTrainer()
    a = reg.submit("s3", first_try)
    b = reg.submit("s3", second_try)  # replaces the first in line, at the back of the queue
    assert reg.get("s3", a) is None and reg.queue_position("s3", b) == 1 and reg.queued_count() == 1
    assert reg.stop("s3", b) is True and reg.get("s3", b) is None and reg.queued_count() == 0
    assert first_try.starts == second_try.starts == 0


def test_a_full_queue_refuses_with_a_message(clock):
    reg = JobRegistry(max_running=1, max_queued=1, clock=clock)
    reg.submit("s1", FakeTrainer())
    reg.submit("s2", FakeTrainer())
    with pytest.raises(JobLimitError, match="more are waiting"):
        reg.submit("s3", FakeTrainer())
    assert reg.jobs_for("s3") == []


def test_replacing_your_own_job_is_allowed_at_the_cap(reg):
    reg.submit("s1", FakeTrainer())
    reg.submit("s2", FakeTrainer())
    reg.submit("s1", FakeTrainer())  # s1 stops its own first, so the count stays at 2
    assert reg.running_count() == 2


def test_finished_jobs_free_their_slot(reg):
    t = FakeTrainer()
    reg.submit("s1", t)
    reg.submit("s2", FakeTrainer())
    t.finish()
    reg.submit("s3", FakeTrainer())
    assert reg.running_count() == 2


def test_old_finished_runs_are_forgotten_beyond_the_keep_limit(reg, clock):
    ids = []
    for _ in range(6):
        clock.t += 1
        t = FakeTrainer()
        ids.append(reg.submit("s1", t))
        t.finish()
    kept = [j.id for j in reg.jobs_for("s1")]
    assert len(kept) <= 4 and kept[-1] == ids[-1] and ids[0] not in kept


def test_reap_stops_jobs_of_sessions_silent_past_the_grace_time(reg, clock):
    gone, here = FakeTrainer(), FakeTrainer()
    g = reg.submit("gone", gone)
    h = reg.submit("here", here)
    clock.t += 100
    reg.touch("here")
    assert reg.reap(grace_s=120) == []
    clock.t += 50  # "gone" silent for 150 s, "here" for 50 s
    assert reg.reap(grace_s=120) == [g]
    assert gone.status == "stopped" and here.status == "running"
    assert reg.get("gone", g) is None and reg.get("here", h) is not None


def test_reap_spares_sessions_listed_as_alive(reg, clock):
    t = FakeTrainer()
    reg.submit("s1", t)
    clock.t += 10_000
    assert reg.reap(alive_session_ids={"s1"}, grace_s=1) == []
    assert t.status == "running"


def test_a_failing_start_leaves_no_job_behind(reg):
    class Broken(FakeTrainer):
        def start(self):
            raise RuntimeError("no device")

    with pytest.raises(RuntimeError):
        reg.submit("s1", Broken())
    assert reg.jobs_for("s1") == [] and reg.running_count() == 0


def test_concurrent_submits_never_exceed_the_cap(clock):
    reg = JobRegistry(max_running=3, clock=clock, max_queued=10)
    refused = []

    def worker(i):
        try:
            reg.submit(f"s{i}", FakeTrainer())
        except JobLimitError:
            refused.append(i)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert reg.running_count() == 3 and reg.queued_count() == 10 and len(refused) == 7


def test_the_reaper_stops_a_gone_sessions_job_with_no_page_running():
    import time as _time

    from builder.jobs import JobRegistry, start_reaper

    class Trainer:
        status = "running"

        def start(self):
            pass

        def stop(self):
            self.status = "stopped"

    registry = JobRegistry()
    trainer = Trainer()
    registry.submit("gone", trainer)
    start_reaper(registry, grace_s=0.05, every_s=0.02)
    for _ in range(200):
        if trainer.status == "stopped":
            break
        _time.sleep(0.01)
    assert trainer.status == "stopped" and registry.jobs_for("gone") == []
