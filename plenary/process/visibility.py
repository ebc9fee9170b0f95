"""What each person may see: the content of closed meetings and pending accreditation are not
for everyone; that a closed meeting took place, and when and where, is public."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from plenary.errors import NotFound
from plenary.process.actors import Viewer, actor_of
from plenary.process.capabilities import (
    can_see_accreditation_list,
    can_see_closed_meetings,
    can_view_informal_drafts,
)
from plenary.process.models import AccreditationRequest, Negotiation, RecordDocument, Session
from plenary.process.models.accreditation import admitted_requests
from plenary.process.models.sessions import Openness


def visible_sessions(user: Viewer, negotiation: Negotiation) -> QuerySet[Session]:
    """Sessions closed to stakeholders are invisible to stakeholders and the public."""
    sessions = negotiation.sessions.all()
    if not can_see_closed_meetings(user):
        sessions = sessions.exclude(openness=Openness.CLOSED)
    return sessions


def sees_content(user: Viewer, session: Session) -> bool:
    """The content of a meeting closed to stakeholders (its title, agenda, statements,
    history) is for delegations, the secretariat and the chair; that it took place is not."""
    return not session.is_closed or can_see_closed_meetings(user)


def visible_documents(user: Viewer, negotiation: Negotiation) -> QuerySet[RecordDocument]:
    """Documents of the record; those of a meeting closed to stakeholders only for who may see
    its content."""
    documents = negotiation.documents.all()
    if not can_see_closed_meetings(user):
        documents = documents.exclude(session__openness=Openness.CLOSED)
    return documents


def listed_sessions(negotiation: Negotiation) -> QuerySet[Session]:
    """Every session as a fact of the record (kind, dates, place, who convened it), closed ones
    included: what is withheld from whom is `sees_content`'s to say."""
    return negotiation.sessions.all()


def get_listed_session(negotiation: Negotiation, pk: int) -> Session:
    session = listed_sessions(negotiation).filter(pk=pk).first()
    if session is None:
        raise NotFound(_("There is no such session."))
    return session


def get_visible_session(user: Viewer, negotiation: Negotiation, pk: int) -> Session:
    """The session if this person may see it; otherwise it does not exist for them."""
    session = visible_sessions(user, negotiation).filter(pk=pk).first()
    if session is None:
        raise NotFound(_("There is no such session."))
    return session


def visible_accreditation_requests(
    user: Viewer, negotiation: Negotiation
) -> QuerySet[AccreditationRequest]:
    """Everyone sees who is admitted; a stakeholder also sees their own organization's request."""
    requests = negotiation.accreditation_requests.select_related("organization")
    if can_see_accreditation_list(user):
        return requests
    shown = admitted_requests()
    organization_id = actor_of(user).organization_id
    if organization_id:
        shown |= Q(organization_id=organization_id)
    return requests.filter(shown)


def get_negotiation(slug: str) -> Negotiation:
    negotiation = Negotiation.objects.filter(slug=slug).first()
    if negotiation is None:
        raise NotFound(_("There is no negotiation called %(slug)s.") % {"slug": repr(slug)})
    return negotiation


def visible_versions(user: Viewer, negotiation: Negotiation) -> QuerySet[Any]:
    """Published versions are public; informal drafts are for delegations and the secretariat."""
    versions = negotiation.versions.all()
    if not can_view_informal_drafts(user):
        versions = versions.filter(published=True)
    return versions


def get_visible_version(user: Viewer, negotiation: Negotiation, pk: int) -> Any:
    """The version if this person may see it; otherwise it does not exist for them."""
    version = visible_versions(user, negotiation).filter(pk=pk).first()
    if version is None:
        raise NotFound(_("There is no such version."))
    return version
