"""Recording decisions and recorded votes, stances and objections; where consensus stands."""

import datetime
from collections import Counter
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from plenary.analysis import ConsensusMap, DelegationStance, consensus_map
from plenary.analysis import Objection as AnalysisObjection
from plenary.analysis.voting import (
    SIMPLE_MAJORITY_PRESENT_AND_VOTING,
    TWO_THIRDS_PRESENT_AND_VOTING,
    MajorityRule,
    VoteResult,
    tally,
)
from plenary.audit.services import record, snapshot
from plenary.errors import Conflict, InvalidInput
from plenary.positions.models import (
    Capability,
    Decision,
    DecisionMethod,
    Issue,
    Objection,
    Stance,
    StanceChoice,
    VoteCast,
    VoteChoice,
)
from plenary.process.models import Delegation, Negotiation
from plenary.process.models.negotiation import VotingMajority
from plenary.process.models.participants import DelegationKind, delegation_codes
from plenary.process.permissions import (
    require_delegation_member,
    require_runs_process,
    require_signed_in,
)
from plenary.sources import clean_sources
from plenary.text.models import IndexedParagraph, Package, PackageStatus

PACKAGE_PREFIX = "package_"

# In a map of positions, an open objection stands where the delegation's stance would.
OBJECTS = "objects"


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
    by: Any,
    symbol: str,
    body: str,
    title: str,
    date: datetime.date,
    method: str,
    summary: str = "",
    votes: dict[Delegation, str] | None = None,
    majority: str = "",
    sources: Any = None,
) -> Decision:
    """Record a resolution or decision, with its roll call when it was put to a recorded vote."""
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
            majority=majority,
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


def _clean_options(options: Any) -> list[dict[str, Any]]:
    """Discrete options as [{"label", "value"}], each placed on the 0-100 scale, labels unique."""
    cleaned: list[dict[str, Any]] = []
    for option in options or []:
        label = str(option.get("label", "")).strip() if isinstance(option, dict) else ""
        value = option.get("value") if isinstance(option, dict) else None
        if not label or len(label) > 120:
            raise InvalidInput(_("Each option has a label of at most 120 characters."))
        if not isinstance(value, int | float) or not 0 <= value <= 100:
            raise InvalidInput(
                _("Option %(label)s needs a value on the issue's scale, from 0 to 100.")
                % {"label": repr(label)}
            )
        cleaned.append({"label": label, "value": float(value)})
    labels = [o["label"] for o in cleaned]
    if len(set(labels)) != len(labels):
        raise InvalidInput(_("Two options have the same label."))
    if len(cleaned) == 1 or len(cleaned) > 10:
        raise InvalidInput(_("An issue has no discrete options, or from 2 to 10 of them."))
    return cleaned


def define_issue(
    negotiation: Negotiation,
    *,
    by: Any,
    slug: str,
    title: str,
    description: str = "",
    low: str = "",
    high: str = "",
    eids: list[str] | None = None,
    status_quo: float = 0.0,
    options: Any = None,
    sources: Any = None,
    illustrative: bool = False,
) -> Issue:
    """Define a cross-cutting issue on a 0-100 scale, with the paragraphs it concerns and,
    for package search, its discrete options placed on that scale."""
    require_runs_process(by, _("define issues"))
    slug, title = slug.strip(), title.strip()
    if not slug or len(slug) > 80 or not slug.replace("-", "").isalnum():
        raise InvalidInput(_("An issue's short name is letters, digits and hyphens (at most 80)."))
    if not title or len(title) > 200:
        raise InvalidInput(_("An issue needs a title of at most 200 characters."))
    if not 0 <= status_quo <= 100:
        raise InvalidInput(_("The no-agreement point is on the issue's scale, from 0 to 100."))
    cleaned_sources = clean_sources(sources)
    if not cleaned_sources and not illustrative:
        raise InvalidInput(_("An issue needs its source, or is marked illustrative."))
    if negotiation.issues.filter(slug=slug).exists():
        raise Conflict(_("There is already an issue %(slug)s.") % {"slug": slug})
    with transaction.atomic():
        issue = Issue.objects.create(
            negotiation=negotiation,
            slug=slug,
            title=title,
            description=description,
            low=low,
            high=high,
            eids=[str(e) for e in eids or []],
            status_quo=status_quo,
            options=_clean_options(options),
            sources=cleaned_sources,
            illustrative=illustrative,
        )
        record("issue.defined", issue, by=by, negotiation=negotiation, after=snapshot(issue))
    return issue


def set_capability(
    negotiation: Negotiation,
    *,
    by: Any,
    delegation: Delegation,
    value: float,
    sources: Any = None,
    illustrative: bool = False,
) -> Capability:
    """Set a delegation's capability for the forecasts (1 is everyone's default), from an index
    with its source, or marked illustrative."""
    require_runs_process(by, _("set capabilities"))
    if delegation.negotiation_id != negotiation.pk:
        raise InvalidInput(_("That delegation belongs to another negotiation."))
    if not 0 < value <= 1000:
        raise InvalidInput(_("A capability is a positive number, at most 1,000."))
    cleaned = clean_sources(sources)
    if not cleaned and not illustrative:
        raise InvalidInput(_("A capability needs the index it comes from, or is illustrative."))
    with transaction.atomic():
        before = Capability.objects.filter(negotiation=negotiation, delegation=delegation).first()
        capability, _created = Capability.objects.update_or_create(
            negotiation=negotiation,
            delegation=delegation,
            defaults={"value": value, "sources": cleaned, "illustrative": illustrative},
        )
        record(
            "capability.set",
            capability,
            by=by,
            negotiation=negotiation,
            before=snapshot(before) if before else None,
            after=snapshot(capability),
        )
    return capability


def package_provision(package: Package) -> str:
    """How a package is named among the provisions of the consensus map: package_<id>."""
    return f"{PACKAGE_PREFIX}{package.pk}"


def open_package_provisions(negotiation: Negotiation) -> dict[str, Package]:
    """The packages still on the table, by their provision name."""
    return {
        package_provision(p): p
        for p in negotiation.packages.filter(status=PackageStatus.PROPOSED).order_by("id")
    }


def _require_provision(negotiation: Negotiation, eid: str) -> None:
    """A stance or an objection is on a paragraph of one of the negotiation's versions, or on
    one of its packages."""
    number = eid.removeprefix(PACKAGE_PREFIX)
    if eid.startswith(PACKAGE_PREFIX) and number.isdigit():
        exists = negotiation.packages.filter(pk=int(number)).exists()
    else:
        exists = IndexedParagraph.objects.filter(version__negotiation=negotiation, eid=eid).exists()
    if not exists:
        raise InvalidInput(
            _("There is no paragraph or package %(eid)s in this negotiation.") % {"eid": eid}
        )


def _speaks_for(by: Any, delegation: Delegation) -> None:
    """A delegation records its own stances; the secretariat records anyone's, from the record."""
    require_signed_in(by)
    if not by.runs_process:
        require_delegation_member(by, delegation)


def record_stance(
    negotiation: Negotiation,
    *,
    by: Any,
    delegation: Delegation,
    stance: str,
    sources: Any,
    issue: Issue | None = None,
    eid: str = "",
    position: float | None = None,
    salience: float | None = None,
    illustrative: bool = False,
) -> Stance:
    """Record a delegation's stance on an issue or a paragraph; a stance without a source is
    refused, and a new stance keeps the earlier ones as history."""
    _speaks_for(by, delegation)
    if stance not in StanceChoice.values:
        raise InvalidInput(
            _("Stance must be one of: %(choices)s.") % {"choices": ", ".join(StanceChoice.values)}
        )
    cleaned = clean_sources(sources)
    if not cleaned:
        raise InvalidInput(
            _("A stance needs its source: the statement, submission, vote or address it is from.")
        )
    if (issue is None) == (not eid):
        raise InvalidInput(_("A stance is on one issue or on one paragraph."))
    if issue is not None and issue.negotiation_id != negotiation.pk:
        raise InvalidInput(_("That issue belongs to another negotiation."))
    if delegation.negotiation_id != negotiation.pk:
        raise InvalidInput(_("That delegation belongs to another negotiation."))
    if position is not None and not 0 <= position <= 100:
        raise InvalidInput(_("A position is on the issue's scale, from 0 to 100."))
    if salience is not None and not 0 <= salience <= 1:
        raise InvalidInput(_("Salience is from 0 (indifferent) to 1 (decisive)."))
    if issue is None and (position is not None or salience is not None):
        raise InvalidInput(_("Positions and salience are given on issues, not paragraphs."))
    if issue is None:
        _require_provision(negotiation, eid)
    with transaction.atomic():
        recorded = Stance.objects.create(
            negotiation=negotiation,
            delegation=delegation,
            issue=issue,
            eid=eid,
            stance=stance,
            position=position,
            salience=salience,
            sources=cleaned,
            illustrative=illustrative,
            recorded_by=by,
        )
        record(
            "stance.recorded", recorded, by=by, negotiation=negotiation, after=snapshot(recorded)
        )
    return recorded


def object_to_paragraph(
    negotiation: Negotiation, *, by: Any, delegation: Delegation, eid: str, reason: str
) -> Objection:
    """A delegation objects to a paragraph or a package, for itself only and with its reason."""
    require_delegation_member(by, delegation)
    reason = (reason or "").strip()
    if not reason or len(reason) > 2000:
        raise InvalidInput(_("An objection states its reason, in at most 2,000 characters."))
    _require_provision(negotiation, eid)
    if Objection.objects.filter(
        negotiation=negotiation, delegation=delegation, eid=eid, withdrawn_at__isnull=True
    ).exists():
        raise Conflict(
            _("%(delegation)s already objects to %(eid)s.") % {"delegation": delegation, "eid": eid}
        )
    with transaction.atomic():
        objection = Objection.objects.create(
            negotiation=negotiation, delegation=delegation, eid=eid, reason=reason, objected_by=by
        )
        record("objection.made", objection, by=by, negotiation=negotiation, note=reason)
    return objection


def positions_on(negotiation: Negotiation, eids: list[str]) -> dict[tuple[str, str], str]:
    """(eid, delegation code) → its latest stance, or "objects" where an objection is open."""
    names = delegation_codes(negotiation)
    cells: dict[tuple[str, str], str] = {}
    for delegation_id, eid, stance in (
        Stance.objects.filter(negotiation=negotiation, issue__isnull=True, eid__in=eids)
        .order_by("recorded_at", "id")
        .values_list("delegation_id", "eid", "stance")
    ):
        cells[(eid, names[delegation_id])] = stance
    for delegation_id, eid in Objection.objects.filter(
        negotiation=negotiation, withdrawn_at__isnull=True, eid__in=eids
    ).values_list("delegation_id", "eid"):
        cells[(eid, names[delegation_id])] = OBJECTS
    return cells


def consensus_on(
    negotiation: Negotiation,
    eids: list[str],
    positions: dict[tuple[str, str], str] | None = None,
) -> ConsensusMap:
    """Where each paragraph stands: the latest stance of each delegation and open objections."""
    if positions is None:
        positions = positions_on(negotiation, eids)
    return consensus_map(
        eids,
        [
            DelegationStance(code, eid, stance)
            for (eid, code), stance in positions.items()
            if stance != OBJECTS
        ],
        [
            AnalysisObjection(code, eid)
            for (eid, code), stance in positions.items()
            if stance == OBJECTS
        ],
    )
