"""NPZ files: arrays x and y saved with numpy.savez (as Keras and image libraries save them too), read without
unpickling anything."""
from __future__ import annotations

import io
import math

import numpy as np
import torch

from ..datasets import Dataset
from ..errors import DataError
from .archives import open_zip, read_member
from .common import LIMITS, Limits, check_task, encode_targets, lone_classes, plural, read_upload

# the names each array is looked for under, in this order: NetBuilder's own, then as Keras, scikit-learn
# (a Bunch's data and target) and other libraries save them
ARRAY_NAMES = {"x": ("x", "X", "x_train", "X_train", "data", "inputs", "features", "images"),
               "y": ("y", "Y", "y_train", "Y_train", "target", "targets", "labels", "label")}


def load_npz(data, name: str | None = None, task: str | None = None, tokens: bool = False, *,
             limits: Limits = LIMITS) -> Dataset:
    """Arrays `x` [n, *sample_shape] and `y` [n] or [n, targets] saved with `np.savez` (also found under the
    other names in ARRAY_NAMES: `X`, Keras's `x_train` and `y_train`, scikit-learn's `data` and `target`, …).
    One-hot labels ([n, classes] of 0 and 1, a single 1 per row, as Keras's to_categorical writes them) are read
    as class numbers unless task="regression".

    x becomes float32, or int64 token ids with tokens=True; 8-bit images ([n, H, W], or [n, H, W, channels]
    as most image libraries hold them) become [n, channels, H, W] in [0, 1] (see `npz_images`). The task comes
    from y as for a CSV target; task="reconstruction" needs no y.
    """
    raw, name = read_upload(data, name, "upload.npz", limits.max_bytes)
    check_task(task, name)
    wanted = ("x",) if task == "reconstruction" else ("x", "y")
    arrays, found = read_npz(raw, name, wanted, limits)
    x = _npz_inputs(arrays["x"], name, tokens, limits)
    notes = [f"read from arrays {' and '.join(repr(found[k]) for k in wanted)}"] \
        if any(found[k] != k for k in wanted) else []
    if not tokens:
        x, images = npz_images(x)
        notes += [images] if images else []
    if task == "reconstruction":
        if tokens:
            raise DataError(name, "task='reconstruction' needs float inputs, not tokens")
        y, classes = x, None
    else:
        y_raw = arrays["y"]
        if y_raw.ndim not in (1, 2) or len(y_raw) != len(x):
            raise DataError(name, f"array '{found['y']}' has shape {list(y_raw.shape)}, but x holds {len(x):,} "
                                  "samples", f"y needs shape [{len(x)}] (labels or one target) or [{len(x)}, targets]")
        if task != "regression" and one_hot(y_raw):
            notes.append(f"one-hot labels in '{found['y']}' ({y_raw.shape[1]} columns) read as class numbers")
            y_raw = y_raw.argmax(axis=1)
        y, task, classes = encode_targets(y_raw, task, name, limits, f"array '{found['y']}'")
        notes.append(lone_classes(y, classes, f"array '{found['y']}'"))
    sample = tuple(x.shape[1:])
    kind = f"{len(classes)} classes" if classes else task
    return Dataset(name, x, y, task, sample, "long" if tokens else "float", classes, None,
                   f"Uploaded NPZ: {plural(len(x), 'sample')} of shape {list(sample)} ({kind})."
                   + "".join(f" {n[0].upper()}{n[1:]}." for n in notes if n))


def one_hot(y: np.ndarray) -> bool:
    """Whether y holds one-hot labels: [n, classes ≥ 2] of zeros and ones, exactly one 1 per row."""
    if y.ndim != 2 or y.shape[1] < 2 or not len(y) or y.dtype.kind not in "biuf":
        return False
    return bool(np.isin(y, (0, 1)).all() and (y.sum(axis=1) == 1).all())


def npz_images(x: torch.Tensor) -> tuple[torch.Tensor, str]:
    """Images as the network takes them, and a note saying so ("" when x is not such images): 8-bit grey
    [n, H, W] becomes [n, 1, H, W] and values 0–255 become 0–1, as 8-bit [n, 1|3, H, W] do; images stored channels
    last, [n, H, W, 1|3|4] (as PIL, OpenCV and Keras hold them, 8-bit or already scaled floats), become
    [n, 1|3, H, W] without the alpha channel. Applied to inputs read for prediction as well, so a model sees its
    training's form. x was read as float32."""
    if x.dtype != torch.float32 or x.ndim not in (3, 4) or not x.numel():
        return x, ""
    channels_first = x.ndim == 4 and x.shape[1] in (1, 3)
    if min(x.shape[2:4] if channels_first else x.shape[1:3]) < 4:  # not images: too small
        return x, ""
    head = x.reshape(-1)[:65536]  # whole numbers? a look at the first values is enough, and costs no copy of x
    eight_bit = bool(x.min() >= 0 and 1 < x.max() <= 255 and torch.equal(head, head.round()))
    channels_last = x.ndim == 4 and x.shape[-1] in (1, 3, 4) and x.shape[1] not in (1, 3)
    if x.ndim == 3 and eight_bit:
        return (x / 255.0)[:, None], "8-bit grey images: scaled to [0, 1] as [1, H, W]"
    if not channels_last:  # [n, C, H, W] already: 8-bit grey or colour scaled as every other layout is
        if channels_first and eight_bit:
            kind = "grey" if x.shape[1] == 1 else "colour"
            return x / 255.0, f"8-bit {kind} images: scaled to [0, 1] as [{x.shape[1]}, H, W]"
        return x, ""
    channels = min(x.shape[-1], 3)
    kind = "grey" if channels == 1 else "colour"
    alpha = " (the alpha channel left out)" if x.shape[-1] == 4 else ""
    images = x[..., :channels].permute(0, 3, 1, 2)
    if eight_bit:
        return (images / 255.0).contiguous(), f"8-bit {kind} images: scaled to [0, 1] as [{channels}, H, W]{alpha}"
    return images.contiguous(), f"{kind} images stored channels last ([H, W, {x.shape[-1]}]): read as " \
                                f"[{channels}, H, W]{alpha}"


def read_npz_arrays(raw: bytes, name: str, wanted: tuple[str, ...], limits: Limits = LIMITS) \
        -> dict[str, np.ndarray]:
    return read_npz(raw, name, wanted, limits)[0]


def read_npz(raw: bytes, name: str, wanted: tuple[str, ...], limits: Limits = LIMITS) \
        -> tuple[dict[str, np.ndarray], dict[str, str]]:
    """The wanted arrays, and the name each was found under (the first of its ARRAY_NAMES the file holds)."""
    with open_zip(raw, name, limits, limits.max_unpacked) as archive:
        members = {m.filename.removesuffix(".npy"): m for m in archive.infolist()}
        found = {}
        for key in wanted:
            found[key] = next((k for k in ARRAY_NAMES.get(key, (key,)) if k in members), None)
            if found[key] is None:
                held = ", ".join(f"'{k}'" for k in sorted(members)) or "nothing"
                raise DataError(name, f"has no array '{key}'; it holds {held}",
                                "save it with np.savez(path, x=inputs, y=targets)")
        return {key: _parse_npy(read_member(archive, members[found[key]], name, members[found[key]].file_size),
                                name, found[key]) for key in wanted}, found


def _parse_npy(data: bytes, name: str, key: str) -> np.ndarray:
    """One array, after its header is checked: numbers or text only (never pickled objects), sized as declared."""
    f = io.BytesIO(data)
    try:
        version = np.lib.format.read_magic(f)
        read_header = {(1, 0): np.lib.format.read_array_header_1_0, (2, 0): np.lib.format.read_array_header_2_0}
        if version not in read_header:
            raise ValueError(f"unsupported .npy version {version}")
        shape, fortran, dtype = read_header[version](f)
    except ValueError as e:
        raise DataError(name, f"array '{key}' is not a valid .npy array ({e})") from None
    if dtype.hasobject:
        raise DataError(name, f"array '{key}' holds Python objects (dtype object), which are refused because "
                              "loading them could run code", f"save numbers: np.savez(path, {key}=np.asarray("
                                                             f"{key}, dtype='float32'))")
    if dtype.kind not in "biufUS" or dtype.fields:
        raise DataError(name, f"array '{key}' has dtype {dtype}; it must hold numbers (or text labels)")
    if math.prod(shape) * dtype.itemsize != len(data) - f.tell():
        raise DataError(name, f"array '{key}' is damaged: its header says shape {list(shape)} of {dtype}, but it "
                              f"holds {len(data) - f.tell():,} bytes of data")
    try:
        return np.load(io.BytesIO(data), allow_pickle=False)
    except (ValueError, OSError, EOFError) as e:
        raise DataError(name, f"array '{key}' cannot be read ({e})") from None


def _npz_inputs(x: np.ndarray, name: str, tokens: bool, limits: Limits) -> torch.Tensor:
    if x.dtype.kind not in "biuf":
        raise DataError(name, f"array 'x' has dtype {x.dtype}; inputs must be numbers")
    if not 2 <= x.ndim <= 5 or len(x) == 0:
        hint = f"reshape it to [{len(x)}, 1]" if x.ndim == 1 else "x is [samples, *sample_shape], at most 4 " \
                                                                  "sample dimensions"
        raise DataError(name, f"array 'x' has shape {list(x.shape)}; it needs one row per sample", hint)
    if x.size == 0 or x.size > limits.max_values:
        raise DataError(name, f"array 'x' holds {x.size:,} values; it needs between 1 and {limits.max_values:,}")
    if tokens:
        if x.dtype.kind == "f" or x.min() < 0:
            raise DataError(name, "tokens=True needs x to hold whole numbers ≥ 0 (token ids)",
                            f"x has dtype {x.dtype} and values from {x.min()} to {x.max()}")
        return torch.from_numpy(x.astype(np.int64))
    x = x.astype(np.float32)
    bad = ~np.isfinite(x).reshape(len(x), -1).all(axis=1)  # the samples holding one
    if bad.any():
        raise DataError(name, f"array 'x' has NaN or infinite values in {plural(int(bad.sum()), 'sample')}, the first "
                              f"sample {int(bad.argmax())} (counting from 0)", "replace or remove those samples")
    return torch.from_numpy(x)
