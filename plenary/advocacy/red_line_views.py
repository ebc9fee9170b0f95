"""Pages of red lines: stating one, its assessments and flags, and a coalition's scorecard."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plenary.advocacy.charts import trend_svg
from plenary.advocacy.models import Verdict
from plenary.advocacy.services import red_lines
from plenary.advocacy.views import _coalition, _int, _latest_published, _provisions
from plenary.advocacy.visibility import (
    assessments_and_flags,
    get_coalition,
    get_visible_red_line,
    is_member,
    sees_internal,
)
from plenary.errors import InvalidInput, NotFound
from plenary.process.permissions import require_signed_in
from plenary.process.visibility import get_negotiation, get_visible_version, visible_versions


@require_POST
def red_line_create(request: HttpRequest, slug: str, coalition: str) -> HttpResponse:
    found = _coalition(request, slug, coalition)
    red_line = red_lines.create_red_line(
        found,
        by=request.user,
        title=request.POST.get("title", ""),
        criterion=request.POST.get("criterion", ""),
        provisions=_provisions(request, found.negotiation),
    )
    messages.success(request, _("Red line stated."))
    return redirect("red-line", slug=slug, pk=red_line.pk)


@require_GET
def red_line_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    from plenary.notifications.services import is_following

    negotiation = get_negotiation(slug)
    red_line = get_visible_red_line(request.user, negotiation, pk)
    assessments, flags = assessments_and_flags(request.user, negotiation, [red_line])[red_line.pk]
    versions = list(visible_versions(request.user, negotiation).order_by("-position"))
    return render(
        request,
        "advocacy/red_line.html",
        {
            "negotiation": negotiation,
            "red_line": red_line,
            "coalition": red_line.coalition,
            "assessments": assessments,
            # What each version's assessment stands at, sent back with the form (0: none yet).
            "locks": [
                (v.pk, next((a.lock_version for a in assessments if a.version_id == v.pk), 0))
                for v in versions
            ],
            "flags": flags,
            "published_version": _latest_published(negotiation),
            "is_member": is_member(request.user, red_line.coalition),
            "versions": versions,
            "verdicts": Verdict.choices,
            "following": is_following(request.user, negotiation, "red_line", str(red_line.pk)),
        },
    )


@require_POST
def red_line_assess(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    red_line = get_visible_red_line(request.user, negotiation, pk)
    version_id = _int(request.POST.get("version"))
    if version_id is None:
        require_signed_in(request.user)
        raise InvalidInput(_("Say which version you assess."))
    version = get_visible_version(request.user, negotiation, version_id)
    red_lines.assess(
        red_line,
        version,
        by=request.user,
        verdict=request.POST.get("verdict", ""),
        reasoning=request.POST.get("reasoning", ""),
        quoted_wording=request.POST.get("quoted_wording", ""),
        # The form holds, for each version, the assessment's version as the page showed it
        # (0: not assessed yet), so that a second assessor never overwrites the first unseen.
        expected_version=_int(
            request.POST.get(f"lock_version_{version.pk}", request.POST.get("lock_version"))
        ),
    )
    messages.success(request, _("Assessment recorded."))
    return redirect("red-line", slug=slug, pk=pk)


@require_GET
def scorecard(request: HttpRequest, slug: str, coalition: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    found = get_coalition(negotiation, coalition)
    if not sees_internal(request.user, found):
        raise NotFound(_("There is no such scorecard."))
    versions = visible_versions(request.user, negotiation)
    version_id = _int(request.GET.get("version"))
    if version_id is not None:
        version = get_visible_version(request.user, negotiation, version_id)
    else:
        version = versions.order_by("-position").first()
        if version is None:
            raise NotFound(_("There is no version of the text to score yet."))
    card = red_lines.scorecard(request.user, found, version)
    return render(
        request,
        "advocacy/scorecard.html",
        {
            "negotiation": negotiation,
            "coalition": found,
            "card": card,
            "versions": versions,
            "verdicts": Verdict.choices,
            "svg": mark_safe(trend_svg(card)),  # noqa: S308 -- every text escaped
        },
    )
