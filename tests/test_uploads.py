"""Uploads: every format round-trips, and every bad file gets a DataError that names the file and the culprit.

All files are made here, in memory, with pandas, numpy, Pillow, zipfile, struct and gzip.
"""
import gzip
import io
import stat
import struct
import zipfile

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import torch
from PIL import Image

from builder import tables
from builder.errors import DataError
from builder.uploads import load_upload
from builder.uploads.common import Limits, warnings_in
from builder.tables import guess_columns
from builder.uploads.csv_file import ROW_NUMBER_MIN_ROWS, csv_columns, csv_evidence, load_csv, read_table_cells
from builder.uploads.idx_files import load_idx
from builder.uploads.image_zip import load_image_zip
from builder.uploads.npz_file import load_npz


def refused(fn, *args, **kwargs) -> str:
    """The DataError message for a call that must fail (and only with a DataError)."""
    with pytest.raises(DataError) as err:
        fn(*args, **kwargs)
    return str(err.value)


# ---- CSV -------------------------------------------------------------------------------------

def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode()


def test_csv_round_trip_with_text_features_and_text_target():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"height": rng.normal(170, 10, 40).round(1), "city": ["Paris", "Oslo"] * 20,
                          "species": ["cat", "dog", "ant", "cat"] * 10})
    ds = load_csv(csv_bytes(frame), "pets.csv")
    assert (ds.name, ds.task, ds.sample_shape, ds.dtype) == ("pets.csv", "classification", (3,), "float")
    assert ds.feature_names == ["height", "city=Oslo", "city=Paris"]
    assert ds.class_names == ["ant", "cat", "dog"]
    np.testing.assert_allclose(ds.x[:, 0].numpy(), frame["height"], rtol=1e-6)
    assert ds.x[:, 1:].sum(1).tolist() == [1.0] * 40 and ds.x[0, 2] == 1.0  # row 0 is Paris
    assert [ds.class_names[i] for i in ds.y] == frame["species"].tolist()


def test_csv_infers_regression_and_classification_from_numbers():
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"a": rng.normal(size=100), "price": rng.normal(size=100), "label": rng.integers(0, 3, 100),
                          "age": rng.integers(18, 90, 100)})
    raw = csv_bytes(frame)
    price = load_csv(raw, "t.csv", target="price")
    assert price.task == "regression" and price.y.shape == (100, 1) and price.sample_shape == (3,)
    np.testing.assert_allclose(price.y[:, 0].numpy(), frame["price"], rtol=1e-6)
    label = load_csv(raw, "t.csv", target="label")
    assert label.task == "classification" and label.class_names == ["0", "1", "2"]
    assert label.y.tolist() == frame["label"].tolist()
    assert load_csv(raw, "t.csv", target="age").task == "regression"  # whole numbers, but too many distinct values
    assert load_csv(raw, "t.csv").class_names == ["0", "1", "2"]  # by default the column named 'label', not the last
    assert load_csv(raw, "t.csv", target="label", task="regression").task == "regression"
    assert load_csv(raw, "t.csv", task="reconstruction").y.shape == (100, 4)


def test_csv_drops_rows_without_a_target_and_reads_a_path(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(b"x,y\n1,a\n2,\n3,b\n4,a\n")
    ds = load_csv(path, target="y")
    assert ds.name == "data.csv" and ds.n_samples == 3 and "1 rows without a target were dropped" in ds.description


def test_csv_formula_cells_are_plain_text():
    ds = load_csv(b'cmd,n,y\n=HYPERLINK("http://x"),1,a\n@SUM(A1),2,b\n+1+2,3,a\n', "f.csv")
    assert ds.feature_names == ['cmd=+1+2', 'cmd==HYPERLINK("http://x")', "cmd=@SUM(A1)", "n"]


@pytest.mark.parametrize("raw, expected", [
    (b"", "report.csv: the file is empty"),
    (b"  \n\n", "report.csv: the file is empty"),
    (b"a,b,target\n", "has a header but no data rows"),
    (b"a,b\n1,2\n3,4,5\n", "line 3 has 3 values, but the header has 2 columns"),
    (b"a,b\n1,2,3\n4,5,6\n", "line 2 has 3 values, but the header has 2 columns"),
    (b"b,y\n,0\n,1\n", "has no feature columns left once 'b' (empty in every row) are left out"),
    (b'""\n?\n', "has no column with a name or a value"),  # found by the fuzzer: a blank name, no value
    (b"a,b,y\n1,2,0\n2,,1\n3,4,0\n", "column 'b' has 1 missing value(s), the first in data row 2"),
    (b"a,y\n1,0\nabc,1\n3,0\n4,1\n", "column 'a' holds numbers but also text such as 'abc' (data row 2)"),
    (b"a,y\n1,5\n2,5\n", "has a single class ('5')"),
    (b"a,y\n1,0\n2,inf\n", "has missing or infinite values"),
    (b"a,y\n1,0.5\n2,1e300\n3,2.5\n", "target column 'y' holds 1e+300, beyond what float32 can hold"),
    (b"\xff\xfe\x00a,b\n", "starts as UTF-16 text, but byte 6 cannot be decoded"),
    (b"a,b\n\x00\x01,2\n", "holds NUL bytes: it is a binary file"),
    (b"PK\x03\x04\x14\x00\x06\x00", "is an Excel workbook (.xlsx) or another ZIP archive, not CSV text — open it"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is an Excel 97-2003 workbook (.xls), not CSV text"),
    # other kinds of file saved under a .csv name: each named, with what to do instead
    # (mtime=0: a gzip header holds the time it was made, and the test's name holds these bytes; pytest-xdist's
    # workers must name every test alike)
    (gzip.compress(gzip.compress(b"a,b,y\n1,2,0\n", mtime=0), mtime=0),
     "is gzip-compressed (.gz), not CSV text — decompress it"),
    (gzip.compress(b"\x89PNG\r\n\x1a\n" + bytes(32), mtime=0), "is a PNG image, not CSV text"),  # unpacked, then named
    (b"\x89PNG\r\n\x1a\n" + bytes(32), "is a PNG image, not CSV text — images are uploaded as a ZIP of image folders"),
    (b"\xff\xd8\xff\xe0" + bytes(32), "is a JPEG image, not CSV text"),
    (b'[{"a": 1, "y": 0}, {"a": 2, "y": 1}]', "is JSON text, not CSV — save the table as CSV"),
    (b' \n{"a": [1, 2], "y": [0, 1]}', "is JSON text, not CSV"),
    (b"<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table>", "is HTML or XML text, not CSV — save the table"),
    (b'\xef\xbb\xbf<?xml version="1.0"?><rows/>', "is HTML or XML text, not CSV"),
])
def test_bad_csv_is_refused_with_a_clear_reason(raw, expected):
    assert expected in refused(load_csv, raw, "report.csv")


@pytest.mark.parametrize("header", [b"[mm],[kg],y", b"<5,>5,y", b'"{id}",b,y', b"{a},b,y"])
def test_a_header_that_only_begins_like_json_or_html_is_read_as_csv(header):
    assert load_csv(header + b"\n1,2,0\n3,4,1\n", "t.csv").x.shape == (2, 2)


def test_csv_target_column_must_exist():
    message = refused(load_csv, b"width,height,colour\n1,2,red\n", "t.csv", target="color")
    assert "has no column 'color'" in message and "did you mean 'colour'?" in message
    assert "columns: 'width', 'height', 'colour'" in message


def test_csv_text_target_cannot_be_regression_and_task_is_checked():
    assert "can only be a classification target" in refused(load_csv, b"a,y\n1,u\n2,v\n", "t.csv", task="regression")
    assert "task must be one of" in refused(load_csv, b"a,y\n1,0\n", "t.csv", task="clustering")


def test_csv_leaves_out_text_too_varied_to_one_hot_and_refuses_too_many_columns_or_bytes():
    cities = "\n".join(f"{i},city{i},{i % 2}" for i in range(60))
    ds = load_csv(f"n,city,y\n{cities}\n".encode(), "t.csv")
    assert ds.feature_names == ["n"]
    assert "Left out: 'city' (text with 60 distinct values: too many to one-hot encode, at most 50)" in ds.description
    message = refused(load_csv, f"city,y\n{chr(10).join(f'city{i},{i % 2}' for i in range(60))}\n".encode(), "t.csv")
    assert "has no feature columns left once 'city' (text with 60 distinct values" in message
    assert "choose 'city' as the text column" in message  # free text can still be learnt from, as text
    months = "\n".join(f"{1949 + i // 12}-{i % 12 + 1:02d},{100 + i}" for i in range(60))  # a time series
    airline = load_csv(f"Month,Passengers\n{months}\n".encode(), "airline.csv")  # dates are numbers of their own
    assert airline.feature_names == ["Month (days)", "Month (month)"] and airline.task == "regression"
    assert "'Month' read as dates, a year and a month: the days since 1970-01-01 and the month (1 to 12) are its " \
           "features" in airline.description and "row number" not in airline.description
    # dates not all written one way are no numbers NetBuilder can read: left out, and said to be dates
    mixed = "\n".join(f"{f'{1949 + i // 12}-{i % 12 + 1:02d}' if i % 3 else f'month {i}'},{100 + i}" for i in range(60))
    message = refused(load_csv, f"Month,Passengers\n{mixed}\n".encode(), "airline.csv")
    assert "'Month' holds dates or times, which a network reads as numbers only" in message
    assert "text column" not in message
    rows = [m.split(",") for m in mixed.splitlines()]
    dated = load_csv(("Month,n,Passengers\n" + "".join(f"{m},{i % 7},{n}\n" for i, (m, n) in enumerate(rows))).encode(),
                     "airline.csv")
    assert "Left out: 'Month' (dates or times, which a network reads only as numbers" in dated.description
    assert "one-hot" not in dated.description  # a date is not said to be text
    reviews = "\n".join(f'"review {i}, {"good" if i % 2 else "bad"}",{i % 2}' for i in range(60))
    assert load_csv(f"text,y\n{reviews}\n".encode(), "t.csv", text="text").x.dtype == torch.int64
    wide = ",".join(f"c{i}" for i in range(8)) + "\n" + ",".join("1" * 8) + "\n"
    assert "the limit is 5" in refused(load_csv, wide.encode(), "t.csv", limits=Limits(max_columns=5))
    too_large = refused(load_csv, b"a,b\n" + b"1,2\n" * 50, "t.csv", limits=Limits(max_bytes=100))
    assert "the limit is 100 bytes — keep fewer samples" in too_large


def test_csv_says_when_a_feature_looks_like_a_row_number_and_keeps_it():
    rng = np.random.default_rng(0)
    rows = "\n".join(f"{100 + 3 * i},{rng.integers(1, 80)},{rng.normal():.3f},{i % 2}" for i in range(40))
    ds = load_csv(f"PassengerId,Age,Fare,Survived\n{rows}\n".encode(), "t.csv")
    assert ds.feature_names == ["PassengerId", "Age", "Fare"]  # kept: the person decides
    assert "'PassengerId' only grows by whole numbers from row to row, like a row number" in ds.description
    assert "'Age'" not in ds.description and "'Fare'" not in ds.description
    # growing but not whole (a time in seconds), whole but not always growing, or too few rows: no word
    times = "\n".join(f"{0.5 * i + 0.25},{i % 5},{i % 2}" for i in range(40))
    assert "row number" not in load_csv(f"t,k,y\n{times}\n".encode(), "t.csv").description
    few = "\n".join(f"{i},{i % 2}" for i in range(ROW_NUMBER_MIN_ROWS - 1))
    assert "row number" not in load_csv(f"id,y\n{few}\n".encode(), "t.csv").description
    gappy = "\n".join(f"{'' if i == 7 else i},{i % 3},{i % 2}" for i in range(40))
    assert "row number" not in load_csv(f"id,k,y\n{gappy}\n".encode(), "t.csv", missing="impute").description
    assert "'id', 'n' only grow by" in load_csv(("id,n,y\n" + "\n".join(f"{i},{2 * i},{i % 2}" for i in range(40)))
                                       .encode(), "t.csv").description


def test_a_target_of_ids_is_warned_about_in_every_reader_and_a_label_is_not():
    ids = "\n".join(f"{i % 7},{i % 3},user{i}" for i in range(60))
    ds = load_csv(f"a,b,who\n{ids}\n".encode(), "t.csv", target="who")
    said, warnings = warnings_in(ds.description)
    assert warnings == ["Warning: 60 of the 60 classes of target column 'who' have a single sample: a class seen "
                        "once can be neither learned nor checked on held-out samples. If it names each sample (an "
                        "id), choose a target of few values."]
    assert said.startswith("Uploaded CSV: 60 rows, target 'who'") and "Warning" not in said
    labels = "\n".join(f"{i % 7},{i % 3},{'ab'[i % 2]}" for i in range(60))
    assert warnings_in(load_csv(f"a,b,y\n{labels}\n".encode(), "t.csv").description)[1] == []
    # half the classes alone is a long tail, not an id: said only when more than half are
    tail = [*"aabbccdd", "e", "f", "g", "h"] * 5
    half = "\n".join(f"{i},{i % 3},{c}{'' if i < 8 or c < 'e' else i}" for i, c in enumerate(tail[:12]))
    assert warnings_in(load_csv(f"a,b,y\n{half}\n".encode(), "t.csv").description)[1] == []
    # texts with an id as their target, and NPZ labels, say it the same way
    texts = "\n".join(f"this is message number {i} about things,ticket{i}" for i in range(40))
    text_ds = load_csv(f"text,ticket\n{texts}\n".encode(), "t.csv", text="text", target="ticket")
    assert warnings_in(text_ds.description)[1][0].startswith("Warning: 40 of the 40 classes of target column 'ticket'")
    buf = io.BytesIO()
    np.savez(buf, x=np.zeros((30, 2), np.float32), y=np.array([f"s{i}" for i in range(30)]))
    assert "Warning: 30 of the 30 classes of array 'y'" in load_npz(buf.getvalue(), "ids.npz").description


def test_a_description_puts_its_warnings_last():
    rows = "\n".join(f"{i},2024-01-{1 + i % 28:02d},u{i}" for i in range(40))
    ds = load_csv(f"id,day,y\n{rows}\n".encode(), "t.csv", ignore=())
    said, warnings = warnings_in(ds.description)
    assert "'day' read as dates" in said  # a note, before the warnings
    assert [w[:18] for w in warnings] == ["Warning: 'id' only", "Warning: 40 of the"]


# ---- CSVs as spreadsheets write them ----------------------------------------------------------

EUROPEAN = "Länge;Breite;Größe;Klasse\r\n1,5;-0,25;1.234,5;groß\r\n2,0;0,5;2.000,0;klein\r\n" \
           "0,75;1,25;999,5;groß\r\n3;2;1,0;klein\r\n"


def test_an_excel_csv_from_a_german_windows_machine_reads_as_meant():
    """Windows-1252 bytes, semicolons between values and decimal commas, thousands dotted."""
    ds = load_csv(EUROPEAN.encode("cp1252"), "messungen.csv")
    assert ds.feature_names == ["Länge", "Breite", "Größe"] and ds.class_names == ["groß", "klein"]
    np.testing.assert_allclose(ds.x.numpy(), [[1.5, -0.25, 1234.5], [2.0, 0.5, 2000.0], [0.75, 1.25, 999.5],
                                              [3, 2, 1.0]], rtol=1e-6)
    assert "Read as Windows-1252 text, separated by semicolons." in ds.description
    same = load_csv(EUROPEAN.encode("utf-8-sig"), "messungen.csv")  # "CSV UTF-8": the same table
    assert torch.equal(same.x, ds.x) and same.class_names == ds.class_names
    assert "Read as text, separated by semicolons." in same.description


def test_utf16_tab_separated_text_as_excel_saves_unicode_text():
    raw = "x1\tx2\tlabel\n0.5\t1\tja\n-1\t2\tnein\n2\t0\tja\n".encode("utf-16")
    ds = load_csv(raw, "export.txt")
    assert ds.feature_names == ["x1", "x2"] and ds.class_names == ["ja", "nein"]
    assert ds.x[1].tolist() == [-1.0, 2.0] and "Read as UTF-16 text, separated by tabs." in ds.description
    assert load_upload(raw, "export.tsv").n_samples == 3  # .tsv and .txt are tables too
    assert load_upload(raw, "iris.data").n_samples == 3  # as UCI's files are named


def test_numbers_shown_with_thousands_currency_and_percent_signs_are_numbers():
    raw = b'income,rate,y\n"$1,234.50",12.5%,0\n"12,000",-3 %,1\n950,0.5%,0\n"$ 1,000,000",100%,1\n'
    ds = load_csv(raw, "money.csv")
    assert ds.feature_names == ["income", "rate"]
    np.testing.assert_allclose(ds.x.numpy(), [[1234.5, 12.5], [12000, -3], [950, 0.5], [1e6, 100]])
    # where commas separate the values, a quoted "1,5" is a number with a decimal comma: every cell of its column
    # reads so, and none with a decimal point (issue 16: it used to become a one-hot category per value)
    quoted = load_csv(b'a,b,y\n"1,5",1,0\n"2,5",2,1\n', "t.csv")
    assert quoted.feature_names == ["a", "b"] and quoted.x[:, 0].tolist() == [1.5, 2.5]


def test_empty_columns_are_left_out_and_a_separator_ending_every_line_is_no_column():
    ds = load_csv(b"a,notes,b,y,\n1,,2,0,\n2,,3,1,\n", "t.csv")  # trailing commas: the default target is still y
    assert ds.feature_names == ["a", "b"] and "Left out: 'notes' (empty in every row)." in ds.description
    assert csv_columns(b"a;b;y;\r\n1;2;0;\r\n", "t.csv") == ["a", "b", "y"]


def test_excels_sep_line_names_the_separator():
    raw = b"sep=;\r\na;b;y\r\n1,5;x;0\r\n2,5;z;1\r\n"
    assert csv_columns(raw, "t.csv") == ["a", "b", "y"]
    assert load_csv(raw, "t.csv").x[:, 0].tolist() == [1.5, 2.5]


def test_line_breaks_of_any_system():
    for newline in (b"\n", b"\r\n", b"\r"):  # Unix, Windows, old Mac Excel
        raw = newline.join([b"a,b,y", b"1,u,0", b"3,v,1", b"5,u,0", b"7,v,1"])
        ds = load_csv(raw + newline, "t.csv")
        assert ds.n_samples == 4 and ds.feature_names == ["a", "b=u", "b=v"], newline
        assert csv_columns(raw, "t.csv") == ["a", "b", "y"]


def test_a_question_mark_is_a_missing_value_as_in_the_uci_files():
    ds = load_csv(b"age,ca,num\n63,0,0\n67,?,1\n41,2,0\n", "heart.csv", missing="impute")
    assert np.isnan(ds.x[1, 1].item()) and "1 missing value(s) in 1 column(s)" in ds.description


TITANIC = (b"PassengerId,Survived,Pclass,Name,Sex,Age,Ticket,Fare,Cabin\n"
           + b"".join(f'{i},{i % 2},{1 + i % 3},"Name{i}, Mr. X",{"male" if i % 3 else "female"},'
                      f'{"" if i % 7 == 0 else 20 + i % 40},T{i * 7},{7.25 + i},{"" if i % 4 else f"C{i}"}\n'.encode()
                      for i in range(240)))


def test_a_titanic_style_table_trains_after_leaving_out_ids_names_and_tickets():
    refusal = refused(load_csv, TITANIC, "titanic.csv", target="Survived")
    assert "column 'Age' has 35 missing value(s)" in refusal and "Cabin" not in refusal  # Cabin is left out
    ds = load_csv(TITANIC, "titanic.csv", target="Survived", ignore=["PassengerId"], missing="impute")
    assert ds.feature_names == ["Pclass", "Sex=female", "Sex=male", "Age", "Fare"] and ds.n_samples == 240
    assert ("Left out: 'PassengerId' as asked; 'Name', 'Ticket', 'Cabin' (text with 240, 240, 60 distinct values: "
            "too many to one-hot encode, at most 50).") in ds.description
    assert load_upload(TITANIC, "titanic.csv", target="Survived", ignore=["Age"], missing="drop").n_samples == 240
    assert "did you mean 'PassengerId'?" in refused(load_csv, TITANIC, "t.csv", target="Survived",
                                                    ignore=["passengerid"])
    assert "cannot leave out 'Survived': it is the target" in refused(load_csv, TITANIC, "t.csv",
                                                                       target="Survived", ignore=["Survived"])


def shown(value: float, thousands: str, decimal: str) -> str:
    """`value` as a spreadsheet shows it with these separators, e.g. -1.234.567,25."""
    whole, frac = f"{abs(value):,.2f}".split(".")
    return ("-" if value < 0 else "") + whole.replace(",", thousands) + decimal + frac


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-1e7, 1e7, allow_nan=False).map(lambda v: round(v, 2)), min_size=4, max_size=30),
       st.sampled_from([(",", ",", ".", "utf-8"), (";", ".", ",", "cp1252"), ("\t", ".", ",", "utf-16"),
                        (";", "", ",", "utf-8-sig")]))
def test_numbers_read_back_whatever_the_locale(values, style):
    delimiter, thousands, decimal, encoding = style
    quote = '"' if delimiter == "," else ""  # a thousands comma needs quotes in a comma-separated file
    rows = "".join(f"{quote}{shown(v, thousands, decimal)}{quote}{delimiter}{i % 2}\r\n" for i, v in enumerate(values))
    ds = load_csv(f"wert{delimiter}klasse\r\n{rows}".encode(encoding), "t.csv", task="regression")
    np.testing.assert_allclose(ds.x[:, 0].numpy(), np.asarray(values, dtype=np.float32), rtol=1e-6)


HEADERLESS = b"5,1;3,5;0\r\n4,9;3,0;0\r\n6,2;3,4;1\r\n5,9;3,0;1\r\n"  # as UCI's .data files come, in German


ADULT = (b"39, State-gov, Bachelors, <=50K\n50, Self-emp, Bachelors, <=50K\n38, Private, HS-grad, >50K\n"
         b"53, Private, 11th, >50K\n45, State-gov, HS-grad, <=50K\n")  # as UCI's adult.data: text, no header row


def test_a_table_without_a_header_row_keeps_its_first_sample():
    ds = load_csv(HEADERLESS, "iris.data")
    assert ds.n_samples == 4 and ds.feature_names == ["column 1", "column 2"] and ds.class_names == ["0", "1"]
    np.testing.assert_allclose(ds.x[0].numpy(), [5.1, 3.5], rtol=1e-6)
    assert "No header row (the first line holds a sample): the columns are named 'column 1' to 'column 3'." \
        in ds.description
    assert load_csv(b"1,a,y\n2,b,0\n3,a,1\n", "t.csv").feature_names == ["1", "a=a", "a=b"]  # a name is a name
    ds = load_csv(ADULT, "adult.data")
    assert ds.n_samples == 5 and ds.class_names == ["<=50K", ">50K"] and "column 2=State-gov" in ds.feature_names


def messages(n: int = 120, header: bytes = b"") -> bytes:
    """A file laid out as the SMS Spam Collection is: a label, a tab, then the message; no header row."""
    rng = np.random.default_rng(0)
    words = "free call now win prize claim txt ok going home later tonight dinner see you tomorrow".split()
    lines = [("spam" if i % 4 == 0 else "ham") + "\t" + " ".join(rng.choice(words, 3 + i % 9)) + f" {i}"
             for i in range(n)]
    return header + "\n".join(lines).encode() + b"\n"


def test_a_file_of_labelled_messages_reads_as_labels_and_text():
    """SMS spam's file (label, tab, message; no header): its first message is a sample, not the columns' names;
    the labels are guessed as the target and the messages as the text to learn from; read as a table, or with the
    messages as the target, the refusal says what to do instead; and the text reads as asked."""
    raw = messages()
    assert csv_columns(raw, "SMSSpamCollection.txt") == ["column 1", "column 2"]
    assert guess_columns(csv_evidence(raw, "SMSSpamCollection.txt")) == ("column 1", "column 2")
    said = refused(load_csv, raw, "SMSSpamCollection.txt")  # the labels are the target, the messages no table
    assert "'column 2' (text with 120 distinct values" in said and "choose 'column 2' as the text column" in said
    said = refused(load_csv, raw, "SMSSpamCollection.txt", target="column 2")
    assert "target column 'column 2' is free text (120 distinct values" in said
    assert "choose 'column 2' as the text column to learn from and 'column 1' (2 values) as the target" in said
    ds = load_csv(raw, "SMSSpamCollection.txt", text="column 2")
    assert ds.n_samples == 120 and ds.class_names == ["ham", "spam"]
    headed = messages(header=b"label\tmessage\n")  # with a header row, its names are names
    assert csv_columns(headed, "spam.tsv") == ["label", "message"]
    assert guess_columns(csv_evidence(headed, "spam.tsv")) == ("label", "message")
    assert load_csv(headed, "spam.tsv", text="message").n_samples == 120
    alone = b"\n".join(line.split(b"\t")[1] for line in raw.splitlines())  # the messages alone, to predict
    assert csv_columns(alone, "new.txt") == ["column 1"]
    assert csv_columns(b"Customer review text\n" + alone, "new.txt") == ["Customer review text"]  # a heading


WORDS = st.text("abcdefghij", min_size=1, max_size=6)
SENTENCES = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["ham", "spam", "eggs"]), SENTENCES), min_size=3, max_size=40),
       st.sampled_from([["label", "message"], ["v1", "v2"], ["kind", "the text of it"], ["Category", "Review Text"]]))
def test_a_header_over_messages_is_always_read_as_names(rows, header):
    """Whatever the messages, a header row of names (even one of several words) is never taken for a message."""
    lines = ["\t".join(header)] + [f"{label}\t{text}" for label, text in rows]
    raw = ("\n".join(lines) + "\n").encode()
    assert csv_columns(raw, "t.tsv") == header
    target, text = guess_columns(csv_evidence(raw, "t.tsv"))
    assert target in header and text in (*header, None) and target != text


@pytest.mark.parametrize("raw, guess", [
    (b"review,sentiment\n" + b"".join(b'"the film was %d times better than I hoped",%s\n' % (i, [b"pos", b"neg"][i % 2])
                                      for i in range(40)), ("sentiment", "review")),  # IMDB's layout
    (b"age,comment,y\n" + b"".join(b"%d,what a day number %d it was,%d\n" % (i, i, i % 2) for i in range(40)),
     ("y", None)),  # numbers to learn from too: a table of features, the comment left out by itself
    (b"a,b,y\n" + b"".join(b"%d,%d,%d\n" % (i, i * 2, i % 2) for i in range(40)), ("y", None)),
    (b"v1,v2,,,\r\n" + b"".join(b'%s,"%d: see you at home later, ok",%s,,\r\n' % (b"ham" if i % 3 else b"spam", i,
                                                                              b" more" if i == 7 else b"")
                                for i in range(40)), ("v1", "v2")),  # Kaggle's spam.csv: messages spill over
    (b"PassengerId,Survived,Pclass,Name,Sex,Age,Embarked\n" + b"".join(
        b'%d,%d,3,"Braund, Mr. Owen %d",male,%s,S\n' % (i, i % 2, i, b"" if i % 5 else b"22") for i in range(40)),
     ("Survived", None)),  # Titanic: the column to predict is second, not last
    (b"carat,cut,price,x,y,z\n" + b"".join(b"0.%d,Ideal,%d,3.9,3.9,2.4\n" % (i, 300 + i) for i in range(40)),
     ("price", None)),  # diamonds: its y is a size in mm, beside x and z
    (b"x,city\n" + b"".join(b"%d,%s\n" % (i, [b"New York City", b"Los Angeles"][i % 2]) for i in range(40)),
     ("city", None)),  # a category of several words is no free text: it repeats
])
def test_the_page_guesses_the_target_and_the_text_column(raw, guess):
    assert guess_columns(csv_evidence(raw, "t.csv")) == guess


def test_a_sentence_over_numbers_names_its_column_and_few_sentences_are_classes():
    survey = b"How old are you?,How many hours do you sleep?,y\n" + b"".join(
        b"%d,%d,%d\n" % (20 + i, 5 + i % 4, i % 2) for i in range(30))
    assert csv_columns(survey, "survey.csv") == ["How old are you?", "How many hours do you sleep?", "y"]
    few = b"x,answer\n" + b"".join(b"%d,%s\n" % (i, [b"very happy with it", b"not happy at all"][i % 2])
                                   for i in range(60))
    assert load_csv(few, "t.csv").class_names == ["not happy at all", "very happy with it"]  # not free text


@pytest.mark.parametrize("raw, columns", [
    (HEADERLESS, ["column 1", "column 2", "column 3"]),
    (b"a, b ,a,,y\n1,2,3,4,0\n", ["a", "b", "a.1", "Unnamed: 3", "y"]),  # spaces, a repeat, a blank
    (EUROPEAN.encode("cp1252"), ["Länge", "Breite", "Größe", "Klasse"]),
    (b'"name, full";"a;b" ;y\n1;2;0\n', ["name, full", "a;b", "y"]),
    ("x\ty\n".encode("utf-16") + "1\t2\n".encode("utf-16-le") * 20_000, ["x", "y"]),  # cut within 64 KB
    ("\ufeffé,ü\n".encode() + "1,2\n".encode() * 30_000 + "é".encode(), ["é", "ü"]),
])
def test_csv_columns_reads_the_header_as_the_whole_file_is_read(raw, columns):
    assert csv_columns(raw, "t.csv") == columns == list(read_table_cells(raw, "t.csv"))  # as the whole is read


@pytest.mark.parametrize("names, side", [
    ([f"pixel{i}" for i in range(784)], 28),  # Kaggle's digit recognizer
    ([f"pixel{i}" for i in range(1, 785)], 28),  # Fashion-MNIST and Sign Language MNIST as CSV
    ([f"pixel_{r}_{c}" for r in range(8) for c in range(8)], 8),  # scikit-learn's digits as a frame
    ([f"{r}x{c}" for r in range(1, 29) for c in range(1, 29)], 28),
    ([f"column {i}" for i in range(2, 66)], 8),  # a file without a header, after its label
    ([f"band{i}" for i in range(64)], None),  # numbered, but no pixels
    ([f"pixel{i}" for i in range(63)], None),  # not a square
    ([f"pixel{i}" for i in range(64)][::-1], None),  # not in reading order
    ([f"pixel_{c}_{r}" for r in range(8) for c in range(8)], None),  # column by column
    ([f"pixel{i}" for i in range(16)], None),  # 4×4: too few to be an image
])
def test_pixel_columns_are_named_as_kaggles_and_scikit_learns_csvs_name_them(names, side):
    assert tables.pixel_grid(names) == side


def pixels_csv(rows: int = 30, header: bool = True, label_first: bool = True, top: int = 256) -> bytes:
    rng = np.random.default_rng(0)
    pixels = rng.integers(0, top, (rows, 64))
    pixels[:, 0] = pixels[:, -1] = 0  # the corners of a digit are blank
    lines = [[i % 3, *pixels[i]] if label_first else [*pixels[i], i % 3] for i in range(rows)]
    head = (["label", *(f"pixel{i}" for i in range(64))],) if header else ()
    return "\n".join(",".join(map(str, line)) for line in (*head, *lines)).encode() + b"\n"


def test_a_csv_of_pixels_reads_as_images_and_its_label_is_found_without_a_header():
    ds = load_csv(pixels_csv(), "train.csv")
    assert ds.sample_shape == (1, 8, 8) and ds.x.shape == (30, 1, 8, 8) and ds.class_names == ["0", "1", "2"]
    assert float(ds.x.max()) > 200  # the values stay as the file has them: the trainer standardises them
    assert "Its 64 pixel columns are read as 8×8 grey images [1, 8, 8]." in ds.description
    headless = load_csv(pixels_csv(header=False), "mnist_train.csv")  # pjreddie's MNIST CSV: the label first
    assert headless.sample_shape == (1, 8, 8) and headless.class_names == ["0", "1", "2"]
    last = load_csv(pixels_csv(header=False, label_first=False), "optdigits.tra")  # UCI's optdigits: the label last
    assert last.sample_shape == (1, 8, 8) and last.class_names == ["0", "1", "2"]
    assert load_csv(pixels_csv(), "t.csv", target="pixel5").sample_shape == (64,)  # 63 pixels: no square
    brighter = pixels_csv().replace(b"\n1,0,", b"\n1,300,", 1)  # no 8-bit pixel
    assert b"\n1,300," in brighter and load_csv(brighter, "t.csv").sample_shape == (64,)


def workbook(rows: list[list], title: str = "Sheet1", more_sheets: int = 0) -> bytes:
    import openpyxl
    book = openpyxl.Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    for i in range(more_sheets):
        book.create_sheet(f"Notes {i}").append(["not data"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_excel_workbook_reads_from_its_first_sheet_as_a_csv_would():
    import datetime
    rows = [["species", "bill length", "island", "seen"]] + [
        [("Adelie", "Gentoo")[i % 2], 38.5 + i / 4, ("Biscoe", "Dream")[i % 3 == 0], datetime.date(2020, 1, 1 + i % 3)]
        for i in range(30)] + [[None, None, None, None]] * 3  # blank rows a sheet's formatting leaves at its end
    raw = workbook(rows, "Penguins", more_sheets=2)
    assert csv_columns(raw, "penguins.xlsx") == ["species", "bill length", "island", "seen"]
    ds = load_upload(raw, "penguins.xlsx")
    assert ds.n_samples == 30 and ds.class_names == ["Adelie", "Gentoo"]
    assert ds.feature_names == ["bill length", "island=Biscoe", "island=Dream", "seen (days)", "seen (month)",
                                "seen (weekday)"]  # a date is its numbers: the days since 1970, its month, its weekday
    np.testing.assert_allclose(ds.x[:3, 3:].numpy(), [[18262, 1, 2], [18263, 1, 3], [18264, 1, 4]])  # from 2020-01-01
    np.testing.assert_allclose(ds.x[:3, 0].numpy(), [38.5, 38.75, 39.0])
    assert "Read from the workbook's first sheet, 'Penguins' of 3; the others are not read." in ds.description
    assert read_table_cells(raw, "penguins.xlsx")["bill length"][:2] == ["38.5", "38.75"]  # as predict reads it
    misnamed = load_csv(raw, "penguins.csv")  # a workbook under a .csv name is still a workbook
    assert misnamed.n_samples == 30
    gaps = workbook([["x", "y"], [1, 0], [None, 1], [3, 0]])
    assert "column 'x' has 1 missing value(s)" in refused(load_csv, gaps, "g.xlsx")


@pytest.mark.parametrize("change, expected", [
    (lambda files: {**files, "xl/worksheets/sheet1.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">'
                                                        b'<!ENTITY b "&a;&a;&a;&a;">]><worksheet>&b;</worksheet>'},
     "is not a readable Excel workbook (EntitiesForbidden"),  # entity expansion: the billion laughs
    (lambda files: {**files, "../evil.xml": b"x"}, "member '../evil.xml' points outside the archive"),
    (lambda files: {k: v for k, v in files.items() if k != "xl/workbook.xml"} | {"xl/workbook.xml": b"<not xml"},
     "is not a readable Excel workbook"),
    (lambda files: {name: b"" if name.startswith("xl/worksheets/") else v for name, v in files.items()},
     "is not a readable Excel workbook"),
])
def test_a_crafted_workbook_is_refused_without_expanding_or_unpacking_anything(change, expected):
    with zipfile.ZipFile(io.BytesIO(workbook([["x", "y"], [1, 0], [2, 1]]))) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    assert expected in refused(load_csv, zip_bytes(change(files)), "crafted.xlsx")


def test_an_empty_first_sheet_is_refused_saying_where_the_table_goes():
    assert "its first sheet ('Sheet1') is empty — put the table on the first sheet" in refused(
        load_csv, workbook([[None, None]]), "empty.xlsx")


# ---- NPZ -------------------------------------------------------------------------------------

def npz_bytes(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def test_npz_round_trip_classification_regression_and_tokens():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(60, 3, 5)).astype(np.float64)
    labels = np.repeat([3, 7, 9], 20)
    ds = load_npz(npz_bytes(x=x, y=labels), "arrays.npz")
    assert (ds.task, ds.sample_shape, ds.class_names) == ("classification", (3, 5), ["3", "7", "9"])
    np.testing.assert_allclose(ds.x.numpy(), x, rtol=1e-6)
    assert ds.x.dtype == torch.float32 and ds.y.tolist() == [0] * 20 + [1] * 20 + [2] * 20
    targets = rng.normal(size=(60, 2))
    reg = load_npz(npz_bytes(x=x, y=targets), "arrays.npz")
    assert reg.task == "regression" and reg.n_targets == 2
    names = load_npz(npz_bytes(x=x, y=np.array(["no", "yes"] * 30)), "a.npz")
    assert names.class_names == ["no", "yes"]
    tokens = load_npz(npz_bytes(x=rng.integers(0, 50, (60, 12)), y=labels), "t.npz", tokens=True)
    assert tokens.dtype == "long" and tokens.x.dtype == torch.int64
    assert load_npz(npz_bytes(x=x), "ae.npz", task="reconstruction").y.shape == (60, 3, 5)


def test_npz_files_as_keras_and_image_libraries_save_them():
    rng = np.random.default_rng(0)
    digits = rng.integers(0, 256, (100, 28, 28), dtype=np.uint8)
    keras = load_npz(npz_bytes(x_train=digits, y_train=np.arange(100) % 10, x_test=digits[:5],
                               y_test=np.arange(5)), "mnist.npz")
    assert keras.sample_shape == (1, 28, 28) and keras.class_names == [str(i) for i in range(10)]
    np.testing.assert_allclose(keras.x[:, 0].numpy(), digits / 255, rtol=1e-6)
    assert "Read from arrays 'x_train' and 'y_train'. 8-bit grey images: scaled to [0, 1]" in keras.description
    photos = rng.integers(0, 256, (30, 16, 16, 4), dtype=np.uint8)  # channels last, with alpha
    cifar = load_npz(npz_bytes(x=photos, y=(np.arange(30) % 3)[:, None].astype(np.uint8)), "cifar.npz")
    assert cifar.sample_shape == (3, 16, 16) and cifar.task == "classification" and cifar.n_classes == 3
    np.testing.assert_allclose(cifar.x[:, 2].numpy(), photos[..., 2] / 255, rtol=1e-6)  # blue, alpha dropped
    upper = load_npz(npz_bytes(X=rng.normal(size=(30, 4)), y=np.arange(30) % 2), "sk.npz")
    assert upper.sample_shape == (4,) and "Read from arrays 'X' and 'y'." in upper.description
    sequences = load_npz(npz_bytes(x=rng.integers(0, 2, (30, 8, 8)).astype(np.float32), y=np.arange(30) % 2), "s.npz")
    assert sequences.sample_shape == (8, 8)  # bits are not 8-bit pictures: left as they are


def test_npz_arrays_under_the_names_other_libraries_give_them_and_one_hot_labels():
    rng = np.random.default_rng(0)
    x, labels = rng.normal(size=(30, 4)), np.arange(30) % 3
    bunch = load_npz(npz_bytes(data=x, target=labels), "bunch.npz")  # scikit-learn's Bunch, saved as is
    assert bunch.n_classes == 3 and "Read from arrays 'data' and 'target'." in bunch.description
    named = load_npz(npz_bytes(features=x, labels=labels), "named.npz")
    assert named.sample_shape == (4,) and "Read from arrays 'features' and 'labels'." in named.description
    assert load_npz(npz_bytes(x=x, y=labels, data=x + 1), "both.npz").x[0, 0] == np.float32(x[0, 0])  # x first
    hot = load_npz(npz_bytes(x=x, y=np.eye(4)[labels]), "keras.npz")  # to_categorical's form, one class unused
    assert hot.task == "classification" and hot.y.tolist() == labels.tolist()
    assert "One-hot labels in 'y' (4 columns) read as class numbers." in hot.description
    assert load_npz(npz_bytes(x=x, y=np.eye(3)[labels]), "r.npz", task="regression").y.shape == (30, 3)
    for not_hot in (np.ones((30, 3)), np.eye(3)[labels] * 2, np.zeros((30, 2))):  # two 1s, 2s, no 1 at all
        assert load_npz(npz_bytes(x=x, y=not_hot), "t.npz").task == "regression"


def test_npz_with_object_array_is_refused_before_unpickling():
    objects = np.array([{"a": 1}, [1, 2]], dtype=object)
    buffer = io.BytesIO()
    np.savez(buffer, x=np.zeros((2, 2)), y=objects)  # savez pickles object arrays
    message = refused(load_npz, buffer.getvalue(), "evil.npz")
    assert message.startswith("evil.npz: array 'y' holds Python objects")


@pytest.mark.parametrize("arrays, expected", [
    ({"pixels": np.zeros((4, 2)), "y": np.zeros(4)}, "has no array 'x'; it holds 'pixels', 'y'"),
    ({"x": np.zeros((4, 2))}, "has no array 'y'; it holds 'x'"),
    ({"x": np.zeros((4, 2)), "y": np.zeros(5)}, "array 'y' has shape [5], but x holds 4 samples"),
    ({"x": np.zeros(4), "y": np.zeros(4)}, "array 'x' has shape [4]; it needs one row per sample"),
    ({"x": np.full((4, 2), np.nan), "y": np.zeros(4)}, "array 'x' has NaN or infinite values in 4 samples, the first "
                                                        "sample 0"),
    ({"x": np.array([[0, 1], [2, 3], [4, np.inf]]), "y": np.zeros(3)}, "values in 1 sample, the first sample 2"),
    ({"x": np.array([["a", "b"]] * 4), "y": np.zeros(4)}, "inputs must be numbers"),
    ({"x": np.zeros((4, 2), dtype=complex), "y": np.zeros(4)}, "must hold numbers"),
])
def test_bad_npz_is_refused(arrays, expected):
    assert expected in refused(load_npz, npz_bytes(**arrays), "data.npz")


def test_npz_not_a_zip_and_lying_array_header():
    assert "data.npz: is not a readable ZIP archive" in refused(load_npz, b"just text", "data.npz")
    npy = io.BytesIO()
    np.save(npy, np.zeros((4, 2)))
    lying = npy.getvalue().replace(b"(4, 2)", b"(9, 2)")  # the header claims more data than there is
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("x.npy", lying)
        archive.writestr("y.npy", npy.getvalue())
    assert "array 'x' is damaged: its header says shape [9, 2]" in refused(load_npz, buffer.getvalue(), "d.npz")


# ---- ZIP of image folders --------------------------------------------------------------------

def png(value, size=(6, 6), mode="L") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, value).save(buffer, "PNG")
    return buffer.getvalue()


def zip_bytes(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, content in files.items():  # member: a name, or a ZipInfo with chosen attributes
            archive.writestr(member, content)
    return buffer.getvalue()


def encoded(image: Image.Image, kind: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def test_images_as_cameras_and_the_web_make_them_look_as_they_look():
    """A transparent icon lies on white, a 16-bit scan keeps its range, a phone photo stands upright, and
    BMP, GIF and WebP files are images too."""
    icon = Image.new("RGBA", (4, 4), (0, 0, 0, 0))
    icon.putpixel((0, 0), (0, 0, 0, 255))
    scan = Image.fromarray(np.full((4, 4), 32768, dtype=np.uint16))
    photo = Image.new("L", (4, 2), 0)  # stored on its side: two rows of four; the EXIF tag turns it upright
    photo.paste(255, (0, 0, 4, 1))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to view
    files = {"a/icon.png": encoded(icon, "PNG"), "a/scan.png": encoded(scan, "PNG"),
             "b/photo.jpg": encoded(photo, "JPEG", exif=exif.tobytes(), quality=100),
             "b/old.bmp": encoded(Image.new("L", (4, 4), 255), "BMP"),
             "c/anim.gif": encoded(Image.new("L", (4, 4), 128), "GIF"),
             "c/web.webp": encoded(Image.new("RGB", (4, 4), (255, 255, 255)), "WEBP", lossless=True)}
    ds = load_image_zip(zip_bytes(files), "mixed.zip", size=(4, 4))
    by_member = dict(zip(sorted(files), ds.x[:, 0].numpy()))
    assert by_member["a/icon.png"][0, 0] == 0 and by_member["a/icon.png"][3, 3] == 1  # white where transparent
    np.testing.assert_allclose(by_member["a/scan.png"], 128 / 255, atol=1 / 255)  # not clipped to white
    upright = by_member["b/photo.jpg"]
    assert upright.shape == (4, 4) and upright[:, -1].mean() > 0.8 and upright[:, 0].mean() < 0.2  # turned
    assert by_member["b/old.bmp"].min() == 1 and by_member["c/web.webp"].min() == 1
    np.testing.assert_allclose(by_member["c/anim.gif"], 128 / 255, atol=1 / 255)


def test_image_zip_with_train_and_test_folders_merges_them_by_class():
    """As Kaggle-style datasets come: data/train/<class>/…, data/Test/<class>/…; the classes are the inner
    folders, never "train" and "test"."""
    files = {f"data/{split}/{cls}/{i}.png": png(value) for split in ("train", "Test")
             for cls, value in [("cat", 51), ("dog", 255)] for i in range(2)}
    ds = load_image_zip(zip_bytes(files), "pets.zip", size=(6, 6))
    assert ds.class_names == ["cat", "dog"] and ds.n_samples == 8 and ds.y.tolist() == [0] * 4 + [1] * 4
    assert "The 'Test', 'train' folders are merged (NetBuilder holds out its own validation share)." \
        in ds.description
    plain = load_image_zip(zip_bytes({f"{c}/{i}.png": png(9) for c in ("a", "b") for i in range(2)}), "p.zip")
    assert "merged" not in plain.description


def test_image_zip_round_trip_with_a_wrapper_folder_and_junk():
    files = {f"pets/{cls}/{i}.png": png(value) for cls, value in [("dog", 255), ("cat", 51)] for i in range(3)}
    files.update({"pets/cat/photo.JPG": _jpeg(51), "__MACOSX/pets/cat/._0.png": b"junk", "pets/.DS_Store": b"x",
                  "pets/README.txt": b"hello"})
    ds = load_image_zip(zip_bytes(files), "pets.zip", size=(4, 5))
    assert (ds.task, ds.sample_shape, ds.class_names) == ("classification", (1, 4, 5), ["cat", "dog"])
    assert ds.y.tolist() == [0, 0, 0, 0, 1, 1, 1]
    assert torch.allclose(ds.x[ds.y == 1], torch.ones(1)) and torch.allclose(ds.x[:3], torch.full((1,), 0.2))
    colour = load_image_zip(zip_bytes(files), "pets.zip", size=(3, 3), mode="RGB")
    assert colour.x.shape == (7, 3, 3, 3)


def test_image_zip_colour_follows_the_images_unless_chosen():
    """By default (mode "auto") a ZIP is read in colour when any image has colour, else grey: the same numbers a
    chosen grey reads; a chosen mode is kept; colour that would pass the limit on values falls back to grey, said."""
    grey = {f"{c}/{i}.{kind}": data for c, v in (("a", 40), ("b", 200)) for i in range(2)
            for kind, data in (("png", png(v)), ("jpg", _jpeg(v)), ("gif", png((v, v, v), mode="RGB")))}
    auto = load_image_zip(zip_bytes(grey), "g.zip", size=(4, 4))
    assert auto.sample_shape == (1, 4, 4) and "(grey, as every image is)" in auto.description
    assert torch.equal(auto.x, load_image_zip(zip_bytes(grey), "g.zip", size=(4, 4), mode="L").x)
    tinted = {**grey, "b/red.png": png((200, 40, 40), mode="RGB")}
    colour = load_image_zip(zip_bytes(tinted), "c.zip", size=(4, 4))
    assert colour.sample_shape == (3, 4, 4) and "resized to 4×4 (colour)." in colour.description
    assert torch.equal(colour.x, load_image_zip(zip_bytes(tinted), "c.zip", size=(4, 4), mode="RGB").x)
    chosen = load_image_zip(zip_bytes(tinted), "c.zip", size=(4, 4), mode="L")
    assert chosen.sample_shape == (1, 4, 4) and "(grey)." in chosen.description
    n = len(tinted)
    tight = load_image_zip(zip_bytes(tinted), "c.zip", size=(4, 4), limits=Limits(max_values=n * 16 * 2))
    assert tight.sample_shape == (1, 4, 4)
    assert f"(grey: in colour they would be more than {n * 32:,} values)" in tight.description
    assert 'mode must be "auto", "L" (grey) or "RGB" (colour). Received: mode=\'CMYK\'' in \
        refused(load_image_zip, zip_bytes(grey), "g.zip", mode="CMYK")


def test_image_zip_classes_that_differ_only_in_case_are_warned_about():
    files = {f"{c}/{i}.png": png(9 * i) for c in ("Cat", "cat", "Dog", "dog", "bird") for i in range(2)}
    ds = load_image_zip(zip_bytes(files), "pets.zip", size=(4, 4))
    assert ds.class_names == ["Cat", "Dog", "bird", "cat", "dog"]  # kept apart: the person decides
    assert warnings_in(ds.description)[1] == ["Warning: the classes 'Cat' and 'cat'; 'Dog' and 'dog' differ only in "
                                              "case: if they are one class, give their folders one name."]
    apart = load_image_zip(zip_bytes({f"{c}/{i}.png": png(9 * i) for c in ("cat", "dog") for i in range(2)}), "p.zip")
    assert warnings_in(apart.description)[1] == []


def _jpeg(value) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (8, 8), value).save(buffer, "JPEG", quality=100)
    return buffer.getvalue()


@pytest.mark.parametrize("files, expected", [
    ({"notes/a.txt": b"hi", "b.csv": b"1,2"}, "photos.zip: holds no images (PNG, JPEG, BMP, GIF or WebP)"),
    ({"cat/a.png": png(1), "cat/b.png": png(2)}, "has only one class folder ('cat')"),
    ({"cat/a.png": png(1), "dog/a.png": png(2), "loose.png": png(3)}, "image 'loose.png' is not inside a class folder"),
    ({"cat/a.png": png(1), "dog/bad.png": b"\x89PNG not really"}, "image 'dog/bad.png' is not a readable image (PNG, JPEG"),
    ({"cat/a.png": png(1), "dog/b.png": b"GIF89a" + png(2)[6:]}, "image 'dog/b.png' is not a readable image (PNG, JPEG"),
    ({"cat/a.png": png(1), "../evil.png": png(2)}, "member '../evil.png' points outside the archive"),
    ({"cat/a.png": png(1), "dog/../../evil.png": png(2)}, "points outside the archive"),
    ({"cat/a.png": png(1), "/etc/evil.png": png(2)}, "member '/etc/evil.png' has an absolute path"),
    ({"cat/a.png": png(1), "C:/evil.png": png(2)}, "member 'C:/evil.png' has an absolute path"),
    ({"cat/a.png": png(1), "..\\evil.png": png(2)}, "points outside the archive"),
])
def test_bad_image_zip_is_refused(files, expected):
    assert expected in refused(load_image_zip, zip_bytes(files), "photos.zip")


@pytest.mark.parametrize("files, classes, said", [
    ({f"train/{c}.{i}.jpg": _jpeg(60 * (c == "dog")) for c in ("cat", "dog") for i in range(3)}, ["cat", "dog"],
     "('cat.0.jpg': 'cat')"),  # Kaggle's Dogs vs. Cats
    ({f"{c}_{i:03d}.png": png(9) for c in ("apple", "pear") for i in range(2)}, ["apple", "pear"],
     "('apple_000.png': 'apple')"),
    ({**{f"shots/Cat ({i}).jpg": _jpeg(9) for i in range(2)}, **{f"shots/Sea lion-{i}.png": png(9) for i in range(2)}},
     ["Cat", "Sea lion"], "('Cat (0).jpg': 'Cat')"),
])
def test_images_in_one_folder_take_their_classes_from_their_file_names(files, classes, said):
    ds = load_image_zip(zip_bytes(files), "photos.zip")
    assert ds.class_names == classes and ds.n_samples == len(files)
    assert f"The classes are read from the file names {said}, as no folder per class holds them." in ds.description
    assert sorted(ds.y.tolist()) == sorted(classes.index(n) for n in ds.class_names for _ in range(len(files) // 2))


@pytest.mark.parametrize("files, expected", [
    ({"IMG_0001.jpg": _jpeg(1), "IMG_0002.jpg": _jpeg(2)}, "is not inside a class folder"),  # one word: one class
    ({"cat.1.jpg": _jpeg(1), "cat.2.jpg": _jpeg(2), "dog.1.jpg": _jpeg(3)}, "is not inside a class folder"),  # one dog
    ({"cat.1.jpg": _jpeg(1), "cat.2.jpg": _jpeg(2), "dog.jpg": _jpeg(3), "dog.3.jpg": _jpeg(3)},
     "is not inside a class folder"),  # a name without a number
])
def test_file_names_give_classes_only_when_every_one_says_a_class(files, expected):
    assert expected in refused(load_image_zip, zip_bytes(files), "photos.zip")


def test_a_few_unreadable_images_are_left_out_and_named_not_the_whole_archive_refused():
    good = {f"{c}/{i}.png": png(i) for c in ("cat", "dog") for i in range(4)}
    broken = {"cat/empty.jpg": b"", "dog/cut.png": png(9)[:30], "dog/heic.jpg": b"\x00\x00\x00\x18ftypheic"}
    ds = load_image_zip(zip_bytes({**good, **broken}), "pets.zip", size=(4, 4))
    assert ds.n_samples == 8 and ds.y.tolist() == [0] * 4 + [1] * 4 and ds.class_names == ["cat", "dog"]
    assert "Left out 3 unreadable images: 'cat/empty.jpg', 'dog/cut.png', 'dog/heic.jpg'." in ds.description
    assert torch.equal(ds.x, load_image_zip(zip_bytes(good), "pets.zip", size=(4, 4)).x)  # the rest, as without them
    many = {**good, **{f"dog/x{i}.jpg": b"" for i in range(8)}}  # half of them: the archive itself is wrong
    assert "8 of 16 images cannot be read" in refused(load_image_zip, zip_bytes(many), "pets.zip")
    lost = {**{f"cat/{i}.png": png(i) for i in range(4)}, "dog/x.jpg": b""}  # a class with nothing left
    assert "no image of class 'dog' can be read" in refused(load_image_zip, zip_bytes(lost), "pets.zip")


def test_symlink_member_refuses_the_archive():
    link = zipfile.ZipInfo("cat/link.png")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    files = {"cat/a.png": png(1), "dog/b.png": png(2), link: b"/etc/passwd"}
    assert "member 'cat/link.png' is a symbolic link; the archive is refused" in \
        refused(load_image_zip, zip_bytes(files), "photos.zip")


def test_archive_limits_members_and_pixels():
    files = {f"c{i % 2}/{i}.png": png(i) for i in range(6)}
    assert "holds 6 files; the limit is 5" in refused(load_image_zip, zip_bytes(files), "p.zip",
                                                       limits=Limits(max_members=5))
    assert "is 6×6 pixels; the limit is 30 pixels" in refused(load_image_zip, zip_bytes(files), "p.zip",
                                                               limits=Limits(max_pixels=30))
    assert "limit per file is 50 bytes" in refused(load_image_zip, zip_bytes(files), "p.zip",
                                                   limits=Limits(max_member=50))
    assert "size must be (height, width)" in refused(load_image_zip, zip_bytes(files), "p.zip", size=(0, 4))


def _set_declared_size(archive: bytes, member: str, size: int) -> bytes:
    """Rewrite a member's uncompressed size in the central directory (what zipfile trusts) — a lying header."""
    entry = archive.index(b"PK\x01\x02")
    while True:
        name_len = struct.unpack("<H", archive[entry + 28:entry + 30])[0]
        if archive[entry + 46:entry + 46 + name_len].decode() == member:
            return archive[:entry + 24] + struct.pack("<I", size) + archive[entry + 28:]
        entry = archive.index(b"PK\x01\x02", entry + 4)


def test_zip_bomb_is_refused_before_decompressing():
    files = {"cat/a.png": png(1), "dog/b.png": png(2)}
    claimed = _set_declared_size(zip_bytes(files), "dog/b.png", 300_000_000)  # declares 300 MB
    assert "member 'dog/b.png' would unpack to 300.0 MB; the limit per file is 20.0 MB" in \
        refused(load_image_zip, claimed, "bomb.zip")
    many = zip_bytes({f"c{i % 2}/{i}.png": png(i) for i in range(12)})
    for i in range(12):
        many = _set_declared_size(many, f"c{i % 2}/{i}.png", 19_000_000)  # each under the per-file limit
    assert "bomb.zip: would unpack to 228.0 MB; the limit is 200.0 MB" in refused(load_image_zip, many, "bomb.zip")
    zeros = zip_bytes({"cat/a.png": png(1), "dog/zeros.png": bytes(3_000_000)})  # 3 MB of zeros, ~3 KB packed
    assert len(zeros) < 10_000
    assert "would unpack to 3.0 MB; the limit is 1.0 MB" in refused(
        load_image_zip, zeros, "bomb.zip", limits=Limits(max_unpacked=1_000_000, max_member=5_000_000))


def test_member_that_holds_more_than_its_header_declares():
    files = {"cat/a.png": png(1), "dog/b.png": png(2, size=(40, 40))}
    raw = zip_bytes(files)
    lying = _set_declared_size(raw, "dog/b.png", 20)  # far less than the real size
    assert "member 'dog/b.png'" in refused(load_image_zip, lying, "lie.zip")


# ---- IDX -------------------------------------------------------------------------------------

def idx(array: np.ndarray, code: int = 0x08) -> bytes:
    header = bytes([0, 0, code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(array.dtype.newbyteorder(">")).tobytes()


def test_idx_round_trip_raw_and_gzipped():
    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (30, 5, 4), dtype=np.uint8)
    labels = np.arange(30, dtype=np.uint8) % 3
    ds = load_idx(idx(images), idx(labels), "train-images-idx3-ubyte", "train-labels-idx1-ubyte")
    assert (ds.task, ds.sample_shape, ds.class_names) == ("classification", (1, 5, 4), ["0", "1", "2"])
    np.testing.assert_allclose(ds.x[:, 0].numpy(), images / 255, rtol=1e-6)
    assert ds.y.tolist() == labels.tolist()
    zipped = load_idx(gzip.compress(idx(images)), gzip.compress(idx(labels)), "imgs.gz", "labels.gz")
    assert torch.equal(zipped.x, ds.x) and torch.equal(zipped.y, ds.y)
    floats = load_idx(idx(images.astype(">f4"), 0x0D), idx(labels), "f.idx")
    assert floats.x.max() > 1  # only uint8 pixels are scaled


def test_idx_with_a_lying_header():
    images = np.zeros((2, 3, 3), dtype=np.uint8)
    lying = bytes([0, 0, 8, 3]) + struct.pack(">3I", 1000, 3, 3) + images.tobytes()
    message = refused(load_idx, lying, idx(np.zeros(2, np.uint8)), "imgs.idx")
    assert "imgs.idx: has a header that declares 1,000 × 3 × 3 values (9,000 bytes), but 18 bytes follow" in message
    huge = bytes([0, 0, 8, 3]) + struct.pack(">3I", 2**32 - 1, 2**32 - 1, 2**32 - 1)
    assert "has a header that declares" in refused(load_idx, huge, idx(np.zeros(2, np.uint8)), "imgs.idx")


@pytest.mark.parametrize("images, labels, expected", [
    (b"PK\x03\x04 not idx", None, "imgs.idx: is not an IDX file"),
    (b"\x00\x00\x08\x03\x00", None, "imgs.idx: is cut off inside its header"),
    (gzip.compress(b"x", mtime=0)[:-4] + b"\xff\xff\xff\xff", None, "imgs.idx: is not"),
    (None, np.zeros(3, np.uint8), "labels.idx: holds 3 labels, but imgs.idx holds 2 images"),
    (None, np.zeros((2, 1), np.uint8), "a labels file is [n]"),
    (idx(np.zeros((2, 9), np.uint8)), None, "an images file is [n, height, width]"),
])
def test_bad_idx_is_refused(images, labels, expected):
    images = images if images is not None else idx(np.zeros((2, 3, 3), np.uint8))
    labels = idx(labels) if labels is not None else idx(np.array([0, 1], np.uint8))
    assert expected in refused(load_idx, images, labels, "imgs.idx", "labels.idx")


def test_gzip_bomb_is_capped():
    bomb = gzip.compress(idx(np.zeros((100, 28, 28), np.uint8)))
    assert "imgs.gz: unpacks to more than the limit of 10,000 bytes" in refused(load_idx, bomb, bomb, "imgs.gz",
                                                          limits=Limits(max_unpacked=10_000))


# ---- load_upload, and nothing but DataError ever escapes -------------------------------------

def test_load_upload_dispatches_on_the_extension():
    assert load_upload(b"a,y\n1,0\n2,1\n", "t.CSV").task == "classification"
    assert load_upload(npz_bytes(x=np.zeros((4, 2)), y=np.arange(4.0) / 3), "t.npz").task == "regression"
    images = zip_bytes({"a/1.png": png(1), "b/1.png": png(2)})
    assert load_upload(images, "p.zip", size=(2, 2)).sample_shape == (1, 2, 2)
    assert "IDX files come in pairs" in refused(load_upload, b"", "train-images-idx3-ubyte.gz")
    assert "unsupported file type '.sav'" in refused(load_upload, b"", "survey.sav")
    parquet = io.BytesIO()
    pd.DataFrame({"a": [1.0, 2.0, 3.0, 4.0], "y": [0, 1, 0, 1]}).to_parquet(parquet)
    assert load_upload(parquet.getvalue(), "table.parquet").task == "classification"
    assert load_upload(workbook([["a", "y"], [1, 0], [2, 1]]), "book.xlsx").task == "classification"
    message = refused(load_upload, b"a,y\n1,0\n", "t.csv", colour="red")
    assert "unknown option 'colour'" in message and "target, task" in message


def test_a_gzipped_csv_reads_as_the_table_inside_within_the_limit_on_unpacking(tmp_path):
    """Kaggle and scikit-learn ship tables as .csv.gz: read as the CSV inside, for training and for predict; a
    small file that unpacks past the limit is refused before more is unpacked; a damaged one is named."""
    from builder.uploads.csv_file import read_table_cells
    table = b"a;b;y\n" + b"\n".join(b"%d;%d,5;%s" % (i, i % 7, b"xy"[i % 2:i % 2 + 1]) for i in range(40))
    plain, packed = load_csv(table, "t.csv"), load_upload(gzip.compress(table), "t.csv.gz")
    assert torch.equal(plain.x, packed.x) and torch.equal(plain.y, packed.y) and packed.class_names == ["x", "y"]
    assert "Unpacked from gzip" in packed.description and "Unpacked" not in plain.description
    (tmp_path / "t.tsv.gz").write_bytes(gzip.compress(table))
    assert load_upload(tmp_path / "t.tsv.gz").n_samples == 40
    cells = read_table_cells(gzip.compress(table), "in.csv.gz")  # what predict reads
    assert cells == read_table_cells(table, "in.csv") and list(cells) == ["a", "b", "y"] and len(cells["b"]) == 40
    bomb = gzip.compress(b"a,y\n" + b"1,0\n" * 100_000)
    assert "unpacks to more than the limit of" in refused(load_csv, bomb, "big.csv.gz",
                                                          limits=Limits(max_unpacked=10_000))
    assert "is not a valid gzip file" in refused(load_csv, gzip.compress(table)[:-12], "cut.csv.gz")


def test_one_table_of_formats_names_the_files_their_options_and_what_predict_reads():
    from builder.prediction import INPUT_READERS
    from builder.uploads import UPLOAD_FORMATS, format_for
    for fmt in UPLOAD_FORMATS.values():
        if fmt.by_name:
            assert all(format_for("data" + suffix.upper()) is fmt for suffix in fmt.suffixes)
        else:  # plain text for a language model: a .txt is read so when chosen, by the page or for such a network
            assert all(format_for("data" + suffix.upper()) is not fmt for suffix in fmt.suffixes)
    assert [key for key, fmt in UPLOAD_FORMATS.items() if not fmt.by_name] == ["corpus"]
    assert format_for("train-images-idx3-ubyte") is UPLOAD_FORMATS["idx"] and format_for("table.sav") is None
    assert format_for("table.parquet") is format_for("table.feather") is UPLOAD_FORMATS["csv"]  # columns of a table
    assert format_for("book.xlsx") is UPLOAD_FORMATS["csv"]  # a workbook's first sheet is a table
    assert format_for("Table.CSV.GZ") is UPLOAD_FORMATS["csv"] and format_for("images.gz") is UPLOAD_FORMATS["idx"]
    assert UPLOAD_FORMATS["csv"].options == ("target", "task", "missing", "ignore", "text", "tokens", "seq_len")
    assert UPLOAD_FORMATS["zip"].options == ("size", "mode") and UPLOAD_FORMATS["idx"].options == ()
    assert set(INPUT_READERS) == {key for key, fmt in UPLOAD_FORMATS.items() if fmt.predict} == {"csv", "npz", "zip"}


def _valid_uploads() -> dict:
    return {
        "t.csv": b"a,b,y\n1,x,0\n2,y,1\n3,x,0\n4,y,1\n",
        "t.npz": npz_bytes(x=np.zeros((4, 2)), y=np.array([0, 1, 0, 1])),
        "t.zip": zip_bytes({"a/1.png": png(1), "b/1.png": png(2)}),
    }


@pytest.mark.parametrize("name", ["t.csv", "t.npz", "t.zip"])
def test_damaged_files_only_ever_raise_data_error(name):
    rng = np.random.default_rng(0)
    raw = _valid_uploads()[name]
    variants = [raw[:cut] for cut in range(0, len(raw), max(1, len(raw) // 40))]
    variants += [bytes(rng.integers(0, 256, 200, dtype=np.uint8)) for _ in range(5)]
    for i in range(10):  # flip a few bytes
        damaged = bytearray(raw)
        for at in rng.integers(0, len(raw), 3):
            damaged[at] ^= 0xFF
        variants.append(bytes(damaged))
    for variant in variants:
        try:
            load_upload(variant, name, **({"size": (2, 2)} if name.endswith(".zip") else {}))
        except DataError as e:
            assert str(e).startswith(name)
