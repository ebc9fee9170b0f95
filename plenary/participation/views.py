"""Pages of sessions as they happen; thin: parse, call a service, render."""

import csv
import zoneinfo

from django.contrib import messages
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plenary.errors import InvalidInput, NotAllowed, PlenaryError
from plenary.page_cache import public_page
from plenary.participation.attachments import MAX_FILE_BYTES, MAX_FILES, read_uploads
from plenary.participation.forms import (
    AgendaItemForm,
    FloorRequestForm,
    InterventionForm,
    RegistrationForm,
)
from plenary.participation.live import render_room, room_context, room_version
from plenary.participation.models import FloorStatus, Registration
from plenary.participation.services import agenda, floor, interventions, registration, speakers
from plenary.participation.visibility import get_agenda_item, get_speaker
from plenary.process.models import Role, Session
from plenary.process.models.accreditation import AccreditationStatus
from plenary.process.permissions import require_chair, require_runs_process, require_signed_in
from plenary.process.visibility import get_negotiation, get_visible_session


def _session(request: HttpRequest, slug: str, pk: int) -> Session:
    return get_visible_session(request.user, get_negotiation(slug), pk)


def _form_error(form) -> PlenaryError:
    return InvalidInput(" ".join(f"{e}" for errors in form.errors.values() for e in errors))


def _affiliation(user):
    """The delegation or organization a person acts for, if any."""
    if getattr(user, "role", "") == Role.DELEGATION:
        return user.delegation, None
    if getattr(user, "role", "") == Role.STAKEHOLDER:
        return None, user.organization
    return None, None


@require_GET
@public_page
def agenda_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(request, slug, pk)
    arrangements = agenda.arrangements_for(session)
    delegation, organization = _affiliation(request.user)
    text_version = agenda.latest_text(request.user, session.negotiation)
    return render(
        request,
        "participation/agenda.html",
        {
            "negotiation": session.negotiation,
            "session": session,
            "items": session.agenda_items.all(),
            # Each part of the text an item covers links to it in the latest text one may see.
            "text_version": text_version,
            "linked_parts": agenda.parts_of_text(text_version.content) if text_version else set(),
            "arrangements": arrangements,
            "opens_at": agenda.session_opens_at(session, arrangements),
            "registration_closes_at": agenda.registration_closes_at(session, arrangements),
            "may_register": delegation is not None
            or (organization is not None and not session.is_closed),
            "registrations": Registration.objects.filter(
                session=session, delegation=delegation, organization=organization
            )
            if delegation or organization
            else [],
            "registration_form": RegistrationForm(),
            "item_form": AgendaItemForm(),
        },
    )


@require_POST
def agenda_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(request, slug, pk)
    require_runs_process(request.user, _("set the agenda"))
    form = AgendaItemForm(request.POST)
    if not form.is_valid():
        raise _form_error(form)
    scheduled_at = form.cleaned_data["scheduled_at"]
    if scheduled_at is not None:
        scheduled_at = scheduled_at.replace(tzinfo=zoneinfo.ZoneInfo(session.timezone))
    item = agenda.add_agenda_item(
        session,
        by=request.user,
        number=form.cleaned_data["number"],
        title=form.cleaned_data["title"],
        eids=form.cleaned_data["eids"],
        scheduled_at=scheduled_at,
    )
    messages.success(request, _("Added to the agenda: %(item)s.") % {"item": item})
    return redirect("agenda", slug=slug, pk=pk)


@require_POST
def register(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(request, slug, pk)
    require_signed_in(request.user)
    delegation, organization = _affiliation(request.user)
    if delegation is None and organization is None:
        raise NotAllowed(_("Delegation members and accredited stakeholders register people."))
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        raise _form_error(form)
    registered = registration.register_participant(
        session,
        by=request.user,
        delegation=delegation,
        organization=organization,
        **form.cleaned_data,
    )
    messages.success(request, _("Registered: %(name)s.") % {"name": registered.name})
    return redirect("agenda", slug=slug, pk=pk)


def _participants(request: HttpRequest, slug: str, pk: int):
    session = _session(request, slug, pk)
    require_runs_process(request.user, _("see the list of participants"))
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
                _csv_safe(row.name),
                _csv_safe(row.function),
                _csv_safe(str(row.delegation or "")),
                _csv_safe(str(row.organization or "")),
                row.attendance,
                row.registered_at.isoformat(),
            ]
        )
    return response


def _csv_safe(value: str) -> str:
    # A cell starting with =, +, - or @ would run as a formula in a spreadsheet.
    return f"'{value}" if value[:1] in {"=", "+", "-", "@"} else value


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
            status=AccreditationStatus.ADMITTED
        ).select_related("organization")
        choices += [(f"organization-{r.organization.pk}", r.organization.name) for r in admitted]
    return choices


def _list_context(request: HttpRequest, item, latest=None) -> dict:
    """The room as everyone sees it, and what this person may do in it; `latest`, the room's
    text, if the caller has read it already."""
    context = room_context(item, latest)
    delegation, organization = _affiliation(request.user)
    runs_process = getattr(request.user, "runs_process", False)

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
    return context | {
        "delegation": delegation,
        "organization": organization,
        "blocs": delegation.blocs.all() if delegation is not None else [],
        "may_contribute": delegation is not None
        or (organization is not None and not item.session.is_closed),
        "to_publish": [
            e
            for e in context["entries"]
            if e.status == FloorStatus.SPOKE
            and e.pk not in published
            and (runs_process or is_own(e))
        ],
        "own_waiting": [
            e for e in context["entries"] if e.status == FloorStatus.WAITING and is_own(e)
        ],
        "notice_deadline": speakers.notice_deadline(item, context["arrangements"]),
        "interventions": context_interventions,
        "speaker_choices": _speaker_choices(item) if runs_process else [],
        "intervention_form": InterventionForm(),
        "max_files": MAX_FILES,
        "max_file_mb": MAX_FILE_BYTES // 1024 // 1024,
        "attachable": {i.pk for i in context_interventions if runs_process or is_own(i)},
    }


@require_GET
@public_page
def speakers_page(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    item = visible_item(request, slug, pk, item_pk)
    if request.GET.get("part") == "live":
        # The room alone, as the live room's messages carry it.
        return HttpResponse(render_room(room_context(item), get_language()))
    return render(request, "participation/speakers.html", _list_context(request, item))


@require_GET
def chair_page(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    item = visible_item(request, slug, pk, item_pk)
    require_chair(request.user, _("run the speakers list"))
    latest = room_version(item)
    context = _list_context(request, item, latest)
    context["paragraph_choices"] = floor.paragraphs_to_discuss(item, latest)
    return render(request, "participation/chair.html", context)


def back_to_list(slug: str, pk: int, item_pk: int, name: str = "speakers") -> HttpResponse:
    """Back to the item's speakers list (or, with name="speakers-chair", the chair's page)."""
    return redirect(reverse(name, args=[slug, pk, item_pk]))


@require_POST
def speakers_request(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    item = visible_item(request, slug, pk, item_pk)
    require_signed_in(request.user)
    form = FloorRequestForm(request.POST)
    if not form.is_valid():
        raise _form_error(form)
    delegation, organization = _affiliation(request.user)
    if request.user.runs_process:
        kind, _sep, raw_pk = form.cleaned_data["speaker"].partition("-")
        if kind == "delegation" and raw_pk.isdigit():
            delegation = item.session.negotiation.delegations.filter(pk=int(raw_pk)).first()
        elif kind == "organization" and raw_pk.isdigit():
            organization = (
                item.session.negotiation.accreditation_requests.filter(organization_id=int(raw_pk))
                .select_related("organization")
                .first()
            )
            organization = organization.organization if organization else None
        if delegation is None and organization is None:
            raise InvalidInput(_("Choose the delegation or organization to inscribe."))
    bloc = None
    if form.cleaned_data["on_behalf_of"]:
        bloc = item.session.negotiation.blocs.filter(slug=form.cleaned_data["on_behalf_of"]).first()
        if bloc is None:
            raise InvalidInput(_("There is no such group of states."))
    entry = speakers.request_floor(
        item, by=request.user, delegation=delegation, organization=organization, on_behalf_of=bloc
    )
    messages.success(request, _("On the list: %(speaker)s.") % {"speaker": entry.speaker_label})
    return back_to_list(
        slug, pk, item_pk, "speakers-chair" if request.user.role == Role.CHAIR else "speakers"
    )


@require_POST
def speakers_next(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    item = visible_item(request, slug, pk, item_pk)
    entry = speakers.call_next_speaker(item, by=request.user)
    if entry is None:
        messages.success(request, _("The list of speakers is exhausted."))
    else:
        messages.success(
            request, _("%(speaker)s has the floor.") % {"speaker": entry.speaker_label}
        )
    return back_to_list(slug, pk, item_pk, "speakers-chair")


@require_POST
def speakers_reorder(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    item = visible_item(request, slug, pk, item_pk)
    require_chair(request.user, _("change the order of speakers"))
    places = []
    for key, value in request.POST.items():
        if key.startswith("place-") and key[6:].isdigit():
            try:
                places.append((float(value), int(key[6:])))
            except ValueError as error:
                raise InvalidInput(_("Each place is a number.")) from error
    speakers.reorder_speakers(item, by=request.user, order=[p for _place, p in sorted(places)])
    messages.success(request, _("The order of speakers is changed and recorded."))
    return back_to_list(slug, pk, item_pk, "speakers-chair")


@require_POST
def statement_publish(
    request: HttpRequest, slug: str, pk: int, item_pk: int, entry_pk: int
) -> HttpResponse:
    item = visible_item(request, slug, pk, item_pk)
    entry = get_speaker(item, entry_pk)
    require_signed_in(request.user)
    form = InterventionForm(request.POST)
    if not form.is_valid():
        raise _form_error(form)
    files = read_uploads(request.FILES.getlist("files"))
    interventions.publish_statement(entry, by=request.user, files=files, **form.cleaned_data)
    messages.success(request, _("Statement published."))
    return back_to_list(slug, pk, item_pk)


@require_POST
def contribute(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    item = visible_item(request, slug, pk, item_pk)
    require_signed_in(request.user)
    delegation, organization = _affiliation(request.user)
    if delegation is None and organization is None:
        raise NotAllowed(_("Delegations and accredited stakeholders submit written contributions."))
    form = InterventionForm(request.POST)
    if not form.is_valid():
        raise _form_error(form)
    interventions.submit_written_contribution(
        item,
        by=request.user,
        delegation=delegation,
        organization=organization,
        files=read_uploads(request.FILES.getlist("files")),
        **form.cleaned_data,
    )
    messages.success(request, _("Written contribution published."))
    return back_to_list(slug, pk, item_pk)
