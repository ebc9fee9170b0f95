"""Stances, objections and the consensus map through the API."""

import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from plenary.api.auth import WRITE_AUTH, reader
from plenary.api.schemas import SourceIn, SourceOut
from plenary.errors import InvalidInput, NotAllowed, NotFound
from plenary.positions.readings import issue_forecasts
from plenary.positions.services import (
    PROVISION_PREFIX,
    consensus_on,
    define_issue,
    key_of,
    map_rows,
    numbered,
    object_to_paragraph,
    objections_seen_by,
    record_stance,
    set_capability,
    stance_history,
    subject_named,
    withdraw_objection,
)
from plenary.positions.services.issues import MAX_CAPABILITY
from plenary.process.actors import request_actor
from plenary.process.permissions import require_acting_delegation
from plenary.process.visibility import get_negotiation
from plenary.text import provisions

router = Router(tags=["positions"])


class ProvisionOut(Schema):
    eid: str = Field(..., description="the paragraph's eId, or package_<id>")
    provision: int | None = Field(..., description="the paragraph's stable id (null: a package)")
    label: str = Field(..., description='e.g. "Art. 7(2) — Illegal access"')
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
    provision: int | None = Field(None, description="or a paragraph by its stable id")
    eid: str = Field(
        "", max_length=200, description="or the paragraph's eId, proposal_<id> or package_<id>"
    )
    position: float | None = None
    salience: float | None = None


class StanceOut(Schema):
    id: int
    stance: str
    eid: str = Field(..., description="the paragraph's eId, proposal_<id> or package_<id>")
    provision: int | None = Field(..., alias="provision_id")
    position: float | None
    salience: float | None


class StanceRecordOut(Schema):
    id: int
    delegation: str = Field(..., description="ISO code or name")
    issue: str | None = Field(None, description="the issue's slug, for a stance on an issue")
    eid: str = Field(..., description="a paragraph, proposal_<id> or package_<id>; or empty")
    provision: int | None = Field(..., alias="provision_id")
    label: str = Field("", description='the paragraph, e.g. "Art. 7(2) — Illegal access"')
    made_on: str = Field(
        "", alias="made_on_label", description='"made on Art. 22(1) of …" when renumbered since'
    )
    stance: str
    position: float | None
    salience: float | None
    sources: list[SourceOut]
    illustrative: bool
    recorded_at: datetime.datetime
    stated_on: datetime.date | None = Field(None, description="when the delegation took it")

    @staticmethod
    def resolve_delegation(stance: Any) -> str:
        return stance.delegation.code

    @staticmethod
    def resolve_issue(stance: Any) -> str | None:
        return stance.issue.slug if stance.issue_id else None


class ParagraphObjectionIn(Schema):
    provision: int | None = Field(None, description="a paragraph by its stable id")
    eid: str = Field("", max_length=200, description="or a paragraph's eId, or package_<id>")
    reason: str = Field(..., min_length=1, max_length=2000)


class ParagraphObjectionOut(Schema):
    id: int
    eid: str
    provision: int | None = Field(..., alias="provision_id")
    label: str = Field("", description='the paragraph, e.g. "Art. 7(2) — Illegal access"')
    made_on: str = Field(
        "", alias="made_on_label", description='"made on Art. 22(1) of …" when renumbered since'
    )
    reason: str
    withdrawn_at: datetime.datetime | None = Field(None, description="null while it stands")


class ObjectionRecordOut(ParagraphObjectionOut):
    delegation: str = Field(..., description="ISO code or name")
    objected_at: datetime.datetime
    illustrative: bool

    @staticmethod
    def resolve_delegation(objection: Any) -> str:
        return objection.delegation.code


class ObjectionWithdrawalIn(Schema):
    sources: list[SourceIn] = Field(
        default_factory=list,
        max_length=20,
        description="needed when the secretariat or chair records a delegation's withdrawal",
    )
    note: str = Field("", max_length=2000)


class OptionIn(Schema):
    label: str = Field(..., min_length=1, max_length=120)
    value: float = Field(..., ge=0, le=100)


class IssueIn(Schema):
    slug: str = Field(..., min_length=1, max_length=80)
    title: str = Field(..., min_length=1, max_length=200)
    description: str = Field("", max_length=4000)
    low: str = Field("", max_length=200, description="what 0 means on the scale")
    high: str = Field("", max_length=200, description="what 100 means on the scale")
    provisions: list[int] = Field(
        default_factory=list, max_length=200, description="paragraphs it concerns (stable ids)"
    )
    eids: list[Annotated[str, Field(min_length=1, max_length=200)]] = Field(
        default_factory=list, max_length=200, description="or their eIds in the text you see"
    )
    status_quo: float = Field(0.0, description="the no-agreement point, 0-100")
    options: list[OptionIn] = Field(default_factory=list, max_length=10)
    sources: list[SourceIn] = Field(default_factory=list, max_length=20)
    illustrative: bool = False


class IssueForecastOut(Schema):
    compromise: float
    nash: float
    two_thirds: float


class IssueOut(Schema):
    slug: str
    title: str
    description: str
    low: str
    high: str
    provisions: list[int]
    eids: list[str]
    status_quo: float
    options: list[dict]
    illustrative: bool
    forecast: IssueForecastOut | None = Field(None, description="null until positions are recorded")
    delegations_placed: int = 0


class CapabilityIn(Schema):
    delegation: str = Field(..., min_length=2, max_length=200, description="ISO code or name")
    value: float = Field(..., gt=0, le=MAX_CAPABILITY)
    sources: list[SourceIn] = Field(default_factory=list, max_length=20)
    illustrative: bool = False


class CapabilityOut(Schema):
    delegation: str
    value: float
    illustrative: bool


def _delegation(negotiation: Any, name: str) -> Any:
    delegation = (
        negotiation.delegations.filter(iso2=name.upper()).first()
        or negotiation.delegations.filter(name=name).first()
    )
    if delegation is None:
        raise InvalidInput(_("No delegation %(name)s here.") % {"name": repr(name)})
    return delegation


def _issue(negotiation: Any, slug: str) -> Any:
    issue = negotiation.issues.filter(slug=slug).first()
    if issue is None:
        raise NotFound(_("There is no issue %(slug)s.") % {"slug": repr(slug)})
    return issue


def _issue_out(negotiation: Any, viewer: Any, issue: Any, **fields: Any) -> IssueOut:
    """An issue with the paragraphs it concerns, those the viewer may see."""
    shown = sorted(
        provisions.visible_provisions(negotiation, viewer)
        .filter(pk__in=issue.provisions.values("pk"))
        .values_list("pk", flat=True)
    )
    described = provisions.describe(negotiation, viewer, shown)
    return IssueOut(
        slug=issue.slug,
        title=issue.title,
        description=issue.description,
        low=issue.low,
        high=issue.high,
        provisions=shown,
        eids=[described[p].eid for p in shown if p in described],
        status_quo=issue.status_quo,
        options=issue.options,
        **fields,
    )


@router.get("/{slug}/issues", response=list[IssueOut])
def list_issues(request: HttpRequest, slug: str):
    """The issues, each with its forecast from the delegations' latest positions."""
    negotiation = get_negotiation(slug)
    viewer = reader(request)
    return [
        _issue_out(
            negotiation,
            viewer,
            r.issue,
            illustrative=r.illustrative,
            forecast=r.forecast
            and IssueForecastOut(
                compromise=r.forecast.compromise,
                nash=r.forecast.nash,
                two_thirds=r.forecast.two_thirds,
            ),
            delegations_placed=len(r.positions),
        )
        for r in issue_forecasts(negotiation)
    ]


@router.post("/{slug}/issues", response={201: IssueOut}, auth=WRITE_AUTH)
def make_issue(request: HttpRequest, slug: str, payload: IssueIn):
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    issue = define_issue(
        negotiation,
        by=actor,
        slug=payload.slug,
        title=payload.title,
        description=payload.description,
        low=payload.low,
        high=payload.high,
        provisions=provisions.resolve_many(
            negotiation, actor, provisions=payload.provisions, eids=payload.eids
        ),
        status_quo=payload.status_quo,
        options=[o.dict() for o in payload.options],
        sources=[s.dict() for s in payload.sources],
        illustrative=payload.illustrative,
    )
    return Status(201, _issue_out(negotiation, actor, issue, illustrative=issue.illustrative))


@router.post("/{slug}/capabilities", response={200: CapabilityOut}, auth=WRITE_AUTH)
def make_capability(request: HttpRequest, slug: str, payload: CapabilityIn):
    negotiation = get_negotiation(slug)
    capability = set_capability(
        negotiation,
        by=request_actor(request),
        delegation=_delegation(negotiation, payload.delegation),
        value=payload.value,
        sources=[s.dict() for s in payload.sources],
        illustrative=payload.illustrative,
    )
    return CapabilityOut(
        delegation=capability.delegation.code,
        value=capability.value,
        illustrative=capability.illustrative,
    )


@router.get("/{slug}/consensus", response=list[ProvisionOut])
def consensus(request: HttpRequest, slug: str):
    """Per paragraph of the latest text the caller may see, then (for those at the table) per
    package still on the table (`package_<id>`): who supports, who objects."""
    negotiation = get_negotiation(slug)
    keys, labels, eids = map_rows(negotiation, reader(request))
    return [
        {
            "eid": eids[row.provision],
            "provision": numbered(row.provision, PROVISION_PREFIX),
            "label": labels[row.provision],
            "status": row.status,
            "supporting": row.supporting,
            "objecting": row.objecting,
            "amending": row.amending,
            "reserving": row.reserving,
        }
        for row in consensus_on(negotiation, keys).provisions
    ]


def _named(negotiation: Any, viewer: Any, rows: list[Any]) -> list[Any]:
    """Stances or objections with the name (eId, or package_<id> / proposal_<id>) and the label
    of what each is on in the text the viewer sees now, and where each was made when its
    paragraph was renumbered since."""
    outline = provisions.current_outline(negotiation, viewer)
    described = provisions.describe(
        negotiation,
        viewer,
        [r.provision_id for r in rows if getattr(r, "provision_id", None)],
        outline=outline,
    )
    made_on = provisions.MadeOn(outline)
    for row in rows:
        provision = getattr(row, "provision_id", None)
        seen = described.get(provision) if provision else None
        row.eid = seen.eid if seen else ("" if getattr(row, "issue_id", None) else key_of(row))
        row.label = seen.label if seen else ""
        row.made_on_label = made_on(provision, row.made_on) if provision else ""
    return rows


def _subject(negotiation: Any, viewer: Any, name: str, *, proposals: bool = False) -> Any:
    """A subject named in a query: a stable id (digits) or a name."""
    name = name.strip()
    if name.isdigit():
        return subject_named(negotiation, viewer, provision=int(name))
    return subject_named(negotiation, viewer, name=name, proposals=proposals)


@router.get("/{slug}/stances", response=list[StanceRecordOut])
def list_stances(
    request: HttpRequest,
    slug: str,
    delegation: str = Query(..., min_length=2, max_length=200, description="ISO code or name"),
    provision: str = Query(
        "", max_length=200, description="a paragraph (stable id or eId), proposal or package"
    ),
    issue: str = Query("", max_length=80, description="an issue's slug"),
):
    """A delegation's stances, oldest first: the last on each subject counts, the earlier ones
    are its history. Stances on proposals and informal drafts are for those who see the
    working text."""
    negotiation = get_negotiation(slug)
    viewer = reader(request)
    found = stance_history(
        negotiation,
        _delegation(negotiation, delegation),
        viewer=viewer,
        subject=_subject(negotiation, viewer, provision, proposals=True) if provision else None,
        issue=_issue(negotiation, issue) if issue else None,
    )
    return _named(negotiation, viewer, found)


@router.post("/{slug}/stances", response={201: StanceOut}, auth=WRITE_AUTH)
def make_stance(request: HttpRequest, slug: str, payload: StanceIn):
    negotiation = get_negotiation(slug)
    delegation = _delegation(negotiation, payload.delegation)
    issue = _issue(negotiation, payload.issue) if payload.issue else None
    named = payload.provision is not None or payload.eid
    actor = request_actor(request)
    stance = record_stance(
        negotiation,
        by=actor,
        delegation=delegation,
        stance=payload.stance,
        sources=[s.dict() for s in payload.sources],
        issue=issue,
        subject=subject_named(
            negotiation,
            actor,
            name=payload.eid,
            provision=payload.provision,
            proposals=True,
        )
        if named
        else None,
        position=payload.position,
        salience=payload.salience,
    )
    return Status(201, _named(negotiation, actor, [stance])[0])


@router.get("/{slug}/objections", response=list[ObjectionRecordOut])
def list_objections(
    request: HttpRequest,
    slug: str,
    provision: str = Query(
        "", max_length=200, description="a paragraph (stable id or eId) or package_<id>"
    ),
    delegation: str = Query("", max_length=200, description="ISO code or name"),
    standing: bool = Query(False, description="only those not withdrawn"),
):
    """The objections made, oldest first, withdrawn ones with their date; objections to
    paragraphs of informal drafts, and to packages, are for those who see the working text."""
    negotiation = get_negotiation(slug)
    viewer = reader(request)
    found = objections_seen_by(
        negotiation,
        viewer=viewer,
        subject=_subject(negotiation, viewer, provision) if provision else None,
        delegation=_delegation(negotiation, delegation) if delegation else None,
        standing=standing,
    )
    return _named(negotiation, viewer, found)


@router.post("/{slug}/objections", response={201: ParagraphObjectionOut}, auth=WRITE_AUTH)
def make_objection(request: HttpRequest, slug: str, payload: ParagraphObjectionIn):
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    if actor.delegation is None:
        raise NotAllowed(_("Only a delegation objects."))
    delegation = require_acting_delegation(actor, negotiation)
    objection = object_to_paragraph(
        negotiation,
        by=actor,
        delegation=delegation,
        subject=subject_named(negotiation, actor, name=payload.eid, provision=payload.provision),
        reason=payload.reason,
    )
    return Status(201, _named(negotiation, actor, [objection])[0])


@router.post(
    "/{slug}/objections/{objection_id}/withdraw",
    response=ParagraphObjectionOut,
    auth=WRITE_AUTH,
)
def withdraw_paragraph_objection(
    request: HttpRequest, slug: str, objection_id: int, payload: ObjectionWithdrawalIn
):
    """A delegation withdraws its own objection; the secretariat or chair records a
    delegation's withdrawal from its source."""
    objection = get_negotiation(slug).objections.filter(pk=objection_id).first()
    if objection is None:
        raise NotFound(_("There is no such objection."))
    actor = request_actor(request)
    withdraw_objection(
        objection,
        by=actor,
        sources=[s.dict() for s in payload.sources],
        note=payload.note,
    )
    return _named(objection.negotiation, actor, [objection])[0]
