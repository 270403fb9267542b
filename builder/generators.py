"""The built-in datasets' generators: each takes its checked options and a seeded numpy generator and returns
(x, y) as numpy arrays, optionally with class names, feature names and a text column. They use numpy and the
standard library only (scikit-learn for its bundled tables), so the standalone script copies them as they are."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import numpy as np

if TYPE_CHECKING:
    from .text import TextColumn


def halves(n: int) -> tuple[int, int]:
    return n // 2, n - n // 2


def shuffled(rng: np.random.Generator, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = rng.permutation(len(x))
    return x[order], y[order]


def moons(o: dict, rng: np.random.Generator):
    n_out, n_in = halves(o["n_samples"])
    t_out, t_in = rng.uniform(0, np.pi, n_out), rng.uniform(0, np.pi, n_in)
    outer = np.stack([np.cos(t_out), np.sin(t_out)], 1)
    inner = np.stack([1 - np.cos(t_in), 0.5 - np.sin(t_in)], 1)
    x = np.concatenate([outer, inner]) + rng.normal(0, o["noise"], (n_out + n_in, 2))
    return shuffled(rng, x, np.repeat([0, 1], [n_out, n_in]))


def circles(o: dict, rng: np.random.Generator):
    n_out, n_in = halves(o["n_samples"])
    t = rng.uniform(0, 2 * np.pi, n_out + n_in)
    radius = np.repeat([1.0, 0.5], [n_out, n_in])
    x = np.stack([np.cos(t), np.sin(t)], 1) * radius[:, None] + rng.normal(0, o["noise"], (len(t), 2))
    return shuffled(rng, x, np.repeat([0, 1], [n_out, n_in]))


def xor(o: dict, rng: np.random.Generator):
    # As in TensorFlow Playground: keep points off the axes so the label is not decided by noise alone.
    x = rng.uniform(0.05, 1, (o["n_samples"], 2)) * rng.choice([-1, 1], (o["n_samples"], 2))
    y = (x[:, 0] * x[:, 1] > 0).astype(np.int64)
    return x + rng.normal(0, o["noise"], x.shape), y


def spiral(o: dict, rng: np.random.Generator):
    k, n = o["classes"], o["n_samples"]
    y = np.arange(n) % k
    r = rng.uniform(0, 1, n)  # TensorFlow Playground's arms: 1.75 turns, radius growing with the angle
    t = 1.75 * 2 * np.pi * r + 2 * np.pi * y / k
    x = np.stack([r * np.sin(t), r * np.cos(t)], 1) + rng.normal(0, o["noise"], (n, 2))
    return shuffled(rng, x, y)


def gaussians(o: dict, rng: np.random.Generator):
    k, n = o["classes"], o["n_samples"]
    y = np.arange(n) % k
    angles = 2 * np.pi * np.arange(k) / k
    centres = np.stack([np.cos(angles), np.sin(angles)], 1)
    return shuffled(rng, centres[y] + rng.normal(0, o["noise"], (n, 2)), y)


def plane(o: dict, rng: np.random.Generator):
    x = rng.uniform(-1, 1, (o["n_samples"], 2))
    y = 0.6 * x[:, 0] - 0.8 * x[:, 1] + 0.1 + rng.normal(0, o["noise"], len(x))
    return x, y[:, None]


def sine(o: dict, rng: np.random.Generator):
    n, steps = o["n_samples"], o["steps"]
    freq = rng.uniform(0.1, 0.4, (n, 1))  # radians per step: a few periods fit in a default window
    phase = rng.uniform(0, 2 * np.pi, (n, 1))
    series = np.sin(freq * np.arange(steps + 1) + phase) + rng.normal(0, o["noise"], (n, steps + 1))
    return series[:, :steps, None], series[:, steps:]


def adding(o: dict, rng: np.random.Generator):
    # Le, Jaitly & Hinton (2015): one marker in each half, so the net must remember across the whole sequence.
    n, steps = o["n_samples"], o["steps"]
    values = rng.uniform(0, 1, (n, steps))
    half = steps // 2
    first, second = rng.integers(0, half, n), rng.integers(half, steps, n)
    markers = np.zeros((n, steps))
    markers[np.arange(n), first] = markers[np.arange(n), second] = 1
    y = values[np.arange(n), first] + values[np.arange(n), second]
    return np.stack([values, markers], 2), y[:, None]


def parity(o: dict, rng: np.random.Generator):
    bits = rng.integers(0, 2, (o["n_samples"], o["steps"]))
    return bits, bits.sum(1) % 2


def python_topics(o: dict, rng: np.random.Generator):
    """Sentences from Python's documentation topics, labelled by what the topic is about; tokenised as words
    learnt from the default split's training rows (a run on another split learns them again, see text.for_split)."""
    import re
    from pydoc_data.topics import topics
    from .preprocessing import VAL_FRACTION
    from .text import encode_split
    texts, labels = [], []
    for label, names in enumerate(TOPIC_GROUPS.values()):
        for name in names:
            sentences = re.split(r"(?<=[.!?])\s+", topics.get(name, ""))
            kept = [" ".join(s.split()) for s in sentences if len(s.split()) >= 4]
            texts += kept
            labels += [label] * len(kept)
    order = rng.permutation(len(texts))
    texts, y = [texts[i] for i in order], np.asarray(labels, dtype=np.int64)[order]
    # the 2,000 commonest words (and the specials): each Python's documentation has its own words (2,191 under 3.11,
    # 2,234 under 3.12), and the text_classifier preset's Embedding fits this many on every one
    x, column, note = encode_split(texts, y, "words", seq_len=o["steps"], max_vocab=2000, column="sentence",
                                   val_fraction=VAL_FRACTION, seed=0, where="dataset 'python_topics'")
    return x.numpy(), y, list(TOPIC_GROUPS), None, column


TOPIC_GROUPS = {"strings": ("string-methods", "strings", "formatstrings", "typesseq"),
                "errors": ("try", "raise", "exceptions", "assert", "execmodel"),
                "classes": ("class", "customization", "attribute-access", "specialnames")}


def corpus_text() -> str:
    """Python's documentation topics (pydoc_data ships with Python), in name order, as printable ASCII and
    newlines: the same alphabet on every system."""
    import re
    from pydoc_data.topics import topics
    text = "\n\n".join(topics[name].strip() for name in sorted(topics))
    return re.sub(r"[^\n\x20-\x7e]", "", text.replace("\t", "    "))


def corpus_alphabet() -> str:
    """The characters `corpus_text` keeps, in order: a newline and the 95 printable ASCII characters. Fixed, so the
    shapes of pydoc_chars are the same on every Python (the documentation, and the characters it uses, are not)."""
    return "\n" + "".join(map(chr, range(0x20, 0x7F)))


def pydoc_chars(o: dict, rng: np.random.Generator):
    """Windows of `steps` characters of the corpus, each labelled with the character after it. Token ids are 2 +
    the character's place in `corpus_alphabet` (0 and 1 are padding and unknown); the classes are its 96
    characters, whether this Python's documentation uses each or not."""
    alphabet = np.frombuffer(corpus_alphabet().encode("ascii"), dtype=np.uint8)
    chars = np.frombuffer(corpus_text().encode("ascii"), dtype=np.uint8)
    ids = np.searchsorted(alphabet, chars).astype(np.int64) + 2
    starts = rng.integers(0, len(ids) - o["steps"] - 1, o["n_samples"])
    x, following = ids[starts[:, None] + np.arange(o["steps"])], ids[starts + o["steps"]]
    return x, following - 2, [chr(c) for c in alphabet], None


def corpus_column(options: dict) -> TextColumn:
    """The character encoder of pydoc_chars: its alphabet, ids 2 and up (see pydoc_chars)."""
    from .text import SPECIALS, TextColumn, TextEncoder
    return TextColumn(TextEncoder("chars", SPECIALS + tuple(corpus_alphabet()), options["steps"]))


def sklearn_table(loader_name: str) -> Callable:
    def load(o: dict, rng: np.random.Generator):
        import sklearn.datasets  # imported here: it takes seconds and most sessions never need it
        bunch = getattr(sklearn.datasets, loader_name)()
        names = [str(n) for n in bunch.target_names] if hasattr(bunch, "target_names") else None
        return bunch.data, bunch.target, names, [str(f) for f in bunch.feature_names]
    return load


def digits(rows: bool) -> Callable:
    def load(o: dict, rng: np.random.Generator):
        import sklearn.datasets
        bunch = sklearn.datasets.load_digits()
        x = bunch.images / 16.0  # sklearn's pixels run 0..16; images everywhere else here are in [0, 1]
        return (x if rows else x[:, None]), bunch.target, [str(d) for d in range(10)], None
    return load
