"""Searching interventions: statements made and contributions written in the sessions this
person may see (registered with plenary.text.search)."""

from typing import Any

from django.urls import reverse

from plenary.participation.models import Intervention
from plenary.participation.visibility import visible_interventions
from plenary.process.models import Negotiation
from plenary.text.search_matching import Matcher
from plenary.text.search_records import MAX_RESULTS, TEXT, TITLE, Found, addressed


def interventions(
    negotiation: Negotiation,
    viewer: Any,
    matcher: Matcher,
    language: str,
    in_chapter: set[int] | None,
) -> list[Found]:
    """Statements made and contributions written in sessions this person may see."""
    rows = visible_interventions(viewer, negotiation)
    if in_chapter is not None:
        addressing = Intervention.provisions.through.objects.filter(provision_id__in=in_chapter)
        rows = rows.filter(pk__in=addressing.values("intervention_id"))
    matched = list(matcher.on(rows.prefetch_related("provisions"), [TITLE, TEXT])[:MAX_RESULTS])
    addresses = addressed(negotiation, viewer, matched)
    found = []
    for intervention in matched:
        item = intervention.agenda_item
        url = reverse("speakers", args=[negotiation.slug, item.session_id, item.pk])
        found.append(
            Found(
                intervention,
                intervention.rank,
                intervention.title or intervention.author_label,
                f"{url}#intervention-{intervention.pk}",
                matcher.marked(intervention, TITLE),
                matcher.marked(intervention, TEXT),
                addresses.get(intervention.pk, []),
            )
        )
    return found
