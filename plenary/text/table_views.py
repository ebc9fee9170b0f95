"""The working text at the table (delegations, the secretariat and the chair): the text with its
open proposals, a paragraph's page with what can be done on it, proposals, statuses, packages,
the chair's drafting, issuing the next version and adoption.

Every form posts to its own address; a refusal (a field, or a rule of the process) shows the same
page again with that form as it was filled in and the reason beside it, and a 4xx status."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenary.errors import NotAllowed, NotFound, PlenaryError
from plenary.process.models import Negotiation, Role
from plenary.process.permissions import require_chair, require_signed_in
from plenary.process.visibility import get_negotiation
from plenary.text import blockers
from plenary.text.forms import (
    AdoptForm,
    ChooseForm,
    EditWordingForm,
    InsertArticleForm,
    InsertParagraphForm,
    IssueVersionForm,
    MergeForm,
    MoveArticleForm,
    MoveParagraphForm,
    OptionalReasonForm,
    PackageForm,
    ProposalForm,
    ReasonForm,
    StatusForm,
)
from plenary.text.models import Proposal, Provision
from plenary.text.provisions import MadeOn, at_the_table, resolve, resolve_many
from plenary.text.rendering import segments_html, working_html
from plenary.text.services import drafting, packages, working
from plenary.text.structure import ARTICLE, PARAGRAPH, Outline, open_brackets


def _require_table(request: HttpRequest) -> None:
    """The working text is for the negotiating table: delegations, secretariat, chair."""
    require_signed_in(request.user)
    if not at_the_table(request.user):
        raise NotFound(_("There is no such page."))


def _delegation(request: HttpRequest) -> Any:
    user = request.user
    return user.delegation if getattr(user, "role", "") == Role.DELEGATION else None


def _is_chair(request: HttpRequest) -> bool:
    return getattr(request.user, "role", "") == Role.CHAIR


# --- the working text ------------------------------------------------------------------------


def _draft_page(
    request: HttpRequest,
    negotiation: Negotiation,
    *,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    _require_table(request)
    version, content = working.working_text(negotiation)
    outline = Outline(content)
    is_chair = _is_chair(request)
    delegation = _delegation(request)
    page_forms: dict[str, forms.Form] = {"issue_form": IssueVersionForm(prefix="issue")}
    if is_chair:
        # The chair's forms name every provision: made only for the chair.
        package_form = PackageForm(prefix="package")
        package_form.fields["provisions"].offer(outline)  # type: ignore[attr-defined]
        article_form = InsertArticleForm(prefix="article")
        article_form.offer(outline)
        page_forms |= {
            "package_form": package_form,
            "article_form": article_form,
            "renumber_form": OptionalReasonForm(prefix="renumber"),
        }
    for name, form in (bound or {}).items():
        page_forms[name] = form
    return render(
        request,
        "text/working.html",
        {
            "negotiation": negotiation,
            "version": version,
            "body": working_html(
                content,
                slug=negotiation.slug,
                csrf_token=get_token(request),
                delegation_id=delegation.pk if delegation else None,
                is_chair=is_chair,
            ),
            "footnotes": content["footnotes"],
            "open_brackets": open_brackets(content),
            "is_chair": is_chair,
            "runs_process": bool(getattr(request.user, "runs_process", False)),
            "packages": [
                (p, [outline.short_label(x.pk) for x in p.provisions.all()])
                for p in negotiation.packages.prefetch_related("provisions")
            ],
            "changes": _changes(negotiation, outline),
            **page_forms,
        },
        status=status,
    )


def _changes(negotiation: Negotiation, outline: Outline) -> list[tuple[Any, str]]:
    """The chair's changes since the last version, each with the label of its provision."""
    return [
        (change, outline.label(change.provision_id) if change.provision_id else "")
        for change in drafting.unissued_changes(negotiation)
    ]


@require_GET
def working_draft(request: HttpRequest, slug: str) -> HttpResponse:
    return _draft_page(request, get_negotiation(slug))


def _on_draft(
    request: HttpRequest,
    slug: str,
    name: str,
    form: forms.Form,
    act: Callable[[forms.Form], str],
) -> HttpResponse:
    """Run a working-text form: its action on success (a message, back to the text), the same
    page with the form as it was filled in on a refusal."""
    negotiation = get_negotiation(slug)
    _require_table(request)
    if form.is_valid():
        try:
            messages.success(request, act(form))
        except PlenaryError as error:
            form.add_error(None, error.message)
            return _draft_page(request, negotiation, bound={name: form}, status=error.status)
        return redirect("working-draft", slug=slug)
    return _draft_page(request, negotiation, bound={name: form}, status=400)


@require_POST
def package_propose(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    form = PackageForm(request.POST, prefix="package")
    if at_the_table(request.user):
        outline = working.working_outline(negotiation)
        form.fields["provisions"].offer(outline)  # type: ignore[attr-defined]

    def act(form: forms.Form) -> str:
        package = packages.propose_package(
            negotiation,
            by=request.user,
            title=form.cleaned_data["title"],
            provisions=resolve_many(
                negotiation, request.user, provisions=form.cleaned_data["provisions"]
            ),
            description=form.cleaned_data["description"],
        )
        return _("Package %(title)s proposed.") % {"title": package.title}

    return _on_draft(request, slug, "package_form", form, act)


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
def insert_article(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    _require_table(request)
    require_chair(request.user, _("edit the text"))
    form = InsertArticleForm(request.POST, prefix="article")
    form.offer(working.working_outline(negotiation))

    def act(form: forms.Form) -> str:
        data = form.cleaned_data
        after = data["after"]
        drafting.insert_article(
            negotiation,
            by=request.user,
            chapter=resolve(
                negotiation, request.user, provision=data["chapter"], kinds=("chapter",)
            ),
            after=resolve(negotiation, request.user, provision=after, kinds=(ARTICLE,))
            if after
            else None,
            title=data["title"],
            text=data["text"],
            reason=data["reason"],
        )
        return _("Article inserted.")

    return _on_draft(request, slug, "article_form", form, act)


@require_POST
def renumber_articles(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    form = OptionalReasonForm(request.POST, prefix="renumber")

    def act(form: forms.Form) -> str:
        drafting.renumber_articles(negotiation, by=request.user, reason=form.cleaned_data["reason"])
        return _("The articles are numbered 1, 2, … in reading order.")

    return _on_draft(request, slug, "renumber_form", form, act)


@require_POST
def issue_version(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    form = IssueVersionForm(request.POST, prefix="issue")
    issued: list[Any] = []

    def act(form: forms.Form) -> str:
        issued.append(
            drafting.issue_version(
                negotiation,
                by=request.user,
                label=form.cleaned_data["label"],
                date=form.cleaned_data["date"],
                renumber=form.cleaned_data["renumber"],
            )
        )
        return _("%(version)s issued as an informal draft; publish it when it is ready.") % {
            "version": issued[0].label
        }

    answer = _on_draft(request, slug, "issue_form", form, act)
    if issued:
        return redirect("version", slug=slug, pk=issued[0].pk)
    return answer


# --- a paragraph of the working text ----------------------------------------------------------


def _paragraph_page(
    request: HttpRequest,
    negotiation: Negotiation,
    provision: int,
    *,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    _require_table(request)
    version, content = working.working_text(negotiation)
    outline = Outline(content)
    part = outline.get(provision)
    if part is None or part.kind != PARAGRAPH:
        raise NotFound(_("There is no such paragraph in the working text."))
    paragraph = outline.node(provision)
    delegation = _delegation(request)
    is_chair = _is_chair(request)
    article_form = MoveArticleForm(prefix="move-article")
    article_form.offer(outline)
    page_forms: dict[str, Any] = {
        "proposal_form": ProposalForm(prefix="proposal"),
        "status_form": StatusForm(
            prefix="status",
            initial={"status": paragraph["status"], "lock_version": paragraph["status_version"]},
        ),
        "edit_form": EditWordingForm(
            prefix="edit", initial={"text": paragraph["text"], "seen": paragraph["text"]}
        ),
        "insert_form": InsertParagraphForm(prefix="insert"),
        "delete_form": ReasonForm(prefix="delete"),
        "delete_article_form": ReasonForm(prefix="delete-article"),
        "move_article_form": article_form,
        "accept_form": OptionalReasonForm(prefix="accept"),
        "merge_forms": {},
    }
    for name, form in (bound or {}).items():
        if name.startswith("merge-"):
            page_forms["merge_forms"][int(name.removeprefix("merge-"))] = form
        else:
            page_forms[name] = form
    brackets = [
        {
            "index": index,
            "alternatives": list(
                zip(
                    segment["alternatives"],
                    segment.get("sponsors") or [[] for _a in segment["alternatives"]],
                    strict=True,
                )
            ),
            "merge_form": page_forms["merge_forms"].get(index)
            or MergeForm(prefix=f"merge-{index}", initial={"bracket": index}),
        }
        for index, segment in enumerate(s for s in paragraph["segments"] if "alternatives" in s)
    ]
    return render(
        request,
        "text/paragraph.html",
        {
            "negotiation": negotiation,
            "version": version,
            "label": outline.label(provision),
            "provision": provision,
            "article": part.article,
            "article_label": outline.label(part.article) if part.article else "",
            "paragraph": paragraph,
            "wording": mark_safe(segments_html(paragraph)),  # noqa: S308 -- escaped inside
            "brackets": brackets,
            "blockers": blockers.listed(working.blockers_of(negotiation, outline, [provision])),
            "delegation": delegation,
            "is_chair": is_chair,
            "proposals": _with_notes(
                Proposal.objects.filter(provision_id=provision, status="open")
                .select_related("delegation")
                .prefetch_related("cosponsors", "made_on"),
                MadeOn(outline),
            ),
            **page_forms,
        },
        status=status,
    )


def _with_notes(proposals: Any, made_on: MadeOn) -> list[Proposal]:
    """Proposals, each saying where it was made when its paragraph was renumbered since."""
    found = list(proposals)
    for proposal in found:
        proposal.made_on_note = made_on(proposal.provision_id, proposal.made_on)
    return found


@require_GET
def draft_paragraph(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    return _paragraph_page(request, get_negotiation(slug), provision)


def _on_paragraph(
    request: HttpRequest,
    slug: str,
    provision: int,
    name: str,
    form: forms.Form,
    act: Callable[[Negotiation, Provision, forms.Form], str],
    *,
    back: Callable[[Negotiation, Provision], HttpResponse] | None = None,
) -> HttpResponse:
    """Run a form of a paragraph's page: its action on success (a message, back to the page or
    where `back` says), the same page with the form as it was filled in on a refusal."""
    negotiation = get_negotiation(slug)
    _require_table(request)
    paragraph = resolve(negotiation, request.user, provision=provision)
    if form.is_valid():
        try:
            messages.success(request, act(negotiation, paragraph, form))
        except PlenaryError as error:
            form.add_error(None, error.message)
            return _paragraph_page(
                request, negotiation, provision, bound={name: form}, status=error.status
            )
        if back is not None:
            return back(negotiation, paragraph)
        return redirect("draft-paragraph", slug=slug, provision=provision)
    return _paragraph_page(request, negotiation, provision, bound={name: form}, status=400)


def _to_the_text(negotiation: Negotiation, _provision: Provision) -> HttpResponse:
    return redirect("working-draft", slug=negotiation.slug)


@require_POST
def proposal_create(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    def act(negotiation: Negotiation, paragraph: Provision, form: forms.Form) -> str:
        delegation = _delegation(request)
        if delegation is None:
            raise NotAllowed(_("Only a delegation makes proposals."))
        working.propose(
            negotiation,
            by=request.user,
            delegation=delegation,
            provision=paragraph,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
        )
        return _("Proposal recorded.")

    form = ProposalForm(request.POST, prefix="proposal")
    return _on_paragraph(request, slug, provision, "proposal_form", form, act)


@require_POST
def paragraph_status(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    def act(negotiation: Negotiation, paragraph: Provision, form: forms.Form) -> str:
        state = working.set_status(
            negotiation,
            paragraph,
            by=request.user,
            status=form.cleaned_data["status"],
            expected_version=form.cleaned_data["lock_version"],
        )
        return _("The paragraph is now %(status)s.") % {"status": state.get_status_display()}

    form = StatusForm(request.POST, prefix="status")
    return _on_paragraph(request, slug, provision, "status_form", form, act)


@require_POST
def edit_wording(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    def act(negotiation: Negotiation, paragraph: Provision, form: forms.Form) -> str:
        drafting.edit_wording(
            negotiation,
            paragraph,
            by=request.user,
            text=form.cleaned_data["text"],
            reason=form.cleaned_data["reason"],
            seen=form.cleaned_data["seen"] or None,
        )
        return _("Wording changed.")

    form = EditWordingForm(request.POST, prefix="edit")
    return _on_paragraph(request, slug, provision, "edit_form", form, act)


@require_POST
def choose_alternative(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    def act(negotiation: Negotiation, paragraph: Provision, form: forms.Form) -> str:
        drafting.choose_alternative(
            negotiation,
            paragraph,
            by=request.user,
            bracket=form.cleaned_data["bracket"],
            alternative=form.cleaned_data["alternative"],
            reason=form.cleaned_data["reason"],
        )
        return _("The bracket is settled.")

    form = ChooseForm(request.POST)
    return _on_paragraph(request, slug, provision, "choose_form", form, act)


@require_POST
def merge_alternatives(
    request: HttpRequest, slug: str, provision: int, bracket: int
) -> HttpResponse:
    def act(negotiation: Negotiation, paragraph: Provision, form: forms.Form) -> str:
        drafting.merge_alternatives(
            negotiation,
            paragraph,
            by=request.user,
            bracket=bracket,
            wording=form.cleaned_data["wording"],
            reason=form.cleaned_data["reason"],
        )
        return _("The bracket is settled.")

    form = MergeForm(request.POST, prefix=f"merge-{bracket}")
    return _on_paragraph(request, slug, provision, f"merge-{bracket}", form, act)


@require_POST
def insert_paragraph(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    def act(negotiation: Negotiation, paragraph: Provision, form: forms.Form) -> str:
        drafting.insert_paragraph(
            negotiation,
            by=request.user,
            text=form.cleaned_data["text"],
            reason=form.cleaned_data["reason"],
            beside=paragraph,
            before=form.cleaned_data["where"] == "before",
        )
        return _("Paragraph inserted.")

    form = InsertParagraphForm(request.POST, prefix="insert")
    return _on_paragraph(request, slug, provision, "insert_form", form, act)


@require_POST
def delete_paragraph(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    def act(negotiation: Negotiation, paragraph: Provision, form: forms.Form) -> str:
        drafting.delete_provision(
            negotiation, paragraph, by=request.user, reason=form.cleaned_data["reason"]
        )
        return _("Paragraph deleted; its history is kept.")

    form = ReasonForm(request.POST, prefix="delete")
    return _on_paragraph(request, slug, provision, "delete_form", form, act, back=_to_the_text)


@require_POST
def delete_article(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    def act(negotiation: Negotiation, paragraph: Provision, form: forms.Form) -> str:
        drafting.delete_provision(
            negotiation,
            _article_of(negotiation, request, paragraph),
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("Article deleted; its history is kept.")

    form = ReasonForm(request.POST, prefix="delete-article")
    return _on_paragraph(
        request, slug, provision, "delete_article_form", form, act, back=_to_the_text
    )


def _article_of(negotiation: Negotiation, request: HttpRequest, paragraph: Provision) -> Provision:
    part = working.working_outline(negotiation).get(paragraph.pk)
    if part is None or part.article is None:
        raise NotFound(_("This paragraph is not in an article."))
    return resolve(negotiation, request.user, provision=part.article, kinds=(ARTICLE,))


@require_POST
def move_article(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    negotiation = get_negotiation(slug)

    def act(negotiation: Negotiation, paragraph: Provision, form: forms.Form) -> str:
        after = form.cleaned_data["after"]
        drafting.move_article(
            negotiation,
            _article_of(negotiation, request, paragraph),
            by=request.user,
            chapter=resolve(
                negotiation,
                request.user,
                provision=form.cleaned_data["chapter"],
                kinds=("chapter",),
            ),
            after=resolve(negotiation, request.user, provision=after, kinds=(ARTICLE,))
            if after
            else None,
            reason=form.cleaned_data["reason"],
        )
        return _("Article moved.")

    form = MoveArticleForm(request.POST, prefix="move-article")
    if at_the_table(request.user):
        form.offer(working.working_outline(negotiation))
    return _on_paragraph(request, slug, provision, "move_article_form", form, act)


@require_POST
def move_paragraph(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    def act(negotiation: Negotiation, paragraph: Provision, form: forms.Form) -> str:
        drafting.move_paragraph(
            negotiation,
            paragraph,
            by=request.user,
            up=form.cleaned_data["direction"] == "up",
            reason=form.cleaned_data["reason"],
        )
        return _("Paragraph moved.")

    form = MoveParagraphForm(request.POST)
    return _on_paragraph(request, slug, provision, "move_form", form, act)


# --- proposals --------------------------------------------------------------------------------


def _proposal(negotiation: Negotiation, pk: int) -> Proposal:
    proposal = negotiation.proposals.filter(pk=pk).first()
    if proposal is None:
        raise NotFound(_("There is no such proposal."))
    return proposal


def _back_to_paragraph(slug: str, proposal: Proposal) -> HttpResponse:
    """Back to the paragraph's page, or to the working text when it is no longer in it."""
    if proposal.provision_id in working.working_outline(proposal.negotiation):
        return redirect("draft-paragraph", slug=slug, provision=proposal.provision_id)
    return redirect("working-draft", slug=slug)


@require_POST
def proposal_cosponsor(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    proposal = _proposal(negotiation, pk)
    require_signed_in(request.user)
    delegation = _delegation(request)
    if delegation is None:
        raise NotAllowed(_("Only a delegation co-sponsors proposals."))
    working.cosponsor(proposal, by=request.user, delegation=delegation)
    messages.success(
        request, _("%(delegation)s co-sponsors the proposal.") % {"delegation": delegation}
    )
    return redirect("draft-paragraph", slug=slug, provision=proposal.provision_id)


@require_POST
def proposal_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    proposal = _proposal(negotiation, pk)
    working.withdraw(proposal, by=request.user)
    messages.success(request, _("Proposal withdrawn."))
    return redirect("draft-paragraph", slug=slug, provision=proposal.provision_id)


@require_POST
def proposal_accept(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    proposal = _proposal(negotiation, pk)

    def act(negotiation: Negotiation, paragraph: Provision, form: forms.Form) -> str:
        drafting.accept_proposal(proposal, by=request.user, reason=form.cleaned_data["reason"])
        return _("The proposal is taken into the working text.")

    form = OptionalReasonForm(request.POST, prefix="accept")
    return _on_paragraph(
        request,
        slug,
        proposal.provision_id,
        "accept_form",
        form,
        act,
        back=lambda n, p: _back_to_paragraph(slug, proposal),
    )


# --- adoption ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def adopt(request: HttpRequest, slug: str) -> HttpResponse:
    """What stands in the way of adopting the text, with a link to each place to resolve it;
    the chair adopts the text by consensus once nothing does."""
    negotiation = get_negotiation(slug)
    _require_table(request)
    form = AdoptForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                adoption = packages.adopt_text(
                    negotiation,
                    by=request.user,
                    symbol=form.cleaned_data["symbol"],
                    date=form.cleaned_data["date"],
                    method="consensus",
                )
            except PlenaryError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("The text is adopted."))
                return redirect("version", slug=slug, pk=getattr(adoption.final, "pk", 0))
        else:
            status = 400
    outline, found = packages.adoption_blockers(negotiation, "consensus")
    by_provision: dict[int, list[blockers.Blocker]] = {}
    for blocker in found:
        by_provision.setdefault(blocker.provision, []).append(blocker)
    return render(
        request,
        "text/adoption.html",
        {
            "negotiation": negotiation,
            "rows": [
                (outline.label(p), reverse("draft-paragraph", args=[slug, p]), blockers.listed(b))
                for p, b in by_provision.items()
            ],
            "is_chair": _is_chair(request),
            "form": form,
        },
        status=status,
    )
