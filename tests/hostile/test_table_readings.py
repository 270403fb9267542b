"""A table reads as its author meant, or is refused saying why; never silently otherwise.

Numbers: each column is read one way, decided from all its cells (a decimal point with commas grouping thousands,
or a decimal comma with points grouping them); before, a `;` file of US numbers or a `,` file of quoted decimal
commas became one one-hot category per value. Encodings: UTF-32 is read (it was read as UTF-16, its names full
of NULs), a stray byte in UTF-8 text is refused by its offset (it turned "café" into "cafÃ©"), and the
description says which encoding was used when it was not UTF-8. Excel's `sep=` line declaring a separator that is
not one of `, ; | tab` is refused naming the line (a KeyError, or `error: "`, before)."""
from __future__ import annotations

import numpy as np
import pytest

from builder.errors import DataError
from builder.uploads.csv_file import csv_columns, load_csv

from .helpers import refused_cli, small_spec


def refused(raw: bytes, name: str = "t.csv", **options) -> str:
    with pytest.raises(DataError) as e:
        load_csv(raw, name, **options)
    return str(e.value)


def table(delimiter: str, column: list[str], other: list[str] | None = None) -> bytes:
    """A table with the number column `x` (and `other`, when given), and a class column of 0s and 1s."""
    names = ["x", "other", "y"] if other else ["x", "y"]
    rows = [[cell, *([other[i]] if other else []), str(i % 2)] for i, cell in enumerate(column)]
    return "\n".join(delimiter.join(row) for row in [names, *rows]).encode() + b"\n"


def first_column(raw: bytes, **options) -> list[float]:
    ds = load_csv(raw, "t.csv", task="regression", **options)
    assert ds.feature_names[0] == "x", ds.feature_names  # a number column: one feature, not a category per value
    return np.round(ds.x[:, 0].numpy().astype(float), 4).tolist()


# ---- number formats, decided per column from all its cells ---------------------------------------------

@pytest.mark.parametrize("delimiter, cells, expected", [
    (";", ["1,000.5", "12.25", "1,234,567.75", "3"], [1000.5, 12.25, 1234567.75, 3]),  # US numbers, semicolons
    (",", ['"3,5"', '"0,25"', '"12,75"', "4"], [3.5, 0.25, 12.75, 4]),  # quoted decimal commas, commas
    (",", ['"1.234,5"', '"2.000,25"', '"7,5"', "9"], [1234.5, 2000.25, 7.5, 9]),  # German, commas between values
    ("\t", ["1.234.567", "2.000", "0,5", "3"], [1234567, 2000, 0.5, 3]),  # points group thousands: 0,5 says so
    (";", ["12,5 %", "-3 %", "€ 1.000,50", "+7"], [12.5, -3, 1000.5, 7]),  # percent, currency, signs
    (";", ["1,5e3", "2,5E-1", "1e2", "0"], [1500, 0.25, 100, 0]),  # exponents with a decimal comma
    (";", ["0.123", "1.500", "2.250", "12.125"], [0.123, 1.5, 2.25, 12.125]),  # 0.123 is never a hundred and more
    ("|", ["1,000.5", "2,000", "7"], [1000.5, 2000, 7]),  # a decimal point decides the bar file's commas
])
def test_a_column_is_read_the_one_way_every_cell_fits(delimiter, cells, expected):
    assert first_column(table(delimiter, cells)) == expected


def test_forty_quoted_decimal_commas_are_one_number_column_not_forty_categories():
    raw = table(",", [f'"{i},5"' for i in range(40)])
    ds = load_csv(raw, "t.csv")
    assert ds.feature_names == ["x"] and ds.x[:3, 0].tolist() == [0.5, 1.5, 2.5]


@pytest.mark.parametrize("delimiter, cells, expected", [
    (",", ['"1,000"', '"2,500"', '"12,000"'], [1000, 2500, 12000]),  # commas between values: decimal points
    (";", ["1,000", "2,500", "12,000"], [1, 2.5, 12]),  # semicolons between values (Excel's where the comma is one)
    (";", ["1.500", "2.250", "3.000"], [1500, 2250, 3000]),  # ... and there a point groups thousands
    ("\t", ["1.500", "2.250", "3.000"], [1.5, 2.25, 3]),  # a point alone: the decimal mark, as programs write it
])
def test_a_column_that_reads_both_ways_follows_the_files_separator(delimiter, cells, expected):
    assert first_column(table(delimiter, cells)) == expected


@pytest.mark.parametrize("delimiter, other, expected", [
    ("\t", ["0,5", "1,25", "2,75"], [1, 2.5, 12]),  # another column's decimal commas settle it
    ("\t", ["0.5", "1.25", "2.75"], [1000, 2500, 12000]),  # another column's decimal points settle it
    (";", ["0.5", "1.25", "2.75"], [1000, 2500, 12000]),  # ... even against the separator
])
def test_a_column_that_reads_both_ways_follows_the_rest_of_the_file(delimiter, other, expected):
    assert first_column(table(delimiter, ["1,000", "2,500", "12,000"], other)) == expected


@pytest.mark.parametrize("delimiter", ["\t", "|"])
def test_a_column_that_reads_both_ways_with_nothing_to_settle_it_is_refused_naming_both(delimiter):
    message = refused(table(delimiter, ["1,000", "2,500", "12,000"]))
    assert "column 'x' holds numbers that read two ways" in message
    assert "'1,000' is 1000 read with a decimal point" in message and "or 1 read with a decimal comma" in message


@pytest.mark.parametrize("delimiter, cells", [(",", [f'"{i},5"' for i in range(9)] + ["abc"]),
                                              (";", [f"{i},5" for i in range(9)] + ["n/v"])])
def test_a_number_column_with_a_typo_is_refused_as_a_typo_not_made_categories(delimiter, cells):
    message = refused(table(delimiter, cells))
    assert "column 'x' holds numbers but also text such as" in message


def test_text_with_points_and_commas_stays_text_as_written():
    ds = load_csv(table(",", ['"St. Louis, MO"', '"Paris, FR"', '"St. Louis, MO"', '"Oslo"']), "t.csv")
    assert ds.feature_names == ["x=Oslo", "x=Paris, FR", "x=St. Louis, MO"]


# ---- encodings -------------------------------------------------------------------------------------------

TEXT = "name,x,y\ncafé,1,0\nthé,2,1\ncafé,3,0\n"


@pytest.mark.parametrize("codec", ["utf-32", "utf-32-le", "utf-32-be", "utf-32-be-bom"])
def test_utf32_is_read_with_or_without_a_byte_order_mark(codec):
    raw = ("\ufeff" + TEXT).encode("utf-32-be") if codec == "utf-32-be-bom" else TEXT.encode(codec)
    ds = load_csv(raw, "u.csv")
    assert ds.feature_names == ["name=café", "name=thé", "x"] and ds.n_samples == 3
    assert "Read as UTF-32 text." in ds.description
    assert csv_columns(raw, "u.csv") == ["name", "x", "y"]


def test_the_column_list_of_a_long_utf32_file_cut_within_64_kb():
    raw = "größe\tx\n".encode("utf-32") + "1\t2\n".encode("utf-32-le") * 5_000  # 80 KB
    assert csv_columns(raw, "u.tsv") == ["größe", "x"]


@pytest.mark.parametrize("raw, bad, line", [
    (TEXT.encode().replace(b"2,1", b"2\xff,1"), b"\xff", 3),  # one stray byte in UTF-8 text
    (b"\xef\xbb\xbf" + TEXT.encode().replace(b"3,0", b"3,0\x80"), b"\x80", 4),  # counted from the file's start
    ("name;wert\nMüller;1\nGrüße;2\n".encode() + "Straße;3\n".encode("cp1252"), b"\xdf", 4),  # encodings mixed
])
def test_a_stray_byte_in_utf8_text_is_refused_by_its_offset(raw, bad, line):
    at = raw.rindex(bad)
    message = refused(raw, "stray.csv")
    assert f"stray.csv: is UTF-8 text, but byte {at} (0x{raw[at]:02X}, on line {line}) is not valid UTF-8" in message
    assert "save it as 'CSV UTF-8'" in message
    with pytest.raises(DataError, match="is not valid UTF-8"):
        csv_columns(raw, "stray.csv")


@pytest.mark.parametrize("raw, encoding", [
    ("Länge;Größe;y\n1,5;2;a\n2,5;3;b\n".encode("cp1252"), "Windows-1252"),  # Excel's "CSV" on Windows
    (b"a,b,y\n1,2,x\xff\n3,4,y\n", "Windows-1252"),  # ASCII with one byte beyond: nothing says UTF-8
    (b"a,b,y\n1,2,x\x81\n3,4,y\n", "Latin-1"),  # a byte Windows-1252 leaves undefined
])
def test_text_that_is_not_utf8_says_which_encoding_it_was_read_as(raw, encoding):
    assert f"Read as {encoding} text" in load_csv(raw, "t.csv").description


# ---- Excel's sep= line ------------------------------------------------------------------------------------

@pytest.mark.parametrize("first, words", [("sep=:", "its first line 'sep=:' declares the separator ':'"),
                                          ('sep="', """its first line 'sep="' declares the separator '"'"""),
                                          ("sep= ", "declares the separator ' '"),
                                          ("sep=", "its first line 'sep=' declares no separator")])
def test_a_sep_line_declaring_a_separator_we_do_not_read_is_refused_naming_the_line(first, words):
    raw = f"{first}\na:b:y\n1:2:0\n3:4:1\n".encode()
    assert words in refused(raw, "excel.csv") and "excel.csv: " in refused(raw, "excel.csv")
    with pytest.raises(DataError, match="excel.csv: its first line"):
        csv_columns(raw, "excel.csv")


@pytest.mark.parametrize("separator", [",", ";", "|", "\t"])
def test_a_sep_line_declaring_a_separator_we_read_is_obeyed(separator):
    raw = f"sep={separator}\na{separator}b{separator}y\n1{separator}2{separator}0\n3{separator}4{separator}1\n"
    assert load_csv(raw.encode(), "t.csv").feature_names == ["a", "b"]


@pytest.mark.parametrize("first", ["sep=:", 'sep="'])
def test_the_cli_refuses_a_bad_sep_line_naming_the_file(tmp_path, capsys, first):
    import json
    (tmp_path / "spec.json").write_text(json.dumps(small_spec()))
    (tmp_path / "excel.csv").write_text(f"{first}\na:b:y\n1:2:0\n3:4:1\n")
    err = refused_cli(capsys, "train", tmp_path / "spec.json", "--data", tmp_path / "excel.csv", "--out",
                      tmp_path / "run", words="excel.csv: its first line")
    assert err.count("\n") == 1
