"""Outcome forecasts, checked against cases worked on paper."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plenary.analysis.forecast import (
    Position,
    compromise,
    forecast,
    nash_bargaining,
    spread,
    two_thirds_interval,
    two_thirds_point,
)


def delegation(id: str, position: float, salience: float = 1.0, capability: float = 1.0):
    return Position(id=id, position=position, salience=salience, capability=capability)


THREE = [
    delegation("Brazil", 20, salience=1.0, capability=1.0),  # weight c·s = 1
    delegation("Egypt", 50, salience=0.5, capability=2.0),  # weight 1
    delegation("Norway", 80, salience=0.5, capability=1.0),  # weight 0.5
]


# -- compromise ----------------------------------------------------------------------------


def test_it_weights_the_compromise_by_capability_times_salience():
    # Σ c·s·x = 1·20 + 1·50 + 0.5·80 = 110;  Σ c·s = 2.5;  110 / 2.5 = 44
    assert compromise(THREE) == pytest.approx(44.0)


def test_it_leaves_delegations_without_weight_out_of_the_compromise():
    # Egypt's zero salience drops it: (1·20 + 0.5·80) / 1.5 = 60 / 1.5 = 40
    positions = [THREE[0], delegation("Egypt", 50, salience=0.0, capability=2.0), THREE[2]]
    assert compromise(positions) == pytest.approx(40.0)


# -- Nash bargaining -----------------------------------------------------------------------


def test_it_finds_the_nash_outcome_for_two_delegations_by_hand():
    # Status quo 0. A at 20 (weight 1), B at 60 (weight c·s = 2·1 = 2).
    # For o in [20, 40): A gains 20 - |o - 20| = 40 - o, B gains 60 - |o - 60| = o.
    # Maximize log(40 - o) + 2·log(o):  -1/(40 - o) + 2/o = 0  ->  o = 80 - 2o  ->  o = 80/3.
    positions = [delegation("A", 20), delegation("B", 60, capability=2.0)]
    assert nash_bargaining(positions, status_quo=0) == pytest.approx(80 / 3, abs=1e-9)


def test_it_finds_the_nash_outcome_for_three_delegations_by_hand():
    # Status quo 0; A at 20, B at 30, C at 60, all weight 1. Everyone gains only for o < 40.
    # On [20, 30]: A gains 40 - o, B and C gain o.
    # -1/(40 - o) + 2/o = 0  ->  o = 80/3 ≈ 26.67, which indeed lies in [20, 30].
    positions = [delegation("A", 20), delegation("B", 30), delegation("C", 60)]
    assert nash_bargaining(positions, status_quo=0) == pytest.approx(80 / 3, abs=1e-9)


def test_it_mirrors_the_nash_outcome_when_the_status_quo_is_on_the_high_side():
    # The two-delegation case reflected: o = 100 - 80/3.
    positions = [delegation("A", 80), delegation("B", 40, capability=2.0)]
    assert nash_bargaining(positions, status_quo=100) == pytest.approx(100 - 80 / 3, abs=1e-9)


def test_it_stops_the_nash_outcome_at_a_kink_when_the_slope_turns_there():
    # Status quo 0; A at 20, B at 60, weight 1 each. On [20, 40): f' = -1/(40 - o) + 1/o,
    # which is 0 at o = 20 and negative beyond, so the outcome is A's own position.
    positions = [delegation("A", 20), delegation("B", 60)]
    assert nash_bargaining(positions, status_quo=0) == pytest.approx(20.0, abs=1e-9)


def test_it_gives_a_lone_delegation_its_own_position_as_the_nash_outcome():
    assert nash_bargaining([delegation("A", 35)], status_quo=90) == pytest.approx(35.0)


def test_it_keeps_the_status_quo_when_delegations_stand_on_both_sides_of_it():
    # A gains only for o in (0, 50), B only for o in (50, 100): no move helps both.
    positions = [delegation("A", 20), delegation("B", 80)]
    assert nash_bargaining(positions, status_quo=50) == 50.0


def test_it_keeps_the_status_quo_when_a_delegation_already_has_it_as_its_position():
    # A at the status quo loses from any move and can walk away: it keeps its veto.
    positions = [delegation("A", 0), delegation("B", 60)]
    assert nash_bargaining(positions, status_quo=0) == 0.0


def test_it_ignores_delegations_without_a_stake_in_the_nash_outcome():
    # B, on the other side, has salience 0: it is indifferent, so only A bargains.
    positions = [delegation("A", 70), delegation("B", 20, salience=0.0)]
    assert nash_bargaining(positions, status_quo=50) == pytest.approx(70.0)


def test_it_moves_the_nash_outcome_towards_a_delegation_with_more_capability():
    weak = [delegation("A", 20), delegation("B", 60)]
    strong = [delegation("A", 20), delegation("B", 60, capability=3.0)]
    assert nash_bargaining(strong, 0) > nash_bargaining(weak, 0)


one_sided = st.lists(
    st.tuples(
        st.floats(0.01, 1),  # how far towards the end of the scale, as a share
        st.floats(0.05, 1),  # salience
        st.floats(0.1, 3),  # capability
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=100, deadline=None)
@given(one_sided, st.floats(0, 20), st.booleans())
def test_it_finds_a_nash_outcome_no_grid_point_beats(rows, distance_from_end, upwards):
    # Everyone on one side of the status quo; compare the weighted Nash product at the answer
    # with a fine scan of the outcomes where all delegations gain.
    q = distance_from_end if upwards else 100 - distance_from_end
    end = 100 if upwards else 0
    positions = [
        delegation(f"d{i}", q + share * (end - q), salience, capability)
        for i, (share, salience, capability) in enumerate(rows)
    ]

    def objective(o: float) -> float:
        gains = [abs(q - p.position) - abs(o - p.position) for p in positions]
        if min(gains) <= 0:
            return -math.inf
        return sum(
            p.capability * p.salience * math.log(g) for p, g in zip(positions, gains, strict=True)
        )

    answer = nash_bargaining(positions, q)
    grid = [i / 20 for i in range(2001)]
    assert objective(answer) > -math.inf
    assert objective(answer) >= max(objective(o) for o in grid) - 1e-9


# -- two-thirds ----------------------------------------------------------------------------

SIX = [delegation(f"d{x}", x) for x in (10, 20, 30, 40, 50, 60)]


def test_it_finds_the_two_thirds_interval_from_the_fourth_of_six_delegations():
    # n = 6, k = ⌈2·6/3⌉ = 4. At or above 30: 30, 40, 50, 60 (four); above 30 only three.
    # At or below 40: 10, 20, 30, 40 (four). So the interval is [30, 40].
    assert two_thirds_interval(SIX) == (30, 40)


def test_it_rounds_two_thirds_up_when_n_is_not_a_multiple_of_three():
    # n = 4: 2·4/3 = 2.67, so k = 3 delegations are needed, not 2.
    four = [delegation(f"d{x}", x) for x in (10, 20, 30, 40)]
    assert two_thirds_interval(four) == (20, 30)


def test_it_moves_a_low_status_quo_up_to_the_two_thirds_pivot():
    # From 0, four of six delegations want to go to 30 or beyond; only three beyond that.
    assert two_thirds_point(SIX, status_quo=0) == 30


def test_it_moves_a_high_status_quo_down_to_the_two_thirds_pivot():
    assert two_thirds_point(SIX, status_quo=100) == 40


def test_it_keeps_a_status_quo_that_lies_inside_the_two_thirds_interval():
    # At 35, only 40, 50, 60 lie above and only 10, 20, 30 below: no side has four.
    assert two_thirds_point(SIX, status_quo=35) == 35


def test_it_counts_tied_positions_each_as_one_vote_for_two_thirds():
    # n = 4, k = 3: three delegations at 10 carry the vote whatever the fourth wants.
    tied = [delegation("a", 10), delegation("b", 10), delegation("c", 10), delegation("d", 90)]
    assert two_thirds_point(tied, status_quo=100) == 10


def test_it_counts_every_delegation_once_for_two_thirds_whatever_its_weight():
    # Capability does not buy votes: the median of three is still the pivot.
    weighted = [delegation("a", 10, capability=50.0), delegation("b", 40), delegation("c", 70)]
    assert two_thirds_point(weighted, status_quo=0) == 40


# -- spread and the whole forecast ---------------------------------------------------------


def test_it_summarizes_the_spread_of_positions():
    # Positions 20, 50, 80: quartiles by linear interpolation are 35, 50, 65.
    # Weighted mean 44 (see above); weighted variance
    # (1·24² + 1·6² + 0.5·36²) / 2.5 = (576 + 36 + 648) / 2.5 = 504.
    result = spread(THREE)
    assert (result.minimum, result.maximum) == (20, 80)
    assert (result.lower_quartile, result.median, result.upper_quartile) == (35, 50, 65)
    assert result.weighted_std == pytest.approx(math.sqrt(504))


def test_it_forecasts_all_models_at_once():
    result = forecast(THREE, status_quo=0)
    assert result.compromise == pytest.approx(44.0)
    assert result.two_thirds == 50  # n = 3, k = 2: the median delegation is the pivot
    assert 20 <= result.nash <= 40  # between the nearest position and twice it
    assert result.spread.median == 50


# -- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("positions", "status_quo", "message"),
    [
        ([delegation("A", 101)], 0, "positions lie between 0 and 100"),
        ([delegation("A", -1)], 0, "positions lie between 0 and 100"),
        ([delegation("A", math.nan)], 0, "positions lie between 0 and 100"),
        ([delegation("A", 50, salience=1.5)], 0, "salience lies between 0 and 1"),
        ([delegation("A", 50, capability=-1)], 0, "capability must be zero or more"),
        ([delegation("A", 50, capability=math.inf)], 0, "capability must be zero or more"),
        ([delegation("A", 50, salience=0)], 0, "give at least one delegation a positive"),
        ([], 0, "at least one delegation"),
        ([delegation("A", 50)], 120, "status quo must lie on the 0-100 issue scale"),
    ],
)
def test_it_rejects_bad_forecast_inputs_with_a_sentence(positions, status_quo, message):
    with pytest.raises(ValueError, match=message):
        forecast(positions, status_quo)
