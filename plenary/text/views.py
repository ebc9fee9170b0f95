"""Pages of the negotiating text: the versions, and one version as negotiators read it."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from plenary.process.visibility import get_negotiation, get_visible_version, visible_versions
from plenary.text.structure import open_brackets


@require_GET
def version_list(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    return render(
        request,
        "text/versions.html",
        {"negotiation": negotiation, "versions": visible_versions(request.user, negotiation)},
    )


@require_GET
def version_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    version = get_visible_version(request.user, negotiation, pk)
    return render(
        request,
        "text/version.html",
        {
            "negotiation": negotiation,
            "version": version,
            "content": version.content,
            "open_brackets": open_brackets(version.content),
        },
    )
