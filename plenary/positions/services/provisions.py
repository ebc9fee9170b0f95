"""What a stance or an objection is on: a provision of the text, a package of the chair's, or
(for stances) a proposal on a paragraph; named by people and tools as a provision's id, a
paragraph's eId in the text they see, `package_<id>` or `proposal_<id>`.

Inside the positions a subject has a key ("provision_12", "package_3", "proposal_7") so that
maps and histories can hold all three kinds in one place; pages and the API show each by its
label in the text the reader sees.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from plenary.errors import InvalidInput
from plenary.process.actors import Actor
from plenary.process.capabilities import (
    can_run_process,
    can_view_open_proposals,
    can_view_working_text,
)
from plenary.process.models import Delegation, Negotiation
from plenary.process.permissions import require_delegation_member, require_signed_in
from plenary.text.models import Package, PackageStatus, Proposal, ProposalStatus, Provision
from plenary.text.provisions import resolve, visible_provisions

PROVISION_PREFIX = "provision_"
PACKAGE_PREFIX = "package_"
PROPOSAL_PREFIX = "proposal_"


@dataclass(frozen=True)
class Subject:
    """A provision, a package or a proposal: exactly one is set."""

    provision: Provision | None = None
    package: Package | None = None
    proposal: Proposal | None = None

    @property
    def key(self) -> str:
        if self.provision is not None:
            return f"{PROVISION_PREFIX}{self.provision.pk}"
        if self.package is not None:
            return f"{PACKAGE_PREFIX}{self.package.pk}"
        return f"{PROPOSAL_PREFIX}{getattr(self.proposal, 'pk', None)}"

    def fields(self) -> dict[str, Any]:
        return {"provision": self.provision, "package": self.package, "proposal": self.proposal}


def key_of(row: Any) -> str:
    """The subject key of a stance or an objection (or of a values() row with their ids)."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name, None)
    if get("provision_id"):
        return f"{PROVISION_PREFIX}{get('provision_id')}"
    if get("package_id"):
        return f"{PACKAGE_PREFIX}{get('package_id')}"
    return f"{PROPOSAL_PREFIX}{get('proposal_id')}"


def provision_key(provision: int) -> str:
    return f"{PROVISION_PREFIX}{provision}"


def package_key(package: Package) -> str:
    """How a package is named among the subjects of the consensus map: package_<id>."""
    return f"{PACKAGE_PREFIX}{package.pk}"


def proposal_key(proposal: Proposal) -> str:
    """How a proposal is named as the subject of a stance: proposal_<id>."""
    return f"{PROPOSAL_PREFIX}{proposal.pk}"


def numbered(key: str, prefix: str) -> int | None:
    """The id in a name such as package_12, or None if the name is not of that kind."""
    number = key.removeprefix(prefix)
    return int(number) if key.startswith(prefix) and number.isdigit() else None


def open_packages(negotiation: Negotiation, viewer: Any) -> dict[str, Package]:
    """The packages still on the table, by their key; the table's business only."""
    if not can_view_working_text(viewer):
        return {}
    return {
        package_key(p): p
        for p in negotiation.packages.filter(status=PackageStatus.PROPOSED).order_by("id")
    }


def speaks_for(by: Actor, delegation: Delegation) -> None:
    """A delegation acts for itself; the secretariat and the chair record any delegation's
    stances and withdrawals from the record."""
    require_signed_in(by)
    if not can_run_process(by):
        require_delegation_member(by, delegation)


def subject_named(
    negotiation: Negotiation,
    viewer: Any,
    *,
    name: str = "",
    provision: int | None = None,
    proposals: bool = False,
) -> Subject:
    """The subject a person or a tool names, among those they may see: a provision by its id,
    or a name: a paragraph's eId, package_<id> (at the table) or, when `proposals`,
    proposal_<id> (an open one, at the table)."""
    name = (name or "").strip()
    if provision is None:
        provision = numbered(name, PROVISION_PREFIX)
    if provision is not None:
        return Subject(provision=resolve(negotiation, viewer, provision=provision))
    package = numbered(name, PACKAGE_PREFIX)
    if package is not None:
        found = (
            negotiation.packages.filter(pk=package).first()
            if can_view_working_text(viewer)
            else None
        )
        if found is None:
            raise InvalidInput(
                _("There is no paragraph or package %(eid)s in this negotiation.") % {"eid": name}
            )
        return Subject(package=found)
    proposal = numbered(name, PROPOSAL_PREFIX)
    if proposal is not None and proposals:
        offered = negotiation.proposals.filter(pk=proposal).first()
        if offered is None or not can_view_open_proposals(viewer):
            raise InvalidInput(
                _("There is no proposal %(eid)s in this negotiation.") % {"eid": name}
            )
        if offered.status != ProposalStatus.OPEN:
            raise InvalidInput(
                _(
                    "The proposal %(eid)s is no longer open; a stance is taken on what is on the "
                    "table."
                )
                % {"eid": name}
            )
        return Subject(proposal=offered)
    if not name:
        raise InvalidInput(_("Say what it is on: choose a paragraph from the text."))
    return Subject(provision=resolve(negotiation, viewer, eid=name))


def keys_seen_by(negotiation: Negotiation, viewer: Any, keys: set[str]) -> set[str]:
    """Those of the subjects the viewer may see: provisions of the versions they may see (all at
    the table); packages and proposals at the table only."""
    if can_view_working_text(viewer):
        return set(keys)
    ids = [n for n in (numbered(k, PROVISION_PREFIX) for k in keys) if n is not None]
    seen = visible_provisions(negotiation, viewer).filter(pk__in=ids).values_list("pk", flat=True)
    return {provision_key(p) for p in seen}
