"""The public page of one paragraph of a version: its wording and status, and what people said
about it: interventions and written contributions, published statements and open letters, red
lines; with the buttons to follow it and its article."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from plenary.errors import NotFound
from plenary.page_cache import public_page
from plenary.process.actors import request_actor
from plenary.process.visibility import get_negotiation, get_visible_version, visible_versions
from plenary.text.models import ParagraphStatus, Version
from plenary.text.provisions import current_outline, outline_of, versions_holding
from plenary.text.rendering import segments_html


@require_GET
@public_page(floor=False)
def version_paragraph(request: HttpRequest, slug: str, pk: int, eid: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    # An informal draft does not exist for stakeholders and the public: 404.
    version = get_visible_version(actor, negotiation, pk)
    outline = outline_of(version)
    part = outline.by_eid(eid)
    if part is None or part.kind != "paragraph":
        raise NotFound(_("There is no paragraph %(eid)s in this version.") % {"eid": eid})
    paragraph = outline.node(part.provision)
    versions = visible_versions(actor, negotiation).defer("content")
    holding = list(versions_holding(part.provision, versions))
    # Follows are of what is in the latest text this person may see.
    now = current_outline(negotiation, actor)
    statuses = dict(ParagraphStatus.choices)
    return render(
        request,
        "text/version_paragraph.html",
        {
            "negotiation": negotiation,
            "version": version,
            "label": outline.label(part.provision),
            "provision": part.provision,
            "paragraph": paragraph,
            "wording": mark_safe(segments_html(paragraph)),  # noqa: S308 -- escaped inside
            "status_label": statuses.get(paragraph.get("status", ""), ""),
            "article": part.article,
            "article_label": outline.label(part.article) if part.article else "",
            "followable": part.provision in now,
            "article_followable": part.article is not None and part.article in now,
            "now_label": now.label(part.provision) if part.provision in now else "",
            "other_versions": [_there(v, part.provision) for v in holding if v.pk != version.pk],
        },
    )


def _there(version: Version, provision: int) -> tuple[Version, str, str]:
    """A version holding the paragraph, its eId there and how it was cited there."""
    outline = outline_of(version)
    part = outline.get(provision)
    return version, part.eid if part else "", outline.short_label(provision)
