"""The package search as a mixed-integer program for HiGHS (scipy.optimize.milp).

First the problem is made smaller without changing its answer: identical delegations become
one class counted `size` times; an option that no delegation values above another option of
the same issue is dropped (swapping it for the other never loses an acceptance or utility);
delegations that accept every remaining package, or none, need no variable.

Variables: x[j] = 1 if option column j is in the package (exactly one per issue), a[k] = 1 if
class k accepts. For class k, l[k,j] = (its utility of the best option of j's issue) - (its
utility of j) is what choosing j costs it, and its surplus s[k] = (utility of its best
package) - (its threshold) is what it can give up and still accept. Then k accepts iff
Σⱼ l[k,j]·x[j] ≤ s[k], written with the tightest big-M the data allows:

    Σⱼ min(l[k,j], s[k])·x[j] + M[k]·a[k] ≤ s[k] + M[k],  M[k] = Σᵢ maxⱼ∈ᵢ min(l[k,j], s[k]) - s[k]

and, for each issue with options that alone cost more than s[k] (valid inequalities that the
big-M row only implies for integral x): Σ over those options x[j] + a[k] ≤ 1.

Before the MILP, a local search (package_heuristic) finds a good package; the MILP is then
asked only for more acceptances than that package has (so "infeasible" proves it best), and
for the tie-break only for packages at least as good. The objectives are lexicographic and
solved one after the other rather than blended into one weighted sum:

1. if consensus among every delegation that can accept some package is not yet found, try it;
2. otherwise maximize Σ size·a[k] subject to Σ size·a[k] ≥ (best count so far) + 1;
3. once the count is proven, fix Σ size·a[k] ≥ it and maximize total utility.

Everything runs under one time budget. HiGHS's feasibility tolerance (1e-6) is coarser than
ACCEPTANCE_TOLERANCE, so its model is a slight relaxation: it may count a delegation that
falls short by less than that, which leaves its proofs that no package does better valid.
Whatever it returns is judged again by the definition, and the answer is the best package by
(acceptances, total utility) among the local search's and HiGHS's, so it is never worse than
the local search's. The package is proven optimal only when HiGHS proved the count (unless
the count already reaches every delegation that can accept some package) and the tie-break,
and the exact judgement of its optimum agrees with the package kept.
"""

import time
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array, csr_array, hstack

from plenary.analysis import package_heuristic as heuristic
from plenary.analysis.package_preferences import PackageInstance

_OPTIMAL = 0
_LIMIT_REACHED = 1
_INFEASIBLE = 2

# Shares of the time limit: the local search (it usually ends far sooner), and the trial of
# consensus when the local search did not find it (usually settled in milliseconds).
_SEARCH_SHARE = 0.3
_CONSENSUS_SHARE = 0.3
# Kept back at the end for judging the packages found and for HiGHS overrunning its limit.
_RESERVE_SHARE = 0.1
_LONGEST_RESERVE = 0.25
_SHORTEST_CALL = 0.01
# HiGHS's absolute optimality gap (mip_abs_gap), taken relative here for large totals.
_GAP = 1e-6

Vector = npt.NDArray[np.float64]
Indices = npt.NDArray[np.intp]


class PackageSearchFailed(RuntimeError):
    """The solver reported an error rather than a package or a time-out."""


@dataclass(frozen=True)
class SolvedPackage:
    choice: list[int]  # option index per issue
    proven_optimal: bool


def solve_package(instance: PackageInstance, time_limit: float) -> SolvedPackage:
    """Return the package with the most acceptances, then most total utility, in time_limit."""
    start = time.monotonic()
    reserve = min(_LONGEST_RESERVE, _RESERVE_SHARE * time_limit)
    reduced = _Reduced(instance)
    if not reduced.contested.size:  # acceptances are fixed: the best total is issue by issue
        return SolvedPackage(reduced.choice(reduced.highest_total()), True)
    found = heuristic.search(reduced.preferences, reduced.able, start + _SEARCH_SHARE * time_limit)
    stages = _Stages(reduced, found.columns, start + time_limit - reserve)
    proven = stages.run()
    return SolvedPackage(reduced.choice(stages.best), proven)


class _Reduced:
    """The instance without duplicate delegations, dominated options or fixed acceptances."""

    def __init__(self, instance: PackageInstance) -> None:
        self.instance = instance
        rows = np.column_stack([instance.weighted, instance.threshold])
        _, first, counts = np.unique(rows, axis=0, return_index=True, return_counts=True)
        order = np.argsort(first)  # classes in the order their first delegation comes
        weighted = instance.weighted[first[order]]
        threshold = instance.threshold[first[order]]
        live_options = [
            _undominated(weighted[:, start : start + len(issue.options)])
            for issue, start in zip(instance.issues, instance.first_column, strict=True)
        ]
        starts = instance.first_column
        self.live = np.concatenate(
            [start + options for start, options in zip(starts, live_options, strict=True)]
        )
        self.blocks = _blocks([options.size for options in live_options])
        weighted = weighted[:, self.live]
        size = counts[order].astype(np.float64)
        self.preferences = heuristic.Preferences(weighted, threshold, size, self.blocks)
        worst, best = self.preferences.worst, self.preferences.best
        self.always = float(size @ (worst >= threshold))
        self.able = float(size @ (best >= threshold))
        self.contested = np.flatnonzero((best >= threshold) & (worst < threshold))
        self.total = instance.weighted.sum(axis=0)[self.live]
        # What each option costs a contested class against its best option of the issue, and
        # how much it can give up in all and still accept.
        contested = weighted[self.contested]
        self.loss = np.zeros_like(contested)
        for b in self.blocks:
            self.loss[:, b] = contested[:, b].max(axis=1)[:, None] - contested[:, b]
        self.surplus = best[self.contested] - threshold[self.contested]

    def highest_total(self) -> Indices:
        return np.array([b[np.argmax(self.total[b])] for b in self.blocks], dtype=np.intp)

    def choice(self, columns: Indices) -> list[int]:
        """Option index per issue of a package given as live columns."""
        return [
            int(self.live[j]) - start
            for j, start in zip(columns, self.instance.first_column, strict=True)
        ]

    def exact(self, columns: Indices) -> tuple[int, float]:
        """Acceptances and total utility judged on the full instance, by the definition."""
        values = self.instance.utilities(self.choice(columns))
        return int(np.count_nonzero(values >= self.instance.threshold)), float(values.sum())


@dataclass(frozen=True)
class _StageResult:
    status: int
    columns: Indices | None  # one live column per issue
    value: float  # acceptances (all delegations) or total utility, as HiGHS counts them


class _Stages:
    """The MILP stages after the local search, keeping the best package judged exactly."""

    def __init__(self, reduced: _Reduced, columns: Indices, deadline: float) -> None:
        self.r = reduced
        self.deadline = deadline
        self.best = columns
        self.best_key = reduced.exact(columns)
        self.n_columns = reduced.live.size
        self.n_variables = self.n_columns + reduced.contested.size
        self.rows = _rows(reduced, self.n_variables)

    def run(self) -> bool:
        """Improve on the local search's package; True if the result is proven optimal."""
        most = round(self.r.able)  # the most acceptances possible, as far as is known
        if self.best_key[0] < most - 1:
            trial = self._solve("total", at_least=most, share=_CONSENSUS_SHARE)
            if trial.columns is not None:
                self._consider(trial.columns, polish=trial.status != _OPTIMAL)
                if trial.status == _OPTIMAL:
                    return self._agrees(trial.columns)
            elif trial.status == _INFEASIBLE:
                most -= 1  # not all who can accept some package can accept one together
        if self.best_key[0] < most:
            more = self._solve("count", at_least=self.best_key[0] + 1)
            if more.columns is not None:
                self._consider(more.columns, polish=True)
                if more.status != _OPTIMAL or self.best_key[0] < round(more.value):
                    return False  # not proven, or HiGHS counted an acceptance that is not one
            elif more.status != _INFEASIBLE:
                return False  # out of time before a proof
        count, total = self.best_key
        tie_break = self._solve("total", at_least=count, at_least_total=total)
        if tie_break.columns is None:
            return False
        self._consider(tie_break.columns, polish=tie_break.status != _OPTIMAL)
        return tie_break.status == _OPTIMAL and self._agrees(tie_break.columns)

    def _agrees(self, optimum: Indices) -> bool:
        """Whether HiGHS's optimum, judged exactly, is accepted by as many as the best package
        kept and worth as much (to HiGHS's gap): if so, the best package is proven optimal."""
        count, total = self.r.exact(optimum)
        best_count, best_total = self.best_key
        return count == best_count and best_total - total <= _GAP * max(1.0, abs(total))

    def _consider(self, columns: Indices, *, polish: bool) -> None:
        """Keep a package HiGHS found (improved by local moves if it is not an optimum) if,
        judged exactly, it beats the best package so far."""
        candidates = [columns]
        if polish:
            candidates.append(heuristic.polish(self.r.preferences, columns, self.deadline).columns)
        for candidate in candidates:
            key = self.r.exact(candidate)
            if key > self.best_key:
                self.best, self.best_key = candidate, key

    def _solve(
        self,
        objective: Literal["count", "total"],
        *,
        at_least: int,
        at_least_total: float | None = None,
        share: float = 1.0,
    ) -> _StageResult:
        """Run HiGHS for one stage: maximize the objective among the packages that at least
        `at_least` delegations accept (and worth at least `at_least_total`, if given)."""
        seconds = share * (self.deadline - time.monotonic())
        if seconds < _SHORTEST_CALL:
            return _StageResult(_LIMIT_REACHED, None, np.nan)
        r = self.r
        size = r.preferences.size[r.contested]
        lower, upper = np.zeros(self.n_variables), np.ones(self.n_variables)
        rows = list(self.rows)
        needed = at_least - r.always  # from the contested classes
        if needed >= size.sum():
            lower[self.n_columns :] = 1.0
        elif needed > 0:
            count_row = np.zeros((1, self.n_variables))
            count_row[0, self.n_columns :] = size
            rows.append(LinearConstraint(count_row, needed, np.inf))
        gain = np.zeros(self.n_variables)
        if objective == "count":
            gain[self.n_columns :] = size
        else:
            gain[: self.n_columns] = r.total
        if at_least_total is not None:
            # The package to beat meets this row with a margin far above rounding and far
            # below any difference HiGHS resolves.
            margin = 1e-9 * max(1.0, abs(at_least_total))
            rows.append(LinearConstraint(gain[None, :], at_least_total - margin, np.inf))
        result = milp(
            -gain,
            constraints=rows,
            bounds=Bounds(lower, upper),
            integrality=np.ones(self.n_variables),
            # A zero relative gap makes "optimal" mean optimal (to HiGHS's 1e-6 absolute gap),
            # not within the default 0.01 %, which could lose a tie-break by a visible amount.
            # Presolve is off: on acceptance rows met with a slack below its tolerances it
            # reported a worse package as optimal (see the regression test in the tests).
            options={"time_limit": seconds, "mip_rel_gap": 0.0, "presolve": False},
        )
        if result.status not in (_OPTIMAL, _LIMIT_REACHED, _INFEASIBLE):
            raise _unexpected(result.status)
        if result.x is None:
            return _StageResult(result.status, None, np.nan)
        value = -float(result.fun) + (r.always if objective == "count" else 0.0)
        x = result.x[: self.n_columns]
        # x is integral up to HiGHS's tolerance; the largest entry per issue is the option.
        columns = np.array([b[np.argmax(x[b])] for b in r.blocks], dtype=np.intp)
        return _StageResult(result.status, columns, value)


def _rows(reduced: _Reduced, n_variables: int) -> list[LinearConstraint]:
    """One option per issue; the acceptance rows; the valid inequalities."""
    n_columns = reduced.live.size
    n_contested = reduced.contested.size
    issue_of = reduced.preferences.issue_of
    one_each = coo_array(
        (np.ones(n_columns), (issue_of, np.arange(n_columns))),
        shape=(len(reduced.blocks), n_variables),
    )
    surplus = reduced.surplus
    loss = np.minimum(reduced.loss, surplus[:, None])
    big_m = sum((loss[:, b].max(axis=1) for b in reduced.blocks), np.zeros(n_contested)) - surplus
    # Σ l·x + M·a ≤ s + M
    acceptance = hstack(
        [csr_array(loss), coo_array((big_m, (np.arange(n_contested),) * 2))], format="csr"
    )
    rows = [
        LinearConstraint(one_each, 1.0, 1.0),
        LinearConstraint(acceptance, -np.inf, surplus + big_m),
    ]
    # Σ over the options of issue i that alone cost class k more than its surplus, + a[k] ≤ 1
    k, j = np.nonzero(reduced.loss > surplus[:, None])
    if k.size:
        pair, row = np.unique(k * len(reduced.blocks) + issue_of[j], return_inverse=True)
        pair_class = pair // len(reduced.blocks)
        exclusive = coo_array(
            (
                np.ones(k.size + pair.size),
                (
                    np.concatenate([row.ravel(), np.arange(pair.size)]),
                    np.concatenate([j, n_columns + pair_class]),
                ),
            ),
            shape=(pair.size, n_variables),
        )
        rows.append(LinearConstraint(exclusive, -np.inf, 1.0))
    return rows


def _undominated(block: npt.NDArray[np.float64]) -> Indices:
    """The options of one issue (columns of block) that no other option dominates: worth at
    least as much to every delegation (and, if worth the same to all, listed earlier)."""
    at_least = (block[:, :, None] >= block[:, None, :]).all(axis=0)  # [a, b]: a ≥ b for all
    same = at_least & at_least.T
    earlier = np.triu(np.ones_like(same), k=1)  # [a, b]: a < b
    dominated = ((at_least & ~same) | (same & earlier)).any(axis=0)
    return np.flatnonzero(~dominated)


def _blocks(sizes: list[int]) -> list[Indices]:
    starts = np.cumsum([0, *sizes])[:-1]
    return [np.arange(start, start + size) for start, size in zip(starts, sizes, strict=True)]


def _unexpected(status: int) -> PackageSearchFailed:
    return PackageSearchFailed(
        f"The package solver stopped unexpectedly (status {status}); "
        "check the utilities for extreme values."
    )
