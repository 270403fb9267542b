"""Property-based fuzzing on top of the fixed corpus: the spec loader, the upload parsers, the bundle reader
and share links raise only their own clear errors, whatever bytes arrive."""
from __future__ import annotations

import io
import json
import zipfile

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.errors import BundleError, DataError, SpecErrors
from builder.checker import check_spec
from builder.share import ShareLinkError, decode_setup
from builder.uploads import load_upload
from builder.uploads.csv_file import csv_columns

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def _valid_csv() -> bytes:
    return b"a,b,label\n" + b"".join(b"%d,%d,%d\n" % (i, i * 2, i % 2) for i in range(12))


def _valid_npz() -> bytes:
    buf = io.BytesIO()
    np.savez(buf, x=np.arange(20, dtype=np.float32).reshape(10, 2), y=np.arange(10) % 2)
    return buf.getvalue()


def _mutate(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for pos, value in edits:
        if out:
            out[pos % len(out)] = value
    return bytes(out)


edits = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8)


@FUZZ
@given(json_values)
def test_spec_loader_on_any_json_value(value):
    try:
        check_spec({"format": "netbuilder/1", "input": {"shape": [4]}, "layers": value})
        check_spec(value)
    except SpecErrors as e:
        assert all(str(err) for err in e.errors)


@FUZZ
@given(st.binary(max_size=2048))
def test_spec_loader_on_any_bytes(data):
    try:
        check_spec(data.decode("utf-8", "replace") if data[:1] == b"{" else "{" + data.decode("latin-1"))
    except SpecErrors:
        pass


@FUZZ
@given(st.sampled_from([".csv", ".npz", ".zip", ".exe", ""]), st.binary(max_size=4096))
def test_upload_parsers_on_random_bytes(suffix, data):
    try:
        load_upload(data, "fuzz" + suffix)
    except DataError as e:
        assert "fuzz" in str(e)


# cells as spreadsheets write them, and the awkward ones: quotes, separators, signs, huge and empty cells
table_cells = st.one_of(st.text(max_size=10), st.floats(allow_nan=True, allow_infinity=True).map(str),
                        st.sampled_from(["", "?", "NA", "1,5", "1.234,5", "$1,234.50", "-3 %", '"', '""', '"a;b"',
                                         "€", "1e400", "x" * 140_000]))


@FUZZ
@given(st.lists(st.lists(table_cells, min_size=1, max_size=5), min_size=1, max_size=8),
       st.sampled_from([",", ";", "\t", "|"]), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
       st.sampled_from([None, "drop", "impute"]), st.sampled_from(["\n", "\r\n", "\r"]))
def test_csv_reading_on_any_table_text(rows, delimiter, encoding, missing, newline):
    """Whatever the separators, encoding and cells, a table gives a dataset or a DataError naming the file,
    and the page's column list is the dataset's (or it is refused too)."""
    text = newline.join(delimiter.join(row) for row in rows)
    raw = text.encode(encoding, errors="replace")
    try:
        dataset = load_upload(raw, "fuzz.csv", missing=missing)
    except DataError as e:
        assert "fuzz.csv" in str(e)
        dataset = None
    try:
        columns = csv_columns(raw, "fuzz.csv")
    except DataError as e:
        assert "fuzz.csv" in str(e) and dataset is None
        return
    if dataset is not None and dataset.table is not None:
        assert {c.name for c in dataset.table.columns} <= set(columns)


@FUZZ
@given(edits)
def test_upload_parsers_on_mutated_valid_files(changes):
    for name, data in (("m.csv", _valid_csv()), ("m.npz", _valid_npz())):
        try:
            load_upload(_mutate(data, changes), name)
        except DataError as e:
            assert name in str(e)


@FUZZ
@given(st.text(max_size=300))
def test_share_links_on_any_text(text):
    for link in (text, "1." + text):
        try:
            decode_setup(link)
        except ShareLinkError as e:
            assert str(e)


@FUZZ
@given(st.dictionaries(st.sampled_from(["spec.json", "model.safetensors", "history.csv", "../x", "a/b"]),
                       st.binary(max_size=256), max_size=4))
def test_bundle_reader_on_random_archives(tmp_path_factory, members):
    from builder.bundle import load_bundle
    path = tmp_path_factory.mktemp("fuzz") / "b.zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    path.write_bytes(buf.getvalue())
    try:
        load_bundle(path)
    except BundleError as e:
        assert "b.zip" in str(e)
    if "spec.json" in members:  # a valid spec with junk weights must still fail cleanly
        spec = {"format": "netbuilder/1", "input": {"shape": [2]}, "layers": [{"id": "o", "type": "Linear",
                                                                                "params": {"out_features": 1}}]}
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("spec.json", json.dumps(spec))
            zf.writestr("model.safetensors", members.get("model.safetensors", b""))
        try:
            load_bundle(path)
        except BundleError:
            pass
