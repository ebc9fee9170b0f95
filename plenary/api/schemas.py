"""The shapes of the JSON API; field names here are a public contract."""

import datetime
from typing import Any

from ninja import Field, Schema


class SourceOut(Schema):
    title: str | None = None
    symbol: str | None = None
    url: str | None = None


class SourceIn(Schema):
    title: str | None = Field(None, max_length=500)
    symbol: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=500)


class NegotiationOut(Schema):
    slug: str
    title: str
    short_title: str
    mandate: str
    body: str
    secretariat: str
    decision_rule: str
    voting_majority: str
    timezone: str
    non_objection_days: int
    sources: list[SourceOut]
    illustrative: bool
    # For a protocol or follow-up work: the slug of the parent negotiation.
    parent: str | None = None

    @staticmethod
    def resolve_parent(negotiation: Any) -> str | None:
        return negotiation.parent.slug if negotiation.parent_id else None


class SessionEventOut(Schema):
    kind: str
    date: datetime.date
    note: str
    sources: list[SourceOut]
    illustrative: bool


class SessionOut(Schema):
    id: int
    kind: str
    number: int | None
    title: str
    start: datetime.date
    end: datetime.date
    city: str | None
    timezone: str
    mode: str
    openness: str
    status: str
    resumes: int | None = Field(None, alias="resumes_id")
    illustrative: bool
    lock_version: int
    sources: list[SourceOut]
    events: list[SessionEventOut]
    convened_by: str
    outcome: str
    outcome_sources: list[SourceOut]
    content_withheld: bool = Field(
        False,
        description="A meeting closed to stakeholders, shown to this caller as facts only: its "
        "kind stands for its title, and its history and outcome are left out.",
    )

    @staticmethod
    def resolve_content_withheld(session: Any) -> bool:
        return bool(getattr(session, "content_withheld", False))

    @staticmethod
    def resolve_title(session: Any) -> str:
        if getattr(session, "content_withheld", False):
            return str(session.get_kind_display())
        return session.title

    @staticmethod
    def resolve_events(session: Any) -> list:
        return [] if getattr(session, "content_withheld", False) else list(session.events.all())

    @staticmethod
    def resolve_outcome(session: Any) -> str:
        return "" if getattr(session, "content_withheld", False) else session.outcome

    @staticmethod
    def resolve_outcome_sources(session: Any) -> list:
        return [] if getattr(session, "content_withheld", False) else session.outcome_sources


class SessionIn(Schema):
    kind: str = Field(..., max_length=20)
    number: int | None = Field(None, ge=1, le=99)
    title: str = Field(..., min_length=1, max_length=200)
    start: datetime.date
    end: datetime.date
    city: str | None = Field(None, max_length=100)
    timezone: str | None = Field(None, max_length=60)
    mode: str = Field(..., max_length=20)
    openness: str = Field(..., max_length=10)
    sources: list[SourceIn] = Field(default_factory=list, max_length=20)


class SessionPatch(Schema):
    lock_version: int = Field(..., description="The version you edited; a newer one gives 409.")
    kind: str | None = Field(None, max_length=20)
    number: int | None = Field(None, ge=1, le=99)
    title: str | None = Field(None, min_length=1, max_length=200)
    start: datetime.date | None = None
    end: datetime.date | None = None
    city: str | None = Field(None, max_length=100)
    timezone: str | None = Field(None, max_length=60)
    mode: str | None = Field(None, max_length=20)
    openness: str | None = Field(None, max_length=10)
    sources: list[SourceIn] | None = Field(None, max_length=20)


class SuspendIn(Schema):
    on: datetime.date
    note: str = Field("", max_length=2000)
    sources: list[SourceIn] = Field(default_factory=list, max_length=20)


class ReconveneIn(Schema):
    start: datetime.date
    end: datetime.date
    mode: str = Field(..., max_length=20)
    city: str | None = Field(None, max_length=100)
    title: str = Field("", max_length=200)
    note: str = Field("", max_length=2000)
    sources: list[SourceIn] = Field(default_factory=list, max_length=20)


class DeadlineOut(Schema):
    id: int
    date: datetime.date
    closes_at: datetime.datetime
    chapters: list[str]
    set_at: int | None = Field(None, alias="set_at_id")
    note: str
    lock_version: int
    sources: list[SourceOut]
    illustrative: bool


class DeadlineIn(Schema):
    date: datetime.date
    chapters: list[str] = Field(..., min_length=1, max_length=30)
    set_at: int | None = None
    note: str = Field("", max_length=2000)
    sources: list[SourceIn] = Field(default_factory=list, max_length=20)


class DelegationOut(Schema):
    name: str
    iso2: str | None
    kind: str
    region: str
    blocs: list[str] = Field(..., description="Slugs of the blocs the delegation belongs to.")
    illustrative: bool
    sources: list[SourceOut]

    @staticmethod
    def resolve_blocs(obj) -> list[str]:
        return [bloc.slug for bloc in obj.blocs.all()]


class DocumentOut(Schema):
    id: int
    kind: str = Field(..., description="draft_text, submission, statement, joint_statement, ...")
    title: str
    authors: str = Field(..., description="As the document names its authors.")
    delegations: list[str] = Field(..., description="ISO codes (or names) of the States.")
    date: datetime.date | None
    when: str = Field(..., description="What the record says of its date when it has none.")
    session: int | None = Field(None, alias="session_id")
    deadline: datetime.date | None = Field(None, description="The roadmap deadline it was for.")
    signatories: int | None = Field(..., description="Only where the record states a count.")
    text: str = Field(..., description="The text where it may be reproduced; else empty.")
    illustrative: bool
    sources: list[SourceOut]

    @staticmethod
    def resolve_delegations(document: Any) -> list[str]:
        return [d.code for d in document.delegations.all()]

    @staticmethod
    def resolve_deadline(document: Any) -> datetime.date | None:
        return document.deadline.date if document.deadline_id else None


class BlocOut(Schema):
    slug: str
    name: str
    illustrative: bool
    members: list[str] = Field(..., description="Names of the member delegations.")
    sources: list[SourceOut]

    @staticmethod
    def resolve_members(obj) -> list[str]:
        return [member.name for member in obj.members.all()]


class VoteRow(Schema):
    iso2: str | None
    name: str
    vote: str


class VoteCounts(Schema):
    yes: int
    no: int
    abstain: int
    absent: int


class VoteResultOut(Schema):
    majority: str = Field(..., description="the rule applied, e.g. two_thirds_present_voting")
    present_and_voting: int = Field(..., description="yes plus no; abstentions do not count")
    required: int = Field(..., description="the fewest votes in favour that carry")
    carried: bool


class DecisionOut(Schema):
    symbol: str
    body: str
    title: str
    date: datetime.date
    method: str
    counts: VoteCounts | None
    result: VoteResultOut | None
    votes: list[VoteRow]
    sources: list[SourceOut]
    illustrative: bool
    summary: str


class ObjectionOut(Schema):
    delegation: str
    reason: str
    objected_at: datetime.datetime


class AccreditationOut(Schema):
    id: int
    organization: str
    organization_name: str
    ecosoc_status: bool
    path: str
    status: str
    requested_at: datetime.datetime
    non_objection_deadline: datetime.datetime | None
    decided_at: datetime.datetime | None
    decision_note: str
    illustrative: bool
    lock_version: int
    objections: list[ObjectionOut] | None = Field(
        None, description="Shown to member states, the secretariat and the chair."
    )


class AccreditationIn(Schema):
    organization: str = Field(..., min_length=1, max_length=80)


class ObjectionIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)


class DecisionIn(Schema):
    admit: bool
    note: str = Field(..., min_length=1, max_length=2000)
    lock_version: int | None = None


class AuditOut(Schema):
    at: datetime.datetime
    who: str = Field(..., alias="actor_label")
    action: str
    # The model's label as it is now, for entries written before a model moved too.
    target_type: str = Field(..., alias="subject_type")
    target_id: str
    target: str = Field(..., alias="target_repr")
    before: dict | None
    after: dict | None
    note: str
