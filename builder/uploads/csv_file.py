"""CSV tables (and .tsv, .txt, and UCI's .data): read as text cells (see `tables` for how spreadsheet text becomes
numbers), the target chosen, columns left out, gaps refused, dropped or kept for imputing, text columns one-hot
encoded."""
from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import re
import threading
from collections import OrderedDict
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from .. import tables
from ..datasets import Dataset
from ..errors import DataError
from ..files import MB
from ..registry import closest
from .arrow_columns import read_columns
from .common import (GZIP_MAGIC, LIMITS, WARNING, Limits, check_task, encode_targets, gunzip, lone_classes, plural,
                     read_upload)
from .columnar import columnar_text, is_columnar
from .workbook import is_workbook, workbook_text

if TYPE_CHECKING:
    import pandas as pd
    import torch


def load_csv(data, name: str | None = None, target: str | None = None, task: str | None = None,
             missing: str | None = None, ignore: list[str] | tuple[str, ...] = (), text: str | None = None,
             tokens: str = "words", seq_len: int | None = None, *, limits: Limits = LIMITS) -> Dataset:
    """A table: one row per sample; `target` is what to predict (default: as `tables.guess_columns` says, a column
    named `label`, `target`, `class`, … else the last one, or a column of labels beside a last column of messages).

    The file may be UTF-8, UTF-16, UTF-32 or Windows-1252 text (the description says which when it is not UTF-8), separated by commas, semicolons, tabs or bars, with
    numbers written the way Excel writes them in any locale (see `tables`). Number columns stay numbers (the
    trainer standardises them); text columns are one-hot encoded. The columns in `ignore` are left out, and so
    is every text column with more distinct values than can be one-hot encoded (names, ids, free text): the
    dataset's description says which. The task is classification when the target is text, or whole numbers
    with few distinct values; `task` overrides that, and task="reconstruction" uses every column as both input
    and target. Rows without a target are dropped. Gaps in the features are refused, naming every column that
    has them, unless `missing` says "drop" (drop those rows) or "impute" (the trainer fills them from the
    training rows). With `text` naming a column, the samples are that column's texts as token ids (see
    `uploads.text_table`): `tokens` ("chars", "words" or "subwords") and `seq_len` (default: a percentile of the
    lengths) say how.
    """
    raw, name, sheet = _table_bytes(data, name, "upload.csv", limits)
    check_task(task, name)
    if missing not in (None, *tables.MISSING_CHOICES):
        raise DataError(name, f"missing must be 'drop' or 'impute'. Received: missing={missing!r}")
    cells, how = _read_cells(raw, name, limits, numbers_at_once=text is None)  # a text column is read as text
    how = ". ".join(note for note in (sheet, how) if note)
    if text is not None:
        from .text_table import text_dataset  # the text column's own reader
        return text_dataset(cells, name, text, target, task, tokens, seq_len, limits, how)
    dates: dict = {}  # the date columns read once, by _leave_out, for _encode_features
    if task == "reconstruction":
        cells, left = _leave_out(cells, ignore, None, name, limits, dates)
        cells, note = _handle_gaps(cells, list(cells), name, missing)
        x, table = _encode_features(cells, name, limits, missing, dates)
        return _csv_dataset(name, x, x, task, None, table, f"{len(x):,} rows, every column rebuilt{note}", left, how)
    target = _target_column(cells, target, name)
    if task is None:
        _refuse_free_text_target(cells, target, name)
    if task != "classification":  # a number target with a stray word would make each number a class of its own
        with refused_as(name):
            tables.check_numbers(cells[target], target, "target column")
    cells, left = _leave_out(cells, ignore, target, name, limits, dates)
    kept = np.flatnonzero(~tables.missing_cells(cells[target]))
    if not len(kept):
        raise DataError(name, f"target column '{target}' is empty in every row")
    dropped = len(cells[target]) - len(kept)
    empty = _empty_rows(cells, dropped)
    if dropped:
        cells = tables.take_rows(cells, kept.tolist())
    del kept
    features = [c for c in cells if c != target]
    if not features:
        raise DataError(name, "has no feature columns besides the target", "add the columns to learn from")
    cells, note = _handle_gaps(cells, features, name, missing)
    labels = cells.pop(target)
    x, table = _encode_features(cells, name, limits, missing, dates)
    y, task, classes = encode_targets(tables.target_values(labels), task, name, limits, f"target column '{target}'")
    gone = (f"; {plural(empty, 'empty row')} {'were' if empty > 1 else 'was'} dropped" if empty else "") + \
        (f"; {dropped - empty:,} rows without a target were dropped" if dropped > empty else "")
    dataset = _csv_dataset(name, x, y, task, classes, table, f"{len(x):,} rows, target '{target}'{gone}{note}", left,
                           how, lone_classes(y, classes, f"target column '{target}'"))
    return _as_images(dataset)


def _empty_rows(cells: dict, dropped: int) -> int:
    """How many rows have no value in any column (a spreadsheet's formatted but empty rows); 0 without looking
    when no row lacks a target (`dropped`), since an empty row lacks one."""
    if not dropped:
        return 0
    empty = None
    for column in cells.values():
        gaps = tables.missing_cells(column)
        empty = gaps if empty is None else empty & gaps
    return int(empty.sum())


def table_cells(frame: pd.DataFrame) -> dict[str, list[str]]:
    """A table read as text (pandas with dtype=str) as one list of cells per column."""
    return {str(column): frame[column].tolist() for column in frame.columns}


def read_table_cells(data, name: str | None = None, *, limits: Limits = LIMITS) -> dict[str, list[str]]:
    """A CSV file (its bytes or a path) as text cells per column, checked and read as an upload is."""
    raw, name, _ = _table_bytes(data, name, "input.csv", limits)
    return _read_cells(raw, name, limits)[0]


def _table_bytes(data, name: str | None, default_name: str, limits: Limits) -> tuple[bytes, str, str]:
    """The upload's bytes as table text (an Excel workbook's first sheet, a Parquet or Feather file, as CSV; a
    gzip-compressed one unpacked first, within the limit on unpacking), its name, and a note saying how it was read
    ("" for a text file)."""
    raw, name = read_upload(data, name, default_name, limits.max_bytes)
    packed = raw.startswith(GZIP_MAGIC)
    if packed:  # a .csv.gz, as Kaggle and scikit-learn ship tables
        raw = gunzip(raw, name, limits.max_unpacked)
    convert = workbook_text if is_workbook(raw, name) else columnar_text if is_columnar(raw) else None
    text, note = (raw, "") if convert is None else _CONVERTED.get(raw, name, limits, convert)
    return text, name, ". ".join(n for n in ("Unpacked from gzip" if packed else "", note) if n)


class _Conversions:
    """The latest few files converted to CSV text, by their bytes' digest: the page reads an uploaded workbook's
    columns on every run and then loads it, and converting a 50,000-row workbook takes seconds each time. Small
    conversions only, and a few: the server holds them for every session."""

    ENTRIES = 4
    MAX_BYTES = 64 * MB  # a conversion larger than this is not kept

    def __init__(self) -> None:
        self._kept: OrderedDict[tuple, tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, raw: bytes, name: str, limits: Limits, convert) -> tuple[bytes, str]:
        key = (hashlib.sha256(raw).digest(), name, limits, convert)
        with self._lock:
            if key in self._kept:
                self._kept.move_to_end(key)
                return self._kept[key]
        text, note = convert(raw, name, limits)  # a refusal raises, and nothing is kept
        if len(text) <= self.MAX_BYTES:
            with self._lock:
                self._kept[key] = text, note
                while len(self._kept) > self.ENTRIES:
                    self._kept.popitem(last=False)
        return text, note


_CONVERTED = _Conversions()


def csv_evidence(data, name: str | None = None, *, limits: Limits = LIMITS) -> dict[str, list[str]]:
    """The columns of a CSV file, each with its cells in the file's first 64 KB (or in the lines its layout is
    decided from, if they are longer; up to tables.HEADER_EVIDENCE_ROWS of them), read the way the whole file would
    be read: what the page shows before it reads the whole file."""
    raw, name, _ = _table_bytes(data, name, "upload.csv", limits)
    head = raw[:max(65536, _end_of_lines(raw, tables.PREAMBLE_LINES + tables.HEADER_EVIDENCE_ROWS + 1))]
    if len(raw) > len(head) and head.rfind(b"\n") > 0:  # whole lines only (and whole UTF-16 or UTF-32 characters)
        cut = head.rfind(b"\n") + 1
        head = head[:cut + -cut % tables.code_unit(raw)]
    _, _, rows, headed, names, _, _ = _layout(_decode(head, name)[0], name, limits)
    below = rows[1:] if headed else rows
    evidence = {n: [row[i] if i < len(row) else "" for row in below] for i, n in enumerate(names)}
    return tables.without_stray_columns(evidence) if len(rows) > 1 else evidence


def _end_of_lines(raw: bytes, lines: int) -> int:
    """Where the file's first `lines` lines end (after any blank ones above them): every line the whole file's
    layout is decided from (`tables.table_layout`, the header), however long their cells (a 140 KB review)."""
    at = len(raw) - len(raw.lstrip(b"\r\n\x00"))
    for _ in range(lines):
        at = raw.find(b"\n", at) + 1
        if not at:
            return len(raw)
    return at


def csv_columns(data, name: str | None = None, *, limits: Limits = LIMITS) -> list[str]:
    """The column names of a CSV file, read from its first 64 KB the way the whole file would be read."""
    return list(csv_evidence(data, name, limits=limits))


class Layout(NamedTuple):
    """How a table's text is laid out."""

    text: str  # its text from its header on: without a "sep=" line, a title or comments above the table
    delimiter: str
    rows: list[list[str]]  # its first rows (up to tables.HEADER_EVIDENCE_ROWS + 1)
    headed: bool  # whether the first row names the columns
    names: list[str]  # the column names
    above: str  # a note naming the lines left out above the table ("" when none were)
    spaced: bool  # its columns were aligned with spaces (the text is now separated by tabs)


def _layout(text: str, name: str, limits: Limits) -> Layout:
    """How a table's text is laid out (see `Layout`)."""
    with refused_as(name):
        text, delimiter, above, spaced = tables.table_layout(text)
    header = tables.first_line(text)
    if header.count(delimiter) >= limits.max_columns:  # a cheap guard before the first line is even parsed
        raise DataError(name, f"has about {header.count(delimiter) + 1:,} columns; the limit is {limits.max_columns:,}")
    rows = _first_rows(text, delimiter, name)
    named = tables.header_names(rows, delimiter)
    if named is not None and _ends_with_separator(rows):  # the header does not: its rows' last field has no name
        named = [*named, ""]
    names = tables.column_names(named) if named is not None else tables.unnamed_columns(len(rows[0]))
    return Layout(text, delimiter, rows, named is not None, names, _above(above, delimiter), spaced)


def _ends_with_separator(rows: list[list[str]]) -> bool:
    """Whether every row below the header ends with a separator that the header does not end with ("a,b\n1,2,"):
    one field more than the header, empty. That field is then an unnamed column, left out when it is empty in every
    row (`tables.without_stray_columns`); a value in it somewhere is said as that column's."""
    below = [row for row in rows[1:] if row]  # blank lines aside
    return bool(below) and all(len(row) == len(rows[0]) + 1 and not row[-1].strip() for row in below)


def _above(lines: list[str], delimiter: str) -> str:
    """A note naming the lines left out above the table ("" when none were)."""
    if not lines:
        return ""
    shown = [line.strip(delimiter + " ") for line in lines]
    shown = ", ".join(repr(line[:60]) for line in shown if line) or "empty rows"
    said = f"The {len(lines):,} lines" if len(lines) > 1 else "The line"
    return f"{said} above the table {'were' if len(lines) > 1 else 'was'} left out: {shown}"


def _first_rows(text: str, delimiter: str, name: str) -> list[list[str]]:
    """The first line's cells and those of the lines after it (up to tables.HEADER_EVIDENCE_ROWS)."""
    evidence = tables.HEADER_EVIDENCE_ROWS
    lines = tables.first_lines(text.lstrip("\r\n"), evidence + 1)
    try:
        rows = list(csv.reader([line.rstrip("\r") for line in lines], delimiter=delimiter))
    except csv.Error as e:  # a cell longer than the csv module reads (131,072 characters)
        raise DataError(name, f"its first lines cannot be read as a table ({e})",
                        "the first line should name the columns, or hold the first sample") from None
    return rows if rows and rows[0] else [[]]


DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}


@contextlib.contextmanager
def refused_as(name: str):
    """A TableError (tables knows no file names) raised as the DataError that names the file."""
    try:
        yield
    except tables.TableError as e:
        raise DataError(name, e.message, e.hint) from None


def _ascii_head(raw: bytes) -> bytes | None:
    """The first lines of a plain ASCII file without carriage returns (whose bytes are its UTF-8 text as they
    are), as many as its layout is read from (see `_first_rows`); None for any other file."""
    if not raw.isascii() or b"\r" in raw or b"\x00" in raw[:65536]:
        return None
    end = len(raw) - len(raw.lstrip(b"\n")) - 1
    for _ in range(tables.HEADER_EVIDENCE_ROWS + 2):
        end = raw.find(b"\n", end + 1)
        if end < 0:
            return raw
    return raw[:end + 1]


def _decode(raw: bytes, name: str) -> tuple[str, str]:
    with refused_as(name):
        return tables.decode_text(raw)


def _read_cells(raw: bytes, name: str, limits: Limits, numbers_at_once: bool = False) \
        -> tuple[dict[str, list[str]], str]:
    """The table's text cells per column, and how it was read when that was not UTF-8 with commas. With
    `numbers_at_once`, a column of plain numbers comes as a float64 array instead (see `arrow_columns`)."""
    if not raw or raw.isspace():
        raise DataError(name, "the file is empty", "upload a CSV with a header row and one row per sample")
    plain, head = None, _ascii_head(raw) if numbers_at_once else None
    if head is not None:  # plain ASCII: the file's bytes are its text; decoded only as far as its layout needs
        decoded, encoding = _decode(head, name)
        layout = _layout(decoded, name, limits)
        skipped = len(decoded) - len(layout.text)  # a "sep=" line, a title: one byte a character in ASCII
        if not layout.spaced:
            plain = read_columns(raw[skipped:] if skipped else raw, layout.delimiter, layout.names, layout.headed,
                                 limits.max_columns)
        if plain is None:  # read cell by cell after all
            text, encoding = _decode(raw, name)
            text = _layout(text, name, limits).text
    else:
        text, encoding = _decode(raw, name)
        layout = _layout(text, name, limits)
        text = layout.text
        if numbers_at_once:
            body = text.encode("utf-8")
            del text  # only the bytes while pyarrow reads them
            plain = read_columns(body, layout.delimiter, layout.names, layout.headed, limits.max_columns)
            del body
            if plain is None:  # read cell by cell after all
                text = _layout(_decode(raw, name)[0], name, limits).text
    delimiter, headed, names = layout.delimiter, layout.headed, layout.names
    if plain is None:
        cells, settled = table_cells(_parse_csv(text, delimiter, name, limits, names, headed)), {}
    else:
        cells, settled = plain
    _refuse_repeated_header(cells, layout.rows[0] if headed else None, name)
    with refused_as(name):
        cells = tables.without_stray_columns(tables.read_numbers(cells, delimiter, settled))
    if not cells:
        raise DataError(name, "has no column with a name or a value", "upload a table with a header row")
    notes = [layout.above] if layout.above else []
    separated = "spaces (columns aligned)" if layout.spaced else DELIMITER_NAMES[delimiter]
    if encoding != "UTF-8" or delimiter != ",":
        notes.append("Read as " + ("" if encoding == "UTF-8" else f"{encoding} ") + "text" +
                     (f", separated by {separated}" if delimiter != "," else ""))
    if not headed:
        notes.append(f"No header row (the first line holds a sample): the columns are named 'column 1' to "
                     f"'column {len(names)}'")
    return cells, ". ".join(notes)


def _refuse_repeated_header(cells: dict, header: list[str] | None, name: str) -> None:
    """Refuse a table whose header row comes again below it (files joined one after another), naming where: read
    as data, those lines would turn its number columns into text."""
    rows = tables.repeated_header(cells, header) if header is not None else []
    if rows:
        more = f", and {len(rows) - 1:,} more such line{'s' * (len(rows) > 2)} below it" if len(rows) > 1 else ""
        raise DataError(name, f"data row {rows[0] + 1:,} repeats the header row{more} (as where files were "
                              "joined one after another)",
                        "delete the repeated header lines, keeping the first line only")


def _leave_out(cells: dict[str, list[str]], ignore, target: str | None, name: str, limits: Limits,
               dates: dict | None = None):
    """The table without the columns `ignore` names and without the text columns too varied to one-hot
    encode; and a note naming what was left out. (`dates`: see `tables.too_varied`.)"""
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
    varied = tables.too_varied({c: v for c, v in candidates.items() if c not in blank}, limits.max_categories, dates)
    kept = {c: v for c, v in cells.items() if c not in chosen and c not in varied and c not in blank}
    dated = [c for c in varied if _dates(cells[c])]
    texts = {c: n for c, n in varied.items() if c not in dated and n > limits.max_categories}
    unique = [c for c in varied if c not in dated and c not in texts]  # fewer values, but one of its own a row
    notes = ([f"{_names(ignore)} as asked"] if ignore else []) + \
            ([f"{_names(blank)} (empty in every row)"] if blank else []) + \
            ([f"{_names(dated)} (dates or times, which a network reads only as numbers: add columns of numbers "
              "made from them, such as the year, the month or the hour)"] if dated else []) + \
            ([f"{_names(list(texts))} (text with {', '.join(f'{n:,}' for n in list(texts.values())[:10])} "
              f"distinct values: too many to one-hot encode, at most {limits.max_categories})"] if texts else []) + \
            ([f"{_names(unique)} (text with a value of its own in every row, like a name or an id: a value seen "
              "once says nothing about another row)"] if unique else [])
    if not [c for c in kept if c != target]:
        raise DataError(name, "has no feature columns left" + (f" once {' and '.join(notes)} are left out"
                                                               if notes else ""),
                        "keep a column of numbers, or text with few distinct values" + _varied_hint(cells, varied))
    return kept, "; ".join(notes)


def _dates(column: list[str]) -> bool:
    """Whether most of a column's first values (those present) look like dates or times: a column that is not all
    of them, or not written one way, is left out as dates (one that is becomes numbers, `tables.date_format`)."""
    present = [c.strip() for c in column[:tables.HEADER_EVIDENCE_ROWS] if not tables.is_missing(c)]
    return bool(present) and sum(bool(tables.DATE_CELL.fullmatch(c)) or tables.date_format([c]) is not None
                                 for c in present) * 2 > len(present)  # (a month's name must be one)


def _varied_hint(cells: dict[str, list[str]], varied: dict[str, int]) -> str:
    """What to do with the columns too varied to one-hot encode when nothing else is left: learn from their text
    (its words as tokens: names, messages); but a date or a time is no text, and that is said instead."""
    for column in varied:
        if _dates(cells[column]):
            return (f"; '{column}' holds dates or times, which a network reads as numbers only: add columns of "
                    "numbers made from them (the year, the month, the hour)")
    return f"; or learn from the text itself: choose '{next(iter(varied))}' as the text column" if varied else ""


def _handle_gaps(cells: dict[str, list[str]], features: list[str], name: str, missing: str | None):
    """Refuse gaps in the feature columns (naming each column once), or drop their rows; impute keeps them."""
    found = tables.gaps({c: cells[c] for c in features})
    if not found:
        return cells, ""
    if missing is None:
        raise DataError(name, *tables.gap_message(found))
    if missing == "impute":
        total = sum(n for n, _ in found.values())
        return cells, f"; {total:,} missing value(s) in {len(found)} column(s) to impute (fill from the training rows)"
    _, dropped = tables.drop_gaps({c: cells[c] for c in features})
    gone = set(dropped)
    kept = tables.take_rows(cells, [i for i in range(len(cells[features[0]])) if i not in gone])
    if not len(next(iter(kept.values()))):
        raise DataError(name, "has a missing value in every row", "use impute rather than drop")
    return kept, f"; {len(dropped):,} rows with missing values were dropped"


def _csv_dataset(name, x, y, task, classes, table: tables.Table, summary, left_out: str = "", how: str = "",
                 warning: str = "") -> Dataset:
    kind = f"{len(classes)} classes" if classes else task
    dated = [c for c in table.columns if c.dates]
    counters = [n for n in row_numbers(x, table.feature_names)  # a table sorted by date grows by its dates
                if not any(n in c.feature_names for c in dated)]
    counted = f"{WARNING}{_names(counters)} only grow{'s' * (len(counters) == 1)} by whole numbers from row to row, " \
        "like a row number: leave it out if that is what it is (a row's number says nothing about a new row)" \
        if counters else ""
    dates = "; ".join(f"'{c.name}' read as "
                      f"{'times of day' if c.dates == 'time' else 'dates, ' + tables.DATE_ORDERS[c.dates]}: "
                      f"{_listed([tables.DATE_PARTS[p] for p in c.parts])} "
                      f"{'is its feature' if len(c.parts) == 1 else 'are its features'}" for c in dated)
    notes = "".join(f" {note}." for note in (f"Left out: {left_out}" if left_out else "", how, dates, counted, warning)
                    if note)
    return Dataset(name, x, y, task, (x.shape[1],), "float", classes, table.feature_names,
                   f"Uploaded CSV: {summary}, {plural(x.shape[1], 'feature')} ({kind}).{notes}", table)


def _as_images(dataset: Dataset) -> Dataset:
    """A table whose features are the pixels of square grey images (see `tables.pixel_grid`), all of them numbers from
    0 to 255 (or 0 to 1), as images [1, k, k]: convolutions, Grad-CAM and the pictures of samples apply. The values
    stay as they are (the trainer standardises them), so a CSV read to predict gives the same numbers."""
    import torch
    k = tables.pixel_grid(dataset.feature_names or [])
    x = dataset.x
    if k is None or dataset.table is None or dataset.table.width != k * k or not x.numel() or \
            not bool(torch.isfinite(x).all()) or float(x.min()) < 0 or float(x.max()) > 255:
        return dataset
    images = x.reshape(len(x), 1, k, k)
    return replace(dataset, x=images, sample_shape=(1, k, k),
                   description=f"{dataset.description} Its {k * k:,} pixel columns are read as {k}×{k} grey "
                               f"images [1, {k}, {k}].")


ROW_NUMBER_MIN_ROWS = 20  # fewer rows than this, a growing column may well be chance


def row_numbers(x: torch.Tensor, names: list[str]) -> list[str]:
    """The feature columns that look like row numbers (PassengerId, id, index): whole numbers that grow from each
    row to the next, in the file's order. Kept, but worth a word: such a column fits the rows seen and nothing else."""
    if len(x) < ROW_NUMBER_MIN_ROWS:
        return []

    def counts(col: torch.Tensor) -> bool:  # one column at a time: a copy of a column at most, never of the table
        return bool((col[1:] > col[:-1]).all()) and bool((col == col.round()).all())  # a gap (nan) never grows
    return [name for j, name in enumerate(names) if counts(x[:, j])]


def _parse_csv(text: str, delimiter: str, name: str, limits: Limits, names: list[str], headed: bool) \
        -> pd.DataFrame:
    """The table as text cells, its columns called `names` (in place of its header row when it has one)."""
    import pandas as pd  # imported here: it takes a while, and only reading a table needs it
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
    import pandas as pd
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


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _names(columns: list[str], limit: int = 10) -> str:
    shown = ", ".join(f"'{c}'" for c in columns[:limit])
    return shown + (f" and {len(columns) - limit:,} more" if len(columns) > limit else "")


def _target_column(cells: dict[str, list[str]], target: str | None, name: str) -> str:
    columns = list(cells)
    if target is None:
        return tables.guess_columns({c: v[:tables.HEADER_EVIDENCE_ROWS] for c, v in cells.items()})[0]
    if target not in columns:
        near = closest(str(target), columns, n=1)
        hint = f"did you mean '{near[0]}'? " if near else ""
        raise DataError(name, f"has no column '{target}'", f"{hint}columns: {_names(columns, 20)}")
    return target


def _refuse_free_text_target(cells: dict[str, list[str]], target: str, name: str) -> None:
    """A target of free text (each message its own class) is refused, saying what to do instead: learn from that
    text, and predict a column of few values, naming the likeliest."""
    distinct = tables.distinct_values(cells[target])
    if distinct <= tables.MAX_CATEGORIES or not tables.free_text(cells[target]):
        return
    labels = {c: tables.distinct_values(cells[c]) for c in cells if c != target}
    labels = [(c, n) for c, n in labels.items() if 2 <= n <= tables.MAX_CATEGORIES]
    other = f" and '{labels[-1][0]}' ({labels[-1][1]:,} values) as the target" if labels else \
        ", and a column of labels as the target"
    raise DataError(name, f"target column '{target}' is free text ({distinct:,} distinct values, most of them "
                          "sentences): a classifier would make each its own class",
                    f"choose '{target}' as the text column to learn from{other}")


def _encode_features(cells: dict[str, list[str]], name: str, limits: Limits, missing: str | None,
                     dates: dict | None = None) \
        -> tuple[torch.Tensor, tables.Table]:
    """Numbers as they are, text one-hot (see `tables`): a float32 [rows, features] tensor (NaN in the gaps left
    for imputing) and the table's column description."""
    import torch
    if not cells:
        raise DataError(name, "has no feature columns besides the target", "add the columns to learn from")
    with refused_as(name):
        table = tables.infer_table(cells, missing, limits.max_categories, dates)
        rows = len(next(iter(cells.values())))
        if table.width > limits.max_columns or table.width * rows > limits.max_values:
            raise DataError(name, f"makes {table.width:,} features for {rows:,} rows once text is one-hot encoded; "
                                  f"the limits are {limits.max_columns:,} features and {limits.max_values:,} values",
                            "drop some text columns or rows")
        x = table.encode(cells)
    return torch.from_numpy(x), table
