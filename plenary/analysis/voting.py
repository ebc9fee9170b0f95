"""Whether a recorded vote carries under a majority rule.

UN bodies count a majority of the members *present and voting*: those casting a yes or a no.
Abstaining and absent members are not voting, so they neither help nor hinder a proposal
(Charter of the United Nations, Article 18; rules of procedure of the General Assembly, which
the ad hoc committee follows). The arithmetic is done in whole numbers so that "two thirds" is
exact: 2 yes to 1 no carries a two-thirds rule, 199 to 101 does not.
"""

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class MajorityRule:
    """A share of the members present and voting that a proposal needs.

    `more_than` says whether the share must be exceeded (a simple majority: more than half) or
    only reached (two thirds: at least two thirds)."""

    share: Fraction
    more_than: bool
    abstentions_count_as_voting: bool = False


TWO_THIRDS_PRESENT_AND_VOTING = MajorityRule(Fraction(2, 3), more_than=False)
SIMPLE_MAJORITY_PRESENT_AND_VOTING = MajorityRule(Fraction(1, 2), more_than=True)


@dataclass(frozen=True)
class VoteResult:
    carried: bool
    yes: int
    no: int
    abstain: int
    present_and_voting: int
    required: int
    """The fewest yes votes that carry the proposal, with this many present and voting."""


def tally(yes: int, no: int, abstain: int, rule: MajorityRule) -> VoteResult:
    """Apply a majority rule to a vote's counts; no one present and voting carries nothing."""
    if min(yes, no, abstain) < 0:
        raise ValueError("Vote counts cannot be negative.")
    voting = yes + no + (abstain if rule.abstentions_count_as_voting else 0)
    threshold = rule.share * voting
    if rule.more_than:
        required = int(threshold) + 1  # the next whole number above the share
    else:
        required = threshold.numerator // threshold.denominator
        if required < threshold:
            required += 1  # the share, rounded up to a whole vote
    required = max(required, 1)
    return VoteResult(
        carried=voting > 0 and yes >= required,
        yes=yes,
        no=no,
        abstain=abstain,
        present_and_voting=voting,
        required=required,
    )
