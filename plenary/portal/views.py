"""The home page and each negotiation's page: where things stand first, then the record."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from plenary.portal.standing import standing_of
from plenary.positions.models import Decision
from plenary.positions.services import vote_counts
from plenary.process.models import Negotiation
from plenary.process.views import BUREAU_ORDER, timeline
from plenary.process.visibility import get_negotiation


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    standings = [
        standing_of(negotiation, request.user, today)
        for negotiation in Negotiation.objects.filter(parent__isnull=True)
    ]
    return render(request, "process/home.html", {"standings": standings})


@require_GET
def negotiation_home(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    mandate = Decision.objects.filter(symbol=negotiation.mandate).first()
    return render(
        request,
        "process/negotiation.html",
        {
            "negotiation": negotiation,
            "standing": standing_of(negotiation, request.user, timezone.localdate()),
            "mandate": mandate,
            "mandate_counts": vote_counts(mandate) if mandate else None,
            "decisions": negotiation.decisions.exclude(symbol=negotiation.mandate),
            "bureau": sorted(
                negotiation.bureau.select_related("delegation"),
                key=lambda member: BUREAU_ORDER.index(member.role),
            ),
            "timeline": timeline(request, negotiation),
            "roadmap": negotiation.roadmap.select_related("set_at"),
        },
    )
