"""What an edit of a paused or finished run did to each layer's weights (see `surgery`): the outcomes, and the word
a continuation's report counts each under. Plain data, no torch: the page reads it too."""
from __future__ import annotations

# outcome -> the word a report counts it under ("Continued: 1 layer kept, 2 widened"); None: not counted (a layer
# without weights). In the order a report lists them.
OUTCOMES = {
    "kept": "kept",  # the same shapes: every weight carried over
    "widened": "widened",  # more units: the old ones kept, the new ones read with zero weights
    "narrowed": "narrowed",  # fewer units: those that remain kept
    "new_identity": "added",  # a new layer that starts as the identity
    "fresh": "started afresh",  # weights that no longer fit
    "new_fresh": "started afresh",  # a new layer that cannot start as the identity
    "removed": "removed",
    "no_weights": None,
}


def carry_counts(outcomes: list[str]) -> list[tuple[int, str]]:
    """How many layers each word counts, in OUTCOMES' order, leaving out words that count none."""
    words = list(dict.fromkeys(w for w in OUTCOMES.values() if w))
    return [(n, word) for word in words if (n := sum(OUTCOMES.get(o) == word for o in outcomes))]
