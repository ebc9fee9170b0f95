"""Stances, objections and the consensus map through the API."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from plenary.api.auth import WRITE_AUTH, reader
from plenary.api.schemas import SourceIn
from plenary.errors import InvalidInput, NotAllowed, NotFound
from plenary.positions.services import consensus_on, object_to_paragraph, record_stance
from plenary.process.visibility import get_negotiation, visible_versions
from plenary.text.structure import walk_paragraphs

router = Router(tags=["positions"])


class ProvisionOut(Schema):
    eid: str = Field(..., alias="provision")
    status: str
    supporting: list[str]
    objecting: list[str]
    amending: list[str]
    reserving: list[str]


class StanceIn(Schema):
    delegation: str = Field(..., min_length=2, max_length=200, description="ISO code or name")
    stance: str = Field(..., max_length=20)
    sources: list[SourceIn] = Field(..., max_length=20)
    issue: str | None = Field(None, max_length=80, description="the issue's slug")
    eid: str = Field("", max_length=200, description="or the paragraph's eId")
    position: float | None = None
    salience: float | None = None


class StanceOut(Schema):
    id: int
    stance: str
    eid: str
    position: float | None
    salience: float | None


class ObjectionIn(Schema):
    eid: str = Field(..., min_length=1, max_length=200)
    reason: str = Field(..., min_length=1, max_length=2000)


class ObjectionOut(Schema):
    id: int
    eid: str
    reason: str


@router.get("/{slug}/consensus", response=list[ProvisionOut])
def consensus(request: HttpRequest, slug: str):
    """Per paragraph of the latest version the caller may see: who supports, who objects."""
    negotiation = get_negotiation(slug)
    version = visible_versions(reader(request), negotiation).order_by("-position").first()
    if version is None:
        return []
    eids = [p["eid"] for p in walk_paragraphs(version.content)]
    return consensus_on(negotiation, eids).provisions


@router.post("/{slug}/stances", response={201: StanceOut}, auth=WRITE_AUTH)
def make_stance(request: HttpRequest, slug: str, payload: StanceIn):
    negotiation = get_negotiation(slug)
    delegation = (
        negotiation.delegations.filter(iso2=payload.delegation.upper()).first()
        or negotiation.delegations.filter(name=payload.delegation).first()
    )
    if delegation is None:
        raise InvalidInput(_("No delegation %(name)s here.") % {"name": repr(payload.delegation)})
    issue = None
    if payload.issue:
        issue = negotiation.issues.filter(slug=payload.issue).first()
        if issue is None:
            raise NotFound(_("There is no issue %(slug)s.") % {"slug": repr(payload.issue)})
    stance = record_stance(
        negotiation,
        by=request.user,
        delegation=delegation,
        stance=payload.stance,
        sources=[s.dict() for s in payload.sources],
        issue=issue,
        eid=payload.eid,
        position=payload.position,
        salience=payload.salience,
    )
    return Status(201, stance)


@router.post("/{slug}/objections", response={201: ObjectionOut}, auth=WRITE_AUTH)
def make_objection(request: HttpRequest, slug: str, payload: ObjectionIn):
    delegation: Any = getattr(request.user, "delegation", None)
    if delegation is None:
        raise NotAllowed(_("Only a delegation objects."))
    objection = object_to_paragraph(
        get_negotiation(slug),
        by=request.user,
        delegation=delegation,
        eid=payload.eid,
        reason=payload.reason,
    )
    return Status(201, objection)
