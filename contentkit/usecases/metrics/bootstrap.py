"""How uncertain a median is: a bootstrap interval, drawn with a seeded generator so that the same
figures always give the same interval (standard library only: random and statistics).

The percentile bootstrap: draw the values again, with replacement, as many as there are, DRAWS times;
take each draw's median; the interval runs from the (1 - level) / 2 quantile of those medians to the
(1 + level) / 2 one. The values are sorted first, so their order does not matter.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

LEVEL = 0.9
DRAWS = 1000


@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    level: float

    def to_json(self) -> list[float]:
        return [self.low, self.high]


def medians(values: Sequence[float], seed: str, draws: int = DRAWS) -> list[float]:
    """The sorted medians of `draws` resamples of `values` (not empty), from random.Random(seed)."""
    pool = sorted(values)
    rng = random.Random(seed)
    return sorted(statistics.median(rng.choices(pool, k=len(pool))) for _ in range(draws))


def interval(values: Sequence[float], seed: str, level: float = LEVEL, draws: int = DRAWS) -> Interval | None:
    """The `level` bootstrap interval of the median of `values`; None when there are none."""
    if not values:
        return None
    drawn = medians(values, seed, draws)
    tail = round((1 - level) / 2 * draws)
    return Interval(drawn[tail], drawn[draws - 1 - tail], level)
