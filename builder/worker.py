"""Training out of the server process: each run trains in a worker process of its own.

The server holds a `RunHandle`: the worker's process, a copy of the run's log (a RunLog replaying the journal
the worker sends through a pipe every FLUSH_S), and the commands that go the other way (pause, resume, step,
stop, threads). The Trainer, its model and its data live in the worker only. Workers are forked by
multiprocessing's forkserver, which has imported torch and the engine once (see `preload`), so a Start does not
pay for the imports. A worker writes its checkpoints and, at the end, its bundle into the run's folder; a worker
that dies (killed, out of memory) leaves the server serving and its last checkpoint on disk.
"""
from __future__ import annotations

import math
import os
import signal
import threading
import time
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from .pipe import receive, receive_dataset, send, send_dataset
from .files import FolderBusy, folder_holder, lock_folder
from .forkserver import forkserver_context
from .runlog import DONE, RunLog
from .store import write_run_file

PROGRESS_EVERY_S = 1.0  # how often a worker updates run.json with how far it got (the end is always written)
FLUSH_S = 0.25  # how often a worker sends its journal (the page redraws at most once a second)
FIRST_POINT_S = 0.005  # … but the run's first loss point goes out within this of existing: a page waits for it
FIRST_POINT_WATCH_S = 10.0  # watched for this long at most (a slow first step need not keep the relay awake)


@dataclass
class RunRequest:
    """Everything a worker needs to train one run: plain data, sent once when the worker starts."""

    run_id: str
    spec: dict
    run_dir: Path
    label: str = ""
    dataset: Any = None  # a builder.datasets.Dataset for uploaded data (sent as its parts); None: the spec's own
    weights: bytes | None = None  # safetensors bytes of a state dict to start from (a bundle someone continued from)
    resume: Path | None = None  # a checkpoint to continue
    paused: bool = False  # start paused (Step drives it batch by batch)
    threads: int = 1
    checkpoint_every_s: float = 30.0
    meta: dict = field(default_factory=dict)
    temperature: float = 0.8  # a language model's live samples are written at this temperature (see textwatch)
    carry_from: dict | None = None  # {"spec", "checkpoint"}: go on from another run's checkpoint (builder.surgery)


# ---- the server's side --------------------------------------------------------------------------

class RunHandle:
    """A run training in a worker process, as the server sees it: its log, its status and its commands."""

    def __init__(self, request: RunRequest, on_end: Callable[["RunHandle"], None] | None = None,
                 stop_timeout: float = 5.0):
        self.request = request
        self.log = RunLog()
        self.log.set_status("starting")
        self.stop_timeout = stop_timeout
        self.info: dict = {}  # what the worker told about itself once ready (pid, n_train, …)
        self._process = None
        self._conn = None
        self._send_lock = threading.Lock()
        self._stepped = threading.Condition()
        self._step_replies = 0
        self._answers: list = []  # the worker's answers to `ask`, in order
        self._asking = threading.Lock()  # one question at a time
        self._ended = threading.Event()
        self._receiver: threading.Thread | None = None
        self._end_listeners: list | None = [on_end] if on_end is not None else []  # None once they were called
        self._listeners_lock = threading.Lock()
        self._life_lock = threading.Lock()  # start and stop never interleave (a Start racing a cancel)

    # -- life ----------------------------------------------------------------------------------
    def start(self) -> "RunHandle":
        with self._life_lock:
            return self._start()

    def _start(self) -> "RunHandle":
        if self.done or self._process is not None:  # cancelled before its turn, or started already
            return self
        holder = folder_holder(self.request.run_dir)
        if holder is not None:  # another worker writes this folder: touch nothing of its
            self.log.set_status("failed", f"cannot train: {self.request.run_dir}: another run is writing this "
                                          f"folder ({holder}); wait for it to end")
            self._finish()
            return self
        write_run_file(self.request.run_dir, run_id=self.request.run_id, label=self.request.label,
                       spec=self.request.spec, status="starting", created=time.time(), **self.request.meta)
        ctx = forkserver_context()
        dataset = self.request.dataset
        with self._send_lock:  # the dataset is the worker's first message: no command may come before it
            self._conn, theirs = ctx.Pipe()
            self._process = ctx.Process(target=worker_main, daemon=True, name=f"netbuilder-run-{self.request.run_id}",
                                        args=(theirs, replace(self.request, dataset=None), dataset is not None))
            self._process.start()
            theirs.close()
            if dataset is not None:
                try:
                    send_dataset(self._conn, dataset)
                except OSError:
                    pass  # the worker died before reading it: the receiver below reports how
        self._receiver = threading.Thread(target=self._receive, name="netbuilder-run-receiver", daemon=True)
        self._receiver.start()
        return self

    @property
    def status(self) -> str:
        return self.log.status

    @property
    def done(self) -> bool:
        return self._ended.is_set()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.is_alive()

    def _receive(self) -> None:
        try:
            while True:
                kind, payload = receive(self._conn)
                if kind == "log":
                    self.log.replay(payload)
                elif kind == "ready":
                    self.info = payload
                elif kind in ("stepped", "answer"):
                    with self._stepped:
                        if kind == "answer":
                            self._answers.append(payload)
                        else:
                            self._step_replies += 1
                        self._stepped.notify_all()
                elif kind == "end":
                    self.log.replay(payload)
                    break
        except (EOFError, OSError):
            pass  # the worker is gone: say so below if it did not end properly
        except Exception as e:  # a message we could not read: the run is lost, the server goes on
            self.log.note(f"the server could not read the worker's messages ({type(e).__name__}: {e})")
        self._finish()

    def _finish(self) -> None:
        if self._ended.is_set():
            return
        if self._process is not None:
            self._process.join(self.stop_timeout)
            if self._process.is_alive():
                self._process.kill()
                self._process.join(5)
        if self._conn is not None:
            self._conn.close()
        if self.log.status not in DONE:
            self.log.set_status("failed", self._death_message())
            write_run_file(self.request.run_dir, status="failed", message=self.log.message)
        with self._stepped:
            self._stepped.notify_all()
        with self._listeners_lock:
            listeners, self._end_listeners = self._end_listeners, None
        for listener in listeners:
            self._call(listener)
        self._ended.set()  # last: whoever waits for the end sees the listeners' work done

    def _call(self, listener) -> None:
        try:
            listener(self)
        except Exception:  # a listener's failure must not take the receiver thread's cleanup with it
            traceback.print_exc()

    def when_done(self, listener: Callable[["RunHandle"], None]) -> None:
        """Call `listener(handle)` once the run has ended (at once if it already has)."""
        with self._listeners_lock:
            if self._end_listeners is not None:
                self._end_listeners.append(listener)
                return
        self._call(listener)

    def _death_message(self) -> str:
        code = self._process.exitcode if self._process is not None else None
        how = f"was killed by signal {-code} ({signal.Signals(-code).name})" if code is not None and code < 0 else \
            f"exited with code {code}" if code is not None else "stopped answering"
        epoch, step = self.log.epoch, self.log.step
        kept = " Its last checkpoint is kept: resume it, or download it, from the Runs list." if (
            self.request.run_dir / "checkpoints" / "last.pt").exists() else ""
        return (f"the run's worker process {how} after {epoch} epoch{'s' * (epoch != 1)} ({step:,} steps) — "
                f"perhaps it ran out of memory.{kept}")

    # -- commands ------------------------------------------------------------------------------
    def _send(self, *message) -> bool:
        with self._send_lock:
            if self._conn is None or self.done:
                return False
            try:
                send(self._conn, message)
                return True
            except (OSError, ValueError, BrokenPipeError):
                return False

    def pause(self) -> None:
        self._send("pause")

    def resume(self) -> None:
        self._send("resume")

    def set_threads(self, n: int) -> None:
        self._send("threads", int(n))

    def set_temperature(self, value: float) -> None:
        """A language model's live samples from now on at this temperature (a paused run writes one at once)."""
        self._send("temperature", float(value))

    def follow(self, ref: dict | None) -> None:
        """Trace this sample (as `trace.resolve_sample` reads it, plain data) at the run's weights while it trains,
        into its log's "trace" answer (see trace.TraceWatch); None stops following."""
        self._send("follow", ref)

    def step(self, timeout: float = 30.0) -> bool:
        """One batch on a paused run; waits for the worker to say it is done (True) or for `timeout`."""
        with self._stepped:
            before = self._step_replies
            if not self._send("step"):
                return False
            return self._stepped.wait_for(lambda: self._step_replies > before or self.done, timeout) and not self.done

    def ask(self, question: str, *args, timeout: float = 10.0) -> dict:
        """Ask a paused run's worker a question (builder.worker_answers) and wait for its answer: plain data, or
        {"error": why} (also when the run has ended or `timeout` passed)."""
        with self._asking, self._stepped:
            before = len(self._answers)
            if not self._send(question, *args):
                return {"error": "the run has ended"}
            if not self._stepped.wait_for(lambda: len(self._answers) > before or self.done, timeout):
                return {"error": f"the run did not answer within {timeout:g} s"}
            return self._answers[before] if len(self._answers) > before else {"error": "the run has ended"}

    def stop(self) -> None:
        """Ask the worker to stop (it saves its state and ends); kill it if it has not ended within stop_timeout.
        A run that never started (cancelled while queued) just ends."""
        with self._life_lock:
            if self.done:
                return
            if self._process is None:
                self.log.set_status("stopped", "cancelled before it started")
                self._finish()
                return
        self._send("stop")
        threading.Thread(target=self._kill_if_stuck, daemon=True, name="netbuilder-run-stopper").start()

    def _kill_if_stuck(self) -> None:
        if not self._ended.wait(self.stop_timeout) and self.alive:
            self._process.kill()

    def kill(self) -> None:
        """End the worker at once (its last checkpoint stays)."""
        if self.alive:
            self._process.kill()

    def join(self, timeout: float | None = None) -> bool:
        self._ended.wait(timeout)
        return self.done


# ---- the worker's side --------------------------------------------------------------------------

def worker_main(conn, request: RunRequest, with_dataset: bool = False) -> None:
    """The worker process: receive the dataset (when the request has one), build the Trainer, relay its journal,
    obey commands, write the bundle at the end."""
    import torch

    from .errors import BundleError, DataError, SpecErrors
    from .training import Trainer
    from .worker_answers import QUESTIONS, answer

    os.environ.setdefault("PYTHONHASHSEED", "0")
    torch.set_num_threads(max(1, request.threads))
    send_lock = threading.Lock()

    def reply(*message) -> bool:
        with send_lock:
            try:
                send(conn, message)
                return True
            except (OSError, ValueError):
                return False

    try:
        lock = lock_folder(request.run_dir, f"the server's run {request.run_id}")  # held until this process ends
    except FolderBusy as e:  # another worker writes this folder: fail without writing into it
        _refuse(reply, f"cannot train: {e}")
        return
    try:
        dataset = receive_dataset(conn) if with_dataset else None
        options = {"checkpoint_dir": request.run_dir / "checkpoints", "checkpoint_every_s": request.checkpoint_every_s}
        if request.carry_from is not None:  # an edited network, keeping every weight that still fits
            from .surgery import continue_run
            trainer, edit = continue_run(request.spec, request.carry_from["spec"], request.carry_from["checkpoint"],
                                         dataset, **options)
        else:
            trainer = Trainer.from_spec(request.spec, dataset, resume=request.resume, **options)
        if request.weights is not None:
            from safetensors.torch import load
            trainer.model.load_state_dict(load(request.weights))
    except (SpecErrors, DataError, BundleError, RuntimeError, ValueError) as e:
        write_run_file(request.run_dir, status="failed", message=f"cannot train: {e}")
        lock.release()
        _refuse(reply, f"cannot train: {e}")
        return
    trainer.log.record()
    from .textwatch import attach_live_views
    text_watch = attach_live_views(trainer, request.temperature)  # generated text and attention maps, if any
    from .trace import TraceWatch
    trace_watch = TraceWatch(trainer)  # a sample the page follows, traced as the run trains
    if request.carry_from is not None:  # what the edit kept, for the page (the journal starts after it was said)
        trainer.log.set_answer("edit", None, edit.to_dict())
    if request.paused:
        trainer.pause()
    n_train, n_val = trainer.parts.n_train, trainer.parts.n_val
    reply("ready", {"pid": os.getpid(), "n_train": n_train, "n_val": n_val})
    write_run_file(request.run_dir, status="running", pid=os.getpid(), n_train=n_train, n_val=n_val)
    stop_relay = threading.Event()
    server_gone = threading.Event()  # the server died: the run ends as "interrupted", resumable after a restart
    flush_lock = threading.Lock()

    def flush() -> bool:
        with flush_lock:  # taken and sent as one, so the server replays writes in the order they happened
            entries = trainer.log.take_journal()
            return not entries or reply("log", entries)

    def relay() -> None:
        watching, started = trainer.log.step == 0 and not request.paused, time.monotonic()
        flushed = started
        while not stop_relay.wait(FIRST_POINT_S if watching else FLUSH_S):
            if watching:
                now = time.monotonic()
                watching = trainer.log.step == 0 and now - started < FIRST_POINT_WATCH_S
                if watching and now - flushed < FLUSH_S:
                    continue
                flushed = now
            if not flush():
                server_gone.set()  # the server is gone: end the run, keeping its state
                trainer.stop()
                return

    def obey() -> None:
        while True:
            try:
                command, *args = receive(conn)
            except (EOFError, OSError):
                server_gone.set()  # the server died: save the state, end quietly
                trainer.stop()
                return
            if command == "stop":
                trainer.stop()
                return
            if command == "pause":
                trainer.pause()
            elif command == "resume":
                trainer.resume()
            elif command == "threads":
                torch.set_num_threads(max(1, int(args[0])))
            elif command == "temperature" and text_watch is not None:
                text_watch.retune(args[0])  # the relay sends a paused run's new sample with the next flush
            elif command == "follow":
                trace_watch.follow(args[0] if args and isinstance(args[0], dict) else None)
            elif command == "step":
                if trainer.status in ("paused", "idle") and not trainer.done:
                    trainer.step()
                flush()  # the step's loss reaches the server before the reply that the step is done
                reply("stepped", trainer.global_step)
            elif command in QUESTIONS:
                found = answer(trainer, command, tuple(args))
                flush()  # what the answer changed in the log reaches the server first
                reply("answer", found)

    noted_at = -math.inf

    def progress(t) -> None:  # after an epoch's checkpoint: how far the run got, for a restarted server
        nonlocal noted_at
        if time.monotonic() - noted_at >= PROGRESS_EVERY_S:  # a fast run ends hundreds of epochs a second
            noted_at = time.monotonic()
            write_run_file(request.run_dir, epoch=t.epoch, step=t.global_step, status=t.status)

    trainer.on("epoch_end", progress)
    threading.Thread(target=relay, daemon=True, name="netbuilder-relay").start()
    threading.Thread(target=obey, daemon=True, name="netbuilder-commands").start()
    trainer.run()
    _save_result(trainer, request, server_gone.is_set())
    stop_relay.set()
    lock.release()  # after the last write into the folder, before the server hears the run has ended
    with flush_lock:
        reply("end", trainer.log.take_journal())


def _refuse(reply, message: str) -> None:
    """End a run that never started, with `message` as its reason."""
    log = RunLog()
    log.record()
    log.set_status("failed", message)
    reply("end", log.take_journal())


def _save_result(trainer, request: RunRequest, interrupted: bool) -> None:
    """The bundle beside the checkpoints, and run.json saying how the run ended."""
    from . import checkpoints
    from .bundle import write_bundle
    try:
        if trainer.checkpoint_dir is not None and trainer.status in ("stopped", "finished"):
            checkpoints.write(trainer, trainer.checkpoint_dir / "last.pt")
        write_bundle(trainer, request.run_dir)
    except Exception as e:  # a full disk must not turn a finished run into a failed one
        trainer.log.note(f"could not save the run: {type(e).__name__}: {e}")
    final = "interrupted" if interrupted else trainer.status
    write_run_file(request.run_dir, status=final, message=trainer.log.message, epoch=trainer.epoch,
                   step=trainer.global_step, finished=time.time(), training_s=trainer.log.elapsed_s)
