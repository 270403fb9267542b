"""A ZIP of image folders, one folder per class (or one folder of images named by class: cat.0.jpg): images decoded
upright, on white where transparent, and resized."""
from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

import numpy as np
import torch

from ..datasets import Dataset
from ..errors import DataError
from . import IMAGE_FORMATS, IMAGE_KINDS
from .archives import open_zip, read_member
from .common import LIMITS, Limits, plural, read_upload

SPLIT_FOLDERS = frozenset({"train", "training", "test", "testing", "val", "valid", "validation", "dev"})


def load_image_zip(data, name: str | None = None, size: tuple[int, int] = (28, 28), mode: str = "L", *,
                   limits: Limits = LIMITS) -> Dataset:
    """One folder per class holding images (PNG, JPEG, BMP, GIF or WebP; one wrapper folder around them is fine).

    Images are turned upright as their camera recorded, laid on white where they are transparent, and resized
    to `size` (height, width); samples are [1, H, W] for mode "L" (grey) or [3, H, W] for "RGB", float in
    [0, 1] (16-bit images keep their full range). Class names are the folder names, sorted.
    """
    raw, name = read_upload(data, name, "upload.zip", limits.max_bytes)
    height, width = _check_image_size(size, name)
    if mode not in ("L", "RGB"):
        raise DataError(name, f"mode must be \"L\" (grey) or \"RGB\". Received: mode={mode!r}")
    channels = 1 if mode == "L" else 3
    with open_zip(raw, name, limits, limits.max_member) as archive:
        members, classes, merged = _image_members(archive, name)
        if len(members) * channels * height * width > limits.max_values:
            raise DataError(name, f"{len(members):,} images of {channels}×{height}×{width} would be more than "
                                  f"{limits.max_values:,} values", "choose a smaller size")
        x = np.empty((len(members), channels, height, width), dtype=np.float32)
        budget, kept, unreadable = limits.max_unpacked, [], []
        for cls, member in members:
            image = read_member(archive, member, name, min(limits.max_member, budget))
            budget -= len(image)
            try:  # the readable images fill x from the front: leaving one out copies nothing
                x[len(kept)] = _decode_image(image, member.filename, name, (width, height), mode, limits)
                kept.append((cls, member))
            except UnreadableImage as e:
                unreadable.append(e)
    skipped = _left_out(kept, unreadable, len(members), classes, name)
    x = x[:len(kept)]
    y = torch.tensor([classes.index(c) for c, _ in kept], dtype=torch.long)
    notes = [merged[0].upper() + merged[1:]] if merged else []
    return Dataset(name, torch.from_numpy(x), y, "classification", (channels, height, width), "float", classes,
                   None, f"Uploaded images: {plural(len(x), 'image')} in {len(classes)} classes, resized to "
                         f"{height}×{width} ({'grey' if mode == 'L' else 'colour'})." +
                         "".join(f" {note}." for note in notes + ([skipped] if skipped else [])))


class UnreadableImage(DataError):
    """An image file Pillow cannot decode (damaged, empty, or of another kind under an image's name)."""

    def __init__(self, source: str, member: str, message: str, hint: str = ""):
        self.member = member
        super().__init__(source, message, hint)


def _left_out(kept: list, unreadable: list[UnreadableImage], total: int, classes: list[str], name: str) -> str:
    """A note naming the unreadable images left out (as photo collections hold a few: an empty or cut-off JPEG).
    Refused, with the first one's reason, when half of the images or more are unreadable, or a class has no
    readable image left: then the archive itself is wrong."""
    if not unreadable:
        return ""
    empty = sorted(set(classes) - {c for c, _ in kept})
    if 2 * len(unreadable) >= total or empty:
        raise DataError(name, unreadable[0].message,
                        (f"no image of class {empty[0]!r} can be read; " if empty else
                         f"{len(unreadable):,} of {total:,} images cannot be read; ") +
                        "re-save them, or remove them from the archive")
    shown = ", ".join(repr(e.member) for e in unreadable[:3])
    more = f" and {len(unreadable) - 3:,} more" if len(unreadable) > 3 else ""
    return f"Left out {plural(len(unreadable), 'unreadable image')}: {shown}{more}"


def _check_image_size(size, name: str) -> tuple[int, int]:
    ok = isinstance(size, (tuple, list)) and len(size) == 2 and \
        all(isinstance(s, int) and not isinstance(s, bool) and 1 <= s <= 1024 for s in size)
    if not ok:
        raise DataError(name, f"size must be (height, width), each between 1 and 1024. Received: size={size!r}")
    return size[0], size[1]


def _image_members(archive: zipfile.ZipFile, name: str) -> tuple[list, list[str], str]:
    """(class name, member) for every image, sorted, the class names, and a note when split folders (train/,
    test/, …) were merged; other files are ignored."""
    found = []
    for member in archive.infolist():
        parts = member.filename.replace("\\", "/").strip("/").split("/")
        hidden = parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts)
        if not member.is_dir() and not hidden and parts[-1].lower().endswith(tuple(IMAGE_FORMATS)):
            found.append((parts, member))
    if not found:
        raise DataError(name, f"holds no images ({IMAGE_KINDS})", "put one folder per class, each holding its images")
    merged: set[str] = set()
    while all(len(p) >= 3 for p, _ in found):
        tops = {p[0] for p, _ in found}
        if len(tops) == 1:  # a wrapper folder around the class folders
            found = [(p[1:], m) for p, m in found]
        elif {t.lower() for t in tops} <= SPLIT_FOLDERS:  # train/ and test/, each holding the class folders
            merged |= tops
            found = [(p[1:], m) for p, m in found]
        else:
            break
    loose = [m.filename for p, m in found if len(p) < 2]
    if loose or len({p[0] for p, _ in found}) < 2:
        named = _classes_from_file_names(found)
        if named is not None:
            return named
    if loose:
        raise DataError(name, f"image {loose[0]!r} is not inside a class folder",
                        "put each image in a folder named after its class")
    classes = sorted({p[0] for p, _ in found})
    if len(classes) < 2:
        raise DataError(name, f"has only one class folder ({classes[0]!r})", "a classifier needs at least two")
    note = f"the {', '.join(repr(t) for t in sorted(merged))} folders are merged (NetBuilder holds out its own " \
           "validation share)" if merged else ""
    return sorted(((p[0], m) for p, m in found), key=lambda pm: (pm[0], pm[1].filename)), classes, note


FILE_CLASS = re.compile(r"(?P<cls>[^\W\d_](?:[^\W\d]|[ -])*?)[ ._-]*\(?\d+\)?\.\w+")  # cat.0.jpg, dog_001.png


def _classes_from_file_names(found: list) -> tuple[list, list[str], str] | None:
    """Classes read from the images' file names when they lie in one folder, not a folder per class: Kaggle's
    Dogs vs. Cats names them cat.0.jpg, dog.0.jpg (also dog_001.png, "Cat (12).jpg"). None unless every name is
    a word and a number, and two words or more each name two images or more."""
    matches = [(FILE_CLASS.fullmatch(p[-1]), m) for p, m in found]
    if not all(match for match, _ in matches):
        return None
    members = sorted(((match["cls"].strip(" -"), m) for match, m in matches), key=lambda cm: (cm[0], cm[1].filename))
    counts = Counter(cls for cls, _ in members)
    if len(counts) < 2 or min(counts.values()) < 2:
        return None
    cls, first = members[0]
    example = first.filename.replace("\\", "/").rsplit("/", 1)[-1]
    return members, sorted(counts), \
        f"the classes are read from the file names ({example!r}: {cls!r}), as no folder per class holds them"


def _decode_image(data: bytes, member: str, name: str, size: tuple[int, int], mode: str,
                  limits: Limits) -> np.ndarray:
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(io.BytesIO(data), formats=sorted(set(IMAGE_FORMATS.values()))) as image:
            if image.width * image.height > limits.max_pixels:
                raise DataError(name, f"image {member!r} is {image.width}×{image.height} pixels; the limit is "
                                      f"{limits.max_pixels:,} pixels")
            image.draft(mode, (max(size), max(size)))  # a JPEG decodes at 1/2 to 1/8 scale when that is enough
            pixels = np.asarray(_plain(image, mode).resize(size, Image.Resampling.BILINEAR), dtype=np.float32)
    except DataError:
        raise
    except Image.DecompressionBombError:
        raise DataError(name, f"image {member!r} has too many pixels to decode safely") from None
    except Exception as e:  # Pillow's decoders raise many kinds (OSError, SyntaxError, struct.error…) for bad files
        reason = "" if isinstance(e, UnidentifiedImageError) else f" ({e})"
        raise UnreadableImage(name, member, f"image {member!r} is not a readable image ({IMAGE_KINDS}){reason}",
                              "re-save it, or remove it from the archive") from None
    pixels = pixels / 255.0
    return pixels[None] if mode == "L" else pixels.transpose(2, 0, 1)


def _plain(image, mode: str):
    """An 8-bit grey or RGB image as a person sees the file: upright as the camera recorded (EXIF), transparent
    parts on white, and a 16-bit image scaled to 8 bits rather than clipped."""
    from PIL import Image, ImageOps
    image = ImageOps.exif_transpose(image)
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        values = np.asarray(image, dtype=np.float32)
        top = 255.0 if values.max(initial=0) <= 255 else 65535.0
        image = Image.fromarray(np.clip(values / top * 255.0, 0, 255).astype(np.uint8), "L")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
    return image.convert(mode)
