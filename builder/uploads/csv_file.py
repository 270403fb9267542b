"""CSV tables (and .tsv, .txt): read as text cells (see `tables` for how spreadsheet text becomes numbers), the
target chosen, columns left out, gaps refused, dropped or kept for imputing, text columns one-hot encoded."""
from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
from typing import TYPE_CHECKING

import numpy as np
import torch

from .. import tables
from ..datasets import Dataset
from ..errors import DataError
from ..registry import closest
from .common import LIMITS, Limits, check_task, encode_targets, plural, read_upload

if TYPE_CHECKING:
    import pandas as pd

def load_csv(data, name: str | None = None, target: str | None = None, task: str | None = None,
             missing: str | None = None, ignore: list[str] | tuple[str, ...] = (), text: str | None = None,
             tokens: str = "words", seq_len: int | None = None, *, limits: Limits = LIMITS) -> Dataset:
    """A table: one row per sample; `target` (default: the last column) is what to predict.

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
    raw, name = read_upload(data, name, "upload.csv", limits.max_csv_bytes)
    check_task(task, name)
    if missing not in (None, *tables.MISSING_CHOICES):
        raise DataError(name, f"missing must be 'drop' or 'impute'. Received: missing={missing!r}")
    cells, how = _read_cells(raw, name, limits, numbers_at_once=text is None)  # a text column is read as text
    if text is not None:
        from .text_table import text_dataset  # the text column's own reader
        return text_dataset(cells, name, text, target, task, tokens, seq_len, limits, how)
    if task == "reconstruction":
        cells, left = _leave_out(cells, ignore, None, name, limits)
        cells, note = _handle_gaps(cells, list(cells), name, missing)
        x, table = _encode_features(cells, name, limits, missing)
        return _csv_dataset(name, x, x, task, None, table, f"{len(x):,} rows, every column rebuilt{note}", left, how)
    target = _target_column(list(cells), target, name)
    cells, left = _leave_out(cells, ignore, target, name, limits)
    kept = np.flatnonzero(~tables.missing_cells(cells[target])).tolist()
    if not kept:
        raise DataError(name, f"target column '{target}' is empty in every row")
    dropped = len(cells[target]) - len(kept)
    if dropped:
        cells = tables.take_rows(cells, kept)
    features = [c for c in cells if c != target]
    if not features:
        raise DataError(name, "has no feature columns besides the target", "add the columns to learn from")
    cells, note = _handle_gaps(cells, features, name, missing)
    labels = cells.pop(target)
    x, table = _encode_features(cells, name, limits, missing)
    y, task, classes = encode_targets(tables.target_values(labels), task, name, limits, f"target column '{target}'")
    gone = f"; {dropped:,} rows without a target were dropped" if dropped else ""
    return _csv_dataset(name, x, y, task, classes, table, f"{len(x):,} rows, target '{target}'{gone}{note}", left,
                        how)


def table_cells(frame: pd.DataFrame) -> dict[str, list[str]]:
    """A table read as text (pandas with dtype=str) as one list of cells per column."""
    return {str(column): frame[column].tolist() for column in frame.columns}


def read_table_cells(data, name: str | None = None, *, limits: Limits = LIMITS) -> dict[str, list[str]]:
    """A CSV file (its bytes or a path) as text cells per column, checked and read as an upload is."""
    raw, name = read_upload(data, name, "input.csv", limits.max_csv_bytes)
    return _read_cells(raw, name, limits)[0]


TARGET_NAMES = ("label", "labels", "target", "class", "species", "y", "outcome", "diagnosis", "category")


def guess_target(columns: list[str]) -> str | None:
    """The column a person most likely wants to predict: the first whose name says so (`label`, `target`,
    `class`, `species`, `y`, ... whatever the case), else the last column."""
    named = [c for c in columns if c.strip().lower() in TARGET_NAMES]
    return named[0] if named else (columns[-1] if columns else None)


def csv_columns(data, name: str | None = None, *, limits: Limits = LIMITS) -> list[str]:
    """The column names of a CSV file, read from its first 64 KB the way the whole file would be read."""
    raw, name = read_upload(data, name, "upload.csv", limits.max_csv_bytes)
    head = raw[:65536]
    if len(raw) > len(head) and head.rfind(b"\n") > 0:  # whole lines only (and whole UTF-16 or UTF-32 characters)
        cut = head.rfind(b"\n") + 1
        head = head[:cut + -cut % tables.code_unit(raw)]
    _, _, rows, _, names = _layout(_decode(head, name)[0], name, limits)
    evidence = {n: [row[i] if i < len(row) else "" for row in rows[1:]] for i, n in enumerate(names)}
    return list(tables.without_stray_columns(evidence)) if len(rows) > 1 else names


def _layout(text: str, name: str, limits: Limits) -> tuple[str, str, list[list[str]], bool, list[str]]:
    """How a table's text is laid out: (its text without a "sep=" line, the separator, its first rows, whether
    the first is a header, the column names)."""
    with refused_as(name):
        text, delimiter = tables.separate(text)
    header = tables.first_line(text)
    if header.count(delimiter) >= limits.max_columns:  # a cheap guard before the first line is even parsed
        raise DataError(name, f"has about {header.count(delimiter) + 1:,} columns; the limit is {limits.max_columns:,}")
    rows = _first_rows(text, delimiter, name)
    named = tables.header_names(rows, delimiter)
    names = tables.column_names(named) if named is not None else tables.unnamed_columns(len(rows[0]))
    return text, delimiter, rows, named is not None, names


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


def _decode(raw: bytes, name: str) -> tuple[str, str]:
    with refused_as(name):
        return tables.decode_text(raw)


def _read_cells(raw: bytes, name: str, limits: Limits, numbers_at_once: bool = False) \
        -> tuple[dict[str, list[str]], str]:
    """The table's text cells per column, and how it was read when that was not UTF-8 with commas. With
    `numbers_at_once`, a column of plain numbers comes as a float64 array instead (see `number_columns`)."""
    if not raw or raw.isspace():
        raise DataError(name, "the file is empty", "upload a CSV with a header row and one row per sample")
    text, encoding = decoded = _decode(raw, name)
    text, delimiter, _, headed, names = _layout(text, name, limits)
    plain = None
    if numbers_at_once:
        whole = text is decoded[0] and encoding == "UTF-8" and not raw.startswith(codecs.BOM_UTF8) and b"\r" not in raw
        body = raw if whole else text.encode("utf-8")  # the file's own bytes when they are the text's
        del text, decoded  # only the bytes while pyarrow reads them: a read about as lean as pandas' own
        plain = _parse_plain(body, delimiter, names, headed, limits)
        del body
        if plain is None:  # read cell by cell after all
            text = _layout(_decode(raw, name)[0], name, limits)[0]
    if plain is None:
        cells, settled = table_cells(_parse_csv(text, delimiter, name, limits, names, headed)), {}
    else:
        cells, settled = number_columns(plain)
    with refused_as(name):
        cells = tables.without_stray_columns(tables.read_numbers(cells, delimiter, settled))
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
        return cells, f"; {total:,} missing value(s) in {len(found)} column(s) to impute (fill from the training rows)"
    _, dropped = tables.drop_gaps({c: cells[c] for c in features})
    gone = set(dropped)
    kept = tables.take_rows(cells, [i for i in range(len(cells[features[0]])) if i not in gone])
    if not len(next(iter(kept.values()))):
        raise DataError(name, "has a missing value in every row", "use impute rather than drop")
    return kept, f"; {len(dropped):,} rows with missing values were dropped"


def _csv_dataset(name, x, y, task, classes, table: tables.Table, summary, left_out: str = "", how: str = "") \
        -> Dataset:
    kind = f"{len(classes)} classes" if classes else task
    notes = "".join(f" {note}." for note in (f"Left out: {left_out}" if left_out else "", how) if note)
    return Dataset(name, x, y, task, (x.shape[1],), "float", classes, table.feature_names,
                   f"Uploaded CSV: {summary}, {plural(x.shape[1], 'feature')} ({kind}).{notes}", table)


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


def _parse_plain(body: bytes, delimiter: str, names: list[str], headed: bool, limits: Limits) \
        -> dict | None:
    """The table's columns of text cells (UTF-8 `body`), read by pyarrow's multithreaded reader into compact Arrow
    strings, or None: then pandas' C reader reads it cell by cell and says what is wrong with it. Only plain files
    of two columns or more come here: no double quotes and no line of blanks alone (pandas skips those), where
    pyarrow could read otherwise; and pyarrow refuses any row longer or shorter than the header."""
    if len(names) < 2 or len(names) > limits.max_columns or b'"' in body or _blank_line(body):
        return None
    try:
        import pyarrow as pa
        from pyarrow import csv as arrow_csv
    except ImportError:  # pyarrow is optional: without it every table is read cell by cell
        return None
    try:  # one thread and the system's allocator: as fast where cores are shared, and its memory is given back
        table = arrow_csv.read_csv(
            io.BytesIO(body.lstrip(b"\n")),  # pandas skips blank lines before the header too
            read_options=arrow_csv.ReadOptions(column_names=names, skip_rows=int(headed), use_threads=False),
            parse_options=arrow_csv.ParseOptions(delimiter=delimiter, ignore_empty_lines=True),
            convert_options=arrow_csv.ConvertOptions(column_types={n: pa.string() for n in names}, null_values=[],
                                                     strings_can_be_null=False),
            memory_pool=pa.system_memory_pool())
    except Exception:  # any file pyarrow will not read is read cell by cell, which says what is wrong with it
        return None
    return dict(zip(names, table.columns)) if table.num_rows else None


def _blank_line(body: bytes) -> bool:
    """Whether a line holds blanks alone (looked for only where one could start: it seldom can)."""
    if not any(b"\n" + blank in body for blank in (b" ", b"\t", b"\f", b"\v")) and body[:1] not in b" \t\f\v":
        return False
    return re.search(rb"(?m)^[ \t\f\v]+$", body) is not None


# A cell of a plain number: the characters it may hold, and the ones that also read as thousands grouped with
# points ("1.234": a decimal comma's way), where every cell of a column so written leaves the column to the cells.
PLAIN_NUMBER_BYTES = np.zeros(256, dtype=bool)
PLAIN_NUMBER_BYTES[list(b"0123456789.+-eE")] = True
POINTS_GROUP_THOUSANDS = r"^[+-]?(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:[eE][+-]?\d+)?$"


def number_columns(columns: dict) -> tuple[dict, dict[str, str | None]]:
    """Columns of text cells (pyarrow arrays by name) as the columns `tables` reads: each column of plain numbers
    as float64, read in one vectorised pass, the others as text cells; and for the former the decimal mark
    `tables.read_numbers` would have decided from their cells. Each column is let go once read (`columns` ends
    empty), so the text and the numbers are not all held at once."""
    cells, settled = {}, {}
    for name in list(columns):
        column = columns.pop(name)
        read = _plain_numbers(column)
        if read is None:
            cells[name] = column.to_pylist()
        else:
            cells[name], settled[name] = read
    return cells, settled


def _plain_numbers(cells) -> tuple[np.ndarray, str | None] | None:
    """(numbers, decimal mark) when every cell is a number float() reads and holds only digits, a point, signs
    and an exponent (so reading it as text would give the very same numbers and decide the same mark); else None."""
    import pyarrow as pa
    import pyarrow.compute as pc
    if cells.null_count or not len(cells):
        return None
    points = False
    for block in cells.chunks:
        text = _block_text(block)
        if not PLAIN_NUMBER_BYTES[text].all():
            return None
        points = points or bool((text == ord(".")).any())
    try:
        numbers = pc.cast(cells, pa.float64(), memory_pool=pa.system_memory_pool()).to_numpy(zero_copy_only=False)
    except pa.ArrowInvalid:
        return None
    if not points:
        return numbers, None
    if _all_match(cells, POINTS_GROUP_THOUSANDS):
        return None  # "1.234" in every cell: a thousand or one, the cells decide with the rest of the file
    return numbers, "."


def _all_match(cells, pattern: str) -> bool:
    """Whether every cell matches `pattern`; a sample of the first cells settles most columns without the rest."""
    import pyarrow.compute as pc
    return all(pc.all(pc.match_substring_regex(part, pattern)).as_py() for part in (cells.slice(0, 1000), cells))


def _block_text(block) -> np.ndarray:
    """The characters of a block of Arrow strings, as the bytes they are stored in (no copy)."""
    import pyarrow as pa
    _, offsets, data = block.buffers()
    wide = pa.types.is_large_string(block.type)
    offsets = np.frombuffer(offsets, dtype=np.int64 if wide else np.int32)[block.offset:block.offset + len(block) + 1]
    return np.frombuffer(data, dtype=np.uint8)[offsets[0]:offsets[-1]] if data is not None and len(block) else \
        np.zeros(0, dtype=np.uint8)


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
    with refused_as(name):
        table = tables.infer_table(cells, missing, limits.max_categories)
        rows = len(next(iter(cells.values())))
        if table.width > limits.max_columns or table.width * rows > limits.max_values:
            raise DataError(name, f"makes {table.width:,} features for {rows:,} rows once text is one-hot encoded; "
                                  f"the limits are {limits.max_columns:,} features and {limits.max_values:,} values",
                            "drop some text columns or rows")
        x = table.encode(cells)
    return torch.from_numpy(x), table
