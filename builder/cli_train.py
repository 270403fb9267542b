"""`python -m builder train`: a spec (and optionally a person's data file) trained with a progress bar into a
bundle folder; started by torchrun, one rank of a distributed run."""
from __future__ import annotations

import contextlib
import os
import shutil
import sys
from pathlib import Path

from .cli_paths import UsageError, claim, writable_dir
from .errors import printable


def cmd_train(args) -> int:
    """A progress bar, then the bundle's location. Started by torchrun, this process is one rank of a
    distributed run; rank 0 alone shows progress and writes checkpoints and the bundle."""
    from . import distributed
    from .spec import parse_spec
    parse_spec(args.spec)  # a spec that cannot be read is said before a folder is made or data is read for it
    out = writable_dir(args.out, "--out")
    writes = not distributed.launched() or os.environ["RANK"] == "0"  # rank 0 alone writes the folder
    with claim(out, args.spec) if writes else contextlib.nullcontext():
        if writes:  # checkpoints are written every epoch: refused now, not after the first
            writable_dir(str(out / "checkpoints"), "--out")
        dataset = _dataset(args)
        if dataset is not None and writes:  # how the file was read: what was left out, the gaps, a row-number column
            print(f"data: {printable(dataset.description)}")
        if args.fit:
            args.spec, dataset = _fitted(args.spec, dataset)
        if not distributed.launched():
            return _train_and_save(args, out, dataset, None)
        group = distributed.join(args.device or _spec_device(args.spec))
        try:
            code = _train_and_save(args, out, dataset, group)
        except BaseException:
            distributed.leave()
            raise
        distributed.leave(wait_for_peers=True)
        return code


def _given(value) -> bool:
    """Whether an option was given: 0 and "" were, and are checked like any other value (only argparse's None, and
    the empty list of a repeatable option, say it was not)."""
    return value is not None and value != []


def _dataset(args):
    if args.data is None:
        if any(map(_given, (args.missing, args.target, args.ignore, args.text))):
            raise UsageError("--target, --ignore, --missing and --text apply to a file given with --data")
        return None
    if (_given(args.tokens) or _given(args.seq_len)) and not _given(args.text):
        raise UsageError("--tokens and --seq-len apply to a text column named with --text")
    from .datasets import corpus_steps
    from .spec import parse_spec
    from .uploads import UPLOAD_FORMATS, load_upload
    options = {k: v for k, v in (("target", args.target), ("missing", args.missing), ("ignore", args.ignore),
                                 ("text", args.text), ("tokens", args.tokens), ("seq_len", args.seq_len)) if _given(v)}
    path = Path(args.data)
    steps = corpus_steps(parse_spec(args.spec).to_dict())
    if steps is not None and not options and path.suffix.lower() in UPLOAD_FORMATS["corpus"].suffixes:
        return load_upload(path, kind="corpus", steps=steps)  # a text of one's own for a language model
    return load_upload(path, **options)


def _fitted(spec_path: str, dataset):
    """The spec made to fit the data (the page's "Make the network fit the data"): what changed is printed."""
    from .datasets import load_dataset
    from .fitting import fit_network
    from .spec import parse_spec
    spec = parse_spec(spec_path)
    if dataset is None:
        if spec.data is None:
            raise UsageError("--fit needs data: the spec names no dataset; give a file with --data")
        dataset = load_dataset(spec.data.dataset, spec.data.options)
    fitted, changes = fit_network(spec.to_dict(), dataset)
    for change in changes or ["nothing to change: the network fits the data"]:
        print(f"fit: {printable(change)}")
    return fitted, dataset


def _spec_device(spec) -> str:
    from .spec import parse_spec
    training = parse_spec(spec).training
    return training.device if training else "auto"


def _train_and_save(args, out: Path, dataset, group) -> int:
    from .bundle import write_bundle
    from .training import Trainer
    trainer = Trainer.from_spec(args.spec, dataset, epochs=args.epochs, device=args.device, group=group,
                                checkpoint_dir=out / "checkpoints", resume=args.resume, compile=args.compile)
    if args.compile and trainer.parts.device.type == "cpu" and compiler_missing():
        raise UsageError(f"--compile on the CPU needs {compiler_missing()}")
    if group is not None and not group.is_main:
        trainer.run()
        if trainer.status != "finished":
            print(f"rank {group.rank}: {trainer.status}: {printable(trainer.log.message)}", file=sys.stderr)
        return 0 if trainer.status == "finished" else 1
    if group is not None:
        print(group.describe(trainer.batch_size), flush=True)
    _run_with_progress(trainer)
    bundle = write_bundle(trainer, out, formats=args.export, include_data=args.include_data)
    print(f"{trainer.status}: {printable(trainer.log.message)}")
    speed = trainer.log.average_samples_per_s
    per_rank = f" over {trainer.world_size} ranks ({speed / trainer.world_size:,.0f} per rank)" if group else ""
    print(f"throughput: {speed:,.0f} samples/s{per_rank}")
    print(f"bundle written to {printable(bundle)}")
    return 0 if trainer.status == "finished" else 1


def compiler_missing() -> str | None:
    """What torch.compile lacks to build CPU kernels here (None: nothing): inductor compiles them with the C++
    compiler named by $CXX, else g++, found on the PATH."""
    wanted = os.environ.get("CXX") or "g++"
    return None if shutil.which(wanted) else f"a C++ compiler ({wanted}) on the PATH, which inductor builds its " \
                                               f"kernels with"


def _run_with_progress(trainer) -> None:
    from tqdm import tqdm

    metric = trainer.objective.metric
    total = trainer.config.epochs * trainer.parts.steps_per_epoch
    with tqdm(total=total, initial=min(trainer.global_step, total), unit="step", dynamic_ncols=True,
              desc=f"{printable(trainer.spec.name[:60])} on {trainer.log.device}") as bar:
        def on_step(t) -> None:
            bar.update(1)
            if t.global_step % 10 == 0:
                bar.set_postfix(epoch=f"{t.epoch + 1}/{t.config.epochs}", loss=f"{t.log.snapshot_loss():.4f}",
                                refresh=False)

        def on_epoch(t) -> None:
            row = t.history()[-1]
            bar.set_postfix(epoch=f"{row['epoch']}/{t.config.epochs}", loss=f"{row['train_loss']:.4f}",
                            val_loss=f"{row.get('val_loss', float('nan')):.4f}",
                            **{f"val_{metric}": f"{row.get(f'val_{metric}', float('nan')):.3f}"})

        trainer.on("step_end", on_step).on("epoch_end", on_epoch).run()
