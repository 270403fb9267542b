"""Dates and times in a table are numbers a network can read (tables.reading.date_format, DATE_PARTS): the days since
1970-01-01, the month and the weekday of a date, the hour of a time; read the same way to train, to predict, and by
the standalone script. A column not all written one way is left out, said to be dates, as before."""
from __future__ import annotations

import datetime
import json

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import builder
from builder.bundle import load_bundle
from builder.errors import DataError
from builder.tables import Column, Table, TableError, date_format, date_parts
from builder.uploads.csv_file import csv_columns, load_csv
from conftest import ROOT
from hostile.helpers import cli, refused_cli, small_spec
from test_script import namespace


@pytest.mark.parametrize("cells, written", [
    (["2021-03-04", "2021-12-31"], ("ymd", ("days", "month", "weekday"))),
    (["04/03/2021", "13/03/2021"], ("dmy", ("days", "month", "weekday"))),  # a 13th: the day comes first
    (["03/04/2021", "03/13/2021"], ("mdy", ("days", "month", "weekday"))),  # a 13th second: the month first
    (["03/04/2021", "04/03/2021"], ("mdy", ("days", "month", "weekday"))),  # either: slashes are American
    (["4.3.21", "5.3.85"], ("dmy", ("days", "month", "weekday"))),  # points are European; 85 is 1985
    (["2021-03", "2021-04", ""], ("ym", ("days", "month"))),  # a year and a month; a gap is a gap
    (["12:30", "23:59:59"], ("time", ("hour",))),
    (["2021-03-04 13:05:59", "2021-03-05T00:00"], ("ymd", ("days", "month", "weekday", "hour"))),
    (["2021-03-04 00:00:00", "2021-03-05 00:00:00"], ("ymd", ("days", "month", "weekday"))),  # midnight: no hour
    (["2021-03-04T13:05:59Z", "2021-03-05 01:00+01:00"], ("ymd", ("days", "month", "weekday", "hour"))),  # zones
    (["05-Jan-2021", "Mar 31, 2021", "1st April 2021"], ("named", ("days", "month", "weekday"))),
    (["January 2021", "Sept. 2021", "Dec-22"], ("named", ("days", "month"))),  # Dec-22: Excel's December 2022
    (["Mayor 2021", "Jan 5, 2021"], None),  # no month's name
    (["Feb 29, 2023"], None),
    (["2021-02-30", "2021-03-01"], None),  # no 30th of February
    (["2021-03-04", "12:00"], None),  # dates and times mixed
    (["2021-03-04", "2021/03/05"], None),  # two ways of writing
    (["7/10", "8/10"], None),  # scores, not dates
    (["1/2/3"], None),
    (["25:00"], None),
    (["", "NA"], None),
])
def test_a_column_is_dates_only_when_every_cell_is_one_written_one_way(cells, written):
    assert date_format(cells) == written


def test_a_dates_parts_are_the_calendars():
    for day in (datetime.date(1970, 1, 1), datetime.date(2000, 2, 29), datetime.date(2021, 3, 4),
                datetime.date(1969, 12, 31), datetime.date(1900, 3, 1), datetime.date(2099, 12, 31)):
        days, month, weekday = date_parts(day.isoformat(), "ymd", ("days", "month", "weekday"))
        assert (days, month, weekday) == ((day - datetime.date(1970, 1, 1)).days, day.month, day.weekday())
    assert date_parts("2021-03-04 18:45:36", "ymd", ("hour", "days")) == [18.76, 18690 + (18 * 3600 + 45 * 60 + 36)
                                                                           / 86400]
    assert date_parts("04/03/21", "dmy", ("days",)) == date_parts("03/04/2021", "mdy", ("days",)) == [18690]
    assert date_parts("not a date", "ymd", ("days",)) is None
    assert date_parts("Mar 4, 2021", "named", ("days", "weekday")) == date_parts("4-Mar-21", "named",
                                                                                 ("days", "weekday")) == [18690, 3]


SALES = "date,price,promo,sold\n" + "".join(
    f"{datetime.date(2023, 1, 1) + datetime.timedelta(days=i):%d/%m/%Y},{10 + i % 5},{'yes' if i % 7 == 5 else 'no'},"
    f"{20 + 3 * (i % 7 in (5, 6)) + i % 3}\n" for i in range(60))


def test_a_time_series_trains_on_its_dates_as_numbers():
    """A date column was left out ("add columns of numbers made from them"), so a network could not learn that
    weekends sell more: now its days, month and weekday are features."""
    ds = load_csv(SALES.encode(), "sales.csv", target="sold")
    assert ds.feature_names == ["date (days)", "date (month)", "date (weekday)", "price", "promo=no", "promo=yes"]
    assert csv_columns(SALES.encode(), "sales.csv") == ["date", "price", "promo", "sold"]
    first = datetime.date(2023, 1, 1)
    np.testing.assert_allclose(ds.x[:3, :3].numpy(), [[(first - datetime.date(1970, 1, 1)).days + i, 1,
                                                        (first.weekday() + i) % 7] for i in range(3)])
    assert "'date' read as dates, day first: the days since 1970-01-01, the month (1 to 12) and the weekday " \
           "(0 Monday to 6 Sunday) are its features" in ds.description
    assert "row number" not in ds.description  # dates in order grow by whole days, as they should


def test_a_date_gap_is_refused_dropped_or_filled_part_by_part():
    raw = SALES.replace("05/01/2023", "").encode()
    with pytest.raises(DataError, match="column 'date' has 1 missing value"):
        load_csv(raw, "sales.csv", target="sold")
    assert len(load_csv(raw, "sales.csv", target="sold", missing="drop").x) == 59
    filled = load_csv(raw, "sales.csv", target="sold", missing="impute")
    gap = int(torch.isnan(filled.x[:, 0]).nonzero()[0])
    assert bool(torch.isnan(filled.x[gap, :3]).all()) and not bool(torch.isnan(filled.x[gap, 3:]).any())
    fill = filled.table.fill_values(filled.x.numpy())
    assert fill["date"] == [float(np.nanmedian(filled.x[:, j].numpy())) for j in range(3)]
    done = filled.table.impute(filled.x.numpy(), fill)
    assert not np.isnan(done).any() and list(done[gap, :3]) == fill["date"]


def test_a_tables_dates_survive_its_description_and_a_damaged_one_is_refused():
    table = load_csv(SALES.encode(), "sales.csv", target="sold").table
    again = Table.from_dict(json.loads(json.dumps(table.to_dict())))
    assert again == table and again.columns[0] == Column("date", dates="dmy", parts=("days", "month", "weekday"))
    assert Table.from_dict({"columns": [{"name": "a"}]}).columns[0].dates is None  # a table saved before dates
    for bad in ({"dates": "ydm", "parts": ["days"]}, {"dates": "ymd", "parts": ["days", "moon"]},
                {"dates": "ymd", "parts": []}):
        with pytest.raises(TableError):
            Table.from_dict({"columns": [{"name": "when", **bad}]})
    cells = {"date": ["31/12/2023", "31/02/2023"], "price": ["1", "2"], "promo": ["no", "no"]}
    with pytest.raises(TableError, match=r"column 'date' holds '31/02/2023' in data row 2, where a date goes "
                                         r"\(day first\)"):
        table.encode(cells)


def test_the_cli_trains_on_dates_and_predicts_dates_it_never_saw(tmp_path, capsys):
    (tmp_path / "sales.csv").write_text(SALES)
    (tmp_path / "spec.json").write_text(json.dumps(small_spec(outputs=1)))
    code, out, err = cli(capsys, "train", tmp_path / "spec.json", "--data", tmp_path / "sales.csv", "--target", "sold",
                         "--fit",
                         "--epochs", "2", "--device", "cpu", "--out", tmp_path / "run")
    assert code == 0, err
    assert "'date' read as dates, day first" in out
    assert load_bundle(tmp_path / "run").table.columns[0].dates == "dmy"
    new = "date,price,promo\n01/06/2024,12,yes\n02/06/2024,11,no\n"  # June 2024: no such day in training
    (tmp_path / "new.csv").write_text(new)
    code, out, err = cli(capsys, "predict", tmp_path / "run", tmp_path / "new.csv")
    assert code == 0 and len(out.strip().splitlines()) == 3, err
    (tmp_path / "iso.csv").write_text("date,price,promo\n2024-06-01 00:00:00,12,yes\n02/06/2024,11,no\n")
    code, iso, err = cli(capsys, "predict", tmp_path / "run", tmp_path / "iso.csv")  # as a data frame prints dates
    assert code == 0 and iso.splitlines()[1:] == out.splitlines()[1:], err
    (tmp_path / "gap.csv").write_text("date,price,promo\n,12,yes\n02/06/2024,11,no\n")  # a gap, filled part by part
    code, filled, err = cli(capsys, "predict", tmp_path / "run", tmp_path / "gap.csv", "--missing", "impute")
    assert code == 0 and len(filled.strip().splitlines()) == 3 and filled.splitlines()[2] == out.splitlines()[2], err
    (tmp_path / "bad.csv").write_text("date,price,promo\n06/13/2024,12,yes\n")  # month first: no 13th month
    refused_cli(capsys, "predict", tmp_path / "run", tmp_path / "bad.csv",
                words="column 'date' holds '06/13/2024' in data row 1, where a date goes (day first)")


def test_the_standalone_script_reads_dates_as_an_upload_does(tmp_path):
    path = tmp_path / "sales.csv"
    path.write_text(SALES)
    reference = load_csv(SALES.encode(), "sales.csv", target="sold")
    ns = namespace(builder.load_spec(ROOT / "presets" / "logistic_regression.json"))
    x, labels, table = ns["read_csv"](path, "sold")
    assert table.feature_names == reference.feature_names
    np.testing.assert_allclose(x, reference.x.numpy())


CELL = st.one_of(  # cells shaped like dates, most of them no real date, and other text
    st.builds(lambda a, sep, b, c, t: f"{a}{sep}{b}{sep + c if c else ''}{t}", st.integers(0, 9999).map(str),
              st.sampled_from("-/."), st.integers(0, 99).map(str), st.one_of(st.none(), st.integers(0, 9999).map(str)),
              st.sampled_from(["", " 12:30", "T23:59:59", " 24:00", "T1:05:07.5Z", " 7:60"])),
    st.builds(lambda h, m: f"{h}:{m:02d}", st.integers(0, 30), st.integers(0, 70)),
    st.builds(lambda d, m, y: f"{d} {m} {y}", st.integers(0, 40), st.sampled_from(["Jan", "February", "Sept.", "Foo"]),
              st.integers(0, 2100)),
    st.sampled_from(["", "NA", "?", "soon", "2021-13-01", "29/02/2023", "29/02/2024"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(CELL, min_size=1, max_size=12))
def test_a_column_read_as_dates_always_encodes_and_anything_else_is_not_dates(cells):
    written = date_format(cells)
    if written is None:
        return
    table = Table((Column("when", dates=written[0], parts=written[1]),))
    x = table.encode({"when": cells})
    assert x.shape == (len(cells), len(written[1]))
    present = [not c.strip() or c.strip().lower() in ("na", "?") for c in cells]
    assert np.isnan(x).all(1).tolist() == present and np.isfinite(x[~np.array(present)]).all()
    if "month" in written[1]:
        assert set(x[~np.array(present), written[1].index("month")]) <= set(range(1, 13))


def test_a_dated_upload_kept_with_its_run_comes_back_the_same(tmp_path):
    """A run's uploaded data is saved beside it so the run resumes after a restart: its dates come back as dates."""
    from builder.store import load_saved_dataset, save_dataset
    ds = load_csv(SALES.encode(), "sales.csv", target="sold")
    save_dataset(ds, tmp_path)
    again = load_saved_dataset(tmp_path)
    assert again.table == ds.table and again.feature_names == ds.feature_names and torch.equal(again.x, ds.x)


def test_iso_dates_are_read_at_once_as_cell_by_cell():
    """ISO dates all written alike are read by numpy's parser (a million unique timestamps loaded in 24 s cell by
    cell, 6 s now): the same numbers, and anything else goes the slow way."""
    from builder.tables import ISO_PARTS, iso_dates
    first = datetime.datetime(1999, 12, 31, 23, 59, 58)
    for form in ("%Y-%m-%d", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"):
        cells = [f"{first + datetime.timedelta(seconds=37_777 * i):{form}}" for i in range(500)]
        fast = iso_dates(cells)
        assert fast is not None and fast.shape == (500, 4)
        np.testing.assert_allclose(fast, [date_parts(c, "ymd", ISO_PARTS) for c in cells])
    for cells in (["2021-02-30"], ["2021-03-04", "2021-03-04 12:00"], ["2021-3-04"], ["2021/03/04"],
                  ["2021-03-04 24:00"], ["x" * 1_000_000, "2021-03-04"], []):
        assert iso_dates(cells) is None  # (a long text is not made an array of that width per row)
    table = Table((Column("when", dates="ymd", parts=("days", "weekday")),))
    x = table.encode({"when": ["2021-03-04", "", "2021-03-06"]})  # the fast path, a gap kept a gap
    assert np.isnan(x[1]).all() and x[[0, 2]].tolist() == [[18690, 3], [18692, 5]]


def test_a_date_column_is_read_as_dates_once_per_load_and_again_only_when_its_rows_changed(monkeypatch):
    """too_varied's look at a column of dates is reused by infer_table for that very column (a load then reads it
    once, not twice); a column whose rows changed since (rows without a target dropped) is read again."""
    from builder import tables
    from builder.tables import encoding, reading
    calls = []
    real = reading.date_format

    def counted(column):
        calls.append(len(column))
        return real(column)

    monkeypatch.setattr(reading, "date_format", counted)
    monkeypatch.setattr(encoding, "date_format", counted)
    rows = "\n".join(f"2024-{1 + i % 12:02d}-{1 + i % 28:02d},{i % 5},{i % 2}" for i in range(60))
    ds = load_csv(f"day,k,y\n{rows}\n".encode(), "t.csv")
    assert ds.table.columns[0].dates == "ymd" and calls == [60]
    calls.clear()
    gappy = rows + "\n2024-02-02,3,\n"  # a row without a target: the column is another list by infer_table
    again = load_csv(f"day,k,y\n{gappy}\n".encode(), "t.csv")
    assert calls == [61, 60] and again.table.columns[0] == ds.table.columns[0]
    # infer_table alone: a format given for another list of the same name is not taken on trust
    column = ["2024-01-05", "2024-01-06"]
    other = {"day": (list(column), ("time", ("hour",)))}
    assert tables.infer_table({"day": column}, dates=other).columns[0].dates == "ymd"
    assert tables.infer_table({"day": column}, dates={"day": (column, ("dmy", ("days",)))}).columns[0].dates == "dmy"
