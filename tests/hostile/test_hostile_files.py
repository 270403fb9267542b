"""Hostile uploads and model files: each case is generated here (no blobs committed) and must get a clear
error naming the file, with the process intact and nothing written or executed."""
from __future__ import annotations

import gzip
import io
import json
import os
import pickle
import stat
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest
import torch

from builder.bundle import load_bundle
from builder.datasets import load_dataset
from builder.errors import BundleError, DataError
from builder.export import load_state_dict_file
from builder.uploads import load_upload
from builder.uploads.common import LIMITS
from builder.uploads.idx_files import load_idx


def _zip(members: dict[str, bytes], symlinks: tuple[str, ...] = ()) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            if name in symlinks:
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _png(size=(8, 8)) -> bytes:
    from PIL import Image
    buf = io.BytesIO()
    Image.new("L", size, 128).save(buf, "PNG")
    return buf.getvalue()


def _bomb() -> bytes:
    """A few hundred KB that declare gigabytes once unpacked (never unpacked by the parser)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        chunk = b"\0" * (1 << 20)
        with zf.open("a/zeros.png", "w", force_zip64=True) as f:
            for _ in range(300):  # 300 MB declared, > the 200 MB limit
                f.write(chunk)
    return buf.getvalue()


def _npz(**arrays) -> bytes:
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def _idx(dtype_code: int, dims: list[int], payload: bytes) -> bytes:
    return bytes([0, 0, dtype_code, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + payload


# (case id, file name, bytes maker, words the error must contain)
DATA_CASES = [
    ("empty csv", "empty.csv", lambda: b"", "empty"),
    ("header only csv", "header.csv", lambda: b"a,b,c\n", "no data rows"),
    ("ragged csv", "ragged.csv", lambda: b"a,b,c\n1,2,3\n4,5,6,7,8\n", "ragged.csv"),
    ("missing target column", "t.csv", lambda: b"a,b\n1,2\n3,4\n", "'label'"),
    ("formula injection csv", "formula.csv",
     lambda: b"a,b,label\n=cmd|' /C calc'!A0,1,0\n@SUM(1+1),2,1\n+1+1,3,0\n-2+3,4,1\n" * 3, "formula.csv"),
    ("utf-16 csv without a byte-order mark", "utf16.csv", lambda: "a,b,label\n1,2,0\n3,4,1\n".encode("utf-16-le"),
     "UTF-16 text without a byte-order mark"),
    ("utf-16 csv cut mid-character", "cut16.csv", lambda: "a,b,label\n1,2,0\n".encode("utf-16")[:-1], "UTF-16"),
    ("spreadsheet saved as csv", "book.csv", lambda: b"PK\x03\x04\x14\x00\x06\x00" + os.urandom(200), "Excel"),
    ("million columns csv", "wide.csv", lambda: (",".join(f"c{i}" for i in range(1_000_000)) + "\n").encode(),
     "columns"),
    ("binary garbage csv", "junk.csv", lambda: os.urandom(4096), "junk.csv"),
    ("npz object array", "obj.npz", lambda: _npz(x=np.array([{"a": 1}, None], dtype=object), y=np.zeros(2)), "object"),
    ("npz missing y", "nox.npz", lambda: _npz(x=np.zeros((4, 2))), "'y'"),
    ("npz not a zip", "fake.npz", lambda: b"PK\x03\x04 not really", "fake.npz"),
    ("zip with no images", "none.zip", lambda: _zip({"a/readme.txt": b"hello"}), "holds no images"),
    ("zip path traversal", "evil.zip", lambda: _zip({"../../etc/passwd.png": _png()}), ".."),
    ("zip absolute path", "abs.zip", lambda: _zip({"/tmp/x/a.png": _png()}), "absolute"),
    ("zip symlink member", "link.zip", lambda: _zip({"a/link.png": b"/etc/passwd", "b/x.png": _png()},
                                                     symlinks=("a/link.png",)), "link"),
    ("zip bomb", "bomb.zip", _bomb, "bomb.zip"),
    ("corrupt image", "corrupt.zip", lambda: _zip({"a/1.png": _png(), "b/2.png": b"\x89PNG\r\n\x1a\n broken"}),
     "2.png"),
    ("unknown extension", "data.exe", lambda: b"MZ\x90\x00", "data.exe"),
]


@pytest.mark.parametrize("case,name,make,words", DATA_CASES, ids=[c[0] for c in DATA_CASES])
def test_hostile_upload_gets_a_clear_error(case, name, make, words, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.rglob("*"))
    options = {"target": "label"} if name.endswith(".csv") else {}
    with pytest.raises(DataError) as e:
        load_upload(make(), name, **options)
    message = str(e.value)
    assert name in message and words.lower() in message.lower(), message
    assert "Traceback" not in message
    assert set(tmp_path.rglob("*")) == before, "nothing may be written while parsing an upload"


def test_formula_cells_are_never_evaluated():
    """A CSV whose text cells look like spreadsheet formulas is data: either encoded as categories or refused."""
    raw = b"x,cmd,label\n" + b"".join(b"%d,=HYPERLINK(\"http://x\"),%d\n" % (i, i % 2) for i in range(20))
    ds = load_upload(raw, "formula_ok.csv", target="label")
    assert ds.n_samples == 20 and ds.x.dtype == torch.float32


def test_one_very_long_label_costs_its_own_length_not_every_rows():
    """numpy's strings each take the longest one's room: a label of a million characters among 20,000 short ones
    asked for 80 GB (a MemoryError, said as an internal error). Labels are Python strings, each its own size."""
    raw = b"x,label\n" + b"".join(b"%d,%s\n" % (i, b"ab"[i % 2:][:1]) for i in range(20_000)) + b"1," + b"z" * 10**6
    ds = load_upload(raw, "long_label.csv", target="label")
    assert ds.n_samples == 20_001 and ds.class_names == ["a", "b", "z" * 10**6]
    assert ds.y.tolist()[:3] == [0, 1, 0] and ds.y[-1].item() == 2


IDX_CASES = [
    ("idx header lies about its count", _idx(0x08, [1000, 28, 28], b"\0" * 100), "idx"),
    ("idx absurd dimensions", _idx(0x08, [2**31, 2**31, 2**31], b""), "idx"),
    ("idx unknown dtype", _idx(0x42, [1, 2, 2], b"\0" * 4), "idx"),
    ("idx truncated header", b"\0\0\x08", "idx"),
    ("idx gzip bomb", gzip.compress(_idx(0x08, [1, 1, 1], b"\0") + b"\0" * (LIMITS.max_unpacked + 10), mtime=0), "idx"),
]


@pytest.mark.parametrize("case,data,words", IDX_CASES, ids=[c[0] for c in IDX_CASES])
def test_hostile_idx_gets_a_clear_error(case, data, words):
    labels = _idx(0x08, [1], b"\0")
    with pytest.raises(DataError) as e:
        load_idx(data, labels, "images.idx", "labels.idx")
    assert "images.idx" in str(e.value)


# ---- model files --------------------------------------------------------------------------------

class _Payload:
    def __init__(self, canary: Path):
        self.canary = canary

    def __reduce__(self):
        return (os.system, (f"touch {self.canary}",))


def test_pickle_that_would_run_code_is_refused_and_runs_nothing(tmp_path):
    canary = tmp_path / "canary"
    plain = tmp_path / "evil.pt"
    plain.write_bytes(pickle.dumps({"weight": _Payload(canary)}))
    real = tmp_path / "real.pt"
    torch.save({"w": torch.zeros(1)}, real)
    poisoned = tmp_path / "poisoned.pt"
    with zipfile.ZipFile(real) as src, zipfile.ZipFile(poisoned, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, pickle.dumps(_Payload(canary), protocol=2) if info.filename.endswith("data.pkl") else data)
    for path in (plain, poisoned):
        with pytest.raises(BundleError, match="refused"):
            load_state_dict_file(path)
    assert not canary.exists(), "the payload ran"


def _bundle_dir(tmp_path: Path, safetensors: bytes) -> Path:
    spec = {"format": "netbuilder/1", "input": {"shape": [2]},
            "layers": [{"id": "out", "type": "Linear", "params": {"out_features": 2}}]}
    d = tmp_path / "bundle"
    d.mkdir()
    (d / "spec.json").write_text(json.dumps(spec))
    (d / "model.safetensors").write_bytes(safetensors)
    return d


def _safetensors_header(header: dict, payload: bytes = b"") -> bytes:
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + payload


SAFETENSORS_CASES = [
    ("truncated", lambda: _safetensors_header({"out.weight": {"dtype": "F32", "shape": [2, 2],
                                                              "data_offsets": [0, 16]}}, b"\0" * 5)),
    ("offsets past the end", lambda: _safetensors_header({"out.weight": {"dtype": "F32", "shape": [2, 2],
                                                                         "data_offsets": [0, 1 << 40]}}, b"\0" * 16)),
    ("header length lies", lambda: struct.pack("<Q", 1 << 60) + b"{}"),
    ("header not json", lambda: struct.pack("<Q", 8) + b"not json"),
    ("shape disagrees with offsets", lambda: _safetensors_header({"out.weight": {"dtype": "F32", "shape": [1000, 1000],
                                                                                 "data_offsets": [0, 16]}}, b"\0" * 16)),
    ("empty", lambda: b""),
]


@pytest.mark.parametrize("case,make", SAFETENSORS_CASES, ids=[c[0] for c in SAFETENSORS_CASES])
def test_lying_or_truncated_safetensors_is_refused(case, make, tmp_path):
    with pytest.raises(BundleError, match="model.safetensors"):
        load_bundle(_bundle_dir(tmp_path, make()))


def test_bundle_zip_with_traversal_members_reads_nothing_outside(tmp_path):
    spec = {"format": "netbuilder/1", "input": {"shape": [2]},
            "layers": [{"id": "out", "type": "Linear", "params": {"out_features": 2}}]}
    path = tmp_path / "evil_bundle.zip"
    path.write_bytes(_zip({"../spec.json": json.dumps(spec).encode(), "/abs/model.safetensors": b"x"}))
    with pytest.raises(BundleError, match="missing"):
        load_bundle(path)
    assert not (tmp_path.parent / "spec.json").exists()


def test_the_process_still_works_after_the_whole_corpus():
    assert load_dataset("moons").n_samples > 0
    assert load_upload(b"a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n", "fine.csv").n_samples == 4


def _onnx_with_external(location: str) -> bytes:
    from onnx import TensorProto, helper
    weight = TensorProto()
    weight.name, weight.data_type = "w", TensorProto.FLOAT
    weight.dims.extend([2, 2])
    weight.data_location = TensorProto.EXTERNAL
    entry = weight.external_data.add()
    entry.key, entry.value = "location", location
    node = helper.make_node("MatMul", ["x", "w"], ["y"])
    graph = helper.make_graph([node], "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 2])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 2])], [weight])
    return helper.make_model(graph).SerializeToString()


@pytest.mark.parametrize("location", ["../../etc/passwd", "/etc/shadow", "C:\\\\secrets.bin"])
def test_onnx_with_external_data_outside_its_folder_is_refused(location):
    from builder.bundle import check_model_upload
    pytest.importorskip("onnx")
    with pytest.raises(BundleError, match="outside its folder"):
        check_model_upload(_onnx_with_external(location), "model.onnx")


@pytest.mark.parametrize("name", ["model.onnx", "model.pt2", "model.torchscript", "model.pkl"])
def test_code_carrying_model_formats_are_refused_from_uploads(name):
    from builder.bundle import check_model_upload
    with pytest.raises(BundleError, match="refused"):
        check_model_upload(b"\x08\x07anything", name)
    check_model_upload(b"{}", "spec.json")  # what the page does accept passes through


def test_bundle_from_uploaded_bytes_loads_in_memory(tmp_path):
    import builder
    trainer = builder.train({"format": "netbuilder/1", "input": {"shape": [2]},
                             "layers": [{"id": "out", "type": "Linear", "params": {"out_features": 2}}],
                             "data": {"dataset": "moons"}, "training": {"epochs": 1}}, telemetry=False)
    from builder.bundle import write_bundle
    from builder.export import bundle_zip
    data = bundle_zip(write_bundle(trainer, tmp_path / "b"))
    bundle = load_bundle("upload.zip", data=data)
    assert bundle.spec.layers[0].id == "out"
    with pytest.raises(BundleError, match="upload.zip"):
        load_bundle("upload.zip", data=data[: len(data) // 3])
