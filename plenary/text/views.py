"""Pages of the negotiating text: versions, one version as negotiators read it, and the
submissions made for each roadmap deadline."""

import datetime

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenary.errors import InvalidInput, NotAllowed, NotFound, PlenaryError
from plenary.page_cache import public_page
from plenary.process.models import Role
from plenary.process.permissions import require_runs_process, require_signed_in
from plenary.process.visibility import get_negotiation, get_visible_version, visible_versions
from plenary.text.comparing import compare_versions
from plenary.text.exports import DOCX, akn_response, docx_response, pdf_response
from plenary.text.rendering import version_html
from plenary.text.search import search_text
from plenary.text.services import submissions, versions
from plenary.text.structure import open_brackets
from plenary.text.word import redline_to_docx


@require_GET
@public_page
def version_list(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    return render(
        request,
        "text/versions.html",
        {"negotiation": negotiation, "versions": visible_versions(request.user, negotiation)},
    )


@require_GET
@public_page
def version_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    version = get_visible_version(request.user, negotiation, pk)
    return render(
        request,
        "text/version.html",
        {
            "negotiation": negotiation,
            "version": version,
            "body": version_html(
                version.content,
                paragraph_url=reverse("version-paragraph", args=[slug, version.pk, "EID"]),
            ),
            "footnotes": version.content["footnotes"],
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
    text = request.POST.get("text", "")
    upload = request.FILES.get("file")
    if upload is not None:
        if text.strip():
            raise InvalidInput(_("Type the text or upload a file, not both."))
        text = "\n".join(versions.lines_of_uploaded_file(upload))
    submitted = submissions.submit_text(
        deadline,
        by=request.user,
        delegation=delegation,
        chapter=request.POST.get("chapter", ""),
        text=text,
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


@require_GET
def search(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    query = request.GET.get("q", "")
    return render(
        request,
        "text/search.html",
        {
            "negotiation": negotiation,
            "query": query,
            **search_text(negotiation, request.user, query),
        },
    )


@require_GET
def version_akn(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return akn_response(get_visible_version(request.user, get_negotiation(slug), pk))


@require_GET
def version_docx(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return docx_response(get_visible_version(request.user, get_negotiation(slug), pk))


class ImportForm(forms.Form):
    file = forms.FileField(label=_lazy("Draft (Word .docx, or plain text)"))
    label = forms.CharField(label=_lazy("Version label"), max_length=200)
    date = forms.DateField(label=_lazy("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    published = forms.BooleanField(label=_lazy("Publish now"), required=False)


@require_http_methods(["GET", "POST"])
def version_import(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    require_runs_process(request.user, _("import versions of the text"))
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                version = versions.import_version(
                    negotiation,
                    by=request.user,
                    lines=versions.lines_of_uploaded_file(upload),
                    label=form.cleaned_data["label"],
                    date=form.cleaned_data["date"],
                    published=form.cleaned_data["published"],
                    imported_from=upload.name,
                )
            except PlenaryError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("%(version)s imported.") % {"version": version})
                return redirect("version", slug=slug, pk=version.pk)
        else:
            status = 400
    context = {"negotiation": negotiation, "heading": _("Import a version"), "form": form}
    return render(request, "text/import.html", context, status=status)


@require_POST
def version_publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    version = get_visible_version(request.user, negotiation, pk)
    versions.publish_version(version, by=request.user)
    messages.success(request, _("%(version)s is public.") % {"version": version})
    return redirect("version", slug=slug, pk=version.pk)


@require_GET
def compare(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    choices = visible_versions(request.user, negotiation)
    context: dict = {"negotiation": negotiation, "versions": choices}
    if "from" in request.GET or "to" in request.GET:
        old, new, changes = compare_versions(
            request.user, negotiation, request.GET.get("from"), request.GET.get("to")
        )
        context |= {"old": old, "new": new, "changes": changes}
    return render(request, "text/compare.html", context)


@require_GET
def compare_docx(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    old, new, changes = compare_versions(
        request.user, negotiation, request.GET.get("from"), request.GET.get("to")
    )
    data = redline_to_docx(
        changes,
        title=f"{negotiation}: {old.label} → {new.label}",
        subtitle=_("Deletions struck through in red, insertions underlined in blue."),
    )
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = (
        f'attachment; filename="{slug}-redline-{old.pk}-{new.pk}.docx"'
    )
    return response


@require_GET
def version_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return pdf_response(get_visible_version(request.user, get_negotiation(slug), pk))
