"""Tables as numbers: which columns hold numbers and which categories, one-hot encoding, missing cells and the
values that fill them, and the target column as class indices or numbers.

A table arrives as a file's bytes: `decode_text` finds its encoding, `separate` its separator, and
`read_numbers` reads numbers written with a decimal point or a decimal comma, thousands separators, currency or
percent signs (deciding each column's way of writing from all its cells), so a CSV that Excel saved in any locale
reads as it should. After that it is text cells (one list of strings per column), or, for a column a reader has
already read as plain numbers in one pass, a float64 array (`read_numbers`' `settled`). Everything here
is numpy and the standard library, so the standalone training script copies these functions and reads a CSV
exactly as NetBuilder does. Two parts: `reading` (bytes → text cells → numbers) and `encoding` (cells → a
`Table` of features, gaps, targets); their public names are this package's.
"""
from .encoding import *  # noqa: F401,F403  (the public names of both parts, as builder.tables)
from .reading import *  # noqa: F401,F403
