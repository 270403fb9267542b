"""Prediction from the command line: a file of raw inputs read as the training data was (the format table says
which files), checked against the model, and the predictions as a table (tab-separated, quoted as CSV quotes)."""
from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np
import torch

from . import tables
from .bundle import Bundle
from .errors import BundleError, DataError, table_cell
from .files import FileRefused, FileTooLarge, read_bytes
from .tables import FLOAT32_MAX, TableError
from .text import PAD, UNK, TextEncoder
from .uploads import IMAGE_FORMATS, IMAGE_KINDS, UPLOAD_FORMATS, describe, format_for
from .uploads.common import LIMITS, Limits
from .uploads.csv_file import read_table_cells
from .uploads.image_zip import image_scale, images_read_as, read_images
from .uploads.npz_file import npz_images, read_npz_arrays


def read_inputs(path: str | Path, bundle: Bundle, missing: str | None = None) \
        -> tuple[torch.Tensor, list[int], list[str] | None]:
    """Inputs for prediction, in the raw form the model was trained on, the rows dropped for gaps, and the name of
    each input when they are files (images), else None.

    A CSV is read as the training table was: by column name, text categories encoded with the training's
    categories (a table the model was not trained on must hold one numeric column per input value). An NPZ holds
    an array `x` of shape [rows, *input shape]. An image file, or a ZIP of images, is read as a ZIP of image folders
    is read to train, at the model's input size and colours. A row of the wrong width, NaN, infinite or complex
    values, or token ids outside an Embedding's vocabulary are refused with the row and the numbers.
    """
    path = Path(path)
    fmt = format_for(path.name)
    key = "zip" if path.suffix.lower() in IMAGE_FORMATS else fmt.key if fmt is not None and fmt.predict else None
    if key is None:
        readable = (f for f in UPLOAD_FORMATS.values() if f.predict)
        raise DataError(path.name, f"predict reads {describe(readable)}, or one image ({IMAGE_KINDS})")
    x, dropped, names = INPUT_READERS[key](path, bundle, missing)
    return _checked_inputs(x, path.name, bundle), dropped, names


def _image_inputs(path: Path, bundle: Bundle, missing: str | None) -> tuple[np.ndarray, list[int], list[str]]:
    """Images for a model that takes images: [1 or 3, H, W] floats, trained on images (a ZIP of image folders, an
    NPZ, a built-in dataset; on their scale, 0–1 or 0–255: `image_scale`), not on a table's pixel columns."""
    reading = images_read_as(bundle.spec.input.shape, bundle.spec.input.dtype, bundle.table is not None)
    if reading is None:
        takes = "rows of a table" if bundle.table is not None else f"inputs shaped {list(bundle.spec.input.shape)}"
        raise DataError(path.name, f"holds images, but the model takes {takes}, not images [1 or 3, H, W]",
                        "give it a CSV or NPZ of its inputs")
    raw = _input_bytes(path, Limits().max_bytes)
    x, names = read_images(raw, path.name, *reading)
    return x * image_scale((bundle.inference.get("normalizer") or {}).get("x_mean")), [], names


def _input_bytes(path: Path, limit: int) -> bytes:
    try:
        return read_bytes(path, limit)
    except FileTooLarge:
        raise DataError(path.name, "is too large to predict from at once", "split it into smaller files") from None
    except FileRefused as e:  # a pipe, a device, a folder, a missing file
        raise DataError(path.name, str(e)) from None


def _npz_inputs(path: Path, bundle: Bundle, missing: str | None) -> tuple[np.ndarray, list[int], None]:
    raw = _input_bytes(path, 4 * Limits().max_bytes)
    x = read_npz_arrays(raw, path.name, ("x",))["x"]
    if list(x.shape[1:]) != list(bundle.spec.input.shape) and x.dtype.kind in "biuf":
        # 8-bit images as training read them: [n, H, W(, C)] 0-255 becomes [n, C, H, W] 0-1
        images, note = npz_images(torch.from_numpy(x.astype(np.float32)))
        if note and list(images.shape[1:]) == list(bundle.spec.input.shape):
            return images.numpy(), [], None
    return x, [], None


def _csv_inputs(path: Path, bundle: Bundle, missing: str | None) -> tuple[np.ndarray, list[int], None]:
    cells = read_table_cells(path, path.name)
    if bundle.inference.get("text") is not None:
        return _text_inputs(cells, path.name, bundle), [], None
    table = bundle.table
    if table is None:
        return _plain_csv(cells, path.name, bundle), [], None
    features = {c.name: cells[c.name] for c in table.columns if c.name in cells}  # the target may be absent
    found = tables.gaps(features)
    missing = missing or table.missing  # unless told otherwise, what training did with gaps
    dropped: list[int] = []
    if found and missing is None:
        message, _ = tables.gap_message(found)
        raise DataError(path.name, message, "pass --missing drop (skip those rows) or --missing impute (fill them "
                                            "with the training rows' median or most frequent value)")
    if found and missing == "drop":
        cells, dropped = tables.drop_gaps(features)
    try:
        x = table.encode(cells)
    except TableError as e:
        raise DataError(path.name, e.message, e.hint) from None
    if found and missing == "impute":
        fill = (bundle.inference.get("table") or {}).get("fill")
        if not isinstance(fill, dict) or any(c.name not in fill for c in table.columns):
            raise DataError(path.name, "has gaps, but the bundle holds no values to fill them with",
                            "use --missing drop, or fill the gaps")
        x = table.impute(x, fill)
    return x, dropped, None


def _text_inputs(cells: dict[str, list[str]], name: str, bundle: Bundle) -> np.ndarray:
    """Raw texts tokenised as in training: the column the model read (or a file's only column), by the
    encoder its bundle keeps."""
    encoder = text_encoder(bundle)
    column = encoder.column if encoder.column in cells else (next(iter(cells)) if len(cells) == 1 else None)
    if column is None:
        raise DataError(name, f"has no column '{encoder.column}', the text the model was trained on",
                        "name the column as in training, or give a file of that one column")
    return encoder.encode(cells[column]).ids.numpy()


def text_encoder(bundle: Bundle) -> TextEncoder:
    """The tokeniser a bundle's model reads text with; BundleError when its spec.json's copy is damaged."""
    try:
        return TextEncoder.from_dict(bundle.inference.get("text"), "spec.json's text encoder")
    except DataError as e:
        raise BundleError(f"{e.source}: {e.message}") from None


def unknown_note(bundle: Bundle, x: torch.Tensor) -> str | None:
    """For a model of text: how many of the inputs' tokens were outside the vocabulary, in a sentence."""
    if bundle.inference.get("text") is None:
        return None
    tokens, unknown = int((x != PAD).sum()), int((x == UNK).sum())
    share = f" ({unknown / tokens:.1%})" if tokens else ""
    return f"{unknown:,} of {tokens:,} tokens{share} are outside the vocabulary and were read as unknown"


def _plain_csv(cells: dict[str, list[str]], name: str, bundle: Bundle) -> np.ndarray:
    """A table for a model trained on a built-in dataset: its feature columns by name, or every column in order
    when they are exactly as many as the input holds."""
    width = math.prod(bundle.spec.input.shape)
    features = bundle.inference.get("feature_names")
    if features and set(features) <= set(cells):
        columns = list(features)
    elif len(cells) == width:
        columns = list(cells)
    else:
        raise DataError(name, f"has {len(cells)} column(s) ({', '.join(list(cells)[:8])}); the model takes "
                              f"{width} value(s) per row" + (f" (columns {', '.join(features)})" if features else ""),
                        "give one column per input value")
    rows = len(cells[columns[0]]) if columns else 0
    x = np.empty((rows, len(columns)), dtype=np.float64)
    for j, column in enumerate(columns):
        for i, cell in enumerate(cells[column]):
            value = None if tables.is_missing(cell) else tables.to_number(cell)
            if value is None:
                raise DataError(name, f"row {i + 1:,}, column '{column}': {cell.strip()[:40]!r} is not a number")
            x[i, j] = value
    return x


# the formats UPLOAD_FORMATS says predict reads: (path, bundle, missing) -> (inputs, rows dropped, input names)
INPUT_READERS = {"csv": _csv_inputs, "npz": _npz_inputs, "zip": _image_inputs}


def _checked_inputs(x: np.ndarray, name: str, bundle: Bundle) -> torch.Tensor:
    spec = bundle.spec
    shape, width = tuple(spec.input.shape), math.prod(spec.input.shape)
    x = np.asarray(x)
    if x.dtype.kind == "c":
        raise DataError(name, "holds complex numbers; the model takes real numbers")
    if x.dtype.kind not in "biuf":
        raise DataError(name, f"holds {x.dtype} values; the model takes numbers")
    if x.ndim == 0 or len(x) == 0:
        raise DataError(name, f"holds no rows to predict (shape {list(x.shape)})")
    if x.size > LIMITS.max_values:
        raise DataError(name, f"holds {x.size:,} values; at most {LIMITS.max_values:,} are read at once")
    per_row = math.prod(x.shape[1:]) if x.ndim > 1 else 1
    if tuple(x.shape[1:]) != shape and per_row != width:
        raise DataError(name, f"has {len(x):,} rows of {per_row:,} value(s) (shape {list(x.shape[1:])}); the model "
                              f"takes {width:,} value(s) per row, shaped {list(shape)}")
    x = x.reshape(len(x), *shape)
    if x.dtype.kind == "f":
        flat = x.reshape(len(x), -1)
        for bad, what in ((~np.isfinite(flat).all(1), "hold NaN or infinite values"),
                          (np.isfinite(flat).all(1) & (np.abs(flat) > FLOAT32_MAX).any(1),
                           "hold values beyond what float32 can hold (±3.4e38)")):
            if bad.any():
                rows = np.flatnonzero(bad)[:5] + 1
                raise DataError(name, f"row(s) {', '.join(map(str, rows))} {what}", "fix or remove those rows")
    if spec.input.dtype == "long":
        if x.dtype.kind == "f" and not np.all(x == np.round(x)):
            raise DataError(name, "holds fractions, but the model takes whole-number token ids")
        _check_token_ids(x, name, bundle)
        return torch.as_tensor(x.astype(np.int64))
    return torch.as_tensor(x, dtype=torch.float32)


def _check_token_ids(x: np.ndarray, name: str, bundle: Bundle) -> None:
    vocab = min((layer.params.get("num_embeddings") for layer in bundle.spec.layers if layer.type == "Embedding"),
                default=None)
    low, high = (int(x.min()), int(x.max())) if x.size else (0, 0)
    if low < 0 or (vocab is not None and high >= vocab):
        bad = int(np.argmax((x < 0) | (x >= (vocab or np.inf))).item() // max(1, math.prod(x.shape[1:])))
        raise DataError(name, f"row {bad + 1:,} holds token id {high if high >= (vocab or np.inf) else low}; the "
                              f"Embedding knows ids 0 to {(vocab or 1) - 1}")


def predict(bundle: Bundle, x: torch.Tensor, batch: int = 4096) -> torch.Tensor:
    """The bundle's predictions for raw inputs: class probabilities, or values in the data's units."""
    with torch.no_grad():
        out = torch.cat([bundle.model(x[i:i + batch]) for i in range(0, len(x), batch)])
    return bundle.objective.decode_exported(out)


def format_predictions(bundle: Bundle, predictions: torch.Tensor, names: list[str] | None = None) -> str:
    """The predictions as predict prints and writes them: a header line, then one row per sample, tab-separated,
    led by the sample's name when it has one (an image file's). A real CSV writer (tab-delimited) quotes a cell that
    needs it; names and class names are made safe cell by cell (`errors.table_cell`: no control character, no
    formula lead)."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter="\t", lineterminator="\n")
    rows = bundle.objective.format(predictions, bundle.class_names)
    if names is None:
        writer.writerow(bundle.objective.header)
        writer.writerows(rows)
    else:
        writer.writerow(("input", *bundle.objective.header))
        writer.writerows([table_cell(name), *row] for name, row in zip(names, rows))
    return text.getvalue()
