"""Grouping delegations: k-means (Lloyd's algorithm, k-means++ seeding) and silhouette scores.

Everything is seeded, so the same stances and seed always give the same groups.
"""

import numpy as np
import numpy.typing as npt
from scipy.spatial.distance import cdist

Matrix = npt.NDArray[np.float64]
Labels = npt.NDArray[np.int64]

_RESTARTS = 4  # k-means finds a local optimum; a few seeded restarts avoid a bad one
_MAX_ITERATIONS = 300
# Silhouettes this close count as equal, so the smaller, simpler grouping wins the tie.
_SILHOUETTE_TIE = 1e-12


def best_kmeans(points: Matrix, *, max_groups: int, seed: int) -> tuple[Labels, float | None]:
    """Group rows by k-means with k in 2..min(max_groups, n - 1) chosen by best silhouette.

    With fewer than three rows, or all rows identical, there is nothing to choose between and
    everyone is one group (silhouette None). k never exceeds the number of distinct rows,
    because identical delegations cannot be split into different groups meaningfully.
    Groups are numbered by their first member's row.
    """
    n = points.shape[0]
    distinct = np.unique(points, axis=0).shape[0]
    candidates = range(2, min(max_groups, n - 1, distinct) + 1)
    if not candidates:
        return np.zeros(n, dtype=np.int64), None
    distances = cdist(points, points)
    best_labels = np.zeros(n, dtype=np.int64)
    best_score = -np.inf
    for k in candidates:
        labels = kmeans(points, k, seed=seed)
        score = silhouette(distances, labels)
        if score > best_score + _SILHOUETTE_TIE:
            best_labels, best_score = labels, score
    return _number_by_first_member(best_labels), float(best_score)


def kmeans(points: Matrix, k: int, *, seed: int) -> Labels:
    """Return the lowest-inertia labels of a few seeded k-means++ / Lloyd runs."""
    # Each k draws from its own stream, so the result for one k does not depend on others.
    rng = np.random.default_rng([seed, k])
    best_labels = np.zeros(points.shape[0], dtype=np.int64)
    best_inertia = np.inf
    for _ in range(_RESTARTS):
        labels, inertia = _lloyd(points, _kmeans_plus_plus(points, k, rng))
        if inertia < best_inertia:
            best_labels, best_inertia = labels, inertia
    return best_labels


def silhouette(distances: Matrix, labels: Labels) -> float:
    """Mean silhouette (b - a) / max(a, b) over all points; points alone in a group score 0."""
    n = labels.size
    k = int(labels.max()) + 1
    membership = np.zeros((n, k))
    membership[np.arange(n), labels] = 1.0
    sizes = membership.sum(axis=0)
    totals = distances @ membership  # totals[i, c]: summed distance from i to group c
    own_size = sizes[labels]
    own_total = totals[np.arange(n), labels]
    a = np.divide(own_total, own_size - 1, out=np.zeros(n), where=own_size > 1)
    other_mean = np.divide(totals, sizes, out=np.full((n, k), np.inf), where=sizes > 0)
    other_mean[np.arange(n), labels] = np.inf
    b = other_mean.min(axis=1)
    larger = np.maximum(a, b)
    score = np.divide(b - a, larger, out=np.zeros(n), where=(own_size > 1) & (larger > 0))
    return float(score.mean())


def _kmeans_plus_plus(points: Matrix, k: int, rng: np.random.Generator) -> Matrix:
    """Pick k distinct starting centres, each new one with probability ∝ squared distance."""
    n = points.shape[0]
    centres = [points[rng.integers(n)]]
    nearest = ((points - centres[0]) ** 2).sum(axis=1)
    for _ in range(1, k):
        # Callers guarantee at least k distinct rows, so some distance is positive.
        chosen = rng.choice(n, p=nearest / nearest.sum())
        centres.append(points[chosen])
        nearest = np.minimum(nearest, ((points - points[chosen]) ** 2).sum(axis=1))
    return np.array(centres)


def _lloyd(points: Matrix, centres: Matrix) -> tuple[Labels, float]:
    """Alternate assignment and mean update until the groups stop changing."""
    labels = np.full(points.shape[0], -1, dtype=np.int64)
    for _ in range(_MAX_ITERATIONS):
        squared = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
        new_labels = np.argmin(squared, axis=1).astype(np.int64)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
        for c in range(centres.shape[0]):
            members = labels == c
            if members.any():
                centres[c] = points[members].mean(axis=0)
            else:
                # An empty group takes the point worst served by its centre, keeping k groups.
                worst = int(np.argmax(squared[np.arange(points.shape[0]), labels]))
                centres[c] = points[worst]
                labels[worst] = c
    inertia = float(((points - centres[labels]) ** 2).sum())
    return labels, inertia


def _number_by_first_member(labels: Labels) -> Labels:
    order: dict[int, int] = {}
    for label in labels.tolist():
        order.setdefault(label, len(order))
    return np.array([order[label] for label in labels.tolist()], dtype=np.int64)
