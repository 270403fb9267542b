"""A plain text of a person's own (a book, lyrics, code) for a character language model: windows of `steps`
characters, each labelled with the character after it, as the built-in pydoc_chars is made from Python's
documentation. The alphabet is the text's own characters (the commonest MAX_ALPHABET of them; a rarer one reads as
unknown, and no window is labelled with it)."""
from __future__ import annotations

import numpy as np
import torch

from .. import tables
from ..datasets import Dataset, check_option
from ..errors import DataError, count_text
from ..text import CONTROL, SPECIALS, TextColumn, TextEncoder
from .common import LIMITS, Limits, plural, read_upload

MAX_ALPHABET = 256  # distinct characters kept as tokens and classes (a text in any script fits; emoji are rare)
DEFAULT_WINDOWS = 20_000  # windows drawn when n_samples is not given (fewer when the text has fewer)
MAX_CHARS = 20_000_000  # characters of a text read (its start): windows are drawn from them


def load_corpus(data, name: str | None = None, steps: int = 32, n_samples: int | None = None, *,
                limits: Limits = LIMITS) -> Dataset:
    """The text as `n_samples` windows of `steps` characters (default: DEFAULT_WINDOWS, or every window of a
    shorter text), drawn at random with a fixed seed; each window's label is the character after it."""
    raw, name = read_upload(data, name, "text.txt", limits.max_bytes)
    steps = check_option(name, "steps", steps)
    try:
        text, encoding = tables.decode_plain_text(raw)
    except tables.TableError as e:
        raise DataError(name, e.message, e.hint) from None
    text = CONTROL.sub("", text)  # tab and newline are text; other control characters are not
    cut = f" Its first {MAX_CHARS:,} characters were read, of {len(text):,}." if len(text) > MAX_CHARS else ""
    text = text[:MAX_CHARS]
    if len(text) < steps + 2:
        raise DataError(name, f"holds {plural(len(text), 'character')}; windows of {steps} characters, each with "
                              f"the one after it, need at least {steps + 2:,}",
                        "give a longer text, or make the network read fewer characters (its input length)")
    codes = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    alphabet, rare = _alphabet(codes)
    ids = np.searchsorted(alphabet, codes)
    found = ids < len(alphabet)
    found[found] = alphabet[ids[found]] == codes[found]
    ids = np.where(found, ids + len(SPECIALS), SPECIALS.index("<unk>")).astype(np.int32)
    available = len(ids) - steps
    wanted = min(available, DEFAULT_WINDOWS) if n_samples is None else check_option(name, "n_samples", n_samples)
    if wanted * steps > limits.max_values:
        raise DataError(name, f"{wanted:,} windows of {steps} characters would be more than {limits.max_values:,} "
                              "values", "choose fewer samples (n_samples) or shorter windows (steps)")
    rng = np.random.default_rng(0)
    starts = np.sort(rng.choice(available, size=wanted, replace=False)) if wanted <= available else \
        rng.integers(0, available, wanted)  # a short text read more than once
    following = ids[starts + steps]
    starts = starts[following >= len(SPECIALS)]  # never labelled with a rare character (not a class)
    x = ids[starts[:, None] + np.arange(steps)].astype(np.int64)
    y = ids[starts + steps].astype(np.int64) - len(SPECIALS)
    classes = [chr(c) for c in alphabet]
    left_out = f" {count_text(rare)} rarer characters read as unknown, as the commonest {MAX_ALPHABET} are the " \
               "alphabet." if rare else ""
    description = (f"Uploaded text: {len(text):,} characters ({encoding}) in an alphabet of {len(classes)}; "
                   f"{plural(len(x), 'window')} of {steps} characters, each labelled with the character after it."
                   + left_out + cut)
    return Dataset(name, torch.from_numpy(x), torch.from_numpy(y), "classification", (steps,), "long", classes,
                   None, description, None, TextColumn(TextEncoder("chars", SPECIALS + tuple(classes), steps)))


def _alphabet(codes: np.ndarray) -> tuple[np.ndarray, int]:
    """The text's characters as sorted code points (its commonest MAX_ALPHABET), and how many more it holds."""
    values, counts = np.unique(codes, return_counts=True)
    if len(values) <= MAX_ALPHABET:
        return values, 0
    commonest = np.argsort(-counts, kind="stable")[:MAX_ALPHABET]
    return np.sort(values[commonest]), len(values) - MAX_ALPHABET

