"""A table of plain numbers read at the library's speed: pyarrow's CSV reader streams the file in blocks, and each
block's columns are read in vectorised passes — a column whose every cell is a plain number (digits, a point,
signs, an exponent) becomes float64 at once, any other column stays text cells. Only one block's text is held at a
time, so the memory a read takes is about the numbers it gives.

What it reads is exactly what the cell-by-cell reader (`tables.read_numbers` over text cells) gives: where it could
differ — a column that holds plain numbers in its first block and anything else later, or "1.234"-style cells that
also read as thousands grouped with points — it returns None, and the file is read cell by cell instead.
"""
from __future__ import annotations

import re

import numpy as np

BLOCK_BYTES = 1 << 18  # the reader's block: the text held at once (a test makes it tiny to read in many blocks)

# A cell of a plain number: the characters it may hold, and the ones that also read as thousands grouped with
# points ("1.234": a decimal comma's way), where every cell of a column so written leaves the column to the cells.
PLAIN_NUMBER_BYTES = b"0123456789.+-eE"
POINTS_GROUP_THOUSANDS = r"^[+-]?(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:[eE][+-]?\d+)?$"


def read_columns(body: bytes, delimiter: str, names: list[str], headed: bool, max_columns: int) \
        -> tuple[dict, dict[str, str | None]] | None:
    """The table's columns (UTF-8 `body`): each column of plain numbers as a float64 array, with the decimal mark
    `tables.read_numbers` would have decided from its cells ("." or None: no point in any cell), the others as
    lists of text cells; or None: then the file is read cell by cell, which also says what is wrong with it. Only
    plain files of two columns or more come here: no double quotes and no line of blanks alone (pandas skips
    those), where pyarrow could read otherwise; and pyarrow refuses any row longer or shorter than the header."""
    if len(names) < 2 or len(names) > max_columns or b'"' in body or _blank_line(body):
        return None
    try:
        import pyarrow as pa
        from pyarrow import csv as arrow_csv
    except ImportError:  # pyarrow is optional: without it every table is read cell by cell
        return None
    rows = body.count(b"\n") + 1  # at least the rows there are: each number column is filled in place
    numbers: dict[str, np.ndarray] = {}
    texts: dict[str, list[str]] = {}
    points: dict[str, bool] = dict.fromkeys(names, False)
    grouped: dict[str, bool] = {}  # whether every cell so far also reads as thousands grouped with points
    at = 0
    try:  # one thread and the system's allocator: as fast where cores are shared, and its memory is given back
        reader = arrow_csv.open_csv(
            pa.BufferReader(body.lstrip(b"\n")),  # read in place; pandas skips blank lines before the header too
            read_options=arrow_csv.ReadOptions(column_names=names, skip_rows=int(headed), use_threads=False,
                                               block_size=BLOCK_BYTES),
            parse_options=arrow_csv.ParseOptions(delimiter=delimiter, ignore_empty_lines=True),
            convert_options=arrow_csv.ConvertOptions(column_types={n: pa.string() for n in names}, null_values=[],
                                                     strings_can_be_null=False),
            memory_pool=pa.system_memory_pool())
        for batch in reader:
            if not batch.num_rows:
                continue
            if at + batch.num_rows > rows:
                return None  # more rows than lines: not a file this reader understands
            for name, column in zip(names, batch.columns):
                if name in texts:
                    texts[name] += column.to_pylist()
                    continue
                read = _plain_numbers(column)
                if read is None and name in numbers:
                    return None  # plain numbers, then a cell that is not one: the cells decide
                if read is None:
                    texts[name] = column.to_pylist()
                    continue
                values, has_points = read
                if has_points and grouped.get(name, True):  # a block without points matches: digits alone
                    grouped[name] = _all_match(column, POINTS_GROUP_THOUSANDS)
                if name not in numbers:
                    numbers[name] = np.empty(rows, dtype=np.float64)
                numbers[name][at:at + len(values)] = values
                points[name] = points[name] or has_points
            at += batch.num_rows
    except Exception:  # any file pyarrow will not read is read cell by cell, which says what is wrong with it
        return None
    if not numbers and not texts:
        return None
    if any(points[name] and grouped.get(name, True) for name in numbers):
        return None  # "1.234" in every cell: a thousand or one; the cells decide with the rest of the file
    cells, settled = {}, {}
    for name in names:
        if name in texts:
            cells[name] = texts.pop(name)
        else:
            cells[name], settled[name] = numbers.pop(name)[:at], "." if points[name] else None
    return cells, settled


def _plain_numbers(column) -> tuple[np.ndarray, bool] | None:
    """(numbers, whether any cell holds a point) when every cell of this block's column is a number float() reads
    and holds only digits, a point, signs and an exponent (so reading it as text gives the very same numbers);
    else None."""
    import pyarrow as pa
    import pyarrow.compute as pc
    if column.null_count or not len(column):
        return None
    text = _block_text(column)
    if text.translate(None, PLAIN_NUMBER_BYTES):  # a character beyond those
        return None
    try:
        numbers = pc.cast(column, pa.float64(), memory_pool=pa.system_memory_pool()).to_numpy(zero_copy_only=False)
    except pa.ArrowInvalid:
        return None
    return numbers, b"." in text


def _all_match(cells, pattern: str) -> bool:
    """Whether every cell matches `pattern`; a sample of the first cells settles most columns without the rest."""
    import pyarrow.compute as pc
    return all(pc.all(pc.match_substring_regex(part, pattern)).as_py() for part in (cells.slice(0, 1000), cells))


def _block_text(block) -> bytes:
    """The characters of a block of Arrow strings, as the bytes they are stored in."""
    import pyarrow as pa
    _, offsets, data = block.buffers()
    if data is None or not len(block):
        return b""
    wide = pa.types.is_large_string(block.type)
    offsets = np.frombuffer(offsets, dtype=np.int64 if wide else np.int32)[block.offset:block.offset + len(block) + 1]
    return memoryview(data)[offsets[0]:offsets[-1]].tobytes()


_BLANK_AT_LINE_START = re.compile(rb"\n[ \t\f\v]")  # one pass over the file (four `in` scans took 6× as long)


def _blank_line(body: bytes) -> bool:
    """Whether a line holds blanks alone (looked for only where one could start: it seldom can)."""
    if _BLANK_AT_LINE_START.search(body) is None and body[:1] not in b" \t\f\v":
        return False
    return re.search(rb"(?m)^[ \t\f\v]+$", body) is not None
