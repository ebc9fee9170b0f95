"""Pages of red lines: stating one, its assessments and flags, and a coalition's scorecard."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plenary.advocacy.charts import trend_svg
from plenary.advocacy.forms import AssessmentForm
from plenary.advocacy.models import Verdict
from plenary.advocacy.services import red_lines
from plenary.advocacy.services.statements import require_member
from plenary.advocacy.views import (
    _coalition,
    _coalition_page,
    _int,
    _latest_published,
    _red_line_form,
)
from plenary.advocacy.visibility import (
    assessments_and_flags,
    get_coalition,
    get_visible_red_line,
    is_member,
    sees_internal,
)
from plenary.errors import NotFound
from plenary.forms import handle_form
from plenary.process.actors import request_actor
from plenary.process.visibility import get_negotiation, get_visible_version, visible_versions
from plenary.text.provisions import resolve_many


@require_POST
def red_line_create(request: HttpRequest, slug: str, coalition: str) -> HttpResponse:
    found = _coalition(request, slug, coalition)
    actor = request_actor(request)
    require_member(actor, found, _("state its red lines"))

    def act(data):
        red_line = red_lines.create_red_line(
            found,
            by=actor,
            title=data["title"],
            criterion=data["criterion"],
            provisions=resolve_many(found.negotiation, actor, provisions=data["provisions"]),
        )
        return reverse("red-line", args=[slug, red_line.pk])

    return handle_form(
        request,
        _red_line_form(found, actor, request.POST),
        act,
        done=_("Red line stated."),
        page=lambda form, status: _coalition_page(request, found, {"red_line": form}, status),
    )


def _assessment_form(red_line, versions, assessments, data=None) -> AssessmentForm:
    """The form holds, for each version, the assessment's version as the page showed it (0: not
    assessed yet), so that a second assessor never overwrites the first unseen."""
    form = AssessmentForm(
        data,
        versions=versions,
        action=reverse("red-line-assess", args=[red_line.coalition.negotiation.slug, red_line.pk]),
    )
    for version in versions:
        lock = next((a.lock_version for a in assessments if a.version_id == version.pk), 0)
        form.fields[f"lock_version_{version.pk}"] = forms.IntegerField(
            widget=forms.HiddenInput, required=False, initial=lock
        )
    return form


def _red_line_page(request: HttpRequest, negotiation, red_line, form=None, status: int = 200):
    actor = request_actor(request)
    assessments, flags = assessments_and_flags(actor, negotiation, [red_line])[red_line.pk]
    versions = list(visible_versions(actor, negotiation).order_by("-position"))
    member = is_member(actor, red_line.coalition)
    return render(
        request,
        "advocacy/red_line.html",
        {
            "negotiation": negotiation,
            "red_line": red_line,
            "coalition": red_line.coalition,
            "assessments": assessments,
            "flags": flags,
            "published_version": _latest_published(negotiation),
            "is_member": member,
            "assessment_form": (form or _assessment_form(red_line, versions, assessments))
            if member
            else None,
        },
        status=status,
    )


@require_GET
def red_line_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    return _red_line_page(
        request, negotiation, get_visible_red_line(request_actor(request), negotiation, pk)
    )


@require_POST
def red_line_assess(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    red_line = get_visible_red_line(actor, negotiation, pk)
    version_id = _int(request.POST.get("version"))
    if version_id is not None:
        # A version this person may not see does not exist for them, whoever they are.
        get_visible_version(actor, negotiation, version_id)
    require_member(actor, red_line.coalition, _("assess its red lines"))
    versions = list(visible_versions(actor, negotiation).order_by("-position"))
    assessments = assessments_and_flags(actor, negotiation, [red_line])[red_line.pk][0]
    form = _assessment_form(red_line, versions, assessments, request.POST)

    def act(data):
        version = get_visible_version(actor, negotiation, data["version"])
        red_lines.assess(
            red_line,
            version,
            by=actor,
            verdict=data["verdict"],
            reasoning=data["reasoning"],
            quoted_wording=data["quoted_wording"],
            expected_version=data.get(f"lock_version_{version.pk}", data.get("lock_version")),
        )
        return reverse("red-line", args=[slug, pk])

    return handle_form(
        request,
        form,
        act,
        done=_("Assessment recorded."),
        page=lambda form, status: _red_line_page(request, negotiation, red_line, form, status),
    )


@require_GET
def scorecard(request: HttpRequest, slug: str, coalition: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    found = get_coalition(negotiation, coalition)
    actor = request_actor(request)
    if not sees_internal(actor, found):
        raise NotFound(_("There is no such scorecard."))
    versions = visible_versions(actor, negotiation)
    version_id = _int(request.GET.get("version"))
    if version_id is not None:
        version = get_visible_version(actor, negotiation, version_id)
    else:
        version = versions.order_by("-position").first()
        if version is None:
            raise NotFound(_("There is no version of the text to score yet."))
    card = red_lines.scorecard(actor, found, version)
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
