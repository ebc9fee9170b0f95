"""Decisions and recorded votes: the roll call, and whether it carried under the majority rule."""

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from plenary.analysis.voting import (
    SIMPLE_MAJORITY_PRESENT_AND_VOTING,
    TWO_THIRDS_PRESENT_AND_VOTING,
    MajorityRule,
    VoteResult,
    tally,
)
from plenary.audit.services import record, snapshot
from plenary.decisions.models import Decision, DecisionMethod, VoteCast, VoteChoice
from plenary.errors import Conflict, InvalidInput
from plenary.process.actors import Actor
from plenary.process.models import Delegation, Negotiation
from plenary.process.models.negotiation import VotingMajority
from plenary.process.models.participants import DelegationKind
from plenary.process.permissions import require_runs_process
from plenary.sources import clean_sources


def vote_counts(decision: Decision) -> dict[str, int]:
    """Count a recorded vote: yes, no, abstain (and absent, which is not a vote)."""
    counted = Counter(decision.votes.values_list("vote", flat=True))
    return {choice: counted.get(choice, 0) for choice in VoteChoice.values}


MAJORITY_RULES: dict[str, MajorityRule] = {
    VotingMajority.TWO_THIRDS_PRESENT_VOTING: TWO_THIRDS_PRESENT_AND_VOTING,
    VotingMajority.SIMPLE_MAJORITY_PRESENT_VOTING: SIMPLE_MAJORITY_PRESENT_AND_VOTING,
}


def majority_of(decision: Decision) -> str:
    """The majority a decision's vote needed: its own, else its negotiation's rule."""
    return decision.majority or decision.negotiation.voting_majority


def vote_result(decision: Decision) -> VoteResult | None:
    """Whether a recorded vote carried under its majority rule; None when there was no vote."""
    if decision.method != DecisionMethod.RECORDED_VOTE:
        return None
    counts = vote_counts(decision)
    return tally(
        counts["yes"], counts["no"], counts["abstain"], MAJORITY_RULES[majority_of(decision)]
    )


def tally_votes(
    negotiation: Negotiation, votes: dict[Delegation, str], majority: str = ""
) -> VoteResult:
    """Whether a roll call would carry under the negotiation's rule (or the majority given)."""
    counted = Counter(votes.values())
    rule = MAJORITY_RULES[majority or negotiation.voting_majority]
    return tally(counted["yes"], counted["no"], counted["abstain"], rule)


def record_decision(
    negotiation: Negotiation,
    *,
    by: Actor,
    symbol: str,
    body: str,
    title: str,
    date: datetime.date,
    method: str,
    summary: str = "",
    votes: dict[Delegation, str] | None = None,
    majority: str = "",
    sources: Any = None,
    translations: dict[str, Any] | None = None,
) -> Decision:
    """Record a resolution or decision, with its roll call when it was put to a recorded vote
    (and the translations of its title and summary, where known)."""
    require_runs_process(by, _("record decisions"))
    if majority and majority not in VotingMajority.values:
        raise InvalidInput(
            _("Majority must be one of: %(allowed)s.")
            % {"allowed": ", ".join(VotingMajority.values)}
        )
    if method not in DecisionMethod.values:
        raise InvalidInput(
            _("Method must be one of: %(allowed)s.") % {"allowed": ", ".join(DecisionMethod.values)}
        )
    symbol = symbol.strip()
    if not symbol or len(symbol) > 60:
        raise InvalidInput(
            _("A decision needs its symbol (e.g. A/RES/74/247), at most 60 characters.")
        )
    if not title.strip() or len(title) > 400:
        raise InvalidInput(_("A decision needs its title, at most 400 characters."))
    if len(body) > 200:
        raise InvalidInput(_("The body that took the decision is named in at most 200 characters."))
    if method == DecisionMethod.RECORDED_VOTE and not votes:
        raise InvalidInput(_("A recorded vote needs the vote of each state."))
    if method != DecisionMethod.RECORDED_VOTE and votes:
        raise InvalidInput(_("Only a recorded vote lists votes per state."))
    for delegation, vote in (votes or {}).items():
        if vote not in VoteChoice.values:
            raise InvalidInput(
                _("%(delegation)s: %(vote)s is not yes, no, abstain or absent.")
                % {"delegation": delegation, "vote": repr(vote)}
            )
        if delegation.negotiation_id != negotiation.pk:
            raise InvalidInput(
                _("%(delegation)s is not a delegation of this negotiation.")
                % {"delegation": delegation}
            )
        if delegation.kind != DelegationKind.MEMBER_STATE:
            raise InvalidInput(
                _("%(delegation)s is not a member state; only member states vote.")
                % {"delegation": delegation}
            )
    already = Conflict(_("%(symbol)s is already recorded.") % {"symbol": symbol})
    try:
        with transaction.atomic():
            if Decision.objects.filter(symbol=symbol).exists():
                raise already
            # The symbol is unique in the database: the same one recorded twice at once
            # keeps one.
            decision = Decision.objects.create(
                negotiation=negotiation,
                symbol=symbol,
                body=body,
                title=title,
                date=date,
                method=method,
                majority=majority,
                summary=summary,
                sources=clean_sources(sources),
                translations=translations or {},
            )
            VoteCast.objects.bulk_create(
                VoteCast(decision=decision, delegation=d, vote=v) for d, v in (votes or {}).items()
            )
            record(
                "decision.recorded",
                decision,
                by=by.user,
                negotiation=negotiation,
                after=snapshot(decision) | {"counts": vote_counts(decision)},
            )
    except IntegrityError:
        raise already from None
    return decision


@dataclass(frozen=True)
class DecisionTaken:
    """A decision as recorded, and whether its vote carried. A caller acts on a decision that
    carried and returns one that did not as what it is, a recorded outcome: it never raises
    after the vote is written, so a transaction around it keeps the vote."""

    decision: Decision
    result: VoteResult | None  # None: not put to a vote (consensus, without a vote)

    @property
    def carried(self) -> bool:
        return self.result is None or self.result.carried


def take_decision(negotiation: Negotiation, **fields: Any) -> DecisionTaken:
    """Record a decision (as record_decision) and say whether it carried."""
    decision = record_decision(negotiation, **fields)
    return DecisionTaken(decision, vote_result(decision))
