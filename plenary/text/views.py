"""Pages of the negotiating text: versions, one version as negotiators read it, and the
submissions made for each roadmap deadline."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenary.errors import InvalidInput, NotAllowed, NotFound, PlenaryError
from plenary.forms import Back, handle_form
from plenary.page_cache import public_page
from plenary.process.actors import request_actor
from plenary.process.models import Role
from plenary.process.permissions import require_runs_process, require_signed_in
from plenary.process.visibility import get_negotiation, get_visible_version, visible_versions
from plenary.text.comparing import compare_versions
from plenary.text.exports import DOCX, akn_response, docx_response, pdf_response
from plenary.text.forms import ConsolidateForm, ImportForm, SubmissionForm
from plenary.text.provisions import text_outline
from plenary.text.rendering import version_html
from plenary.text.search import search_text
from plenary.text.search_form import SearchForm
from plenary.text.services import submissions, versions
from plenary.text.structure import ARTICLE, open_brackets
from plenary.text.word import redline_to_docx


@require_GET
@public_page(floor=False)
def version_list(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    return render(
        request,
        "text/versions.html",
        {
            "negotiation": negotiation,
            "versions": visible_versions(request_actor(request), negotiation),
        },
    )


@require_GET
@public_page(floor=False)
def version_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    version = get_visible_version(request_actor(request), negotiation, pk)
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


def _submission_form(negotiation, deadline, data=None, files=None) -> SubmissionForm:
    return SubmissionForm(
        data,
        files,
        chapters=deadline.chapters,
        action=reverse("submit", args=[negotiation.slug, deadline.pk]),
        key="submission",
    )


def _deadline_page(
    request: HttpRequest, negotiation, deadline, form=None, status: int = 200
) -> HttpResponse:
    submitted = deadline.submissions.select_related("delegation").order_by("submitted_at")
    by_chapter = {
        chapter: [s for s in submitted if s.chapter == chapter] for chapter in deadline.chapters
    }
    can_submit = request_actor(request).role == Role.DELEGATION
    return render(
        request,
        "text/deadline.html",
        {
            "negotiation": negotiation,
            "deadline": deadline,
            "by_chapter": by_chapter,
            "passed": deadline.has_passed(timezone.now()),
            "can_submit": can_submit,
            "form": (form or _submission_form(negotiation, deadline)) if can_submit else None,
        },
        status=status,
    )


@require_GET
def deadline_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    return _deadline_page(request, negotiation, _deadline(negotiation, pk))


@require_POST
def submission_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A delegation submits its text for a chapter, typed or as a Word document; a refusal
    brings the form back with the text as typed and the reason beside it (an uploaded file has
    to be chosen again, and the form says so)."""
    negotiation = get_negotiation(slug)
    deadline = _deadline(negotiation, pk)
    actor = require_signed_in(request_actor(request))
    delegation = actor.delegation
    if delegation is None:
        raise NotAllowed(_("Only a delegation submits text."))

    def submit(chapter: str, text: str):
        return submissions.submit_text(
            deadline, by=actor, delegation=delegation, chapter=chapter, text=text
        )

    def act(data):
        text, upload = data["text"], data["file"]
        if upload is None:
            submitted = submit(data["chapter"], text)
        elif text.strip():
            raise InvalidInput(_("Type the text or upload a file, not both."), field="file")
        else:
            try:
                submitted = submit(
                    data["chapter"], "\n".join(versions.lines_of_uploaded_file(upload))
                )
            except PlenaryError as error:
                # What is wrong with the document's text is said beside the document.
                if error.field == "text":
                    error.field = "file"
                raise
        note = _(" It is flagged late.") if submitted.late else ""
        messages.success(
            request,
            _("Submission on %(chapter)s recorded.") % {"chapter": submitted.chapter} + note,
        )
        return reverse("deadline", args=[slug, deadline.pk])

    return handle_form(
        request,
        _submission_form(negotiation, deadline, request.POST, request.FILES),
        act,
        page=lambda form, status: _deadline_page(request, negotiation, deadline, form, status),
    )


@require_POST
def deadline_late(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The secretariat's button: let late submissions in (flagged late), or stop them."""
    negotiation = get_negotiation(slug)
    deadline = _deadline(negotiation, pk)
    allowed = request.POST.get("allowed") == "1"
    submissions.allow_late_submissions(deadline, by=request_actor(request), allowed=allowed)
    messages.success(
        request, _("Late submissions allowed.") if allowed else _("Late submissions closed.")
    )
    return redirect("deadline", slug=slug, pk=deadline.pk)


@require_http_methods(["GET", "POST"])
def deadline_consolidate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The secretariat confirms what consolidating a chapter will do — which article of the text
    each consolidated article takes the place of, or that it is new — and consolidates. A
    refusal brings the page back with the choices made, the label and the date."""
    negotiation = get_negotiation(slug)
    deadline = _deadline(negotiation, pk)
    actor = request_actor(request)
    require_runs_process(actor, _("consolidate submissions"))
    data = request.POST if request.method == "POST" else None
    chapter = ((data or request.GET).get("chapter") or "")[:200]
    plan = submissions.consolidation_plan(deadline, chapter)
    outline = text_outline(negotiation)
    form = ConsolidateForm(
        data,
        plan=plan,
        articles=[(p.provision, outline.label(p.provision)) for p in outline.of_kind(ARTICLE)],
        initial={"chapter": chapter, "label": _("Consolidated negotiating document")},
        action=reverse("deadline-consolidate", args=[slug, deadline.pk]),
        key="consolidate",
    )

    def act(cleaned):
        version = submissions.consolidate_submissions(
            deadline,
            by=actor,
            chapter=chapter,
            label=cleaned["label"],
            date=cleaned["date"],
            matches=form.matches(),
        )
        messages.success(
            request, _("Consolidated into %(version)s (informal draft).") % {"version": version}
        )
        return reverse("version", args=[slug, version.pk])

    def page(form, status: int) -> HttpResponse:
        context = {
            "negotiation": negotiation,
            "deadline": deadline,
            "chapter": chapter,
            "form": form,
        }
        return render(request, "text/consolidate.html", context, status=status)

    return handle_form(request, form, act, page=page)


@require_GET
def search(request: HttpRequest, slug: str) -> HttpResponse:
    """Search the text and the records on it: a GET form whose answer is the page itself."""
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    form = SearchForm(
        request.GET or None,
        negotiation=negotiation,
        viewer=actor,
        action=reverse("search", args=[slug]),
    )
    results = None
    if form.is_bound and form.is_valid():
        results = search_text(negotiation, actor, form.cleaned_data["q"], form.scope())
    return render(
        request,
        "text/search.html",
        {
            "negotiation": negotiation,
            "form": form,
            "query": request.GET.get("q", ""),
            "results": results,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@require_GET
def version_akn(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return akn_response(get_visible_version(request_actor(request), get_negotiation(slug), pk))


@require_GET
def version_docx(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return docx_response(get_visible_version(request_actor(request), get_negotiation(slug), pk))


@require_http_methods(["GET", "POST"])
def version_import(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    require_runs_process(actor, _("import versions of the text"))
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        action=reverse("version-import", args=[slug]),
        key="import",
    )

    def act(data):
        upload = data["file"]
        version = versions.import_version(
            negotiation,
            by=actor,
            draft=versions.draft_of_uploaded_file(negotiation, upload),
            label=data["label"],
            date=data["date"],
            published=data["published"],
            imported_from=upload.name,
        )
        messages.success(request, _("%(version)s imported.") % {"version": version})
        return reverse("version", args=[slug, version.pk])

    return handle_form(
        request,
        form,
        act,
        heading=_("Import a version"),
        negotiation=negotiation,
        back=Back(_("All versions"), reverse("versions", args=[slug])),
        intro=_(
            "Word documents are read safely; the draft's shape: Chapter I. Title, Article 1. "
            "Title, numbered paragraphs 1., (a), (i), brackets [a / b] or [Option 1: …] "
            "[Option 2: …]. A draft that does not read is refused with the line where it failed, "
            "and nothing is kept."
        ),
    )


@require_POST
def version_publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The button that makes an informal version public."""
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    version = get_visible_version(actor, negotiation, pk)
    versions.publish_version(version, by=actor)
    messages.success(request, _("%(version)s is public.") % {"version": version})
    return redirect("version", slug=slug, pk=version.pk)


@require_GET
def compare(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    choices = visible_versions(actor, negotiation)
    context: dict = {"negotiation": negotiation, "versions": choices}
    if "from" in request.GET or "to" in request.GET:
        old, new, changes = compare_versions(
            actor, negotiation, request.GET.get("from"), request.GET.get("to")
        )
        context |= {"old": old, "new": new, "changes": changes}
    return render(request, "text/compare.html", context)


@require_GET
def compare_docx(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    old, new, changes = compare_versions(
        request_actor(request), negotiation, request.GET.get("from"), request.GET.get("to")
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
    return pdf_response(get_visible_version(request_actor(request), get_negotiation(slug), pk))
