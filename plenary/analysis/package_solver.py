"""The package search as a mixed-integer program for HiGHS (scipy.optimize.milp).

Variables: x[j] = 1 if option column j is in the package (exactly one per issue) and a[d] = 1
if delegation d accepts, enforced by the big-M row Σⱼ w[d,j]·x[j] ≥ t[d] - M[d]·(1 - a[d]),
where t[d] is the reservation minus ACCEPTANCE_TOLERANCE and M[d] = t[d] - (utility of d's worst
package), the smallest M that leaves a[d] = 0 always possible.

The objectives are lexicographic, solved one after the other rather than blended into one
weighted sum that floating point could get wrong:

1. if every delegation that can accept some package can accept one together, that is the
   most acceptances possible, and one solve finds the highest total utility among those
   packages; this stage is fast even for 193 delegations, because no a[d] is free;
2. otherwise, maximize Σ a[d] (the hard part: finding the largest group of delegations that
   can agree is NP-hard, and the big-M relaxation is weak on contested instances);
3. then fix Σ a[d] ≥ that count and maximize total utility.

Everything runs under one time budget; when it runs out, the best package found so far (or,
if the solver found none, the package with the highest total utility) is returned and marked
as not proven optimal.
"""

import time
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array, csr_array, hstack

from plenary.analysis.package_preferences import PackageInstance

_OPTIMAL = 0
_LIMIT_REACHED = 1
_INFEASIBLE = 2

# The consensus stage, when it fails, is usually settled within milliseconds; capping its share
# keeps time for the harder stages when it is not.
_CONSENSUS_SHARE = 0.5
_COUNT_SHARE = 0.7  # of what is left after the consensus stage

Vector = npt.NDArray[np.float64]


class PackageSearchFailed(RuntimeError):
    """The solver reported an error rather than a package or a time-out."""


@dataclass(frozen=True)
class SolvedPackage:
    choice: list[int]  # option index per issue
    proven_optimal: bool


@dataclass(frozen=True)
class _StageResult:
    status: int
    choice: list[int] | None
    objective: float


def solve_package(instance: PackageInstance, time_limit: float) -> SolvedPackage:
    """Return the package with the most acceptances, then most total utility, in time_limit."""
    model = _AcceptanceModel(instance)
    deadline = time.monotonic() + time_limit

    together = model.solve(
        model.total_utility, everyone_able_accepts=True, seconds=_CONSENSUS_SHARE * time_limit
    )
    if together.choice is not None:
        return SolvedPackage(together.choice, together.status == _OPTIMAL)
    if together.status not in (_INFEASIBLE, _LIMIT_REACHED):
        raise _unexpected(together.status)

    left = deadline - time.monotonic()
    most = model.solve(model.acceptances, seconds=_COUNT_SHARE * left)
    if most.choice is None:
        return _best_of(instance, [_highest_total_utility(instance)])
    count = round(-most.objective)
    left = deadline - time.monotonic()
    best = (
        model.solve(model.total_utility, accepting_at_least=count, seconds=left)
        if left > 0.0
        else None
    )
    if best is None or best.choice is None:
        return _best_of(instance, [most.choice, _highest_total_utility(instance)])
    if most.status == _OPTIMAL and best.status == _OPTIMAL:
        return SolvedPackage(best.choice, True)
    return _best_of(instance, [best.choice, most.choice, _highest_total_utility(instance)])


def _highest_total_utility(instance: PackageInstance) -> list[int]:
    """The package with the highest total utility, found issue by issue; a fallback only."""
    totals = instance.weighted.sum(axis=0)
    return [
        int(np.argmax(totals[start : start + len(issue.options)]))
        for issue, start in zip(instance.issues, instance.first_column, strict=True)
    ]


def _best_of(instance: PackageInstance, choices: list[list[int]]) -> SolvedPackage:
    """When time ran out, keep the candidate best by (acceptances, total utility), exactly."""

    def rank(choice: list[int]) -> tuple[int, float]:
        values = instance.utilities(choice)
        return int(np.count_nonzero(values >= instance.threshold)), float(values.sum())

    return SolvedPackage(max(choices, key=rank), False)


class _AcceptanceModel:
    def __init__(self, instance: PackageInstance) -> None:
        self.instance = instance
        n_columns = instance.weighted.shape[1]
        n_delegations = len(instance.delegations)
        self.n_columns = n_columns
        self.n_variables = n_columns + n_delegations
        self.accept = np.arange(n_columns, self.n_variables)

        threshold = instance.threshold
        worst, best = instance.worst_and_best()
        # Delegations whose acceptance does not depend on the package get a fixed a[d] and
        # no row, which also keeps M finite and tight for the rest.
        self.always = worst >= threshold
        self.never = best < threshold
        contested = np.flatnonzero(~self.always & ~self.never)
        big_m = threshold[contested] - worst[contested]

        issue_rows = _issue_rows(instance, self.n_variables)
        self.rows = [LinearConstraint(issue_rows, 1.0, 1.0)]
        if contested.size:
            # Σ w·x ≥ t - M·(1 - a), written as Σ w·x - M·a ≥ t - M.
            acceptance = hstack(
                [
                    csr_array(instance.weighted[contested]),
                    coo_array(
                        (-big_m, (np.arange(contested.size), contested)),
                        shape=(contested.size, n_delegations),
                    ),
                ]
            )
            self.rows.append(LinearConstraint(acceptance, threshold[contested] - big_m, np.inf))

        self.acceptances = np.zeros(self.n_variables)
        self.acceptances[self.accept] = -1.0
        self.total_utility = np.zeros(self.n_variables)
        self.total_utility[:n_columns] = -instance.weighted.sum(axis=0)

    def solve(
        self,
        objective: Vector,
        *,
        seconds: float,
        everyone_able_accepts: bool = False,
        accepting_at_least: int | None = None,
    ) -> _StageResult:
        """Minimize the objective under the stage's extra conditions within `seconds`."""
        lower = np.zeros(self.n_variables)
        upper = np.ones(self.n_variables)
        lower[self.accept[self.always]] = 1.0
        upper[self.accept[self.never]] = 0.0
        if everyone_able_accepts:
            lower[self.accept[~self.never]] = 1.0
        rows = list(self.rows)
        if accepting_at_least is not None:
            count_row = np.zeros((1, self.n_variables))
            count_row[0, self.accept] = 1.0
            rows.append(LinearConstraint(count_row, accepting_at_least, np.inf))
        result = milp(
            objective,
            constraints=rows,
            bounds=Bounds(lower, upper),
            integrality=np.ones(self.n_variables),
            # A zero relative gap makes "optimal" mean optimal (to HiGHS's 1e-6 absolute gap),
            # not within the default 0.01 %, which could lose a tie-break by a visible amount.
            # Presolve is off: on acceptance rows met with a slack below its tolerances it
            # reported a worse package as optimal (see the regression test in the tests).
            options={"time_limit": max(seconds, 1e-3), "mip_rel_gap": 0.0, "presolve": False},
        )
        if result.status not in (_OPTIMAL, _LIMIT_REACHED, _INFEASIBLE):
            raise _unexpected(result.status)
        if result.x is None:
            return _StageResult(result.status, None, float("nan"))
        return _StageResult(result.status, self._choice(result.x), float(result.fun))

    def _choice(self, x: Vector) -> list[int]:
        # x is integral up to HiGHS's tolerance; the largest entry per issue is the option.
        return [
            int(np.argmax(x[start : start + len(issue.options)]))
            for issue, start in zip(self.instance.issues, self.instance.first_column, strict=True)
        ]


def _issue_rows(instance: PackageInstance, n_variables: int) -> coo_array:
    row: list[int] = []
    column: list[int] = []
    for i, (issue, start) in enumerate(zip(instance.issues, instance.first_column, strict=True)):
        row.extend([i] * len(issue.options))
        column.extend(range(start, start + len(issue.options)))
    return coo_array((np.ones(len(row)), (row, column)), shape=(len(instance.issues), n_variables))


def _unexpected(status: int) -> PackageSearchFailed:
    return PackageSearchFailed(
        f"The package solver stopped unexpectedly (status {status}); "
        "check the utilities for extreme values."
    )
