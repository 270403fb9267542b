"""A Parquet or Feather (Arrow IPC) file as CSV text: everything after that (the header, the target, gaps, text
columns, refusals) is read exactly as a CSV upload is, as an Excel workbook is (`workbook`). Its size once decoded
is checked against the limits before a column is decoded (Parquet: from its metadata; Feather: batch by batch), and
a column NetBuilder cannot learn from as a number or a category (lists, structs, bytes) is refused by name."""
from __future__ import annotations

import io
import re

from ..errors import DataError
from ..files import size_text
from .common import Limits

PARQUET_MAGIC = b"PAR1"
ARROW_MAGIC = b"ARROW1"  # Feather version 2 is the Arrow IPC file format
KINDS = {PARQUET_MAGIC: "Parquet", ARROW_MAGIC: "Feather"}


def is_columnar(raw: bytes) -> bool:
    """Whether the bytes are a Parquet or a Feather (Arrow IPC) file, by how they begin."""
    return raw.startswith(tuple(KINDS))


def columnar_text(raw: bytes, name: str, limits: Limits) -> tuple[bytes, str]:
    """The file's table as UTF-8 CSV text (dates and times written as ISO text, gaps as empty cells), and a note
    saying how it was read."""
    import pyarrow as pa
    import pyarrow.csv as pa_csv
    kind = next(k for magic, k in KINDS.items() if raw.startswith(magic))
    try:
        table = _parquet(raw, name, limits) if kind == "Parquet" else _feather(raw, name, limits)
        table, index = _with_pandas_index(table)
        table = _plain_columns(table, name)
        out = io.BytesIO()
        pa_csv.write_csv(table, out)
    except DataError:
        raise
    except (pa.ArrowException, OSError, ValueError, TypeError, KeyError, IndexError) as e:
        raise DataError(name, f"is not a readable {kind} file ({type(e).__name__}: {str(e)[:200]})",
                        "write it again, or save the table as CSV") from None
    said = f"Read from its {kind} columns"
    if index:
        said += (f"; its pandas index ({', '.join(repr(n[:80]) for n in index)}) is read as its first "
                 f"column{'s' * (len(index) > 1)}, as pandas' to_csv writes it")
    return out.getvalue(), said


_UNNAMED_LEVEL = re.compile(r"__index_level_(\d+)__")  # how pandas stores an index without a name as a column


def _with_pandas_index(table):
    """A table pandas wrote (`DataFrame.to_parquet`) with its index as columns first, as `to_csv` writes it: the
    file keeps an index as the table's last columns (named `__index_level_0__` when it has no name), or only in
    its metadata when it is a range (1, 2, 3, …: a year column made the index). Left there, the index was taken
    for the target (the last column) and a named range was lost. Returns (the table, the index columns' names);
    an unnamed range (row numbers) is no column, as in pandas."""
    import pyarrow as pa
    try:
        meta = table.schema.pandas_metadata or {}
    except ValueError:  # its pandas metadata is not JSON: the columns as they are
        return table, []
    entries = meta.get("index_columns") if isinstance(meta, dict) else None
    if not isinstance(entries, list):
        return table, []
    unnamed = sum(isinstance(e, str) and bool(_UNNAMED_LEVEL.fullmatch(e)) for e in entries)
    front = []
    for entry in entries:
        if isinstance(entry, str) and table.column_names.count(entry) == 1:
            level = _UNNAMED_LEVEL.fullmatch(entry)
            label = entry if not level else "index" if unnamed == 1 else f"level_{level.group(1)}"
            front.append((label, table.column(entry)))
            table = table.drop_columns([entry])
        elif isinstance(entry, dict) and entry.get("kind") == "range" and isinstance(entry.get("name"), str) and \
                all(type(entry.get(k)) is int for k in ("start", "stop", "step")) and entry["step"] and \
                len(range(entry["start"], entry["stop"], entry["step"])) == table.num_rows:
            front.append((entry["name"], pa.array(range(entry["start"], entry["stop"], entry["step"]), pa.int64())))
    front = [(label, column) for label, column in front if label not in table.column_names]
    if not front:
        return table, []
    names = [label for label, _ in front]
    return pa.table([column for _, column in front] + table.columns, names=names + table.column_names), names


def _parquet(raw: bytes, name: str, limits: Limits):
    import pyarrow as pa
    import pyarrow.parquet as pq
    handle = pq.ParquetFile(pa.BufferReader(raw))
    meta = handle.metadata
    _check_size(meta.num_rows, meta.num_columns,
                sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups)), name, limits)
    return handle.read()


def _feather(raw: bytes, name: str, limits: Limits):
    import pyarrow as pa
    reader = pa.ipc.open_file(pa.BufferReader(raw))
    batches, rows, size = [], 0, 0
    for i in range(reader.num_record_batches):  # compressed batches are decoded one at a time, within the limits
        batch = reader.get_batch(i)
        rows, size = rows + batch.num_rows, size + batch.nbytes
        _check_size(rows, batch.num_columns, size, name, limits)
        batches.append(batch)
    return pa.Table.from_batches(batches, schema=reader.schema)


def _check_size(rows: int, columns: int, size: int, name: str, limits: Limits) -> None:
    if columns > limits.max_columns:
        raise DataError(name, f"has {columns:,} columns; the limit is {limits.max_columns:,}")
    if rows * columns > limits.max_values:
        raise DataError(name, f"holds {rows:,} rows of {columns:,} columns, more than {limits.max_values:,} values",
                        "keep fewer rows")
    if size > limits.max_unpacked:
        raise DataError(name, f"would take {size_text(size)} once decoded; the limit is "
                              f"{size_text(limits.max_unpacked)}", "keep fewer rows")


def _plain_columns(table, name: str):
    """The table with every column a number, a boolean or text (dates, times and categories as text); a column
    of lists, structs or bytes refused by name."""
    import pyarrow as pa
    import pyarrow.compute as pc
    columns = []
    for field, column in zip(table.schema, table.columns):
        kind = field.type
        if pa.types.is_dictionary(kind):
            column, kind = column.cast(kind.value_type), kind.value_type
        if pa.types.is_nested(kind) or pa.types.is_binary(kind) or pa.types.is_large_binary(kind) \
                or pa.types.is_fixed_size_binary(kind):
            raise DataError(name, f"column '{field.name[:80]}' holds {kind}, not numbers or text",
                            "leave it out of the file, or flatten it into columns of numbers")
        if pa.types.is_duration(kind):  # a length of time: a number (of the column's own unit)
            column = pc.cast(column, pa.int64())
        elif pa.types.is_timestamp(kind):  # as a CSV writes a date and time (which the reader then names as such)
            column = _timestamp_text(column)
        elif pa.types.is_temporal(kind) or pa.types.is_decimal(kind):
            column = pc.cast(column, pa.string())
        columns.append(column)
    return pa.table(columns, names=[str(f.name) for f in table.schema])


def _timestamp_text(column):
    import pyarrow as pa
    import pyarrow.compute as pc
    try:  # to whole seconds first: Arrow writes %S with the unit's fraction (00.000000)
        seconds = pc.cast(column, pa.timestamp("s", tz=column.type.tz), safe=False)
        return pc.strftime(seconds, format="%Y-%m-%d %H:%M:%S")
    except pa.ArrowException:  # a time zone this system's database does not hold
        return pc.cast(column, pa.string())
