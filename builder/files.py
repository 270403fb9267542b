"""The files a person names, read safely, and the run folders a run writes, locked.

Reading: `read_bytes` (and `open_regular`, for readers that seek, such as zip files) opens only regular files,
checked on the opened descriptor itself (fstat), so a named pipe cannot block the read and a link to /dev/zero or
/dev/urandom cannot fill the memory; and it reads at most a cap, never "to the end". Every place NetBuilder reads a
file someone names (a spec, data, a bundle, a checkpoint, predict's input) reads it through here.

Locking: `lock_folder` holds an OS lock (flock(2) on FOLDER/.netbuilder.lock) for as long as a run writes the
folder; a second writer is refused with the holder's pid, host and command. The OS drops the lock when the holding
process ends, however it ends, so a run killed by SIGKILL (the out-of-memory killer) leaves no stale lock (at most
a lock file nobody holds). flock is POSIX; NetBuilder runs on Linux.
"""
from __future__ import annotations

import fcntl
import json
import os
import socket
import stat
import time
from pathlib import Path
from typing import BinaryIO

LOCK_FILE = ".netbuilder.lock"  # hidden: bundle zips and run lists skip names that start with a dot
MB = 1_000_000

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a device (such as /dev/zero or a terminal)"), (stat.S_ISBLK, "a block device (a disk)"),
          (stat.S_ISSOCK, "a socket"))


class FileRefused(ValueError):
    """A file that is not read, and why ("is a named pipe (FIFO), not a regular file"); the caller names the file.
    `reason` says it without the verb ("a named pipe (FIFO), not a regular file", "No such file or directory")."""

    def __init__(self, message: str, reason: str | None = None):
        self.reason = reason or message
        super().__init__(message)


class FileTooLarge(FileRefused):
    """A regular file over its cap: `size` is its size (None when it grew past the cap while being read)."""

    def __init__(self, size: int | None, cap: int):
        self.size, self.cap = size, cap
        super().__init__(f"is {size_text(size)}; the limit is {size_text(cap)}" if size is not None else
                         f"holds more than the limit of {size_text(cap)}")


class FolderBusy(ValueError):
    """A folder another process is writing; the message names the folder and that process."""


def size_text(n: int) -> str:
    return f"{n / MB:,.1f} MB" if n >= MB else f"{n:,} bytes"


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not an ordinary file")


def _refuse_unless_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise FileRefused(f"is {_kind(mode)}, not a regular file", f"it is {_kind(mode)}, not a regular file")


def open_regular(path: str | os.PathLike) -> BinaryIO:
    """The regular file at `path` (links followed), open for reading; FileRefused for anything else. The kind is
    checked before opening (so no device is opened at all) and again on the open descriptor (so a swap in between
    changes nothing), and the open never waits for a pipe's writer."""
    try:
        _refuse_unless_regular(os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except FileRefused:  # not a regular file, said by `_refuse_unless_regular`
        raise
    except OSError as e:
        raise FileRefused(f"cannot be read ({e.strerror or e})", e.strerror or str(e)) from None
    except (ValueError, UnicodeError):  # a NUL or a lone surrogate in the name: no file is called that
        raise FileRefused("cannot be read (no file name holds a NUL or a lone surrogate character)",
                          "invalid file name") from None
    try:
        _refuse_unless_regular(os.fstat(fd).st_mode)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bytes(path: str | os.PathLike, cap: int) -> bytes:
    """The bytes of the regular file at `path`, at most `cap` of them: FileTooLarge beyond it (read as cap + 1
    bytes at most, whatever the file's size says), FileRefused for a folder, pipe, device or socket."""
    with open_regular(path) as f:
        size = os.fstat(f.fileno()).st_size
        if size > cap:
            raise FileTooLarge(size, cap)
        try:
            data = f.read(cap + 1)
        except OSError as e:
            raise FileRefused(f"cannot be read ({e.strerror or e})", e.strerror or str(e)) from None
    if len(data) > cap:
        raise FileTooLarge(None, cap)
    return data


def read_text(path: str | os.PathLike, cap: int) -> str:
    """A regular file's text (UTF-8), read as `read_bytes` reads; FileRefused when it is not UTF-8 text."""
    try:
        return read_bytes(path, cap).decode("utf-8")
    except UnicodeDecodeError as e:
        raise FileRefused(f"is not UTF-8 text ({e.reason} at byte {e.start:,})",
                          f"it is not UTF-8 text: {e.reason} at byte {e.start:,}") from None


# ---- run folders ----------------------------------------------------------------------------------

class FolderLock:
    """A held lock on a folder (`lock_folder`); `release` (or leaving a `with` block, or the process ending) frees
    it. A release removes the lock file, so a folder a run has finished with holds only what the run wrote."""

    def __init__(self, folder: Path, fd: int):
        self.folder, self._fd = folder, fd

    def release(self) -> None:
        if self._fd is not None:
            # Removed while still held: whoever opened this file before fails to lock it; whoever comes after
            # makes a new one (see lock_folder). Closing the descriptor then releases the flock.
            (self.folder / LOCK_FILE).unlink(missing_ok=True)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "FolderLock":
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def lock_folder(folder: str | os.PathLike, holder: str) -> FolderLock:
    """Lock `folder` (made if missing) for this process, writing who holds it (`holder`: the command or run, with
    this pid and host) into the lock file; FolderBusy, naming the holder, when another process holds it."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    while True:
        fd = _open_lock_file(folder)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            held_by = _holder(fd)
            os.close(fd)
            raise FolderBusy(f"{folder}: another run is writing this folder ({held_by}); wait for it to end, or "
                             "choose another folder") from None
        except BaseException:
            os.close(fd)
            raise
        if _still_there(fd, folder / LOCK_FILE):
            break
        os.close(fd)  # its holder removed the file between our open and our lock: lock the one there now
    record = {"pid": os.getpid(), "host": socket.gethostname(), "holder": holder, "since": time.time()}
    os.ftruncate(fd, 0)
    os.pwrite(fd, json.dumps(record).encode(), 0)
    return FolderLock(folder, fd)


def _still_there(fd: int, path: Path) -> bool:
    """Whether the open lock file `fd` is still the one at `path` (not removed by a release meanwhile)."""
    try:
        there = os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (there.st_dev, there.st_ino) == (mine.st_dev, mine.st_ino)


def folder_holder(folder: str | os.PathLike) -> str | None:
    """Who is writing `folder` now (any process, this one too), in words ("pid 123 on host, python -m builder
    train …, since …"); None when nobody is (the lock is free, or there is no lock file). Tested, not kept."""
    path = Path(folder) / LOCK_FILE
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return _holder(fd)
        return None  # closing the descriptor below releases the shared lock just taken
    finally:
        os.close(fd)


def _open_lock_file(folder: Path) -> int:
    """The folder's lock file, open for writing; a lock 'file' that is a link, pipe or device is refused."""
    try:
        fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o644)
    except OSError as e:
        raise FolderBusy(f"{folder}: its lock file {LOCK_FILE} cannot be opened ({e.strerror or e}); remove it if "
                         "it is not NetBuilder's") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise FolderBusy(f"{folder}: its lock file {LOCK_FILE} is not a regular file; remove it")
    return fd


def _holder(fd: int) -> str:
    """The holder a lock file names, in words (as much as can be read of it)."""
    try:
        record = json.loads(os.pread(fd, 4096, 0))
        since = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(float(record["since"])))
        return f"pid {int(record['pid'])} on {record['host']}, {record['holder']}, since {since}"
    except (OSError, ValueError, KeyError, TypeError):
        return "a process that has not said who it is yet"
