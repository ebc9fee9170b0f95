"""A fast search for good packages, run before the MILP so that the MILP starts from a package
as good as any that local moves can find, and is asked only to beat it.

The search works on the reduced problem of package_solver (one row per class of identical
delegations, `size` delegations each; only options that are not dominated). A package is
moved one issue at a time to the option that most improves, in order: the number of
delegations accepting; how close the others come to their reservation (each delegation's
shortfall as a share of the span between its worst and best package, so that every
delegation counts alike whatever its scale); and the total utility. From each of several
starting packages it climbs until no move improves, then repeatedly changes a few issues at
random and climbs again, keeping the best package found.

The amount of work is fixed (a seeded random generator, a fixed number of starts and kicks),
so the same input gives the same package; a deadline only cuts it short on very large inputs.
"""

import time
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float64]
Vector = npt.NDArray[np.float64]
Indices = npt.NDArray[np.intp]

_SEED = 20191227  # any fixed number: the search must not depend on the clock
_FAVOURITE_STARTS = 24
_BLENDED_STARTS = 24
_KICKS_PER_START = 20
_MAX_CLIMB_STEPS = 400
_NOISE = 1e-12


@dataclass(frozen=True)
class Preferences:
    """The reduced problem: weighted[k, j] for class k and live option column j."""

    weighted: Matrix
    threshold: Vector
    size: Vector  # delegations per class
    blocks: list[Indices]  # live option columns of each issue

    @cached_property
    def issue_of(self) -> Indices:
        """The issue of each live option column."""
        issue_of = np.zeros(self.weighted.shape[1], dtype=np.intp)
        for i, block in enumerate(self.blocks):
            issue_of[block] = i
        return issue_of

    @cached_property
    def worst(self) -> Vector:
        """Each class's utility for its worst possible package."""
        worst: Vector = sum(
            (self.weighted[:, b].min(axis=1) for b in self.blocks), np.zeros(len(self.size))
        )
        return worst

    @cached_property
    def best(self) -> Vector:
        """Each class's utility for its best possible package."""
        best: Vector = sum(
            (self.weighted[:, b].max(axis=1) for b in self.blocks), np.zeros(len(self.size))
        )
        return best


@dataclass(frozen=True)
class Found:
    """A package as one live column per issue, with its acceptances and total utility."""

    columns: Indices
    accepting: float
    total: float

    def key(self) -> tuple[float, float]:
        return (self.accepting, self.total)


def judge(preferences: Preferences, columns: Indices) -> Found:
    """Count acceptances and total utility of a package on the reduced problem."""
    utility = preferences.weighted[:, columns].sum(axis=1)
    accepting = float(preferences.size @ (utility >= preferences.threshold))
    return Found(columns.copy(), accepting, float(preferences.size @ utility))


def search(preferences: Preferences, ceiling: float, deadline: float) -> Found:
    """The best package found by climbing from several starts (see the module docstring);
    it stops early at `ceiling` acceptances, the most any package can have."""
    climber = _Climber(preferences)
    rng = np.random.default_rng(_SEED)
    starts = _starts(preferences, rng)
    best = climber.climb_with_kicks(starts[0], rng, ceiling, deadline)
    for start in starts[1:]:
        if best.accepting >= ceiling or time.monotonic() > deadline:
            break
        found = climber.climb_with_kicks(start, rng, ceiling, deadline)
        if found.key() > best.key():
            best = found
    return best


def polish(preferences: Preferences, columns: Indices, deadline: float) -> Found:
    """Climb from one package (found by the MILP) until no single move improves it."""
    return _Climber(preferences).climb(columns, deadline)


def _starts(preferences: Preferences, rng: np.random.Generator) -> list[Indices]:
    weighted, blocks = preferences.weighted, preferences.blocks

    def argmax_package(weights: Vector) -> Indices:
        scores = weights @ weighted
        return np.array([block[np.argmax(scores[block])] for block in blocks], dtype=np.intp)

    starts = [argmax_package(preferences.size)]
    n_classes = weighted.shape[0]
    # Each of a few delegations' own favourite package...
    for k in rng.permutation(n_classes)[:_FAVOURITE_STARTS]:
        starts.append(argmax_package(np.eye(1, n_classes, int(k))[0]))
    for _ in range(_BLENDED_STARTS if n_classes > 1 else 0):
        # ...and the packages random coalitions would write, a few delegations weighing most.
        starts.append(argmax_package(preferences.size * rng.random(n_classes) ** 4))
    return starts


class _Climber:
    """Local moves on the classes whose acceptance depends on the package, in units of each
    class's span (utility of its best package minus its worst), shifted by its threshold."""

    def __init__(self, preferences: Preferences) -> None:
        self.p = preferences
        weighted, threshold = preferences.weighted, preferences.threshold
        self.issue_of = preferences.issue_of
        worst, best = preferences.worst, preferences.best
        moving = (worst < threshold) & (best >= threshold)
        inverse_span = 1.0 / (best[moving] - worst[moving])
        self.scaled = weighted[moving] * inverse_span[:, None]
        self.scaled_threshold = threshold[moving] * inverse_span
        self.size = preferences.size[moving]
        self.column_total = preferences.size @ weighted
        # Shortfalls are at most 1 each, so together they never outweigh one more acceptance.
        self.shortfall_weight = 1.0 / (float(self.size.sum()) + 1.0)

    def climb(self, start: Indices, deadline: float) -> Found:
        columns = start.copy()
        gap = self.scaled[:, columns].sum(axis=1) - self.scaled_threshold
        # change of every class's gap, and of the total, if column j replaced its issue's option
        change = self.scaled - self.scaled[:, columns[self.issue_of]]
        total_change = self.column_total - self.column_total[columns[self.issue_of]]
        total = float(self.column_total[columns].sum())
        current = self._guide(gap)
        best_key, best_columns = (-1.0, -np.inf), columns.copy()
        moved = np.empty_like(change)
        clipped = np.empty_like(change)
        for _ in range(_MAX_CLIMB_STEPS):
            np.add(gap[:, None], change, out=moved)
            accepting = self.size @ (moved >= 0.0)
            np.clip(moved, -1.0, 0.0, out=clipped)
            guide = accepting + self.shortfall_weight * (self.size @ clipped)
            totals = total + total_change
            j = int(np.lexsort((totals, guide))[-1])
            if not self._improves(guide[j] - current, totals[j] - total, total):
                break
            if time.monotonic() > deadline:
                break
            block = self.p.blocks[self.issue_of[j]]
            columns[self.issue_of[j]] = j
            gap, current, total = moved[:, j].copy(), float(guide[j]), float(totals[j])
            change[:, block] = self.scaled[:, block] - self.scaled[:, j : j + 1]
            total_change[block] = self.column_total[block] - self.column_total[j]
            # The guide may trade total utility for smaller shortfalls at the same count.
            if (accepting[j], total) > best_key:
                best_key, best_columns = (float(accepting[j]), total), columns.copy()
        if (float(self.size @ (gap >= 0.0)), total) >= best_key:
            best_columns = columns
        return judge(self.p, best_columns)

    def climb_with_kicks(
        self, start: Indices, rng: np.random.Generator, ceiling: float, deadline: float
    ) -> Found:
        """Climb; then, a few times, change a few issues of the last package at random and
        climb again, moving on from the new package if it is no worse."""
        best = current = self.climb(start, deadline)
        changeable = [i for i, block in enumerate(self.p.blocks) if block.size > 1]
        for _ in range(_KICKS_PER_START if changeable else 0):
            if best.accepting >= ceiling or time.monotonic() > deadline:
                break
            columns = current.columns.copy()
            kick = int(rng.integers(2, max(3, len(changeable) // 4) + 1))
            for i in rng.choice(changeable, size=min(kick, len(changeable)), replace=False):
                block = self.p.blocks[i]
                columns[i] = rng.choice(block[block != columns[i]])
            found = self.climb(columns, deadline)
            if found.key() > best.key():
                best = found
            if found.key() >= current.key():
                current = found
        return best

    @staticmethod
    def _improves(guide_gain: float, total_gain: float, total: float) -> bool:
        """Better by more than rounding, so that a climb never circles between two packages."""
        if abs(guide_gain) > _NOISE:
            return guide_gain > 0.0
        return total_gain > _NOISE * max(1.0, abs(total))

    def _guide(self, gap: Vector) -> float:
        """Acceptances, plus the shortfalls as a fraction that never outweighs one of them."""
        accepting = float(self.size @ (gap >= 0.0))
        return accepting + self.shortfall_weight * float(self.size @ np.clip(gap, -1.0, 0.0))
