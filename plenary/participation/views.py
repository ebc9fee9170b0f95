"""Pages of sessions as they happen; thin: parse, call a service, render."""

import csv
from typing import Any

from django.contrib import messages
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenary.csv_cells import safe_cell
from plenary.errors import InvalidInput, NotAllowed
from plenary.forms import Back, handle_form
from plenary.page_cache import live_part, public_page
from plenary.participation.attachments import read_uploads
from plenary.participation.forms import (
    AgendaItemForm,
    ArrangementsForm,
    AttachForm,
    FloorRequestForm,
    InterventionForm,
    RegistrationForm,
    ReorderForm,
    UnderDiscussionForm,
)
from plenary.participation.live import render_room, room_context, room_part, room_version
from plenary.participation.models import AgendaItem, FloorStatus, Registration
from plenary.participation.services import agenda, floor, interventions, registration, speakers
from plenary.participation.visibility import get_agenda_item, get_speaker
from plenary.process.actors import request_actor
from plenary.process.capabilities import can_run_process, can_view_working_text
from plenary.process.models import Role, Session
from plenary.process.models.accreditation import admitted_requests
from plenary.process.permissions import require_chair, require_runs_process, require_signed_in
from plenary.process.visibility import get_negotiation, get_visible_session
from plenary.text.forms import ALL_KINDS
from plenary.text.provisions import (
    EMPTY,
    current_outline,
    current_version,
    describe,
    outline_of,
    page_of,
    resolve_many,
)
from plenary.text.structure import Outline


def _session(request: HttpRequest, slug: str, pk: int) -> Session:
    return get_visible_session(request_actor(request), get_negotiation(slug), pk)


def _provisions(request: HttpRequest, session: Session, chosen: list[int]) -> list[Any]:
    """The parts of the text chosen in a form, as provisions."""
    return resolve_many(
        session.negotiation, request_actor(request), provisions=chosen, kinds=ALL_KINDS
    )


def _registration_form(session: Session, data=None) -> RegistrationForm:
    action = reverse("register", args=[session.negotiation.slug, session.pk])
    return RegistrationForm(data, action=action)


def _item_form(session: Session, data=None) -> AgendaItemForm:
    action = reverse("agenda-add", args=[session.negotiation.slug, session.pk])
    return AgendaItemForm(data, session=session, zone=session.timezone, action=action)


def _agenda_page(request: HttpRequest, session: Session, bound=None, status: int = 200):
    """The agenda page, with a form that came back refused (`bound`) in its place."""
    bound = bound or {}
    arrangements = agenda.arrangements_for(session)
    delegation, organization = registration.affiliation(request_actor(request), session.negotiation)
    takes_part = delegation is not None or organization is not None
    refusal = (
        registration.registration_refusal(session, organization=organization)
        if takes_part
        else None
    )
    return render(
        request,
        "participation/agenda.html",
        {
            "negotiation": session.negotiation,
            "session": session,
            "items": _items_named(request, session),
            "arrangements": arrangements,
            "opens_at": agenda.session_opens_at(session, arrangements),
            "closes_at": agenda.session_closes_at(session, arrangements),
            "registration_closes_at": agenda.registration_closes_at(session, arrangements),
            "takes_part": takes_part,
            "registration_refusal": refusal,
            "registrations": Registration.objects.filter(
                session=session, delegation=delegation, organization=organization
            )
            if takes_part
            else [],
            "registration_form": bound.get("register") or _registration_form(session),
            "item_form": bound.get("item") or _item_form(session),
        },
        status=status,
    )


# An agenda item, the parts of the text it covers (each a label and a link) and the one under
# discussion, named as the reader reads them.
NamedItem = tuple[AgendaItem, list[dict[str, str]], str]


def _items_named(request: HttpRequest, session: Session) -> list[NamedItem]:
    """The session's agenda items, each with the parts of the text it covers and the one under
    discussion named as this person reads them now: the text read once for all the items."""
    items = list(session.agenda_items.prefetch_related("provisions"))
    negotiation, user = session.negotiation, request_actor(request)
    wanted = [p.pk for item in items for p in item.provisions.all()]
    wanted += [item.under_discussion_id for item in items if item.under_discussion_id]
    if not wanted:
        return [(item, [], "") for item in items]
    # The latest version read once, for the outline and for the pages the parts link to.
    latest = current_version(negotiation, user)
    if can_view_working_text(user):
        outline = current_outline(negotiation, user)
    else:
        outline = outline_of(latest) if latest is not None else Outline(EMPTY)
    described = describe(negotiation, user, wanted, outline=outline)
    named: list[NamedItem] = []
    for item in items:
        parts = [
            {"label": d.label, "url": page_of(negotiation, user, d, latest)}
            for d in (described.get(p.pk) for p in item.provisions.all())
            if d is not None
        ]
        under = item.under_discussion_id
        discussed = described.get(under) if under is not None else None
        named.append((item, parts, discussed.label if discussed is not None else ""))
    return named


@require_GET
@public_page(speakers=False)
def agenda_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _agenda_page(request, _session(request, slug, pk))


@require_POST
def agenda_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(request, slug, pk)
    actor = request_actor(request)
    require_runs_process(actor, _("set the agenda"))

    def act(data):
        data["provisions"] = _provisions(request, session, data["provisions"])
        item = agenda.add_agenda_item(session, by=actor, **data)
        messages.success(request, _("Added to the agenda: %(item)s.") % {"item": item})
        return reverse("agenda", args=[slug, pk])

    return handle_form(
        request,
        _item_form(session, request.POST),
        act,
        page=lambda form, status: _agenda_page(request, session, {"item": form}, status),
    )


@require_POST
def register(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(request, slug, pk)
    actor = require_signed_in(request_actor(request))
    delegation, organization = registration.affiliation(actor, session.negotiation, acting=True)
    if delegation is None and organization is None:
        raise NotAllowed(_("Delegation members and accredited stakeholders register people."))

    def act(data):
        registered = registration.register_participant(
            session,
            by=actor,
            delegation=delegation,
            organization=organization,
            **data,
        )
        messages.success(request, _("Registered: %(name)s.") % {"name": registered.name})
        return reverse("agenda", args=[slug, pk])

    return handle_form(
        request,
        _registration_form(session, request.POST),
        act,
        page=lambda form, status: _agenda_page(request, session, {"register": form}, status),
    )


@require_http_methods(["GET", "POST"])
def arrangements_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The secretariat sets how a session runs: hours, registration, notice, speaking times,
    remote participation."""
    session = _session(request, slug, pk)
    actor = request_actor(request)
    require_runs_process(actor, _("set a session's arrangements"))
    current = agenda.arrangements_for(session)

    def act(data):
        version = data.pop("lock_version")
        agenda.set_arrangements(session, by=actor, expected_version=version, **data)
        return reverse("agenda", args=[slug, pk])

    form = ArrangementsForm(
        request.POST or None,
        instance=current,
        initial={"lock_version": current.lock_version if current.pk else None},
        action=request.path,
    )
    return handle_form(
        request,
        form,
        act,
        done=_("Arrangements saved."),
        heading=_("Arrangements of %(session)s") % {"session": session},
        intro=_("Hours are the session's local time (%(zone)s).") % {"zone": session.timezone},
        negotiation=session.negotiation,
        back=Back(_("Back to the agenda"), reverse("agenda", args=[slug, pk])),
    )


def _participants(request: HttpRequest, slug: str, pk: int):
    session = _session(request, slug, pk)
    require_runs_process(request_actor(request), _("see the list of participants"))
    # Delegations first, then organizations, on every database (NULLs sort differently).
    rows = session.registrations.select_related("delegation", "organization").order_by(
        F("delegation__name").asc(nulls_last=True),
        F("organization__name").asc(nulls_last=True),
        "name",
    )
    return session, rows


@require_GET
def participants(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session, rows = _participants(request, slug, pk)
    return render(
        request,
        "participation/participants.html",
        {"negotiation": session.negotiation, "session": session, "registrations": rows},
    )


@require_GET
def participants_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session, rows = _participants(request, slug, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="participants-{session.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["name", "function", "delegation", "organization", "attendance", "registered_at"]
    )
    for row in rows:
        writer.writerow(
            [
                safe_cell(row.name),
                safe_cell(row.function),
                safe_cell(str(row.delegation or "")),
                safe_cell(str(row.organization or "")),
                row.attendance,
                row.registered_at.isoformat(),
            ]
        )
    return response


@require_GET
def badges(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session, rows = _participants(request, slug, pk)
    return render(
        request,
        "participation/badges.html",
        {"session": session, "registrations": rows.filter(attendance="in_person")},
    )


def visible_item(request: HttpRequest, slug: str, pk: int, item_pk: int):
    """An agenda item of a session this person may see (else NotFound)."""
    session = _session(request, slug, pk)
    return get_agenda_item(session, item_pk)


def _speaker_choices(item):
    """What the secretariat and the chair may inscribe: delegations and accredited organizations."""
    session = item.session
    choices = [(f"delegation-{d.pk}", d.name) for d in session.negotiation.delegations.all()]
    if not session.is_closed:
        admitted = session.negotiation.accreditation_requests.filter(
            admitted_requests()
        ).select_related("organization")
        choices += [(f"organization-{r.organization.pk}", r.organization.name) for r in admitted]
    return choices


def _floor_form(request: HttpRequest, item, waiting=(), data=None) -> FloorRequestForm | None:
    """The form to ask for the floor, offering only what this person may still ask for: their
    own delegation, or a group of states it belongs to, each not already waiting (None: nothing
    left to ask for)."""
    actor = request_actor(request)
    action = reverse(
        "speakers-request", args=[item.session.negotiation.slug, item.session_id, item.pk]
    )
    if can_run_process(actor):
        return FloorRequestForm(
            data, speakers=_speaker_choices(item), label=_("Add to the list"), action=action
        )
    delegation, organization = registration.affiliation(actor, item.session.negotiation)
    if organization is not None:
        if any(e.organization_id == organization.pk for e in waiting):
            return None
        label = _("Ask for the floor for %(who)s") % {"who": organization}
        return FloorRequestForm(data, label=label, action=action)
    if delegation is None:
        return None
    taken_blocs = {e.on_behalf_of_id for e in waiting if e.delegation_id == delegation.pk}
    own_waiting = any(
        e.delegation_id == delegation.pk and e.on_behalf_of_id is None for e in waiting
    )
    groups = [] if own_waiting else [("", _("for %(delegation)s") % {"delegation": delegation})]
    groups += [
        (bloc.slug, _("on behalf of %(bloc)s") % {"bloc": bloc})
        for bloc in delegation.blocs.filter(negotiation=item.session.negotiation)
        if bloc.pk not in taken_blocs
    ]
    if not groups:
        return None
    if len(groups) == 1 and not groups[0][0]:
        label = _("Ask for the floor for %(who)s") % {"who": delegation}
        return FloorRequestForm(data, label=label, action=action)
    return FloorRequestForm(data, groups=groups, label=_("Ask for the floor"), action=action)


def _publish_form(item, entry, data=None, files=None) -> InterventionForm:
    slug, session_pk = item.session.negotiation.slug, item.session_id
    return InterventionForm(
        data,
        files,
        session=item.session,
        key=f"publish-{entry.pk}",
        action=reverse("statement-publish", args=[slug, session_pk, item.pk, entry.pk]),
    )


def _contribution_form(item, data=None, files=None) -> InterventionForm:
    slug, session_pk = item.session.negotiation.slug, item.session_id
    form = InterventionForm(
        data,
        files,
        session=item.session,
        key="contribution",
        action=reverse("contribute", args=[slug, session_pk, item.pk]),
    )
    form.submit_label = gettext_lazy("Submit")
    return form


def attach_form(item, intervention, data=None, files=None) -> AttachForm:
    slug, session_pk = item.session.negotiation.slug, item.session_id
    return AttachForm(
        data,
        files,
        key=f"attach-{intervention.pk}",
        action=reverse("intervention-files-add", args=[slug, session_pk, item.pk, intervention.pk]),
    )


def _list_context(request: HttpRequest, item, latest=None, bound=None) -> dict:
    """The room as everyone sees it, and what this person may do in it, each action offered
    only when the rules allow it (else the reason, and from when); `latest`, the room's text,
    if the caller has read it already; `bound`, a form that came back refused."""
    bound = bound or {}
    context = room_context(item, latest)
    actor = request_actor(request)
    delegation, organization = registration.affiliation(actor, item.session.negotiation)
    runs_process = can_run_process(actor)

    def is_own(entry) -> bool:
        return (delegation is not None and entry.delegation_id == delegation.pk) or (
            organization is not None and entry.organization_id == organization.pk
        )

    context_interventions = list(
        item.interventions.select_related(
            "agenda_item", "delegation", "organization", "on_behalf_of"
        ).prefetch_related("files")
    )
    published = {i.speaker_id for i in context_interventions if i.speaker_id}
    waiting = [e for e in context["entries"] if e.status == FloorStatus.WAITING]
    signed_in = actor.is_signed_in
    floor_refusal = (
        speakers.floor_refusal(item, by=actor, organization=organization)
        if signed_in and (runs_process or delegation or organization)
        else None
    )
    floor_form = None
    if floor_refusal is None and signed_in:
        floor_form = bound.get("floor") or _floor_form(request, item, waiting)
    contribution_refusal = (
        registration.take_part_refusal(item.session, organization) if organization else None
    )
    may_contribute = delegation is not None or (
        organization is not None and contribution_refusal is None
    )
    to_publish = [
        e
        for e in context["entries"]
        if e.status == FloorStatus.SPOKE and e.pk not in published and (runs_process or is_own(e))
    ]
    attachable = [i for i in context_interventions if runs_process or is_own(i)]
    return context | {
        "delegation": delegation,
        "organization": organization,
        "floor_form": floor_form,
        "floor_refusal": floor_refusal,
        "to_publish": [
            (e, bound.get(("publish", e.pk)) or _publish_form(item, e)) for e in to_publish
        ],
        "own_waiting": [e for e in waiting if is_own(e)],
        "notice_deadline": speakers.notice_deadline(item, context["arrangements"]),
        "interventions": context_interventions,
        "contribution_form": (bound.get("contribution") or _contribution_form(item))
        if may_contribute
        else None,
        "contribution_refusal": contribution_refusal,
        "attach_forms": {
            i.pk: bound.get(("attach", i.pk)) or attach_form(item, i) for i in attachable
        },
    }


def render_speakers_page(request: HttpRequest, item, bound=None, status: int = 200) -> HttpResponse:
    """The speakers list, or the chair's page for the chair, with a refused form in place."""
    if request_actor(request).role == Role.CHAIR:
        return render_chair_page(request, item, bound, status)
    context = _list_context(request, item, bound=bound)
    return render(request, "participation/speakers.html", context, status=status)


def render_chair_page(request: HttpRequest, item, bound=None, status: int = 200) -> HttpResponse:
    latest = room_version(item)
    context = _list_context(request, item, latest, bound)
    context["paragraph_choices"] = floor.paragraphs_to_discuss(
        item, agenda.room_outline(item.session)
    )
    bound = bound or {}
    context["discussion_form"] = bound.get("discussion") or discussion_form(
        item, context["paragraph_choices"]
    )
    waiting = [e for e in context["entries"] if e.status == FloorStatus.WAITING]
    reorder = bound.get("reorder") or reorder_form(item, waiting)
    context["reorder_form"] = reorder
    context["reorder_fields"] = {e.pk: reorder[f"place-{e.pk}"] for e in waiting}
    return render(request, "participation/chair.html", context, status=status)


def discussion_form(item, choices, data=None) -> UnderDiscussionForm:
    slug, session_pk = item.session.negotiation.slug, item.session_id
    return UnderDiscussionForm(
        data,
        choices=choices,
        initial={"provision": item.under_discussion_id, "lock_version": item.lock_version},
        action=reverse("under-discussion", args=[slug, session_pk, item.pk]),
    )


@require_GET
@public_page(floor=False)
def speakers_page(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    """The item's speakers' list. The room, which changes with the floor, is the page's live
    part; the rest of the page shows nothing of the floor (plenary/page_cache.py)."""
    item = visible_item(request, slug, pk, item_pk)
    language = get_language()
    if request.GET.get("part") == "live":
        # The room alone, as the live room's messages carry it.
        return HttpResponse(
            live_part(request, room_part(item), lambda: render_room(room_context(item), language))
        )
    context = _list_context(request, item)
    context["room"] = live_part(request, room_part(item), lambda: render_room(context, language))
    return render(request, "participation/speakers.html", context)


@require_GET
def chair_page(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    item = visible_item(request, slug, pk, item_pk)
    require_chair(request_actor(request), _("run the speakers list"))
    return render_chair_page(request, item)


def back_to_list(slug: str, pk: int, item_pk: int, name: str = "speakers") -> HttpResponse:
    """Back to the item's speakers list (or, with name="speakers-chair", the chair's page)."""
    return redirect(reverse(name, args=[slug, pk, item_pk]))


def _list_of(request: HttpRequest, slug: str, pk: int, item_pk: int) -> str:
    """Where a person goes back to: the chair's page for the chair, else the speakers list."""
    name = "speakers-chair" if request_actor(request).role == Role.CHAIR else "speakers"
    return reverse(name, args=[slug, pk, item_pk])


def _inscribed(item, raw: str):
    """The delegation or accredited organization the secretariat or the chair chose."""
    kind, _sep, raw_pk = raw.partition("-")
    negotiation = item.session.negotiation
    if kind == "delegation" and raw_pk.isdigit():
        return negotiation.delegations.filter(pk=int(raw_pk)).first(), None
    if kind == "organization" and raw_pk.isdigit():
        found = (
            negotiation.accreditation_requests.filter(organization_id=int(raw_pk))
            .select_related("organization")
            .first()
        )
        return None, found.organization if found else None
    return None, None


@require_POST
def speakers_request(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    item = visible_item(request, slug, pk, item_pk)
    actor = require_signed_in(request_actor(request))
    waiting = list(item.speakers.filter(status=FloorStatus.WAITING))
    form = _floor_form(request, item, waiting, request.POST)
    if form is None:
        # Nothing left to ask for: the service says why (already on the list, or not allowed).
        delegation, organization = registration.affiliation(
            actor, item.session.negotiation, acting=True
        )
        speakers.request_floor(item, by=actor, delegation=delegation, organization=organization)
        raise InvalidInput(_("There is nothing more to ask for on this list."))

    def act(data):
        delegation, organization = registration.affiliation(
            actor, item.session.negotiation, acting=True
        )
        if can_run_process(actor):
            delegation, organization = _inscribed(item, data.get("speaker", ""))
            if delegation is None and organization is None:
                raise InvalidInput(
                    _("Choose the delegation or organization to inscribe."), field="speaker"
                )
        bloc = None
        if data.get("on_behalf_of"):
            bloc = item.session.negotiation.blocs.filter(slug=data["on_behalf_of"]).first()
            if bloc is None:
                raise InvalidInput(_("There is no such group of states."), field="on_behalf_of")
        entry = speakers.request_floor(
            item,
            by=actor,
            delegation=delegation,
            organization=organization,
            on_behalf_of=bloc,
        )
        messages.success(request, _("On the list: %(speaker)s.") % {"speaker": entry.speaker_label})
        return _list_of(request, slug, pk, item_pk)

    return handle_form(
        request,
        form,
        act,
        page=lambda form, status: render_speakers_page(request, item, {"floor": form}, status),
    )


@require_POST
def speakers_next(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    item = visible_item(request, slug, pk, item_pk)
    entry = speakers.call_next_speaker(item, by=request_actor(request))
    if entry is None:
        messages.success(request, _("The list of speakers is exhausted."))
    else:
        messages.success(
            request, _("%(speaker)s has the floor.") % {"speaker": entry.speaker_label}
        )
    return back_to_list(slug, pk, item_pk, "speakers-chair")


def reorder_form(item, waiting, data=None) -> ReorderForm:
    slug, session_pk = item.session.negotiation.slug, item.session_id
    return ReorderForm(
        data,
        waiting=speakers.speaking_order(waiting),
        action=reverse("speakers-reorder", args=[slug, session_pk, item.pk]),
    )


@require_POST
def speakers_reorder(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    item = visible_item(request, slug, pk, item_pk)
    actor = request_actor(request)
    require_chair(actor, _("change the order of speakers"))
    form = reorder_form(item, item.speakers.filter(status=FloorStatus.WAITING), request.POST)

    def act(data):
        speakers.reorder_speakers(item, by=actor, order=form.order())
        return reverse("speakers-chair", args=[slug, pk, item_pk])

    return handle_form(
        request,
        form,
        act,
        done=_("The order of speakers is changed and recorded."),
        page=lambda form, status: render_chair_page(request, item, {"reorder": form}, status),
    )


@require_POST
def statement_publish(
    request: HttpRequest, slug: str, pk: int, item_pk: int, entry_pk: int
) -> HttpResponse:
    item = visible_item(request, slug, pk, item_pk)
    entry = get_speaker(item, entry_pk)
    actor = require_signed_in(request_actor(request))

    def act(data):
        files = read_uploads(data.pop("files"))
        data["provisions"] = _provisions(request, item.session, data["provisions"])
        interventions.publish_statement(entry, by=actor, files=files, **data)
        return reverse("speakers", args=[slug, pk, item_pk])

    return handle_form(
        request,
        _publish_form(item, entry, request.POST, request.FILES),
        act,
        done=_("Statement published."),
        page=lambda form, status: render_speakers_page(
            request, item, {("publish", entry.pk): form}, status
        ),
    )


@require_POST
def contribute(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    item = visible_item(request, slug, pk, item_pk)
    actor = require_signed_in(request_actor(request))
    delegation, organization = registration.affiliation(
        actor, item.session.negotiation, acting=True
    )
    if delegation is None and organization is None:
        raise NotAllowed(_("Delegations and accredited stakeholders submit written contributions."))

    def act(data):
        data["provisions"] = _provisions(request, item.session, data["provisions"])
        interventions.submit_written_contribution(
            item,
            by=actor,
            delegation=delegation,
            organization=organization,
            files=read_uploads(data.pop("files")),
            **data,
        )
        return reverse("speakers", args=[slug, pk, item_pk])

    return handle_form(
        request,
        _contribution_form(item, request.POST, request.FILES),
        act,
        done=_("Written contribution published."),
        page=lambda form, status: render_speakers_page(
            request, item, {"contribution": form}, status
        ),
    )
