"""Pages of the negotiating process; thin: parse, call a service, render."""

from django.contrib import messages
from django.db.models import Count, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenary.errors import NotAllowed, NotFound
from plenary.forms import Back, handle_form
from plenary.page_cache import public_page
from plenary.process.actors import request_actor
from plenary.process.capabilities import can_run_process, can_see_accreditation_list
from plenary.process.forms import (
    DecisionForm,
    ListOrganizationForm,
    ObjectionForm,
    ReconveneForm,
    RoadmapDeadlineForm,
    SessionForm,
    SuspendForm,
)
from plenary.process.models import Bloc, Negotiation, Role, Session, SessionEvent
from plenary.process.models.accreditation import AccreditationStatus
from plenary.process.models.negotiation import CommitteeRole
from plenary.process.models.participants import DelegationKind
from plenary.process.names import delegations_by_name, name_in
from plenary.process.permissions import (
    require_acting_delegation,
    require_runs_process,
    require_signed_in,
)
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

KIND_ORDER = [DelegationKind.MEMBER_STATE, DelegationKind.OBSERVER_STATE, DelegationKind.REIO]
BUREAU_ORDER = [CommitteeRole.CHAIR, CommitteeRole.VICE_CHAIR, CommitteeRole.RAPPORTEUR]


def timeline(negotiation: Negotiation) -> QuerySet[Session]:
    """Every session, closed ones as facts for those who may not see their content (the
    template asks `content_shown_to`)."""
    return listed_sessions(negotiation).prefetch_related(
        Prefetch("events", queryset=SessionEvent.objects.order_by("date", "id"))
    )


@require_GET
@public_page(floor=False)
def session_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    session = get_listed_session(negotiation, pk)
    actor = request_actor(request)
    if not sees_content(actor, session):
        return render(
            request, "process/session_facts.html", {"negotiation": negotiation, "session": session}
        )
    return render(
        request,
        "process/session.html",
        {
            "negotiation": negotiation,
            "session": session,
            "events": session.events.all(),
            "resumptions": visible_sessions(actor, negotiation).filter(resumes=session),
            "deadlines": session.roadmap_deadlines.all(),
            "documents": session.documents.prefetch_related("delegations"),
        },
    )


@require_GET
@public_page(floor=False)
def documents(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    records = (
        visible_documents(request_actor(request), negotiation)
        .select_related("session")
        .prefetch_related("delegations")
    )
    return render(
        request, "process/documents.html", {"negotiation": negotiation, "documents": records}
    )


@require_GET
@public_page(floor=False)
def delegations(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    first = negotiation.delegations.order_by("kind", "name").first()
    # Read once, by the list of blocs, and again by nobody: the table names them from it.
    blocs = negotiation.blocs.annotate(size=Count("members"))
    return render(
        request,
        "process/delegations.html",
        {
            "negotiation": negotiation,
            # Computed only when the page is not in the cache (page_cache: shared_fragment).
            "delegations": SimpleLazyObject(lambda: _delegation_rows(negotiation, blocs)),
            "first": first,
            "blocs": blocs,
        },
    )


def _delegation_rows(negotiation: Negotiation, blocs) -> list[dict[str, str]]:
    """Every delegation as plain values, by kind and in the language's order of their UN
    names, its blocs named: a table of two hundred delegations renders several times faster
    from these than from the records."""
    kinds = {value: str(label) for value, label in DelegationKind.choices}
    named = Bloc.names_by_delegation(negotiation, blocs)
    return [
        {
            "name": name_in(delegation),
            "iso2": delegation.iso2 or "",
            "kind": kinds[delegation.kind],
            "region": delegation.region,
            "blocs": named.get(delegation.pk, ""),
        }
        for delegation in sorted(
            delegations_by_name(negotiation.delegations.all()),
            key=lambda d: KIND_ORDER.index(d.kind),
        )
    ]


def _accreditation_page(request: HttpRequest, negotiation: Negotiation, bound=None, status=200):
    """The accreditation page, with a form that came back refused (`bound`) in its place."""
    user = request_actor(request)
    requests = list(
        visible_accreditation_requests(user, negotiation).prefetch_related("objections__delegation")
    )
    own_request = None
    if user.organization_id:
        own_request = next((r for r in requests if r.organization_id == user.organization_id), None)
    own_delegation = user.delegation if user.role == Role.DELEGATION else None
    objecting = own_delegation if own_delegation and own_delegation.is_member_state else None
    already_objected = (
        set(objecting.accreditation_objections.values_list("request_id", flat=True))
        if objecting is not None
        else set()
    )
    bound = bound or {}
    rows = []
    for r in requests:
        objection = decision = None
        open_to_objection = r.effective_status in {
            AccreditationStatus.PENDING,
            AccreditationStatus.HELD,
        }
        if objecting is not None and open_to_objection and r.pk not in already_objected:
            objection = bound.get(("object", r.pk)) or _objection_form(negotiation, r, objecting)
        if can_run_process(user) and r.effective_status == AccreditationStatus.HELD:
            decision = bound.get(("decide", r.pk)) or _decision_form(negotiation, r)
        rows.append((r, objection, decision))
    return render(
        request,
        "process/accreditation.html",
        {
            "negotiation": negotiation,
            "rows": rows,
            "sees_list": can_see_accreditation_list(user),
            "own_request": own_request,
            "already_objected": already_objected,
            "list_form": bound.get("list") or _list_form(negotiation),
        },
        status=status,
    )


def _objection_form(negotiation, target, delegation, data=None) -> ObjectionForm:
    return ObjectionForm(
        data,
        key=f"object-{target.pk}",
        delegation=delegation,
        action=reverse("accreditation-object", args=[negotiation.slug, target.pk]),
    )


def _decision_form(negotiation, target, data=None) -> DecisionForm:
    return DecisionForm(
        data,
        key=f"decide-{target.pk}",
        initial={"lock_version": target.lock_version},
        action=reverse("accreditation-decide", args=[negotiation.slug, target.pk]),
    )


def _list_form(negotiation, data=None) -> ListOrganizationForm:
    return ListOrganizationForm(
        data, action=reverse("accreditation-list-organization", args=[negotiation.slug])
    )


@require_GET
def accreditation_list(request: HttpRequest, slug: str) -> HttpResponse:
    return _accreditation_page(request, get_negotiation(slug))


def _back_to_accreditation(negotiation: Negotiation) -> Back:
    return Back(_("Back to accreditation"), reverse("accreditation", args=[negotiation.slug]))


@require_POST
def accreditation_request(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = require_signed_in(request_actor(request))
    organization = actor.organization
    if organization is None:
        raise NotAllowed(_("Only a stakeholder can ask for their organization's accreditation."))
    result = accreditation.request_accreditation(negotiation, organization, by=actor)
    messages.success(
        request, _("Request recorded: %(status)s.") % {"status": result.effective_status_label}
    )
    return redirect("accreditation", slug=slug)


def _accreditation_request(negotiation: Negotiation, pk: int):
    found = negotiation.accreditation_requests.filter(pk=pk).select_related("organization").first()
    if found is None:
        raise NotFound(_("There is no such accreditation request."))
    return found


@require_POST
def accreditation_object(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    target = _accreditation_request(negotiation, pk)
    actor = require_signed_in(request_actor(request))
    if actor.delegation is None:
        raise NotAllowed(_("Only a member state's delegation can object."))
    delegation = require_acting_delegation(actor, negotiation)
    form = _objection_form(negotiation, target, actor.delegation, request.POST)

    def act(data):
        accreditation.object_to_accreditation(
            target, by=actor, delegation=delegation, reason=data["reason"]
        )
        return reverse("accreditation", args=[slug])

    return handle_form(
        request,
        form,
        act,
        done=_("Objection recorded for %(org)s.") % {"org": target.organization},
        heading=_("Object to %(org)s") % {"org": target.organization},
        negotiation=negotiation,
        page=lambda form, status: _accreditation_page(
            request, negotiation, {("object", target.pk): form}, status
        ),
    )


@require_POST
def accreditation_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    target = _accreditation_request(negotiation, pk)
    actor = request_actor(request)
    require_runs_process(actor, _("record accreditation decisions"))
    form = _decision_form(negotiation, target, request.POST)

    def act(data):
        accreditation.decide_accreditation(
            target,
            by=actor,
            admit=data["admit"],
            note=data["note"],
            expected_version=data["lock_version"],
        )
        return reverse("accreditation", args=[slug])

    return handle_form(
        request,
        form,
        act,
        done=_("Decision recorded for %(org)s.") % {"org": target.organization},
        page=lambda form, status: _accreditation_page(
            request, negotiation, {("decide", target.pk): form}, status
        ),
    )


@require_POST
def accreditation_list_organization(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    require_runs_process(actor, _("list organizations"))
    form = _list_form(negotiation, request.POST)

    def act(data):
        listed = accreditation.list_organization(negotiation, by=actor, **data)
        messages.success(request, _("%(org)s listed.") % {"org": listed.organization})
        return reverse("accreditation", args=[slug])

    return handle_form(
        request,
        form,
        act,
        page=lambda form, status: _accreditation_page(request, negotiation, {"list": form}, status),
    )


@require_GET
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    require_runs_process(request_actor(request), _("manage the process"))
    return render(
        request,
        "process/manage.html",
        {
            "negotiation": negotiation,
            "timeline": timeline(negotiation),
            "roadmap": negotiation.roadmap.all(),
        },
    )


def _without_version(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "lock_version"}


def _back_to_session(negotiation: Negotiation, session) -> Back:
    return Back(
        _("Back to %(session)s") % {"session": session},
        reverse("session", args=[negotiation.slug, session.pk]),
    )


def _back_to_manage(negotiation: Negotiation) -> Back:
    return Back(_("Back to running the process"), reverse("manage", args=[negotiation.slug]))


@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    require_runs_process(actor, _("create sessions"))

    def act(data):
        created = sessions.create_session(negotiation, by=actor, **_without_version(data))
        return reverse("session", args=[slug, created.pk])

    form = SessionForm(
        request.POST or None, initial={"timezone": negotiation.timezone}, action=request.path
    )
    return handle_form(
        request,
        form,
        act,
        done=_("Session created."),
        heading=_("New session"),
        negotiation=negotiation,
        back=_back_to_manage(negotiation),
    )


@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    require_runs_process(actor, _("edit sessions"))
    session = get_visible_session(actor, negotiation, pk)

    def act(data):
        sessions.update_session(
            session,
            by=actor,
            expected_version=data["lock_version"],
            **_without_version(data),
        )
        return reverse("session", args=[slug, session.pk])

    initial = {"lock_version": session.lock_version}
    form = SessionForm(request.POST or None, instance=session, initial=initial, action=request.path)
    return handle_form(
        request,
        form,
        act,
        done=_("Session saved."),
        heading=_("Edit %(s)s") % {"s": session},
        negotiation=negotiation,
        back=_back_to_session(negotiation, session),
    )


@require_http_methods(["GET", "POST"])
def session_suspend(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    require_runs_process(actor, _("suspend sessions"))
    session = get_visible_session(actor, negotiation, pk)

    def act(data):
        sessions.suspend_session(session, by=actor, **data)
        return reverse("session", args=[slug, session.pk])

    return handle_form(
        request,
        SuspendForm(request.POST or None, action=request.path),
        act,
        done=_("Session suspended."),
        heading=_("Suspend %(s)s") % {"s": session},
        negotiation=negotiation,
        back=_back_to_session(negotiation, session),
    )


@require_http_methods(["GET", "POST"])
def session_reconvene(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    require_runs_process(actor, _("reconvene sessions"))
    session = get_visible_session(actor, negotiation, pk)

    def act(data):
        resumed = sessions.reconvene_session(session, by=actor, **data)
        return reverse("session", args=[slug, resumed.pk])

    initial = {
        "city": session.city,
        "venue": session.venue,
        "timezone": session.timezone,
        "mode": session.mode,
    }
    form = ReconveneForm(request.POST or None, initial=initial, action=request.path)
    return handle_form(
        request,
        form,
        act,
        done=_("Session reconvened."),
        heading=_("Reconvene %(s)s") % {"s": session},
        negotiation=negotiation,
        back=_back_to_session(negotiation, session),
    )


@require_http_methods(["GET", "POST"])
def deadline_create(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    require_runs_process(actor, _("set roadmap deadlines"))

    def act(data):
        roadmap.set_roadmap_deadline(negotiation, by=actor, **_without_version(data))
        return reverse("manage", args=[slug])

    return handle_form(
        request,
        RoadmapDeadlineForm(request.POST or None, action=request.path),
        act,
        done=_("Deadline set."),
        heading=_("New roadmap deadline"),
        negotiation=negotiation,
        back=_back_to_manage(negotiation),
    )


@require_http_methods(["GET", "POST"])
def deadline_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    require_runs_process(actor, _("move roadmap deadlines"))
    deadline = negotiation.roadmap.filter(pk=pk).first()
    if deadline is None:
        raise NotFound(_("There is no such deadline."))

    def act(data):
        roadmap.move_roadmap_deadline(
            deadline,
            by=actor,
            expected_version=data["lock_version"],
            date=data["date"],
            chapters=data["chapters"],
            note=data["note"],
        )
        return reverse("manage", args=[slug])

    initial = {
        "date": deadline.date,
        "chapters": "\n".join(deadline.chapters),
        "note": deadline.note,
        "lock_version": deadline.lock_version,
    }
    return handle_form(
        request,
        RoadmapDeadlineForm(request.POST or None, initial=initial, action=request.path),
        act,
        done=_("Deadline saved."),
        heading=_("Move deadline"),
        negotiation=negotiation,
        back=_back_to_manage(negotiation),
    )
