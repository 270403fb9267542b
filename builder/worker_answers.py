"""What a run's worker answers while its run waits between steps (paused): save its state now, so the page looks
at the run's own weights and not at an older checkpoint; or edit one weight of a small dense layer, redraw the
run's views with it and save. Answers are plain data; a refusal is {"error": why}."""
from __future__ import annotations

from . import checkpoints
from .errors import SpecErrors
from .weights import edit_weight

QUESTIONS = ("save", "edit_weight")


def answer(trainer, question: str, args: tuple) -> dict:
    """The answer to `question` (one of QUESTIONS) with its `args`, on the worker's Trainer."""
    # the worker's loop runs in its main thread and answers in another: a run is still only while it holds in a
    # pause that its loop has reached (its status says so), or has ended
    if not (trainer.done or (trainer.holding and trainer.status in ("paused", "idle"))):
        return {"error": "the run is training: pause it first"}
    if trainer.checkpoint_dir is None:
        return {"error": "the run keeps no checkpoints"}
    try:
        found = {"step": trainer.global_step}
        if question == "edit_weight":
            found.update(edit_weight(trainer, *args))
            redraw(trainer)
        elif question != "save":
            return {"error": f"unknown question {question!r}"}
        found["checkpoint"] = str(checkpoints.write(trainer, trainer.checkpoint_dir / "last.pt"))
        return found
    except SpecErrors as e:
        return {"error": str(e)}


def redraw(trainer) -> None:
    """The run's views (the boundary, the predictions, the canvas's nodes) at its weights now."""
    if trainer.telemetry is not None:
        trainer.telemetry.update_views(True)
        trainer.telemetry.update_nodes()
