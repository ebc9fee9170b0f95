"""Forming coalitions, admitting their members, changing their roles and removing them."""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from plenary.advocacy.models import (
    Coalition,
    CoalitionInvitation,
    CoalitionMember,
    InvitationStatus,
    MemberRole,
)
from plenary.advocacy.visibility import is_admin, membership_of
from plenary.audit.services import record, snapshot
from plenary.errors import Conflict, InvalidInput, NotAllowed, NotFound
from plenary.process.actors import Actor, Viewer, actor_of
from plenary.process.models import Delegation, Negotiation, Organization
from plenary.process.permissions import (
    require_admitted,
    require_signed_in,
    require_takes_part_as,
)
from plenary.sources import clean_sources
from plenary.validation import max_length


def require_admin(by: Actor, coalition: Coalition, doing: str) -> None:
    """Only people of an admin member act for the coalition as a whole."""
    require_signed_in(by)
    if not is_admin(by, coalition):
        raise NotAllowed(
            _("Only an admin of %(coalition)s can %(doing)s.")
            % {"coalition": coalition, "doing": doing}
        )
    # Acting in a negotiation takes admission, through a coalition as anywhere else.
    require_takes_part_as(by, coalition.negotiation)


def get_member(by: Actor, coalition: Coalition, pk: int, doing: str) -> CoalitionMember:
    """The member an admin acts on: an outsider is refused first, and only then told that the
    member is unknown."""
    require_admin(by, coalition, doing)
    member = coalition.members.select_related("organization", "delegation").filter(pk=pk).first()
    if member is None:
        raise NotFound(_("There is no such member of %(coalition)s.") % {"coalition": coalition})
    return member


def create_coalition(
    negotiation: Negotiation,
    *,
    by: Actor,
    name: str,
    slug: str = "",
    description: str = "",
    private: bool = False,
    sources: Any = None,
    illustrative: bool = False,
) -> Coalition:
    """An organization or a delegation forms a coalition and becomes its first admin."""
    require_signed_in(by)
    if not (by.organization_id or by.delegation_id):
        raise NotAllowed(_("Coalitions are formed by organizations and delegations."))
    party = require_takes_part_as(by, negotiation)
    name = (name or "").strip()
    if not name or len(name) > max_length(Coalition, "name"):
        raise InvalidInput(_("A coalition needs a name of 1 to 200 characters."), field="name")
    slug = slugify(slug or name)[: max_length(Coalition, "slug")]
    if not slug or slug == "new":
        raise InvalidInput(
            _("Give the coalition a short name made of letters or digits."), field="slug"
        )
    if len(description) > max_length(Coalition, "description"):
        raise InvalidInput(_("A description is at most 5,000 characters."), field="description")
    try:
        with transaction.atomic():
            coalition = Coalition.objects.create(
                negotiation=negotiation,
                slug=slug,
                name=name,
                description=description.strip(),
                private=private,
                created_by=by.user,
                sources=clean_sources(sources),
                illustrative=illustrative,
            )
            CoalitionMember.objects.create(
                coalition=coalition,
                organization_id=by.organization_id,
                delegation_id=None if by.organization_id else party.pk,
                role=MemberRole.ADMIN,
                illustrative=illustrative,
            )
            record(
                "coalition.created",
                coalition,
                by=by.user,
                negotiation=negotiation,
                after=snapshot(coalition),
            )
    except IntegrityError:
        raise Conflict(
            _("There is already a coalition called %(slug)s here.") % {"slug": slug}, field="slug"
        ) from None
    return coalition


def _party(organization: Organization | None, delegation: Delegation | None) -> Any:
    if (organization is None) == (delegation is None):
        raise InvalidInput(_("Name one organization or one delegation."), field="party")
    return organization or delegation


def invite(
    coalition: Coalition,
    *,
    by: Actor,
    organization: Organization | None = None,
    delegation: Delegation | None = None,
    role: str = MemberRole.MEMBER,
) -> CoalitionInvitation:
    """An admin invites an organization or a delegation; it joins only if one of its own people
    accepts (nobody is listed as a member of a coalition it did not join)."""
    require_admin(by, coalition, _("invite members"))
    party = _party(organization, delegation)
    if role not in MemberRole.values:
        raise InvalidInput(
            _("Role must be one of: %(roles)s.") % {"roles": ", ".join(MemberRole.values)},
            field="role",
        )
    if delegation is not None and delegation.negotiation_id != coalition.negotiation_id:
        raise InvalidInput(_("That delegation takes part in another negotiation."), field="party")
    if organization is not None:
        require_admitted(organization, coalition.negotiation)
    if coalition.members.filter(organization=organization, delegation=delegation).exists():
        raise Conflict(
            _("%(party)s is already a member of %(coalition)s.")
            % {"party": party, "coalition": coalition},
            field="party",
        )
    try:
        with transaction.atomic():
            invitation = CoalitionInvitation.objects.create(
                coalition=coalition,
                organization=organization,
                delegation=delegation,
                role=role,
                invited_by=by.user,
                invited_at=timezone.now(),
            )
            record(
                "coalition.invited",
                invitation,
                by=by.user,
                negotiation=coalition.negotiation,
                after={"coalition": coalition.slug, "party": str(party), "role": role},
            )
    except IntegrityError:
        raise Conflict(
            _("%(party)s is already invited to %(coalition)s and has not answered yet.")
            % {"party": party, "coalition": coalition},
            field="party",
        ) from None
    return invitation


def invitations_for(reader: Viewer) -> QuerySet[CoalitionInvitation]:
    """The invitations waiting for this person's organization or delegation to answer."""
    actor = actor_of(reader)
    if actor.user is None:
        return CoalitionInvitation.objects.none()
    if actor.organization_id:
        party = Q(organization_id=actor.organization_id)
    elif actor.delegation_id:
        party = Q(delegation_id=actor.delegation_id)
    else:
        return CoalitionInvitation.objects.none()
    return CoalitionInvitation.objects.filter(
        party, status=InvitationStatus.PENDING
    ).select_related("coalition__negotiation", "organization", "delegation")


def _require_invited(by: Actor, invitation: CoalitionInvitation) -> None:
    """Only the invited organization's or delegation's own people answer for it."""
    require_signed_in(by)
    own = (
        invitation.organization_id is not None and by.organization_id == invitation.organization_id
    ) or (invitation.delegation_id is not None and by.delegation_id == invitation.delegation_id)
    if not own:
        raise NotAllowed(
            _("Only the people of %(party)s answer its invitations.") % {"party": invitation.party}
        )


def _answer(invitation: CoalitionInvitation, by: Actor, status: str) -> CoalitionInvitation:
    locked = CoalitionInvitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.status != InvitationStatus.PENDING:
        raise Conflict(
            _("This invitation is already %(status)s.") % {"status": locked.get_status_display()}
        )
    locked.status = status
    locked.answered_by = by.user
    locked.answered_at = timezone.now()
    locked.save(update_fields=["status", "answered_by", "answered_at"])
    return locked


def accept_invitation(invitation: CoalitionInvitation, *, by: Actor) -> CoalitionMember:
    """The invited party's own person accepts: it joins the coalition, in the role offered."""
    _require_invited(by, invitation)
    coalition = invitation.coalition
    if invitation.organization is not None:
        # Admitted when invited is not enough: an organization refused since does not join.
        require_admitted(invitation.organization, coalition.negotiation)
    with transaction.atomic():
        answered = _answer(invitation, by, InvitationStatus.ACCEPTED)
        try:
            with transaction.atomic():
                member = CoalitionMember.objects.create(
                    coalition=coalition,
                    organization=answered.organization,
                    delegation=answered.delegation,
                    role=answered.role,
                )
        except IntegrityError:
            raise Conflict(
                _("%(party)s is already a member of %(coalition)s.")
                % {"party": answered.party, "coalition": coalition}
            ) from None
        record(
            "coalition.joined",
            coalition,
            by=by.user,
            negotiation=coalition.negotiation,
            after={"member": str(answered.party), "role": answered.role},
            note=str(answered.pk),
        )
    return member


def decline_invitation(invitation: CoalitionInvitation, *, by: Actor) -> CoalitionInvitation:
    """The invited party's own person declines; the coalition may invite it again later."""
    _require_invited(by, invitation)
    return _close_invitation(invitation, by, InvitationStatus.DECLINED, "declined")


def withdraw_invitation(invitation: CoalitionInvitation, *, by: Actor) -> CoalitionInvitation:
    """An admin takes back an invitation not yet answered."""
    require_admin(by, invitation.coalition, _("withdraw invitations"))
    return _close_invitation(invitation, by, InvitationStatus.WITHDRAWN, "withdrawn")


def _close_invitation(
    invitation: CoalitionInvitation, by: Actor, status: str, done: str
) -> CoalitionInvitation:
    with transaction.atomic():
        answered = _answer(invitation, by, status)
        record(
            f"coalition.invitation_{done}",
            answered,
            by=by.user,
            negotiation=invitation.coalition.negotiation,
            after={"coalition": invitation.coalition.slug, "party": str(answered.party)},
        )
    return answered


def leave_coalition(coalition: Coalition, *, by: Actor) -> CoalitionMember:
    """A member leaves, by the act of one of its own people. If it was the last admin, the
    member that joined first after it becomes admin, so that the coalition can still act; what
    it signed stays signed."""
    require_signed_in(by)
    with transaction.atomic():
        admins = _lock_admins(coalition)
        membership = membership_of(by, coalition)
        if membership is None:
            raise NotAllowed(
                _("%(party)s is not a member of %(coalition)s.")
                % {"party": by.organization or by.delegation or by.user, "coalition": coalition}
            )
        locked = CoalitionMember.objects.select_for_update().get(pk=membership.pk)
        successor = None
        if locked.role == MemberRole.ADMIN and not any(a.pk != locked.pk for a in admins):
            successor = (
                coalition.members.select_for_update().exclude(pk=locked.pk).order_by("pk").first()
            )
        locked.delete()
        record(
            "coalition.left",
            coalition,
            by=by.user,
            negotiation=coalition.negotiation,
            before={"member": str(locked), "role": locked.role},
        )
        if successor is not None:
            successor.role = MemberRole.ADMIN
            successor.save(update_fields=["role"])
            record(
                "coalition.admin_by_succession",
                coalition,
                by=by.user,
                negotiation=coalition.negotiation,
                before={"member": str(successor), "role": MemberRole.MEMBER},
                after={"member": str(successor), "role": MemberRole.ADMIN},
            )
    return locked


def last_admin_successor(coalition: Coalition, member: CoalitionMember) -> CoalitionMember | None:
    """Who would become admin if this member left (None if it is not the last admin)."""
    if member.role != MemberRole.ADMIN:
        return None
    if coalition.members.filter(role=MemberRole.ADMIN).exclude(pk=member.pk).exists():
        return None
    return coalition.members.exclude(pk=member.pk).order_by("pk").first()


def _lock_admins(coalition: Coalition) -> list[CoalitionMember]:
    """Lock every admin row, before the member's own, so that two admins cannot demote or
    remove each other at once, and two such changes always lock in the same order."""
    return list(coalition.members.select_for_update().filter(role=MemberRole.ADMIN).order_by("pk"))


def _require_another_admin(
    coalition: Coalition, member: CoalitionMember, admins: list[CoalitionMember], doing: str
) -> None:
    """A coalition always keeps an admin: the last one is neither removed nor made a member."""
    if member.role == MemberRole.ADMIN and not any(a.pk != member.pk for a in admins):
        raise Conflict(
            _(
                "%(party)s is the last admin of %(coalition)s: make another member admin "
                "before you %(doing)s."
            )
            % {"party": member, "coalition": coalition, "doing": doing}
        )


def change_role(
    coalition: Coalition, member: CoalitionMember, *, by: Actor, role: str
) -> CoalitionMember:
    """An admin makes a member an admin, or an admin a member (never the last admin)."""
    require_admin(by, coalition, _("change roles"))
    if member.coalition_id != coalition.pk:
        raise InvalidInput(_("That is not a member of %(coalition)s.") % {"coalition": coalition})
    if role not in MemberRole.values:
        raise InvalidInput(
            _("Role must be one of: %(roles)s.") % {"roles": ", ".join(MemberRole.values)}
        )
    with transaction.atomic():
        admins = _lock_admins(coalition)
        locked = CoalitionMember.objects.select_for_update().filter(pk=member.pk).first()
        if locked is None:
            raise Conflict(_("%(party)s is no longer a member.") % {"party": member})
        if locked.role == role:
            return locked
        if role == MemberRole.MEMBER:
            _require_another_admin(coalition, locked, admins, _("change its role"))
        before = locked.role
        locked.role = role
        locked.save(update_fields=["role"])
        record(
            "coalition.member_role_changed",
            coalition,
            by=by.user,
            negotiation=coalition.negotiation,
            before={"member": str(locked), "role": before},
            after={"member": str(locked), "role": role},
        )
    return locked


def remove_member(coalition: Coalition, member: CoalitionMember, *, by: Actor) -> None:
    """An admin removes an organization or a delegation from the coalition (never the last
    admin); its people no longer act for the coalition, and what it signed stays signed."""
    require_admin(by, coalition, _("remove members"))
    if member.coalition_id != coalition.pk:
        raise InvalidInput(_("That is not a member of %(coalition)s.") % {"coalition": coalition})
    with transaction.atomic():
        admins = _lock_admins(coalition)
        locked = CoalitionMember.objects.select_for_update().filter(pk=member.pk).first()
        if locked is None:
            raise Conflict(_("%(party)s is no longer a member.") % {"party": member})
        _require_another_admin(coalition, locked, admins, _("remove it"))
        locked.delete()
        record(
            "coalition.member_removed",
            coalition,
            by=by.user,
            negotiation=coalition.negotiation,
            before={"member": str(locked), "role": locked.role},
        )
