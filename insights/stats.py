"""The two statistics Insights shows for times, defined once so every table means the same.

- median: the middle value of the sorted values; with an even count, halfway between the two
  middle ones;
- 90th percentile (nearest rank): the smallest value that at least 90 % of the values are at
  or below, i.e. the value at rank ceil(0.9 × n) of the sorted values.

Both are None when there are no values.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def median(values: Iterable[T]) -> T | None:
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return ordered[middle - 1] + (ordered[middle] - ordered[middle - 1]) / 2


def percentile_90(values: Iterable[T]) -> T | None:
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[math.ceil(0.9 * len(ordered)) - 1]


def share(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` as a fraction from 0 to 1; None when there is no whole."""
    return part / whole if whole else None
