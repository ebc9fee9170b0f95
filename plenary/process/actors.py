"""Who is acting: the person (or the public) and whom they act for, as one typed value that
pages, the API and services pass along instead of re-reading a user's fields."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from plenary.process.models import Delegation, Organization, Role, User


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
