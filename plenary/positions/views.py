"""The page of a recorded vote: counts, and every state's vote, searchable."""

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from plenary.errors import NotFound
from plenary.positions.models import Decision, VoteChoice
from plenary.positions.services import vote_counts


@require_GET
def vote_detail(request: HttpRequest, symbol: str) -> HttpResponse:
    decision = Decision.objects.select_related("negotiation").filter(symbol=symbol).first()
    if decision is None:
        raise NotFound(_("There is no recorded decision %(symbol)s.") % {"symbol": symbol})
    query = request.GET.get("q", "").strip()[:100]
    bloc = request.GET.get("bloc", "").strip()[:60]
    vote = request.GET.get("vote", "").strip()
    votes = decision.votes.select_related("delegation").prefetch_related("delegation__blocs")
    if query:
        votes = votes.filter(
            Q(delegation__name__icontains=query) | Q(delegation__iso2__iexact=query)
        )
    if bloc:
        votes = votes.filter(delegation__blocs__slug=bloc)
    if vote in VoteChoice.values:
        votes = votes.filter(vote=vote)
    # World order: grouped by region and subregion, then by name.
    votes = votes.order_by("delegation__region", "delegation__subregion", "delegation__name")
    context = {
        "decision": decision,
        "counts": vote_counts(decision),
        "votes": votes,
        "blocs": decision.negotiation.blocs.all(),
        "query": query,
        "bloc": bloc,
        "vote": vote,
        "choices": VoteChoice,
    }
    template = "positions/_vote_rows.html" if request.headers.get("HX-Request") else None
    return render(request, template or "positions/vote.html", context)
