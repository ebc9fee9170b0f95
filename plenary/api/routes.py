"""The JSON API: reads are public (within what each caller may see), writes need an account."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from plenary.api.advocacy import router as advocacy_router
from plenary.api.analysis import router as analysis_router
from plenary.api.auth import WRITE_AUTH, reader
from plenary.api.errors import PlenaryAPI
from plenary.api.notifications import router as notifications_router
from plenary.api.participation import router as participation_router
from plenary.api.positions import router as positions_router
from plenary.api.schemas import (
    AccreditationIn,
    AccreditationOut,
    AuditOut,
    BlocOut,
    DeadlineIn,
    DeadlineOut,
    DecisionIn,
    DecisionOut,
    DelegationOut,
    DocumentOut,
    NegotiationOut,
    ObjectionIn,
    ReconveneIn,
    SessionIn,
    SessionOut,
    SessionPatch,
    SuspendIn,
)
from plenary.api.text import router as text_router
from plenary.api.treaty import router as treaty_router
from plenary.audit.models import AuditEntry
from plenary.audit_trail import visible_entries
from plenary.decisions.models import Decision, DecisionMethod
from plenary.decisions.services import majority_of, vote_counts, vote_result
from plenary.errors import InvalidInput, NotAllowed, NotFound
from plenary.page_cache import public_page
from plenary.process.actors import request_actor
from plenary.process.capabilities import can_run_process, can_see_accreditation_list
from plenary.process.models import Negotiation, Organization, Session
from plenary.process.permissions import require_acting_delegation, require_runs_process
from plenary.process.services import accreditation, roadmap, sessions
from plenary.process.visibility import (
    get_listed_session,
    get_negotiation,
    get_visible_session,
    listed_sessions,
    sees_content,
    visible_accreditation_requests,
    visible_documents,
    visible_sessions,
)

api = PlenaryAPI(
    title="Plenary API",
    version="1",
    description=(
        "Read and run a multilateral treaty negotiation. Reads are open to the public within "
        "what each caller may see; writes need a signed-in session or an API token "
        "(`Authorization: Bearer TOKEN`)."
    ),
    urls_namespace="api",
)


negotiations = Router(tags=["negotiations"])
accreditations = Router(tags=["accreditation"])
votes = Router(tags=["votes"])


def _session(request: HttpRequest, slug: str, session_id: int) -> Session:
    return get_visible_session(reader(request), get_negotiation(slug), session_id)


@negotiations.get("", response=list[NegotiationOut])
@public_page(floor=False)
def list_negotiations(request: HttpRequest):
    return Negotiation.objects.select_related("parent")


@negotiations.get("/{slug}", response=NegotiationOut)
@public_page(floor=False)
def negotiation_detail(request: HttpRequest, slug: str):
    return get_negotiation(slug)


def _as_seen(user: Any, session: Session) -> Session:
    """Closed meetings are facts for everyone; their content only for those who may see it."""
    session.content_withheld = not sees_content(user, session)  # type: ignore[attr-defined]
    return session


@negotiations.get("/{slug}/sessions", response=list[SessionOut])
@public_page(floor=False)
def list_sessions(request: HttpRequest, slug: str):
    user = reader(request)
    sessions = listed_sessions(get_negotiation(slug)).prefetch_related("events")
    return [_as_seen(user, session) for session in sessions]


@negotiations.get("/{slug}/sessions/{session_id}", response=SessionOut)
@public_page(floor=False)
def session_detail(request: HttpRequest, slug: str, session_id: int):
    session = get_listed_session(get_negotiation(slug), session_id)
    return _as_seen(reader(request), session)


@negotiations.post("/{slug}/sessions", response={201: SessionOut}, auth=WRITE_AUTH)
def create_session(request: HttpRequest, slug: str, payload: SessionIn):
    fields = payload.dict()
    return Status(
        201, sessions.create_session(get_negotiation(slug), by=request_actor(request), **fields)
    )


@negotiations.patch("/{slug}/sessions/{session_id}", response=SessionOut, auth=WRITE_AUTH)
def update_session(request: HttpRequest, slug: str, session_id: int, payload: SessionPatch):
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("lock_version")
    session = _session(request, slug, session_id)
    return sessions.update_session(
        session, by=request_actor(request), expected_version=version, **changes
    )


@negotiations.post("/{slug}/sessions/{session_id}/suspend", response=SessionOut, auth=WRITE_AUTH)
def suspend_session(request: HttpRequest, slug: str, session_id: int, payload: SuspendIn):
    session = _session(request, slug, session_id)
    return sessions.suspend_session(session, by=request_actor(request), **payload.dict())


@negotiations.post(
    "/{slug}/sessions/{session_id}/reconvene", response={201: SessionOut}, auth=WRITE_AUTH
)
def reconvene_session(request: HttpRequest, slug: str, session_id: int, payload: ReconveneIn):
    session = _session(request, slug, session_id)
    return Status(
        201, sessions.reconvene_session(session, by=request_actor(request), **payload.dict())
    )


@negotiations.get("/{slug}/roadmap", response=list[DeadlineOut])
@public_page(floor=False)
def list_roadmap(request: HttpRequest, slug: str):
    return get_negotiation(slug).roadmap.select_related("negotiation")


@negotiations.post("/{slug}/roadmap", response={201: DeadlineOut}, auth=WRITE_AUTH)
def set_deadline(request: HttpRequest, slug: str, payload: DeadlineIn):
    negotiation = get_negotiation(slug)
    fields = payload.dict()
    set_at_id = fields.pop("set_at")
    set_at = None
    actor = request_actor(request)
    if set_at_id is not None:
        set_at = visible_sessions(actor, negotiation).filter(pk=set_at_id).first()
        if set_at is None:
            raise InvalidInput(
                _("There is no session %(id)s in this negotiation.") % {"id": set_at_id}
            )
    return Status(
        201,
        roadmap.set_roadmap_deadline(negotiation, by=actor, set_at=set_at, **fields),
    )


@negotiations.get("/{slug}/delegations", response=list[DelegationOut])
@public_page(floor=False)
def list_delegations(request: HttpRequest, slug: str):
    return get_negotiation(slug).delegations.prefetch_related("blocs")


@negotiations.get("/{slug}/documents", response=list[DocumentOut])
def list_documents(request: HttpRequest, slug: str):
    """Documents on the record, newest first; those of closed meetings only for who may see."""
    return (
        visible_documents(reader(request), get_negotiation(slug))
        .select_related("deadline")
        .prefetch_related("delegations")
    )


@negotiations.get("/{slug}/blocs", response=list[BlocOut])
@public_page(floor=False)
def list_blocs(request: HttpRequest, slug: str):
    return get_negotiation(slug).blocs.prefetch_related("members")


@negotiations.get("/{slug}/audit", response=list[AuditOut], auth=WRITE_AUTH)
def audit_trail(request: HttpRequest, slug: str, limit: int = 200):
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    require_runs_process(actor, _("read the audit trail"))
    entries = list(AuditEntry.objects.filter(negotiation=negotiation)[: max(1, min(limit, 1000))])
    # Entries about what this person may not see (a private coalition's drafts) are left out.
    return visible_entries(actor, negotiation, entries)


def _accreditation_out(request_obj, show_objections: bool) -> dict:
    return {
        "id": request_obj.pk,
        "organization": request_obj.organization.slug,
        "organization_name": request_obj.organization.name,
        "ecosoc_status": request_obj.organization.ecosoc_status,
        "path": request_obj.path,
        "status": request_obj.effective_status,
        "requested_at": request_obj.requested_at,
        "non_objection_deadline": request_obj.non_objection_deadline,
        "decided_at": request_obj.decided_on,
        "decision_note": request_obj.decision,
        "illustrative": request_obj.illustrative,
        "lock_version": request_obj.lock_version,
        "objections": [
            {"delegation": o.delegation.name, "reason": o.reason, "objected_at": o.objected_at}
            for o in request_obj.objections.all()
        ]
        if show_objections
        else None,
    }


def _accreditation_request(negotiation: Negotiation, request_id: int):
    found = negotiation.accreditation_requests.filter(pk=request_id).first()
    if found is None:
        raise NotFound(_("There is no such accreditation request."))
    return found


@accreditations.get("/{slug}/accreditation", response=list[AccreditationOut])
def list_accreditation(request: HttpRequest, slug: str):
    negotiation = get_negotiation(slug)
    user = reader(request)
    shown = visible_accreditation_requests(user, negotiation).prefetch_related(
        "objections__delegation"
    )
    return [_accreditation_out(r, can_see_accreditation_list(user)) for r in shown]


@accreditations.post("/{slug}/accreditation", response={201: AccreditationOut}, auth=WRITE_AUTH)
def request_accreditation(request: HttpRequest, slug: str, payload: AccreditationIn):
    negotiation = get_negotiation(slug)
    organization = Organization.objects.filter(slug=payload.organization).first()
    if organization is None:
        raise InvalidInput(
            _("There is no organization %(slug)s.") % {"slug": repr(payload.organization)}
        )
    actor = request_actor(request)
    created = accreditation.request_accreditation(negotiation, organization, by=actor)
    return Status(201, _accreditation_out(created, can_run_process(actor)))


@accreditations.post(
    "/{slug}/accreditation/{request_id}/objections",
    response={201: AccreditationOut},
    auth=WRITE_AUTH,
)
def object_to_accreditation(request: HttpRequest, slug: str, request_id: int, payload: ObjectionIn):
    negotiation = get_negotiation(slug)
    target = _accreditation_request(negotiation, request_id)
    actor = request_actor(request)
    if actor.delegation is None:
        raise NotAllowed(_("Only a member state's delegation can object."))
    delegation = require_acting_delegation(actor, negotiation)
    accreditation.object_to_accreditation(
        target, by=actor, delegation=delegation, reason=payload.reason
    )
    target.refresh_from_db()
    return Status(201, _accreditation_out(target, True))


@accreditations.post(
    "/{slug}/accreditation/{request_id}/decision", response=AccreditationOut, auth=WRITE_AUTH
)
def decide_accreditation(request: HttpRequest, slug: str, request_id: int, payload: DecisionIn):
    target = _accreditation_request(get_negotiation(slug), request_id)
    decided = accreditation.decide_accreditation(
        target,
        by=request_actor(request),
        admit=payload.admit,
        note=payload.note,
        expected_version=payload.lock_version,
    )
    return _accreditation_out(decided, True)


@votes.get("/{path:symbol}", response=DecisionOut)
@public_page(floor=False)
def vote_detail(request: HttpRequest, symbol: str):
    decision = Decision.objects.filter(symbol=symbol).first()
    if decision is None:
        raise NotFound(_("There is no recorded decision %(symbol)s.") % {"symbol": symbol})
    rows = decision.votes.select_related("delegation").order_by("delegation__name")
    result = vote_result(decision)
    return {
        "symbol": decision.symbol,
        "body": decision.body,
        "title": decision.title,
        "date": decision.date,
        "method": decision.method,
        "counts": vote_counts(decision)
        if decision.method == DecisionMethod.RECORDED_VOTE
        else None,
        "result": result
        and {
            "majority": majority_of(decision),
            "present_and_voting": result.present_and_voting,
            "required": result.required,
            "carried": result.carried,
        },
        "votes": [
            {"iso2": v.delegation.iso2, "name": v.delegation.name, "vote": v.vote} for v in rows
        ],
        "sources": decision.sources,
        "illustrative": decision.illustrative,
        "summary": decision.summary,
    }


api.add_router("/negotiations", negotiations)
api.add_router("/negotiations", accreditations)
api.add_router("/votes", votes)
api.add_router("/analysis", analysis_router)
api.add_router("/negotiations", text_router)
api.add_router("/negotiations", positions_router)
api.add_router("/negotiations", treaty_router)
api.add_router("/negotiations", participation_router)
api.add_router("/negotiations", advocacy_router)
api.add_router("", notifications_router)
