"""A ZIP of image folders, one folder per class (or one folder of images named by class: cat.0.jpg): images decoded
upright, on white where transparent, and resized."""
from __future__ import annotations

import io
import math
import re
import zipfile
from collections import Counter
from pathlib import Path

import numpy as np
import torch

from ..datasets import Dataset
from ..errors import DataError
from . import IMAGE_FORMATS, IMAGE_KINDS, IMAGE_MODES, one_of
from .archives import open_zip, read_member
from .common import LIMITS, WARNING, Limits, plural, read_upload

SPLIT_FOLDERS = frozenset({"train", "training", "test", "testing", "val", "valid", "validation", "dev"})
# a split folder's name: one of SPLIT_FOLDERS, maybe with a number or "set", "data", "images" (test1, val_images)
SPLIT_NAME = re.compile(rf"(?:{'|'.join(sorted(SPLIT_FOLDERS))})(?:[ _-]?(?:\d+|set|data|images?))?", re.IGNORECASE)
JPEG_SCALE = 4  # a JPEG may declare this many times max_pixels: it is decoded at 1/2 to 1/8 of its size
# image files of kinds NetBuilder does not decode: named when left out, never passed over in silence
OTHER_IMAGES = {".tif": "TIFF", ".tiff": "TIFF", ".heic": "HEIC", ".heif": "HEIF", ".avif": "AVIF", ".svg": "SVG",
                ".ico": "ICO", ".psd": "Photoshop", ".jp2": "JPEG 2000", ".jxl": "JPEG XL", ".tga": "TGA",
                ".pgm": "Netpbm", ".ppm": "Netpbm", ".pbm": "Netpbm", ".dng": "raw camera", ".cr2": "raw camera",
                ".nef": "raw camera", ".arw": "raw camera"}


def load_image_zip(data, name: str | None = None, size: tuple[int, int] = (28, 28), mode: str = "auto", *,
                   limits: Limits = LIMITS) -> Dataset:
    """One folder per class holding images (PNG, JPEG, BMP, GIF or WebP; one wrapper folder around them is fine).

    Images are turned upright as their camera recorded, laid on white where they are transparent, and resized
    to `size` (height, width); samples are [1, H, W] for mode "L" (grey) or [3, H, W] for "RGB", float in
    [0, 1] (16-bit images keep their full range). Mode "auto" reads them in colour when any of them has colour,
    else grey. Class names are the folder names, sorted.
    """
    raw, name = read_upload(data, name, "upload.zip", limits.max_bytes)
    height, width = _check_image_size(size, name)
    if mode not in IMAGE_MODES:
        raise DataError(name, f"mode must be \"auto\", \"L\" (grey) or \"RGB\" (colour). Received: mode={mode!r}")
    with open_zip(raw, name, limits, limits.max_member) as archive:
        members, classes, notes = _image_members(archive, name)
        auto = mode == "auto"
        if auto:  # decoded in colour, then kept grey if every image is: as much room as colour takes, if there is
            mode = "RGB" if len(members) * 3 * height * width <= limits.max_values else "L"
            colours = "grey: in colour they would be more than " \
                f"{limits.max_values:,} values" if mode == "L" else "colour"
        else:
            colours = IMAGE_MODES[mode]
        channels = 1 if mode == "L" else 3
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
    if auto and mode == "RGB" and _grey(x):
        x, mode, channels, colours = np.ascontiguousarray(x[:, :1]), "L", 1, "grey, as every image is"
    y = torch.tensor([classes.index(c) for c, _ in kept], dtype=torch.long)
    return Dataset(name, torch.from_numpy(x), y, "classification", (channels, height, width), "float", classes,
                   None, f"Uploaded images: {plural(len(x), 'image')} in {len(classes)} classes, resized to "
                         f"{height}×{width} ({colours})." +
                         "".join(f" {note[0].upper()}{note[1:]}." for note in
                                 notes + [skipped, _case_twins(classes)] if note))


def images_read_as(sample_shape, dtype: str, from_table: bool) -> tuple[tuple[int, int], str] | None:
    """How an image of one's own is read for a network whose samples are `sample_shape` (`dtype`): its (height,
    width) and mode, as its training images were; None when they are no images [1 or 3, H, W] of floats, or were a
    table's pixel columns (on the table's own scale: such a network reads a CSV of pixels)."""
    shape = tuple(sample_shape)
    if dtype != "float" or from_table or len(shape) != 3 or shape[0] not in (1, 3):
        return None
    return (shape[1], shape[2]), "L" if shape[0] == 1 else "RGB"


def image_scale(channel_means) -> float:
    """What an image read in [0, 1] is multiplied by to be on its network's scale: 255 when the images it trained on
    were 0–255 (an NPZ of such floats: a channel's mean above 1, which no image in [0, 1] has), else 1."""
    means = np.asarray(channel_means if channel_means is not None else [0.0], dtype=np.float64).reshape(-1)
    return 255.0 if means.size and float(np.nanmax(means)) > 1.0 else 1.0


def read_images(data, name: str | None, size: tuple[int, int], mode: str, *,
                limits: Limits = LIMITS) -> tuple[np.ndarray, list[str]]:
    """Images to predict from, read as a ZIP of image folders is read to train ([n, 1 or 3, H, W], float in [0, 1],
    upright, on white where transparent): one image file, or every image in a ZIP whatever its folders (sorted by
    path); and each one's name. An unreadable image is refused by name: each image is a question asked."""
    raw, name = read_upload(data, name, "image", limits.max_bytes)
    height, width = _check_image_size(size, name)
    if Path(name).suffix.lower() in IMAGE_FORMATS:
        return _decode_image(raw, name, name, (width, height), mode, limits)[None], [name]
    with open_zip(raw, name, limits, limits.max_member) as archive:
        found, foreign, _ = _archive_files(archive)
        if not found:
            what = f"; it holds {one_of(sorted({k for k, _ in foreign}))} files, which NetBuilder does not read" \
                if foreign else ""
            raise DataError(name, f"holds no images ({IMAGE_KINDS}){what}", "put the images to predict in the ZIP")
        members = sorted((m for _, m in found), key=lambda m: m.filename)
        channels = 1 if mode == "L" else 3
        if len(members) * channels * height * width > limits.max_values:
            raise DataError(name, f"{len(members):,} images of {channels}×{height}×{width} would be more than "
                                  f"{limits.max_values:,} values", "split them into smaller ZIPs")
        x = np.empty((len(members), channels, height, width), dtype=np.float32)
        budget = limits.max_unpacked
        for i, member in enumerate(members):
            image = read_member(archive, member, name, min(limits.max_member, budget))
            budget -= len(image)
            x[i] = _decode_image(image, member.filename, name, (width, height), mode, limits)
    return x, [m.filename for m in members]


def _case_twins(classes: list[str]) -> str:
    """A warning (or "") naming classes whose names differ only in case ('Cat' and 'cat'): folders that Windows and
    macOS would have made one, likely one class split in two."""
    twins: dict[str, list[str]] = {}
    for c in classes:
        twins.setdefault(c.casefold(), []).append(c)
    groups = [names for names in twins.values() if len(names) > 1]
    if not groups:
        return ""
    named = "; ".join(" and ".join(repr(c) for c in names) for names in groups[:3])
    more = f" (and {len(groups) - 3:,} more)" if len(groups) > 3 else ""
    return f"{WARNING}the classes {named}{more} differ only in case: if they are one class, give their folders one " \
        "name"


def _grey(x: np.ndarray) -> bool:
    """Whether images [n, 3, H, W] are all grey (their three channels equal), a batch at a time."""
    return all(np.array_equal(part[:, 0], part[:, 1]) and np.array_equal(part[:, 0], part[:, 2])
               for part in np.array_split(x, max(1, len(x) // 256)))


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
    return f"Left out {plural(len(unreadable), 'unreadable image')}: {_shown([e.member for e in unreadable])}"


def _check_image_size(size, name: str) -> tuple[int, int]:
    ok = isinstance(size, (tuple, list)) and len(size) == 2 and \
        all(isinstance(s, int) and not isinstance(s, bool) and 1 <= s <= 1024 for s in size)
    if not ok:
        raise DataError(name, f"size must be (height, width), each between 1 and 1024. Received: size={size!r}")
    return size[0], size[1]


def _image_members(archive: zipfile.ZipFile, name: str) -> tuple[list, list[str], list[str]]:
    """(class name, member) for every image, sorted, the class names, and notes on what was read otherwise than a
    plain folder per class would be (split folders merged, images without a class or of other kinds left out)."""
    found, foreign, folders = _archive_files(archive)
    if not found:
        if foreign:
            raise DataError(name, f"holds no images ({IMAGE_KINDS}); it holds {one_of(sorted({k for k, _ in foreign}))} "
                                  f"files ({foreign[0][1]!r}), which NetBuilder does not read",
                            "save them as PNG or JPEG, one folder per class, each holding its images")
        raise DataError(name, f"holds no images ({IMAGE_KINDS})", "put one folder per class, each holding its images")
    found, depth, merged = _class_level(found)
    found, unlabeled = _without_unlabeled(found)
    merged = {t for t in merged if any(t in m.filename.replace("\\", "/").split("/") for _, m in found)}
    notes = [f"the {', '.join(repr(t) for t in sorted(merged))} folders are merged (NetBuilder holds out its own "
             "validation share)"] if len(merged) > 1 else []
    if unlabeled:
        notes.append(f"left out {plural(len(unlabeled), 'image')} with no class (no class folder, no class in the "
                     f"name), as a test split often holds: {_shown(unlabeled)}")
    loose = [m.filename for p, m in found if len(p) < 2]
    if loose or len({p[0] for p, _ in found}) < 2:
        named = _classes_from_file_names(found)
        if named is not None:
            members, classes, how = named
            return members, classes, notes + [how]
    if loose:
        raise DataError(name, f"image {loose[0]!r} is not inside a class folder",
                        "put each image in a folder named after its class")
    classes = sorted({p[0] for p, _ in found})
    notes += _missing_classes(classes, foreign, folders, depth, name)
    if len(classes) < 2:
        raise DataError(name, f"has only one class folder ({classes[0]!r})", "a classifier needs at least two")
    return sorted(((p[0], m) for p, m in found), key=lambda pm: (pm[0], pm[1].filename)), classes, notes


def _archive_files(archive: zipfile.ZipFile) -> tuple[list, list, list]:
    """The archive's images ([path parts], member), its image files of kinds not read ((kind, member name)),
    and its folders (path parts), leaving out what macOS and Windows add (__MACOSX/, ._*, .DS_Store)."""
    found, foreign, folders = [], [], []
    for member in archive.infolist():
        parts = member.filename.replace("\\", "/").strip("/").split("/")
        if parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts):
            continue
        suffix = "." + parts[-1].rsplit(".", 1)[-1].lower() if "." in parts[-1] else ""
        if member.is_dir() or member.filename.endswith("\\"):
            folders.append(parts)
        elif suffix in IMAGE_FORMATS:
            found.append((parts, member))
        elif suffix in OTHER_IMAGES:
            foreign.append((OTHER_IMAGES[suffix], member.filename))
    return found, foreign, folders


def is_split(folder: str) -> bool:
    """Whether a folder's name says it holds a split of the data (train/, Test/, val_images/, test1/)."""
    return bool(SPLIT_NAME.fullmatch(folder))


def _class_level(found: list) -> tuple[list, int, set[str]]:
    """The images' paths from the level of the class folders: a wrapper folder around everything is taken away,
    and so are split folders (train/, test/, …) when every folder at a level is one. Returns the paths, how many
    levels were taken away, and the split folders merged (when there were two or more)."""
    merged: set[str] = set()
    depth = 0
    while all(len(p) >= 2 for p, _ in found):
        tops = {p[0] for p, _ in found}
        wrapper = len(tops) == 1 and all(len(p) >= 3 for p, _ in found)
        if not wrapper and not all(is_split(t) for t in tops):
            break
        if not wrapper and len(tops) > 1:
            merged |= tops
        found = [(p[1:], m) for p, m in found]
        depth += 1
    return found, depth, merged


def _without_unlabeled(found: list) -> tuple[list, list[str]]:
    """The images that have a class, and the names of those that lay straight inside a split folder with neither a
    class folder nor a class in their name (Kaggle's test/ or test1/ beside train/<class>/): a test split without
    labels, which a classifier cannot learn from. Their class would otherwise be the split's name."""
    def from_split(parts, member) -> bool:
        path = member.filename.replace("\\", "/").strip("/").split("/")
        return len(parts) == 1 and len(path) >= 2 and is_split(path[-2])
    in_folders = any(len(p) >= 2 for p, _ in found)
    unlabeled = [(p, m) for p, m in found if from_split(p, m) and (in_folders or not FILE_CLASS.fullmatch(p[0]))]
    if not unlabeled or len(unlabeled) == len(found):
        return found, []
    gone = {id(m) for _, m in unlabeled}
    return [(p, m) for p, m in found if id(m) not in gone], [m.filename for _, m in unlabeled]


def _missing_classes(classes: list[str], foreign: list, folders: list, depth: int, name: str) -> list[str]:
    """Folders at the class level that are not classes: refused when one holds only images of kinds NetBuilder
    does not read (a class would vanish without a word); a note naming empty ones and the files left out."""
    def class_of(parts):
        return parts[depth] if len(parts) > depth else None
    lost = {}
    for kind, member in foreign:
        parts = member.replace("\\", "/").strip("/").split("/")
        if len(parts) > depth + 1 and class_of(parts) not in classes:
            lost.setdefault(class_of(parts), (kind, member))
    if lost:
        folder, (kind, member) = next(iter(sorted(lost.items())))
        raise DataError(name, f"folder {folder!r} holds only {kind} images ({member!r}), which NetBuilder does not "
                              f"read, so it would be no class", f"save them as PNG or JPEG ({IMAGE_KINDS})")
    empty = sorted({class_of(p) for p in folders if len(p) == depth + 1} - set(classes) - {None})
    notes = [f"left out {plural(len(foreign), 'file')} of kinds NetBuilder does not read "
             f"({one_of(sorted({k for k, _ in foreign}))}): {_shown([m for _, m in foreign])}; save them as PNG or "
             "JPEG"] if foreign else []
    if empty:
        notes.append(f"the folder{'s' if len(empty) > 1 else ''} {_shown(empty)} "
                     f"hold{'' if len(empty) > 1 else 's'} no images and {'are' if len(empty) > 1 else 'is'} no class")
    return notes


def _shown(names: list[str]) -> str:
    more = f" and {len(names) - 3:,} more" if len(names) > 3 else ""
    return ", ".join(repr(n) for n in names[:3]) + more


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
            declared = image.size
            image.draft(mode, (max(size), max(size)))  # a JPEG decodes at 1/2 to 1/8 scale when that is enough
            # the limit is on the pixels decoded: a camera's 24-megapixel JPEG decodes at 1/8 scale, a PNG whole
            if image.width * image.height > limits.max_pixels or math.prod(declared) > JPEG_SCALE * limits.max_pixels:
                raise DataError(name, f"image {member!r} is {declared[0]}×{declared[1]} pixels; the limit is "
                                      f"{limits.max_pixels:,} pixels ({JPEG_SCALE * limits.max_pixels:,} for a JPEG)",
                                "shrink it, or remove it from the archive")
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
        # a 16-bit PNG's scale is 0–65535 whatever its brightest pixel: a dark scan stays dark (only a float image,
        # which no format read here makes, has no scale of its own)
        top = 255.0 if image.mode == "F" and values.max(initial=0) <= 255 else 65535.0
        image = Image.fromarray(np.clip(values / top * 255.0, 0, 255).astype(np.uint8), "L")
    # an alpha channel, or one colour marked transparent (PNG's tRNS in a grey, colour or palette image, GIF's)
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
    return image.convert(mode)
