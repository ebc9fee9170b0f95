"""Package search: the chair's compromise across issues that the most delegations can accept.

Each issue has discrete options; a package picks one option per issue. Delegation d values
package p at U_d(p) = Σᵢ salience[d][i] · utility[d][i][p[i]] and accepts it iff
U_d(p) ≥ reservation[d] - ACCEPTANCE_TOLERANCE (its walk-away level, with a 1e-9 allowance so
that a package worth exactly the reservation is accepted however the sum is rounded). We look
for the package that the most delegations accept and, among those, the one with the highest
total utility Σ_d U_d(p) over all delegations, accepting or not.

package_search solves this as a mixed-integer program (see package_solver). Whichever way a
package is found, it is judged again from the definition above, so accepted_by and objecting
never come from solver variables.

Ties beyond the tie-break: HiGHS is deterministic, so the same input gives the same package;
which of several packages with equal count and equal total utility it returns is otherwise
unspecified (brute force returns the first in enumeration order).
"""

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from plenary.analysis.package_preferences import (
    ACCEPTANCE_TOLERANCE,
    MAX_DELEGATIONS,
    MAX_ISSUES,
    MAX_OPTIONS,
    DelegationPreferences,
    Issue,
    PackageInstance,
    package_instance,
)
from plenary.analysis.package_solver import PackageSearchFailed, solve_package

__all__ = [
    "ACCEPTANCE_TOLERANCE",
    "ANSWER_SECONDS",
    "DEFAULT_TIME_LIMIT",
    "MAX_BRUTE_FORCE_PACKAGES",
    "MAX_DELEGATIONS",
    "MAX_ISSUES",
    "MAX_OPTIONS",
    "DelegationPreferences",
    "Issue",
    "PackageResult",
    "PackageSearchFailed",
    "brute_force_package_search",
    "package_search",
]

# Seconds. Consensus (or its impossibility) is found in well under a second even at
# 193 delegations x 30 issues; only proving the largest accepting group when consensus is
# impossible can take longer, and a chair waiting at the podium wants an answer.
DEFAULT_TIME_LIMIT = 10.0
# What a page or an API answer gives the search (docs/design.md's target): a search stopped by it
# returns its best package and says that it is not proven optimal.
ANSWER_SECONDS = 2.0

# Enumeration is for tests and benchmarks only; beyond this it would run for minutes.
MAX_BRUTE_FORCE_PACKAGES = 1_000_000


@dataclass(frozen=True)
class PackageResult:
    """The package found, who accepts it and who would still object.

    proven_optimal is False only when the time limit ran out first: the package is then the best
    found so far, and a better one may exist.
    """

    package: dict[str, str]
    accepted_by: list[str]
    objecting: list[str]
    consensus: bool
    total_utility: float
    proven_optimal: bool = True


def package_search(
    issues: Sequence[Issue],
    delegations: Sequence[DelegationPreferences],
    *,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> PackageResult:
    """Find the package the most delegations accept, then the highest total utility (MILP)."""
    if not (math.isfinite(time_limit) and time_limit > 0.0):
        raise ValueError(f"The time limit must be a positive number of seconds, not {time_limit}.")
    instance = package_instance(issues, delegations)
    solved = solve_package(instance, time_limit)
    return evaluate_package(instance, solved.choice, proven_optimal=solved.proven_optimal)


def brute_force_package_search(
    issues: Sequence[Issue], delegations: Sequence[DelegationPreferences]
) -> PackageResult:
    """Find the same optimum by trying every package (for tests and benchmarks only)."""
    instance = package_instance(issues, delegations)
    sizes = [len(issue.options) for issue in instance.issues]
    if math.prod(sizes) > MAX_BRUTE_FORCE_PACKAGES:
        raise ValueError(
            f"Trying all {math.prod(sizes)} packages would take too long; "
            f"brute force handles at most {MAX_BRUTE_FORCE_PACKAGES}. Use package_search."
        )
    threshold = instance.threshold
    best: tuple[int, float] | None = None
    best_choice: list[int] = []
    for combination in itertools.product(*(range(size) for size in sizes)):
        values = instance.utilities(combination)
        key = (int(np.count_nonzero(values >= threshold)), float(values.sum()))
        # Strictly better only, so the first package in enumeration order wins exact ties.
        if best is None or key > best:
            best, best_choice = key, list(combination)
    return evaluate_package(instance, best_choice)


def evaluate_package(
    instance: PackageInstance, choice: Sequence[int], *, proven_optimal: bool = True
) -> PackageResult:
    """Judge a package (one option index per issue) from the definition, however it was found."""
    values = instance.utilities(choice)
    accepts = values >= instance.threshold
    return PackageResult(
        package={
            issue.id: issue.options[option]
            for issue, option in zip(instance.issues, choice, strict=True)
        },
        accepted_by=[d for d, ok in zip(instance.delegations, accepts, strict=True) if ok],
        objecting=[d for d, ok in zip(instance.delegations, accepts, strict=True) if not ok],
        consensus=bool(accepts.all()),
        total_utility=float(values.sum()),
        proven_optimal=proven_optimal,
    )
