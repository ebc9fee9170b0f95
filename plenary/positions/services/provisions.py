"""What a stance or an objection is on: a paragraph, a package (`package_<id>`) or, for stances,
a proposal on a paragraph (`proposal_<id>`)."""

from typing import Any

from django.utils.translation import gettext as _

from plenary.errors import InvalidInput
from plenary.process.models import Delegation, Negotiation
from plenary.process.permissions import require_delegation_member, require_signed_in
from plenary.process.visibility import visible_versions
from plenary.text.models import IndexedParagraph, Package, PackageStatus, Proposal, ProposalStatus

PACKAGE_PREFIX = "package_"
PROPOSAL_PREFIX = "proposal_"


def package_provision(package: Package) -> str:
    """How a package is named among the provisions of the consensus map: package_<id>."""
    return f"{PACKAGE_PREFIX}{package.pk}"


def proposal_provision(proposal: Proposal) -> str:
    """How a proposal is named as the subject of a stance: proposal_<id>."""
    return f"{PROPOSAL_PREFIX}{proposal.pk}"


def open_package_provisions(negotiation: Negotiation) -> dict[str, Package]:
    """The packages still on the table, by their provision name."""
    return {
        package_provision(p): p
        for p in negotiation.packages.filter(status=PackageStatus.PROPOSED).order_by("id")
    }


def speaks_for(by: Any, delegation: Delegation) -> None:
    """A delegation acts for itself; the secretariat and the chair record any delegation's
    stances and withdrawals from the record."""
    require_signed_in(by)
    if not by.runs_process:
        require_delegation_member(by, delegation)


def provisions_seen_by(negotiation: Negotiation, viewer: Any, eids: set[str]) -> set[str]:
    """Those of the provisions the viewer may see: packages, and paragraphs of the versions the
    viewer may see (published ones only, outside the table); proposals at the table only."""
    if getattr(viewer, "sees_closed_meetings", False):
        return set(eids)
    in_text = set(
        IndexedParagraph.objects.filter(
            version__in=visible_versions(viewer, negotiation), eid__in=eids
        ).values_list("eid", flat=True)
    )
    return in_text | {eid for eid in eids if eid.startswith(PACKAGE_PREFIX)}


def _numbered(eid: str, prefix: str) -> int | None:
    """The id in a name such as package_12, or None if the name is not of that kind."""
    number = eid.removeprefix(prefix)
    return int(number) if eid.startswith(prefix) and number.isdigit() else None


def proposal_of(negotiation: Negotiation, eid: str) -> Proposal | None:
    """The proposal a provision name such as proposal_12 stands for, if it is one of this
    negotiation's."""
    number = _numbered(eid, PROPOSAL_PREFIX)
    if number is None:
        return None
    return negotiation.proposals.filter(pk=number).first()


def require_provision(
    negotiation: Negotiation, eid: str, *, by: Any = None, proposals: bool = False
) -> None:
    """A stance or an objection is on a paragraph of one of the negotiation's versions, or on
    one of its packages; a stance may also be on an open proposal, which only those who see
    the working text (delegations, the secretariat, the chair) can name."""
    if proposals and eid.startswith(PROPOSAL_PREFIX):
        proposal = proposal_of(negotiation, eid)
        if proposal is None or not getattr(by, "sees_closed_meetings", False):
            raise InvalidInput(
                _("There is no proposal %(eid)s in this negotiation.") % {"eid": eid}
            )
        if proposal.status != ProposalStatus.OPEN:
            raise InvalidInput(
                _("The proposal %(eid)s was withdrawn; a stance is taken on what is on the table.")
                % {"eid": eid}
            )
        return
    package = _numbered(eid, PACKAGE_PREFIX)
    if package is not None:
        exists = negotiation.packages.filter(pk=package).exists()
    else:
        exists = IndexedParagraph.objects.filter(version__negotiation=negotiation, eid=eid).exists()
    if not exists:
        if proposals:
            raise InvalidInput(
                _("There is no paragraph, proposal or package %(eid)s in this negotiation.")
                % {"eid": eid}
            )
        raise InvalidInput(
            _("There is no paragraph or package %(eid)s in this negotiation.") % {"eid": eid}
        )
