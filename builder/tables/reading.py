"""A table file's text as cells and numbers: its encoding, its separator, its header, and numbers as a
spreadsheet shows them (decimal comma or point, thousands separators, currency and percent signs). numpy and the
standard library only: the standalone script copies this module."""
from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

__all__ = ["MISSING", "NO_NUMBER", "FLOAT32_MAX", "MAX_CATEGORIES", "MISSING_CHOICES", "TableError", "UNNAMED",
           "HEADER_EVIDENCE_ROWS", "DELIMITERS", "NOT_TEXT", "SAVE_AS_CSV", "decode_text", "decode_plain_text",
           "BOMS", "code_unit", "separate", "spaced_table", "first_lines", "first_line", "sniff_delimiter",
           "DECIMAL_MARKS", "SEPARATOR_DECIMAL", "shown_number", "is_number_cell", "header_names", "numbered_columns",
           "PREAMBLE_LINES", "preamble", "table_layout", "repeated_header", "unnamed_columns", "column_names", "read_numbers",
           "blank_columns", "without_stray_columns", "UNIQUE_MIN_ROWS", "too_varied", "free_text", "TARGET_NAMES",
           "guess_columns", "pixel_grid", "distinct_values", "is_missing", "read_as_numbers", "missing_cells",
           "take_rows", "as_numbers", "to_number", "DATE_CELL", "DATE_PARTS", "DATE_ORDERS", "date_format",
           "ISO_PARTS", "iso_dates", "date_parts"]

# cells that mean "no value", in any case: what people type, what pandas and R write, and Excel's error values (a
# formula that gave no number is a gap, not a category)
MISSING = frozenset({"", "?", "na", "n/a", "nan", "-nan", "null", "none", "#n/a", "#na", "#n/a n/a", "<na>",
                     "#div/0!", "#value!", "#ref!", "#name?", "#num!", "#null!", "#spill!", "#calc!"})
NO_NUMBER = frozenset({"-", "--", "---", "\u2013", "\u2014", "."})  # a dash (or a point) where a table of numbers has
# nothing: a gap in a column of numbers only, since elsewhere it may be a value (a strand's "+" and "-")
FLOAT32_MAX = 3.4028234663852886e38
MAX_CATEGORIES = 50  # distinct text values in one feature column (each becomes a one-hot feature)
MISSING_CHOICES = ("drop", "impute")
# a cell may be as long as the file (a review, a document): the csv module's own limit (131,072 characters) refused a
# long text that tokenising would cut at text.MAX_TEXT_CHARS anyway; the file's size bounds it
csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))


class TableError(ValueError):
    """A table that cannot be turned into numbers; `column` names the column when there is one."""

    def __init__(self, message: str, hint: str = "", column: str | None = None):
        self.message, self.hint, self.column = message, hint, column
        super().__init__(message)


UNNAMED = "Unnamed: "  # how a column without a name in the header is called (as pandas calls it)
HEADER_EVIDENCE_ROWS = 500  # lines after the first that show whether it names the columns or is a sample
DELIMITERS = (";", "\t", "|", ",")  # the first wins a tie: commas are also decimal marks, semicolons never
# how files that are not text begin, and what they are
SAVE_AS_CSV = "open it in your spreadsheet program and save it as 'CSV UTF-8'"
IMAGES = "images are uploaded as a ZIP of image folders, one folder per class"
NOT_TEXT = {b"PK\x03\x04": ("an Excel workbook (.xlsx) or another ZIP archive", SAVE_AS_CSV),
            b"\xd0\xcf\x11\xe0": ("an Excel 97-2003 workbook (.xls)", SAVE_AS_CSV),
            b"%PDF": ("a PDF document", SAVE_AS_CSV),
            b"\x1f\x8b": ("gzip-compressed (.gz)", "decompress it and upload the CSV inside"),
            b"\x89PNG": ("a PNG image", IMAGES), b"\xff\xd8\xff": ("a JPEG image", IMAGES),
            # (NetBuilder's page and CLI read these two before they look for text: this says it where text is needed)
            b"PAR1": ("a Parquet file", "save its table as CSV: pandas.read_parquet(path).to_csv('data.csv', index=False)"),
            b"ARROW1": ("a Feather (Arrow) file",
                        "save its table as CSV: pandas.read_feather(path).to_csv('data.csv', index=False)")}
# text of another kind, by how it begins (after blanks): JSON, and HTML or XML (a web page saved as .csv)
OTHER_TEXT = ((re.compile(r"[\[{]\s*[\[{\"]"), "JSON", "save the table as CSV: a header row, then one row per sample"),
              (re.compile(r"<(?:!doctype|html|\?xml|table|head|body)\b", re.I), "HTML or XML",
               "save the table itself as CSV, not the page around it"))


def decode_text(raw: bytes) -> tuple[str, str]:
    """(text, encoding) of a table file: UTF-8 (a byte-order mark is dropped), UTF-16 or UTF-32 with a byte-order
    mark (Excel's "Unicode text"), UTF-32 without one, else Windows-1252, what Excel on Windows writes as "CSV".
    Line breaks become "\n", whether the file has Windows' "\r\n" or old Mac Excel's "\r". A spreadsheet, a PDF
    or any other binary file raises TableError, and so does UTF-8 text with a byte that is not UTF-8 (a damaged
    file, or one that mixes encodings): read as Windows-1252 it would turn every "é" into "Ã©"."""
    text, encoding = _decode(raw)
    start = text[:200].lstrip()
    for pattern, what, hint in OTHER_TEXT:
        if pattern.match(start):
            raise TableError(f"is {what} text, not CSV", hint)
    return _unix_lines(text), encoding


def decode_plain_text(raw: bytes) -> tuple[str, str]:
    """(text, encoding) of any text file (a book, code, a web page), read in the encodings and with the line
    breaks `decode_text` reads a table's; a binary file, or text in no encoding read here, raises TableError."""
    text, encoding = _decode(raw, "text", SAVE_AS_TEXT)
    return _unix_lines(text), encoding


def _unix_lines(text: str) -> str:
    """Line breaks as "\n", whether the file has Windows' "\r\n" or old Mac Excel's "\r"."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


SAVE_AS_TEXT = "save it as plain text (UTF-8)"
BOMS = ((b"\xff\xfe\x00\x00", "utf-32", "UTF-32"), (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
        (b"\xff\xfe", "utf-16", "UTF-16"), (b"\xfe\xff", "utf-16", "UTF-16"))  # UTF-32's first: it starts as UTF-16's


def _decode(raw: bytes, kind: str = "CSV text", save_as: str = SAVE_AS_CSV) -> tuple[str, str]:
    for magic, (what, hint) in NOT_TEXT.items():
        if raw.startswith(magic):
            raise TableError(f"is {what}, not {kind}", hint if kind == "CSV text" else save_as)
    for bom, codec, name in BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(codec), name
            except UnicodeDecodeError as e:
                raise TableError(f"starts as {name} text, but byte {e.start:,} cannot be decoded", save_as) from None
    if b"\x00" in raw[:65536]:
        text = _utf32_without_bom(raw)
        if text is not None:
            return text, "UTF-32"
        raise TableError("holds NUL bytes: it is a binary file, or UTF-16 text without a byte-order mark",
                         save_as)
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as e:
        if _mostly_utf8(raw):
            at = e.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)  # the offset counts from after the mark
            line = raw[:at].count(b"\n") + 1
            raise TableError(f"is UTF-8 text, but byte {at:,} (0x{raw[at]:02X}, on line {line:,}) is not valid "
                             "UTF-8: the file is damaged, or mixes encodings", save_as) from None
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


_TOKEN = re.compile(r'"[^"]*"|\S+')  # a cell of a table aligned with spaces: a quoted text, or no blanks
SPACED_LINES = 50  # lines that show a table aligned with spaces
_ALIGNED = re.compile(r"\S {2,}\S")  # a run of spaces between cells: columns aligned


def spaced_table(text: str) -> str | None:
    """A table whose columns are aligned with spaces (UCI's housing.data, auto-mpg.data; R's write.table) as the same
    table separated by tabs; None for any other text. Such a table has no semicolon, bar or comma outside quotes,
    the same number of cells (two or more) in each line of its first ones, a header of as many or one fewer (R
    writes no name over its row names), and a column of numbers in every line (lines of words are no table)."""
    lines = [line for line in first_lines(text.lstrip("\n"), SPACED_LINES) if line.strip()]
    if len(lines) < 2 or any(mark in re.sub(r'"[^"]*"', "", line) for line in lines for mark in ";|,"):
        return None
    rows = [_TOKEN.findall(line) for line in lines]
    width = len(rows[1])
    if width < 2 or any(len(row) != width for row in rows[1:]) or len(rows[0]) not in (width, width - 1):
        return None
    tabs = {line.count("\t") for line in lines}
    if tabs != {0} and len(tabs) == 1 and not _ALIGNED.search("\n".join(lines)):
        return None  # separated by tabs, with words of several in some cells: the tab reader reads it
    if not any(all(is_number_cell(row[i]) for row in rows[1:]) for i in range(width)):
        return None
    out = ["\t".join(_TOKEN.findall(line)) for line in text.split("\n")]
    start = next(i for i, line in enumerate(out) if line)
    if len(rows[0]) == width - 1:
        out[start] = '""\t' + out[start]
    return "\n".join(out)


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
    often outside double quotes (a comma when it holds none). A line that lacks a separator every line below it
    holds as often, or holds none, or is a comment, is a title or notes above the table (see `preamble`): then the
    first line below that is none of these decides, if half the lines after it hold its separator as often."""
    lines = first_lines(text.lstrip("\r\n"), PREAMBLE_LINES + 10)
    counts = [_delimiter_counts(line) for line in lines]
    for at in range(min(PREAMBLE_LINES, len(lines))):
        best = max(DELIMITERS, key=counts[at].__getitem__)
        if not counts[at][best] or (lines[at].lstrip().startswith("#") and at + 1 < len(lines)):
            continue
        after = [c for c, line in zip(counts[at + 1:at + 11], lines[at + 1:at + 11]) if line.strip()]
        if any(not counts[at][d] and after and all(c[d] == after[0][d] > 0 for c in after) for d in DELIMITERS):
            continue  # the table's rows below share a separator this line lacks
        if at == 0 or 2 * [c[best] for c in after].count(counts[at][best]) >= len(after):
            return best
    return ","


def _delimiter_counts(line: str) -> dict[str, int]:
    line = re.sub(r'"[^"]*"', "", line)
    return {d: line.count(d) for d in DELIMITERS}


# A number as a spreadsheet may show it: a sign (or an accountant's parentheses), a currency symbol before or after,
# digits, an exponent, a percent sign. Its digits are written one of two ways, named by the decimal mark: "."
# (1,234.5: commas group thousands) or "," (1.234,5: points group thousands); spaces (French, "1 234,5") and
# apostrophes (Swiss, "1'234.5") group thousands either way. A grouped number starts with 1-9, so "0.123" is never
# a hundred and twenty-three.
DECIMAL_MARKS = {".": "a decimal point", ",": "a decimal comma"}
SEPARATOR_DECIMAL = {",": ".", ";": ","}  # the decimal mark where a table is separated so (Excel writes ";" where
# the comma is the decimal mark); tabs and bars say nothing about it
CURRENCY = "$€£¥₹"
GROUPING = " \u00a0\u202f\u2009'\u2019"  # a space, no-break spaces, a thin space, apostrophes: thousands either way
MINUS = "\u2212\u2013"  # the minus sign as typeset ("−12"), and an en dash standing for it
_SHOWN = re.compile(rf"(?P<sign>[+-]?)(?:[{CURRENCY}]\s*)?(?P<sign2>[+-]?)"
                    rf"(?P<digits>[\d.,](?:[\d.,{GROUPING}]*[\d.,])?)(?P<exponent>[eE][+-]?\d+)?\s*(?:%|[{CURRENCY}])?")
_DIGITS = {".": re.compile(r"(?:[1-9]\d{0,2}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+"),
           ",": re.compile(r"(?:[1-9]\d{0,2}(?:\.\d{3})+|\d+)(?:,\d*)?|,\d+")}
_GROUPED = re.compile(f"[{GROUPING}]")
_GROUPED_AS = {mark: str.maketrans(dict.fromkeys(GROUPING, "," if mark == "." else ".")) for mark in DECIMAL_MARKS}
_NUMBER_MARKS = ",.%()" + CURRENCY + GROUPING[1:] + MINUS  # a cell without any of them is read by float() as it is
_SPACED_DIGITS = re.compile(r"\d \d")  # thousands grouped with plain spaces ("1 234"): looked for apart, as text
# columns hold spaces everywhere


def shown_number(cell: str, decimal: str) -> str | None:
    """The cell as `to_number` reads it when it is a number written with `decimal` ("." or ",") as its decimal
    mark ("$1,234.50" -> "1234.50" with ".", "1.234,5" -> "1234.5" with ",", "(12)" -> "-12", "1 234,5 €" ->
    "1234.5" with ","); None when it is not one."""
    shown = cell.strip()
    negative = shown[:1] == "(" and shown[-1:] == ")" and len(shown) > 2  # an accountant's negative: (1,234.50)
    if negative:
        shown = shown[1:-1].strip()
    if shown[:1] in MINUS and shown:
        shown = "-" + shown[1:]
    m = _SHOWN.fullmatch(shown)
    digits = m["digits"] if m is not None else ""
    if _GROUPED.search(digits):
        digits = digits.translate(_GROUPED_AS[decimal])
    if m is None or (m["sign"] and m["sign2"]) or (negative and (m["sign"] or m["sign2"])) or \
            not _DIGITS[decimal].fullmatch(digits):
        if negative or any(mark in cell for mark in _NUMBER_MARKS) or to_number(cell) is None:
            return None
        return cell
    digits = digits.replace(",", "") if decimal == "." else digits.replace(".", "").replace(",", ".")
    return ("-" if negative else m["sign"] or m["sign2"]) + digits + (m["exponent"] or "")


def is_number_cell(cell: str) -> bool:
    """Whether the cell is a number written either way (or as float() reads it)."""
    return to_number(cell) is not None or any(shown_number(cell, mark) is not None for mark in DECIMAL_MARKS)


def header_names(rows: list[list[str]], delimiter: str) -> list[str] | None:
    """The column names a table's first line gives, or None when that line is a sample, not names (a file saved
    without a header row): when every cell of it is a number, empty, or a value its column holds again in the
    lines below (`rows[1:]`, a few hundred are plenty), as in UCI's adult.data. Such a table's columns are
    called "column 1", …; so is a line whose text cells are sentences as long as their columns' (a message over
    messages: a column's name is not one), even in a table of one column (a file of messages to predict)."""
    first = rows[0]
    below = [row for row in rows[1:] if not _same_row(row, first)]  # the header again (files joined) is no sample

    def sentence(i: int, cell: str) -> bool:
        column = [row[i] for row in below if i < len(row) and not is_missing(row[i])]
        if len(cell.split()) < FREE_TEXT_WORDS or not free_text(column):
            return False
        words = sorted(len(c.split()) for c in column)
        return len(cell.split()) >= words[len(words) // 10]  # not shorter than nine in ten of them: no heading

    def sample_like(i: int, cell: str) -> bool:
        return (not cell.strip() or is_number_cell(cell) or sentence(i, cell)
                or any(i < len(row) and row[i].strip() == cell.strip() for row in below))

    if numbered_columns(first):
        return first  # 0, 1, 2, …: the names pandas gives the columns of an array, saved so
    if len(first) > 1 and all(sample_like(i, cell) for i, cell in enumerate(first)):
        return None
    if len(first) == 1 and sentence(0, first[0]):
        return None
    return first


def _same_row(row: list[str], other: list[str]) -> bool:
    return len(row) == len(other) and all(a.strip() == b.strip() for a, b in zip(row, other))


def numbered_columns(cells: list[str]) -> bool:
    """Whether a line is 0, 1, 2, … (or 1, 2, 3, …), three or more, after an empty first cell or not: the header
    pandas writes for an array's columns (with its row numbers' empty name first when it writes them too)."""
    cells = [c.strip() for c in (cells[1:] if cells and not cells[0].strip() else cells)]
    return len(cells) >= 3 and all(c.isdigit() for c in cells) and \
        [int(c) for c in cells] == list(range(int(cells[0]), int(cells[0]) + len(cells))) and cells[0] in ("0", "1")


PREAMBLE_LINES = 20  # lines above a table's header that may be a title, blank rows or comments, at most


def preamble(lines: list[str], delimiter: str, in_all: Callable[[], int] | None = None) -> int:
    """How many of a table's first lines stand above the table rather than in it: a title ("Sales report 2023", or
    as a spreadsheet saves it, "Sales report 2023;;;"), rows of empty cells, comments ("# units: cm"), a line of
    counts above the rows (scikit-learn's own wine_data.csv: "178,13,class_0,class_1,class_2" above rows of 14).
    Such a line has no filled cell but its first, which is text; or starts with "#" and has fewer cells than the
    table's rows; or has at least two cells fewer than every row below it (one fewer is R's header above rows
    that start with their row's name: a header); or, as scikit-learn writes its files, starts with the number of
    rows below it and the number of columns but one (iris.csv: "150,4,setosa,versicolor,virginica" above 150 rows
    of 5, as wide as they are); and the table's rows, below it, have two cells or more. `in_all` counts the
    lines of the whole text (`lines` is its first few), asked only of a line that starts with two whole
    numbers; without it, no line is taken for one of counts so."""
    rows = []
    for line in lines:
        if '"' in line:  # a quoted cell may span lines: the table has begun
            break
        try:
            rows.append(next(csv.reader([line], delimiter=delimiter), []))
        except csv.Error:  # a cell longer than the csv module reads: the table's own reader says so
            break
    skipped = 0
    while skipped < min(PREAMBLE_LINES, len(rows) - 1):
        row = rows[skipped]
        widths = [len(r) for r in rows[skipped + 1:] if len(r) > 1]
        width = max(set(widths), key=widths.count) if widths else 1
        filled = [i for i, cell in enumerate(row) if cell.strip()]
        title = filled in ([], [0]) and (not filled or not is_number_cell(row[0]))
        comment = row[:1] != [] and row[0].lstrip().startswith("#") and len(row) < width
        short = len(row) < width - 1 and len(widths) > 1 and all(w == width for w in widths)
        counts = in_all is not None and _counts(row, lambda: in_all() - skipped - 1, columns=width)
        if width < 2 or not (title or comment or short or counts):
            break
        skipped += 1
    return skipped


def _counts(row: list[str], rows_below: Callable[[], int], columns: int) -> bool:
    """Whether a line is scikit-learn's line of counts: the number of rows below it, the number of feature
    columns (all but the target), then the classes' names (text: a line of numbers alone is a sample)."""
    cells = [cell.strip() for cell in row]
    return len(cells) >= 2 and cells[0].isdigit() and cells[1].isdigit() and int(cells[1]) == columns - 1 \
        and not all(is_number_cell(cell) for cell in cells) and int(cells[0]) > 1 and int(cells[0]) == rows_below()


def _lines_in(text: str, start: int) -> int:
    """How many lines `text` has from `start` on, not counting the empty lines at its end."""
    end = len(text)
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    return text.count("\n", start, end) + (end > start)


def table_layout(text: str) -> tuple[str, str, list[str], bool]:
    """Where a file's text holds its table: (the text from the table's first row on, its separator, the lines left
    out above that row (a title, blank rows, comments), whether its columns were aligned with spaces (the text is
    then separated by tabs)). Uploads and the standalone script find a table so. `separate` may raise TableError."""
    spaced = spaced_table(text)
    text, delimiter = (spaced, "\t") if spaced is not None else separate(text)
    start = len(text) - len(text.lstrip("\n"))
    lines = first_lines(text[start:], PREAMBLE_LINES + HEADER_EVIDENCE_ROWS)
    skipped = preamble(lines, delimiter, lambda: _lines_in(text, start))
    if not skipped:
        return text, delimiter, [], spaced is not None
    for _ in lines[:skipped]:
        start = text.index("\n", start) + 1
    return text[start:], delimiter, lines[:skipped], spaced is not None


def repeated_header(cells: dict, header: list[str]) -> list[int]:
    """The rows (0-based) that repeat the header row: a file made by joining files, each with its header."""
    names = dict(zip(cells, header))
    if len(names) < 2:
        return []
    matches = None
    for name, column in cells.items():
        cell = names[name].strip()
        if read_as_numbers(column):
            value = to_number(cell)
            found = [] if value is None else np.flatnonzero(column == value).tolist()
        else:
            found = [i for i in (range(len(column)) if matches is None else matches) if column[i].strip() == cell]
        matches = found if matches is None else sorted(set(matches) & set(found))
        if not matches:
            return []
    return matches


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
    cells = {name: column if name in settled else _dashes_as_gaps(column) for name, column in cells.items()}
    readings = {name: _readings(column, delimiter) for name, column in cells.items() if name not in settled}
    decided = {r.mark for r in readings.values() if r.kind == "decided" and r.mark} | \
        {mark for mark in settled.values() if mark}
    file_mark = decided.pop() if len(decided) == 1 else SEPARATOR_DECIMAL.get(delimiter)
    return {name: column if name in settled else _settle(name, column, readings[name], file_mark)
            for name, column in cells.items()}


_DASH_CELL = re.compile(r"(?m)^[ \t]*(?:-{1,3}|\u2013|\u2014|\.)[ \t]*$")


def _dashes_as_gaps(column: list[str]) -> list[str]:
    """The column with its dash cells ("-", "--", "–", ".") empty when every other cell is a number or a gap: there a
    dash says "nothing". Any other column is returned as it is."""
    if not _DASH_CELL.search("\n".join(column)):
        return column
    blanked = ["" if cell.strip() in NO_NUMBER else cell for cell in column]
    return blanked if all(is_missing(cell) or is_number_cell(cell) for cell in blanked) else column


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
    if not any(mark in joined for mark in _NUMBER_MARKS) and not _SPACED_DIGITS.search(joined):
        return _Readings("as is")  # most columns: plain numbers or text, one look
    present = [i for i, cell in enumerate(column) if not is_missing(cell)]
    if "-" in joined and iso_dates([column[i].strip() for i in present]) is not None:
        return _Readings("as is")  # ISO dates, which no reading makes numbers: one look at numpy's speed
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


UNIQUE_MIN_ROWS = 20  # a text column with a value of its own in each of this many rows or more is an id or a name


def too_varied(cells: dict[str, list[str]], max_categories: int = MAX_CATEGORIES,
               dates: dict | None = None) -> dict[str, int]:
    """The text columns with more distinct values than can be one-hot encoded (names, ids, tickets, free text), or
    with a value of its own in every row (of UNIQUE_MIN_ROWS or more: a name, an id, a timestamp), each with its
    number of distinct values. They carry no pattern a network could learn from as categories: a value seen in one
    row only says nothing about another. `dates`, when given, is filled with what `date_format` said of each column
    of dates, as {name: (the column, its format)}: `infer_table` then need not read that column again."""
    found = {}
    for name, column in cells.items():
        if read_as_numbers(column) or as_numbers(column) is not None:
            continue  # numbers are numbers
        written = date_format(column)
        if written is not None:
            if dates is not None:
                dates[name] = (column, written)
            continue  # so are dates and times (see date_format)
        cells_seen = len(set(column))
        if cells_seen <= max_categories and not UNIQUE_MIN_ROWS <= len(column) <= 2 * cells_seen:
            continue  # few distinct cells (counting the missing ones), each in several rows, one-hot encode
        present = [c.strip() for c in column if not is_missing(c)]
        distinct = len(set(present))
        unique = distinct == len(present) >= UNIQUE_MIN_ROWS
        if (distinct > max_categories or unique) and sum(to_number(c) is None for c in present) > len(present) / 2:
            found[name] = distinct  # a text column by infer_table's rule, and too many labels for it
    return found


FREE_TEXT_WORDS = 3  # words in a typical cell of free text (messages, reviews), more than a category's name has


def free_text(column) -> bool:
    """Whether a column holds free text (messages, reviews, descriptions) rather than categories, names or
    numbers: its typical cell is a few words at least, and half its cells or more are said once only."""
    if read_as_numbers(column):
        return False
    present = [c.strip() for c in column if not is_missing(c)]
    if len(present) < 2:
        return False
    words = sorted(len(c.split()) for c in present)
    return words[len(words) // 2] >= FREE_TEXT_WORDS and len(set(present)) * 2 >= len(present)


TARGET_NAMES = ("label", "labels", "target", "class", "species", "y", "outcome", "diagnosis", "category")
# then what the column to predict is called in the tables people train on first (a `label` column beside them wins):
# Titanic's Survived (not its last column, Embarked), diamonds' price (in the middle), California housing's
# median_house_value, Kaggle's SalePrice, churn
KNOWN_TARGETS = ("survived", "price", "saleprice", "median_house_value", "churn", "exited")


def guess_columns(cells: dict[str, list[str]], max_classes: int = MAX_CATEGORIES) \
        -> tuple[str | None, str | None]:
    """(target, text column): what a person most likely wants to predict, and the free-text column to learn from.

    The target is the column whose name says so most clearly (`label`, then `target`, `class`, `species`, `y`, ...
    whatever the case; of two so named, the first), else one a well-known table predicts (`survived`, `price`,
    ...), else the last column, unless that is free text (a message, a review) and another column holds few
    distinct values (spam/ham: SMS spam's file has its label first, then the message); the last column, that is,
    of those with a value in half the rows or more (Kaggle's spam.csv ends in three columns almost always empty,
    where a few messages with commas spilled over). The text column is the free-text column when nothing else is
    left to learn from, else None (a table of features). The cells may be a sample of each column (the first few
    hundred rows are plenty)."""
    everything = list(cells)
    columns = [c for c in everything if _present(cells[c]) * 2 >= len(cells[c])] or everything
    names = {c: c.strip().lower() for c in everything}
    coordinates = {"x", "z"} <= set(names.values())  # x, y, z: a size or a position (diamonds' mm), not a target
    named = sorted((c for c in everything if names[c] in TARGET_NAMES and not (coordinates and names[c] == "y")),
                   key=lambda c: TARGET_NAMES.index(names[c])) or \
        [c for c in everything if names[c] in KNOWN_TARGETS]  # "label" beside "y" (x, y, label: a point's class)
    target = named[0] if named else (columns[-1] if columns else None)
    texts = [c for c in columns if free_text(cells[c])]
    first, last = (distinct_values(cells[c]) for c in (columns[0], columns[-1])) if columns else (0, 0)
    if not named and len(columns) > 1 and pixel_grid(columns[1:]) and \
            (not pixel_grid(columns[:-1]) or last < 2 <= first):
        target = columns[0]  # a label, then the pixels of an image (MNIST as CSV; without a header, its corner pixel
        #                      is blank where a label varies)
    if target in texts and not named:
        labels = [c for c in columns if c not in texts and 0 < distinct_values(cells[c]) <= max_classes]
        target = labels[-1] if labels else target
    rest = [c for c in columns if c != target and distinct_values(cells[c])]
    text = next((c for c in rest if c in texts), None)
    return target, text if text is not None and all(c in texts for c in rest) else None


PIXEL_NAME = re.compile(r"(?P<prefix>\D*?)(?P<first>\d+)(?:[_x×,.-](?P<second>\d+))?")
MIN_IMAGE_SIDE = 8  # sklearn's digits: 8×8
PIXEL_PREFIXES = ("pixel", "pixels", "px", "p", "column", "")  # numbered columns that are pixels (column: no header)


def pixel_grid(names: list[str]) -> int | None:
    """The side k of the square grey image whose pixels a table's features are, in rows, when their names say so:
    one prefix and consecutive numbers (Kaggle's MNIST-style CSVs: pixel0 … pixel783 or pixel1 … pixel784; a
    file without a header: column 2 … column 785), or row and column numbers in reading order (scikit-learn's
    pixel_0_0 … pixel_7_7, or 1x1 … 28x28); else None."""
    k = int(len(names) ** 0.5 + 0.5)
    matches = [PIXEL_NAME.fullmatch(n.strip()) for n in names]
    if k < MIN_IMAGE_SIDE or k * k != len(names) or not all(matches) or len({m["prefix"] for m in matches}) != 1:
        return None
    if all(m["second"] is None for m in matches):
        if matches[0]["prefix"].strip(" _").lower() not in PIXEL_PREFIXES:  # band1 … band64 are no image
            return None
        numbers = [int(m["first"]) for m in matches]
        return k if numbers == list(range(numbers[0], numbers[0] + k * k)) else None
    if any(m["second"] is None for m in matches):
        return None
    pairs = [(int(m["first"]), int(m["second"])) for m in matches]
    r0, c0 = pairs[0]
    return k if pairs == [(r0 + i // k, c0 + i % k) for i in range(k * k)] else None


def _present(column) -> int:
    """How many of a column's cells hold a value."""
    return int((~np.isnan(column)).sum()) if read_as_numbers(column) else sum(not is_missing(c) for c in column)


def distinct_values(column) -> int:
    """How many distinct values a column holds, gaps not counted."""
    if read_as_numbers(column):
        return len(np.unique(column[~np.isnan(column)]))
    return len({c.strip() for c in column if not is_missing(c)})


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


# ---- dates and times: numbers a network can read ---------------------------------------------------------------

# a date (2021-03-04, 04/03/2021, 4.3.21, 2021-03) with a time of day or not (2021-03-04 13:05:59), or a time alone
# (a time zone after a time, 2021-03-04T13:05:59Z or +01:00, is read as written: the local time of day)
DATE_CELL = re.compile(r"(\d{1,4})([-/.])(\d{1,2})(?:\2(\d{1,4}))?"
                       r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?: ?(?:Z|UTC|[+-]\d{2}:?\d{2}))?)?"
                       r"|(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?")
# what each is made into: the day count (since 1970-01-01, its time of day a fraction), the month (1-12), the weekday
# (0 Monday to 6 Sunday) and the hour (minutes a fraction); a table names them "when (month)"
DATE_PARTS = {"days": "the days since 1970-01-01", "month": "the month (1 to 12)",
              "weekday": "the weekday (0 Monday to 6 Sunday)", "hour": "the hour of the day (its minutes a fraction)"}
DATE_ORDERS = {"ymd": "year first", "dmy": "day first", "mdy": "month first", "ym": "a year and a month",
               "named": "the month by its name", "time": "a time of day"}
# a date with its month named in English (05-Jan-2021, 5 January 2021, Jan 5, 2021, Sept. 2021, Jan-21)
NAMED_DATE = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?[ \-./]?)?([A-Za-z]{3,9})\.?[ \-./,]*"
                        r"(?:(\d{1,2})(?:st|nd|rd|th)?,?[ \-./]+)?(\d{4}|\d{2})")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")


def date_format(column: list[str]) -> tuple[str, tuple[str, ...]] | None:
    """How a column's dates or times are written (a key of DATE_ORDERS) and the parts they become (DATE_PARTS), or
    None unless every present cell is a real date, or every one a time, written one way. 01/02/2021 is read day
    first when some day goes past 12 in the first place, month first when it does in the second, else month first
    with slashes (the American way) and day first with dashes or points."""
    present = {c.strip() for c in column if not is_missing(c)}  # each value once: a day recurs in many rows
    if not present:
        return None
    iso = iso_dates(list(present))
    if iso is not None:  # the common case, read at numpy's speed
        return "ymd", ("days", "month", "weekday") + (("hour",) if bool((iso[:, 3] != 0).any()) else ())
    if not DATE_CELL.fullmatch(next(iter(present))):
        return _named_format(present)
    found = [DATE_CELL.fullmatch(c) for c in present]
    if not all(found):
        return None
    if all(m.group(8) is not None for m in found):
        order = "time"
    elif any(m.group(8) is not None for m in found) or len({m.group(2) for m in found}) > 1:
        return None  # dates and times mixed, or separators: not one way of writing
    elif all(len(m.group(1)) == 4 for m in found):
        order = "ymd" if all(m.group(4) for m in found) else "ym" if not any(m.group(4) for m in found) else None
    elif all(m.group(4) and len(m.group(4)) in (2, 4) and len(m.group(1)) <= 2 for m in found):
        first, second = max(int(m.group(1)) for m in found), max(int(m.group(3)) for m in found)
        order = "dmy" if first > 12 else "mdy" if second > 12 else "mdy" if found[0].group(2) == "/" else "dmy"
    else:
        return None
    if order is None or any(_date_numbers(m, order) is None for m in found):
        return None
    if order == "time":
        return order, ("hour",)
    parts = ("days", "month") if order == "ym" else ("days", "month", "weekday")
    timed = any(m.group(5) and int(m.group(5)) + int(m.group(6)) + int(m.group(7) or 0) for m in found)  # not 0:00
    return order, parts + (("hour",) if timed else ())


ISO_PARTS = ("days", "month", "weekday", "hour")  # the columns of iso_dates' array


def iso_dates(cells: list[str]) -> np.ndarray | None:
    """ISO dates, all written alike as 2021-03-04, 2021-03-04 13:05 or 2021-03-04 13:05:59 (or with a T), as
    float64 [n, 4] of ISO_PARTS, read by numpy's own parser (a million in about a second, against twenty cell by
    cell); None unless every cell is one, and a real date and time."""
    widths = {len(cell) for cell in cells}  # one width, looked at before any array is made (a text may be long)
    if len(widths) != 1 or not widths <= {10, 16, 19}:
        return None
    width, text = widths.pop(), np.asarray(cells, dtype=str)
    chars = text.view("<U1").reshape(len(text), width)
    marks = {4: "-", 7: "-", 13: ":", 16: ":"}
    digits = [i for i in range(width) if i not in marks and i != 10]
    if not (np.isin(chars[:, digits], list("0123456789")).all() and
            all((chars[:, i] == mark).all() for i, mark in marks.items() if i < width) and
            (width == 10 or np.isin(chars[:, 10], [" ", "T"]).all())):
        return None
    try:
        when = text.astype("datetime64[s]")
    except ValueError:  # a 30th of February, a 25th hour
        return None
    day = when.astype("datetime64[D]")
    days, seconds = day.astype(np.int64), (when - day).astype(np.int64)
    month = when.astype("datetime64[M]").astype(np.int64) % 12 + 1
    return np.stack([days + seconds / 86400, month, (days + 3) % 7, seconds / 3600], axis=1).astype(np.float64)


def _named_format(present: set[str]) -> tuple[str, tuple[str, ...]] | None:
    """A column of dates with their months named (see NAMED_DATE), every one a real date; None otherwise."""
    if not NAMED_DATE.fullmatch(next(iter(present))):
        return None
    found = [NAMED_DATE.fullmatch(c) for c in present]
    if not all(found) or any(_named_numbers(m) is None for m in found):
        return None
    return "named", ("days", "month", "weekday") if any(m.group(1) or m.group(3) for m in found) else ("days", "month")


def date_parts(cell: str, order: str, parts: tuple[str, ...]) -> list[float] | None:
    """A date's or time's parts as numbers (see DATE_PARTS), written as date_format said, or as an ISO date
    (2024-06-01, as a data frame's dates print), which no order can misread; None if it is neither."""
    cell = cell.strip()
    iso = DATE_CELL.fullmatch(cell)
    if iso and order not in ("time", "ym") and iso.group(1) and len(iso.group(1)) == 4 and iso.group(4):
        values = _date_numbers(iso, "ymd")
    elif order == "named":
        found = NAMED_DATE.fullmatch(cell)
        values = _named_numbers(found) if found else None
    else:
        values = _date_numbers(iso, order) if iso else None
    return None if values is None else [values[part] for part in parts]


def _named_numbers(found) -> dict[str, float] | None:
    """Every part of a date whose month is named; None when it is no real one, or its name no month's."""
    name = found.group(2).lower()
    month = next((k + 1 for k, full in enumerate(MONTHS) if full.startswith(name)), None)  # Jan, Sept, March
    if month is None or (found.group(1) and found.group(3)):
        return None  # not a month's name, or a day on both sides of it
    year = int(found.group(4)) + (0 if len(found.group(4)) == 4 else 2000 if int(found.group(4)) < 70 else 1900)
    return _calendar_parts(year, month, int(found.group(1) or found.group(3) or 1))


def _date_numbers(found, order: str) -> dict[str, float] | None:
    """Every part of a matched date or time; None when it is no real one (a 31st of February, a 25th hour)."""
    if order == "time":
        if found.group(8) is None:
            return None
        hour, minute, second = int(found.group(8)), int(found.group(9)), int(found.group(10) or 0)
        return {"hour": hour + minute / 60 + second / 3600} if hour < 24 and minute < 60 and second < 60 else None
    if found.group(1) is None:
        return None
    a, b, c = int(found.group(1)), int(found.group(3)), found.group(4)
    if order == "ym":
        if c is not None:
            return None
        year, month, day = a, b, 1
    else:
        if c is None:
            return None
        year, month, day = (a, b, int(c)) if order == "ymd" else (int(c), b, a) if order == "dmy" else (int(c), a, b)
        if len(c) == 2 and order != "ymd":
            year += 2000 if year < 70 else 1900  # 21 is 2021, 85 is 1985
    if found.group(5):
        return _calendar_parts(year, month, day, int(found.group(5)), int(found.group(6)), int(found.group(7) or 0))
    return _calendar_parts(year, month, day)


def _calendar_parts(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) \
        -> dict[str, float] | None:
    """Every part (DATE_PARTS) of a day and time of the Gregorian calendar; None when it is no real one."""
    if not (1 <= month <= 12 and 1 <= day <= _month_days(year, month)) or hour > 23 or minute > 59 or second > 59:
        return None
    days = _civil_days(year, month, day)
    return {"days": days + (hour * 3600 + minute * 60 + second) / 86400, "month": float(month),
            "weekday": float((days + 3) % 7), "hour": hour + minute / 60 + second / 3600}


def _month_days(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def _civil_days(year: int, month: int, day: int) -> int:
    """Days from 1970-01-01 to a date of the Gregorian calendar (Howard Hinnant's days_from_civil)."""
    year -= month <= 2
    era = year // 400
    of_era = year - era * 400
    of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    return era * 146097 + of_era * 365 + of_era // 4 - of_era // 100 + of_year - 719468
