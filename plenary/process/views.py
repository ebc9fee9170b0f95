"""Pages of the negotiating process; thin: parse, call a service, render."""

from django.contrib import messages
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenary.audit.models import AuditEntry
from plenary.errors import NotAllowed, NotFound, PlenaryError
from plenary.form_pages import form_page
from plenary.page_cache import public_page
from plenary.positions.models import Decision
from plenary.positions.services import vote_counts
from plenary.process.forms import (
    DecisionForm,
    ListOrganizationForm,
    ObjectionForm,
    ReconveneForm,
    RoadmapDeadlineForm,
    SessionForm,
    SuspendForm,
)
from plenary.process.models import Bloc, Negotiation, Role, SessionEvent
from plenary.process.models.negotiation import CommitteeRole
from plenary.process.models.participants import DelegationKind
from plenary.process.permissions import require_runs_process, require_signed_in
from plenary.process.services import accreditation, organizations, roadmap, sessions
from plenary.process.visibility import (
    get_negotiation,
    get_visible_session,
    sees_accreditation_list,
    visible_accreditation_requests,
    visible_sessions,
)

BUREAU_ORDER = [CommitteeRole.CHAIR, CommitteeRole.VICE_CHAIR, CommitteeRole.RAPPORTEUR]


@require_GET
@public_page
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "process/home.html", {"negotiations": Negotiation.objects.all()})


def _timeline(request: HttpRequest, negotiation: Negotiation):
    return visible_sessions(request.user, negotiation).prefetch_related(
        Prefetch("events", queryset=SessionEvent.objects.order_by("date", "id"))
    )


@require_GET
@public_page
def negotiation_home(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    mandate = Decision.objects.filter(symbol=negotiation.mandate).first()
    return render(
        request,
        "process/negotiation.html",
        {
            "negotiation": negotiation,
            "mandate": mandate,
            "mandate_counts": vote_counts(mandate) if mandate else None,
            "decisions": negotiation.decisions.exclude(symbol=negotiation.mandate),
            "bureau": sorted(
                negotiation.bureau.select_related("delegation"),
                key=lambda member: BUREAU_ORDER.index(member.role),
            ),
            "timeline": _timeline(request, negotiation),
            "roadmap": negotiation.roadmap.select_related("set_at"),
        },
    )


@require_GET
@public_page
def session_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    session = get_visible_session(request.user, negotiation, pk)
    return render(
        request,
        "process/session.html",
        {
            "negotiation": negotiation,
            "session": session,
            "events": session.events.all(),
            "resumptions": visible_sessions(request.user, negotiation).filter(resumes=session),
            "deadlines": session.roadmap_deadlines.all(),
        },
    )


@require_GET
@public_page
def delegations(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    first = negotiation.delegations.order_by("kind", "name").first()
    return render(
        request,
        "process/delegations.html",
        {
            "negotiation": negotiation,
            # Computed only when the page is not in the cache (page_cache: shared_fragment).
            "delegations": SimpleLazyObject(lambda: _delegation_rows(negotiation)),
            "first": first,
            "blocs": negotiation.blocs.annotate(size=Count("members")),
        },
    )


def _delegation_rows(negotiation: Negotiation) -> list[dict[str, str]]:
    """Every delegation as plain values, its blocs named: a table of two hundred delegations
    renders several times faster from these than from the records."""
    kinds = {value: str(label) for value, label in DelegationKind.choices}
    blocs = Bloc.names_by_delegation(negotiation)
    return [
        {
            "name": name,
            "iso2": iso2 or "",
            "kind": kinds[kind],
            "region": region,
            "blocs": blocs.get(pk, ""),
        }
        for pk, name, iso2, kind, region in negotiation.delegations.order_by(
            "kind", "name"
        ).values_list("pk", "name", "iso2", "kind", "region")
    ]


@require_GET
def accreditation_list(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    accreditation.admit_lapsed_requests(negotiation)
    user = request.user
    requests = visible_accreditation_requests(user, negotiation).prefetch_related(
        "objections__delegation"
    )
    own_request = None
    if getattr(user, "organization_id", None):
        own_request = requests.filter(organization_id=user.organization_id).first()
    can_object = getattr(user, "role", "") == Role.DELEGATION and user.delegation.is_member_state
    already_objected = (
        set(user.delegation.accreditation_objections.values_list("request_id", flat=True))
        if can_object
        else set()
    )
    return render(
        request,
        "process/accreditation.html",
        {
            "negotiation": negotiation,
            "requests": requests,
            "sees_list": sees_accreditation_list(user),
            "own_request": own_request,
            "can_object": can_object,
            "already_objected": already_objected,
            "list_form": ListOrganizationForm(),
        },
    )


@require_POST
def accreditation_request(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    user = request.user
    require_signed_in(user)
    organization = getattr(user, "organization", None)
    if organization is None:
        raise NotAllowed(_("Only a stakeholder can ask for their organization's accreditation."))
    result = accreditation.request_accreditation(negotiation, organization, by=user)
    messages.success(
        request, _("Request recorded: %(status)s.") % {"status": result.get_status_display()}
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
    form = ObjectionForm(request.POST)
    if not form.is_valid():
        raise PlenaryError(_("An objection states its reason (at most 2,000 characters)."))
    require_signed_in(request.user)
    delegation = getattr(request.user, "delegation", None)
    if delegation is None:
        raise NotAllowed(_("Only a member state's delegation can object."))
    accreditation.object_to_accreditation(
        target, by=request.user, delegation=delegation, reason=form.cleaned_data["reason"]
    )
    messages.success(request, _("Objection recorded for %(org)s.") % {"org": target.organization})
    return redirect("accreditation", slug=slug)


@require_POST
def accreditation_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    target = _accreditation_request(negotiation, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        raise PlenaryError(_("A decision says admit or not, and how it was decided."))
    accreditation.decide_accreditation(
        target,
        by=request.user,
        admit=form.cleaned_data["admit"],
        note=form.cleaned_data["note"],
        expected_version=form.cleaned_data["lock_version"],
    )
    messages.success(request, _("Decision recorded for %(org)s.") % {"org": target.organization})
    return redirect("accreditation", slug=slug)


@require_POST
def accreditation_list_organization(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    require_runs_process(request.user, _("list organizations"))
    form = ListOrganizationForm(request.POST)
    if not form.is_valid():
        raise PlenaryError(" ".join(e for errors in form.errors.values() for e in errors))
    organization = organizations.register_organization(by=request.user, **form.cleaned_data)
    accreditation.request_accreditation(negotiation, organization, by=request.user)
    messages.success(request, _("%(org)s listed.") % {"org": organization})
    return redirect("accreditation", slug=slug)


@require_GET
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    require_runs_process(request.user, _("manage the process"))
    return render(
        request,
        "process/manage.html",
        {
            "negotiation": negotiation,
            "timeline": _timeline(request, negotiation),
            "roadmap": negotiation.roadmap.all(),
        },
    )


def _without_version(data: dict) -> dict:
    return {k: v for k, v in data.items() if k != "lock_version"}


@require_http_methods(["GET", "POST"])
def session_create(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    require_runs_process(request.user, _("create sessions"))

    def act(data):
        created = sessions.create_session(negotiation, by=request.user, **_without_version(data))
        return redirect("session", slug=slug, pk=created.pk)

    form = SessionForm(request.POST or None)
    return form_page(request, negotiation, form, _("New session"), act, _("Session created."))


@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    require_runs_process(request.user, _("edit sessions"))
    session = get_visible_session(request.user, negotiation, pk)

    def act(data):
        sessions.update_session(
            session,
            by=request.user,
            expected_version=data["lock_version"],
            **_without_version(data),
        )
        return redirect("session", slug=slug, pk=session.pk)

    initial = {name: getattr(session, name) for name in SessionForm.base_fields}
    form = SessionForm(request.POST or None, initial=initial)
    heading = _("Edit %(s)s") % {"s": session}
    return form_page(request, negotiation, form, heading, act, _("Session saved."))


@require_http_methods(["GET", "POST"])
def session_suspend(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    require_runs_process(request.user, _("suspend sessions"))
    session = get_visible_session(request.user, negotiation, pk)

    def act(data):
        sessions.suspend_session(session, by=request.user, **data)
        return redirect("session", slug=slug, pk=session.pk)

    form = SuspendForm(request.POST or None)
    heading = _("Suspend %(s)s") % {"s": session}
    return form_page(request, negotiation, form, heading, act, _("Session suspended."))


@require_http_methods(["GET", "POST"])
def session_reconvene(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    require_runs_process(request.user, _("reconvene sessions"))
    session = get_visible_session(request.user, negotiation, pk)

    def act(data):
        resumed = sessions.reconvene_session(session, by=request.user, **data)
        return redirect("session", slug=slug, pk=resumed.pk)

    form = ReconveneForm(request.POST or None, initial={"city": session.city, "mode": session.mode})
    heading = _("Reconvene %(s)s") % {"s": session}
    return form_page(request, negotiation, form, heading, act, _("Session reconvened."))


@require_http_methods(["GET", "POST"])
def deadline_create(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    require_runs_process(request.user, _("set roadmap deadlines"))

    def act(data):
        roadmap.set_roadmap_deadline(negotiation, by=request.user, **_without_version(data))
        return redirect("manage", slug=slug)

    form = RoadmapDeadlineForm(request.POST or None)
    heading = _("New roadmap deadline")
    return form_page(request, negotiation, form, heading, act, _("Deadline set."))


@require_http_methods(["GET", "POST"])
def deadline_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    require_runs_process(request.user, _("move roadmap deadlines"))
    deadline = negotiation.roadmap.filter(pk=pk).first()
    if deadline is None:
        raise NotFound(_("There is no such deadline."))

    def act(data):
        roadmap.move_roadmap_deadline(
            deadline,
            by=request.user,
            expected_version=data["lock_version"],
            date=data["date"],
            chapters=data["chapters"],
            note=data["note"],
        )
        return redirect("manage", slug=slug)

    initial = {
        "date": deadline.date,
        "chapters": "\n".join(deadline.chapters),
        "note": deadline.note,
        "lock_version": deadline.lock_version,
    }
    form = RoadmapDeadlineForm(request.POST or None, initial=initial)
    return form_page(request, negotiation, form, _("Move deadline"), act, _("Deadline saved."))


@require_GET
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    require_runs_process(request.user, _("read the audit trail"))
    entries = AuditEntry.objects.filter(negotiation=negotiation)[:500]
    return render(request, "process/audit.html", {"negotiation": negotiation, "entries": entries})
