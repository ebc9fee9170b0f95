"""Schemas of the participation API: agenda, arrangements, registrations, speakers lists,
interventions and their files, each with its own name in the OpenAPI schema."""

import datetime
from typing import Annotated

from django.urls import reverse
from ninja import Field, Schema
from pydantic import AfterValidator, WithJsonSchema

from plenary.api.schemas import SourceIn, SourceOut
from plenary.participation.services import agenda


def _parts(session, provisions) -> tuple[list[int], list[str]]:
    """Parts of the text (stable ids) and their eIds in the text the session's audience sees."""
    outline = agenda.room_outline(session)
    ids = sorted(p.pk for p in provisions)
    return ids, [part.eid for p in ids if (part := outline.get(p)) is not None]


class AgendaItemOut(Schema):
    id: int
    number: int
    title: str
    provisions: list[int] = Field(..., description="parts of the text (stable ids)")
    eids: list[str] = Field(..., description="their eIds in the text the session's audience sees")
    scheduled_at: datetime.datetime | None
    meeting_starts_at: datetime.datetime
    status: str = Field(..., description="not_opened, open (under discussion) or closed")
    opened_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    under_discussion: str = Field(..., description="eId of the paragraph under discussion, or ''")
    under_discussion_provision: int | None = Field(
        ..., description="the paragraph under discussion (stable id), or null"
    )
    lock_version: int
    illustrative: bool
    sources: list[SourceOut]

    @staticmethod
    def resolve_meeting_starts_at(obj) -> datetime.datetime:
        return agenda.meeting_starts_at(obj)

    @staticmethod
    def resolve_provisions(obj) -> list[int]:
        return _parts(obj.session, obj.provisions.all())[0]

    @staticmethod
    def resolve_eids(obj) -> list[str]:
        return _parts(obj.session, obj.provisions.all())[1]

    @staticmethod
    def resolve_under_discussion(obj) -> str:
        if obj.under_discussion_id is None:
            return ""
        part = agenda.room_outline(obj.session).get(obj.under_discussion_id)
        return part.eid if part else ""

    @staticmethod
    def resolve_under_discussion_provision(obj) -> int | None:
        return obj.under_discussion_id


def _in_utc(moment: datetime.datetime | None) -> datetime.datetime | None:
    """A moment with an offset, as the same moment in UTC (the database keeps offsets of at most
    16 hours; real ones are at most 14)."""
    if moment is None or moment.utcoffset() is None:
        return moment
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError as exc:
        raise ValueError("a moment between the years 1 and 9999") from exc


class AgendaItemIn(Schema):
    number: int = Field(..., ge=1, le=999)
    title: str = Field(..., min_length=1, max_length=300)
    provisions: list[int] = Field(
        default_factory=list, max_length=200, description="parts of the text (stable ids)"
    )
    eids: list[str] = Field(
        default_factory=list, max_length=200, description="or their eIds in the text you see"
    )
    scheduled_at: Annotated[datetime.datetime | None, AfterValidator(_in_utc)] = None
    sources: list[SourceIn] = Field(default_factory=list, max_length=20)


# An hour of the day in the session's own city, without an offset (RFC 3339's "partial-time").
LocalTime = Annotated[
    datetime.time,
    WithJsonSchema(
        {
            "type": "string",
            "format": "partial-time",
            "example": "10:00:00",
            "description": "HH:MM[:SS] in the session's own time zone, without an offset",
        }
    ),
]


class ArrangementsOut(Schema):
    opens_at: LocalTime
    closes_at: LocalTime
    registration_closes_days: int
    registration_closes_at: datetime.datetime
    advance_notice_hours: int
    member_state_seconds: int
    bloc_seconds: int
    observer_seconds: int
    stakeholder_seconds: int
    lock_version: int
    illustrative: bool = Field(
        description="True when the arrangements are not from the record (example data)."
    )
    sources: list[SourceOut]
    hours_sources: list[SourceOut] = Field(
        description="Where the meeting hours are published, when the rest is not."
    )


class ArrangementsIn(Schema):
    lock_version: int | None = Field(None, description="The version you edited; older gives 409.")
    opens_at: LocalTime | None = None
    closes_at: LocalTime | None = None
    registration_closes_days: int | None = Field(None, ge=0, le=365)
    advance_notice_hours: int | None = Field(None, ge=0, le=720)
    member_state_seconds: int | None = Field(None, ge=0, le=3600)
    bloc_seconds: int | None = Field(None, ge=0, le=3600)
    observer_seconds: int | None = Field(None, ge=0, le=3600)
    stakeholder_seconds: int | None = Field(None, ge=0, le=3600)


class RegistrationOut(Schema):
    id: int
    name: str
    function: str
    attendance: str
    delegation: str | None
    organization: str | None
    registered_at: datetime.datetime

    @staticmethod
    def resolve_delegation(obj) -> str | None:
        return obj.delegation.name if obj.delegation_id else None

    @staticmethod
    def resolve_organization(obj) -> str | None:
        return obj.organization.slug if obj.organization_id else None


class RegistrationIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    function: str = Field("", max_length=200)
    attendance: str = Field(..., max_length=10, description="in_person or remote")


class SpeakerOut(Schema):
    id: int
    place: int
    speaker: str
    delegation: str | None
    on_behalf_of: str | None
    organization: str | None
    group: str
    status: str
    late: bool
    ordered_by_chair: bool
    requested_at: datetime.datetime
    called_at: datetime.datetime | None
    speaking_seconds: int
    illustrative: bool


class SpeakerIn(Schema):
    delegation: str | None = Field(
        None, max_length=200, description="ISO code or name (secretariat and chair only)"
    )
    organization: str | None = Field(
        None, max_length=80, description="slug (secretariat and chair only)"
    )
    on_behalf_of: str | None = Field(None, max_length=60, description="the group's slug")


class OrderIn(Schema):
    order: list[int] = Field(..., max_length=500, description="ids of every waiting speaker")


class InterventionFileOut(Schema):
    id: int
    name: str
    kind: str = Field(..., description="pdf, docx, odt or txt")
    size: int
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        item = obj.intervention.agenda_item
        return reverse(
            "intervention-file",
            args=[
                item.session.negotiation.slug,
                item.session_id,
                item.pk,
                obj.intervention_id,
                obj.pk,
            ],
        )


class InterventionOut(Schema):
    id: int
    kind: str
    author: str
    delegation: str | None
    organization: str | None
    title: str
    text: str
    provisions: list[int] = Field(..., description="parts of the text addressed (stable ids)")
    eids: list[str] = Field(..., description="their eIds in the text the session's audience sees")
    published_at: datetime.datetime
    illustrative: bool
    files: list[InterventionFileOut]

    @staticmethod
    def resolve_files(obj) -> list:
        return list(obj.files.all())

    @staticmethod
    def resolve_provisions(obj) -> list[int]:
        return _parts(obj.agenda_item.session, obj.provisions.all())[0]

    @staticmethod
    def resolve_eids(obj) -> list[str]:
        return _parts(obj.agenda_item.session, obj.provisions.all())[1]

    @staticmethod
    def resolve_author(obj) -> str:
        return obj.author_label

    @staticmethod
    def resolve_delegation(obj) -> str | None:
        return obj.delegation.name if obj.delegation_id else None

    @staticmethod
    def resolve_organization(obj) -> str | None:
        return obj.organization.slug if obj.organization_id else None


class InterventionIn(Schema):
    title: str = Field("", max_length=300)
    text: str = Field(..., min_length=1, max_length=50_000)
    provisions: list[int] = Field(
        default_factory=list, max_length=200, description="parts of the text addressed"
    )
    eids: list[str] = Field(
        default_factory=list, max_length=200, description="or their eIds in the text you see"
    )


class UnderDiscussionIn(Schema):
    provision: int | None = Field(None, description="a paragraph by its stable id")
    eid: str = Field("", max_length=200, description="or its eId; neither for none")
    lock_version: int | None = Field(None, description="The version you edited; older gives 409.")
