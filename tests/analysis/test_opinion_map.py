"""Opinion map: stance coding, the 2-D projection, groups, and group-informed consensus."""

import numpy as np
import pytest
from scipy.spatial.distance import cdist

from plenary.analysis.clustering import best_kmeans, silhouette
from plenary.analysis.opinion_map import opinion_map, stance_matrix
from plenary.analysis.stances import DelegationStance

PROVISIONS = ["p1", "p2", "p3", "p4"]
# Two camps: both support p1; camp A supports p2 and opposes p3, camp B the reverse.
# On p4 one member of each camp holds back (amend, reservation), the rest are silent.
TWO_CAMPS = {
    "a1": ["support", "support", "oppose", "silent"],
    "a2": ["support", "support", "oppose", "silent"],
    "a3": ["support", "support", "oppose", "amend"],
    "b1": ["support", "oppose", "support", "silent"],
    "b2": ["support", "oppose", "support", "silent"],
    "b3": ["support", "oppose", "support", "reservation"],
}


def stances_of(rows, provisions=PROVISIONS):
    return [
        DelegationStance(delegation, provision, value)
        for delegation, values in rows.items()
        for provision, value in zip(provisions, values, strict=True)
    ]


def two_camp_map(rows=TWO_CAMPS, **options):
    return opinion_map(list(rows), PROVISIONS, stances_of(rows), **options)


def memberships(result):
    return {frozenset(group.members) for group in result.groups}


def test_it_codes_stances_as_numbers():
    # support +1, oppose -1, amend and reservation -0.5, silent and missing 0
    stances = [
        DelegationStance("Brazil", "p1", "support"),
        DelegationStance("Brazil", "p2", "oppose"),
        DelegationStance("Brazil", "p3", "amend"),
        DelegationStance("Kenya", "p1", "reservation"),
        DelegationStance("Kenya", "p2", "silent"),
    ]
    matrix = stance_matrix(["Brazil", "Kenya"], PROVISIONS, stances)
    assert matrix.tolist() == [[1, -1, -0.5, 0], [-0.5, 0, 0, 0]]


def test_it_finds_the_two_camps_as_groups():
    result = two_camp_map()
    assert memberships(result) == {frozenset({"a1", "a2", "a3"}), frozenset({"b1", "b2", "b3"})}
    assert result.silhouette is not None and result.silhouette > 0.5


def test_it_finds_what_every_group_supports():
    # p1: 100 % of both groups support. p2 and p3: 0 % of one group. p4: nobody supports.
    assert two_camp_map().consensus_provisions == ["p1"]


def test_it_reports_each_groups_share_of_support():
    group_a = next(g for g in two_camp_map().groups if "a1" in g.members)
    assert group_a.support == {"p1": 1.0, "p2": 1.0, "p3": 0.0, "p4": 0.0}


def test_it_does_not_count_a_majority_built_inside_one_camp_as_group_informed_consensus():
    # With a fourth member in camp A, p2 has 4 of 7 supporters overall, a majority,
    # but 0 of 3 in camp B.
    rows = {**TWO_CAMPS, "a4": ["support", "support", "oppose", "silent"]}
    result = two_camp_map(rows)
    supporters_of_p2 = sum(values[1] == "support" for values in rows.values())
    assert supporters_of_p2 / len(rows) > 0.5
    assert "p2" not in result.consensus_provisions


def test_it_accepts_half_of_a_group_at_the_default_threshold_but_not_above_it():
    # Six provisions (q0..q5) split camps A and B sharply; each delegation also asks to amend
    # one of them, so no two delegations are alike. On p2 all of A and exactly half of B
    # support (the other half are silent). p2 reaches the default bar of one half in both
    # groups, but not a bar of 0.6.
    provisions = ["p2", "q0", "q1", "q2", "q3", "q4", "q5"]

    def row(on_p2, camp_stance, amends):
        values = [on_p2] + [camp_stance] * 6
        values[1 + amends] = "amend"
        return values

    rows = {f"a{i}": row("support", "support", amends=i) for i in range(4)}
    rows |= {f"b{i}": row("support" if i < 2 else "silent", "oppose", amends=i) for i in range(4)}
    stances = stances_of(rows, provisions)
    result = opinion_map(list(rows), provisions, stances)
    assert memberships(result) == {
        frozenset({"a0", "a1", "a2", "a3"}),
        frozenset({"b0", "b1", "b2", "b3"}),
    }
    assert "p2" in result.consensus_provisions
    stricter = opinion_map(list(rows), provisions, stances, support_threshold=0.6)
    assert "p2" not in stricter.consensus_provisions


def test_it_gives_each_distinct_stance_pattern_its_own_group_when_there_are_few():
    # Silhouette rewards groups of identical rows: three distinct stance patterns, however
    # close two of them are, make three groups (each with silhouette 1).
    rows = {
        "a0": ["support", "support", "oppose", "silent"],
        "a1": ["support", "support", "oppose", "silent"],
        "b0": ["support", "oppose", "support", "silent"],
        "b1": ["support", "oppose", "support", "silent"],
        "c0": ["support", "oppose", "support", "amend"],
        "c1": ["support", "oppose", "support", "amend"],
    }
    result = two_camp_map(rows)
    assert len(result.groups) == 3
    assert result.silhouette == pytest.approx(1.0)


def test_it_separates_the_camps_along_the_first_axis():
    result = two_camp_map()
    x = {point.delegation: point.x for point in result.points}
    assert all(x[a] * x[b] < 0 for a in ("a1", "a2", "a3") for b in ("b1", "b2", "b3"))
    first, second = result.explained_variance
    assert first > second >= 0 and first + second <= 1 + 1e-12


def test_it_fixes_the_sign_of_the_first_axis():
    # p2 and p3 tie for the largest loading; the first of them (p2) is made positive,
    # so camp A, which supports p2, lands on the positive side.
    points = {point.delegation: point for point in two_camp_map().points}
    assert points["a1"].x > 0 > points["b1"].x


def test_it_draws_the_same_map_whatever_the_order_of_delegations():
    forward = two_camp_map()
    backward = two_camp_map(dict(reversed(list(TWO_CAMPS.items()))))
    coordinates = {p.delegation: (p.x, p.y) for p in forward.points}
    for point in backward.points:
        assert (point.x, point.y) == pytest.approx(coordinates[point.delegation], abs=1e-9)
    assert memberships(forward) == memberships(backward)


def test_it_gives_the_same_groups_for_the_same_seed():
    rng = np.random.default_rng(7)
    words = ["support", "oppose", "amend", "reservation", "silent"]
    rows = {f"d{i}": [words[w] for w in rng.integers(0, 5, size=4)] for i in range(30)}
    first = two_camp_map(rows, seed=3)
    again = two_camp_map(rows, seed=3)
    assert first == again


def test_it_puts_everyone_in_one_group_when_there_is_nothing_to_tell_apart():
    same = {d: ["support", "silent", "oppose", "silent"] for d in ("x", "y", "z")}
    result = two_camp_map(same)
    assert memberships(result) == {frozenset({"x", "y", "z"})}
    assert result.silhouette is None
    assert all((p.x, p.y) == (0.0, 0.0) for p in result.points)
    assert result.consensus_provisions == ["p1"]


def test_it_puts_two_delegations_in_one_group():
    # k runs from 2 to n - 1, so two delegations leave no choice to make.
    result = two_camp_map({"a1": TWO_CAMPS["a1"], "b1": TWO_CAMPS["b1"]})
    assert len(result.groups) == 1
    assert result.silhouette is None


# -- clustering by hand --------------------------------------------------------------------

LINE = np.array([[0.0], [1.0], [10.0], [11.0]])


def test_it_computes_the_silhouette_by_hand():
    # Groups {0, 1} and {10, 11}. For 0: a = 1, b = (10 + 11)/2 = 10.5, s = 9.5/10.5.
    # For 1: a = 1, b = (9 + 10)/2 = 9.5, s = 8.5/9.5. 10 and 11 mirror 1 and 0.
    labels = np.array([0, 0, 1, 1])
    expected = (9.5 / 10.5 + 8.5 / 9.5) / 2
    assert silhouette(cdist(LINE, LINE), labels) == pytest.approx(expected)


def test_it_scores_a_delegation_alone_in_its_group_as_zero():
    # Groups {0}, {1, 10, 11}: the lone 0 scores 0 by convention.
    labels = np.array([0, 1, 1, 1])
    distances = cdist(LINE, LINE)
    # For 1: a = (9 + 10)/2 = 9.5, b = 1, s = (1 - 9.5)/9.5.
    # For 10: a = (9 + 1)/2 = 5, b = 10, s = 5/10. For 11: a = (10 + 1)/2 = 5.5, b = 11, s = 0.5.
    expected = (0 + (1 - 9.5) / 9.5 + 0.5 + 0.5) / 4
    assert silhouette(distances, labels) == pytest.approx(expected)


def test_it_chooses_the_number_of_groups_with_the_best_silhouette():
    points = np.array([[0.0], [1.0], [10.0], [11.0], [20.0], [21.0]])
    labels, score = best_kmeans(points, max_groups=6, seed=0)
    assert labels.tolist() == [0, 0, 1, 1, 2, 2]
    assert score is not None and score > 0.8


# -- validation ----------------------------------------------------------------------------


def test_it_rejects_a_stance_from_a_delegation_not_on_the_map():
    stances = [DelegationStance("Atlantis", "p1", "support")]
    with pytest.raises(ValueError, match="'Atlantis' has a stance on 'p1' but is not among"):
        opinion_map(["Brazil"], PROVISIONS, stances)


def test_it_rejects_an_empty_map():
    with pytest.raises(ValueError, match="at least one delegation and one provision"):
        opinion_map([], PROVISIONS, [])


def test_it_rejects_a_delegation_listed_twice():
    with pytest.raises(ValueError, match="delegation is listed twice"):
        opinion_map(["Brazil", "Brazil"], PROVISIONS, [])


@pytest.mark.parametrize("threshold", [0.0, 1.5])
def test_it_rejects_a_support_threshold_outside_zero_to_one(threshold):
    with pytest.raises(ValueError, match="share of a group's members"):
        two_camp_map(support_threshold=threshold)
