"""A CSV of plain numbers is read in vectorised passes over its columns; what it reads, and every refusal, is what
the cell-by-cell reader gives. A double quote anywhere sends a file to the cell-by-cell reader, so each table here
is read twice, as written and with its first column's name quoted, and the two must agree exactly."""
from __future__ import annotations

import numpy as np
import pytest
import torch

from builder.errors import DataError
from builder.uploads import arrow_columns
from builder.uploads.arrow_columns import read_columns
from builder.uploads.csv_file import load_csv

TABLES = {
    "points": "a,b,y\n1.5,-2,0\n2.25,3e2,1\n-3.125,4,0\n1,1E-3,1\n0.5,2,0\n",
    "integers": "a,b,y\n1,2,3\n4,5,6\n7,8,9\n10,11,12\n13,14,15\n16,17,18\n",
    "three decimals, commas": "a,b,y\n1.234,2,0\n2.500,3,1\n3.750,4,0\n1.000,1,1\n",
    "three decimals, semicolons": "a;b;y\n1.234;2;0\n2.500;3;1\n3.750;4;0\n1.000;1;1\n",
    "decimal commas beside points": "a;b;y\n1,5;2.5;0\n2,25;3.5;1\n3,125;4.25;0\n1,0;1.75;1\n",
    "semicolons, points and grouped": "a;b;y\n1.5;1.234;0\n2.5;2.500;1\n3.5;3.750;0\n1.25;1.000;1\n",
    "tabs, tie": "a\tb\ty\n1.234\t2\t0\n2.500\t3\t1\n3.750\t4\t0\n",
    "text column": "a,colour,y\n1.5,red,0\n2.5,blue,1\n3.5,red,0\n4.5,blue,1\n",
    "text target": "a,b,kind\n1.5,2,cat\n2.5,3,dog\n3.5,4,cat\n4.5,5,dog\n",
    "gaps": "a,b,y\n1.5,,0\n2.5,3,1\n,4,0\n4.5,5,1\n",
    "no target in a row": "a,b,y\n1.5,2,0\n2.5,3,\n3.5,4,0\n4.5,5,1\n",
    "beyond float32": "a,b,y\n1.5,2,0\n1e39,3,1\n3.5,4,0\n",
    "nan and inf": "a,b,y\n1.5,nan,0\n2.5,inf,1\n3.5,4,0\n",
    "typo in numbers": "a,b,y\n1.5,2,0\n2.5,3,1\n3.5,x,0\n4.5,5,1\n6.5,6,1\n",
    "no header": "1.5,2,0\n2.5,3,1\n3.5,4,0\n4.5,5,1\n",
    "ragged": "a,b,y\n1.5,2,0\n2.5,3\n3.5,4,0\n",
    "blank column": "a,,y\n1.5,,0\n2.5,,1\n3.5,,0\n",
    "blank line, tabs": "a\tb\ty\n1.5\t2\t0\n\t\t\n2.5\t3\t1\n3.5\t4\t0\n",
    "blank line, spaces": "a,b,y\n1.5,2,0\n   \n2.5,3,1\n3.5,4,0\n",
    "Windows lines, BOM": "\ufeffa,b,y\r\n1.5,2,0\r\n2.5,3,1\r\n3.5,4,0\r\n",
    "sep line": "sep=;\na;b;y\n1,5;2;0\n2,5;3;1\n3,5;4;0\n",
    "leading blank lines": "\n\na,b,y\n1.5,2,0\n2.5,3,1\n3.5,4,0\n",
    "regression": "a,b,y\n1.5,2,0.25\n2.5,3,1.5\n3.5,4,2.75\n4.5,5,3.5\n",
}


def quoted(text: str) -> str:
    if text.startswith("\ufeff"):  # the quote goes after the byte-order mark
        return "\ufeff" + quoted(text[1:])
    if text.startswith("\n") or text.startswith("sep="):  # the header: the first line neither blank nor sep=
        line, rest = text.split("\n", 1)
        return line + "\n" + quoted(rest)
    first, rest = text.split("\n", 1)
    sep = next((s for s in ";\t," if s in first), ",")
    cells = first.split(sep)
    return sep.join([f'"{cells[0]}"', *cells[1:]]) + "\n" + rest


def read(text: str, **options):
    try:
        d = load_csv(text.encode(), "t.csv", **options)
    except DataError as e:
        return ("refused", str(e))
    return (d.x, d.y, d.task, d.class_names, d.feature_names, d.description, d.table)


def assert_same(fast, cells, name: str) -> None:
    """The two readings agree exactly: the same tensors (NaN where the other has NaN), the same everything else."""
    assert type(fast) is type(cells) and len(fast) == len(cells)
    for a, b in zip(fast, cells):
        if isinstance(a, torch.Tensor):
            assert torch.equal(a.isnan(), b.isnan()) and torch.equal(a.nan_to_num(), b.nan_to_num()), name
        else:
            assert a == b, name


@pytest.mark.parametrize("name", sorted(TABLES))
@pytest.mark.parametrize("options", [{}, {"missing": "drop"}, {"missing": "impute"}, {"task": "reconstruction"}])
def test_vectorised_reading_is_the_cell_by_cell_reading(name, options):
    fast, cells = read(TABLES[name], **options), read(quoted(TABLES[name]), **options)
    assert_same(fast, cells, name)


def test_plain_number_columns_are_read_in_one_pass():
    body = b"a,b,c\n1.5,1,x\n2.25,2,y\n"
    cells, settled = read_columns(body, ",", ["a", "b", "c"], True, 100)
    assert settled == {"a": ".", "b": None}  # c is text
    assert isinstance(cells["a"], np.ndarray) and cells["a"].tolist() == [1.5, 2.25] and cells["b"].tolist() == [1, 2]
    assert cells["c"] == ["x", "y"]


def test_cells_that_also_read_as_grouped_thousands_are_left_to_the_cells():
    assert read_columns(b"a,d\n1.5,1.234\n2.25,2.500\n", ",", ["a", "d"], True, 100) is None


@pytest.mark.parametrize("name", sorted(TABLES))
def test_a_table_streamed_in_tiny_blocks_is_the_cell_by_cell_reading(name, monkeypatch):
    monkeypatch.setattr(arrow_columns, "BLOCK_BYTES", 16)  # about a row a block: every column read block by block
    fast, cells = read(TABLES[name]), read(quoted(TABLES[name]))
    assert_same(fast, cells, name)


def test_a_column_of_numbers_that_turns_to_text_in_a_later_block_is_read_cell_by_cell(monkeypatch):
    body = b"a,b,y\n" + b"".join(b"%d.5,%d,%d\n" % (i, i, i % 2) for i in range(200)) + b"?,7,1\n"
    names = ["a", "b", "y"]
    whole = read_columns(body, ",", names, True, 100)
    assert whole[0]["a"][-1] == "?" and whole[1] == {"b": None, "y": None}, "one block: column a is text"
    monkeypatch.setattr(arrow_columns, "BLOCK_BYTES", 256)
    assert read_columns(body, ",", names, True, 100) is None, "numbers, then text: the cells decide"
    fast, cells = read(body.decode(), missing="drop"), read(quoted(body.decode()), missing="drop")
    assert torch.equal(fast[0], cells[0]) and torch.equal(fast[1], cells[1]) and fast[2:] == cells[2:]


def test_a_long_table_read_in_blocks_is_the_cell_by_cell_reading():
    rng = np.random.default_rng(0)  # about 3 MB: pyarrow reads it in several blocks
    rows = [f"{a:.3f},{b:.6g},{int(c)},{k % 3}" for k, (a, b, c) in enumerate(rng.normal(size=(60_000, 3)) * 1000)]
    text = "a,b,c,y\n" + "\n".join(rows) + "\n"
    fast, cells = read(text), read(quoted(text))
    assert torch.equal(fast[0], cells[0]) and torch.equal(fast[1], cells[1]) and fast[2:] == cells[2:]
