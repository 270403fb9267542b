"""An Excel workbook (.xlsx) as the CSV text of its first sheet: everything after that (the header, the target,
gaps, text columns, refusals) is read exactly as a CSV upload is. The archive's members are checked before
anything is unpacked, and openpyxl parses its XML with defusedxml (entity expansion refused)."""
from __future__ import annotations

import csv
import datetime as dt
import io

from ..errors import DataError
from .archives import open_zip
from .common import Limits

XLSX_MAGIC = b"PK\x03\x04"  # a ZIP archive; a workbook's holds xl/workbook.xml


def is_workbook(raw: bytes, name: str) -> bool:
    """Whether the bytes are an .xlsx workbook (by its name, or a ZIP archive holding a workbook)."""
    return raw.startswith(XLSX_MAGIC) and (name.lower().endswith((".xlsx", ".xlsm")) or b"xl/workbook.xml" in raw)


def workbook_text(raw: bytes, name: str, limits: Limits) -> tuple[bytes, str]:
    """The workbook's first sheet as UTF-8 CSV text, and a note saying which sheet was read. Formulas give the
    values Excel saved with them; dates are written as ISO dates; rows and columns empty at the sheet's end (its
    formatting, not its data) are left out."""
    open_zip(raw, name, limits, limits.max_unpacked).close()  # names, kinds and declared sizes, before any unpacking
    try:
        title, count, rows = _first_sheet(raw, name, limits)
    except DataError:
        raise
    except Exception as e:  # openpyxl parses untrusted XML and raises many kinds (KeyError, ValueError, XML errors)
        while (e.__cause__ or e.__context__) is not None:  # what went wrong first (openpyxl wraps it in a ValueError)
            e = e.__cause__ or e.__context__
        raise DataError(name, f"is not a readable Excel workbook ({type(e).__name__}: {str(e)[:200]})",
                        "open it in your spreadsheet program and save it again, or save the sheet as 'CSV UTF-8'") \
            from None
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((max((i + 1 for i, c in enumerate(r) if c), default=0) for r in rows), default=0)
    if not width:
        raise DataError(name, f"its first sheet ({title!r}) is empty", "put the table on the first sheet")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(r[:width] + [""] * (width - len(r)) for r in rows)
    others = f" of {count}; the others are not read" if count > 1 else ""
    return out.getvalue().encode(), f"Read from the workbook's first sheet, {title!r}{others}"


def _first_sheet(raw: bytes, name: str, limits: Limits) -> tuple[str, int, list[list[str]]]:
    """The first sheet's title, how many sheets the workbook has, and the first sheet's cells as text, row by row."""
    import openpyxl  # only a workbook pays for it
    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    try:
        if not book.worksheets:
            raise DataError(name, "holds no worksheet", "put the table on the first sheet")
        sheet, rows, values = book.worksheets[0], [], 0
        for row in sheet.iter_rows(values_only=True):
            values += len(row)
            if values > limits.max_values:
                raise DataError(name, f"its first sheet holds more than {limits.max_values:,} cells",
                                "keep fewer rows or columns")
            rows.append([_cell_text(v) for v in row])
        return sheet.title, len(book.worksheets), rows
    finally:
        book.close()


def _cell_text(value) -> str:
    """A cell's value as CSV text: numbers as Python writes them (no locale), dates as ISO dates, nothing as ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ") if (value.hour, value.minute, value.second) != (0, 0, 0) else \
            value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)
