"""Issues, options and delegations' preferences for the package search, validated and laid out
as one matrix of salience-weighted utilities."""

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

# A utility this close below a reservation still counts as meeting it, so that a package
# worth exactly the reservation is accepted whether the sum is formed by the solver or by
# numpy in another order. Differences this small are below any meaningful preference.
ACCEPTANCE_TOLERANCE = 1e-9

# The largest search Plenary answers, for the record's pages and the public API alike (the one
# definition of these sizes): every UN member state and observer, with room to spare; far more
# issues and options than a negotiation has.
MAX_DELEGATIONS = 250
MAX_ISSUES = 60
MAX_OPTIONS = 10

Matrix = npt.NDArray[np.float64]
Vector = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Issue:
    id: str
    options: list[str]


@dataclass(frozen=True)
class DelegationPreferences:
    """Per issue, a delegation's utility for each option (in the issue's order) and salience."""

    id: str
    utility: dict[str, list[float]]
    salience: dict[str, float]
    reservation: float


@dataclass(frozen=True)
class PackageInstance:
    """The preferences as arrays; weighted[d, j] = salience · utility of option column j."""

    issues: list[Issue]
    delegations: list[str]
    reservation: Vector
    weighted: Matrix
    first_column: list[int]  # column of each issue's first option in `weighted`

    @property
    def threshold(self) -> Vector:
        """The lowest utility each delegation accepts, tolerance included."""
        result: Vector = self.reservation - ACCEPTANCE_TOLERANCE
        return result

    def columns(self, choice: Sequence[int]) -> list[int]:
        """The matrix columns of a package given as one option index per issue."""
        return [start + option for start, option in zip(self.first_column, choice, strict=True)]

    def utilities(self, choice: Sequence[int]) -> Vector:
        """Each delegation's utility for a package, from the definition Σᵢ s·u."""
        result: Vector = self.weighted[:, self.columns(choice)].sum(axis=1)
        return result


def package_instance(
    issues: Sequence[Issue], delegations: Sequence[DelegationPreferences]
) -> PackageInstance:
    """Validate shapes and caps, and lay the preferences out as one matrix."""
    _validate_issues(issues)
    if not delegations:
        raise ValueError("A package search needs at least one delegation.")
    if len(delegations) > MAX_DELEGATIONS:
        raise ValueError(
            f"{len(delegations)} delegations is more than the {MAX_DELEGATIONS} "
            "a package search handles."
        )
    twice = _first_duplicate([d.id for d in delegations])
    if twice is not None:
        raise ValueError(f"Delegation '{twice}' is listed twice; give each delegation once.")
    starts = list(itertools.accumulate((len(i.options) for i in issues), initial=0))
    weighted = np.zeros((len(delegations), starts[-1]))
    for row, delegation in enumerate(delegations):
        _validate_delegation(delegation, issues)
        for issue, start in zip(issues, starts[:-1], strict=True):
            utility = np.asarray(delegation.utility[issue.id], dtype=np.float64)
            weighted[row, start : start + len(issue.options)] = (
                delegation.salience[issue.id] * utility
            )
    return PackageInstance(
        issues=list(issues),
        delegations=[d.id for d in delegations],
        reservation=np.array([d.reservation for d in delegations], dtype=np.float64),
        weighted=weighted,
        first_column=starts[:-1],
    )


def _validate_issues(issues: Sequence[Issue]) -> None:
    if not issues:
        raise ValueError("A package search needs at least one issue.")
    if len(issues) > MAX_ISSUES:
        raise ValueError(
            f"{len(issues)} issues is more than the {MAX_ISSUES} a package search handles."
        )
    twice = _first_duplicate([i.id for i in issues])
    if twice is not None:
        raise ValueError(f"Issue '{twice}' is listed twice; give each issue once.")
    for issue in issues:
        if not issue.options:
            raise ValueError(f"Issue '{issue.id}' has no options; give it at least one.")
        if len(issue.options) > MAX_OPTIONS:
            raise ValueError(
                f"Issue '{issue.id}' has {len(issue.options)} options; "
                f"a package search handles at most {MAX_OPTIONS} per issue."
            )
        twice = _first_duplicate(issue.options)
        if twice is not None:
            raise ValueError(
                f"Issue '{issue.id}' lists option '{twice}' twice; give each option once."
            )


def _validate_delegation(delegation: DelegationPreferences, issues: Sequence[Issue]) -> None:
    name = f"Delegation '{delegation.id}'"
    expected = {issue.id for issue in issues}
    for field, given in (("utility", delegation.utility), ("salience", delegation.salience)):
        missing = sorted(expected - given.keys())
        if missing:
            raise ValueError(f"{name} gives no {field} for issue(s) {', '.join(missing)}.")
        unknown = sorted(given.keys() - expected)
        if unknown:
            raise ValueError(f"{name} gives {field} for unknown issue(s) {', '.join(unknown)}.")
    for issue in issues:
        utility = delegation.utility[issue.id]
        if len(utility) != len(issue.options):
            raise ValueError(
                f"{name} gives {len(utility)} utilities for issue '{issue.id}', "
                f"which has {len(issue.options)} options; give one per option."
            )
        if not all(math.isfinite(u) for u in utility):
            raise ValueError(f"{name} has a utility for issue '{issue.id}' that is not a number.")
        salience = delegation.salience[issue.id]
        if not (math.isfinite(salience) and salience >= 0.0):
            raise ValueError(
                f"{name} has salience {salience} for issue '{issue.id}'; it must be zero or more."
            )
    if not math.isfinite(delegation.reservation):
        raise ValueError(f"{name} has reservation level {delegation.reservation}; give a number.")


def _first_duplicate(ids: Sequence[str]) -> str | None:
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            return value
        seen.add(value)
    return None
