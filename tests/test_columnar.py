"""Parquet and Feather files as tables (uploads.columnar): read as a CSV of the same table is, after their size
once decoded was checked; a column of lists, structs or bytes refused by name."""
import io

import numpy as np
import pandas as pd
import pytest
import torch

from builder.errors import DataError
from builder.uploads.common import Limits
from builder.uploads.csv_file import load_csv, read_table_cells
from hostile.helpers import cli

ROWS = 120


def frame() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    data = pd.DataFrame({"age": rng.integers(18, 80, ROWS).astype(float), "fare": rng.normal(30, 10, ROWS).round(3),
                         "sex": pd.Categorical(rng.choice(["male", "female"], ROWS)),
                         "when": pd.date_range("2020-01-01", periods=ROWS, freq="D"),
                         "survived": rng.integers(0, 2, ROWS)})
    data.loc[5, "age"] = np.nan
    return data


def saved(data: pd.DataFrame, kind: str) -> bytes:
    out = io.BytesIO()
    (data.to_parquet if kind == "parquet" else data.to_feather)(out)
    return out.getvalue()


@pytest.mark.parametrize("kind", ["parquet", "feather"])
def test_a_columnar_file_reads_as_the_csv_of_the_same_table(kind):
    data = frame()
    as_csv = data.assign(when=data["when"].dt.strftime("%Y-%m-%d %H:%M:%S")).to_csv(index=False).encode()
    reference = load_csv(as_csv, "t.csv", target="survived", missing="impute")
    read = load_csv(saved(data, kind), f"t.{kind}", target="survived", missing="impute")
    assert read.feature_names == reference.feature_names == ["age", "fare", "sex=female", "sex=male", "when (days)",
                                                             "when (month)", "when (weekday)"]  # dates at midnight
    assert torch.allclose(torch.nan_to_num(read.x), torch.nan_to_num(reference.x)) and torch.equal(read.y, reference.y)
    assert "'when' read as dates, year first" in read.description  # a date column read as dates, as in a CSV
    assert f"Read from its {kind.capitalize()} columns" in read.description
    cells = read_table_cells(saved(data, kind), f"t.{kind}")  # what predict reads
    assert list(cells) == list(data.columns) and cells["sex"][:2] == list(data["sex"][:2])


@pytest.mark.parametrize("index, first", [
    (lambda d: d[d.index % 3 > 0], ["index"]),  # rows filtered out: pandas keeps their numbers as a column, last
    (lambda d: d.set_index("year"), ["year"]),  # a range made the index: kept in the file's metadata only
    (lambda d: d.set_index(pd.date_range("2021-01-01", periods=ROWS)), ["index (days)", "index (month)",
                                                                          "index (weekday)"]),
    (lambda d: d.set_index(["year", "fare"]), ["year", "fare"]),
], ids=["rows filtered", "a range", "dates", "two levels"])
def test_a_pandas_index_saved_with_parquet_is_read_as_the_first_columns_not_the_target(index, first):
    """DataFrame.to_parquet keeps a non-range index as the table's last columns, where it was taken for the target
    (a column named __index_level_0__), or a range index in its metadata alone, where it was lost: read as to_csv
    writes the table, index first (an unnamed one named 'index', as reset_index names it)."""
    data = frame().drop(columns=["when", "sex"]).assign(year=range(1900, 1900 + ROWS))
    table = index(data)
    read = load_csv(saved(table, "parquet"), "t.parquet", missing="impute")
    as_csv = load_csv(table.to_csv().encode(), "t.csv", missing="impute")  # what pandas writes, index first
    assert read.feature_names[:len(first)] == first and "target 'survived'" in read.description
    assert torch.allclose(torch.nan_to_num(read.x), torch.nan_to_num(as_csv.x)) and torch.equal(read.y, as_csv.y)
    assert "its pandas index" in read.description and "__index_level" not in read.description
    assert list(read_table_cells(saved(table, "parquet"), "t.parquet"))[0] in ("index", first[0])  # predict, alike


def test_a_parquet_files_pandas_metadata_that_lies_is_not_followed():
    import pyarrow as pa
    import pyarrow.parquet as pq
    for meta in (b"{not json", b'{"index_columns": ["missing", {"kind": "range", "name": "r", "start": 0, '
                                b'"stop": 1000000000, "step": 1}, {"kind": "range", "name": "s", "start": 0, "stop": 4, '
                                b'"step": 0}, 7, null]}', b"[1, 2]"):
        table = pa.table({"a": [1.0, 2.0, 3.0, 4.0], "y": [0, 1, 0, 1]}).replace_schema_metadata({b"pandas": meta})
        out = io.BytesIO()
        pq.write_table(table, out)
        read = load_csv(out.getvalue(), "lies.parquet")
        assert read.feature_names == ["a"] and "pandas index" not in read.description


@pytest.mark.parametrize("kind", ["parquet", "feather"])
def test_what_a_table_cannot_hold_is_refused_by_name(kind):
    nested = pd.DataFrame({"tags": [[1, 2], [3]], "y": [0, 1]})
    with pytest.raises(DataError, match=r"^n\.\w+: column 'tags' holds list<.*>, not numbers or text"):
        load_csv(saved(nested, kind), f"n.{kind}")
    too_big = Limits(max_values=ROWS * 5 - 1)
    with pytest.raises(DataError, match=f"holds {ROWS} rows of 5 columns, more than"):
        load_csv(saved(frame(), kind), f"t.{kind}", limits=too_big)
    with pytest.raises(DataError, match=f"is not a readable {kind.capitalize()} file"):
        load_csv(saved(frame(), kind)[:200], f"cut.{kind}")


def test_the_cli_trains_on_a_parquet_file(tmp_path, capsys):
    (tmp_path / "t.parquet").write_bytes(saved(frame(), "parquet"))
    from conftest import ROOT
    code, out, err = cli(capsys, "train", ROOT / "presets" / "logistic_regression.json", "--data",
                         tmp_path / "t.parquet", "--target", "survived", "--missing", "impute", "--fit",
                         "--epochs", "1", "--out", tmp_path / "out")
    assert code == 0, err
    assert "data: Uploaded CSV: 120 rows, target 'survived'" in out and "Read from its Parquet columns" in out


def test_a_converted_file_is_converted_once_for_its_columns_and_its_load(monkeypatch):
    """The page reads an uploaded workbook's or Parquet file's columns on every run, then loads it: the CSV text
    it converts to is kept by the bytes' digest (a 50,000-row workbook took seconds a run)."""
    from builder.uploads import csv_file
    calls = []
    original = csv_file.columnar_text

    def counted(raw, name, limits):
        calls.append(name)
        return original(raw, name, limits)

    monkeypatch.setattr(csv_file, "columnar_text", counted)
    monkeypatch.setattr(csv_file, "_CONVERTED", csv_file._Conversions())
    data = saved(frame(), "parquet")
    assert csv_file.csv_columns(data, "t.parquet") == list(frame().columns)
    csv_file.csv_columns(data, "t.parquet")
    dataset = load_csv(data, "t.parquet", target="survived", missing="impute")
    assert calls == ["t.parquet"] and len(dataset.x) == ROWS
    other = frame().assign(fare=1.0)
    assert load_csv(saved(other, "parquet"), "t.parquet", target="survived", missing="impute").x[:, 1].std() == 0
    assert calls == ["t.parquet"] * 2  # other bytes: converted anew
    for n in range(csv_file._Conversions.ENTRIES + 2):  # only the latest few are kept
        csv_file.csv_columns(saved(frame().assign(fare=float(n)), "parquet"), "t.parquet")
    assert len(csv_file._CONVERTED._kept) == csv_file._Conversions.ENTRIES
    bad = b"PAR1" + b"\0" * 64 + b"PAR1"  # refused: nothing kept, refused again
    for _ in range(2):
        with pytest.raises(DataError):
            csv_file.csv_columns(bad, "bad.parquet")
    assert calls.count("bad.parquet") == 2
