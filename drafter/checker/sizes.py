"""A cheap first cut when linking a figure: the candidate numbers (metric values, derived figures, the
numbers of stated facts) of its unit family whose size is within a factor of two of it."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from typing import Generic, TypeVar

from drafter.core.types import Figure
from drafter.figures.numbers import family, to_base

T = TypeVar("T")


class SizeIndex(Generic[T]):
    """Items kept per unit family, sorted by their size in the family's base unit."""

    def __init__(self, items: Iterable[tuple[float, str, T]]) -> None:
        rows: dict[str, list[tuple[float, int, T]]] = {}
        for n, (value, unit, item) in enumerate(items):
            rows.setdefault(family(unit), []).append((abs(to_base(value, unit)[0]), n, item))
        self._sizes: dict[str, list[float]] = {}
        self._items: dict[str, list[T]] = {}
        for fam, found in rows.items():
            found.sort(key=lambda r: (r[0], r[1]))
            self._sizes[fam] = [r[0] for r in found]
            self._items[fam] = [r[2] for r in found]

    def near(self, f: Figure, window: tuple[float, float] | None = None) -> list[T]:
        """The items of f's family from half its size to twice its size (plus one unit), in size order; with
        a `window` (in f's unit) of values the caller keeps, of either sign, only those whose size may be in it."""
        return self.within(size_range(f, window))

    def within(self, sizes: SizeRange | None) -> list[T]:
        """The items of a `size_range` (worked out once for a figure held against several indexes)."""
        if sizes is None:
            return []
        fam, low, high = sizes
        found = self._sizes.get(fam)
        if not found:
            return []
        lo = bisect.bisect_left(found, low)
        if lo == len(found) or found[lo] > high:
            return []  # most figures: nothing of the index is near their size
        return self._items[fam][lo : bisect.bisect_right(found, high, lo)]


SizeRange = tuple[str, float, float]  # a unit family and the least and most size in its base unit


def size_range(f: Figure, window: tuple[float, float] | None = None) -> SizeRange | None:
    """The family and the sizes `SizeIndex.near` looks between for f (None for a figure with no unit): from half
    its size to twice its size plus one unit, cut to `window` (in f's unit) when given."""
    if not f.unit:
        return None
    factor, fam = to_base(1, f.unit)  # one unit in the family's base unit, and the family
    size = abs(f.value * factor)  # to_base(f.value, f.unit), the same product
    low, high = size / 2, size * 2 + factor
    if window is not None:
        least, most = max(0.0, window[0]), max(abs(window[0]), abs(window[1]))
        low, high = max(low, least * factor * (1 - 1e-9)), min(high, most * factor * (1 + 1e-9))
    return fam, low, high
