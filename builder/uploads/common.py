"""What every upload reader shares: the limits an upload must keep, reading its bytes within them, and its target
as class indices or numbers."""
from __future__ import annotations

import gzip
import io
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from .. import tables
from ..datasets import TASKS
from ..errors import DataError
from ..files import MB, FileRefused, FileTooLarge, read_bytes, size_text
from ..settings import settings

if TYPE_CHECKING:
    import torch


@dataclass(frozen=True)
class Limits:
    """How big an upload may be: generous for teaching data, small enough that no upload can exhaust memory."""

    max_bytes: int = field(default_factory=lambda: settings().max_upload_bytes)  # the uploaded file itself
    max_columns: int = 10_000
    max_categories: int = tables.MAX_CATEGORIES  # distinct text values in one feature column (each one-hot)
    max_classes: int = 1_000
    max_members: int = 20_000  # files in a ZIP
    max_unpacked: int = 200 * MB  # a ZIP's declared uncompressed total, or a gunzipped IDX file
    max_member: int = 20 * MB  # one image inside a ZIP
    max_pixels: int = 16_000_000  # one image, before resizing
    max_values: int = 100_000_000  # numbers in a decoded dataset (400 MB of float32), or read at once to predict


LIMITS = Limits()
GZIP_MAGIC = b"\x1f\x8b"


def gunzip(data: bytes, name: str, cap: int) -> bytes:
    """A gzip-compressed file's contents, read no further than `cap` bytes whatever the stream would unpack to
    (a small file can unpack to gigabytes): more is refused."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(cap + 1)
    except (OSError, EOFError, zlib.error) as e:
        raise DataError(name, f"is not a valid gzip file ({e})") from None
    if len(out) > cap:
        raise DataError(name, f"unpacks to more than the limit of {size_text(cap)}")
    return out


def read_upload(data, name: str | None, default_name: str, limit: int) -> tuple[bytes, str]:
    """The upload's bytes and its display name; a path is read as a regular file of at most `limit` bytes (a pipe,
    a device or a folder is refused, see `files`)."""
    if isinstance(data, (str, os.PathLike)):
        path = Path(data)
        name = name or path.name
        try:
            data = read_bytes(path, limit)
        except FileTooLarge as e:
            raise _too_large(name, e.size, limit) from None
        except FileRefused as e:  # a pipe, a device, a folder, a missing file
            raise DataError(name, str(e)) from None
    name = name or default_name
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise DataError(name, f"expected the file's bytes or a path. Received: {type(data).__name__}")
    if len(data) > limit:
        raise _too_large(name, len(data), limit)
    return bytes(data), name


def _too_large(name: str, size: int | None, limit: int) -> DataError:
    """A file over its size limit; at the server's upload limit, said in the setting's own megabytes."""
    ours = limit == settings().max_upload_bytes
    shown = (lambda n: f"{n / 2**20:,.1f} MB") if ours else size_text
    said = f"is {shown(size)}; the limit is {shown(limit)}" if size is not None else \
        f"holds more than the limit of {shown(limit)}"
    return DataError(name, said, "keep fewer samples (rows, images)" +
                     (", or raise the limit with NETBUILDER_MAX_UPLOAD_MB" if ours else ""))


def check_task(task: str | None, name: str) -> None:
    if task is not None and task not in TASKS:
        raise DataError(name, f"task must be one of {', '.join(TASKS)}. Received: task={task!r}")


def class_indices(values: np.ndarray, source: str, limits: Limits) -> tuple[torch.Tensor, list[str]]:
    """Class indices 0..k-1 (in sorted order of the labels) and the labels as strings."""
    import torch
    y, names = tables.encode_classes(values)
    if len(names) < 2:
        raise DataError(source, f"has a single class ({names[0]!r}) in its target",
                        "a classifier needs at least two classes")
    if len(names) > limits.max_classes:
        raise DataError(source, f"has {len(names):,} distinct target values; a classifier takes at most "
                                f"{limits.max_classes:,} classes", "choose task='regression' if it is a number")
    return torch.from_numpy(y), names


def encode_targets(y: np.ndarray, task: str | None, source: str, limits: Limits, what: str):
    """(y tensor, task, class names) from a 1-D or 2-D target array of labels or numbers."""
    import torch
    labels = y.dtype.kind in "USOb"  # text (numpy's, or a table's Python strings), or true/false
    if y.ndim == 2 and y.shape[1] == 1 and (labels or task == "classification" or y.dtype.kind in "iu"):
        y = y[:, 0]  # one label per row, as Keras keeps CIFAR's
    if y.dtype.kind == "f" and not np.all(np.isfinite(y)):
        raise DataError(source, f"{what} has missing or infinite values", "remove those samples")
    if task is None:
        task = "classification" if labels or (y.ndim == 1 and tables.looks_like_classes(y)) else "regression"
    if task == "classification":
        if y.ndim != 1:
            raise DataError(source, f"{what} has shape {list(y.shape)}; class labels need one value per sample")
        y_idx, names = class_indices(y, source, limits)
        return y_idx, task, names
    if labels:
        raise DataError(source, f"{what} holds text (or true/false), so it can only be a classification target",
                        "choose task='classification' or another target")
    if y.size and np.abs(y).max() > tables.FLOAT32_MAX:
        raise DataError(source, f"{what} holds {y.flat[np.argmax(np.abs(y))]:g}, beyond what float32 can hold "
                                "(±3.4e38)", "rescale the target or remove those samples")
    return torch.from_numpy(y.astype(np.float32).reshape(len(y), -1)), task, None


WARNING = "Warning: "  # how a description's warnings start: they come last, and the page shows them apart


def warnings_in(description: str) -> tuple[str, list[str]]:
    """A dataset's description and its warnings apart: (the description before them, [each warning, whole])."""
    text, *warnings = description.split(f" {WARNING}")
    return text, [WARNING + w for w in warnings]


LONE_CLASSES = 0.5  # when more than this share of a target's classes has one sample each, the description says so


def lone_classes(y, classes: list[str] | None, what: str) -> str:
    """A warning (or "") when most of a target's classes have a single sample: a class seen once is never both
    learned from and checked (the split puts it on one side), so the target is likely an id, not a label."""
    import torch
    if not classes:
        return ""
    counts = torch.bincount(y, minlength=len(classes))
    lone = int((counts == 1).sum())
    if lone <= LONE_CLASSES * len(classes):
        return ""
    return (f"{WARNING}{lone:,} of the {len(classes):,} classes of {what} have a single sample: a class seen once "
            "can be neither learned nor checked on held-out samples. If it names each sample (an id), choose a "
            "target of few values")


def plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
