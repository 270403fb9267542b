"""Errors written for the person who made the mistake: which layer or file, what was received, what would work."""
from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

_REORDER = "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates: they reorder the text after them
# runs of characters beyond printable ASCII: only there can a character hide that a terminal does not draw as
# itself (see `printable`)
_BEYOND_ASCII = re.compile(r"[^\x20-\x7e]+")
# on a page or a chart: C0 and C1 control characters, DEL and the bidi controls that reorder text; not line breaks
# and tabs (each view lays them out its own way), nor the zero-width joiners and direction marks, which scripts and
# emoji need and which hide nothing on a page
_ON_PAGE = re.compile(f"[\x00-\x08\x0e-\x1f\x7f-\x9f{_REORDER}]")


# What a spreadsheet reads as the start of a formula (OWASP, CSV injection), and what is a number, not a formula
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?(inf|nan)", re.I)


def finite_number(value: Any) -> bool:
    """Whether `value` is a finite real number: an int or a float, not a bool, not NaN or infinite, and (an int
    read from JSON can have any number of digits) within a float's range, where `math.isfinite` would overflow."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def printable(text: Any) -> str:
    """Text safe to print on one terminal line: every character that is not drawn as itself is shown as an escape,
    so a name can neither forge a second `error:` line, nor drive the terminal, nor hide or reorder what it shows.
    That is every character Python's `str.isprintable` refuses (as `repr` escapes them), but for spaces: the
    Unicode categories Cc (controls: newlines, escape sequences), Cf (format characters: bidi marks and overrides,
    the Arabic letter mark, zero-width characters and joiners, the byte-order mark, tag characters), Zl and Zp (line
    and paragraph separators), Cs (lone surrogates, which no terminal encoding holds), Co (private use) and Cn
    (unassigned). Letters, accents, CJK and emoji print as written; an emoji sequence joined by U+200D (a Cf
    character) shows its joiners as escapes between its emoji."""
    return _BEYOND_ASCII.sub(_escape_unprintable, str(text))


def _escape_unprintable(match: re.Match) -> str:
    run = match.group()
    if run.isprintable():  # the usual case, decided in C: accents, CJK, emoji
        return run
    return "".join(c if c.isprintable() or unicodedata.category(c) == "Zs" else _escaped(c) for c in run)


def page_text(text: Any) -> str:
    """Text as a page or a chart shows it: control characters that a page cannot draw (an escape sequence, a NUL)
    or that reorder what follows them (a bidi override making "gnp.exe" read "exe.png") shown as escapes, as
    `printable` shows them; the rest as written."""
    return _ON_PAGE.sub(_escape, str(text))


def _escape(match: re.Match) -> str:
    return _escaped(match.group())


def _escaped(text: str) -> str:
    return text.encode("unicode_escape").decode("ascii")


def table_cell(text: Any) -> str:
    """Text (a class name) for a cell of a printed table that may be opened in a spreadsheet: a lead that would
    run as a formula (=, +, -, @, tab, CR) gets a single quote before it, as OWASP's CSV-injection guidance says
    (a number is not a formula: '-1' stays), then control characters are escaped as `printable` does."""
    text = str(text)
    if text.startswith(FORMULA_LEADS) and not _NUMBER.fullmatch(text):
        text = "'" + text
    return printable(text)


def count_text(n: int) -> str:
    """A count as a person reads it (1,234,567), or its order of magnitude when it is astronomically large: a
    product of sizes written with thousands of digits, which Python would refuse to write out in full."""
    return f"{n:,}" if n < 10 ** 30 else f"about 10^{int(n.bit_length() * math.log10(2))}"


def cut(text: str, limit: int) -> str:
    """`text` whole when it has at most `limit` characters, else its start and its end around an ellipsis, `limit`
    characters in all (a name a megabyte long, shown on a page or a chart)."""
    if len(text) <= limit:
        return text
    head = (limit - 1) * 2 // 3
    return f"{text[:head]}…{text[len(text) - (limit - 1 - head):]}"


def short(value: Any, limit: int = 80) -> str:
    """A value as the person wrote it (repr: control characters escaped), cut short: a 400-digit number or a
    megabyte of text need not fill the page."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit - 1]}… ({len(text):,} characters)"


class SpecError(ValueError):
    """One problem with a spec, tied to a layer when there is one."""

    def __init__(self, layer_id: str | None, message: str, hint: str = "", layer_type: str | None = None,
                 source: str | None = None):
        self.layer_id = layer_id
        self.source = source  # the file, when the problem is the file itself
        self.layer_type = layer_type
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    @property
    def where(self) -> str:
        if self.layer_id is None:
            return self.source or "spec"
        kind = f" ({self.layer_type})" if self.layer_type else ""
        return f"layer '{self.layer_id}'{kind}"

    def __str__(self) -> str:
        hint = f" — {self.hint}" if self.hint else ""
        return printable(f"{self.where}: {self.message}{hint}")

    def to_dict(self) -> dict:
        return {"layer_id": self.layer_id, "layer_type": self.layer_type, "message": self.message, "hint": self.hint}


class SpecErrors(ValueError):
    """Every problem found in one pass over a spec."""

    def __init__(self, errors: list[SpecError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))

    def for_layer(self, layer_id: str) -> list[SpecError]:
        return [e for e in self.errors if e.layer_id == layer_id]


class DataError(ValueError):
    """A dataset or uploaded file that cannot be used, with the reason and the fix."""

    def __init__(self, source: str, message: str, hint: str = ""):
        self.source = source
        self.message = message
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        hint = f" — {self.hint}" if self.hint else ""
        return printable(f"{self.source}: {self.message}{hint}")


class BundleError(ValueError):
    """A model file or bundle that cannot be loaded safely."""
