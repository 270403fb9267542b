"""Where a command may write: the folders and files its options name, checked before any work (a file in the
way, a read-only folder, the bundle or the input itself), and the lock a `train --out` holds for its run's life.
Each refusal is a UsageError naming the option and the path."""
from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path


class UsageError(ValueError):
    """An option or path the command cannot use."""



def claim(out: Path, spec: str):
    """Lock --out for the run's life (a second `train` into it is refused, naming this one), and refuse, before
    any training, a folder holding files a bundle would write over (see bundle.clear_bundle_folder)."""
    from .bundle import clear_bundle_folder
    from .files import lock_folder
    lock = lock_folder(out, f"python -m builder train {spec}")
    try:
        clear_bundle_folder(out, remove=False)
    except BaseException:
        lock.release()
        raise
    return lock


def output_file(path: str, bundle: str, data: str) -> Path:
    """Where predict may write its table: a file, never the input nor anything inside the bundle."""
    where, home = Path(path).resolve(), Path(bundle).resolve()
    if where == home or home in where.parents:
        raise UsageError(f"--output {path}: inside the bundle {bundle}; write the predictions elsewhere")
    if where == Path(data).resolve():
        raise UsageError(f"--output {path}: that is the input file; write the predictions elsewhere")
    return writable_file(path, "--output")


def discard_stdout() -> None:
    """Send what is left in stdout's buffer nowhere, so Python's own flush at exit cannot fail a second time."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):  # not a real file (captured in tests)
        pass


@contextlib.contextmanager
def writing(path: Path, option: str):
    """A write to the file an option names: an OSError (a full disk, a read-only folder) is said naming both."""
    try:
        yield
    except OSError as e:
        raise UsageError(f"{option} {path}: cannot be written ({e.strerror or e})") from None


def writable_dir(path: str, option: str) -> Path:
    """A folder the command can write into (made if missing), or a UsageError saying why not."""
    target = Path(path)
    blocker = next((p for p in [target, *target.parents] if p.exists() and not p.is_dir()), None)
    if blocker is not None:
        raise UsageError(f"{option} {path}: a file is in the way ({blocker}); name a folder")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"{option} {path}: cannot create the folder ({e.strerror or e})") from None
    if not target.is_dir():
        raise UsageError(f"{option} {path}: not a folder")
    try:  # a probe of this process's own (the ranks of a distributed run check the same folder at once)
        with tempfile.NamedTemporaryFile(dir=target, prefix=".netbuilder-write-test-"):
            pass
    except OSError as e:
        raise UsageError(f"{option} {path}: the folder is not writable ({e.strerror or e})") from None
    return target


def writable_file(path: str, option: str) -> Path:
    target = Path(path)
    if target.is_dir():
        raise UsageError(f"{option} {path}: a folder is in the way; name a file")
    if target.exists() and not target.is_file() and os.access(target, os.W_OK):
        return target  # a device or a pipe (/dev/stdout): written in place, whatever its folder allows
    writable_dir(str(target.parent) if str(target.parent) else ".", option)
    return target
