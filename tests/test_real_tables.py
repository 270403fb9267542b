"""Tables as people really upload them: exports from spreadsheets, banks and statistics offices in any locale, UCI's
and R's files, pandas' arrays saved as CSV. Each is written here, in memory, as such a file is written, and must
read as its author meant (numbers as numbers, gaps as gaps, the header as the header), or be refused naming the
file, the column or the row, and what would work.

Before, these read silently wrong or were refused for the wrong reason: an accountant's "(12)" and a price "1,81 €"
became one category per value; "1 234,5" and "1'234.5" too; "#DIV/0!" or "-" in a number column refused the column
as a typo; a title line above the header refused the file ("line 2 has 4 values, but the header has 1 columns"); a
header repeated mid-file made the header itself a sample; a number target with one stray word became a class per
number; a column of names one-hot encoded into one feature per row; a table aligned with spaces (Boston's
housing.data) read as one column of text."""
from __future__ import annotations

import io
import json
import random
from pathlib import Path

import numpy as np
import pytest
import sklearn.datasets
import torch

from builder.errors import DataError
from builder.uploads.csv_file import csv_columns, load_csv, read_table_cells

from hostile.helpers import cli, refused_cli, small_spec


def rows_of(header: str, make, n: int = 30, sep: str = "\n") -> bytes:
    """A table's text: the header, then `make(i)` for each of n rows."""
    return (sep.join([header] + [make(i) for i in range(n)]) + sep).encode()


def column(ds, name: str) -> list[float]:
    return ds.x[:, ds.feature_names.index(name)].tolist()


def european(value: float) -> str:
    """1234.5 as a German spreadsheet shows it: 1.234,50."""
    return f"{value:,.2f}".translate(str.maketrans(",.", ".,"))


# ---- numbers as spreadsheets show them ------------------------------------------------------------------------

def test_accountants_negatives_and_currency_after_the_number_are_numbers():
    values = [(-1) ** i * (i * 137.25 + 1000) for i in range(30)]

    def us(i):
        v = values[i]
        money = f"${abs(v):,.2f}"
        return f'"{money if v > 0 else f"({money})"}",{"(" + str(i) + ")" if i % 3 else i},{"ab"[i % 2]}'
    ds = load_csv(rows_of("revenue,change,label", us), "ledger.csv")
    assert ds.feature_names == ["revenue", "change"]
    assert np.allclose(column(ds, "revenue"), values)
    assert column(ds, "change") == [-i if i % 3 else i for i in range(30)]

    eu = rows_of("Preis;Vendu", lambda i: f"{european(values[i])} €;{i % 2}")  # a French or German export
    ds = load_csv(eu, "prix.csv")
    assert ds.feature_names == ["Preis"] and np.allclose(column(ds, "Preis"), values)


@pytest.mark.parametrize("space", [" ", "\u00a0", "\u202f"])  # typed, Excel's no-break space, the narrow one
def test_thousands_grouped_with_spaces_read_with_a_decimal_comma(space):
    values = [1000 * i + 234.5 for i in range(1, 31)]
    raw = rows_of("montant;écart;label", lambda i: f"{values[i]:,.1f}".replace(",", space).replace(".", ",") +
                  f";\u2212{i},5;{'xy'[i % 2]}")
    ds = load_csv(raw, "fr.csv")
    assert np.allclose(column(ds, "montant"), values)
    assert np.allclose(column(ds, "écart"), [-(i + 0.5) for i in range(30)])  # the typeset minus sign


def test_thousands_grouped_with_apostrophes_read_with_a_decimal_point():
    values = [1000 * i + 569.25 for i in range(1, 31)]
    raw = rows_of("Betrag,label", lambda i: f"{values[i]:,.2f}".replace(",", "'") + f",{'xy'[i % 2]}")
    assert np.allclose(column(load_csv(raw, "ch.csv"), "Betrag"), values)


def test_a_decimal_comma_column_is_not_thousands_and_the_thousands_not_decimals():
    raw = rows_of("a;b;label", lambda i: f"{european(1000 + i * 11.5)};0,{i + 100};{'xy'[i % 2]}")
    ds = load_csv(raw, "eu.csv")
    assert np.allclose(column(ds, "a"), [1000 + i * 11.5 for i in range(30)])
    assert np.allclose(column(ds, "b"), [float(f"0.{i + 100}") for i in range(30)])


# ---- gaps ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("gap", ["#DIV/0!", "#VALUE!", "#N/A", "#REF!", "#NUM!", "-", "--", ".", "\u2013", "NULL",
                                 "n/a", "None", "NaN", "?", ""])
def test_excel_errors_and_dashes_in_a_number_column_are_gaps(gap):
    raw = rows_of("x,y,label", lambda i: f"{i / 10},{gap if i in (3, 8) else i * 2},{'ab'[i % 2]}")
    with pytest.raises(DataError, match=r"gaps\.csv: column 'y' has 2 missing value\(s\), the first in data row 4"):
        load_csv(raw, "gaps.csv")
    ds = load_csv(raw, "gaps.csv", missing="drop")
    assert ds.n_samples == 28 and column(ds, "y") == [i * 2 for i in range(30) if i not in (3, 8)]


def test_a_dash_is_a_value_in_a_column_of_text():
    raw = rows_of("strand,score,label", lambda i: f"{'+-'[i % 2]},{i},{'xy'[i % 3 == 0]}")
    ds = load_csv(raw, "genes.csv")
    assert ds.feature_names == ["strand=+", "strand=-", "score"]


def test_an_excel_error_in_the_target_drops_that_row_only():
    raw = rows_of("a,price", lambda i: f"{i},{'#DIV/0!' if i == 5 else 100 + i * 3.5}")
    ds = load_csv(raw, "prices.csv")
    assert ds.task == "regression" and ds.n_samples == 29 and "1 rows without a target were dropped" in ds.description


def test_a_number_target_with_a_stray_word_is_refused_not_made_a_class_per_number():
    raw = rows_of("a,b,price", lambda i: f"{i},{i % 4},{'n.a.' if i == 7 else 100 + i * 3.5}")
    with pytest.raises(DataError, match=r"prices\.csv: target column 'price' holds numbers but also text such as "
                                        r"'n\.a\.' \(data row 8\) — fix or delete those cells"):
        load_csv(raw, "prices.csv")
    assert load_csv(raw, "prices.csv", target="price", task="classification").task == "classification"  # asked


def test_an_infinite_feature_is_refused_naming_its_row():
    raw = rows_of("a,b,label", lambda i: f"{i},{'-inf' if i == 6 else i / 3},{'xy'[i % 2]}")
    with pytest.raises(DataError, match=r"inf\.csv: column 'b' holds -inf in data row 7, an infinite value .* — "
                                        r"replace it with a number, or empty the cell and choose drop or impute"):
        load_csv(raw, "inf.csv")


def test_empty_spreadsheet_rows_are_dropped_as_empty_rows():
    raw = b"\xef\xbb\xbf" + rows_of("Name;Age;Score;Passed;;",
                                    lambda i: f"P{i};{20 + i};{i},5;{'ja' if i % 3 else 'nein'};;",
                                    sep="\r\n") + b";;;;;\r\n;;;;;\r\n"  # Excel's BOM, CRLF, empty rows
    ds = load_csv(raw, "export.csv")
    assert ds.n_samples == 30 and "2 empty rows were dropped" in ds.description
    assert "without a target" not in ds.description
    assert ds.feature_names == ["Age", "Score"] and np.allclose(column(ds, "Score"), [i + 0.5 for i in range(30)])


# ---- what stands around the table ----------------------------------------------------------------------------

TABLE = [f"{i},{i * 0.5},{'xy'[i % 2]}" for i in range(30)]


@pytest.mark.parametrize("above, shown", [
    (["Sales report 2023"], "'Sales report 2023'"),
    (["Sales report 2023,,", ",,"], "'Sales report 2023'"),  # a spreadsheet's title row and an empty row
    (["# generated by tool v1", "# units: cm, kg"], "'# generated by tool v1', '# units: cm, kg'"),
    (["|1x3 Cross validator"], "'|1x3 Cross validator'"),  # UCI's adult.test: a bar that is no separator
])
@pytest.mark.parametrize("accent", ["", "é"])  # plain ASCII (read with pyarrow) or not (read cell by cell)
def test_a_title_or_comments_above_the_header_are_left_out_and_named(above, shown, accent):
    raw = "\n".join(above + [f"units,price{accent},label"] + TABLE).encode()
    ds = load_csv(raw, "report.csv")
    assert ds.feature_names == ["units", f"price{accent}"] and ds.n_samples == 30
    assert column(ds, f"price{accent}") == [i * 0.5 for i in range(30)]
    lines = "The line" if len(above) == 1 else f"The {len(above)} lines"
    assert f"{lines} above the table" in ds.description and shown in ds.description
    assert csv_columns(raw, "report.csv") == ["units", f"price{accent}", "label"]  # what the page shows first
    assert list(read_table_cells(raw, "report.csv")) == ["units", f"price{accent}", "label"]  # what predict reads


@pytest.mark.parametrize("name, counts, header", [
    ("wine_data.csv", "30,3,class_0,class_1,class_2", ""),  # scikit-learn's own files: counts above headerless rows
    ("breast_cancer.csv", "30,4,malignant,benign", ""),
    ("iris.csv", "30,7,v,w,x,y,z,label", ""),  # as wide as the rows: 30 rows below, 7 features and the target
    ("counted.csv", "30 rows,8 columns", "a,b,c,d,e,f,g,label\n"),  # and above a header
])
def test_a_line_of_counts_above_the_rows_is_left_out_and_named(name, counts, header):
    rows = [f"{i},{i * 0.5},{i % 7},{i % 3},{i % 5},{i * i},{i % 4},{i % 2}" for i in range(30)]  # 7 features, a class
    ds = load_csv((counts + "\n" + header + "\n".join(rows)).encode(), name)
    assert ds.n_samples == 30 and ds.x.shape == (30, 7) and ds.class_names == ["0", "1"]
    assert column(ds, ds.feature_names[1]) == [i * 0.5 for i in range(30)]
    assert f"The line above the table was left out: {counts!r}" in ds.description
    assert ("No header row" in ds.description) == (not header)


@pytest.mark.parametrize("first", ["29,7,v,w,x,y,z,label", "30,6,v,w,x,y,z,label", "30,7,0.5,1,2,3,4,1"])
def test_a_first_line_that_does_not_count_the_table_is_still_its_header_or_a_sample(first):
    rows = [f"{i},{i * 0.5},{i % 7},{i % 3},{i % 5},{i * i},{i % 4},{i % 2}" for i in range(30)]
    ds = load_csv((first + "\n" + "\n".join(rows) + "\n\n").encode(), "spectra.csv")
    assert "left out" not in ds.description
    if first.endswith("label"):  # names: the header
        assert ds.n_samples == 30 and ds.feature_names == first.split(",")[:7]
    else:  # numbers alone, counting or not: the first sample
        assert ds.n_samples == 31 and ds.x[0, 2].item() == 0.5 and "No header row" in ds.description


def test_scikit_learns_own_iris_csv_reads_as_150_samples_of_4_features_and_3_classes():
    """The file scikit-learn ships (and reads with `load_iris`): a line of counts as wide as the rows below it."""
    raw = (Path(sklearn.datasets.__file__).parent / "data" / "iris.csv").read_bytes()
    ds, iris = load_csv(raw, "iris.csv"), sklearn.datasets.load_iris()
    assert ds.feature_names == ["column 1", "column 2", "column 3", "column 4"] and ds.class_names == ["0", "1", "2"]
    assert np.allclose(ds.x, iris.data) and (ds.y.numpy() == iris.target).all()
    assert "The line above the table was left out: '150,4,setosa,versicolor,virginica'" in ds.description


def test_a_header_one_cell_short_is_still_a_header_and_a_ragged_table_still_refused():
    """R's write.table names no column over its row names: a header one cell short stays the header (the test of
    R's files above); a line two or more short of rows that disagree among themselves is no line of counts."""
    rows = [f"{i},{i * 0.5},{i % 7},{i % 2}" + ",9" * (i == 5) for i in range(30)]
    with pytest.raises(DataError, match="every row needs one value per column"):
        load_csv(("a,b\n" + "\n".join(rows)).encode(), "ragged.csv")


def test_a_title_holding_a_comma_does_not_decide_a_semicolon_tables_separator():
    raw = "\n".join(["Export, created 2023-05-01", "a;b;label"] +
                    [f"{i},5;{i};{'xy'[i % 2]}" for i in range(30)]).encode()
    ds = load_csv(raw, "export.csv")
    assert column(ds, "a") == [i + 0.5 for i in range(30)] and "separated by semicolons" in ds.description


def test_a_header_repeated_below_is_refused_naming_its_row():
    lines = ["a,b,label"] + TABLE[:15] + ["a,b,label"] + TABLE[15:]
    with pytest.raises(DataError, match=r"joined\.csv: data row 16 repeats the header row .* — delete the repeated "
                                        r"header lines, keeping the first line only"):
        load_csv("\n".join(lines).encode(), "joined.csv")


def test_pandas_numbered_columns_are_a_header():
    with_index = ",0,1,2,3\n" + "\n".join(f"{i},{i / 7:.3f},{i / 9:.3f},{i / 11:.3f},{i % 2}" for i in range(30))
    ds = load_csv(with_index.encode(), "array.csv")
    assert ds.feature_names == ["Unnamed: 0", "0", "1", "2"] and ds.n_samples == 30 and ds.class_names == ["0", "1"]
    ds = load_csv(with_index.split("\n", 1)[1].replace("\n", "\n", 1).encode(), "plain.csv")  # no header at all
    assert ds.n_samples == 30 and "No header row" in ds.description


def test_a_text_column_with_a_value_of_its_own_in_every_row_is_left_out():
    raw = rows_of("Name,Age,label", lambda i: f"Person {i},{20 + i % 7},{'xy'[i % 2]}")
    ds = load_csv(raw, "people.csv")
    assert ds.feature_names == ["Age"]
    assert "'Name' (text with a value of its own in every row, like a name or an id" in ds.description
    few = rows_of("Name,Age,label", lambda i: f"Person {i},{20 + i % 7},{'xy'[i % 2]}", n=10)
    assert load_csv(few, "few.csv").feature_names[0] == "Name=Person 0"  # too few rows to tell


# ---- tables aligned with spaces --------------------------------------------------------------------------------

def test_a_table_aligned_with_spaces_reads_as_its_columns():
    rng = random.Random(0)
    lines = [" " + " ".join(f"{rng.uniform(0, 100):8.4f}" for _ in range(13)) + f"  {rng.uniform(5, 50):.1f}"
             for _ in range(40)]  # Boston's housing.data
    ds = load_csv(("\n".join(lines) + "\n").encode(), "housing.data")
    assert ds.task == "regression" and ds.x.shape == (40, 13)
    assert np.allclose(ds.y[:, 0].tolist(), [float(line.split()[-1]) for line in lines])
    assert "separated by spaces" in ds.description


def test_r_write_table_and_auto_mpg_read_as_their_columns():
    r = '"a" "b" "label"\n' + "\n".join(f'"{i + 1}" {i / 3:.3f} {i % 5} "{"xy"[i % 2]}"' for i in range(30))
    ds = load_csv(r.encode(), "r.txt")  # R writes no name over its row names
    assert ds.feature_names == ["Unnamed: 0", "a", "b"] and ds.class_names == ["x", "y"]
    mpg = "\n".join(f'{18 + i % 9}.0   {4 + 2 * (i % 3)}   {300 + i}.0\t"car model {i}"' for i in range(30))
    cells = read_table_cells(mpg.encode(), "auto-mpg.data")
    assert list(cells) == ["column 1", "column 2", "column 3", "column 4"] and cells["column 4"][1] == "car model 1"


def test_a_tab_separated_table_with_words_in_its_cells_is_not_split_at_the_spaces():
    raw = rows_of("city\tpeople\tlabel", lambda i: f"New {'York Jersey'.split()[i % 2]}\t{i * 1000}\t{'xy'[i % 2]}")
    ds = load_csv(raw, "cities.tsv")
    assert ds.feature_names == ["city=New Jersey", "city=New York", "people"]


# ---- whole files, as they are known ----------------------------------------------------------------------------

def adult(n: int = 60) -> bytes:
    """UCI's adult.data: no header, ", " between values, " ?" for a gap."""
    rng = random.Random(1)
    return "\n".join(", ".join([str(rng.randint(17, 90)), rng.choice(["Private", "?", "State-gov"]),
                                rng.choice(["Male", "Female"]), str(rng.randint(1, 99)),
                                rng.choice(["<=50K", ">50K"])]) for _ in range(n)).encode() + b"\n"


def bank(n: int = 60) -> bytes:
    """UCI's bank marketing: semicolons, every header and text cell quoted."""
    rng = random.Random(2)
    head = '"age";"job";"balance";"y"'
    return rows_of(head, lambda i: f'{rng.randint(18, 90)};"{rng.choice(["admin.", "blue-collar"])}";'
                                   f'{rng.randint(-2000, 50000)};"{rng.choice(["yes", "no"])}"', n)


def wine(n: int = 60) -> bytes:
    """Wine quality: semicolons, decimal points, quoted names with spaces."""
    rng = random.Random(3)
    return rows_of('"fixed acidity";"volatile acidity";"alcohol";"quality"',
                   lambda i: f"{rng.uniform(5, 12):.1f};{rng.uniform(0.1, 1):.2f};{rng.uniform(8, 14):.1f};"
                             f"{rng.choice([5, 6, 7])}", n)


def titanic(n: int = 60) -> bytes:
    rng = random.Random(4)
    return rows_of("PassengerId,Survived,Pclass,Name,Sex,Age,Ticket,Fare,Embarked",
                   lambda i: f'{i + 1},{i % 2},{1 + i % 3},"Name{i}, Mr. X",{"male" if i % 3 else "female"},'
                             f'{"" if i % 7 == 0 else 20 + i % 50},A/5 {rng.randint(1000, 99999)},'
                             f'{rng.uniform(5, 200):.4f},{"SCQ"[i % 3]}', n)


@pytest.mark.parametrize("name, make, target, task, features, missing", [
    ("adult.data", adult, "column 5", "classification", ["column 1", "column 2=Private", "column 2=State-gov",
                                                         "column 3=Female", "column 3=Male", "column 4"], "impute"),
    ("bank.csv", bank, "y", "classification", ["age", "job=admin.", "job=blue-collar", "balance"], None),
    ("winequality-red.csv", wine, "quality", "classification", ["fixed acidity", "volatile acidity", "alcohol"],
     None),
    ("train.csv", titanic, "Survived", "classification", ["PassengerId", "Pclass", "Sex=female", "Sex=male", "Age",
                                                          "Fare", "Embarked=C", "Embarked=Q", "Embarked=S"], "impute"),
])
def test_well_known_tables_read_as_people_expect(name, make, target, task, features, missing):
    ds = load_csv(make(), name, missing=missing)
    assert f"target '{target}'" in ds.description and ds.task == task and ds.feature_names == features
    assert bool(torch.isfinite(ds.x).all()) or missing == "impute"


def test_an_excel_workbook_with_a_title_and_an_error_cell_reads_as_its_table():
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Quarterly sales"])
    sheet.append([])
    sheet.append(["Units", "Share", "Active", "Price"])
    for i in range(30):
        sheet.append([i, "#DIV/0!" if i == 4 else i / 30, i % 3 == 0, 10 + i])
    out = io.BytesIO()
    book.save(out)
    ds = load_csv(out.getvalue(), "sales.xlsx", missing="drop")
    assert ds.task == "regression" and "target 'Price'" in ds.description and ds.n_samples == 29
    assert ds.feature_names == ["Units", "Share", "Active=FALSE", "Active=TRUE"]
    assert "'Quarterly sales'" in ds.description


def test_the_cli_trains_one_epoch_on_a_messy_european_export(tmp_path, capsys):
    rows = ["Export, erstellt am 01.05.2023;;;;", "Umsatz;Anteil;Änderung;Region;Kündigung"]
    rows += [f"{european(1000 + 37.5 * i)} €;{i % 40},5 %;({i % 4});{'Nord Süd'.split()[i % 2]};"
             f"{'ja' if i % 3 else 'nein'}" for i in range(40)]
    rows[7] = "-;#DIV/0!;(1);Nord;nein"
    data = tmp_path / "export.csv"
    data.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    (tmp_path / "spec.json").write_text(json.dumps(small_spec()))
    refused_cli(capsys, "train", tmp_path / "spec.json", "--data", data, "--out", tmp_path / "run",
                words="export.csv: 2 columns have missing values: column 'Umsatz' has 1 missing value(s)")
    code, out, err = cli(capsys, "train", tmp_path / "spec.json", "--data", data, "--missing", "impute", "--fit",
                         "--epochs", "1", "--device", "cpu", "--out", tmp_path / "run")
    assert code == 0, err
    assert "5 features (2 classes)" in out and "Read as Windows-1252 text, separated by semicolons" in out
    assert (tmp_path / "run" / "model.safetensors").exists()


def test_the_cli_refuses_a_repeated_header_with_an_error_line(tmp_path, capsys):
    (tmp_path / "spec.json").write_text(json.dumps(small_spec()))
    (tmp_path / "joined.csv").write_text("\n".join(["a,b,label"] + TABLE + ["a,b,label"] + TABLE) + "\n")
    err = refused_cli(capsys, "train", tmp_path / "spec.json", "--data", tmp_path / "joined.csv", "--out",
                      tmp_path / "run", words="joined.csv: data row 31 repeats the header row")
    assert err.count("error:") == 1


def test_a_text_tables_number_target_with_a_stray_word_is_refused_as_a_tables_is():
    rows = ["review,score"] + [f'"great film number {i}, really",{i % 5 + 0.5}' for i in range(30)] + ['"ok",n.a.']
    raw = "\n".join(rows).encode()
    with pytest.raises(DataError, match=r"target column 'score' holds numbers but also text such as 'n.a.'"):
        load_csv(raw, "reviews.csv", text="review", target="score")
    assert load_csv(raw, "reviews.csv", text="review", target="score", task="classification").task == "classification"


@pytest.mark.parametrize("word", ["word", "wörd"])  # ASCII (read by pyarrow) and not (by the csv module)
def test_a_text_cell_longer_than_the_csv_modules_own_limit_is_read_and_cut_as_promised(word):
    rows = [f'"{(word + " ") * (40_000 if i == 3 else 5)}",{i % 2}' for i in range(20)]
    data = load_csv(("review,label\n" + "\n".join(rows)).encode(), "reviews.csv", text="review")
    assert data.class_names == ["0", "1"] and "1 longer text(s) cut" in data.description


@pytest.mark.parametrize("raw", [("x" * 140_000 + "\n0,.1").encode(),  # found by the fuzzer: a title-like first line
                                 ("review,label\n" + "word " * 30_000 + ",1\nshort,0\n").encode(),
                                 ('"' + "a" * 70_000 + '",b\n1,2\n3,4\n').encode()])
def test_the_column_list_the_page_shows_first_is_the_tables_however_long_its_first_lines(raw):
    """The page lists a file's columns from its first 64 KB before it reads the whole file; first lines longer than
    that (a long text, a long title) are read whole, so the list holds the columns the dataset has."""
    from builder.uploads import load_upload
    try:
        data = load_upload(raw, "long.csv", missing="impute")
    except DataError:
        return
    assert {c.name for c in data.table.columns} <= set(csv_columns(raw, "long.csv"))


def test_the_column_list_holds_the_tables_columns_when_a_long_line_lies_below_the_first_64_kb():
    """Found by the fuzzer: short first lines, then a line longer than the 64 KB the list is read from."""
    from builder.uploads import load_upload
    raw = (":;\n,\n" + "x" * 140_000 + '\n,";0').encode()
    data = load_upload(raw, "long.csv", missing="impute")
    assert {c.name for c in data.table.columns} <= set(csv_columns(raw, "long.csv"))


@pytest.mark.parametrize("sep", [",", ";", "\t"])
@pytest.mark.parametrize("text", [False, True])
def test_rows_ending_with_a_separator_the_header_lacks_read_as_their_columns(sep, text):
    """Some exporters end every data row with a separator but not the header: "line 2 has 4 values, but the header
    has 3 columns" refused the file. Its rows' empty last field is now an unnamed column, left out when empty."""
    rng = random.Random(0)
    lines = [sep.join(["age", "colour" if text else "fare", "label"])] + [
        sep.join([str(rng.randint(18, 80)), rng.choice(["red", "blue"]) if text else str(rng.randint(5, 90)),
                  str(i % 2)]) + sep for i in range(30)]
    raw = ("\r\n".join(lines) + "\r\n").encode()
    ds = load_csv(raw, "export.csv")
    assert ds.feature_names == (["age", "colour=blue", "colour=red"] if text else ["age", "fare"])
    assert len(ds.x) == 30 and csv_columns(raw, "export.csv") == ["age", "colour" if text else "fare", "label"]
    assert column(ds, "age") == [float(line.split(sep)[0]) for line in lines[1:]]


def test_a_value_after_the_headers_last_column_is_not_thrown_away():
    raw = b"a,b,label\n" + b"".join(b"%d,%d,%d,\n" % (i, i * 2, i % 2) for i in range(30)) + b"5,6,0,9\n"
    with pytest.raises(DataError, match="line 2 has 4 values, but the header has 3 columns"):
        load_csv(raw, "t.csv")  # the first rows ended empty, but one further down holds a value there
    far = b"a,b,label\n" + b"".join(b"%d,%d,%d,\n" % (i, i * 2, i % 2) for i in range(900)) + b"5,6,0,9\n"
    with pytest.raises(DataError, match="Unnamed: 3"):  # further down than the layout looks: its column, named
        load_csv(far, "t.csv")
