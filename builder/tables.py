"""Tables as numbers: which columns hold numbers and which categories, one-hot encoding, missing cells and the
values that fill them, and the target column as class indices or numbers.

A table arrives as a file's bytes: `decode_text` finds its encoding, `separate` its separator, and
`read_numbers` reads numbers written with a decimal point or a decimal comma, thousands separators, currency or
percent signs (deciding each column's way of writing from all its cells), so a CSV that Excel saved in any locale
reads as it should. After that it is text cells (one list of strings per column), or, for a column a reader has
already read as plain numbers in one pass, a float64 array (`read_numbers`' `settled`). Everything here
is numpy and the standard library, so the standalone training script copies these functions and reads a CSV
exactly as NetBuilder does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

MISSING = frozenset({"", "?", "na", "n/a", "nan", "null", "none", "#n/a", "<na>"})  # cells that mean "no value"
FLOAT32_MAX = 3.4028234663852886e38
MAX_CATEGORIES = 50  # distinct text values in one feature column (each becomes a one-hot feature)
MISSING_CHOICES = ("drop", "impute")


class TableError(ValueError):
    """A table that cannot be turned into numbers; `column` names the column when there is one."""

    def __init__(self, message: str, hint: str = "", column: str | None = None):
        self.message, self.hint, self.column = message, hint, column
        super().__init__(message)


UNNAMED = "Unnamed: "  # how a column without a name in the header is called (as pandas calls it)
HEADER_EVIDENCE_ROWS = 500  # lines after the first that show whether it names the columns or is a sample
DELIMITERS = (";", "\t", "|", ",")  # the first wins a tie: commas are also decimal marks, semicolons never
# how files that are not text begin, and what they are
NOT_TEXT = {b"PK\x03\x04": "an Excel workbook (.xlsx) or another ZIP archive",
            b"\xd0\xcf\x11\xe0": "an Excel 97-2003 workbook (.xls)", b"%PDF": "a PDF document"}
SAVE_AS_CSV = "open it in your spreadsheet program and save it as 'CSV UTF-8'"


def decode_text(raw: bytes) -> tuple[str, str]:
    """(text, encoding) of a table file: UTF-8 (a byte-order mark is dropped), UTF-16 or UTF-32 with a byte-order
    mark (Excel's "Unicode text"), UTF-32 without one, else Windows-1252, what Excel on Windows writes as "CSV".
    Line breaks become "\n", whether the file has Windows' "\r\n" or old Mac Excel's "\r". A spreadsheet, a PDF
    or any other binary file raises TableError, and so does UTF-8 text with a byte that is not UTF-8 (a damaged
    file, or one that mixes encodings): read as Windows-1252 it would turn every "é" into "Ã©"."""
    text, encoding = _decode(raw)
    return (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text), encoding


BOMS = ((b"\xff\xfe\x00\x00", "utf-32", "UTF-32"), (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
        (b"\xff\xfe", "utf-16", "UTF-16"), (b"\xfe\xff", "utf-16", "UTF-16"))  # UTF-32's first: it starts as UTF-16's


def _decode(raw: bytes) -> tuple[str, str]:
    for magic, what in NOT_TEXT.items():
        if raw.startswith(magic):
            raise TableError(f"is {what}, not CSV text", SAVE_AS_CSV)
    for bom, codec, name in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), name
            except UnicodeDecodeError as e:
                raise TableError(f"starts as {name} text, but byte {e.start:,} cannot be decoded", SAVE_AS_CSV) from None
    if b"\x00" in raw[:65536]:
        text = _utf32_without_bom(raw)
        if text is not None:
            return text, "UTF-32"
        raise TableError("holds NUL bytes: it is a binary file, or UTF-16 text without a byte-order mark",
                         SAVE_AS_CSV)
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as e:
        if _mostly_utf8(raw):
            at = e.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)  # the offset counts from after the mark
            line = raw[:at].count(b"\n") + 1
            raise TableError(f"is UTF-8 text, but byte {at:,} (0x{raw[at]:02X}, on line {line:,}) is not valid "
                             "UTF-8: the file is damaged, or mixes encodings", SAVE_AS_CSV) from None
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:  # five byte values mean nothing in Windows-1252; Latin-1 reads every byte
        return raw.decode("latin-1"), "Latin-1"


def code_unit(raw: bytes) -> int:
    """Bytes per code unit in a table file's encoding: 4 (UTF-32), 2 (UTF-16) or 1. A cut just after a line break,
    rounded up to a multiple of it, leaves whole characters."""
    for bom, _, name in BOMS:
        if raw.startswith(bom):
            return 4 if name == "UTF-32" else 2
    return 4 if b"\x00" in raw[:4096] and _utf32_without_bom(raw[:4096]) is not None else 1


def _utf32_without_bom(raw: bytes) -> str | None:
    """The text of UTF-32 without a byte-order mark (every character four bytes, three of them NUL for Latin
    text), or None. UTF-16 and binary files do not decode so: their four-byte groups are not characters."""
    if len(raw) % 4:
        return None
    for codec in ("utf-32-le", "utf-32-be"):
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        if all(c.isprintable() or c in "\t\n\r" for c in text[:4096]):
            return text
    return None


def _mostly_utf8(raw: bytes) -> bool:
    """Whether bytes that are not all UTF-8 are UTF-8 with a few bad bytes: at least as many characters beyond
    ASCII decode as UTF-8 as bytes fail to. Windows-1252 text ("Größe") almost never holds a valid UTF-8 sequence."""
    text = raw.decode("utf-8", "replace")
    return len(re.sub("[\x00-\x7f\ufffd]+", "", text)) >= text.count("\ufffd")


def separate(text: str) -> tuple[str, str]:
    """(text, separator): the separator Excel's optional first line "sep=;" declares (that line removed), or
    the one `sniff_delimiter` finds. A first line declaring another separator (or none) raises TableError."""
    declared = re.match(r"sep=(.?)(?:\n|$)", text, re.IGNORECASE)
    if not declared:
        return text, sniff_delimiter(text)
    if declared.group(1) not in DELIMITERS:
        line = text[:declared.end()].rstrip("\n")
        what = f"the separator {declared.group(1)!r}" if declared.group(1) else "no separator"
        raise TableError(f"its first line {line!r} declares {what}; a table's values are separated by commas, "
                         "semicolons, tabs or bars",
                         "change that line to sep=, (or sep=; sep=| or a tab) to match the file, or delete it")
    return text[declared.end():], declared.group(1)


def first_lines(text: str, n: int) -> list[str]:
    """The text's first n lines (text.split("\n", n)[:n] without copying the rest of a long text)."""
    end = -1
    for _ in range(n):
        end = text.find("\n", end + 1)
        if end < 0:
            return text.split("\n")
    return text[:end].split("\n")


def first_line(text: str) -> str:
    return first_lines(text, 1)[0]


def sniff_delimiter(text: str) -> str:
    """The separator of a delimited table: of semicolon, tab, bar and comma, the one its first line holds most
    often outside double quotes (a comma when it holds none)."""
    header = re.sub(r'"[^"]*"', "", first_line(text.lstrip("\r\n")))
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=counts.__getitem__)
    return best if counts[best] else ","


# A number as a spreadsheet may show it: a sign, a currency symbol, digits, an exponent, a percent sign. Its digits
# are written one of two ways, named by the decimal mark: "." (1,234.5: commas group thousands) or "," (1.234,5:
# points group thousands). A grouped number starts with 1-9, so "0.123" is never a hundred and twenty-three.
DECIMAL_MARKS = {".": "a decimal point", ",": "a decimal comma"}
SEPARATOR_DECIMAL = {",": ".", ";": ","}  # the decimal mark where a table is separated so (Excel writes ";" where
# the comma is the decimal mark); tabs and bars say nothing about it
_SHOWN = re.compile(r"(?P<sign>[+-]?)[$€£¥]?\s*(?P<digits>[\d.,]+)(?P<exponent>[eE][+-]?\d+)?\s*%?")
_DIGITS = {".": re.compile(r"(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+"),
           ",": re.compile(r"(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,\d*)?|,\d+")}
_NUMBER_MARKS = ",.%$€£¥"  # a cell without any of them is read by float() as it is


def shown_number(cell: str, decimal: str) -> str | None:
    """The cell as `to_number` reads it when it is a number written with `decimal` ("." or ",") as its decimal
    mark ("$1,234.50" -> "1234.50" with ".", "1.234,5" -> "1234.5" with ","); None when it is not one."""
    m = _SHOWN.fullmatch(cell.strip())
    if m is None or not _DIGITS[decimal].fullmatch(m["digits"]):
        return cell if not any(mark in cell for mark in _NUMBER_MARKS) and to_number(cell) is not None else None
    digits = m["digits"].replace(",", "") if decimal == "." else m["digits"].replace(".", "").replace(",", ".")
    return m["sign"] + digits + (m["exponent"] or "")


def is_number_cell(cell: str) -> bool:
    """Whether the cell is a number written either way (or as float() reads it)."""
    return to_number(cell) is not None or any(shown_number(cell, mark) is not None for mark in DECIMAL_MARKS)


def header_names(rows: list[list[str]], delimiter: str) -> list[str] | None:
    """The column names a table's first line gives, or None when that line is a sample, not names (a file saved
    without a header row): when every cell of it is a number, empty, or a value its column holds again in the
    lines below (`rows[1:]`, a few hundred are plenty), as in UCI's adult.data. Such a table's columns are
    called "column 1", …"""
    first, below = rows[0], rows[1:]

    def sample_like(i: int, cell: str) -> bool:
        return (not cell.strip() or is_number_cell(cell)
                or any(i < len(row) and row[i].strip() == cell.strip() for row in below))

    if len(first) > 1 and all(sample_like(i, cell) for i, cell in enumerate(first)):
        return None
    return first


def unnamed_columns(n: int) -> list[str]:
    return [f"column {i + 1}" for i in range(n)]


def column_names(header: list[str]) -> list[str]:
    """A header's names as a table keeps them: without surrounding spaces ("a, b" names "b"), an empty one as
    "Unnamed: i" and a repeated one with ".1", ".2", … (as pandas names them)."""
    names, seen = [], set()
    for i, cell in enumerate(header):
        base = cell.strip() or f"{UNNAMED}{i}"
        name, k = base, 0
        while name in seen:
            k += 1
            name = f"{base}.{k}"
        seen.add(name)
        names.append(name)
    return names


def read_numbers(cells: dict[str, list[str]], delimiter: str, settled: dict[str, str | None] | None = None) \
        -> dict[str, list[str]]:
    """Numbers as a spreadsheet shows them ("$1,234.50", "12.5%", "1.234,5", "0,25", "1,5e3"), rewritten as
    `to_number` reads them ("1234.50", "12.5", "1234.5", "0.25", "1.5e3"); currency and percent signs are dropped
    (the trainer standardises each column anyway). Each column is read one way, decided from all its cells: the
    way in which every cell is a number. Where both ways are and give different numbers ("1,000": a thousand, or
    one), the columns that did decide settle it if they agree, else the separator does (a comma: decimal points;
    a semicolon: decimal commas), else TableError names the column and both readings. A column that is mostly
    numbers has those rewritten the way most of them read (its text cells are then refused as typos); a text
    column is left as it is. `settled` names the columns a reader has already read in one pass as plain numbers
    (float64 arrays), each with the decimal mark its cells decided ("." when one holds a point, else None): they
    are kept as they are and count towards the file's way like any decided column."""
    settled = settled or {}
    readings = {name: _readings(column, delimiter) for name, column in cells.items() if name not in settled}
    decided = {r.mark for r in readings.values() if r.kind == "decided" and r.mark} | \
        {mark for mark in settled.values() if mark}
    file_mark = decided.pop() if len(decided) == 1 else SEPARATOR_DECIMAL.get(delimiter)
    return {name: column if name in settled else _settle(name, column, readings[name], file_mark)
            for name, column in cells.items()}


@dataclass
class _Readings:
    """How one column's cells read: "as is" (float reads them, or they are text), "decided" (one way fits every
    cell), "tie" (both fit and differ) or "mostly" (neither fits every cell: `mark` fits the most)."""
    kind: str
    mark: str | None = None
    present: list[int] | None = None  # the rows that are not missing
    values: dict[str, list[str | None]] | None = None  # decimal mark -> each present cell read so
    cells: list[str] | None = None  # the whole column read, when one pass over it decided


def _readings(column: list[str], delimiter: str) -> _Readings:
    """How the column's cells read each way (most columns are settled by a look or a pass over them in numpy)."""
    joined = "".join(column)
    if not any(mark in joined for mark in _NUMBER_MARKS):
        return _Readings("as is")  # most columns: plain numbers or text, one look
    present = [i for i, cell in enumerate(column) if not is_missing(cell)]
    if as_numbers(column) is not None:  # decimal points, as float reads them: is every cell also grouped thousands?
        if any(shown_number(column[i], ",") is None for i in present):
            return _Readings("decided", ".", cells=column)
    elif not any(mark in joined for mark in ".%$€£¥"):  # commas alone: decimal commas, read in one pass,
        pointed = [cell.replace(",", ".") for cell in column]  # unless every one groups thousands
        if as_numbers(pointed) is not None and any(shown_number(column[i], ".") is None for i in present):
            return _Readings("decided", ",", cells=pointed)
    values = {mark: [shown_number(column[i], mark) for i in present] for mark in DECIMAL_MARKS}
    fits = [mark for mark in DECIMAL_MARKS if None not in values[mark]]
    if len(fits) == 2:
        differ = [float(a) != float(b) for a, b in zip(values["."], values[","])]
        return _Readings("tie", None, present, values) if any(differ) else _Readings("decided", None, present, values)
    if fits:
        return _Readings("decided", fits[0], present, values)
    counts = {mark: sum(v is not None for v in values[mark]) for mark in DECIMAL_MARKS}
    best = max(sorted(DECIMAL_MARKS, key=lambda m: m != SEPARATOR_DECIMAL.get(delimiter, ".")), key=counts.get)
    return _Readings("mostly" if 2 * counts[best] >= len(present) else "as is", best, present, values)


def _settle(name: str, column: list[str], readings: _Readings, file_mark: str | None) -> list[str]:
    """The column's cells read the way `readings` decided (a tie the file's way)."""
    if readings.cells is not None:
        return readings.cells
    if readings.kind == "as is" or readings.values is None:
        return column
    mark = readings.mark or "."  # "decided" without a mark: both ways give the same numbers
    if readings.kind == "tie":
        mark = file_mark or ("." if not any("," in column[i] for i in readings.present) else None)
        if mark is None:  # a tab- or bar-separated file, with nothing in it saying which
            raise TableError(*_tie_message(name, column, readings), name)
    out = list(column)
    for i, value in zip(readings.present, readings.values[mark]):
        if value is not None:
            out[i] = value
    return out


def _tie_message(name: str, column: list[str], readings: _Readings) -> tuple[str, str]:
    k = next(k for k, (a, b) in enumerate(zip(readings.values["."], readings.values[","])) if float(a) != float(b))
    cell = column[readings.present[k]].strip()
    point, comma = float(readings.values["."][k]), float(readings.values[","][k])
    return (f"column '{name}' holds numbers that read two ways, and nothing in the file says which: {cell!r} is "
            f"{point:g} read with {DECIMAL_MARKS['.']} (commas grouping thousands), or {comma:g} read with "
            f"{DECIMAL_MARKS[',']} (points grouping thousands)",
            "write the numbers without thousands separators, or save the file separated by commas (decimal points) "
            "or semicolons (decimal commas)")


def blank_columns(cells: dict[str, list[str]]) -> list[str]:
    """The columns without a value in any row."""
    return [name for name, column in cells.items()
            if (np.isnan(column).all() if read_as_numbers(column) else all(is_missing(c) for c in column))]


def without_stray_columns(cells: dict[str, list[str]]) -> dict[str, list[str]]:
    """The table without the columns that have neither a name nor a value: what a separator at the end of every
    line makes."""
    stray = {name for name in blank_columns(cells) if name.startswith(UNNAMED)}
    return {name: column for name, column in cells.items() if name not in stray}


def too_varied(cells: dict[str, list[str]], max_categories: int = MAX_CATEGORIES) -> dict[str, int]:
    """The text columns with more distinct values than can be one-hot encoded (names, ids, tickets, free text),
    each with its number of distinct values. They carry no pattern a network could learn from as categories."""
    found = {}
    for name, column in cells.items():
        if read_as_numbers(column) or len(set(column)) <= max_categories or as_numbers(column) is not None:
            continue  # few distinct cells (counting the missing ones) one-hot encode; numbers are numbers
        present = [c.strip() for c in column if not is_missing(c)]
        distinct = len(set(present))
        if distinct > max_categories and sum(to_number(c) is None for c in present) > len(present) / 2:
            found[name] = distinct  # a text column by infer_table's rule, and too many labels for it
    return found


def is_missing(cell: str) -> bool:
    return cell.strip().lower() in MISSING


def read_as_numbers(column) -> bool:
    """Whether a column is already numbers (a float64 array a reader made in one pass; NaN marks a gap)."""
    return isinstance(column, np.ndarray) and column.dtype.kind == "f"


def missing_cells(column) -> np.ndarray:
    """Which of the column's cells are missing, one bool per row."""
    if read_as_numbers(column):
        return np.isnan(column)
    return np.fromiter((is_missing(c) for c in column), dtype=bool, count=len(column))


def take_rows(cells: dict[str, list[str]], rows) -> dict[str, list[str]]:
    """The table with only the rows `rows` (0-based indices, in order)."""
    return {name: column[np.asarray(rows, dtype=np.int64)] if read_as_numbers(column) else [column[i] for i in rows]
            for name, column in cells.items()}


def as_numbers(column: list[str]) -> np.ndarray | None:
    """The column as float64 when every cell is a number (NaN where a cell says "nan"), read in one pass in
    numpy's C code; None when any cell is text or empty (then each cell is looked at with `to_number` and
    `is_missing`). Most columns of most tables are numbers, so this is the common, fast path."""
    try:
        return np.array(column, dtype=np.float64)
    except (ValueError, TypeError, OverflowError):
        return None


def to_number(cell: str) -> float | None:
    """The cell as a number, or None when it is text."""
    try:
        return float(cell)
    except ValueError:
        return None


@dataclass(frozen=True)
class Column:
    name: str
    categories: tuple[str, ...] | None = None  # sorted labels, one-hot encoded; None: a number column

    @property
    def width(self) -> int:
        return len(self.categories) if self.categories is not None else 1

    @property
    def feature_names(self) -> list[str]:
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
            if column.categories is None:
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
                part[gaps] = _encode_column(column, [str(fill[column.name])])[0]
            at += column.width
        return out

    def to_dict(self) -> dict:
        return {"columns": [{"name": c.name, **({"categories": list(c.categories)} if c.categories is not None
                                                 else {})} for c in self.columns], "missing": self.missing}

    @classmethod
    def from_dict(cls, data: dict) -> "Table":
        try:
            columns = tuple(Column(str(c["name"]), tuple(str(v) for v in c["categories"]) if "categories" in c
                                   else None) for c in data["columns"])
            missing = data.get("missing")
        except (KeyError, TypeError, AttributeError) as e:
            raise TableError(f"the table description cannot be read ({type(e).__name__}: {e})") from None
        if missing not in (None, *MISSING_CHOICES):
            raise TableError(f"unknown missing-value policy {missing!r}")
        return cls(columns, missing)


def _encode_column(column: Column, cells: list[str]) -> np.ndarray:
    out = np.full((len(cells), column.width), np.nan, dtype=np.float64)
    if column.categories is None:
        numbers = as_numbers(cells)
        if numbers is not None:
            _check_finite(numbers, column.name)
            return numbers[:, None]
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


def _check_finite(values: np.ndarray, name: str) -> None:
    known = values[~np.isnan(values)]
    if known.size and not np.all(np.abs(known) <= FLOAT32_MAX):
        worst = known[np.argmax(np.abs(known))]
        raise TableError(f"column '{name}' holds {worst:g}, beyond what float32 can hold (±3.4e38)",
                         "rescale the column or remove those rows", name)


def infer_table(cells: dict[str, list[str]], missing: str | None = None,
                max_categories: int = MAX_CATEGORIES) -> Table:
    """Each column's kind from its cells: numbers when every present cell is one, else categories (sorted)."""
    columns = []
    for name, column in cells.items():
        if as_numbers(column) is not None:
            columns.append(Column(name))
            continue
        present = [c.strip() for c in column if not is_missing(c)]
        numbers = [to_number(c) for c in present]
        text = [c for c, v in zip(present, numbers) if v is None]
        if not text:
            columns.append(Column(name))
            continue
        if len(text) <= len(present) / 2:  # mostly numbers: the text cells are typos, not categories
            row = next(i for i, c in enumerate(column) if not is_missing(c) and to_number(c) is None)
            raise TableError(f"column '{name}' holds numbers but also text such as {text[0][:40]!r} (data row "
                             f"{row + 1:,})", "fix or delete those cells", name)
        labels = sorted(set(present))
        if len(labels) > max_categories:
            raise TableError(f"column '{name}' has {len(labels):,} distinct text values; at most {max_categories} "
                             "can be one-hot encoded", "drop it or encode it as numbers", name)
        columns.append(Column(name, tuple(labels)))
    return Table(tuple(columns), missing)


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
    """A target column's cells as numbers when every one is a number, else as text."""
    if read_as_numbers(cells):
        return np.asarray(cells, dtype=np.float64)
    numbers = [to_number(c) for c in cells]
    if all(v is not None for v in numbers):
        return np.asarray(numbers, dtype=np.float64)
    return np.asarray([c.strip() for c in cells], dtype=str)


def encode_classes(values: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Class indices 0..k-1 (in sorted order of the labels) and the labels as strings."""
    labels, y = np.unique(values, return_inverse=True)
    return y.reshape(-1).astype(np.int64), [class_name(v) for v in labels]
