"""Text cells as a model's numbers: which columns hold numbers and which categories, one-hot encoding, missing
cells and the values that fill them, and the target column as class indices or numbers. numpy and the standard
library only: the standalone script copies this module after tables/reading.py."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .reading import (DATE_ORDERS, DATE_PARTS, FLOAT32_MAX, ISO_PARTS, MAX_CATEGORIES, MISSING_CHOICES, TableError,
                      as_numbers, date_format, date_parts, is_missing, iso_dates, missing_cells, read_as_numbers,
                      take_rows, to_number)

__all__ = ["Column", "Table", "infer_table", "check_numbers", "gaps", "gap_message", "drop_gaps",
           "looks_like_classes", "class_name", "target_values", "encode_classes"]


@dataclass(frozen=True)
class Column:
    name: str
    categories: tuple[str, ...] | None = None  # sorted labels, one-hot encoded; None: a number column
    dates: str | None = None  # dates or times written this way (a key of DATE_ORDERS), read as `parts`
    parts: tuple[str, ...] = ()  # the numbers a date becomes (keys of DATE_PARTS)

    @property
    def width(self) -> int:
        return len(self.categories) if self.categories is not None else len(self.parts) if self.dates else 1

    @property
    def feature_names(self) -> list[str]:
        if self.dates:
            return [f"{self.name} ({part})" for part in self.parts]
        if self.categories is None:
            return [self.name]
        return [f"{self.name}={label}" for label in self.categories]


@dataclass(frozen=True)
class Table:
    """How a table's feature columns become one row of numbers, and what happens to missing cells."""

    columns: tuple[Column, ...]
    missing: str | None = None  # None: refuse gaps; "drop": rows with gaps were dropped; "impute": filled

    @property
    def width(self) -> int:
        return sum(c.width for c in self.columns)

    @property
    def feature_names(self) -> list[str]:
        return [name for c in self.columns for name in c.feature_names]

    def encode(self, cells: dict[str, list[str]]) -> np.ndarray:
        """float32 [rows, width]; a missing cell is NaN (across its whole one-hot group for a category)."""
        absent = [c.name for c in self.columns if c.name not in cells]
        if absent:
            raise TableError(f"has no column {', '.join(repr(a) for a in absent[:10])}, which the model was trained "
                             f"on", f"the model reads: {', '.join(c.name for c in self.columns)}", absent[0])
        rows = len(next(iter(cells.values()))) if cells else 0
        x = np.empty((rows, self.width), dtype=np.float32)
        at = 0
        for column in self.columns:
            x[:, at:at + column.width] = _encode_column(column, cells[column.name])
            at += column.width
        return x

    def fill_values(self, x_train: np.ndarray) -> dict:
        """What fills a gap in each column: the training rows' median (numbers) or most frequent label."""
        x_train = np.asarray(x_train, dtype=np.float64).reshape(len(x_train), -1)
        fill, at = {}, 0
        for column in self.columns:
            part = x_train[:, at:at + column.width]
            known = part[~np.isnan(part).any(1)]
            if column.dates:  # each part's median (a weekday in the middle of the week, not a date's)
                fill[column.name] = [float(v) for v in np.median(known, 0)] if len(known) else [0.0] * column.width
            elif column.categories is None:
                fill[column.name] = float(np.median(known[:, 0])) if len(known) else 0.0
            else:
                counts = known.sum(0) if len(known) else np.zeros(column.width)
                fill[column.name] = column.categories[int(np.argmax(counts))]
            at += column.width
        return fill

    def impute(self, x: np.ndarray, fill: dict) -> np.ndarray:
        """x with every missing cell filled from `fill` (a copy; x itself is left as it is)."""
        out = np.array(x, dtype=np.float32, copy=True)
        flat = out.reshape(len(out), -1)
        at = 0
        for column in self.columns:
            part = flat[:, at:at + column.width]
            gaps = np.isnan(part).any(1)
            if gaps.any():
                part[gaps] = np.asarray(fill[column.name], dtype=np.float32) if column.dates else \
                    _encode_column(column, [str(fill[column.name])])[0]
            at += column.width
        return out

    def to_dict(self) -> dict:
        return {"columns": [{"name": c.name, **({"categories": list(c.categories)} if c.categories is not None
                                                 else {}), **({"dates": c.dates, "parts": list(c.parts)} if c.dates
                                                              else {})} for c in self.columns], "missing": self.missing}

    @classmethod
    def from_dict(cls, data: dict) -> "Table":
        try:
            columns = tuple(Column(str(c["name"]), tuple(str(v) for v in c["categories"]) if "categories" in c
                                   else None, c.get("dates"), tuple(str(p) for p in c.get("parts", ())))
                            for c in data["columns"])
            missing = data.get("missing")
        except (KeyError, TypeError, AttributeError) as e:
            raise TableError(f"the table description cannot be read ({type(e).__name__}: {e})") from None
        for c in columns:
            if c.dates is not None and (c.dates not in DATE_ORDERS or not c.parts or
                                        not set(c.parts) <= set(DATE_PARTS)):
                raise TableError(f"column '{c.name}': unknown dates {c.dates!r} or parts {list(c.parts)}")
        if missing not in (None, *MISSING_CHOICES):
            raise TableError(f"unknown missing-value policy {missing!r}")
        return cls(columns, missing)


def _encode_column(column: Column, cells: list[str]) -> np.ndarray:
    if column.dates:
        return _encode_dates(column, cells)
    numbers = as_numbers(cells) if column.categories is None else None
    if numbers is not None:
        _check_finite(numbers, column.name)
        return numbers[:, None]
    out = np.full((len(cells), column.width), np.nan, dtype=np.float64)
    if column.categories is None:
        for i, cell in enumerate(cells):
            if not is_missing(cell):
                value = to_number(cell)
                if value is None:
                    raise TableError(f"column '{column.name}' holds the text {cell.strip()[:40]!r} in data row "
                                     f"{i + 1:,}, where a number goes", "fix or delete that cell", column.name)
                out[i, 0] = value
        _check_finite(out[:, 0], column.name)
        return out
    index = {label: k for k, label in enumerate(column.categories)}
    for i, cell in enumerate(cells):
        if is_missing(cell):
            continue
        k = index.get(cell.strip())
        if k is None:
            raise TableError(f"column '{column.name}' holds {cell.strip()[:40]!r} in data row {i + 1:,}, a value the "
                             f"model never saw", f"known values: {', '.join(column.categories[:20])}", column.name)
        out[i] = 0.0
        out[i, k] = 1.0
    return out


def _encode_dates(column: Column, cells: list[str]) -> np.ndarray:
    out = np.full((len(cells), column.width), np.nan, dtype=np.float64)
    present = ~missing_cells(cells)
    if column.dates == "ymd":  # ISO dates all written alike: numpy reads them at once
        iso = iso_dates([c.strip() for c, here in zip(cells, present) if here])
        if iso is not None:
            out[present] = iso[:, [ISO_PARTS.index(part) for part in column.parts]]
            return out
    known: dict[str, list[float] | None] = {}  # each value read once: a day recurs in many rows
    for i, cell in enumerate(cells):
        if is_missing(cell):
            continue
        if cell not in known:
            known[cell] = date_parts(cell, column.dates, column.parts)
        values = known[cell]
        if values is None:
            raise TableError(f"column '{column.name}' holds {cell.strip()[:40]!r} in data row {i + 1:,}, where a "
                             f"{'time' if column.dates == 'time' else 'date'} goes "
                             f"({DATE_ORDERS[column.dates]})", "write it as the column's other cells are",
                             column.name)
        out[i] = values
    return out


def _check_finite(values: np.ndarray, name: str) -> None:
    known = values[~np.isnan(values)]
    if known.size and not np.all(np.abs(known) <= FLOAT32_MAX):
        worst = known[np.argmax(np.abs(known))]
        row = int(np.flatnonzero(values == worst)[0]) + 1
        if np.isinf(worst):  # "inf", "-Infinity": no amount of rescaling makes it a number
            raise TableError(f"column '{name}' holds {worst:g} in data row {row:,}, an infinite value no network can "
                             "learn from", "replace it with a number, or empty the cell and choose drop or impute",
                             name)
        raise TableError(f"column '{name}' holds {worst:g}, beyond what float32 can hold (±3.4e38), in data row "
                         f"{row:,}", "rescale the column or remove those rows", name)


def infer_table(cells: dict[str, list[str]], missing: str | None = None,
                max_categories: int = MAX_CATEGORIES, dates: dict | None = None) -> Table:
    """Each column's kind from its cells: numbers when every present cell is one, dates or times when every one is
    (see `date_format`: what `too_varied` found is reused for the very same column, in `dates`), else categories
    (sorted)."""
    columns = []
    for name, column in cells.items():
        if as_numbers(column) is not None:
            columns.append(Column(name))
            continue
        if all(to_number(c) is not None for c in column if not is_missing(c)):  # (stops at the first text cell)
            columns.append(Column(name))
            continue
        seen = (dates or {}).get(name)
        written = seen[1] if seen is not None and seen[0] is column else date_format(column)
        if written is not None:  # dates or times: the numbers they are made of (see tables.reading.DATE_PARTS)
            columns.append(Column(name, dates=written[0], parts=written[1]))
            continue
        check_numbers(column, name)
        labels = sorted({c.strip() for c in column if not is_missing(c)})
        if len(labels) > max_categories:
            raise TableError(f"column '{name}' has {len(labels):,} distinct text values; at most {max_categories} "
                             "can be one-hot encoded", "drop it or encode it as numbers", name)
        columns.append(Column(name, tuple(labels)))
    return Table(tuple(columns), missing)


def check_numbers(column, name: str, what: str = "column") -> None:
    """Refuse a column that holds numbers but also a few text cells (half of its values or fewer): typos, not
    categories, and read as categories every number would be a label of its own."""
    if read_as_numbers(column):
        return
    present = [c for c in column if not is_missing(c)]
    text = [c for c in present if to_number(c) is None]
    if text and len(text) <= len(present) / 2:
        row = next(i for i, c in enumerate(column) if not is_missing(c) and to_number(c) is None)
        raise TableError(f"{what} '{name}' holds numbers but also text such as {text[0].strip()[:40]!r} (data row "
                         f"{row + 1:,})", "fix or delete those cells", name)


def gaps(cells: dict[str, list[str]]) -> dict[str, tuple[int, int]]:
    """(missing cells, first data row with one) per column, for the columns that have any."""
    found = {}
    for name, column in cells.items():
        numbers = as_numbers(column)
        rows = np.flatnonzero(np.isnan(numbers)).tolist() if numbers is not None else \
            [i for i, c in enumerate(column) if is_missing(c)]
        if rows:
            found[name] = (len(rows), rows[0] + 1)
    return found


def gap_message(found: dict[str, tuple[int, int]]) -> tuple[str, str]:
    """(message, hint) refusing a table with gaps, naming every gappy column once."""
    listed = "; ".join(f"column '{name}' has {n:,} missing value(s), the first in data row {row:,}"
                       for name, (n, row) in list(found.items())[:20])
    more = f"; and {len(found) - 20} more columns" if len(found) > 20 else ""
    head = "" if len(found) == 1 else f"{len(found)} columns have missing values: "
    return (f"{head}{listed}{more}",
            "choose what to do with them: drop (remove those rows) or impute (fill each gap with the training rows' "
            "median, or most frequent value for text)")


def drop_gaps(cells: dict[str, list[str]]) -> tuple[dict[str, list[str]], list[int]]:
    """The table without the rows that have a missing cell, and the (0-based) rows dropped."""
    rows = len(next(iter(cells.values()))) if cells else 0
    gappy = np.zeros(rows, dtype=bool)
    for column in cells.values():
        gappy |= missing_cells(column)
    if not gappy.any():
        return cells, []
    return take_rows(cells, np.flatnonzero(~gappy).tolist()), np.flatnonzero(gappy).tolist()


def looks_like_classes(values: np.ndarray) -> bool:
    """Our rule for a numeric target: whole numbers with at most 20 distinct values, and on average at least
    5 rows per value (so a small table of ages or prices is still regression), are class labels."""
    values = values[~np.isnan(values)] if values.dtype.kind == "f" else values
    if values.size == 0 or (values.dtype.kind == "f" and not np.all(values == np.round(values))):
        return False
    return len(np.unique(values)) <= min(20, max(2, len(values) // 5))


def class_name(value) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)


def target_values(cells: list[str]) -> np.ndarray:
    """A target column's cells as numbers when every one is a number, else as text: Python strings (an object
    array), as long as each is; numpy's own strings would each take as much memory as the longest (one cell of a
    million characters in a table of a hundred thousand rows: 373 GB)."""
    if read_as_numbers(cells):
        return np.asarray(cells, dtype=np.float64)
    numbers = [to_number(c) for c in cells]
    if all(v is not None for v in numbers):
        return np.asarray(numbers, dtype=np.float64)
    return np.asarray([c.strip() for c in cells], dtype=object)


def encode_classes(values: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Class indices 0..k-1 (in sorted order of the labels) and the labels as strings."""
    labels, y = np.unique(values, return_inverse=True)
    return y.reshape(-1).astype(np.int64), [class_name(v) for v in labels]
