"""The chair's packages, and adoption of the text as a whole: nothing is agreed until
everything is agreed, so adoption is refused while any bracket or competing proposal remains."""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.audit.services import audited_change, record, snapshot
from plenary.errors import Conflict, InvalidInput
from plenary.positions.models import Decision, DecisionMethod
from plenary.positions.services import record_decision, tally_votes
from plenary.process.models import Delegation, Negotiation
from plenary.process.permissions import require_chair
from plenary.text.models import (
    Package,
    PackageStatus,
    ParagraphStatus,
    Proposal,
    ProposalKind,
    ProposalStatus,
    Version,
)
from plenary.text.search import index_version
from plenary.text.signals import announce_published
from plenary.text.structure import open_brackets, walk_paragraphs


def ensure_not_adopted(negotiation: Negotiation) -> None:
    """After adoption the text is final."""
    if negotiation.versions.filter(adopted_by__isnull=False).exists():
        raise Conflict(_("The text has been adopted; it no longer changes."))


def propose_package(
    negotiation: Negotiation, *, by: Any, title: str, eids: list[str], description: str = ""
) -> Package:
    """Group paragraphs into one package, to be accepted or rejected as a whole."""
    from plenary.text.services.working import working_version

    require_chair(by, _("propose packages"))
    ensure_not_adopted(negotiation)
    title = (title or "").strip()
    if not title or len(title) > 200:
        raise InvalidInput(_("A package needs a title of 1 to 200 characters."))
    if not isinstance(eids, list) or len(eids) < 2 or len(set(eids)) != len(eids):
        raise InvalidInput(_("A package ties together at least two different paragraphs."))
    known = {p["eid"] for p in walk_paragraphs(working_version(negotiation).content)}
    unknown = [eid for eid in eids if eid not in known]
    if unknown:
        raise InvalidInput(_("Not in the working text: %(eids)s.") % {"eids": ", ".join(unknown)})
    for other in negotiation.packages.filter(status=PackageStatus.PROPOSED):
        shared = sorted(set(other.eids) & set(eids))
        if shared:
            raise Conflict(
                _("%(eids)s already belong to the package %(package)s.")
                % {"eids": ", ".join(shared), "package": other.title}
            )
    with transaction.atomic():
        package = Package.objects.create(
            negotiation=negotiation, title=title, description=description, eids=eids, created_by=by
        )
        record("package.proposed", package, by=by, negotiation=negotiation, after=snapshot(package))
    return package


def decide_package(
    package: Package,
    *,
    by: Any,
    accept: bool,
    expected_version: int | None = None,
    note: str = "",
) -> Package:
    """Accept a package (all its paragraphs become agreed ad referendum) or reject it."""
    from plenary.text.services.working import change_status, status_of

    require_chair(by, _("decide on packages"))
    ensure_not_adopted(package.negotiation)
    action = "package.accepted" if accept else "package.rejected"
    with audited_change(
        action,
        package,
        by=by,
        negotiation=package.negotiation,
        expected_version=expected_version,
        note=note,
    ):
        if package.status != PackageStatus.PROPOSED:
            raise Conflict(
                _("This package was already %(status)s.") % {"status": package.get_status_display()}
            )
        package.status = PackageStatus.ACCEPTED if accept else PackageStatus.REJECTED
        if accept:
            for eid in package.eids:
                if status_of(package.negotiation, eid) != ParagraphStatus.AGREED_AD_REFERENDUM:
                    change_status(
                        package.negotiation,
                        eid,
                        ParagraphStatus.AGREED_AD_REFERENDUM,
                        by=by,
                        note=_("In the package %(package)s.") % {"package": package.title},
                    )
    return package


def put_package_to_vote(
    package: Package,
    *,
    by: Any,
    symbol: str,
    date: datetime.date,
    votes: dict[Delegation, str],
    expected_version: int | None = None,
) -> Decision:
    """Put a package to a recorded vote: the roll call is kept, and the package is accepted if
    the vote carries under the negotiation's rule and rejected if it does not."""
    require_chair(by, _("put packages to a vote"))
    # decide_package refuses a package already decided, inside this transaction, so the vote
    # is not recorded either.
    with transaction.atomic():
        decision = record_decision(
            package.negotiation,
            by=by,
            symbol=symbol,
            body=package.negotiation.body,
            title=_("Package: %(title)s") % {"title": package.title},
            date=date,
            method=DecisionMethod.RECORDED_VOTE,
            votes=votes,
        )
        decide_package(
            package,
            by=by,
            accept=tally_votes(package.negotiation, votes).carried,
            expected_version=expected_version,
            note=_("Recorded vote %(symbol)s.") % {"symbol": decision.symbol},
        )
    return decision


def adopt_text(
    negotiation: Negotiation,
    *,
    by: Any,
    symbol: str,
    date: datetime.date,
    method: str,
    votes: dict[Delegation, str] | None = None,
    body: str = "",
) -> Version:
    """Adopt the whole text in one decision; refused while anything is still bracketed."""
    from plenary.text.services.working import working_version

    require_chair(by, _("record the adoption of the text"))
    ensure_not_adopted(negotiation)
    if method not in {DecisionMethod.CONSENSUS, DecisionMethod.RECORDED_VOTE}:
        raise InvalidInput(_("The text is adopted by consensus or by a recorded vote."))
    version = working_version(negotiation)
    brackets = open_brackets(version.content)
    competing = Proposal.objects.filter(
        negotiation=negotiation,
        status=ProposalStatus.OPEN,
        kind__in=[k for k in ProposalKind.values if k != ProposalKind.COMMENT],
    ).count()
    if brackets or competing:
        raise Conflict(
            _(
                "The text cannot be adopted while anything is open: %(brackets)s brackets in "
                "%(version)s and %(proposals)s open proposals."
            )
            % {"brackets": brackets, "version": version.label, "proposals": competing}
        )
    decision_fields = {
        "by": by,
        "symbol": symbol,
        "body": body or negotiation.body,
        "title": _("Adoption of the text: %(title)s") % {"title": negotiation.title},
        "date": date,
        "method": method,
        "votes": votes,
    }
    if method == DecisionMethod.RECORDED_VOTE and votes:
        result = tally_votes(negotiation, votes)
        if not result.carried:
            # The vote happened and stays on record; the text is not adopted.
            record_decision(negotiation, **decision_fields)
            raise Conflict(
                _(
                    "The vote did not carry: %(yes)s in favour, %(no)s against, %(abstain)s "
                    "abstaining; %(required)s votes in favour were needed of %(voting)s present "
                    "and voting (%(rule)s). The vote is recorded as %(symbol)s; the text is not "
                    "adopted."
                )
                % {
                    "yes": result.yes,
                    "no": result.no,
                    "abstain": result.abstain,
                    "required": result.required,
                    "voting": result.present_and_voting,
                    "rule": negotiation.get_voting_majority_display(),
                    "symbol": symbol,
                }
            )
    with transaction.atomic():
        decision = record_decision(negotiation, **decision_fields)
        position = (negotiation.versions.aggregate(last=Max("position"))["last"] or 0) + 1
        final = Version.objects.create(
            negotiation=negotiation,
            label=_("Final text"),
            date=date,
            position=position,
            published=True,
            published_at=timezone.now(),
            content=version.content,
            created_by=by,
            adopted_by=decision,
            illustrative=version.illustrative,
        )
        index_version(final)
        record(
            "text.adopted",
            final,
            by=by,
            negotiation=negotiation,
            after={"decision": decision.symbol, "method": method, "based_on": version.label},
        )
        announce_published(final)
    return final
