"""Recording decisions and recorded votes."""

import datetime
from collections import Counter
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from plenary.audit.services import record, snapshot
from plenary.errors import Conflict, InvalidInput
from plenary.positions.models import Decision, DecisionMethod, VoteCast, VoteChoice
from plenary.process.models import Delegation, Negotiation
from plenary.process.permissions import require_runs_process
from plenary.sources import clean_sources


def vote_counts(decision: Decision) -> dict[str, int]:
    """Count a recorded vote: yes, no, abstain (and absent, which is not a vote)."""
    counted = Counter(decision.votes.values_list("vote", flat=True))
    return {choice: counted.get(choice, 0) for choice in VoteChoice.values}


def record_decision(
    negotiation: Negotiation,
    *,
    by: Any,
    symbol: str,
    body: str,
    title: str,
    date: datetime.date,
    method: str,
    summary: str = "",
    votes: dict[Delegation, str] | None = None,
    sources: Any = None,
) -> Decision:
    """Record a resolution or decision, with its roll call when it was put to a recorded vote."""
    require_runs_process(by, _("record decisions"))
    if method not in DecisionMethod.values:
        raise InvalidInput(
            _("Method must be one of: %(allowed)s.") % {"allowed": ", ".join(DecisionMethod.values)}
        )
    symbol = symbol.strip()
    if not symbol or len(symbol) > 60:
        raise InvalidInput(
            _("A decision needs its symbol (e.g. A/RES/74/247), at most 60 characters.")
        )
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
    if Decision.objects.filter(symbol=symbol).exists():
        raise Conflict(_("%(symbol)s is already recorded.") % {"symbol": symbol})
    with transaction.atomic():
        decision = Decision.objects.create(
            negotiation=negotiation,
            symbol=symbol,
            body=body,
            title=title,
            date=date,
            method=method,
            summary=summary,
            sources=clean_sources(sources),
        )
        VoteCast.objects.bulk_create(
            VoteCast(decision=decision, delegation=d, vote=v) for d, v in (votes or {}).items()
        )
        record(
            "decision.recorded",
            decision,
            by=by,
            negotiation=negotiation,
            after=snapshot(decision) | {"counts": vote_counts(decision)},
        )
    return decision
