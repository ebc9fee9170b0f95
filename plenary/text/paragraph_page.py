"""The public page of one paragraph of a version: its wording and status, and what people said
about it: interventions and written contributions, published statements and open letters, red
lines; with the buttons to follow it and its article."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from plenary.errors import NotFound
from plenary.notifications.targets import article_of
from plenary.page_cache import public_page
from plenary.process.visibility import get_negotiation, get_visible_version, visible_versions
from plenary.text.models import IndexedParagraph, ParagraphStatus
from plenary.text.rendering import segments_html
from plenary.text.structure import find_paragraph


@require_GET
@public_page
def version_paragraph(request: HttpRequest, slug: str, pk: int, eid: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    # An informal draft does not exist for stakeholders and the public: 404.
    version = get_visible_version(request.user, negotiation, pk)
    found = find_paragraph(version.content, eid)
    if found is None:
        raise NotFound(_("There is no paragraph %(eid)s in this version.") % {"eid": eid})
    where, paragraph = found
    # The search index says which versions hold the paragraph, without reading their text.
    versions = visible_versions(request.user, negotiation).defer("content")
    indexed = IndexedParagraph.objects.filter(eid=eid).values("version_id")
    holding = list(versions.filter(pk__in=indexed).order_by("position"))
    # Follows are checked against the latest text this person may see.
    latest = versions.order_by("-position").first()
    article = article_of(eid)
    statuses = dict(ParagraphStatus.choices)
    return render(
        request,
        "text/version_paragraph.html",
        {
            "negotiation": negotiation,
            "version": version,
            "where": where,
            "paragraph": paragraph,
            "wording": mark_safe(segments_html(paragraph)),  # noqa: S308 -- escaped inside
            "status_label": statuses.get(paragraph.get("status", ""), ""),
            "article": article,
            "followable": latest is not None and latest in holding,
            "other_versions": [v for v in holding if v.pk != version.pk],
        },
    )
