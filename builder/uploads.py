"""Bring your own data: CSV, NPZ, a ZIP of image folders and MNIST-style IDX files, parsed in memory within limits.

Every parser takes the file's bytes (or a path) and a display name, returns a `Dataset`, and raises `DataError`
naming the file (and the column, array or member) for anything it cannot use. Nothing is written to disk, no
archive member is extracted, and nothing in an upload is ever executed or unpickled.
"""
from __future__ import annotations

import csv
import gzip
import inspect
import io
import math
import os
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import torch

from . import tables
from .datasets import TASKS, Dataset
from .errors import DataError
from .registry import closest
from .settings import settings

MB = 1_000_000


@dataclass(frozen=True)
class Limits:
    """How big an upload may be: generous for teaching data, small enough that no upload can exhaust memory."""

    max_bytes: int = field(default_factory=lambda: settings().max_upload_mb * 2**20)  # the uploaded file itself
    max_csv_bytes: int = 50 * MB
    max_columns: int = 10_000
    max_categories: int = 50  # distinct text values in one feature column (each becomes a one-hot feature)
    max_classes: int = 1_000
    max_members: int = 20_000  # files in a ZIP
    max_unpacked: int = 200 * MB  # a ZIP's declared uncompressed total, or a gunzipped IDX file
    max_member: int = 20 * MB  # one image inside a ZIP
    max_pixels: int = 16_000_000  # one image, before resizing
    max_values: int = 100_000_000  # numbers in the decoded dataset: 400 MB of float32


LIMITS = Limits()
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".bmp": "BMP", ".gif": "GIF", ".webp": "WEBP"}
IMAGE_KINDS = "PNG, JPEG, BMP, GIF or WebP"  # what IMAGE_FORMATS reads, said for a person
SPLIT_FOLDERS = frozenset({"train", "training", "test", "testing", "val", "valid", "validation", "dev"})
IDX_DTYPES = {0x08: ">u1", 0x09: ">i1", 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


# ---- shared helpers --------------------------------------------------------------------------

def _size(n: int) -> str:
    return f"{n / MB:,.1f} MB" if n >= MB else f"{n:,} bytes"


def _read(data, name: str | None, default_name: str, limit: int) -> tuple[bytes, str]:
    """The upload's bytes and its display name; a path is read only after its size is checked."""
    if isinstance(data, (str, os.PathLike)):
        path = Path(data)
        name = name or path.name
        try:
            if path.stat().st_size > limit:
                raise DataError(name, f"is {_size(path.stat().st_size)}; the limit is {_size(limit)}")
            data = path.read_bytes()
        except OSError as e:
            raise DataError(name, f"cannot be read ({e.strerror or e})") from None
    name = name or default_name
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise DataError(name, f"expected the file's bytes or a path. Received: {type(data).__name__}")
    if len(data) > limit:
        raise DataError(name, f"is {_size(len(data))}; the limit is {_size(limit)}")
    return bytes(data), name


def _check_task(task: str | None, name: str) -> None:
    if task is not None and task not in TASKS:
        raise DataError(name, f"task must be one of {', '.join(TASKS)}. Received: task={task!r}")


def _encode_classes(values: np.ndarray, source: str, limits: Limits) -> tuple[torch.Tensor, list[str]]:
    """Class indices 0..k-1 (in sorted order of the labels) and the labels as strings."""
    y, names = tables.encode_classes(values)
    if len(names) < 2:
        raise DataError(source, f"has a single class ({names[0]!r}) in its target",
                        "a classifier needs at least two classes")
    if len(names) > limits.max_classes:
        raise DataError(source, f"has {len(names):,} distinct target values; a classifier takes at most "
                                f"{limits.max_classes:,} classes", "choose task='regression' if it is a number")
    return torch.from_numpy(y), names


def _targets(y: np.ndarray, task: str | None, source: str, limits: Limits, what: str):
    """(y tensor, task, class names) from a 1-D or 2-D target array of labels or numbers."""
    labels = y.dtype.kind in "USb"  # text, or true/false
    if y.ndim == 2 and y.shape[1] == 1 and (labels or task == "classification" or y.dtype.kind in "iu"):
        y = y[:, 0]  # one label per row, as Keras keeps CIFAR's
    if y.dtype.kind == "f" and not np.all(np.isfinite(y)):
        raise DataError(source, f"{what} has missing or infinite values", "remove those samples")
    if task is None:
        task = "classification" if labels or (y.ndim == 1 and tables.looks_like_classes(y)) else "regression"
    if task == "classification":
        if y.ndim != 1:
            raise DataError(source, f"{what} has shape {list(y.shape)}; class labels need one value per sample")
        y_idx, names = _encode_classes(y, source, limits)
        return y_idx, task, names
    if labels:
        raise DataError(source, f"{what} holds text (or true/false), so it can only be a classification target",
                        "choose task='classification' or another target")
    if y.size and np.abs(y).max() > tables.FLOAT32_MAX:
        raise DataError(source, f"{what} holds {y.flat[np.argmax(np.abs(y))]:g}, beyond what float32 can hold "
                                "(±3.4e38)", "rescale the target or remove those samples")
    return torch.from_numpy(y.astype(np.float32).reshape(len(y), -1)), task, None


# ---- CSV -------------------------------------------------------------------------------------

def load_csv(data, name: str | None = None, target: str | None = None, task: str | None = None,
             missing: str | None = None, ignore: list[str] | tuple[str, ...] = (), *,
             limits: Limits = LIMITS) -> Dataset:
    """A table: one row per sample; `target` (default: the last column) is what to predict.

    The file may be UTF-8, UTF-16 or Windows-1252 text, separated by commas, semicolons, tabs or bars, with
    numbers written the way Excel writes them in any locale (see `tables`). Number columns stay numbers (the
    trainer standardises them); text columns are one-hot encoded. The columns in `ignore` are left out, and so
    is every text column with more distinct values than can be one-hot encoded (names, ids, free text): the
    dataset's description says which. The task is classification when the target is text, or whole numbers
    with few distinct values; `task` overrides that, and task="reconstruction" uses every column as both input
    and target. Rows without a target are dropped. Gaps in the features are refused, naming every column that
    has them, unless `missing` says "drop" (drop those rows) or "impute" (the trainer fills them from the
    training rows).
    """
    raw, name = _read(data, name, "upload.csv", limits.max_csv_bytes)
    _check_task(task, name)
    if missing not in (None, *tables.MISSING_CHOICES):
        raise DataError(name, f"missing must be 'drop' or 'impute'. Received: missing={missing!r}")
    cells, how = _read_cells(raw, name, limits)
    if task == "reconstruction":
        cells, left = _leave_out(cells, ignore, None, name, limits)
        cells, note = _handle_gaps(cells, list(cells), name, missing)
        x, table = _encode_features(cells, name, limits, missing)
        return _csv_dataset(name, x, x, task, None, table, f"{len(x):,} rows, every column rebuilt{note}", left, how)
    target = _target_column(list(cells), target, name)
    cells, left = _leave_out(cells, ignore, target, name, limits)
    kept = [i for i, c in enumerate(cells[target]) if not tables.is_missing(c)]
    if not kept:
        raise DataError(name, f"target column '{target}' is empty in every row")
    dropped = len(cells[target]) - len(kept)
    if dropped:
        cells = {column: [values[i] for i in kept] for column, values in cells.items()}
    features = [c for c in cells if c != target]
    if not features:
        raise DataError(name, "has no feature columns besides the target", "add the columns to learn from")
    cells, note = _handle_gaps(cells, features, name, missing)
    labels = cells.pop(target)
    x, table = _encode_features(cells, name, limits, missing)
    y, task, classes = _targets(tables.target_values(labels), task, name, limits, f"target column '{target}'")
    gone = f"; {dropped:,} rows without a target were dropped" if dropped else ""
    return _csv_dataset(name, x, y, task, classes, table, f"{len(x):,} rows, target '{target}'{gone}{note}", left,
                        how)


def table_cells(frame: pd.DataFrame) -> dict[str, list[str]]:
    """A table read as text (pandas with dtype=str) as one list of cells per column."""
    return {str(column): frame[column].tolist() for column in frame.columns}


def read_table_cells(data, name: str | None = None, *, limits: Limits = LIMITS) -> dict[str, list[str]]:
    """A CSV file (its bytes or a path) as text cells per column, checked and read as an upload is."""
    raw, name = _read(data, name, "input.csv", limits.max_csv_bytes)
    return _read_cells(raw, name, limits)[0]


def csv_columns(data, name: str | None = None, *, limits: Limits = LIMITS) -> list[str]:
    """The column names of a CSV file, read from its first 64 KB the way the whole file would be read."""
    raw, name = _read(data, name, "upload.csv", limits.max_csv_bytes)
    head = raw[:65536]
    if len(raw) > len(head) and head.rfind(b"\n") > 0:  # whole lines only (and whole UTF-16 characters)
        cut = head.rfind(b"\n") + 1
        head = head[:cut + (cut % 2 if head.startswith((b"\xff\xfe", b"\xfe\xff")) else 0)]
    _, _, rows, _, names = _layout(_decode(head, name)[0], name, limits)
    evidence = {n: [row[i] if i < len(row) else "" for row in rows[1:]] for i, n in enumerate(names)}
    return list(tables.without_stray_columns(evidence)) if len(rows) > 1 else names


def _layout(text: str, name: str, limits: Limits) -> tuple[str, str, list[list[str]], bool, list[str]]:
    """How a table's text is laid out: (its text without a "sep=" line, the separator, its first rows, whether
    the first is a header, the column names)."""
    text, delimiter = tables.separate(text)
    header = text.split("\n", 1)[0]
    if header.count(delimiter) >= limits.max_columns:  # a cheap guard before the first line is even parsed
        raise DataError(name, f"has about {header.count(delimiter) + 1:,} columns; the limit is {limits.max_columns:,}")
    rows = _first_rows(text, delimiter, name)
    named = tables.header_names(rows, delimiter)
    names = tables.column_names(named) if named is not None else tables.unnamed_columns(len(rows[0]))
    return text, delimiter, rows, named is not None, names


def _first_rows(text: str, delimiter: str, name: str) -> list[list[str]]:
    """The first line's cells and those of the lines after it (up to tables.HEADER_EVIDENCE_ROWS)."""
    evidence = tables.HEADER_EVIDENCE_ROWS
    lines = text.lstrip("\r\n").split("\n", evidence + 1)[:evidence + 1]
    try:
        rows = list(csv.reader([line.rstrip("\r") for line in lines], delimiter=delimiter))
    except csv.Error as e:  # a cell longer than the csv module reads (131,072 characters)
        raise DataError(name, f"its first lines cannot be read as a table ({e})",
                        "the first line should name the columns, or hold the first sample") from None
    return rows if rows and rows[0] else [[]]


DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}


def _decode(raw: bytes, name: str) -> tuple[str, str]:
    try:
        return tables.decode_text(raw)
    except tables.TableError as e:
        raise DataError(name, e.message, e.hint) from None


def _read_cells(raw: bytes, name: str, limits: Limits) -> tuple[dict[str, list[str]], str]:
    """The table's text cells per column, and how it was read when that was not UTF-8 with commas."""
    if not raw.strip():
        raise DataError(name, "the file is empty", "upload a CSV with a header row and one row per sample")
    text, encoding = _decode(raw, name)
    text, delimiter, _, headed, names = _layout(text, name, limits)
    frame = _parse_csv(text, delimiter, name, limits, names, headed)
    cells = tables.without_stray_columns(tables.read_numbers(table_cells(frame), delimiter))
    if not cells:
        raise DataError(name, "has no column with a name or a value", "upload a table with a header row")
    notes = []
    if encoding != "UTF-8" or delimiter != ",":
        notes.append("Read as " + ("" if encoding == "UTF-8" else f"{encoding} ") + "text" +
                     (f", separated by {DELIMITER_NAMES[delimiter]}" if delimiter != "," else ""))
    if not headed:
        notes.append(f"No header row (the first line holds a sample): the columns are named 'column 1' to "
                     f"'column {len(names)}'")
    return cells, ". ".join(notes)


def _leave_out(cells: dict[str, list[str]], ignore, target: str | None, name: str, limits: Limits):
    """The table without the columns `ignore` names and without the text columns too varied to one-hot
    encode; and a note naming what was left out."""
    ignore = [ignore] if isinstance(ignore, str) else list(ignore or ())
    for column in ignore:
        if column not in cells:
            near = closest(str(column), list(cells), n=1)
            raise DataError(name, f"has no column '{column}' to leave out",
                            f"did you mean '{near[0]}'? " if near else f"columns: {_names(list(cells))}")
        if column == target:
            raise DataError(name, f"cannot leave out '{column}': it is the target", "choose another target")
    chosen = set(ignore)
    candidates = {c: v for c, v in cells.items() if c != target and c not in chosen}
    blank = tables.blank_columns(candidates)
    varied = tables.too_varied({c: v for c, v in candidates.items() if c not in blank}, limits.max_categories)
    kept = {c: v for c, v in cells.items() if c not in chosen and c not in varied and c not in blank}
    notes = ([f"{_names(ignore)} as asked"] if ignore else []) + \
            ([f"{_names(blank)} (empty in every row)"] if blank else []) + \
            ([f"{_names(list(varied))} (text with {', '.join(f'{n:,}' for n in list(varied.values())[:10])} "
              f"distinct values: too many to one-hot encode, at most {limits.max_categories})"] if varied else [])
    if not [c for c in kept if c != target]:
        raise DataError(name, "has no feature columns left" + (f" once {' and '.join(notes)} are left out"
                                                               if notes else ""),
                        "keep a column of numbers, or text with few distinct values")
    return kept, "; ".join(notes)


def _handle_gaps(cells: dict[str, list[str]], features: list[str], name: str, missing: str | None):
    """Refuse gaps in the feature columns (naming each column once), or drop their rows; impute keeps them."""
    found = tables.gaps({c: cells[c] for c in features})
    if not found:
        return cells, ""
    if missing is None:
        raise DataError(name, *tables.gap_message(found))
    if missing == "impute":
        total = sum(n for n, _ in found.values())
        return cells, f"; {total:,} missing value(s) in {len(found)} column(s) to be filled from the training rows"
    _, dropped = tables.drop_gaps({c: cells[c] for c in features})
    gone = set(dropped)
    kept = {column: [v for i, v in enumerate(values) if i not in gone] for column, values in cells.items()}
    if not next(iter(kept.values())):
        raise DataError(name, "has a missing value in every row", "use impute rather than drop")
    return kept, f"; {len(dropped):,} rows with missing values were dropped"


def _csv_dataset(name, x, y, task, classes, table: tables.Table, summary, left_out: str = "", how: str = "") \
        -> Dataset:
    kind = f"{len(classes)} classes" if classes else task
    notes = "".join(f" {note}." for note in (f"Left out: {left_out}" if left_out else "", how) if note)
    return Dataset(name, x, y, task, (x.shape[1],), "float", classes, table.feature_names,
                   f"Uploaded CSV: {summary}, {_count(x.shape[1], 'feature')} ({kind}).{notes}", table)


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _parse_csv(text: str, delimiter: str, name: str, limits: Limits, names: list[str], headed: bool) \
        -> pd.DataFrame:
    """The table as text cells, its columns called `names` (in place of its header row when it has one)."""
    try:
        table = pd.read_csv(io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False, low_memory=False,
                            header=0 if headed else None, names=names)
    except pd.errors.EmptyDataError:
        raise DataError(name, "has no header row", "the first line should name the columns") from None
    except pd.errors.ParserError as e:
        raise DataError(name, *_parser_problem(str(e))) from None
    except Exception as e:  # pandas raises many kinds for malformed text; none may reach the person as a traceback
        raise DataError(name, f"cannot be read as CSV ({type(e).__name__}: {e})") from None
    return _check_table(table, name, limits)


def _parser_problem(error: str) -> tuple[str, str]:
    """pandas' tokenizer message, said for a person: (message, hint)."""
    ragged = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", error)
    if ragged:
        expected, line, saw = ragged.groups()
        return (f"line {line} has {saw} values, but the header has {expected} columns",
                "every row needs one value per column; text containing commas must be in double quotes")
    quote = re.search(r"EOF inside string starting at row (\d+)", error)
    if quote:
        return (f"a double quote opened in data row {int(quote.group(1)):,} is never closed",
                "close it, or remove the stray quote")
    return f"cannot be read as CSV ({error.strip().splitlines()[-1]})", ""


def _check_table(table: pd.DataFrame, name: str, limits: Limits) -> pd.DataFrame:
    if not table.index.equals(pd.RangeIndex(len(table))):
        # pandas silently turns extra leading values into row labels when the first data row is too long
        raise DataError(name, f"line 2 has {table.index.nlevels + table.shape[1]} values, but the header has "
                              f"{table.shape[1]} columns", "every row needs one value per column")
    if table.shape[1] > limits.max_columns:
        raise DataError(name, f"has {table.shape[1]:,} columns; the limit is {limits.max_columns:,}")
    if table.empty:
        raise DataError(name, "has a header but no data rows", "add one row per sample below the header")
    table.columns = [str(c) for c in table.columns]
    return table


def _names(columns: list[str], limit: int = 10) -> str:
    shown = ", ".join(f"'{c}'" for c in columns[:limit])
    return shown + (f" and {len(columns) - limit:,} more" if len(columns) > limit else "")


def _target_column(columns: list[str], target: str | None, name: str) -> str:
    if target is None:
        return columns[-1]
    if target not in columns:
        near = closest(str(target), columns, n=1)
        hint = f"did you mean '{near[0]}'? " if near else ""
        raise DataError(name, f"has no column '{target}'", f"{hint}columns: {_names(columns, 20)}")
    return target


def _encode_features(cells: dict[str, list[str]], name: str, limits: Limits, missing: str | None) \
        -> tuple[torch.Tensor, tables.Table]:
    """Numbers as they are, text one-hot (see `tables`): a float32 [rows, features] tensor (NaN in the gaps left
    for imputing) and the table's column description."""
    if not cells:
        raise DataError(name, "has no feature columns besides the target", "add the columns to learn from")
    try:
        table = tables.infer_table(cells, missing, limits.max_categories)
        rows = len(next(iter(cells.values())))
        if table.width > limits.max_columns or table.width * rows > limits.max_values:
            raise DataError(name, f"makes {table.width:,} features for {rows:,} rows once text is one-hot encoded; "
                                  f"the limits are {limits.max_columns:,} features and {limits.max_values:,} values",
                            "drop some text columns or rows")
        x = table.encode(cells)
    except tables.TableError as e:
        raise DataError(name, e.message, e.hint) from None
    return torch.from_numpy(x), table


# ---- ZIP archives (NPZ files are ZIPs too) ----------------------------------------------------

def _open_zip(raw: bytes, name: str, limits: Limits, member_limit: int) -> zipfile.ZipFile:
    """The archive, once every member's name, type and declared size is safe; nothing is decompressed yet."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        members = archive.infolist()
    except Exception as e:  # zipfile parses untrusted bytes and raises many kinds (BadZipFile, struct.error, …)
        raise DataError(name, f"is not a readable ZIP archive ({e})") from None
    if len(members) > limits.max_members:
        raise DataError(name, f"holds {len(members):,} files; the limit is {limits.max_members:,}")
    for member in members:
        _check_member(member, name, member_limit)
    total = sum(m.file_size for m in members)
    if total > limits.max_unpacked:
        raise DataError(name, f"would unpack to {_size(total)}; the limit is {_size(limits.max_unpacked)}",
                        "upload less data, or smaller files")
    return archive


def _check_member(member: zipfile.ZipInfo, name: str, member_limit: int) -> None:
    raw_name = member.orig_filename
    path = raw_name.replace("\\", "/")
    problems = [("\x00" in raw_name, "has a NUL character in its name"),
                (path.startswith("/") or re.match(r"^[A-Za-z]:", path), "has an absolute path"),
                (".." in path.split("/"), "points outside the archive ('..')"),
                (stat.S_ISLNK(member.external_attr >> 16), "is a symbolic link"),
                (member.flag_bits & 0x1, "is password-protected")]
    refuse = next((reason for found, reason in problems if found), None)
    if refuse:
        raise DataError(name, f"member {raw_name!r} {refuse}; the archive is refused",
                        "upload a plain ZIP of ordinary files in folders")
    if member.file_size > member_limit:
        raise DataError(name, f"member {raw_name!r} would unpack to {_size(member.file_size)}; the limit per file "
                              f"is {_size(member_limit)}")


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, cap: int) -> bytes:
    """A member's bytes, reading at most cap + 1 so that a header that lies about the size cannot flood memory."""
    try:
        with archive.open(member) as f:
            data = f.read(cap + 1)
    except Exception as e:  # damaged data, an unsupported compression method, a bad CRC…: all mean the same here
        raise DataError(name, f"member {member.filename!r} cannot be unpacked ({e})",
                        "the archive is damaged; create it again") from None
    if len(data) > cap:
        raise DataError(name, f"member {member.filename!r} unpacks to more than {_size(cap)}, more than its header "
                              "declares; the archive is refused")
    return data


# ---- NPZ -------------------------------------------------------------------------------------

def load_npz(data, name: str | None = None, task: str | None = None, tokens: bool = False, *,
             limits: Limits = LIMITS) -> Dataset:
    """Arrays `x` [n, *sample_shape] and `y` [n] or [n, targets] saved with `np.savez` (also found as `X`, or
    as Keras saves a training set: `x_train` and `y_train`).

    x becomes float32, or int64 token ids with tokens=True; 8-bit images ([n, H, W], or [n, H, W, channels]
    as most image libraries hold them) become [n, channels, H, W] in [0, 1] (see `npz_images`). The task comes
    from y as for a CSV target; task="reconstruction" needs no y.
    """
    raw, name = _read(data, name, "upload.npz", limits.max_bytes)
    _check_task(task, name)
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
        y, task, classes = _targets(y_raw, task, name, limits, f"array '{found['y']}'")
    sample = tuple(x.shape[1:])
    kind = f"{len(classes)} classes" if classes else task
    return Dataset(name, x, y, task, sample, "long" if tokens else "float", classes, None,
                   f"Uploaded NPZ: {_count(len(x), 'sample')} of shape {list(sample)} ({kind})."
                   + "".join(f" {n[0].upper()}{n[1:]}." for n in notes))


def npz_images(x: torch.Tensor) -> tuple[torch.Tensor, str]:
    """8-bit images as the network takes them, and a note saying so ("" when x is not such images): grey
    [n, H, W] becomes [n, 1, H, W]; [n, H, W, 1|3|4] (channels last, as PIL, OpenCV and Keras hold them)
    becomes [n, 1|3, H, W] without the alpha channel; values 0–255 become 0–1. Applied to inputs read for
    prediction as well, so a model sees its training's form. x was read as float32 from whole numbers."""
    if x.dtype != torch.float32 or x.ndim not in (3, 4) or not x.numel() or min(x.shape[1:3]) < 4:
        return x, ""
    head = x.reshape(-1)[:65536]  # whole numbers? a look at the first values is enough, and costs no copy of x
    if x.min() < 0 or not 1 < x.max() <= 255 or not torch.equal(head, head.round()):
        return x, ""
    if x.ndim == 3:
        return (x / 255.0)[:, None], "8-bit grey images: scaled to [0, 1] as [1, H, W]"
    if x.shape[-1] in (1, 3, 4) and x.shape[1] not in (1, 3):
        channels = min(x.shape[-1], 3)
        return (x[..., :channels] / 255.0).permute(0, 3, 1, 2).contiguous(), \
            f"8-bit {'grey' if channels == 1 else 'colour'} images: scaled to [0, 1] as [{channels}, H, W]"
    return x, ""


def read_npz_arrays(raw: bytes, name: str, wanted: tuple[str, ...], limits: Limits = LIMITS) \
        -> dict[str, np.ndarray]:
    return read_npz(raw, name, wanted, limits)[0]


def read_npz(raw: bytes, name: str, wanted: tuple[str, ...], limits: Limits = LIMITS) \
        -> tuple[dict[str, np.ndarray], dict[str, str]]:
    """The wanted arrays, and the name each was found under: its own, in upper case (X), or with "_train"
    (as Keras saves a training set)."""
    with _open_zip(raw, name, limits, limits.max_unpacked) as archive:
        members = {m.filename.removesuffix(".npy"): m for m in archive.infolist()}
        found = {}
        for key in wanted:
            found[key] = next((k for k in (key, key.upper(), f"{key}_train", f"{key.upper()}_train") if k in members),
                              None)
            if found[key] is None:
                held = ", ".join(f"'{k}'" for k in sorted(members)) or "nothing"
                raise DataError(name, f"has no array '{key}'; it holds {held}",
                                "save it with np.savez(path, x=inputs, y=targets)")
        return {key: _parse_npy(_read_member(archive, members[found[key]], name, members[found[key]].file_size),
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
    if not np.all(np.isfinite(x)):
        raise DataError(name, "array 'x' has NaN or infinite values", "replace or remove those samples")
    return torch.from_numpy(x)


# ---- a ZIP of image folders ------------------------------------------------------------------

def load_image_zip(data, name: str | None = None, size: tuple[int, int] = (28, 28), mode: str = "L", *,
                   limits: Limits = LIMITS) -> Dataset:
    """One folder per class holding images (PNG, JPEG, BMP, GIF or WebP; one wrapper folder around them is fine).

    Images are turned upright as their camera recorded, laid on white where they are transparent, and resized
    to `size` (height, width); samples are [1, H, W] for mode "L" (grey) or [3, H, W] for "RGB", float in
    [0, 1] (16-bit images keep their full range). Class names are the folder names, sorted.
    """
    raw, name = _read(data, name, "upload.zip", limits.max_bytes)
    height, width = _check_image_size(size, name)
    if mode not in ("L", "RGB"):
        raise DataError(name, f"mode must be \"L\" (grey) or \"RGB\". Received: mode={mode!r}")
    channels = 1 if mode == "L" else 3
    with _open_zip(raw, name, limits, limits.max_member) as archive:
        members, classes, merged = _image_members(archive, name)
        if len(members) * channels * height * width > limits.max_values:
            raise DataError(name, f"{len(members):,} images of {channels}×{height}×{width} would be more than "
                                  f"{limits.max_values:,} values", "choose a smaller size")
        x = np.empty((len(members), channels, height, width), dtype=np.float32)
        budget = limits.max_unpacked
        for i, (_, member) in enumerate(members):
            image = _read_member(archive, member, name, min(limits.max_member, budget))
            budget -= len(image)
            x[i] = _decode_image(image, member.filename, name, (width, height), mode, limits)
    y = torch.tensor([classes.index(c) for c, _ in members], dtype=torch.long)
    return Dataset(name, torch.from_numpy(x), y, "classification", (channels, height, width), "float", classes,
                   None, f"Uploaded images: {_count(len(x), 'image')} in {len(classes)} classes, resized to "
                         f"{height}×{width} ({'grey' if mode == 'L' else 'colour'})." +
                         (f" {merged[0].upper()}{merged[1:]}." if merged else ""))


def _check_image_size(size, name: str) -> tuple[int, int]:
    ok = isinstance(size, (tuple, list)) and len(size) == 2 and \
        all(isinstance(s, int) and not isinstance(s, bool) and 1 <= s <= 1024 for s in size)
    if not ok:
        raise DataError(name, f"size must be (height, width), each between 1 and 1024. Received: size={size!r}")
    return size[0], size[1]


def _image_members(archive: zipfile.ZipFile, name: str) -> tuple[list, list[str], str]:
    """(class name, member) for every image, sorted, the class names, and a note when split folders (train/,
    test/, …) were merged; other files are ignored."""
    found = []
    for member in archive.infolist():
        parts = member.filename.replace("\\", "/").strip("/").split("/")
        hidden = parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts)
        if not member.is_dir() and not hidden and parts[-1].lower().endswith(tuple(IMAGE_FORMATS)):
            found.append((parts, member))
    if not found:
        raise DataError(name, f"holds no images ({IMAGE_KINDS})", "put one folder per class, each holding its images")
    merged: set[str] = set()
    while all(len(p) >= 3 for p, _ in found):
        tops = {p[0] for p, _ in found}
        if len(tops) == 1:  # a wrapper folder around the class folders
            found = [(p[1:], m) for p, m in found]
        elif {t.lower() for t in tops} <= SPLIT_FOLDERS:  # train/ and test/, each holding the class folders
            merged |= tops
            found = [(p[1:], m) for p, m in found]
        else:
            break
    loose = [m.filename for p, m in found if len(p) < 2]
    if loose:
        raise DataError(name, f"image {loose[0]!r} is not inside a class folder",
                        "put each image in a folder named after its class")
    classes = sorted({p[0] for p, _ in found})
    if len(classes) < 2:
        raise DataError(name, f"has only one class folder ({classes[0]!r})", "a classifier needs at least two")
    note = f"the {', '.join(repr(t) for t in sorted(merged))} folders are merged (NetBuilder holds out its own " \
           "validation share)" if merged else ""
    return sorted(((p[0], m) for p, m in found), key=lambda pm: (pm[0], pm[1].filename)), classes, note


def _decode_image(data: bytes, member: str, name: str, size: tuple[int, int], mode: str,
                  limits: Limits) -> np.ndarray:
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(io.BytesIO(data), formats=sorted(set(IMAGE_FORMATS.values()))) as image:
            if image.width * image.height > limits.max_pixels:
                raise DataError(name, f"image {member!r} is {image.width}×{image.height} pixels; the limit is "
                                      f"{limits.max_pixels:,} pixels")
            image.draft(mode, (max(size), max(size)))  # a JPEG decodes at 1/2 to 1/8 scale when that is enough
            pixels = np.asarray(_plain(image, mode).resize(size, Image.Resampling.BILINEAR), dtype=np.float32)
    except DataError:
        raise
    except Image.DecompressionBombError:
        raise DataError(name, f"image {member!r} has too many pixels to decode safely") from None
    except Exception as e:  # Pillow's decoders raise many kinds (OSError, SyntaxError, struct.error…) for bad files
        reason = "" if isinstance(e, UnidentifiedImageError) else f" ({e})"
        raise DataError(name, f"image {member!r} is not a readable image ({IMAGE_KINDS}){reason}",
                        "re-save it, or remove it from the archive") from None
    pixels = pixels / 255.0
    return pixels[None] if mode == "L" else pixels.transpose(2, 0, 1)


def _plain(image, mode: str):
    """An 8-bit grey or RGB image as a person sees the file: upright as the camera recorded (EXIF), transparent
    parts on white, and a 16-bit image scaled to 8 bits rather than clipped."""
    from PIL import Image, ImageOps
    image = ImageOps.exif_transpose(image)
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        values = np.asarray(image, dtype=np.float32)
        top = 255.0 if values.max(initial=0) <= 255 else 65535.0
        image = Image.fromarray(np.clip(values / top * 255.0, 0, 255).astype(np.uint8), "L")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
    return image.convert(mode)


# ---- IDX (the MNIST format) ------------------------------------------------------------------

def load_idx(images, labels, name: str | None = None, labels_name: str | None = None, *,
             limits: Limits = LIMITS) -> Dataset:
    """An images file [n, H, W] and a labels file [n] in IDX format, raw or gzipped (like MNIST's
    train-images-idx3-ubyte.gz); uint8 pixels are scaled to [0, 1]."""
    images, name = _read(images, name, "images.idx", limits.max_bytes)
    labels, labels_name = _read(labels, labels_name, "labels.idx", limits.max_bytes)
    x, y = _read_idx(images, name, limits), _read_idx(labels, labels_name, limits)
    if x.ndim != 3:
        raise DataError(name, f"holds an array of shape {list(x.shape)}; an images file is [n, height, width]")
    if y.ndim != 1 or y.dtype.kind not in "iu":
        raise DataError(labels_name, f"holds an array of shape {list(y.shape)} ({y.dtype}); a labels file is [n] "
                                     "whole numbers")
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
    y, classes = _encode_classes(y, labels_name, limits)
    sample = (1, *x.shape[1:])
    return Dataset(name, torch.from_numpy(pixels[:, None]), y, "classification", sample, "float", classes, None,
                   f"Uploaded IDX: {_count(len(x), 'image')} of {x.shape[1]}×{x.shape[2]}, {len(classes)} classes.")


def _read_idx(data: bytes, name: str, limits: Limits) -> np.ndarray:
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data, name, limits.max_unpacked)
    if len(data) < 4 or data[0] or data[1] or data[2] not in IDX_DTYPES or not 1 <= data[3] <= 4:
        raise DataError(name, "is not an IDX file", "IDX files start with two zero bytes, a type code and the "
                                                    "number of dimensions, like MNIST's *-ubyte files")
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


def _gunzip(data: bytes, name: str, cap: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(cap + 1)  # at most cap + 1 bytes, however much the stream would unpack to
    except (OSError, EOFError, zlib.error) as e:
        raise DataError(name, f"is not a valid gzip file ({e})") from None
    if len(out) > cap:
        raise DataError(name, f"unpacks to more than the limit of {_size(cap)}")
    return out


# ---- one entry point -------------------------------------------------------------------------

PARSERS = {".csv": load_csv, ".tsv": load_csv, ".txt": load_csv, ".npz": load_npz, ".zip": load_image_zip}


def load_upload(data, name: str | None = None, **options) -> Dataset:
    """Parse an uploaded file by its extension (.csv, .tsv or .txt tables, .npz, .zip); options go to that
    format's parser."""
    if name is None and isinstance(data, (str, os.PathLike)):
        name = Path(data).name
    name = name or "upload"
    suffix = Path(name).suffix.lower()
    if suffix in (".idx", ".gz") or "ubyte" in name or re.search(r"\.idx\d", name):
        raise DataError(name, "IDX files come in pairs, images and labels", "load them together with load_idx")
    parser = PARSERS.get(suffix)
    if parser is None:
        raise DataError(name, f"has an unsupported file type {suffix or '(no extension)'!r}",
                        "upload a .csv (or .tsv) table, an .npz with arrays x and y, a .zip of image folders, or IDX files")
    allowed = [p for p in inspect.signature(parser).parameters if p not in ("data", "name")]
    unknown = [k for k in options if k not in allowed]
    if unknown:
        raise DataError(name, f"unknown option '{unknown[0]}' for a {suffix} file", f"valid: {', '.join(allowed)}")
    return parser(data, name, **options)


def parse_files(kind: str, files: list[tuple[str, bytes]], options: dict) -> Dataset:
    """An upload the page received: `kind` is "csv", "npz", "zip" or "idx" (two files: images, labels)."""
    if kind == "idx":
        (images_name, images), (labels_name, labels) = files
        return load_idx(images, labels, images_name, labels_name)
    parser = {"csv": load_csv, "npz": load_npz, "zip": load_image_zip}[kind]
    name, data = files[0]
    return parser(data, name, **options)
