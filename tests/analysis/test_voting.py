"""Majorities of the members present and voting, worked by hand."""

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plenary.analysis.voting import (
    SIMPLE_MAJORITY_PRESENT_AND_VOTING,
    TWO_THIRDS_PRESENT_AND_VOTING,
    MajorityRule,
    tally,
)

TWO_THIRDS = TWO_THIRDS_PRESENT_AND_VOTING
SIMPLE = SIMPLE_MAJORITY_PRESENT_AND_VOTING


def test_it_carries_the_mandate_by_a_simple_majority_of_those_voting():
    # A/RES/74/247: 79 in favour, 60 against, 33 abstentions. 139 present and voting.
    result = tally(79, 60, 33, SIMPLE)
    assert result.present_and_voting == 139
    assert result.required == 70
    assert result.carried


def test_the_same_vote_falls_short_of_two_thirds():
    # Two thirds of 139 is 92.67: 93 votes in favour are needed.
    result = tally(79, 60, 33, TWO_THIRDS)
    assert result.required == 93
    assert not result.carried


def test_exactly_two_thirds_carries_and_just_below_does_not():
    assert tally(2, 1, 0, TWO_THIRDS).carried
    assert tally(200, 100, 50, TWO_THIRDS).carried
    assert not tally(199, 101, 0, TWO_THIRDS).carried


def test_a_tie_is_no_simple_majority():
    result = tally(50, 50, 10, SIMPLE)
    assert result.required == 51
    assert not result.carried


def test_abstentions_neither_help_nor_hinder():
    assert tally(10, 5, 0, TWO_THIRDS).carried
    assert tally(10, 5, 100, TWO_THIRDS).carried


def test_a_rule_can_count_abstentions_as_voting():
    rule = MajorityRule(Fraction(2, 3), more_than=False, abstentions_count_as_voting=True)
    result = tally(10, 5, 100, rule)
    assert result.present_and_voting == 115
    assert not result.carried


def test_nobody_voting_carries_nothing():
    assert not tally(0, 0, 12, SIMPLE).carried
    assert not tally(0, 0, 0, TWO_THIRDS).carried


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match="negative"):
        tally(-1, 0, 0, SIMPLE)


@given(st.integers(0, 200), st.integers(0, 200), st.integers(0, 200))
def test_required_is_the_least_whole_number_that_meets_the_share(yes, no, abstain):
    for rule in (SIMPLE, TWO_THIRDS):
        result = tally(yes, no, abstain, rule)
        share = rule.share * result.present_and_voting

        def meets(votes: int, share: Fraction = share, rule: MajorityRule = rule) -> bool:
            return votes > share if rule.more_than else votes >= share

        assert meets(result.required) or result.present_and_voting == 0
        assert result.required == 1 or not meets(result.required - 1)
        assert result.carried == (result.present_and_voting > 0 and meets(yes))
