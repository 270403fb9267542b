"""Crafted ONNX files: each is refused with a message naming what is wrong, before anything is allocated or read
from elsewhere, and nothing in them is ever run."""
import os
import subprocess
import sys
import time
import tracemalloc

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

from builder.errors import BundleError  # noqa: E402
from builder.onnx_import import import_onnx, read_onnx_file  # noqa: E402
from builder.settings import reload  # noqa: E402
from conftest import ROOT  # noqa: E402


def weights(w=None, b=None) -> list:
    w = np.ones((3, 4), np.float32) if w is None else w
    return [numpy_helper.from_array(w, "fc.weight"), numpy_helper.from_array(np.zeros(3, np.float32) if b is None
                                                                              else b, "fc.bias")]


def model(nodes=None, initializers=None, input_shape=("batch", 4), output_shape=("batch", 3), **kwargs):
    """A small model (a Gemm by default) with whatever a test swaps in."""
    nodes = nodes if nodes is not None else [helper.make_node("Gemm", ["x", "fc.weight", "fc.bias"], ["y"],
                                                              name="fc", transB=1)]
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, list(input_shape))],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, list(output_shape))],
                              initializer=weights() if initializers is None else initializers)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)], **kwargs)


def refused(data: bytes, *words: str) -> str:
    with pytest.raises(BundleError) as info:
        import_onnx(data, "crafted.onnx")
    message = str(info.value)
    assert message.startswith("crafted.onnx: "), message
    for word in words:
        assert word in message, (word, message)
    return message


def test_the_plain_model_imports():
    assert [l["type"] for l in import_onnx(model().SerializeToString()).spec["layers"]] == ["Linear"]


def test_a_huge_declared_tensor_is_refused_before_anything_is_allocated():
    huge = TensorProto(name="fc.weight", data_type=TensorProto.FLOAT, dims=[100_000, 100_000], raw_data=b"\0" * 16)
    data = model(initializers=[huge, weights()[1]]).SerializeToString()
    tracemalloc.start()
    refused(data, "tensor 'fc.weight' declares 10,000,000,000 values", "NETBUILDER_MAX_PARAMS")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20 * 2**20


@pytest.mark.parametrize("dims, raw, words", [
    ([4, 4], b"\0" * 8, "declares shape [4, 4] (16 values) but holds 2"),
    ([3, -4], b"", "declares a negative size"),
    ([3, 4], b"\0" * 49, "but holds"),
])
def test_a_tensor_that_holds_other_than_it_declares_is_refused(dims, raw, words):
    lying = TensorProto(name="fc.weight", data_type=TensorProto.FLOAT, dims=dims, raw_data=raw)
    refused(model(initializers=[lying, weights()[1]]).SerializeToString(), words)


def test_a_tensor_of_text_is_refused():
    text = helper.make_tensor("fc.weight", TensorProto.STRING, [1], [b"rm -rf /"])
    refused(model(initializers=[text, weights()[1]]).SerializeToString(), "ONNX type 8")


def external(location: str, offset: int = 0, length: int = 48) -> bytes:
    w, b = weights()
    w.ClearField("raw_data")
    w.data_location = TensorProto.EXTERNAL
    for key, value in (("location", location), ("offset", str(offset)), ("length", str(length))):
        w.external_data.add(key=key, value=value)
    return model(initializers=[w, b]).SerializeToString()


@pytest.mark.parametrize("location", ["../../etc/passwd", "/etc/passwd", "..\\..\\secret", "C:/Windows/win.ini",
                                      "sub/../../x"])
def test_external_data_pointing_outside_is_refused_from_bytes_and_from_disk(location, tmp_path):
    refused(external(location), "keeps its data in another file", "outside the file's folder")
    path = tmp_path / "crafted.onnx"
    path.write_bytes(external(location))
    with pytest.raises(BundleError, match="a path outside the file's folder"):
        read_onnx_file(path)


def test_external_data_beside_the_file_is_read_only_from_disk_and_only_within_its_bounds(tmp_path):
    (tmp_path / "w.bin").write_bytes(b"\0" * 8 + np.arange(12, dtype=np.float32).tobytes())
    path = tmp_path / "crafted.onnx"
    path.write_bytes(external("w.bin", offset=8))
    state = read_onnx_file(path).state
    assert state["fc.weight"].flatten().tolist() == list(range(12))
    refused(external("w.bin", offset=8), "keeps its data in another file")  # bytes: no folder to read from
    for data, words in ((external("w.bin", length=4096), "declares 12 values in 4,096 bytes"),
                        (external("w.bin", offset=40), "holds fewer bytes than it declares"),
                        (external("missing.bin"), "not a file beside it")):
        path.write_bytes(data)
        with pytest.raises(BundleError, match=words):
            read_onnx_file(path)


def test_external_data_through_a_link_to_another_folder_is_refused(tmp_path):
    secret = tmp_path / "elsewhere" / "secret.bin"
    secret.parent.mkdir()
    secret.write_bytes(b"\1" * 48)
    folder = tmp_path / "model"
    folder.mkdir()
    os.symlink(secret, folder / "w.bin")
    (folder / "crafted.onnx").write_bytes(external("w.bin"))
    with pytest.raises(BundleError, match="not a file beside it"):
        read_onnx_file(folder / "crafted.onnx")


def branch(name: str) -> onnx.GraphProto:
    return helper.make_graph([helper.make_node("Identity", ["x"], ["out"])], name, [],
                             [helper.make_tensor_value_info("out", TensorProto.FLOAT, ["batch", 4])])


def test_subgraphs_are_refused_naming_the_node():
    cond = numpy_helper.from_array(np.array(True), "cond")
    nodes = [helper.make_node("If", ["cond"], ["y"], name="choose", then_branch=branch("a"), else_branch=branch("b"))]
    refused(model(nodes, [cond]).SerializeToString(), "node 'choose' (If): holds a subgraph")
    loop = [helper.make_node("Loop", ["", "cond"], ["y"], name="again", body=branch("body"))]
    refused(model(loop, [cond]).SerializeToString(), "node 'again' (Loop): holds a subgraph")


def test_functions_and_operators_of_other_domains_are_refused():
    crafted = model()
    crafted.functions.append(helper.make_function("evil", "Twice", ["a"], ["b"],
                                                  [helper.make_node("Add", ["a", "a"], ["b"])],
                                                  [helper.make_opsetid("", 20)]))
    refused(crafted.SerializeToString(), "defines functions (Twice")
    custom = [helper.make_node("Gemm", ["x", "fc.weight", "fc.bias"], ["h"], transB=1),
              helper.make_node("Gelu", ["h"], ["y"], name="fast_gelu", domain="com.microsoft")]
    refused(model(custom).SerializeToString(), "node 'fast_gelu' (Gelu): comes from the operator set 'com.microsoft'")


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02 not onnx", b"\x0a" * 5000, b"\x3a\x80\x80\x80\x80\x80\x80"])
def test_bytes_that_are_not_onnx_are_refused(data):
    try:
        import_onnx(data, "crafted.onnx")
    except BundleError as e:
        assert str(e).startswith("crafted.onnx: ") and "\n" not in str(e)
    else:
        pytest.fail("accepted")


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    monkeypatch.setenv("NETBUILDER_MAX_UPLOAD_MB", "1")
    reload()
    try:
        refused(b"\0" * (2**20 + 1), "the file is 1,048,577 bytes; at most 1,048,576")
        path = tmp_path / "crafted.onnx"
        path.write_bytes(b"\0" * (2**20 + 1))
        with pytest.raises(BundleError, match="at most 1,048,576"):
            read_onnx_file(path)
    finally:
        monkeypatch.delenv("NETBUILDER_MAX_UPLOAD_MB")
        reload()


def test_an_input_too_large_for_the_server_is_refused():
    refused(model(input_shape=("batch", 100_000, 100_000)).SerializeToString(), "10,000,000,000 values per sample")


def test_shape_arithmetic_that_explodes_is_refused_quickly():
    nodes = [helper.make_node("Shape", ["x"], ["s0"])]
    for i in range(40):  # doubling: 2**40 values if it were computed
        nodes.append(helper.make_node("Concat", [f"s{i}", f"s{i}"], [f"s{i + 1}"], axis=0))
    nodes.append(helper.make_node("Reshape", ["x", "s40"], ["y"], name="bomb"))
    start = time.perf_counter()
    refused(model(nodes, []).SerializeToString(), "more than 4,096 values")
    assert time.perf_counter() - start < 5


def test_a_constant_spread_to_a_huge_shape_is_never_allocated():
    big = numpy_helper.from_array(np.array([10**12, 10**6], np.int64), "big")
    nodes = [helper.make_node("ConstantOfShape", ["big"], ["zeros"]),
             helper.make_node("Add", ["x", "zeros"], ["y"], name="sum")]
    tracemalloc.start()
    refused(model(nodes, [big]).SerializeToString(), "node 'sum' (Add)")
    assert tracemalloc.get_traced_memory()[1] < 20 * 2**20
    tracemalloc.stop()


def test_a_node_reading_a_tensor_nothing_makes_is_refused():
    nodes = [helper.make_node("Gemm", ["ghost", "fc.weight", "fc.bias"], ["y"], name="fc", transB=1)]
    refused(model(nodes).SerializeToString(), "node 'fc' (Gemm): reads 'ghost', which no earlier node makes")


def test_names_cannot_forge_lines_or_drive_the_terminal():
    nodes = [helper.make_node("Einsum", ["x", "x"], ["y"], name="a\nerror: fake\x1b[31m", equation="bi,bi->bi")]
    message = refused(model(nodes, []).SerializeToString(), "(Einsum)")
    assert "\n" not in message and "\x1b" not in message and "\\n" in message


def test_importing_never_loads_a_runtime_that_could_run_the_model(tmp_path):
    path = tmp_path / "m.onnx"
    path.write_bytes(model().SerializeToString())
    code = ("import sys; sys.modules.update(onnxruntime=None, onnxscript=None); "
            "from builder.onnx_import import read_onnx_file; from pathlib import Path; "
            f"print(len(read_onnx_file(Path({str(path)!r})).spec['layers']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "1", done.stderr[-2000:]
