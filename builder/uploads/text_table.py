"""A table whose samples are texts: one text column (reviews, messages, titles) tokenised into token ids with a
vocabulary learnt from the training rows only (see `text`), and a target column to predict."""
from __future__ import annotations

from ..datasets import Dataset
from ..errors import DataError
from ..preprocessing import VAL_FRACTION
from ..registry import closest
from .. import tables, text
from .common import Limits, encode_targets, lone_classes


def text_dataset(cells: dict[str, list[str]], name: str, column: str, target: str | None, task: str | None,
                 tokens: str, seq_len: int | None, limits: Limits, how: str = "") -> Dataset:
    """The table's `column` as token ids and `target` (default: of the other columns, as `tables.guess_columns`
    guesses) as what to predict. The
    other columns are left out (the network reads the text alone); rows without a target are dropped; an empty
    text is a row of padding, counted in the description."""
    columns = list(cells)
    if column not in cells:
        near = closest(str(column), columns, n=1)
        raise DataError(name, f"has no column '{column}' to read text from",
                        f"did you mean '{near[0]}'? " if near else f"columns: {', '.join(columns[:20])}")
    if task == "reconstruction":
        raise DataError(name, "a text column cannot be rebuilt as a reconstruction target",
                        "choose classification or regression")
    if target is None:
        target = tables.guess_columns({c: v[:tables.HEADER_EVIDENCE_ROWS] for c, v in cells.items() if c != column})[0]
    if target is None or target == column:
        raise DataError(name, f"needs a target column besides the text column '{column}'",
                        "add a column of labels, or choose another target")
    if target not in cells:
        near = closest(str(target), columns, n=1)
        raise DataError(name, f"has no column '{target}'", f"did you mean '{near[0]}'? " if near else "")
    if task != "classification":  # a number target with a stray word would make each number a class of its own
        try:
            tables.check_numbers(cells[target], target, "target column")
        except tables.TableError as e:
            raise DataError(name, e.message, e.hint) from None
    kept = [i for i, c in enumerate(cells[target]) if not tables.is_missing(c)]
    if not kept:
        raise DataError(name, f"target column '{target}' is empty in every row")
    labels = tables.target_values([cells[target][i] for i in kept])
    y, task, classes = encode_targets(labels, task, name, limits, f"target column '{target}'")
    texts = [cells[column][i] for i in kept]
    huge = sum(len(t) > text.MAX_TEXT_CHARS for t in texts)
    x, info, said = text.encode_split(texts, y.numpy() if task == "classification" else None, tokens,
                                      seq_len=seq_len, column=column, val_fraction=VAL_FRACTION, seed=0,
                                      where=f"{name}, column '{column}'")
    notes = [f"{len(cells[target]) - len(kept):,} rows without a target were dropped" if len(kept) < len(cells[target])
             else "", f"{huge:,} text(s) over {text.MAX_TEXT_CHARS:,} characters were cut there first" if huge else "",
             f"other columns left out: {', '.join(c for c in columns if c not in (column, target))[:300]}"
             if len(columns) > 2 else "", how, lone_classes(y, classes, f"target column '{target}'")]
    kind = f"{len(classes)} classes" if classes else task
    description = f"Uploaded CSV: {len(texts):,} texts, target '{target}' ({kind}). {said}" + \
        "".join(f" {n[0].upper()}{n[1:]}." for n in notes if n)
    return Dataset(name, x, y, task, (info.encoder.seq_len,), "long", classes, None, description, None, info)
