"""Pages of the negotiating text: versions, one version as negotiators read it, and the
submissions made for each roadmap deadline."""


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
from plenary.process.models import Role
from plenary.process.permissions import require_runs_process, require_signed_in
from plenary.process.visibility import get_negotiation, get_visible_version, visible_versions
from plenary.text.comparing import compare_versions
from plenary.text.exports import DOCX, akn_response, docx_response, pdf_response
from plenary.text.forms import ConsolidateForm
from plenary.text.provisions import text_outline
from plenary.text.rendering import version_html
from plenary.text.search import search_text
from plenary.text.services import submissions, versions
from plenary.text.structure import ARTICLE, open_brackets
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


class SubmissionForm(forms.Form):
    chapter = forms.ChoiceField(label=_lazy("Chapter"))
    text = forms.CharField(
        label=_lazy(
            "Text (one paragraph per line: Article 1. Title, then 1., (a), (i); brackets as "
            "[a / b])"
        ),
        max_length=submissions.MAX_CHARACTERS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )
    file = forms.FileField(label=_lazy("or upload the Word document (.docx)"), required=False)

    def __init__(self, *args, deadline, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chapter"].choices = [(c, c) for c in deadline.chapters]


def _deadline_page(
    request: HttpRequest, negotiation, deadline, *, form=None, status: int = 200
) -> HttpResponse:
    submitted = deadline.submissions.select_related("delegation").order_by("submitted_at")
    by_chapter = {
        chapter: [s for s in submitted if s.chapter == chapter] for chapter in deadline.chapters
    }
    return render(
        request,
        "text/deadline.html",
        {
            "negotiation": negotiation,
            "deadline": deadline,
            "by_chapter": by_chapter,
            "passed": deadline.has_passed(timezone.now()),
            "can_submit": getattr(request.user, "role", "") == Role.DELEGATION,
            "form": form or SubmissionForm(deadline=deadline),
        },
        status=status,
    )


@require_GET
def deadline_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    return _deadline_page(request, negotiation, _deadline(negotiation, pk))


@require_POST
def submission_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A delegation submits its text for a chapter; a refusal shows the form again with the
    text as typed (an uploaded file has to be chosen again, and the page says so)."""
    negotiation = get_negotiation(slug)
    deadline = _deadline(negotiation, pk)
    require_signed_in(request.user)
    delegation = getattr(request.user, "delegation", None)
    if delegation is None:
        raise NotAllowed(_("Only a delegation submits text."))
    form = SubmissionForm(request.POST, request.FILES, deadline=deadline)
    if form.is_valid():
        text, upload = form.cleaned_data["text"], form.cleaned_data["file"]
        try:
            if upload is not None:
                if text.strip():
                    raise InvalidInput(_("Type the text or upload a file, not both."))
                text = "\n".join(versions.lines_of_uploaded_file(upload))
            submitted = submissions.submit_text(
                deadline,
                by=request.user,
                delegation=delegation,
                chapter=form.cleaned_data["chapter"],
                text=text,
            )
        except PlenaryError as error:
            form.add_error(None, error.message)
            if upload is not None:
                form.add_error("file", _("Choose the file again: a browser does not keep it."))
            return _deadline_page(request, negotiation, deadline, form=form, status=error.status)
        note = _(" It is flagged late.") if submitted.late else ""
        messages.success(
            request,
            _("Submission on %(chapter)s recorded.") % {"chapter": submitted.chapter} + note,
        )
        return redirect("deadline", slug=slug, pk=deadline.pk)
    return _deadline_page(request, negotiation, deadline, form=form, status=400)


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


@require_http_methods(["GET", "POST"])
def deadline_consolidate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The secretariat confirms what consolidating a chapter will do — which article of the text
    each consolidated article takes the place of, or that it is new — and consolidates."""
    negotiation = get_negotiation(slug)
    deadline = _deadline(negotiation, pk)
    require_runs_process(request.user, _("consolidate submissions"))
    chapter = (request.POST.get("chapter") or request.GET.get("chapter", ""))[:200]
    plan = submissions.consolidation_plan(deadline, chapter)
    outline = text_outline(negotiation)
    articles = [(p.provision, outline.label(p.provision)) for p in outline.of_kind(ARTICLE)]
    form = ConsolidateForm(
        request.POST if request.method == "POST" else None,
        initial={"chapter": chapter, "label": _("Consolidated negotiating document")},
    )
    status = 200
    if request.method == "POST":
        chosen = [request.POST.get(f"match-{i}", "") for i in range(len(plan))]
        if form.is_valid():
            try:
                version = submissions.consolidate_submissions(
                    deadline,
                    by=request.user,
                    chapter=chapter,
                    label=form.cleaned_data["label"],
                    date=form.cleaned_data["date"],
                    matches={
                        article.title: int(value) if value.isdigit() else None
                        for article, value in zip(plan, chosen, strict=True)
                    },
                )
            except PlenaryError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(
                    request,
                    _("Consolidated into %(version)s (informal draft).") % {"version": version},
                )
                return redirect("version", slug=slug, pk=version.pk)
        else:
            status = 400
        plan = [
            submissions.ArticlePlan(
                a.title, a.paragraphs, a.sponsors, int(v) if v.isdigit() else None
            )
            for a, v in zip(plan, chosen, strict=True)
        ]
    return render(
        request,
        "text/consolidate.html",
        {
            "negotiation": negotiation,
            "deadline": deadline,
            "chapter": chapter,
            "plan": plan,
            "articles": articles,
            "form": form,
        },
        status=status,
    )


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
    file = forms.FileField(label=_lazy("Draft (Word .docx, Akoma Ntoso .xml, or plain text)"))
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
                    draft=versions.draft_of_uploaded_file(negotiation, upload),
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
        subtitle=_(
            "The changes from %(old)s to %(new)s are tracked: Word's Review tab goes from one to "
            "the next, and accepting them all gives the wording of %(new)s."
        )
        % {"old": old.label, "new": new.label},
        author=str(negotiation.secretariat or negotiation.body or "Plenary"),
        date=new.published_at or new.created_at,
    )
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = (
        f'attachment; filename="{slug}-redline-{old.pk}-{new.pk}.docx"'
    )
    return response


@require_GET
def version_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return pdf_response(get_visible_version(request.user, get_negotiation(slug), pk))
