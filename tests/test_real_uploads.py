"""Uploads as people really have them, not as NetBuilder would write them: image ZIPs made by macOS's Finder and old
Windows (names not flagged UTF-8, accents decomposed), Kaggle's layouts (train/<class>/ beside an unlabelled
test/), image kinds NetBuilder does not read lying among those it does, transparent and 16-bit PNGs, camera-sized
JPEGs; NPZ images saved channels last as floats; IDX files given the wrong way round; texts with long runs without
a space. All files are made here, in memory or under tmp_path, with Pillow, numpy, zipfile and struct."""
from __future__ import annotations

import io
import struct
import unicodedata
import zipfile
import zlib

import numpy as np
import pytest
import torch
from PIL import Image

from builder import text
from builder.errors import DataError
from builder.uploads.idx_files import load_idx
from builder.uploads.image_zip import load_image_zip
from builder.uploads.npz_file import load_npz, npz_images
from hostile.helpers import refused_cli


def refused(fn, *args, **kwargs) -> str:
    with pytest.raises(DataError) as err:
        fn(*args, **kwargs)
    return str(err.value)


def encoded(image: Image.Image, kind: str = "PNG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


def grey(value: int, size=(6, 6)) -> bytes:
    return encoded(Image.new("L", size, value))


def zip_bytes(files: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_with_raw_names(files: dict[bytes, bytes]) -> bytes:
    """A ZIP whose names are these bytes, without the UTF-8 flag: as macOS's Finder (UTF-8, decomposed accents) and
    old Windows (the DOS code page) write them. Written with placeholder names of the same length, then patched."""
    placeholders = {raw: chr(ord("A") + i).encode() * len(raw) for i, raw in enumerate(files)}  # one letter each
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for raw, data in files.items():
            archive.writestr(placeholders[raw].decode(), data)
    data = buffer.getvalue()
    for raw, placeholder in placeholders.items():
        assert data.count(placeholder) == 2  # the local header and the central directory
        data = data.replace(placeholder, raw)
    return data


def the_odd_one(files: dict, odd: str, **options) -> np.ndarray:
    """The pixels the reader made of the member `odd`."""
    ds = load_image_zip(zip_bytes(files), "photos.zip", size=(6, 6), **options)
    return ds.x[sorted(files).index(odd)].numpy()


# ---- images: what a person sees in the file ---------------------------------------------------------------

def _palette_with_transparent_black() -> Image.Image:
    image = Image.new("P", (6, 6), 0)
    image.putpalette([0, 0, 0] * 256)
    return image


@pytest.mark.parametrize("label, data", [
    ("RGBA", encoded(Image.new("RGBA", (6, 6), (0, 0, 0, 0)))),
    ("LA", encoded(Image.new("LA", (6, 6), (0, 0)))),
    ("P + tRNS", encoded(_palette_with_transparent_black(), transparency=0)),
    ("GIF", encoded(_palette_with_transparent_black(), "GIF", transparency=0)),
    ("RGB + tRNS colour key", encoded(Image.new("RGB", (6, 6), (0, 0, 0)), transparency=(0, 0, 0))),
    ("L + tRNS colour key", encoded(Image.new("L", (6, 6), 0), transparency=0)),
    ("WebP", encoded(Image.new("RGBA", (6, 6), (0, 0, 0, 0)), "WEBP", lossless=True)),
], ids=lambda value: value if isinstance(value, str) else "")
def test_a_transparent_background_is_white_in_every_kind_of_transparency(label, data):
    """A transparent icon lies on white, whether its transparency is an alpha channel or one colour marked
    transparent (PNG's tRNS chunk in a grey or colour image: it once came out black)."""
    files = {"a/odd.png": data, "a/b.png": grey(0), "b/c.png": grey(255)}
    assert the_odd_one(files, "a/odd.png").min() == 1.0, label
    assert the_odd_one(files, "a/odd.png", mode="RGB").min() == 1.0, label


def test_a_16_bit_png_keeps_its_scale_however_dark():
    """A 16-bit scan's values are out of 65535: a dark one (all values under 256) once read as 8-bit, 257 times
    too bright, while a brighter one from the same scanner read right."""
    dark = encoded(Image.fromarray(np.full((6, 6), 2570, dtype=np.uint16)))  # 2570/65535 = 10/255
    darker = encoded(Image.fromarray(np.full((6, 6), 200, dtype=np.uint16)))  # under 1/255: black in 8 bits
    bright = encoded(Image.fromarray(np.full((6, 6), 51400, dtype=np.uint16)))  # 200/255
    files = {"a/dark.png": dark, "a/darker.png": darker, "b/bright.png": bright, "b/x.png": grey(9)}
    np.testing.assert_allclose(the_odd_one(files, "a/dark.png"), 10 / 255, atol=1 / 255)
    np.testing.assert_allclose(the_odd_one(files, "a/darker.png"), 0, atol=1 / 255)
    np.testing.assert_allclose(the_odd_one(files, "b/bright.png"), 200 / 255, atol=1 / 255)


@pytest.mark.parametrize("label, data, value", [
    ("CMYK JPEG", encoded(Image.new("CMYK", (6, 6), (0, 0, 0, 0)), "JPEG", quality=100), 1.0),
    ("progressive JPEG", encoded(Image.new("L", (6, 6), 255), "JPEG", progressive=True, quality=100), 1.0),
    ("bilevel PNG", encoded(Image.new("1", (6, 6), 1)), 1.0),
    ("1×1 PNG", grey(255, (1, 1)), 1.0),
    ("BMP", encoded(Image.new("RGB", (6, 6), (255, 255, 255)), "BMP"), 1.0),
    ("a JPEG named .png", encoded(Image.new("L", (6, 6), 255), "JPEG", quality=100), 1.0),
], ids=lambda value: value if isinstance(value, str) else "")
def test_other_image_kinds_read_as_they_look(label, data, value):
    files = {"a/odd.png": data, "a/b.png": grey(0), "b/c.png": grey(0)}
    np.testing.assert_allclose(the_odd_one(files, "a/odd.png"), value, atol=2 / 255, err_msg=label)


def test_jpeg_files_named_jfif_or_jpe_are_read_as_the_jpegs_they_are():
    jpeg = encoded(Image.new("L", (6, 6), 255), "JPEG", quality=100)
    files = {"cat/a.png": grey(0), "cat/b.PNG": grey(0), "dog/a.jfif": jpeg, "dog/b.JPE": jpeg}
    ds = load_image_zip(zip_bytes(files), "photos.zip", size=(6, 6))
    assert ds.class_names == ["cat", "dog"] and ds.y.tolist() == [0, 0, 1, 1]
    assert ds.x[2:].min() > 0.99


def test_a_camera_sized_jpeg_is_decoded_at_reduced_scale_while_large_pngs_and_lying_headers_are_refused():
    """A 24-megapixel photo (6000×4000) is beyond the limit of 16 million pixels decoded, but a JPEG decodes at
    1/8 scale when that is enough: the whole archive was once refused for it. A PNG is decoded whole, so its
    limit stays; a JPEG's header may declare at most 4 times the limit; a decompression bomb stays refused."""
    photo = encoded(Image.new("L", (6000, 4000), 255), "JPEG", quality=30)
    files = {"a/photo.jpg": photo, "a/b.png": grey(0), "b/c.png": grey(0)}
    np.testing.assert_allclose(the_odd_one(files, "a/photo.jpg"), 1.0, atol=2 / 255)

    def png_header(width: int, height: int) -> bytes:
        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)) + \
            chunk(b"IDAT", zlib.compress(bytes(100))) + chunk(b"IEND", b"")

    def jpeg_declaring(width: int, height: int) -> bytes:
        data = bytearray(encoded(Image.new("L", (8, 8), 0), "JPEG"))
        at = data.find(b"\xff\xc0")
        data[at + 5:at + 9] = struct.pack(">HH", height, width)
        return bytes(data)

    for member, data, said in [("a/big.png", png_header(6000, 4000), "'a/big.png' is 6000×4000 pixels; the limit"),
                               ("a/lie.jpg", jpeg_declaring(9000, 9000), "'a/lie.jpg' is 9000×9000 pixels; the limit"),
                               ("a/bomb.png", png_header(50000, 50000), "'a/bomb.png' has too many pixels"),
                               ("a/bomb.jpg", jpeg_declaring(50000, 50000), "'a/bomb.jpg' has too many pixels")]:
        assert said in refused(load_image_zip, zip_bytes({**files, member: data}), "photos.zip")


# ---- image ZIPs: the names and folders people's tools write ---------------------------------------------

def test_names_from_macos_finder_are_utf8_and_one_class_however_the_accent_is_written():
    """Finder writes UTF-8 names without the ZIP's UTF-8 flag, and 'é' as 'e' and a combining accent: read as
    the old DOS code page, the classes were 'cafe╠ü' and 'τî½'."""
    nfd = unicodedata.normalize("NFD", "café").encode()
    files = {nfd + b"/1.png": grey(0), nfd + b"/2.png": grey(0), "猫/1.png".encode(): grey(255),
             "猫/2.png".encode(): grey(255), b"__MACOSX/" + nfd + b"/._1.png": b"\x00\x05\x16\x07 resource fork"}
    ds = load_image_zip(zip_with_raw_names(files), "finder.zip", size=(4, 4))
    assert ds.class_names == ["café", "猫"] and ds.y.tolist() == [0, 0, 1, 1]
    mixed = {"café/1.png": grey(0), unicodedata.normalize("NFD", "café") + "/2.png": grey(0),
             "dog/1.png": grey(255), "dog/2.png": grey(255)}  # two tools' ways to write one folder's name
    assert load_image_zip(zip_bytes(mixed), "mixed.zip", size=(4, 4)).class_names == ["café", "dog"]


def test_names_from_old_windows_in_the_dos_code_page_still_read():
    files = {"café/1.png".encode("cp437"): grey(0), "café/2.png".encode("cp437"): grey(0),
             b"dog\\1.png": grey(255), b"dog\\2.png": grey(255)}  # and backslashes between folders
    ds = load_image_zip(zip_with_raw_names(files), "windows.zip", size=(4, 4))
    assert ds.class_names == ["café", "dog"] and ds.y.tolist() == [0, 0, 1, 1]


@pytest.mark.parametrize("files, classes, left_out", [
    ({**{f"dataset/train/{c}/{i}.jpg": grey(v) for c, v in [("cat", 0), ("dog", 255)] for i in range(3)},
      **{f"dataset/test/{i}.jpg": grey(9) for i in range(4)}}, ["cat", "dog"], "'dataset/test/0.jpg'"),
    ({**{f"train/{c}.{i}.jpg": grey(v) for c, v in [("cat", 0), ("dog", 255)] for i in range(3)},
      **{f"test1/{i}.jpg": grey(9) for i in range(4)}}, ["cat", "dog"], "'test1/0.jpg'"),  # Dogs vs. Cats
], ids=["class folders beside test", "Dogs vs. Cats"])
def test_an_unlabelled_test_split_is_left_out_not_read_as_a_class(files, classes, left_out):
    """Kaggle's layouts: train/<class>/… (or train/cat.0.jpg) beside test/ holding images without labels. The
    classes were once 'test' and 'train', silently."""
    ds = load_image_zip(zip_bytes(files), "kaggle.zip", size=(4, 4))
    assert ds.class_names == classes and ds.n_samples == 6 and ds.y.tolist() == [0, 0, 0, 1, 1, 1]
    assert f"Left out 4 images with no class (no class folder, no class in the name), as a test split often " \
           f"holds: {left_out}" in ds.description
    assert "merged" not in ds.description  # nothing of the test split was merged


def test_split_names_stay_classes_where_they_are_classes_and_splits_without_classes_are_refused():
    vehicles = {f"{c}/{i}.png": grey(9) for c in ("bus", "car", "train") for i in range(2)}
    assert load_image_zip(zip_bytes(vehicles), "v.zip").class_names == ["bus", "car", "train"]
    splits = {f"{s}/{i}.png": grey(9) for s in ("train", "test") for i in range(2)}
    assert "is not inside a class folder" in refused(load_image_zip, zip_bytes(splits), "s.zip")
    nested = {f"data/{s}/images/{c}/{i}.png": grey(v) for s in ("Train", "val_set") for c, v in [("a", 0), ("b", 99)]
              for i in range(2)}
    ds = load_image_zip(zip_bytes(nested), "n.zip", size=(4, 4))
    assert ds.class_names == ["a", "b"] and ds.n_samples == 8
    assert "The 'Train', 'val_set' folders are merged" in ds.description


def test_image_files_of_kinds_not_read_are_named_never_passed_over():
    """A class folder of TIFF scans once vanished without a word, leaving a classifier of the other classes."""
    tiff = encoded(Image.new("L", (6, 6), 255), "TIFF")
    only = {"cat/1.png": grey(0), "cat/2.png": grey(0), "bird/1.png": grey(9), "dog/1.tif": tiff, "dog/2.TIFF": tiff}
    said = refused(load_image_zip, zip_bytes(only), "scans.zip")
    assert "folder 'dog' holds only TIFF images ('dog/1.tif'), which NetBuilder does not read" in said
    assert "save them as PNG or JPEG" in said
    some = {"cat/1.png": grey(0), "dog/1.png": grey(255), "dog/2.heic": b"\x00\x00\x00\x18ftypheic"}
    ds = load_image_zip(zip_bytes(some), "phone.zip", size=(4, 4))
    assert ds.n_samples == 2 and "Left out 1 file of kinds NetBuilder does not read (HEIC): 'dog/2.heic'" \
        in ds.description
    none = refused(load_image_zip, zip_bytes({"a/1.tif": tiff, "b/1.heic": b"x"}), "none.zip")
    assert "holds no images (PNG, JPEG, BMP, GIF or WebP); it holds HEIC or TIFF files" in none


def test_an_empty_class_folder_is_named():
    files = {"cat/1.png": grey(0), "dog/1.png": grey(255), "bird/": b"", "fish/": b""}
    ds = load_image_zip(zip_bytes(files), "pets.zip", size=(4, 4))
    assert ds.class_names == ["cat", "dog"]
    assert "The folders 'bird', 'fish' hold no images and are no class." in ds.description


def test_the_cli_refuses_a_class_of_unread_images_with_an_error_line(tmp_path, capsys):
    path = tmp_path / "scans.zip"
    path.write_bytes(zip_bytes({"a/1.png": grey(0), "b/1.tif": encoded(Image.new("L", (4, 4)), "TIFF")}))
    spec = tmp_path / "spec.json"
    spec.write_text('{"format": "netbuilder/1", "name": "cnn", "input": {"shape": [1, 8, 8]}, "layers": ['
                    '{"id": "flat", "type": "Flatten"}, {"id": "out", "type": "Linear", "params": '
                    '{"out_features": 2}}], "training": {"epochs": 1}}')
    refused_cli(capsys, "train", spec, "--data", path, "--fit", "--out", tmp_path / "run",
                words="scans.zip: folder 'b' holds only TIFF images")


# ---- NPZ, IDX ---------------------------------------------------------------------------------------------

def npz(**arrays) -> bytes:
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def test_float_images_saved_channels_last_become_channels_first():
    """Keras-style x_train / 255.0, [n, H, W, 3] floats: once read as 16 channels of 16×3."""
    rng = np.random.default_rng(0)
    x = rng.random((10, 16, 12, 3)).astype(np.float32)
    ds = load_npz(npz(x_train=x, y_train=np.arange(10) % 2), "cifar.npz")
    assert ds.sample_shape == (3, 16, 12)
    assert torch.equal(ds.x, torch.from_numpy(x).permute(0, 3, 1, 2))
    assert "Colour images stored channels last ([H, W, 3]): read as [3, H, W]." in ds.description
    rgba = load_npz(npz(x=rng.random((10, 8, 8, 4)), y=np.arange(10) % 2), "icons.npz")
    assert rgba.sample_shape == (3, 8, 8) and "(the alpha channel left out)" in rgba.description
    first = rng.random((10, 3, 8, 8))  # channels first already: as it is
    assert torch.equal(load_npz(npz(x=first, y=np.arange(10) % 2), "f.npz").x, torch.from_numpy(first).float())
    # prediction reads inputs through the same function, so a model sees its training's form
    again, note = npz_images(torch.from_numpy(x))
    assert torch.equal(again, ds.x) and note


@pytest.mark.parametrize("layout", ["grey [n, H, W]", "grey [n, 1, H, W]", "colour [n, 3, H, W]", "[n, H, W, 3]"])
def test_eight_bit_images_are_scaled_to_0_1_in_every_layout(layout):
    """8-bit [n, H, W] and channels-last images were scaled to [0, 1], but channels-first ones kept 0–255: the
    same pictures then trained differently by how their array was laid out."""
    rng = np.random.default_rng(1)
    shape = {"grey [n, H, W]": (10, 8, 8), "grey [n, 1, H, W]": (10, 1, 8, 8), "colour [n, 3, H, W]": (10, 3, 8, 8),
             "[n, H, W, 3]": (10, 8, 8, 3)}[layout]
    x = rng.integers(0, 256, shape).astype(np.uint8)
    ds = load_npz(npz(x=x, y=np.arange(10) % 2), "pictures.npz")
    assert 0 <= float(ds.x.min()) and float(ds.x.max()) <= 1 and float(ds.x.max()) > 0.9
    assert ds.x.shape[1] in (1, 3) and "8-bit" in ds.description and "scaled to [0, 1]" in ds.description
    again, _ = npz_images(torch.from_numpy(x.astype(np.float32)))  # prediction: the same form
    assert torch.equal(again, ds.x)


def idx(array: np.ndarray, code: int = 0x08) -> bytes:
    return bytes([0, 0, code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape) + array.tobytes()


def test_idx_files_given_the_wrong_way_round_or_not_idx_say_so():
    images, labels = np.zeros((4, 5, 5), np.uint8), np.array([0, 1, 0, 1], np.uint8)
    said = refused(load_idx, idx(labels), idx(images), "train-labels-idx1-ubyte", "train-images-idx3-ubyte")
    assert "train-labels-idx1-ubyte: holds labels (4 values), and train-images-idx3-ubyte holds images [4, 5, 5]: " \
           "the two files are swapped" in said
    png = refused(load_idx, b"\x89PNG\r\n\x1a\n", idx(labels), "digits.idx", "labels.idx")
    assert "digits.idx: is not an IDX file: it starts with 89 50 4e 47" in png
    assert "is not an IDX file: it starts with nothing (the file is empty)" in \
        refused(load_idx, b"", idx(labels), "empty.idx", "labels.idx")


# ---- text --------------------------------------------------------------------------------------------------

def test_subwords_learn_in_bounded_time_from_texts_with_long_runs_without_a_space():
    """A cell of 100,000 characters without a space (a base64 blob, a minified page) took BPE about ten seconds
    to learn from, each; words are now learnt from pieces of at most LONG_WORD characters (no token learnt is
    longer: BPE merges within a word, so its time is bounded by that length)."""
    texts = ["a short review, fine"] * 50 + ["x" * 100_000, "ab" * 50_000, "q" * 100_000]
    encoder = text.learn_encoder(texts, "subwords")
    assert max(len(token) for token in encoder.vocab) <= text.LONG_WORD + 2  # BPE's "##" prefixes aside
    assert encoder.encode(["x" * 1000]).unknown == 0  # a long run still encodes, from the pieces learnt
