"""Generated text while a language model trains: a listener that, every few seconds, lets the model being trained
write a short sample after a fixed validation window, at the temperature the page asks for, and keeps it in the run
log as the view "text" (plain data the page shows as it arrives)."""
from __future__ import annotations

from .errors import DataError
from .text import TextEncoder, generate, is_language_model

SAMPLE_CHARS = 120  # how many tokens each sample adds: a few lines, cheap to write and to send
SAMPLE_GAP_S = 2.0  # at most one sample this often …
SAMPLE_SHARE = 0.1  # … and within this share of the training time (a sample costs SAMPLE_CHARS forward passes)
DEFAULT_TEMPERATURE = 0.8
MAX_TEMPERATURE = 2.0  # the page's slider; `generate` itself accepts up to 10


def language_model(parts) -> tuple[TextEncoder, list[str]] | None:
    """(encoder, classes) when the run's data is a language model's (see text.is_language_model), else None."""
    dataset = parts.dataset
    return (dataset.text.encoder, list(dataset.class_names)) if is_language_model(dataset) else None


def checked_temperature(value) -> float:
    """A temperature from the page or a command: a number from 0 to MAX_TEMPERATURE, else DataError."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= MAX_TEMPERATURE:
        raise DataError("the temperature", f"must be a number from 0 to {MAX_TEMPERATURE:g}. Received: {value!r}")
    return float(value)


def _budget():
    """A fresh sampling budget (telemetry is torch's side: imported in the worker that trains, while the page reads
    only this module's limits)."""
    from .telemetry import Budget
    return Budget(SAMPLE_SHARE, None, SAMPLE_GAP_S)


class TextWatch:
    """Attached to a Trainer of a language model, it writes the view "text": {"step", "epoch", "temperature",
    "prompt", "text"} (the prompt is the first validation window, the text what the model wrote after it), or
    {"error": …} when the model could not write."""

    def __init__(self, trainer, encoder: TextEncoder, classes: list[str], temperature: float = DEFAULT_TEMPERATURE):
        self.trainer, self.encoder, self.classes = trainer, encoder, classes
        self.temperature = checked_temperature(temperature)
        self.budget = _budget()
        trainer.on("step_end", self._step_end).on("run_end", self._run_end)

    @classmethod
    def attach(cls, trainer, temperature: float = DEFAULT_TEMPERATURE) -> "TextWatch | None":
        """A TextWatch on `trainer` when it trains a language model; None (nothing attached) otherwise."""
        found = language_model(trainer.parts)
        return None if found is None else cls(trainer, *found, temperature=temperature)

    def set_temperature(self, value) -> None:
        """Sample at another temperature from the next sample on (the budget starts afresh: it comes at once)."""
        self.temperature = checked_temperature(value)
        self.budget = _budget()

    def retune(self, value) -> None:
        """The page moved the temperature (a command, from the worker's command thread): the next sample uses it,
        and a paused run (its training thread waits, and only that command thread resumes it) writes one at once.
        A temperature out of range is ignored."""
        try:
            self.set_temperature(value)
        except DataError:
            return
        if self.trainer.status in ("paused", "idle") and not self.trainer.done:
            self.write()

    def prompt(self) -> str:
        parts = self.trainer.parts
        x = parts.x_val_raw if parts.n_val else parts.x_train_raw
        return self.encoder.decode(x[0].tolist())

    def _step_end(self, trainer) -> None:
        self.budget.at_step_end(trainer, self.write)

    def _run_end(self, trainer) -> None:
        if trainer.status != "failed":
            self.write()  # what the finished model writes

    def write(self) -> None:
        """One sample now, into the run log (call from the training thread, or while the run is paused)."""
        t = self.trainer
        prompt = self.prompt()
        try:
            written = generate(t.model, self.encoder, self.classes, prompt, SAMPLE_CHARS, self.temperature,
                               seed=t.global_step)
            value = {"prompt": prompt, "text": written[len(prompt):]}
        except (DataError, RuntimeError, ValueError) as e:  # a model that cannot write says why; the run goes on
            value = {"error": str(e)}
        t.log.set_view("text", {"step": t.global_step, "epoch": t.epoch, "temperature": self.temperature, **value})


def attach_live_views(trainer, temperature: float = DEFAULT_TEMPERATURE) -> TextWatch | None:
    """What the page shows of a run beside the dashboard's telemetry: the attention maps of a network that attends
    (trace.AttentionWatch) and the generated text of a language model; returns the text watch (None: not a
    language model), whose temperature the page tunes."""
    from .trace import AttentionWatch  # trace imports the engine's compiler: only a run needs it
    AttentionWatch.attach(trainer)
    try:
        return TextWatch.attach(trainer, temperature)
    except DataError:  # a temperature out of range: the default one
        return TextWatch.attach(trainer)
