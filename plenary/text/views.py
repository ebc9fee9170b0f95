"""Pages of the negotiating text: versions, one version as negotiators read it, and the
submissions made for each roadmap deadline."""

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plenary.errors import InvalidInput, NotAllowed, NotFound
from plenary.process.models import Role
from plenary.process.permissions import require_signed_in
from plenary.process.visibility import get_negotiation, get_visible_version, visible_versions
from plenary.text.services import submissions
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


def _deadline(negotiation, pk: int):
    deadline = negotiation.roadmap.filter(pk=pk).first()
    if deadline is None:
        raise NotFound(_("There is no such deadline."))
    return deadline


@require_GET
def deadline_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    deadline = _deadline(negotiation, pk)
    submissions = deadline.submissions.select_related("delegation").order_by("submitted_at")
    by_chapter = {
        chapter: [s for s in submissions if s.chapter == chapter] for chapter in deadline.chapters
    }
    user = request.user
    return render(
        request,
        "text/deadline.html",
        {
            "negotiation": negotiation,
            "deadline": deadline,
            "by_chapter": by_chapter,
            "passed": deadline.has_passed(timezone.now()),
            "can_submit": getattr(user, "role", "") == Role.DELEGATION,
        },
    )


@require_POST
def submission_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    deadline = _deadline(negotiation, pk)
    require_signed_in(request.user)
    delegation = getattr(request.user, "delegation", None)
    if delegation is None:
        raise NotAllowed(_("Only a delegation submits text."))
    submitted = submissions.submit_text(
        deadline,
        by=request.user,
        delegation=delegation,
        chapter=request.POST.get("chapter", ""),
        text=request.POST.get("text", ""),
    )
    note = _(" It is flagged late.") if submitted.late else ""
    messages.success(
        request, _("Submission on %(chapter)s recorded.") % {"chapter": submitted.chapter} + note
    )
    return redirect("deadline", slug=slug, pk=deadline.pk)


@require_POST
def deadline_late(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    deadline = _deadline(negotiation, pk)
    allowed = request.POST.get("allowed") == "1"
    submissions.allow_late_submissions(deadline, by=request.user, allowed=allowed)
    messages.success(
        request, _("Late submissions allowed.") if allowed else _("Late submissions closed.")
    )
    return redirect("deadline", slug=slug, pk=deadline.pk)


@require_POST
def deadline_consolidate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    deadline = _deadline(negotiation, pk)
    try:
        date = datetime.date.fromisoformat(request.POST.get("date", ""))
    except ValueError as error:
        raise InvalidInput(_("Give the version's date as YYYY-MM-DD.")) from error
    version = submissions.consolidate_submissions(
        deadline,
        by=request.user,
        chapter=request.POST.get("chapter", ""),
        label=request.POST.get("label", ""),
        date=date,
    )
    messages.success(
        request, _("Consolidated into %(version)s (informal draft).") % {"version": version}
    )
    return redirect("version", slug=slug, pk=version.pk)
