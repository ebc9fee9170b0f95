"""The working text at the negotiating table: proposals on its provisions, co-sponsors, and each
paragraph's status (open, informally agreed, agreed ad referendum — and reopened)."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from plenary.audit.services import audited_change, record, snapshot
from plenary.errors import Conflict, InvalidInput, NotFound, StaleEdit
from plenary.process.actors import Actor
from plenary.process.models import Delegation, Negotiation
from plenary.process.models.participants import delegation_codes
from plenary.process.permissions import require_chair, require_delegation_member
from plenary.text import blockers
from plenary.text.models import (
    PackageStatus,
    ParagraphState,
    ParagraphStatus,
    Proposal,
    ProposalKind,
    ProposalStatus,
    Provision,
    Version,
)
from plenary.text.provisions import working_content
from plenary.text.structure import Content, Outline, brackets_in, walk_paragraphs

MAX_PROPOSAL = 5000
NEEDS_TEXT = {kind for kind in ProposalKind.values if kind != ProposalKind.DELETE}
COMPETING = {ProposalKind.REPLACE, ProposalKind.ALTERNATIVE}


def ensure_not_adopted(negotiation: Negotiation) -> None:
    """After adoption the text is final."""
    if negotiation.versions.filter(adopted_by__isnull=False).exists():
        raise Conflict(_("The text has been adopted; it no longer changes."))


def working_version(negotiation: Negotiation) -> Version:
    """The version the table works from: the latest, published or not."""
    version = negotiation.versions.order_by("-position").first()
    if version is None:
        raise NotFound(_("There is no text to work on yet."))
    return version


def working_outline(negotiation: Negotiation) -> Outline:
    """The text at the table, as an outline; refused when there is no text yet."""
    _version, content = working_content(negotiation)
    if content is None:
        raise NotFound(_("There is no text to work on yet."))
    return Outline(content)


def require_in_working_text(negotiation: Negotiation, provision: Provision) -> Outline:
    """The provision is a paragraph of this negotiation's working text."""
    outline = working_outline(negotiation)
    part = outline.get(provision.pk) if provision.negotiation_id == negotiation.pk else None
    if part is None or part.kind != "paragraph":
        raise InvalidInput(
            _("That paragraph is not in the working text; choose one from the text.")
        )
    return outline


def require_seated(negotiation: Negotiation, delegation: Delegation) -> None:
    """A delegation acts only in the negotiations it takes part in (a protocol seats its own)."""
    if delegation.negotiation_id != negotiation.pk:
        raise InvalidInput(
            _("%(delegation)s does not take part in %(negotiation)s.")
            % {"delegation": delegation, "negotiation": negotiation}
        )


def status_of(provision: Provision) -> str:
    """A paragraph's status in the working text (open until the chair says otherwise)."""
    state = ParagraphState.objects.filter(provision=provision).first()
    return state.status if state else ParagraphStatus.OPEN


def _clean_wording(kind: str, text: str) -> str:
    text = (text or "").strip()
    if kind in NEEDS_TEXT and not text:
        raise InvalidInput(_("This proposal needs its wording."), field="text")
    if len(text) > MAX_PROPOSAL:
        raise InvalidInput(
            _("A proposal is at most %(limit)s characters.") % {"limit": MAX_PROPOSAL},
            field="text",
        )
    if "[" in text or "]" in text:
        raise InvalidInput(
            _("Write the wording without brackets; proposals are bracketed for you."),
            field="text",
        )
    return text


def _lock(provision: Provision) -> Provision:
    """Hold the provision's row for the rest of the transaction: its status and the proposals
    on it change one at a time."""
    return Provision.objects.select_for_update().get(pk=provision.pk)


def propose(
    negotiation: Negotiation,
    *,
    by: Actor,
    delegation: Delegation,
    provision: Provision,
    kind: str,
    text: str = "",
) -> Proposal:
    """A delegation's proposal on a paragraph; an agreed paragraph must be reopened first."""
    require_delegation_member(by, delegation)
    require_seated(negotiation, delegation)
    if kind not in ProposalKind.values:
        raise InvalidInput(
            _("Kind must be one of: %(kinds)s.") % {"kinds": ", ".join(ProposalKind.values)}
        )
    text = _clean_wording(kind, text)
    ensure_not_adopted(negotiation)
    outline = require_in_working_text(negotiation, provision)
    with transaction.atomic():
        _lock(provision)
        if status_of(provision) == ParagraphStatus.AGREED_AD_REFERENDUM:
            raise Conflict(
                _("%(provision)s is agreed ad referendum; the chair must reopen it first.")
                % {"provision": outline.short_label(provision.pk)}
            )
        proposal = Proposal.objects.create(
            negotiation=negotiation,
            provision=provision,
            made_on=working_version(negotiation),
            kind=kind,
            text=text,
            delegation=delegation,
            made_by=by.user,
        )
        record(
            "proposal.made",
            proposal,
            by=by.user,
            negotiation=negotiation,
            after=snapshot(proposal),
        )
    return proposal


def cosponsor(proposal: Proposal, *, by: Actor, delegation: Delegation) -> Proposal:
    """Join another delegation's open proposal."""
    require_delegation_member(by, delegation)
    require_seated(proposal.negotiation, delegation)
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.OPEN:
            raise Conflict(_("Only an open proposal can be co-sponsored."))
        if delegation.pk == proposal.delegation_id:
            raise Conflict(_("A delegation does not co-sponsor its own proposal."))
        proposal.cosponsors.add(delegation)
        record(
            "proposal.cosponsored",
            proposal,
            by=by.user,
            negotiation=proposal.negotiation,
            after={"cosponsor": delegation.code},
        )
    return proposal


def withdraw_cosponsorship(proposal: Proposal, *, by: Actor, delegation: Delegation) -> Proposal:
    """A co-sponsoring delegation leaves an open proposal; the proposal stays its sponsor's."""
    require_delegation_member(by, delegation)
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.OPEN:
            raise Conflict(_("This proposal is no longer open."))
        if not proposal.cosponsors.filter(pk=delegation.pk).exists():
            raise Conflict(
                _("%(delegation)s does not co-sponsor this proposal.")
                % {"delegation": delegation}
            )
        proposal.cosponsors.remove(delegation)
        record(
            "proposal.cosponsorship_withdrawn",
            proposal,
            by=by.user,
            negotiation=proposal.negotiation,
            before={"cosponsor": delegation.code},
        )
    return proposal


def withdraw(proposal: Proposal, *, by: Actor) -> Proposal:
    """The proposing delegation withdraws its proposal."""
    require_delegation_member(by, proposal.delegation)
    with audited_change(
        "proposal.withdrawn", proposal, by=by.user, negotiation=proposal.negotiation
    ):
        if proposal.status != ProposalStatus.OPEN:
            raise Conflict(_("This proposal is no longer open."))
        proposal.status = ProposalStatus.WITHDRAWN
    return proposal


def open_proposals(negotiation: Negotiation, provisions: list[int] | None = None) -> Any:
    """The open proposals that compete with the text (comments aside)."""
    proposals = Proposal.objects.filter(
        negotiation=negotiation, status=ProposalStatus.OPEN
    ).exclude(kind=ProposalKind.COMMENT)
    if provisions is not None:
        proposals = proposals.filter(provision_id__in=provisions)
    return proposals


def blockers_of(
    negotiation: Negotiation, outline: Outline, provisions: list[int]
) -> list[blockers.Blocker]:
    """What stands in the way of agreeing these paragraphs: brackets in their wording, open
    proposals on them and what other parts of Plenary register (standing objections)."""
    found = [
        blockers.Blocker(p, blockers.BRACKETS, brackets_in(outline.node(p)))
        for p in provisions
        if p in outline and brackets_in(outline.node(p))
    ]
    codes = delegation_codes(negotiation)
    proposing: dict[int, list[str]] = {}
    for provision, delegation in open_proposals(negotiation, provisions).values_list(
        "provision_id", "delegation_id"
    ):
        proposing.setdefault(provision, []).append(codes.get(delegation, "?"))
    found += [
        blockers.Blocker(p, blockers.PROPOSALS, len(names), sorted(set(names)))
        for p, names in proposing.items()
    ]
    found += blockers.registered(negotiation, provisions)
    return found


def refuse_agreement(negotiation: Negotiation, outline: Outline, provisions: list[int]) -> None:
    """Refuse 'agreed ad referendum' while anything is open on these paragraphs, naming it."""
    found = blockers_of(negotiation, outline, provisions)
    if not found:
        return
    by_provision: dict[int, list[blockers.Blocker]] = {}
    for blocker in found:
        by_provision.setdefault(blocker.provision, []).append(blocker)
    sentences = [
        _("%(provision)s holds %(blockers)s")
        % {"provision": outline.short_label(p), "blockers": blockers.listed(b)}
        for p, b in by_provision.items()
    ]
    raise Conflict(
        _("Not agreed ad referendum while anything is open: %(reasons)s.")
        % {"reasons": "; ".join(sentences)}
    )


def set_status(
    negotiation: Negotiation,
    provision: Provision,
    *,
    by: Actor,
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
    outline = require_in_working_text(negotiation, provision)
    with transaction.atomic():
        _lock(provision)
        if status == ParagraphStatus.AGREED_AD_REFERENDUM:
            refuse_agreement(negotiation, outline, [provision.pk])
        return change_status(
            negotiation,
            provision,
            status,
            by=by,
            expected_version=expected_version,
            label=outline.short_label(provision.pk),
        )


def change_status(
    negotiation: Negotiation,
    provision: Provision,
    status: str,
    *,
    by: Actor,
    expected_version: int | None = None,
    note: str = "",
    label: str = "",
) -> ParagraphState:
    """Record a paragraph's new status with its audit entry (the callers check who may)."""
    with transaction.atomic():
        state, _created = ParagraphState.objects.get_or_create(
            provision=provision, defaults={"negotiation": negotiation}
        )
        with audited_change(
            "paragraph.status",
            state,
            by=by.user,
            negotiation=negotiation,
            expected_version=expected_version,
            note=note,
        ):
            if state.status == status:
                raise Conflict(
                    _("%(provision)s is already %(status)s.")
                    % {"provision": label or provision.wid, "status": state.get_status_display()}
                )
            state.status = status
    return state


def working_text(negotiation: Negotiation) -> tuple[Version, Content]:
    """The working text: the text at the table with each paragraph's status and open
    proposals, keyed by provision."""
    # The content was just read from the database: this call's own copy to annotate.
    version, content = working_content(negotiation)
    if version is None or content is None:
        raise NotFound(_("There is no text to work on yet."))
    states = {
        provision: (status, lock)
        for provision, status, lock in ParagraphState.objects.filter(
            negotiation=negotiation
        ).values_list("provision_id", "status", "lock_version")
    }
    # Plain rows, not model instances: a full draft carries thousands of proposals.
    proposals_open = Proposal.objects.filter(negotiation=negotiation, status=ProposalStatus.OPEN)
    names = delegation_codes(negotiation)
    cosponsors: dict[int, list[int]] = {}
    for proposal_id, delegation_id in Proposal.cosponsors.through.objects.filter(
        proposal__in=proposals_open
    ).values_list("proposal_id", "delegation_id"):
        cosponsors.setdefault(proposal_id, []).append(delegation_id)
    kind_labels = {value: str(label) for value, label in ProposalKind.choices}
    proposals: dict[int, list[dict[str, Any]]] = {}
    for pk, provision, kind, text, delegation_id in proposals_open.values_list(
        "pk", "provision_id", "kind", "text", "delegation_id"
    ):
        sponsor_ids = [delegation_id, *cosponsors.get(pk, [])]
        proposals.setdefault(provision, []).append(
            {
                "id": pk,
                "kind": kind,
                "kind_label": kind_labels[kind],
                "text": text,
                "delegation_id": delegation_id,
                # A delegation the negotiation does not know (never expected) shows as "?".
                "sponsors": [names.get(d, "?") for d in sponsor_ids],
                "sponsor_ids": sponsor_ids,
            }
        )
    packages: dict[int, list[str]] = {}
    for title, provision in negotiation.packages.exclude(status=PackageStatus.REJECTED).values_list(
        "title", "provisions"
    ):
        packages.setdefault(provision, []).append(title)
    status_labels = {value: str(label) for value, label in ParagraphStatus.choices}
    for paragraph in walk_paragraphs(content):
        provision = paragraph["provision"]
        status, lock = states.get(provision, (ParagraphStatus.OPEN, 1))
        paragraph["packages"] = packages.get(provision, [])
        paragraph["status"] = status
        paragraph["status_label"] = status_labels[status]
        paragraph["status_version"] = lock
        paragraph["proposals"] = proposals.get(provision, [])
        # Competing wordings are shown bracketed against the text; the rest as notes.
        paragraph["bracketed"] = [p for p in paragraph["proposals"] if p["kind"] in COMPETING]
    return version, content


def edit_proposal(proposal: Proposal, *, by: Actor, text: str, expected_version: int) -> Proposal:
    """The proposing delegation rewords its open proposal; an edit made on a copy someone else
    has changed since is refused, and the answer shows their wording."""
    require_delegation_member(by, proposal.delegation)
    ensure_not_adopted(proposal.negotiation)
    text = _clean_wording(proposal.kind, text)
    try:
        with audited_change(
            "proposal.edited",
            proposal,
            by=by.user,
            negotiation=proposal.negotiation,
            expected_version=expected_version,
        ):
            if proposal.status != ProposalStatus.OPEN:
                raise Conflict(_("A proposal that is no longer open cannot be edited."))
            proposal.text = text
    except StaleEdit as error:
        current = Proposal.objects.get(pk=proposal.pk)
        raise StaleEdit(
            _("%(message)s Their wording now reads: “%(text)s”.")
            % {"message": error.message, "text": current.text}
        ) from error
    return proposal
