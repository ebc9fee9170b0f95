"""Package search: hand-worked packages, agreement with brute force, and input checks."""

import numpy as np
import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from scipy.optimize import OptimizeResult, milp

from plenary.analysis import package_solver
from plenary.analysis.packages import (
    ACCEPTANCE_TOLERANCE,
    DelegationPreferences,
    Issue,
    brute_force_package_search,
    package_search,
)

SCOPE = Issue("scope", ["narrow", "wide"])
SAFEGUARDS = Issue("safeguards", ["strong", "weak"])
ISSUES = [SCOPE, SAFEGUARDS]


def preferences(id, scope, safeguards, saliences=(0.5, 0.5), reservation=5.0):
    return DelegationPreferences(
        id=id,
        utility={"scope": list(scope), "safeguards": list(safeguards)},
        salience={"scope": saliences[0], "safeguards": saliences[1]},
        reservation=reservation,
    )


def three_delegations(reservation_of_c=5.0):
    return [
        preferences("A", scope=(10, 0), safeguards=(10, 0)),
        preferences("B", scope=(0, 10), safeguards=(0, 10)),
        preferences("C", (4, 8), (8, 2), saliences=(0.6, 0.4), reservation=reservation_of_c),
    ]


# Worked on paper. U = Σ salience · utility; reservations A 5, B 5, C 5 (or 9 below).
#                      A                 B                 C
# narrow + strong   5 + 5 = 10  ok     0 + 0 = 0         2.4 + 3.2 = 5.6   -> 2 accept, Σ 15.6
# narrow + weak     5 + 0 = 5   ok(=)  0 + 5 = 5  ok(=)  2.4 + 0.8 = 3.2   -> 2 accept, Σ 13.2
# wide + strong     0 + 5 = 5   ok(=)  5 + 0 = 5  ok(=)  4.8 + 3.2 = 8.0   -> 3 accept, Σ 18.0
# wide + weak       0 + 0 = 0          5 + 5 = 10 ok     4.8 + 0.8 = 5.6   -> 2 accept, Σ 15.6


def test_it_finds_the_package_every_delegation_accepts():
    result = package_search(ISSUES, three_delegations())
    assert result.package == {"scope": "wide", "safeguards": "strong"}
    assert result.consensus
    assert result.accepted_by == ["A", "B", "C"]
    assert result.objecting == []
    assert result.total_utility == pytest.approx(18.0)
    assert result.proven_optimal


def test_it_accepts_a_package_worth_exactly_the_reservation():
    # A and B accept "wide + strong" at exactly their reservation of 5.
    result = package_search(ISSUES, three_delegations())
    assert {"A", "B"} <= set(result.accepted_by)


def test_it_names_who_still_objects_when_consensus_is_impossible():
    # With C's reservation at 9 nobody's package satisfies C (its best is 8.0). Three packages
    # win two acceptances; the tie-break takes the highest total: wide + strong (18.0).
    result = package_search(ISSUES, three_delegations(reservation_of_c=9.0))
    assert result.package == {"scope": "wide", "safeguards": "strong"}
    assert not result.consensus
    assert result.accepted_by == ["A", "B"]
    assert result.objecting == ["C"]
    assert result.total_utility == pytest.approx(18.0)


def test_it_prefers_more_acceptances_over_more_total_utility():
    # x: A and B accept (1 ≥ 1), C does not (0 < 50): 2 accept, total 2.
    # y: only C accepts (100 ≥ 50): 1 accepts, total 100. One more acceptance outweighs 98.
    issue = Issue("future protocol", ["x", "y"])

    def one(id, utility, reservation):
        return DelegationPreferences(id, {issue.id: utility}, {issue.id: 1.0}, reservation)

    delegations = [one("A", [1, 0], 1), one("B", [1, 0], 1), one("C", [0, 100], 50)]
    result = package_search([issue], delegations)
    assert result.package == {"future protocol": "x"}
    assert result.objecting == ["C"]
    assert result.total_utility == pytest.approx(2.0)


def test_it_counts_a_utility_within_the_tolerance_below_the_reservation_as_accepted():
    issue = Issue("grounds for refusal", ["broad"])

    def one(id, reservation):
        return DelegationPreferences(id, {issue.id: [5.0]}, {issue.id: 1.0}, reservation)

    just_within = one("within", 5.0 + ACCEPTANCE_TOLERANCE / 2)
    clearly_above = one("above", 5.0 + 1e-6)
    result = package_search([issue], [just_within, clearly_above])
    assert result.accepted_by == ["within"]
    assert result.objecting == ["above"]


def test_it_agrees_with_brute_force_on_the_hand_worked_instances():
    for reservation in (5.0, 9.0):
        delegations = three_delegations(reservation)
        fast = package_search(ISSUES, delegations)
        slow = brute_force_package_search(ISSUES, delegations)
        assert len(fast.accepted_by) == len(slow.accepted_by)
        assert fast.total_utility == pytest.approx(slow.total_utility, abs=1e-6)


def test_it_returns_the_same_package_every_time():
    # Many ties: every delegation is indifferent, so every package is accepted with total 0.
    issues = [Issue(f"issue {i}", ["a", "b", "c"]) for i in range(4)]
    delegations = [
        DelegationPreferences(
            f"d{d}",
            {issue.id: [0.0, 0.0, 0.0] for issue in issues},
            {issue.id: 1.0 for issue in issues},
            0.0,
        )
        for d in range(5)
    ]
    first = package_search(issues, delegations)
    assert all(package_search(issues, delegations) == first for _ in range(3))


def contested_instance(n_delegations=193, n_issues=30):
    """Five blocs with clashing tastes and demanding reservations: consensus is out of reach."""
    rng = np.random.default_rng(2)
    issues = [Issue(f"i{i}", ["a", "b", "c"]) for i in range(n_issues)]
    blocs = rng.random((5, n_issues, 3))
    delegations = []
    for d in range(n_delegations):
        utility = np.clip(blocs[d % 5] + 0.15 * rng.standard_normal((n_issues, 3)), 0, 1)
        salience = rng.random(n_issues)
        weighted = salience[:, None] * utility
        worst, best = weighted.min(axis=1).sum(), weighted.max(axis=1).sum()
        delegations.append(
            DelegationPreferences(
                f"d{d}",
                {issue.id: utility[i].tolist() for i, issue in enumerate(issues)},
                {issue.id: float(salience[i]) for i, issue in enumerate(issues)},
                float(worst + 0.7 * (best - worst)),
            )
        )
    return issues, delegations


def test_it_returns_the_best_package_found_when_time_runs_out():
    issues, delegations = contested_instance()
    result = package_search(issues, delegations, time_limit=0.01)
    assert not result.proven_optimal
    assert set(result.package) == {issue.id for issue in issues}
    assert sorted(result.accepted_by + result.objecting) == sorted(d.id for d in delegations)


def test_it_counts_each_of_identical_delegations_and_never_needs_a_dominated_option():
    # Worked on paper. A1-A3 share one set of preferences; "partial" is worth no more than
    # "narrow" to anyone (A 8 vs 10, B 0 vs 0, C 4 vs 4). Saliences 0.5/0.5 except C 0.6/0.4.
    #                   A1-A3 (res 5)   B (res 5)   C (res 9)
    # narrow + strong   10 ok           0           5.6      -> 3 accept
    # narrow + weak      5 ok           5 ok        3.2      -> 4 accept, total 23.2
    # wide + strong      5 ok           5 ok        8.0      -> 4 accept, total 28.0
    # (partial + strong 3 accept; partial + weak and wide + weak 1 each)
    scope = Issue("scope", ["narrow", "partial", "wide"])
    a = {"scope": [10.0, 8.0, 0.0], "safeguards": [10.0, 0.0]}
    b = {"scope": [0.0, 0.0, 10.0], "safeguards": [0.0, 10.0]}
    c = {"scope": [4.0, 4.0, 8.0], "safeguards": [8.0, 2.0]}
    even = {"scope": 0.5, "safeguards": 0.5}
    delegations = [
        *(DelegationPreferences(f"A{n}", a, even, 5.0) for n in (1, 2, 3)),
        DelegationPreferences("B", b, even, 5.0),
        DelegationPreferences("C", c, {"scope": 0.6, "safeguards": 0.4}, 9.0),
    ]
    result = package_search([scope, SAFEGUARDS], delegations)
    assert result.package == {"scope": "wide", "safeguards": "strong"}
    assert result.accepted_by == ["A1", "A2", "A3", "B"]
    assert result.objecting == ["C"]
    assert result.total_utility == pytest.approx(28.0)
    assert result.proven_optimal


def local_search_only(issues, delegations):
    """The package the local search alone finds: HiGHS is made to stop before finding any."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(package_solver, "milp", lambda *a, **k: OptimizeResult(status=1, x=None))
        return package_search(issues, delegations)


def test_it_finds_the_brute_force_optimum_by_local_search_alone_on_contested_instances():
    for n_issues in (4, 6, 8):
        issues, delegations = contested_instance(n_issues=n_issues)
        found = local_search_only(issues, delegations)
        best = brute_force_package_search(issues, delegations)
        assert not found.proven_optimal  # HiGHS proved nothing
        assert len(found.accepted_by) == len(best.accepted_by)
        assert found.total_utility == pytest.approx(best.total_utility, abs=1e-9)


def test_it_never_returns_fewer_acceptances_than_the_local_search_when_time_runs_out():
    # HiGHS is stopped by its time limit with whatever package it has found by then.
    def stopped(*args, **kwargs):
        result = milp(*args, **kwargs)
        return OptimizeResult(status=1, x=result.x, fun=result.fun)

    issues, delegations = contested_instance(n_issues=8)
    floor = local_search_only(issues, delegations)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(package_solver, "milp", stopped)
        result = package_search(issues, delegations)
    assert not result.proven_optimal
    assert len(result.accepted_by) >= len(floor.accepted_by)
    if len(result.accepted_by) == len(floor.accepted_by):
        assert result.total_utility >= floor.total_utility - 1e-9


def test_it_keeps_the_local_search_package_if_the_solver_calls_a_worse_one_optimal():
    # As HiGHS did once with presolve on: its "optimum" is judged again and loses.
    issues, delegations = contested_instance(n_issues=6)
    floor = local_search_only(issues, delegations)

    def wrong(c, *, constraints, bounds, integrality, options):
        one_each = constraints[0].A.tocsr()  # the first rows pick one option per issue
        x = np.zeros(len(c))
        x[[one_each.indices[one_each.indptr[row]] for row in range(one_each.shape[0])]] = 1.0
        return OptimizeResult(status=0, x=x, fun=0.0)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(package_solver, "milp", wrong)
        result = package_search(issues, delegations)
    assert not result.proven_optimal
    assert (len(result.accepted_by), result.total_utility) == (
        len(floor.accepted_by),
        pytest.approx(floor.total_utility),
    )


def test_it_answers_as_well_as_brute_force_on_contested_preferences_within_a_second():
    issues, delegations = contested_instance(n_issues=8)
    result = package_search(issues, delegations, time_limit=1.0)
    best = brute_force_package_search(issues, delegations)
    assert not best.consensus
    assert len(result.accepted_by) == len(best.accepted_by)
    assert result.total_utility == pytest.approx(best.total_utility, abs=1e-9)


# -- agreement with brute force on random instances -----------------------------------------


@st.composite
def instances(draw):
    """Random instances up to 6 issues x 3 options x 12 delegations.

    Utilities and saliences sit on a coarse grid (integers, quarters), so exact ties between a
    utility and a reservation occur often, yet no two values differ by less than the solver's
    feasibility tolerance. Some delegations copy an earlier one's preferences and some options
    are worth no more than another to anyone, as the solver merges and drops those. Half the
    instances get two delegations that want opposite options on the first issue at any price,
    which makes consensus impossible.
    """
    n_issues = draw(st.integers(1, 6))
    issues = [
        Issue(f"i{i}", [f"o{o}" for o in range(draw(st.integers(1, 3)))]) for i in range(n_issues)
    ]
    grid_salience = st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0])
    delegations = []
    for d in range(draw(st.integers(1, 12))):
        if delegations and draw(st.integers(0, 4)) == 0:
            twin = draw(st.sampled_from(delegations))
            delegations.append(
                DelegationPreferences(f"d{d}", twin.utility, twin.salience, twin.reservation)
            )
            continue
        utility = {
            issue.id: [float(draw(st.integers(0, 10))) for _ in issue.options] for issue in issues
        }
        salience = {issue.id: draw(grid_salience) for issue in issues}
        best = sum(salience[i.id] * max(utility[i.id]) for i in issues)
        reservation = draw(st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0])) * best
        delegations.append(DelegationPreferences(f"d{d}", utility, salience, reservation))
    worse = issues[-1]
    if len(worse.options) > 1 and draw(st.booleans()):
        # The last option of the last issue is worth at most the first to every delegation.
        for delegation in delegations:
            values = delegation.utility[worse.id]
            values[-1] = min(values[-1], values[0])
    conflict = draw(st.booleans()) and len(issues[0].options) > 1
    if conflict:
        first = issues[0]
        for name, favourite in (("east", 0), ("west", 1)):
            utility = {issue.id: [0.0] * len(issue.options) for issue in issues}
            utility[first.id][favourite] = 10.0
            salience = {issue.id: 1.0 for issue in issues}
            delegations.append(DelegationPreferences(name, utility, salience, 10.0))
    return issues, delegations, conflict


@settings(max_examples=200, deadline=None)
@given(instances())
def test_it_matches_brute_force_on_random_small_instances(instance):
    issues, delegations, conflict = instance
    fast = package_search(issues, delegations)
    slow = brute_force_package_search(issues, delegations)
    event("consensus" if slow.consensus else "no consensus")
    assert fast.proven_optimal
    assert len(fast.accepted_by) == len(slow.accepted_by)
    assert fast.total_utility == pytest.approx(slow.total_utility, abs=1e-6)
    assert fast.consensus == slow.consensus
    if conflict:
        assert not fast.consensus
    # The reported acceptances follow from the package itself, by the definition.
    for delegation in delegations:
        value = sum(
            delegation.salience[issue.id]
            * delegation.utility[issue.id][issue.options.index(fast.package[issue.id])]
            for issue in issues
        )
        accepts = value >= delegation.reservation - ACCEPTANCE_TOLERANCE
        assert (delegation.id in fast.accepted_by) == accepts
        assert (delegation.id in fast.objecting) == (not accepts)


# -- validation ----------------------------------------------------------------------------


def test_it_rejects_a_delegation_without_a_utility_for_every_option():
    delegations = [preferences("A", scope=(10,), safeguards=(10, 0))]
    with pytest.raises(ValueError, match=r"gives 1 utilities for issue 'scope'.*one per option"):
        package_search(ISSUES, delegations)


def test_it_rejects_a_delegation_that_skips_an_issue():
    delegation = DelegationPreferences("A", {"scope": [1, 2]}, {"scope": 1, "safeguards": 1}, 0)
    with pytest.raises(ValueError, match="Delegation 'A' gives no utility for issue"):
        package_search(ISSUES, [delegation])


def test_it_rejects_a_delegation_without_a_salience_for_every_issue():
    delegation = DelegationPreferences(
        "A", {"scope": [1, 2], "safeguards": [1, 2]}, {"scope": 1}, 0
    )
    with pytest.raises(ValueError, match=r"gives no salience for issue.*safeguards"):
        package_search(ISSUES, [delegation])


def test_it_rejects_utilities_for_an_issue_not_on_the_table():
    delegation = DelegationPreferences(
        "A",
        {"scope": [1, 2], "safeguards": [1, 2], "jurisdiction": [1]},
        {"scope": 1, "safeguards": 1},
        0,
    )
    with pytest.raises(ValueError, match=r"utility for unknown issue.*jurisdiction"):
        package_search(ISSUES, [delegation])


@pytest.mark.parametrize(
    ("issues", "delegations", "message"),
    [
        ([], [preferences("A", (1, 2), (1, 2))], "at least one issue"),
        (ISSUES, [], "at least one delegation"),
        ([Issue("scope", [])], [], "has no options"),
        ([SCOPE, SCOPE], [], "Issue 'scope' is listed twice"),
        ([Issue("scope", ["a", "a"])], [], "Issue 'scope' lists option 'a' twice"),
        ([Issue("scope", [str(o) for o in range(11)])], [], "at most 10 per issue"),
        ([Issue(f"i{i}", ["a"]) for i in range(61)], [], "more than the 60"),
        (ISSUES, [preferences("A", (1, 2), (1, 2))] * 2, "Delegation 'A' is listed twice"),
        (
            ISSUES,
            [preferences(f"d{d}", (1, 2), (1, 2)) for d in range(251)],
            "more than the 250",
        ),
        (ISSUES, [preferences("A", (1, 2), (1, 2), saliences=(-1, 1))], "zero or more"),
        (ISSUES, [preferences("A", (1, float("nan")), (1, 2))], "not a number"),
        (ISSUES, [preferences("A", (1, 2), (1, 2), reservation=float("inf"))], "give a number"),
    ],
)
def test_it_rejects_malformed_package_searches_with_a_sentence(issues, delegations, message):
    with pytest.raises(ValueError, match=message):
        package_search(issues, delegations)


def test_it_rejects_a_time_limit_that_is_not_positive():
    with pytest.raises(ValueError, match="positive number of seconds"):
        package_search(ISSUES, three_delegations(), time_limit=0)


def test_it_refuses_to_brute_force_a_search_that_would_take_too_long():
    issues = [Issue(f"i{i}", [str(o) for o in range(10)]) for i in range(7)]  # 10 million
    delegation = DelegationPreferences(
        "A",
        {issue.id: [0.0] * 10 for issue in issues},
        {issue.id: 1.0 for issue in issues},
        0.0,
    )
    with pytest.raises(ValueError, match="would take too long"):
        brute_force_package_search(issues, [delegation])


def test_it_finds_the_best_package_when_a_reservation_is_met_exactly():
    # Found by the property test: with HiGHS's presolve on, the solver called o1 (total 10.5)
    # optimal although o0 is accepted by as many (five) and is worth more (11.25).
    zero = [0.0, 0.0, 0.0]
    issues = [Issue("i0", ["o0", "o1", "o2"]), Issue("i1", ["o0", "o1", "o2"])]

    def indifferent(name: str) -> DelegationPreferences:
        return DelegationPreferences(name, {"i0": zero, "i1": zero}, {"i0": 0.0, "i1": 0.0}, 0.0)

    delegations = [
        DelegationPreferences("d0", {"i0": [0, 0, 1.0], "i1": zero}, {"i0": 0.25, "i1": 0}, 0.0625),
        indifferent("d1"),
        indifferent("d2"),
        DelegationPreferences(
            "d3", {"i0": [5.0, 1.0, 2.0], "i1": zero}, {"i0": 0.25, "i1": 0}, 0.9375
        ),
        indifferent("d4"),
        DelegationPreferences("d5", {"i0": [0, 1.0, 0], "i1": zero}, {"i0": 0.25, "i1": 0}, 0.0625),
        DelegationPreferences("east", {"i0": [10.0, 0, 0], "i1": zero}, {"i0": 1, "i1": 1}, 10.0),
        DelegationPreferences("west", {"i0": [0, 10.0, 0], "i1": zero}, {"i0": 1, "i1": 1}, 10.0),
    ]
    result = package_search(issues, delegations)
    assert result.package["i0"] == "o0"
    assert result.total_utility == pytest.approx(11.25)
    assert len(result.accepted_by) == 5 and result.proven_optimal
