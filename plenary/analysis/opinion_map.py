"""Opinion map: delegations placed on a 2-D map by their stances, grouped, and the provisions
that every group supports.

Stances are coded as numbers (STANCE_CODE): support +1, oppose -1, amend and reservation -0.5
(both hold back from the wording as it stands without opposing it outright), silent or missing 0.
The map is the first two principal components of that delegations x provisions matrix. Groups
come from k-means on the full matrix (so they reflect every provision, not only the two axes
drawn), with k from 2 to min(6, n - 1) chosen by the best mean silhouette. A provision is a
*group-informed consensus* when in every group at least `support_threshold` (default one half)
of the members support it: a majority built inside one camp does not qualify.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from plenary.analysis.clustering import Matrix, best_kmeans
from plenary.analysis.stances import DelegationStance, Stance, current_stances

STANCE_CODE: dict[Stance, float] = {
    Stance.SUPPORT: 1.0,
    Stance.OPPOSE: -1.0,
    Stance.AMEND: -0.5,
    Stance.RESERVATION: -0.5,
    Stance.SILENT: 0.0,
}
DEFAULT_SUPPORT_THRESHOLD = 0.5
MAX_GROUPS = 6
_LOADING_TIE = 1e-9


@dataclass(frozen=True)
class MapPoint:
    delegation: str
    x: float
    y: float
    group: int


@dataclass(frozen=True)
class OpinionGroup:
    """A group of delegations and, per provision, the share of its members who support it."""

    number: int
    members: list[str]
    support: dict[str, float]


@dataclass(frozen=True)
class OpinionMap:
    points: list[MapPoint]
    groups: list[OpinionGroup]
    explained_variance: tuple[float, float]  # share of the total variance on each axis
    silhouette: float | None  # mean silhouette of the chosen grouping; None if one group
    consensus_provisions: list[str]  # supported by every group, in provision order


def stance_matrix(
    delegations: Sequence[str], provisions: Sequence[str], stances: Iterable[DelegationStance]
) -> Matrix:
    """Code stances as a delegations x provisions matrix (STANCE_CODE; missing counts as 0)."""
    _require_unique(delegations, "delegation")
    _require_unique(provisions, "provision")
    row = {d: i for i, d in enumerate(delegations)}
    column = {p: j for j, p in enumerate(provisions)}
    matrix = np.zeros((len(delegations), len(provisions)))
    for (delegation, provision), stance in current_stances(stances, provisions).items():
        if delegation not in row:
            raise ValueError(
                f"'{delegation}' has a stance on '{provision}' but is not among the "
                "delegations given; add it or drop the stance."
            )
        matrix[row[delegation], column[provision]] = STANCE_CODE[stance]
    return matrix


def opinion_map(
    delegations: Sequence[str],
    provisions: Sequence[str],
    stances: Iterable[DelegationStance],
    *,
    seed: int = 0,
    support_threshold: float = DEFAULT_SUPPORT_THRESHOLD,
) -> OpinionMap:
    """Place delegations on a 2-D map, group them, and find provisions every group supports."""
    if not delegations or not provisions:
        raise ValueError("An opinion map needs at least one delegation and one provision.")
    if not 0.0 < support_threshold <= 1.0:
        raise ValueError(
            f"The support threshold is a share of a group's members, above 0 and at most 1, "
            f"not {support_threshold}."
        )
    matrix = stance_matrix(delegations, provisions, stances)
    coordinates, explained = principal_components(matrix)
    labels, silhouette = best_kmeans(matrix, max_groups=MAX_GROUPS, seed=seed)

    supports = matrix == STANCE_CODE[Stance.SUPPORT]
    groups = []
    for number in range(int(labels.max()) + 1):
        in_group = labels == number
        share = supports[in_group].mean(axis=0)
        groups.append(
            OpinionGroup(
                number=number,
                members=[d for d, member in zip(delegations, in_group, strict=True) if member],
                support={p: float(s) for p, s in zip(provisions, share, strict=True)},
            )
        )
    return OpinionMap(
        points=[
            MapPoint(delegation=d, x=float(xy[0]), y=float(xy[1]), group=int(label))
            for d, xy, label in zip(delegations, coordinates, labels, strict=True)
        ],
        groups=groups,
        explained_variance=explained,
        silhouette=silhouette,
        consensus_provisions=[
            p for p in provisions if all(g.support[p] >= support_threshold for g in groups)
        ],
    )


def principal_components(matrix: Matrix) -> tuple[Matrix, tuple[float, float]]:
    """Project rows onto the first two principal components; return them and variance shares.

    Signs are fixed so that each component's largest loading is positive, the first provision
    winning near-ties (within 1e-9), so the same stances always draw the same map whatever
    the order of delegations. Missing components (fewer than two
    delegations or provisions, or no variation) are zeros.
    """
    centred = matrix - matrix.mean(axis=0)
    u, singular, vt = np.linalg.svd(centred, full_matrices=False)
    coordinates = np.zeros((matrix.shape[0], 2))
    shares = [0.0, 0.0]
    total = float(np.sum(singular**2))
    # Components with no variance are noise from the SVD, not directions of opinion.
    tolerance = max(matrix.shape) * np.finfo(np.float64).eps * (singular[0] if singular.size else 0)
    for k in range(min(2, singular.size)):
        if singular[k] <= tolerance:
            break
        loadings = np.abs(vt[k])
        # Tied loadings (two provisions splitting delegations alike) differ only by rounding
        # noise, which must not decide the sign.
        leading = int(np.flatnonzero(loadings >= loadings.max() - _LOADING_TIE)[0])
        sign = 1.0 if vt[k, leading] > 0 else -1.0
        coordinates[:, k] = sign * u[:, k] * singular[k]
        shares[k] = float(singular[k] ** 2 / total)
    return coordinates, (shares[0], shares[1])


def _require_unique(ids: Sequence[str], kind: str) -> None:
    if len(set(ids)) != len(ids):
        raise ValueError(f"A {kind} is listed twice; give each {kind} once.")
