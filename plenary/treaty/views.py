"""Pages of the treaty after adoption; thin: parse, call a service, render."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from plenary.errors import InvalidInput, NotFound
from plenary.forms import Back, handle_form
from plenary.page_cache import changes_at, public_page
from plenary.process.actors import request_actor
from plenary.process.models import Delegation, Negotiation
from plenary.process.names import name_in, sort_key
from plenary.process.permissions import require_runs_process
from plenary.process.visibility import get_negotiation
from plenary.treaty.chart import cumulative, instruments_chart
from plenary.treaty.forms import (
    AdmissionForm,
    AdoptionForm,
    InstrumentForm,
    NationalStepForm,
    ProtocolForm,
    SignatureOpeningForm,
)
from plenary.treaty.models import Instrument, NationalStep, Treaty
from plenary.treaty.services import adoption, instruments, protocols


@dataclass
class StateRow:
    """One State's line in the status table."""

    delegation: Delegation
    signature: Instrument | None = None
    consent: Instrument | None = None
    steps: list[NationalStep] = field(default_factory=list)
    in_force_on: Any = None


def _rows(
    instruments: list[Instrument], steps: list[NationalStep], status: instruments.TreatyStatus
) -> list[StateRow]:
    rows: dict[int, StateRow] = {}
    for instrument in instruments:
        row = rows.setdefault(instrument.delegation_id, StateRow(instrument.delegation))
        if instrument.is_consent:
            row.consent = instrument
        else:
            row.signature = instrument
    for step in steps:
        rows.setdefault(step.delegation_id, StateRow(step.delegation)).steps.append(step)
    for row in rows.values():
        row.in_force_on = status.entry_into_force.for_party.get(str(row.delegation.pk))
    key = sort_key()
    return sorted(rows.values(), key=lambda r: key(name_in(r.delegation)))


@require_GET
@public_page(floor=False)
def treaty_status_page(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    treaty = (
        Treaty.objects.filter(negotiation=negotiation)
        .select_related("adopted_by", "approved_by")
        .first()
    )
    context: dict[str, Any] = {"negotiation": negotiation, "treaty": treaty}
    if treaty is None:
        return render(request, "treaty/status.html", context)
    recorded = list(treaty.instruments.select_related("delegation"))
    status = instruments.treaty_status(treaty, recorded)
    points = cumulative([(i.date, i.is_consent) for i in recorded])
    start = treaty.signature_opens or (treaty.adopted_by.date if treaty.adopted_by else None)
    chart = None
    if start is not None:
        chart = mark_safe(  # noqa: S308 -- every text in it is escaped
            instruments_chart(points, treaty.threshold, start)
        )
    today = timezone.localdate()
    in_force_on = status.entry_into_force.date
    if in_force_on is not None and in_force_on > today:
        # "Enters into force on" becomes "In force since" when the day comes.
        changes_at(request, _midnight(in_force_on))
    if in_force_on is None:
        # "At the earliest on ..., if the instruments still needed were deposited today"
        # moves with the day.
        changes_at(request, _midnight(today + datetime.timedelta(days=1)))
    context |= {
        "status": status,
        "in_force": status.entry_into_force.in_force_on(today),
        "earliest": status.earliest_entry_into_force(today),
        "rows": _rows(recorded, list(treaty.national_steps.select_related("delegation")), status),
        "points": points,
        "chart": chart,
    }
    return render(request, "treaty/status.html", context)


def _midnight(day: datetime.date) -> float:
    """The start of a day in the time zone dates are read in (timezone.localdate)."""
    start = datetime.datetime.combine(day, datetime.time(), timezone.get_current_timezone())
    return start.timestamp()


def _delegation(negotiation: Negotiation, pk: Any, unknown: str = "") -> Delegation:
    """The State chosen in a form, which must be one of this negotiation."""
    delegation = negotiation.delegations.filter(pk=pk).first()
    if delegation is None:
        raise InvalidInput(unknown or _("Choose a State of this negotiation."))
    return delegation


def _back(negotiation: Negotiation) -> Back:
    return Back(_("Back to the treaty's status"), reverse("treaty", args=[negotiation.slug]))


@require_http_methods(["GET", "POST"])
def instrument_create(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    require_runs_process(actor, _("record treaty instruments"))
    treaty = adoption.get_treaty(negotiation)

    def act(data: dict[str, Any]) -> str:
        instruments.record_instrument(
            treaty,
            by=actor,
            delegation=_delegation(negotiation, data["delegation"]),
            kind=data["kind"],
            date=data["date"],
            declarations=data["declarations"],
            reservations=data["reservations"],
            sources=form.sources(),
            illustrative=data["illustrative"],
        )
        return reverse("treaty", args=[slug])

    form = InstrumentForm(
        request.POST or None, delegations=negotiation.delegations.all(), action=request.path
    )
    heading = _("Record a signature or an instrument")
    return handle_form(
        request,
        form,
        act,
        done=_("Instrument recorded."),
        heading=heading,
        negotiation=negotiation,
        back=_back(negotiation),
    )


@require_http_methods(["GET", "POST"])
def national_step_create(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    require_runs_process(actor, _("record national steps"))
    treaty = adoption.get_treaty(negotiation)

    def act(data: dict[str, Any]) -> str:
        instruments.record_national_step(
            treaty,
            by=actor,
            delegation=_delegation(negotiation, data["delegation"]),
            date=data["date"],
            step=data["step"],
            sources=form.sources(),
            illustrative=data["illustrative"],
        )
        return reverse("treaty", args=[slug])

    form = NationalStepForm(
        request.POST or None, delegations=negotiation.delegations.all(), action=request.path
    )
    heading = _("Record a national step")
    return handle_form(
        request,
        form,
        act,
        done=_("National step recorded."),
        heading=heading,
        negotiation=negotiation,
        back=_back(negotiation),
    )


@require_http_methods(["GET", "POST"])
def adoption_create(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    require_runs_process(actor, _("record the adoption of the treaty"))

    def act(data: dict[str, Any]) -> str:
        adoption.record_adoption(
            negotiation,
            by=actor,
            title=data["title"],
            symbol=data["symbol"],
            body=data["body"],
            date=data["date"],
            method=data["method"],
            votes=data["votes"] or None,
            threshold=data["threshold"],
            days_after_threshold=data["days_after_threshold"],
            days_after_later_deposit=data["days_after_later_deposit"],
            reio_counted=data["reio_counted"],
            rule_text=data["rule_text"],
            sources=form.sources(),
        )
        return reverse("treaty", args=[slug])

    form = AdoptionForm(
        request.POST or None, delegations=negotiation.delegations.all(), action=request.path
    )
    heading = _("Record the adoption of the treaty")
    return handle_form(
        request,
        form,
        act,
        done=_("Adoption recorded."),
        heading=heading,
        negotiation=negotiation,
        back=_back(negotiation),
    )


@require_http_methods(["GET", "POST"])
def signature_opening(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    require_runs_process(actor, _("open the treaty for signature"))
    treaty = adoption.get_treaty(negotiation)

    def act(data: dict[str, Any]) -> str:
        adoption.open_for_signature(
            treaty,
            by=actor,
            place=data["place"],
            opens=data["opens"],
            first_period_ends=data["first_period_ends"],
            then_at=data["then_at"],
            closes=data["closes"],
            expected_version=data["lock_version"],
        )
        return reverse("treaty", args=[slug])

    initial = {
        "place": treaty.signature_place,
        "opens": treaty.signature_opens,
        "first_period_ends": treaty.signature_first_period_ends,
        "then_at": treaty.signature_then_at,
        "closes": treaty.signature_closes,
        "lock_version": treaty.lock_version,
    }
    form = SignatureOpeningForm(request.POST or None, initial=initial, action=request.path)
    heading = _("Open the treaty for signature")
    return handle_form(
        request,
        form,
        act,
        done=_("Opening for signature saved."),
        heading=heading,
        negotiation=negotiation,
        back=_back(negotiation),
    )


@require_http_methods(["GET", "POST"])
def protocol_create(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    require_runs_process(actor, _("start the negotiation of a protocol"))

    def act(data: dict[str, Any]) -> str:
        protocol = protocols.create_protocol(
            negotiation,
            by=actor,
            slug=data["slug"],
            title=data["title"],
            short_title=data["short_title"],
            mandate=data["mandate"],
            open_to_parent_parties_only=data["open_to_parent_parties_only"],
            sources=form.sources(),
        )
        return reverse("treaty", args=[protocol.slug])

    form = ProtocolForm(request.POST or None, action=request.path)
    heading = _("Start the negotiation of an additional protocol")
    return handle_form(
        request,
        form,
        act,
        done=_("Protocol started."),
        heading=heading,
        negotiation=negotiation,
        back=_back(negotiation),
    )


@require_http_methods(["GET", "POST"])
def protocol_admit(request: HttpRequest, slug: str) -> HttpResponse:
    protocol = get_negotiation(slug)
    actor = request_actor(request)
    require_runs_process(actor, _("admit delegations to a protocol"))
    parent = protocol.parent
    if parent is None:
        raise NotFound(_("%(n)s is not a protocol.") % {"n": protocol})
    seated = protocol.delegations.values_list("name", flat=True)
    states = parent.delegations.exclude(name__in=list(seated))

    def act(data: dict[str, Any]) -> str:
        unknown = _("Choose a State of the parent negotiation.")
        state = _delegation(parent, data["delegation"], unknown)
        protocols.admit_to_protocol(protocol, by=actor, state=state)
        return reverse("treaty", args=[slug])

    form = AdmissionForm(request.POST or None, delegations=states, action=request.path)
    heading = _("Admit a State to the protocol")
    return handle_form(
        request,
        form,
        act,
        done=_("State admitted."),
        heading=heading,
        negotiation=protocol,
        back=_back(protocol),
    )
