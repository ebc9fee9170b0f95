"""Who is acting: the person (or the public) and whom they act for, as one typed value that
pages, the API and services pass along instead of re-reading a user's fields."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from plenary.process.models import Delegation, Negotiation, Organization, Role, User


@dataclass(frozen=True)
class Actor:
    """A person and whom they act for: their delegation (delegation members) or their
    organization (stakeholders), and their role. `user` is None for the public, and for an
    audience rendered once for many people (`AT_THE_TABLE`)."""

    user: User | None
    role: str = ""
    delegation_id: int | None = None
    organization_id: int | None = None
    focal_point: bool = False

    @property
    def is_signed_in(self) -> bool:
        return self.user is not None

    @property
    def delegation(self) -> Delegation | None:
        """The person's own delegation (loaded once, with the person)."""
        if self.user is None or self.delegation_id is None:
            return None
        return self.user.delegation

    @property
    def organization(self) -> Organization | None:
        """The person's own organization (loaded once, with the person)."""
        if self.user is None or self.organization_id is None:
            return None
        return self.user.organization

    def represents(self, delegation: Delegation) -> bool:
        """Whether this person acts for this delegation: their own, or their State's seat at a
        protocol of their own delegation's negotiation (a protocol seats the parent's States)."""
        if self.delegation_id is not None and self.delegation_id == delegation.pk:
            return True
        own = self.delegation
        if own is None:
            return False
        return bool(
            delegation.negotiation.parent_id == own.negotiation_id and _same_state(own, delegation)
        )

    def delegation_in(self, negotiation: Negotiation) -> Delegation | None:
        """The delegation through which this person acts in this negotiation: their own if it
        takes part in it, their State's seat if it is a protocol of their own negotiation, else
        none (they do not take part in it)."""
        own = self.delegation
        if own is None:
            return None
        if own.negotiation_id == negotiation.pk:
            return own
        if negotiation.parent_id == own.negotiation_id:
            for seat in negotiation.delegations.filter(name=own.name):
                if _same_state(own, seat):
                    return seat
            if own.iso2:
                return negotiation.delegations.filter(iso2=own.iso2).first()
        return None

    def affiliation(
        self, negotiation: Negotiation
    ) -> tuple[Delegation | None, Organization | None]:
        """The delegation or organization this person acts for in this negotiation: a delegation
        member's delegation there (None when their State takes no part), a stakeholder's
        organization; neither for anyone else."""
        if self.role == Role.DELEGATION:
            return self.delegation_in(negotiation), None
        if self.role == Role.STAKEHOLDER:
            return None, self.organization
        return None, None


def _same_state(one: Delegation, other: Delegation) -> bool:
    if one.iso2 and other.iso2:
        return bool(one.iso2 == other.iso2)
    return bool(one.name == other.name)


PUBLIC = Actor(user=None)
# What everyone at the table sees of a closed room: rendered once for all of them, so it is
# nobody in particular and acts for no delegation.
AT_THE_TABLE = Actor(user=None, role=Role.DELEGATION)

Viewer = Actor | User | AnonymousUser | None


def actor_of(viewer: Viewer) -> Actor:
    """The actor for a person, the anonymous public, or an actor already made."""
    if isinstance(viewer, Actor):
        return viewer
    if viewer is None or isinstance(viewer, AnonymousUser) or not viewer.is_authenticated:
        return PUBLIC
    return Actor(
        user=viewer,
        role=viewer.role,
        delegation_id=viewer.delegation_id,
        organization_id=viewer.organization_id,
        focal_point=viewer.focal_point,
    )


def request_actor(request: HttpRequest) -> Actor:
    """Who acts in this request, built once; built again only when the request's user changes
    (an API token sets it once the request is under way)."""
    user = request.user
    made = request.__dict__.get("_plenary_actor")
    if isinstance(made, tuple) and made[0] is user:
        actor: Actor = made[1]
        return actor
    actor = actor_of(user)
    request.__dict__["_plenary_actor"] = (user, actor)
    return actor
