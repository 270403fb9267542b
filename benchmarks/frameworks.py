"""What a person would pick instead of NetBuilder: PyTorch Lightning's `Trainer.fit` and Keras 3 (torch backend)
training the same MLP on the same data, side by side and interleaved with the engine (telemetry on and off) and the
resident-tensor hand loop. Prints times and ratios; asserts nothing. A framework that is not installed is skipped
with a word (neither is a NetBuilder dependency).

    PYTHONPATH=/path/to/lightning-and-keras .venv/bin/python benchmarks/frameworks.py [--widths 64 256] [--epochs 15]
                                                                                     [--repeats 3] [--quick]

Same model shape (Flatten → Linear(width) → ReLU → Linear(10)), the same normalised training and validation split,
batch size, epochs, optimizer and learning rate as the engine's mlp_digits preset; each framework validates once an
epoch, as the engine does. Only the training is timed (the model, data and the framework's Trainer are made before).
"""
from __future__ import annotations

import argparse
import contextlib
import importlib.util
import logging
import os
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore")

FRAMEWORKS = {"Lightning": "lightning", "Keras 3": "keras"}


def missing(name: str) -> str | None:
    """Why the framework `name` cannot run here (None: it can)."""
    module = FRAMEWORKS[name]
    if importlib.util.find_spec(module) is None:
        return "not installed"
    if module == "keras" and os.environ.setdefault("KERAS_BACKEND", "torch") != "torch":
        return f"KERAS_BACKEND={os.environ['KERAS_BACKEND']}; this benchmark compares on the torch backend"
    return None


def _importable_torchvision() -> None:
    """torchmetrics (a Lightning dependency) imports torchvision when it is installed, which fails beside the CPU
    torch NetBuilder pins; the architectures module knows how to make that import work."""
    from builder.architectures import torchvision_models
    with contextlib.suppress(ImportError):
        torchvision_models()


def _data(spec, epochs: int):
    """The engine's own prepared parts: model (same initial weights), normalised split, batch size, optimizer."""
    from builder.prepare import prepare
    return prepare(spec, epochs=epochs, device="cpu")


def lightning_fit(spec, epochs: int) -> float:
    """Seconds `lightning.Trainer.fit` takes to train the spec's model: DataLoaders over the same tensors (shuffled
    training batches), the engine's optimizer, validation each epoch; no logger, checkpoint or progress bar."""
    _importable_torchvision()
    import lightning as L
    from torch.utils.data import DataLoader, TensorDataset

    from builder.recipes import LOSSES, OPTIMIZERS
    for name in ("lightning.pytorch", "lightning.fabric"):
        logging.getLogger(name).setLevel(logging.ERROR)
    t = _data(spec, epochs)
    loss_fn = LOSSES[t.config.loss].make()

    class Module(L.LightningModule):
        def __init__(self):
            super().__init__()
            self.model = t.model

        def training_step(self, batch, _):
            xb, yb = batch
            return loss_fn(self.model(xb), yb)

        def validation_step(self, batch, _):
            xb, yb = batch
            self.log("val_loss", loss_fn(self.model(xb), yb))

        def configure_optimizers(self):
            return OPTIMIZERS[t.config.optimizer].make(self.model.parameters(), t.config)

    train = DataLoader(TensorDataset(t.x_train, t.y_train), batch_size=t.batch_size, shuffle=True)
    val = DataLoader(TensorDataset(t.x_val, t.y_val), batch_size=1000)
    trainer = L.Trainer(max_epochs=epochs, accelerator="cpu", devices=1, logger=False, enable_checkpointing=False,
                        enable_progress_bar=False, enable_model_summary=False, num_sanity_val_steps=0)
    module = Module()
    start = time.perf_counter()
    trainer.fit(module, train, val)
    return time.perf_counter() - start


def keras_fit(spec, epochs: int) -> float:
    """Seconds Keras 3's `model.fit` (torch backend) takes: the same layers as Keras layers, Adam at the spec's
    learning rate, sparse categorical cross-entropy on logits, the validation split each epoch."""
    os.environ.setdefault("KERAS_BACKEND", "torch")
    import keras
    t = _data(spec, epochs)
    if t.config.optimizer != "adam" or t.config.loss != "cross_entropy":
        raise ValueError("the Keras loop is written for the mlp_digits recipe (Adam, cross-entropy)")
    width = next(m.out_features for m in t.model.modules() if hasattr(m, "out_features"))
    classes = len(t.dataset.class_names)
    x_train, x_val = (x.reshape(len(x), -1).numpy() for x in (t.x_train, t.x_val))
    keras.utils.set_random_seed(t.config.seed)
    model = keras.Sequential([keras.Input((x_train.shape[1],)), keras.layers.Dense(width, activation="relu"),
                              keras.layers.Dense(classes)])
    model.compile(optimizer=keras.optimizers.Adam(t.config.lr),
                  loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    start = time.perf_counter()
    model.fit(x_train, t.y_train.numpy(), batch_size=t.batch_size, epochs=epochs,
              validation_data=(x_val, t.y_val.numpy()), shuffle=True, verbose=0)
    return time.perf_counter() - start


LOOPS = {"Lightning": lightning_fit, "Keras 3": keras_fit}


def framework_figures(widths: list[int], epochs: int, repeats: int) -> None:
    """The section bench.py prints: per width, each installed framework against the engine and the resident loop."""
    from benchmarks.bench import interleaved, load, mlp
    from benchmarks.train_throughput import engine, resident_loop
    from builder.prepare import prepare
    ready = [name for name in LOOPS if not missing(name)]
    for name in LOOPS:
        if missing(name):
            print(f"  {name}: {missing(name)}, skipped")
    if not ready:
        return
    print(f"\nFrameworks, MLP on digits, {epochs} epochs, seconds, median of {repeats} interleaved ({load()})")
    print(f"  {'width':>6} {'telemetry on':>13} {'off':>7} {'resident':>9} "
          + " ".join(f"{name:>10}" for name in ready)
          + "   " + "  ".join(f"{name}/on  {name}/resident" for name in ready))
    for width in widths:
        spec = mlp(width, epochs)
        samples = prepare(spec).n_train * epochs  # the engine's loops report samples/s: turned back into seconds
        variants = {"on": lambda: samples / engine(spec, epochs, "cpu", False, True),
                    "off": lambda: samples / engine(spec, epochs, "cpu", False, False),
                    "resident": lambda: samples / resident_loop(spec, epochs, "cpu", False)}
        variants.update({name: (lambda fn=LOOPS[name]: fn(spec, epochs)) for name in ready})
        r = interleaved(variants, repeats)
        print(f"  {width:>6} {r['on']:>12.3f}s {r['off']:>6.3f}s {r['resident']:>8.3f}s "
              + " ".join(f"{r[name]:>9.3f}s" for name in ready) + "   "
              + "  ".join(f"{r[name] / r['on']:>{len(name) + 3}.2f}× {r[name] / r['resident']:>{len(name) + 9}.2f}×"
                          for name in ready))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", type=int, nargs="+", default=[64, 256], help="hidden widths of the MLP")
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--repeats", type=int, default=3, help="interleaved runs of each; the median is shown")
    parser.add_argument("--quick", action="store_true", help="the smoke size: width 16, one epoch, one run")
    args = parser.parse_args()
    print("Lightning and Keras 3 against the engine")
    if args.quick:
        framework_figures([16], 1, 1)
    else:
        framework_figures(args.widths, args.epochs, args.repeats)


if __name__ == "__main__":
    main()
