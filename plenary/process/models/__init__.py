from plenary.process.models.accreditation import AccreditationObjection, AccreditationRequest
from plenary.process.models.documents import DocumentKind, RecordDocument
from plenary.process.models.negotiation import CommitteeMember, Negotiation, RoadmapDeadline
from plenary.process.models.participants import Bloc, Delegation, Organization
from plenary.process.models.people import ApiToken, Role, User
from plenary.process.models.sessions import Session, SessionEvent

__all__ = [
    "AccreditationObjection",
    "AccreditationRequest",
    "ApiToken",
    "Bloc",
    "CommitteeMember",
    "Delegation",
    "DocumentKind",
    "Negotiation",
    "Organization",
    "RecordDocument",
    "RoadmapDeadline",
    "Role",
    "Session",
    "SessionEvent",
    "User",
]
