"""Forming coalitions, admitting their members, changing their roles and removing them."""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from plenary.advocacy.models import Coalition, CoalitionMember, MemberRole
from plenary.advocacy.visibility import is_admin
from plenary.audit.services import record, snapshot
from plenary.errors import Conflict, InvalidInput, NotAllowed, NotFound
from plenary.process.models import Delegation, Negotiation, Organization
from plenary.process.permissions import (
    require_admitted,
    require_signed_in,
    require_takes_part_as,
)
from plenary.sources import clean_sources


def require_admin(user: Any, coalition: Coalition, doing: str) -> None:
    """Only people of an admin member act for the coalition as a whole."""
    require_signed_in(user)
    if not is_admin(user, coalition):
        raise NotAllowed(
            _("Only an admin of %(coalition)s can %(doing)s.")
            % {"coalition": coalition, "doing": doing}
        )
    # Acting in a negotiation takes admission, through a coalition as anywhere else.
    require_takes_part_as(user, coalition.negotiation)


def get_member(by: Any, coalition: Coalition, pk: int, doing: str) -> CoalitionMember:
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
    by: Any,
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
    if not name or len(name) > 200:
        raise InvalidInput(_("A coalition needs a name of 1 to 200 characters."))
    slug = slugify(slug or name)[:80]
    if not slug or slug == "new":
        raise InvalidInput(_("Give the coalition a short name made of letters or digits."))
    if len(description) > 5000:
        raise InvalidInput(_("A description is at most 5,000 characters."))
    try:
        with transaction.atomic():
            coalition = Coalition.objects.create(
                negotiation=negotiation,
                slug=slug,
                name=name,
                description=description.strip(),
                private=private,
                created_by=by,
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
                by=by,
                negotiation=negotiation,
                after=snapshot(coalition),
            )
    except IntegrityError:
        raise Conflict(
            _("There is already a coalition called %(slug)s here.") % {"slug": slug}
        ) from None
    return coalition


def add_member(
    coalition: Coalition,
    *,
    by: Any,
    organization: Organization | None = None,
    delegation: Delegation | None = None,
    role: str = MemberRole.MEMBER,
) -> CoalitionMember:
    """An admin brings an organization or a delegation into the coalition."""
    require_admin(by, coalition, _("add members"))
    if (organization is None) == (delegation is None):
        raise InvalidInput(_("Name one organization or one delegation to add."))
    if role not in MemberRole.values:
        raise InvalidInput(
            _("Role must be one of: %(roles)s.") % {"roles": ", ".join(MemberRole.values)}
        )
    if delegation is not None and delegation.negotiation_id != coalition.negotiation_id:
        raise InvalidInput(_("That delegation takes part in another negotiation."))
    if organization is not None:
        require_admitted(organization, coalition.negotiation)
    party = organization or delegation
    try:
        with transaction.atomic():
            member = CoalitionMember.objects.create(
                coalition=coalition, organization=organization, delegation=delegation, role=role
            )
            record(
                "coalition.member_added",
                coalition,
                by=by,
                negotiation=coalition.negotiation,
                after={"member": str(party), "role": role},
            )
    except IntegrityError:
        raise Conflict(
            _("%(party)s is already a member of %(coalition)s.")
            % {"party": party, "coalition": coalition}
        ) from None
    return member


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
    coalition: Coalition, member: CoalitionMember, *, by: Any, role: str
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
            by=by,
            negotiation=coalition.negotiation,
            before={"member": str(locked), "role": before},
            after={"member": str(locked), "role": role},
        )
    return locked


def remove_member(coalition: Coalition, member: CoalitionMember, *, by: Any) -> None:
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
            by=by,
            negotiation=coalition.negotiation,
            before={"member": str(locked), "role": locked.role},
        )
