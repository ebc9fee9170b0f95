"""The working text at the negotiating table: proposals on paragraphs, co-sponsors, and each
paragraph's status (open, informally agreed, agreed ad referendum — and reopened)."""

import copy
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from plenary.audit.services import audited_change, record, snapshot
from plenary.errors import Conflict, InvalidInput, NotFound, StaleEdit
from plenary.process.models import Delegation, Negotiation
from plenary.process.models.participants import delegation_codes
from plenary.process.permissions import require_chair, require_delegation_member
from plenary.text.models import (
    PackageStatus,
    ParagraphState,
    ParagraphStatus,
    Proposal,
    ProposalKind,
    ProposalStatus,
    Version,
)
from plenary.text.services.packages import ensure_not_adopted
from plenary.text.structure import Content, walk_paragraphs

MAX_PROPOSAL = 5000
NEEDS_TEXT = {kind for kind in ProposalKind.values if kind != ProposalKind.DELETE}
COMPETING = {ProposalKind.REPLACE, ProposalKind.ALTERNATIVE}


def working_version(negotiation: Negotiation) -> Version:
    """The text the table works on: the latest version, published or not."""
    version = negotiation.versions.order_by("-position").first()
    if version is None:
        raise NotFound(_("There is no text to work on yet."))
    return version


def _paragraph_exists(negotiation: Negotiation, eid: str) -> None:
    content = working_version(negotiation).content
    if not any(p["eid"] == eid for p in walk_paragraphs(content)):
        raise InvalidInput(_("There is no paragraph %(eid)s in the working text.") % {"eid": eid})


def status_of(negotiation: Negotiation, eid: str) -> str:
    """A paragraph's status in the working text (open until the chair says otherwise)."""
    state = ParagraphState.objects.filter(negotiation=negotiation, eid=eid).first()
    return state.status if state else ParagraphStatus.OPEN


def _clean_wording(kind: str, text: str) -> str:
    text = (text or "").strip()
    if kind in NEEDS_TEXT and not text:
        raise InvalidInput(_("This proposal needs its wording."))
    if len(text) > MAX_PROPOSAL:
        raise InvalidInput(
            _("A proposal is at most %(limit)s characters.") % {"limit": MAX_PROPOSAL}
        )
    if "[" in text or "]" in text:
        raise InvalidInput(
            _("Write the wording without brackets; proposals are bracketed for you.")
        )
    return text


def propose(
    negotiation: Negotiation,
    *,
    by: Any,
    delegation: Delegation,
    eid: str,
    kind: str,
    text: str = "",
) -> Proposal:
    """A delegation's proposal on a paragraph; an agreed paragraph must be reopened first."""
    require_delegation_member(by, delegation)
    if kind not in ProposalKind.values:
        raise InvalidInput(
            _("Kind must be one of: %(kinds)s.") % {"kinds": ", ".join(ProposalKind.values)}
        )
    text = _clean_wording(kind, text)
    ensure_not_adopted(negotiation)
    _paragraph_exists(negotiation, eid)
    if status_of(negotiation, eid) == ParagraphStatus.AGREED_AD_REFERENDUM:
        raise Conflict(
            _("Paragraph %(eid)s is agreed ad referendum; the chair must reopen it first.")
            % {"eid": eid}
        )
    with transaction.atomic():
        proposal = Proposal.objects.create(
            negotiation=negotiation,
            eid=eid,
            kind=kind,
            text=text,
            delegation=delegation,
            made_by=by,
        )
        record("proposal.made", proposal, by=by, negotiation=negotiation, after=snapshot(proposal))
    return proposal


def cosponsor(proposal: Proposal, *, by: Any, delegation: Delegation) -> Proposal:
    """Join another delegation's open proposal."""
    require_delegation_member(by, delegation)
    if proposal.status != ProposalStatus.OPEN:
        raise Conflict(_("Only an open proposal can be co-sponsored."))
    if delegation.pk == proposal.delegation_id:
        raise Conflict(_("A delegation does not co-sponsor its own proposal."))
    with transaction.atomic():
        proposal.cosponsors.add(delegation)
        record(
            "proposal.cosponsored",
            proposal,
            by=by,
            negotiation=proposal.negotiation,
            note=str(delegation),
        )
    return proposal


def withdraw(proposal: Proposal, *, by: Any) -> Proposal:
    """The proposing delegation withdraws its proposal."""
    require_delegation_member(by, proposal.delegation)
    with audited_change("proposal.withdrawn", proposal, by=by, negotiation=proposal.negotiation):
        if proposal.status != ProposalStatus.OPEN:
            raise Conflict(_("This proposal is already withdrawn."))
        proposal.status = ProposalStatus.WITHDRAWN
    return proposal


def set_status(
    negotiation: Negotiation,
    eid: str,
    *,
    by: Any,
    status: str,
    expected_version: int | None = None,
) -> ParagraphState:
    """The chair marks a paragraph informally agreed, agreed ad referendum, or reopens it."""
    require_chair(by, _("change a paragraph's status"))
    if status not in ParagraphStatus.values:
        raise InvalidInput(
            _("Status must be one of: %(statuses)s.")
            % {"statuses": ", ".join(ParagraphStatus.values)}
        )
    ensure_not_adopted(negotiation)
    _paragraph_exists(negotiation, eid)
    return change_status(negotiation, eid, status, by=by, expected_version=expected_version)


def change_status(
    negotiation: Negotiation,
    eid: str,
    status: str,
    *,
    by: Any,
    expected_version: int | None = None,
    note: str = "",
) -> ParagraphState:
    """Record a paragraph's new status with its audit entry (the callers check who may)."""
    with transaction.atomic():
        state, _created = ParagraphState.objects.get_or_create(negotiation=negotiation, eid=eid)
        with audited_change(
            "paragraph.status",
            state,
            by=by,
            negotiation=negotiation,
            expected_version=expected_version,
            note=note,
        ):
            if state.status == status:
                raise Conflict(
                    _("Paragraph %(eid)s is already %(status)s.")
                    % {"eid": eid, "status": state.get_status_display()}
                )
            state.status = status
    return state


def working_text(negotiation: Negotiation) -> tuple[Version, Content]:
    """The working text: the latest version with each paragraph's status and open proposals."""
    version = working_version(negotiation)
    content = copy.deepcopy(version.content)
    states = dict(
        ParagraphState.objects.filter(negotiation=negotiation).values_list("eid", "status")
    )
    versions = dict(
        ParagraphState.objects.filter(negotiation=negotiation).values_list("eid", "lock_version")
    )
    # Plain rows, not model instances: a full draft carries thousands of proposals.
    open_proposals = Proposal.objects.filter(negotiation=negotiation, status=ProposalStatus.OPEN)
    names = delegation_codes(negotiation)
    cosponsors: dict[int, list[int]] = {}
    for proposal_id, delegation_id in Proposal.cosponsors.through.objects.filter(
        proposal__in=open_proposals
    ).values_list("proposal_id", "delegation_id"):
        cosponsors.setdefault(proposal_id, []).append(delegation_id)
    kind_labels = {value: str(label) for value, label in ProposalKind.choices}
    proposals: dict[str, list[dict[str, Any]]] = {}
    for pk, eid, kind, text, delegation_id in open_proposals.values_list(
        "pk", "eid", "kind", "text", "delegation_id"
    ):
        sponsor_ids = [delegation_id, *cosponsors.get(pk, [])]
        proposals.setdefault(eid, []).append(
            {
                "id": pk,
                "kind": kind,
                "kind_label": kind_labels[kind],
                "text": text,
                "delegation_id": delegation_id,
                "sponsors": [names[d] for d in sponsor_ids],
                "sponsor_ids": sponsor_ids,
            }
        )
    packages: dict[str, list[str]] = {}
    for title, eids in negotiation.packages.exclude(status=PackageStatus.REJECTED).values_list(
        "title", "eids"
    ):
        for eid in eids:
            packages.setdefault(eid, []).append(title)
    status_labels = {value: str(label) for value, label in ParagraphStatus.choices}
    for paragraph in walk_paragraphs(content):
        eid = paragraph["eid"]
        status = states.get(eid, ParagraphStatus.OPEN)
        paragraph["packages"] = packages.get(eid, [])
        paragraph["status"] = status
        paragraph["status_label"] = status_labels[status]
        paragraph["status_version"] = versions.get(eid, 1)
        paragraph["proposals"] = proposals.get(eid, [])
        # Competing wordings are shown bracketed against the text; the rest as notes.
        paragraph["bracketed"] = [p for p in paragraph["proposals"] if p["kind"] in COMPETING]
    return version, content


def edit_proposal(proposal: Proposal, *, by: Any, text: str, expected_version: int) -> Proposal:
    """The proposing delegation rewords its open proposal; an edit made on a copy someone else
    has changed since is refused, and the answer shows their wording."""
    require_delegation_member(by, proposal.delegation)
    ensure_not_adopted(proposal.negotiation)
    text = _clean_wording(proposal.kind, text)
    try:
        with audited_change(
            "proposal.edited",
            proposal,
            by=by,
            negotiation=proposal.negotiation,
            expected_version=expected_version,
        ):
            if proposal.status != ProposalStatus.OPEN:
                raise Conflict(_("A withdrawn proposal cannot be edited."))
            proposal.text = text
    except StaleEdit as error:
        current = Proposal.objects.get(pk=proposal.pk)
        raise StaleEdit(
            _("%(message)s Their wording now reads: “%(text)s”.")
            % {"message": error.message, "text": current.text}
        ) from error
    return proposal
