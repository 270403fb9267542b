"""Hostile input: no check can be made to hang or eat the memory — cycles, unknown names by the thousand, zip
bombs and lying archives, checks that run too long or too big, uploads parsed within their bounds."""

import io
import json
import struct
import time
import zipfile
from pathlib import Path

import pytest
import torch

import builder
from builder.bundle import load_bundle, write_bundle
from builder.checker import MAX_PROBLEMS, check_spec
from builder.errors import BundleError, DataError
from builder.sandbox import Bounds, CheckLimitError, bounded
from builder.share import encode_setup
from builder.uploads import parse_files
from conftest import moons_spec


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    out = tmp_path_factory.mktemp("bundle")
    trainer = builder.train(moons_spec(epochs=1), telemetry=False)
    return write_bundle(trainer, out / "b")


def mesh(n: int) -> dict:
    """n Add layers, each reading every other: about n! cycles; checking must not enumerate them."""
    layers = [{"id": "x", "type": "Linear", "params": {"out_features": 4}}]
    layers += [{"id": f"a{i}", "type": "Add", "inputs": [f"a{j}" for j in range(n) if j != i]} for i in range(n)]
    return {"format": "netbuilder/1", "input": {"shape": [4]}, "layers": layers}


@pytest.mark.parametrize("n", [14, 40])
def test_a_mesh_of_cycles_is_reported_once_per_loop_within_bounds(n):
    checked = bounded(_check_errors, mesh(n), what="the mesh", bounds=Bounds(60, 1024))  # would hang before
    assert checked[0].startswith("layer 'a0' (Add): is part of a cycle: a0 → ") and len(checked) == 1


def _check_errors(spec):
    return [str(e) for e in check_spec(spec).errors]


def test_the_mesh_as_a_share_link_opens_as_an_error_not_a_hang():
    link = encode_setup(mesh(14))
    assert len(link) < 2000
    from builder.share import decode_setup
    spec = decode_setup(link)
    assert "cycle" in bounded(_check_errors, spec, what="the link", bounds=Bounds(60, 1024))[0]


def test_thousands_of_unknown_names_are_capped():
    layers = [{"id": f"l{i}", "type": "ReLU"} for i in range(999)]
    layers.append({"id": "m", "type": "Add", "inputs": [f"zz{i}" for i in range(3000)]})
    spec = {"format": "netbuilder/1", "input": {"shape": [4]}, "layers": layers}
    errors = bounded(_check_errors, spec, what="the spec", bounds=Bounds(60, 1024))
    assert len(errors) == MAX_PROBLEMS + 1 and "more problems not listed" in errors[-1]


def test_unknown_types_and_parameters_by_the_thousand_are_capped():
    layers = [{"id": f"l{i}", "type": "Lnear", "params": {f"p{j}": 1 for j in range(50)}} for i in range(900)]
    spec = {"format": "netbuilder/1", "input": {"shape": [4]}, "layers": layers}
    errors = bounded(_check_errors, spec, what="the spec", bounds=Bounds(60, 1024))
    assert len(errors) == MAX_PROBLEMS + 1 and "did you mean Linear" in errors[0]


def _bomb_bundle(spec_size: int) -> bytes:
    """A small zip whose spec.json unpacks to `spec_size` bytes (zeros compress ~1000:1)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("spec.json", "w", force_zip64=True) as f:
            chunk = b" " * (1 << 20)
            for _ in range(spec_size >> 20):
                f.write(chunk)
        zf.writestr("model.safetensors", b"x")
    return buf.getvalue()


def test_a_gigabyte_spec_in_a_small_zip_is_refused_from_its_header():
    data = _bomb_bundle(1 << 30)
    assert len(data) < 2 * 2**20
    before = _rss_mb()
    with pytest.raises(BundleError, match="spec.json declares 1,073,741,824 bytes"):
        load_bundle("evil.zip", data=data)
    assert _rss_mb() - before < 100  # nothing was unpacked


def test_a_zip_that_lies_about_its_sizes_is_refused_while_reading():
    real = _bomb_bundle(8 << 20)
    lied = bytearray(real)
    for header, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):  # uncompressed size fields
        at = lied.find(header)
        while at != -1:
            name_len = struct.unpack("<H", lied[at + (26 if header == b"PK\x03\x04" else 28):][:2])[0]
            name = lied[at + (30 if header == b"PK\x03\x04" else 46):][:name_len]
            if name == b"spec.json" and struct.unpack("<I", lied[at + offset:at + offset + 4])[0] != 0xFFFFFFFF:
                lied[at + offset:at + offset + 4] = struct.pack("<I", 1000)
            at = lied.find(header, at + 4)
    with pytest.raises(BundleError):
        load_bundle("liar.zip", data=bytes(lied))


def test_two_spec_files_in_one_bundle_are_refused(bundle):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name in ("model.safetensors", "spec.json", "history.csv"):
            zf.writestr(name, (bundle / name).read_bytes())
        zf.writestr("inner/spec.json", json.dumps(moons_spec()))
    with pytest.raises(BundleError, match="holds two spec.json files"):
        load_bundle("double.zip", data=buf.getvalue())


def _sleep(seconds):
    time.sleep(seconds)
    return "woke"


def _hog(mb):
    return len(bytearray(mb * 2**20))


def test_a_check_that_runs_too_long_is_stopped_and_refused():
    with pytest.raises(CheckLimitError, match="took longer than 1 s"):
        bounded(_sleep, 30, what="slow.csv", bounds=Bounds(1, 512))
    assert bounded(_sleep, 0, what="quick", bounds=Bounds(30, 512)) == "woke"


def test_a_check_that_eats_the_memory_is_stopped_and_refused():
    with pytest.raises(CheckLimitError, match="more than 200 MB"):
        bounded(_hog, 1500, what="big.npz", bounds=Bounds(60, 200))
    assert bounded(_hog, 50, what="fine", bounds=Bounds(60, 200)) == 50 * 2**20


def test_uploads_are_parsed_within_the_bounds():
    many = b"a,b,y\n" + b"1,2,0\n" * 2_000_000  # 12 MB of rows: parsing it needs far more than 60 MB
    with pytest.raises(DataError) as e:
        bounded(parse_files, "csv", [("rows.csv", many)], {}, what="rows.csv", bounds=Bounds(60, 60))
    assert "rows.csv" in str(e.value)
    ok = bounded(parse_files, "csv", [("ok.csv", b"a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n")], {}, what="ok.csv")
    assert ok.n_samples == 4 and ok.table.feature_names == ["a", "b"]


def test_an_autoencoder_upload_travels_as_its_parts_and_a_tampered_copy_is_refused(tmp_path):
    from builder.store import load_saved_dataset, save_dataset
    raw = b"a,b,c\n1,2,3\n4,5,6\n7,8,9\n"
    ds = bounded(parse_files, "csv", [("ae.csv", raw)], {"task": "reconstruction"}, what="ae.csv")
    assert ds.task == "reconstruction" and ds.y is ds.x and ds.x.shape == (3, 3)
    save_dataset(ds, tmp_path / "run")
    again = load_saved_dataset(tmp_path / "run")
    assert torch.equal(again.x, ds.x) and again.table == ds.table and again.y is again.x
    (tmp_path / "run" / "data.json").write_text('{"name": "ae.csv", "task": "classification", "dtype": "float", '
                                                '"sample_shape": [3]}')
    assert load_saved_dataset(tmp_path / "run") is None  # parts that disagree are refused, not trusted


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
