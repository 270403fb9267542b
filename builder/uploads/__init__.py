"""Bring your own data: CSV, NPZ, a ZIP of image folders, MNIST-style IDX files and plain text (for a language
model), parsed in memory within limits.

`UPLOAD_FORMATS` is the one table of the files NetBuilder reads as data: the page, the CLI, `predict` and the
standalone script read it, so a new format is one reader and one row. Every reader takes the files' bytes (or
paths), then their display names, then its options; returns a `Dataset`; and raises `DataError` naming the file
(and the column, array or member) for anything it cannot use. Nothing is written to disk, no archive member is
extracted, and nothing in an upload is ever executed or unpickled.
"""
from __future__ import annotations

import inspect
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .. import lazy
from ..errors import DataError

if TYPE_CHECKING:
    from ..datasets import Dataset

# the images an image ZIP may hold (`image_zip`)
IMAGE_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".jfif": "JPEG", ".jpe": "JPEG", ".jif": "JPEG",
                 ".bmp": "BMP", ".gif": "GIF", ".webp": "WEBP"}  # (Windows saves JPEGs from the web as .jfif)
IMAGE_KINDS = "PNG, JPEG, BMP, GIF or WebP"  # what IMAGE_FORMATS reads, said for a person
IMAGE_MODES = {"auto": "as the images are", "L": "grey", "RGB": "colour"}  # an image ZIP's `mode`s, said for a person


@dataclass(frozen=True)
class UploadFormat:
    """One kind of data file: what a person calls it, the names its files go by, and the reader that reads it."""

    key: str  # how code names it: parse_files(key, …), the page's widget keys
    short: str  # its name in a sentence: "a CSV, NPZ or image ZIP file"
    title: str  # its name in the page's list of file types
    help: str  # what the page says such a file holds
    suffixes: tuple[str, ...]  # the file name endings it goes by, lower case (the file picker offers these)
    reader: str  # "module:function" in this package, imported when a file is read (the table itself needs no torch)
    parts: tuple[str, ...] = ("file",)  # the files one upload takes (IDX: an images file and a labels file)
    names: str = ""  # a pattern of other file names it goes by (MNIST's train-images-idx3-ubyte)
    predict: bool = False  # `predict` reads a trained model's inputs from such a file
    by_name: bool = True  # a file's name says it holds this format (False: it shares its names with another and is
    # read so when chosen: plain text for a language model, a .txt that is otherwise a table)

    @property
    def read(self) -> Callable[..., Dataset]:
        """The reader: (each part's bytes or path, then each part's name, then the options) -> Dataset."""
        return lazy.resolve(f".{self.reader}", __package__)

    @property
    def options(self) -> tuple[str, ...]:
        """The options a person may give its reader, read from the reader's own signature (so the two cannot
        disagree): the parameters after the parts and their names, keyword-only ones (limits) excepted."""
        params = [p.name for p in inspect.signature(self.read).parameters.values()
                  if p.kind is p.POSITIONAL_OR_KEYWORD]
        return tuple(params[2 * len(self.parts):])


UPLOAD_FORMATS: dict[str, UploadFormat] = {f.key: f for f in (
    UploadFormat("csv", "CSV", "CSV table",
                 "One row per sample; choose the target column (default: one named label, target, class, …, else "
                 "the last). Commas, semicolons or tabs between values; UTF-8, UTF-16 or Windows text; numbers "
                 "as any spreadsheet writes them; or an Excel workbook (.xlsx), read from its first sheet; or a Parquet "
                 "or Feather file. A CSV may come gzipped (.csv.gz).",
                 (".csv", ".tsv", ".txt", ".data", ".xlsx", ".parquet", ".feather", ".csv.gz", ".tsv.gz"),
                 "csv_file:load_csv", predict=True),
    UploadFormat("npz", "NPZ", "NPZ arrays",
                 "Arrays x [n, …] and y [n] or [n, targets], saved with numpy.savez (X, Keras's x_train and "
                 "y_train, or scikit-learn's data and target work too; one-hot labels are read as classes); 8-bit "
                 "images [n, H, W] or [n, H, W, C] become [C, H, W] in [0, 1].",
                 (".npz",), "npz_file:load_npz", predict=True),
    UploadFormat("zip", "image ZIP", "ZIP of image folders", f"One folder per class holding {IMAGE_KINDS} images, or one folder of images named by "
                 "their class and a number (cat.0.jpg, dog.0.jpg).",
                 (".zip",), "image_zip:load_image_zip", predict=True),
    UploadFormat("idx", "IDX", "IDX pair (MNIST format)", "An images file and a labels file, raw or gzipped.",
                 (".idx", ".gz"), "idx_files:load_idx", parts=("images", "labels"), names=r"ubyte|\.idx\d"),
    UploadFormat("corpus", "plain text", "Plain text (a language model's)",
                 "Any text of your own (a book, lyrics, code) for a character language model: windows as long as "
                 "the network's input, each labelled with the character after it. The alphabet is the text's own "
                 "characters; make the network fit it.",
                 (".txt", ".md", ".text"), "corpus:load_corpus", by_name=False),
)}


def one_of(words) -> str:
    """Words as a person lists alternatives: "CSV, NPZ or image ZIP"."""
    words = list(words)
    return f"{', '.join(words[:-1])} or {words[-1]}" if len(words) > 1 else "".join(words)


def describe(formats) -> str:
    """Formats in a sentence, with the names their files go by: "CSV (.csv, .tsv, .txt) or NPZ (.npz) files"."""
    return one_of(f"{f.short} ({', '.join(f.suffixes)})" for f in formats) + " files"


def format_for(name: str) -> UploadFormat | None:
    """The format a file's name says it holds (by its longest known ending: "table.csv.gz" is a CSV, "images.gz"
    IDX); None when NetBuilder reads no such file."""
    named = next((f for f in UPLOAD_FORMATS.values() if f.names and re.search(f.names, name)), None)
    lower = name.lower()
    endings = [(len(s), f) for f in UPLOAD_FORMATS.values() if f.by_name for s in f.suffixes if lower.endswith(s)]
    return named or max(endings, key=lambda e: e[0], default=(0, None))[1]


def load_upload(data, name: str | None = None, kind: str | None = None, **options) -> Dataset:
    """Read a one-file upload (its bytes or a path) as the format its name says, or as the format `kind` (a key of
    UPLOAD_FORMATS: "corpus" reads a .txt as a language model's text); options go to that format's reader."""
    if name is None and isinstance(data, (str, os.PathLike)):
        name = Path(data).name
    name = name or "upload"
    if kind is not None and kind not in UPLOAD_FORMATS:
        raise DataError(name, f"unknown kind of upload {kind!r}", f"valid: {', '.join(UPLOAD_FORMATS)}")
    fmt = UPLOAD_FORMATS[kind] if kind is not None else format_for(name)
    if fmt is None:
        suffix = Path(name).suffix.lower()
        raise DataError(name, f"has an unsupported file type {suffix or '(no extension)'!r}",
                        f"NetBuilder reads {describe(f for f in UPLOAD_FORMATS.values() if f.by_name)}, and "
                        f"{describe(f for f in UPLOAD_FORMATS.values() if not f.by_name)} for a language model")
    if len(fmt.parts) > 1:
        group = "pairs" if len(fmt.parts) == 2 else f"sets of {len(fmt.parts)}"
        raise DataError(name, f"{fmt.short} files come in {group}, {' and '.join(fmt.parts)}",
                        f"load them together with {fmt.read.__name__}")
    unknown = [k for k in options if k not in fmt.options]
    if unknown:
        raise DataError(name, f"unknown option '{unknown[0]}' for a {Path(name).suffix.lower()} file",
                        f"valid: {', '.join(fmt.options)}")
    return fmt.read(data, name, **options)


def parse_files(kind: str, files: list[tuple[str, bytes]], options: dict) -> Dataset:
    """An upload the page received: `kind` is a key of UPLOAD_FORMATS, `files` one (name, bytes) per part."""
    fmt = UPLOAD_FORMATS[kind]
    if len(files) != len(fmt.parts):
        raise DataError(files[0][0] if files else kind, f"a {fmt.short} upload is {len(fmt.parts)} file(s): "
                                                        f"{' and '.join(fmt.parts)}")
    names, blobs = zip(*files)
    return fmt.read(*blobs, *names, **options)
