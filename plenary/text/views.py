"""Pages of the negotiating text: versions, one version as negotiators read it, and the
submissions made for each roadmap deadline."""

import datetime

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenary.errors import InvalidInput, NotAllowed, NotFound, PlenaryError
from plenary.process.models import Role
from plenary.process.permissions import require_runs_process, require_signed_in
from plenary.process.visibility import get_negotiation, get_visible_version, visible_versions
from plenary.text.comparing import compare_versions
from plenary.text.exports import DOCX, akn_response, docx_response, pdf_response
from plenary.text.models import ParagraphStatus, Proposal, ProposalKind
from plenary.text.rendering import segments_html, version_html, working_html
from plenary.text.search import search_text
from plenary.text.services import packages, submissions, versions, working
from plenary.text.structure import find_paragraph, open_brackets
from plenary.text.word import redline_to_docx


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


def _require_table(request: HttpRequest) -> None:
    """The working text is for the negotiating table: delegations, secretariat, chair."""
    require_signed_in(request.user)
    if not request.user.sees_closed_meetings:
        raise NotFound(_("There is no such page."))


@require_GET
def working_draft(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    _require_table(request)
    version, content = working.working_text(negotiation)
    user = request.user
    delegation = user.delegation if user.role == Role.DELEGATION else None
    is_chair = user.role == Role.CHAIR
    return render(
        request,
        "text/working.html",
        {
            "negotiation": negotiation,
            "version": version,
            "body": working_html(
                content,
                slug=slug,
                csrf_token=get_token(request),
                delegation_id=delegation.pk if delegation else None,
                is_chair=is_chair,
            ),
            "footnotes": content["footnotes"],
            "open_brackets": open_brackets(version.content),
            "is_chair": is_chair,
            "packages": negotiation.packages.all(),
        },
    )


@require_GET
def draft_paragraph(request: HttpRequest, slug: str, eid: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    _require_table(request)
    version, content = working.working_text(negotiation)
    found = find_paragraph(content, eid)
    if found is None:
        raise NotFound(_("There is no such paragraph in the working text."))
    where, paragraph = found
    user = request.user
    return render(
        request,
        "text/paragraph.html",
        {
            "negotiation": negotiation,
            "version": version,
            "where": where,
            "paragraph": paragraph,
            "wording": mark_safe(segments_html(paragraph)),  # noqa: S308 -- escaped inside
            "delegation": user.delegation if user.role == Role.DELEGATION else None,
            "is_chair": user.role == Role.CHAIR,
            "kinds": ProposalKind.choices,
            "statuses": ParagraphStatus.choices,
        },
    )


def _back_to_draft(slug: str, eid: str) -> HttpResponse:
    return redirect(f"{reverse('working-draft', args=[slug])}#{eid}")


@require_POST
def proposal_create(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    require_signed_in(request.user)
    delegation = getattr(request.user, "delegation", None)
    if delegation is None:
        raise NotAllowed(_("Only a delegation makes proposals."))
    proposal = working.propose(
        negotiation,
        by=request.user,
        delegation=delegation,
        eid=request.POST.get("eid", ""),
        kind=request.POST.get("kind", ""),
        text=request.POST.get("text", ""),
    )
    messages.success(request, _("Proposal recorded."))
    return _back_to_draft(slug, proposal.eid)


def _proposal(negotiation, pk: int) -> Proposal:
    proposal = negotiation.proposals.filter(pk=pk).first()
    if proposal is None:
        raise NotFound(_("There is no such proposal."))
    return proposal


@require_POST
def proposal_cosponsor(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    proposal = _proposal(negotiation, pk)
    require_signed_in(request.user)
    delegation = getattr(request.user, "delegation", None)
    if delegation is None:
        raise NotAllowed(_("Only a delegation co-sponsors proposals."))
    working.cosponsor(proposal, by=request.user, delegation=delegation)
    messages.success(
        request, _("%(delegation)s co-sponsors the proposal.") % {"delegation": delegation}
    )
    return _back_to_draft(slug, proposal.eid)


@require_POST
def proposal_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    proposal = _proposal(negotiation, pk)
    working.withdraw(proposal, by=request.user)
    messages.success(request, _("Proposal withdrawn."))
    return _back_to_draft(slug, proposal.eid)


@require_POST
def paragraph_status(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    eid = request.POST.get("eid", "")
    version = request.POST.get("lock_version", "")
    state = working.set_status(
        negotiation,
        eid,
        by=request.user,
        status=request.POST.get("status", ""),
        expected_version=int(version) if version.isdigit() else None,
    )
    messages.success(
        request,
        _("%(eid)s is now %(status)s.") % {"eid": eid, "status": state.get_status_display()},
    )
    return _back_to_draft(slug, eid)


@require_POST
def package_propose(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    eids = [eid.strip() for eid in request.POST.get("eids", "").split(",") if eid.strip()]
    package = packages.propose_package(
        negotiation, by=request.user, title=request.POST.get("title", ""), eids=eids
    )
    messages.success(request, _("Package %(title)s proposed.") % {"title": package.title})
    return redirect("working-draft", slug=slug)


@require_POST
def package_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    package = negotiation.packages.filter(pk=pk).first()
    if package is None:
        raise NotFound(_("There is no such package."))
    version = request.POST.get("lock_version", "")
    packages.decide_package(
        package,
        by=request.user,
        accept=request.POST.get("accept") == "1",
        expected_version=int(version) if version.isdigit() else None,
    )
    messages.success(
        request,
        _("Package %(title)s %(status)s.")
        % {"title": package.title, "status": package.get_status_display()},
    )
    return redirect("working-draft", slug=slug)


@require_POST
def adopt(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    try:
        date = datetime.date.fromisoformat(request.POST.get("date", ""))
    except ValueError as error:
        raise InvalidInput(_("Give the date of adoption as YYYY-MM-DD.")) from error
    final = packages.adopt_text(
        negotiation,
        by=request.user,
        symbol=request.POST.get("symbol", ""),
        date=date,
        method="consensus",
    )
    messages.success(request, _("The text is adopted."))
    return redirect("version", slug=slug, pk=final.pk)


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
