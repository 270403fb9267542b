"""IDX files (the MNIST format): an images file and a labels file, raw or gzipped."""
from __future__ import annotations

import math
import struct

import numpy as np
import torch

from ..datasets import Dataset
from ..errors import DataError
from .common import GZIP_MAGIC, LIMITS, Limits, class_indices, gunzip, plural, read_upload

IDX_DTYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def load_idx(images, labels, name: str | None = None, labels_name: str | None = None, *,
             limits: Limits = LIMITS) -> Dataset:
    """An images file [n, H, W] and a labels file [n] in IDX format, raw or gzipped (like MNIST's
    train-images-idx3-ubyte.gz); uint8 pixels are scaled to [0, 1]."""
    images, name = read_upload(images, name, "images.idx", limits.max_bytes)
    labels, labels_name = read_upload(labels, labels_name, "labels.idx", limits.max_bytes)
    x, y = _read_idx(images, name, limits), _read_idx(labels, labels_name, limits)
    if x.ndim == 1 and y.ndim == 3:
        raise DataError(name, f"holds labels ({len(x):,} values), and {labels_name} holds images "
                              f"{list(y.shape)}: the two files are swapped",
                        "give the images file first and the labels file second")
    if x.ndim != 3:
        raise DataError(name, f"holds an array of shape {list(x.shape)}; an images file is [n, height, width]")
    if y.ndim != 1 or y.dtype.kind not in "iu":
        raise DataError(labels_name, f"holds an array of shape {list(y.shape)} ({y.dtype}); a labels file is [n] "
                                     "whole numbers")
    if 0 in x.shape:
        raise DataError(name, f"holds no images to learn from: its header declares {' × '.join(map(str, x.shape))}",
                        "upload the images file of a dataset with at least one image of at least 1×1 pixel")
    if len(x) != len(y):
        raise DataError(labels_name, f"holds {len(y):,} labels, but {name} holds {len(x):,} images",
                        "upload the labels file that belongs to these images")
    if x.size > limits.max_values:
        raise DataError(name, f"holds {x.size:,} values; the limit is {limits.max_values:,}")
    pixels = x.astype(np.float32) / (255.0 if x.dtype == np.uint8 else 1.0)
    if pixels.dtype.kind == "f" and not np.isfinite(pixels).all():
        bad = np.flatnonzero(~np.isfinite(pixels.reshape(len(pixels), -1)).all(1))
        raise DataError(name, f"{len(bad):,} image(s) hold NaN or infinite pixels (the first is image {bad[0] + 1:,})",
                        "remove those images, or save the pixels as numbers")
    y, classes = class_indices(y, labels_name, limits)
    sample = (1, *x.shape[1:])
    return Dataset(name, torch.from_numpy(pixels[:, None]), y, "classification", sample, "float", classes, None,
                   f"Uploaded IDX: {plural(len(x), 'image')} of {x.shape[1]}×{x.shape[2]}, {len(classes)} classes.")


def _read_idx(data: bytes, name: str, limits: Limits) -> np.ndarray:
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, name, limits.max_unpacked)
    if len(data) < 4 or data[0] or data[1] or data[2] not in IDX_DTYPES or not 1 <= data[3] <= 4:
        start = " ".join(f"{b:02x}" for b in data[:4]) or "nothing (the file is empty)"
        raise DataError(name, f"is not an IDX file: it starts with {start}",
                        "IDX files start with two zero bytes, a type code (08 for bytes) and the number of "
                        "dimensions (1 to 4), like MNIST's *-ubyte files (00 00 08 03 for images)")
    dtype, ndim = np.dtype(IDX_DTYPES[data[2]]), data[3]
    start = 4 + 4 * ndim
    if len(data) < start:
        raise DataError(name, "is cut off inside its header")
    dims = struct.unpack(f">{ndim}I", data[4:start])
    declared, held = math.prod(dims) * dtype.itemsize, len(data) - start
    if declared != held:
        raise DataError(name, f"has a header that declares {' × '.join(f'{d:,}' for d in dims)} values "
                              f"({declared:,} bytes), but {held:,} bytes follow it",
                        "the file is damaged or cut off; download it again")
    return np.frombuffer(data, dtype=dtype, offset=start).reshape(dims).astype(dtype.newbyteorder("="))
