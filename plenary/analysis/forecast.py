"""Outcome forecasts on a 0-100 issue scale from delegations' positions, saliences and capabilities.

Three readings of where an issue will land, each a standard model from the literature on
forecasting negotiated outcomes (Bueno de Mesquita; Thomson, Stokman, Achen & König,
*The European Union Decides*, 2006):

- the **compromise** model: the mean of positions weighted by capability times salience;
- the **Nash bargaining** solution against the status quo (the no-agreement point), because under
  consensus any delegation can walk away and keep the status quo;
- the **two-thirds** point: where a vote needing two thirds of delegations would stop.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

SCALE_MIN = 0.0
SCALE_MAX = 100.0

# Bisection halves the bracket each step; 200 steps take any bracket on a 0-100 scale below
# floating-point resolution, so the loop ends on the width test long before this bound.
_BISECTION_STEPS = 200
_BISECTION_WIDTH = 1e-12

Vector = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Position:
    """A delegation's ideal outcome on the issue scale, how much it cares, and its clout."""

    id: str
    position: float
    salience: float
    capability: float = 1.0


@dataclass(frozen=True)
class Spread:
    """How far apart delegations are: range and quartiles of positions, weighted deviation."""

    minimum: float
    lower_quartile: float
    median: float
    upper_quartile: float
    maximum: float
    weighted_std: float


@dataclass(frozen=True)
class Forecast:
    compromise: float
    nash: float
    two_thirds: float
    spread: Spread


def forecast(positions: Sequence[Position], status_quo: float) -> Forecast:
    """Forecast an issue's outcome by the compromise, Nash bargaining and two-thirds models."""
    validate_status_quo(status_quo)
    validate_positions(positions)
    return Forecast(
        compromise=compromise(positions),
        nash=nash_bargaining(positions, status_quo),
        two_thirds=two_thirds_point(positions, status_quo),
        spread=spread(positions),
    )


def validate_status_quo(status_quo: float) -> None:
    """Raise ValueError with a readable sentence if the status quo is off the issue scale."""
    if not SCALE_MIN <= status_quo <= SCALE_MAX:
        raise ValueError(f"The status quo must lie on the 0-100 issue scale, not {status_quo}.")


def validate_positions(positions: Sequence[Position]) -> None:
    """Raise ValueError with a readable sentence if any position, salience or capability is off."""
    if not positions:
        raise ValueError("A forecast needs the position of at least one delegation.")
    for p in positions:
        if not SCALE_MIN <= p.position <= SCALE_MAX:
            raise ValueError(
                f"Delegation '{p.id}' has position {p.position}; positions lie between 0 and 100."
            )
        if not 0.0 <= p.salience <= 1.0:
            raise ValueError(
                f"Delegation '{p.id}' has salience {p.salience}; salience lies between 0 and 1."
            )
        if not (p.capability >= 0.0 and math.isfinite(p.capability)):
            raise ValueError(
                f"Delegation '{p.id}' has capability {p.capability}; "
                "capability must be zero or more."
            )
    if not any(p.salience * p.capability > 0.0 for p in positions):
        raise ValueError(
            "Every delegation has zero salience or zero capability, so nobody's position "
            "carries weight; give at least one delegation a positive salience and capability."
        )


def compromise(positions: Sequence[Position]) -> float:
    """Return the compromise outcome Σ c·s·x / Σ c·s."""
    validate_positions(positions)
    x, w = _positions_and_weights(positions)
    return float(np.dot(w, x) / w.sum())


def nash_bargaining(positions: Sequence[Position], status_quo: float) -> float:
    """Return the weighted Nash bargaining outcome against the status quo (the no-agreement point).

    Delegation d values outcome o at u_d(o) = -c_d·s_d·|o - x_d| and can always walk away with
    the status quo q, so an agreement o must leave nobody with a stake (c_d·s_d > 0) worse off
    than q. Among those outcomes it maximizes Σ_d c_d·s_d·log(u_d(o) - u_d(q)), the
    asymmetric Nash product with bargaining power c_d·s_d (Kalai 1977). The symmetric product
    would ignore capability and salience altogether, because Nash's solution does not change
    when one party's utility is multiplied by a constant.

    - Delegations with zero weight are indifferent and take no part.
    - A delegation that cannot gain anywhere (its position is the status quo) keeps its veto:
      any move hurts it, so the status quo is returned.
    - Delegations on both sides of the status quo cannot all gain from a single move, so the
      status quo is returned; the same when no delegation can gain at all.
    - Otherwise all stakeholders stand on one side of q, every one of them can gain, and the
      objective is strictly concave on the outcomes where all gain: its maximizer is unique and
      lies between the nearest position and min(farthest position, 2·nearest - q).
    """
    validate_status_quo(status_quo)
    validate_positions(positions)
    x, w = _positions_and_weights(positions)
    stake = w > 0.0
    x, w = x[stake], w[stake]
    distance = x - status_quo
    if np.any(distance == 0.0):
        return float(status_quo)
    if np.all(distance > 0.0):
        return float(status_quo + _nash_step(distance, w))
    if np.all(distance < 0.0):
        return float(status_quo - _nash_step(-distance, w))
    return float(status_quo)


def _nash_step(distance: Vector, weight: Vector) -> float:
    """Return how far the Nash outcome moves from the status quo when all stand on one side."""
    # Measured as t ≥ 0 from the status quo towards the delegations, delegation d gains
    # t while t ≤ distance_d and 2·distance_d - t beyond it; everyone gains only for
    # t < 2·min(distance). Σ w·log(gain) is concave there, so the maximizer is where its
    # right-hand derivative (decreasing in t) first becomes ≤ 0: found by bisection.
    nearest = float(distance.min())
    low = nearest  # below the nearest position every gain is t, so the objective still rises
    high = min(float(distance.max()), 2.0 * nearest)

    def slope_after(t: float) -> float:
        rising = distance > t
        falling_gain = 2.0 * distance[~rising] - t
        return float(weight[rising].sum() / t - (weight[~rising] / falling_gain).sum())

    if slope_after(low) <= 0.0:
        return low
    for _ in range(_BISECTION_STEPS):
        if high - low <= _BISECTION_WIDTH:
            break
        middle = 0.5 * (low + high)
        if slope_after(middle) > 0.0:
            low = middle
        else:
            high = middle
    return 0.5 * (low + high)


def two_thirds_interval(positions: Sequence[Position]) -> tuple[float, float]:
    """Return (low, high): how far two thirds of delegations would go, upwards and downwards.

    With n delegations and k = ⌈2n/3⌉, `low` is the most extreme outcome towards 100 that at
    least k delegations are on or beyond (at or above: the k-th largest position), where a
    move up from a status quo below it stops; `high` is the most extreme outcome towards 0
    that at least k are on or beyond (at or below: the k-th smallest), where a move down stops.
    Since k is more than half of n, low ≤ high. Every delegation counts once, whatever its
    salience or capability: one delegation, one vote.
    """
    validate_positions(positions)
    ordered = sorted(p.position for p in positions)
    n = len(ordered)
    k = -(-2 * n // 3)  # ⌈2n/3⌉ in integers, so 2n/3 never rounds the wrong way
    return ordered[n - k], ordered[k - 1]


def two_thirds_point(positions: Sequence[Position], status_quo: float) -> float:
    """Return how far from the status quo a two-thirds majority would move the issue.

    That is the end of two_thirds_interval on the side facing the status quo: moving away
    from the status quo, two thirds of delegations want to go at least that far and no
    further move has two thirds on or beyond it. When the status quo already lies inside the
    interval, no direction has two thirds behind it and the status quo stands.
    """
    validate_status_quo(status_quo)
    low, high = two_thirds_interval(positions)
    return float(min(max(status_quo, low), high))


def spread(positions: Sequence[Position]) -> Spread:
    """Summarize the spread: range and quartiles (one per delegation), std weighted by c·s."""
    validate_positions(positions)
    x, w = _positions_and_weights(positions)
    lower, middle, upper = np.percentile(x, [25.0, 50.0, 75.0])
    mean = np.dot(w, x) / w.sum()
    return Spread(
        minimum=float(x.min()),
        lower_quartile=float(lower),
        median=float(middle),
        upper_quartile=float(upper),
        maximum=float(x.max()),
        weighted_std=float(math.sqrt(np.dot(w, (x - mean) ** 2) / w.sum())),
    )


def _positions_and_weights(positions: Sequence[Position]) -> tuple[Vector, Vector]:
    x = np.array([p.position for p in positions], dtype=np.float64)
    w = np.array([p.capability * p.salience for p in positions], dtype=np.float64)
    return x, w
