"""The working text at the table (delegations, the secretariat and the chair): the text with its
open proposals, a paragraph's page with what can be done on it, proposals and co-sponsors,
statuses, packages, the chair's drafting, issuing the next version and adoption.

Every form goes through the one form mechanism (plenary.forms.handle_form): a refusal (a field,
or a rule of the process) brings the same form back with what was typed, in its place on its page
(or alone, for htmx), with the reason beside the field or at its top. Buttons with nothing to
type (co-sponsoring, withdrawing, keeping one alternative, moving a paragraph, deciding a
package) are refused with a page that says why and leads back."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from plenary.errors import InvalidInput, NotAllowed, NotFound, StaleEdit
from plenary.forms import FormMechanics, handle_form
from plenary.process.actors import request_actor
from plenary.process.capabilities import can_run_process, can_view_working_text
from plenary.process.models import Delegation, Negotiation, Role
from plenary.process.permissions import require_chair, require_runs_process, require_signed_in
from plenary.process.visibility import get_negotiation
from plenary.text import blockers
from plenary.text.forms import (
    AcceptForm,
    AdoptForm,
    DeleteArticleForm,
    DeleteParagraphForm,
    EditWordingForm,
    InsertArticleForm,
    InsertParagraphForm,
    IssueVersionForm,
    MergeForm,
    MoveArticleForm,
    PackageForm,
    ProposalForm,
    RenumberForm,
    StatusForm,
)
from plenary.text.models import Proposal, Provision
from plenary.text.provisions import MadeOn, resolve, resolve_many
from plenary.text.rendering import segments_html, working_html
from plenary.text.services import drafting, packages, working
from plenary.text.structure import ARTICLE, CHAPTER, PARAGRAPH, Outline, open_brackets

Data = dict[str, Any]


def _require_table(request: HttpRequest) -> None:
    """The working text is for the negotiating table: delegations, secretariat, chair."""
    actor = require_signed_in(request_actor(request))
    if not can_view_working_text(actor):
        raise NotFound(_("There is no such page."))


def _delegation(request: HttpRequest) -> Delegation | None:
    actor = request_actor(request)
    return actor.delegation if actor.role == Role.DELEGATION else None


def _own_delegation(request: HttpRequest, doing: str) -> Delegation:
    """The delegation this person acts for; refused (a page saying why) for anyone else."""
    require_signed_in(request_actor(request))
    delegation = _delegation(request)
    if delegation is None:
        raise NotAllowed(doing)
    return delegation


def _is_chair(request: HttpRequest) -> bool:
    return request_actor(request).role == Role.CHAIR


def _in_place(forms: dict[str, Any], bound: FormMechanics | None) -> dict[str, Any]:
    """The page's forms, with the refused one (if any) in the place of its unfilled twin."""
    if bound is not None:
        for name, form in forms.items():
            if getattr(form, "key", None) == bound.key:
                forms[name] = bound
    return forms


# --- the working text ------------------------------------------------------------------------


def _issue_form(slug: str, data: Data | None = None) -> IssueVersionForm:
    return IssueVersionForm(data, action=reverse("issue-version", args=[slug]), key="issue")


def _package_form(slug: str, outline: Outline, data: Data | None = None) -> PackageForm:
    form = PackageForm(data, action=reverse("package-propose", args=[slug]), key="package")
    form.fields["provisions"].offer(outline)  # type: ignore[attr-defined]
    return form


def _article_form(slug: str, outline: Outline, data: Data | None = None) -> InsertArticleForm:
    form = InsertArticleForm(data, action=reverse("insert-article", args=[slug]), key="article")
    form.offer(outline)
    return form


def _renumber_form(slug: str, data: Data | None = None) -> RenumberForm:
    return RenumberForm(data, action=reverse("renumber", args=[slug]), key="renumber")


def _draft_page(
    request: HttpRequest,
    negotiation: Negotiation,
    bound: FormMechanics | None = None,
    status: int = 200,
) -> HttpResponse:
    _require_table(request)
    slug = negotiation.slug
    version, content = working.working_text(negotiation)
    outline = Outline(content)
    is_chair = _is_chair(request)
    delegation = _delegation(request)
    runs_process = can_run_process(request_actor(request))
    page_forms: dict[str, Any] = {"issue_form": _issue_form(slug) if runs_process else None}
    if is_chair:
        # The chair's forms name every provision: made only for the chair.
        page_forms |= {
            "package_form": _package_form(slug, outline),
            "article_form": _article_form(slug, outline),
            "renumber_form": _renumber_form(slug),
        }
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
            "open_brackets": open_brackets(content),
            "is_chair": is_chair,
            "runs_process": runs_process,
            "packages": [
                (p, [outline.short_label(x.pk) for x in p.provisions.all()])
                for p in negotiation.packages.prefetch_related("provisions")
            ],
            "changes": _changes(negotiation, outline),
            **_in_place(page_forms, bound),
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
    negotiation: Negotiation,
    form: FormMechanics,
    act: Callable[[Data], Any],
) -> HttpResponse:
    """Run a form of the working text: `act` calls the service and says where to go next (the
    working text, unless it says otherwise); a refusal shows the working text with the form as
    it was filled in."""
    return handle_form(
        request,
        form,
        lambda data: act(data) or reverse("working-draft", args=[negotiation.slug]),
        page=lambda form, status: _draft_page(request, negotiation, form, status),
    )


@require_POST
def package_propose(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    _require_table(request)
    actor = request_actor(request)
    require_chair(actor, _("propose packages"))
    form = _package_form(slug, working.working_outline(negotiation), request.POST)

    def act(data: Data) -> None:
        package = packages.propose_package(
            negotiation,
            by=actor,
            title=data["title"],
            provisions=resolve_many(negotiation, actor, provisions=data["provisions"]),
            description=data["description"],
        )
        messages.success(request, _("Package %(title)s proposed.") % {"title": package.title})

    return _on_draft(request, negotiation, form, act)


@require_POST
def package_decide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The chair's two buttons on a package: accept it as one, or reject it."""
    negotiation = get_negotiation(slug)
    package = negotiation.packages.filter(pk=pk).first()
    if package is None:
        raise NotFound(_("There is no such package."))
    version = request.POST.get("lock_version", "")
    packages.decide_package(
        package,
        by=request_actor(request),
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
    actor = request_actor(request)
    require_chair(actor, _("edit the text"))
    form = _article_form(slug, working.working_outline(negotiation), request.POST)

    def act(data: Data) -> None:
        after = data["after"]
        drafting.insert_article(
            negotiation,
            by=actor,
            chapter=resolve(negotiation, actor, provision=data["chapter"], kinds=(CHAPTER,)),
            after=resolve(negotiation, actor, provision=after, kinds=(ARTICLE,)) if after else None,
            title=data["title"],
            text=data["text"],
            reason=data["reason"],
        )
        messages.success(request, _("Article inserted."))

    return _on_draft(request, negotiation, form, act)


@require_POST
def renumber_articles(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    _require_table(request)
    actor = request_actor(request)
    require_chair(actor, _("renumber the text"))

    def act(data: Data) -> None:
        drafting.renumber_articles(negotiation, by=actor, reason=data["reason"])
        messages.success(request, _("The articles are numbered 1, 2, … in reading order."))

    return _on_draft(request, negotiation, _renumber_form(slug, request.POST), act)


@require_POST
def issue_version(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    _require_table(request)
    actor = request_actor(request)
    require_runs_process(actor, _("issue versions of the text"))

    def act(data: Data) -> str:
        version = drafting.issue_version(
            negotiation,
            by=actor,
            label=data["label"],
            date=data["date"],
            renumber=data["renumber"],
        )
        messages.success(
            request,
            _("%(version)s issued as an informal draft; publish it when it is ready.")
            % {"version": version.label},
        )
        return reverse("version", args=[slug, version.pk])

    return _on_draft(request, negotiation, _issue_form(slug, request.POST), act)


# --- a paragraph of the working text ----------------------------------------------------------

# The forms of a paragraph's page: the name the page knows each by, its class, its route and
# its key (the ids of the form and its fields).
PARAGRAPH_FORMS: dict[str, tuple[type[Any], str, str]] = {
    "proposal_form": (ProposalForm, "propose", "proposal"),
    "status_form": (StatusForm, "paragraph-status", "status"),
    "edit_form": (EditWordingForm, "edit-wording", "edit"),
    "insert_form": (InsertParagraphForm, "insert-paragraph", "insert"),
    "delete_form": (DeleteParagraphForm, "delete-paragraph", "delete"),
    "move_article_form": (MoveArticleForm, "move-article", "move-article"),
    "delete_article_form": (DeleteArticleForm, "delete-article", "delete-article"),
}


def _paragraph_form(
    name: str, slug: str, provision: int, data: Data | None = None, **kwargs: Any
) -> Any:
    form_class, route, key = PARAGRAPH_FORMS[name]
    return form_class(data, action=reverse(route, args=[slug, provision]), key=key, **kwargs)


def _accept_form(slug: str, proposal: int, data: Data | None = None) -> AcceptForm:
    action = reverse("accept-proposal", args=[slug, proposal])
    return AcceptForm(data, action=action, key=f"accept-{proposal}")


def _merge_form(slug: str, provision: int, bracket: int, data: Data | None = None) -> MergeForm:
    action = reverse("merge-alternatives", args=[slug, provision, bracket])
    return MergeForm(data, action=action, key=f"merge-{bracket}")


def _paragraph_page(
    request: HttpRequest,
    negotiation: Negotiation,
    provision: int,
    bound: FormMechanics | None = None,
    status: int = 200,
) -> HttpResponse:
    _require_table(request)
    slug = negotiation.slug
    version, content = working.working_text(negotiation)
    outline = Outline(content)
    part = outline.get(provision)
    if part is None or part.kind != PARAGRAPH:
        raise NotFound(_("There is no such paragraph in the working text."))
    paragraph = outline.node(provision)
    delegation = _delegation(request)
    is_chair = _is_chair(request)
    proposals = _with_notes(
        Proposal.objects.filter(provision_id=provision, status="open")
        .select_related("delegation")
        .prefetch_related("cosponsors", "made_on"),
        MadeOn(outline),
    )
    page_forms: dict[str, Any] = {}
    if delegation is not None:
        page_forms["proposal_form"] = _paragraph_form("proposal_form", slug, provision)
    brackets: list[dict[str, Any]] = [
        {
            "index": index,
            "alternatives": list(
                zip(
                    segment["alternatives"],
                    segment.get("sponsors") or [[] for _a in segment["alternatives"]],
                    strict=True,
                )
            ),
        }
        for index, segment in enumerate(s for s in paragraph["segments"] if "alternatives" in s)
    ]
    if is_chair:
        page_forms |= {
            "status_form": _paragraph_form(
                "status_form",
                slug,
                provision,
                initial={
                    "status": paragraph["status"],
                    "lock_version": paragraph["status_version"],
                },
            ),
            "edit_form": _paragraph_form(
                "edit_form",
                slug,
                provision,
                initial={"text": paragraph["text"], "seen": paragraph["text"]},
            ),
            "insert_form": _paragraph_form("insert_form", slug, provision),
            "delete_form": _paragraph_form("delete_form", slug, provision),
            "move_article_form": _paragraph_form("move_article_form", slug, provision),
            "delete_article_form": _paragraph_form("delete_article_form", slug, provision),
        }
        page_forms["move_article_form"].offer(outline)
        for proposal in proposals:
            if proposal.kind != "comment":
                accept = _accept_form(slug, proposal.pk)
                page_forms[accept.key] = accept
        for bracket in brackets:
            merge = _merge_form(slug, provision, bracket["index"])
            page_forms[merge.key] = merge
    _in_place(page_forms, bound)
    # Each open proposal with the chair's form to accept it and whether the reader's delegation
    # co-sponsors it.
    ours = delegation.pk if delegation is not None else None
    proposal_rows = [
        (
            proposal,
            page_forms.get(f"accept-{proposal.pk}"),
            any(c.pk == ours for c in proposal.cosponsors.all()),
        )
        for proposal in proposals
    ]
    for bracket in brackets:
        bracket["merge_form"] = page_forms.get(f"merge-{bracket['index']}")
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
            "proposal_rows": proposal_rows,
            **{name: form for name, form in page_forms.items() if name.endswith("_form")},
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
    negotiation: Negotiation,
    provision: int,
    form: FormMechanics,
    act: Callable[[Data], Any],
) -> HttpResponse:
    """Run a form of a paragraph's page: `act` calls the service and says where to go next (the
    paragraph's page, unless it says otherwise); a refusal shows the paragraph's page with the
    form as it was filled in."""
    return handle_form(
        request,
        form,
        lambda data: act(data) or reverse("draft-paragraph", args=[negotiation.slug, provision]),
        page=lambda form, status: _paragraph_page(request, negotiation, provision, form, status),
    )


def _chairs_paragraph(request: HttpRequest, slug: str, provision: int, doing: str) -> Any:
    """The negotiation and the paragraph a chair's form acts on (refused for anyone else)."""
    negotiation = get_negotiation(slug)
    _require_table(request)
    actor = request_actor(request)
    require_chair(actor, doing)
    return negotiation, resolve(negotiation, actor, provision=provision)


def _to_the_text(negotiation: Negotiation) -> str:
    return reverse("working-draft", args=[negotiation.slug])


@require_POST
def proposal_create(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    _require_table(request)
    delegation = _own_delegation(request, _("Only a delegation makes proposals."))
    actor = request_actor(request)
    paragraph = resolve(negotiation, actor, provision=provision)

    def act(data: Data) -> None:
        working.propose(
            negotiation,
            by=actor,
            delegation=delegation,
            provision=paragraph,
            kind=data["kind"],
            text=data["text"],
        )
        messages.success(request, _("Proposal recorded."))

    form = _paragraph_form("proposal_form", slug, provision, request.POST)
    return _on_paragraph(request, negotiation, provision, form, act)


@require_POST
def paragraph_status(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    negotiation, paragraph = _chairs_paragraph(
        request, slug, provision, _("change a paragraph's status")
    )

    def act(data: Data) -> None:
        state = working.set_status(
            negotiation,
            paragraph,
            by=request_actor(request),
            status=data["status"],
            expected_version=data["lock_version"],
        )
        messages.success(
            request,
            _("The paragraph is now %(status)s.") % {"status": state.get_status_display()},
        )

    form = _paragraph_form("status_form", slug, provision, request.POST)
    return _on_paragraph(request, negotiation, provision, form, act)


@require_POST
def edit_wording(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    """The chair rewords a paragraph. When someone changed it since the chair opened it, the form
    comes back with the chair's wording and says what it reads now; sending it again (having
    read that) replaces it."""
    negotiation, paragraph = _chairs_paragraph(request, slug, provision, _("edit the text"))
    form = _paragraph_form("edit_form", slug, provision, request.POST)

    def act(data: Data) -> None:
        try:
            drafting.edit_wording(
                negotiation,
                paragraph,
                by=request_actor(request),
                text=data["text"],
                reason=data["reason"],
                seen=data["seen"] or None,
            )
        except StaleEdit:
            form.data = form.data.copy()
            form.data["seen"] = working.working_outline(negotiation).node(provision)["text"]
            raise
        messages.success(request, _("Wording changed."))

    return _on_paragraph(request, negotiation, provision, form, act)


@require_POST
def choose_alternative(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    """The chair's button beside one alternative of a bracket: keep this one."""
    negotiation, paragraph = _chairs_paragraph(request, slug, provision, _("settle brackets"))
    bracket, alternative = request.POST.get("bracket", ""), request.POST.get("alternative", "")
    if not (bracket.isdigit() and alternative.isdigit()):
        raise InvalidInput(_("That alternative is not in the bracket."))
    drafting.choose_alternative(
        negotiation,
        paragraph,
        by=request_actor(request),
        bracket=int(bracket),
        alternative=int(alternative),
    )
    messages.success(request, _("The bracket is settled."))
    return redirect("draft-paragraph", slug=slug, provision=provision)


@require_POST
def merge_alternatives(
    request: HttpRequest, slug: str, provision: int, bracket: int
) -> HttpResponse:
    negotiation, paragraph = _chairs_paragraph(request, slug, provision, _("settle brackets"))

    def act(data: Data) -> None:
        drafting.merge_alternatives(
            negotiation,
            paragraph,
            by=request_actor(request),
            bracket=bracket,
            wording=data["wording"],
            reason=data["reason"],
        )
        messages.success(request, _("The bracket is settled."))

    form = _merge_form(slug, provision, bracket, request.POST)
    return _on_paragraph(request, negotiation, provision, form, act)


@require_POST
def insert_paragraph(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    negotiation, paragraph = _chairs_paragraph(request, slug, provision, _("edit the text"))

    def act(data: Data) -> None:
        drafting.insert_paragraph(
            negotiation,
            by=request_actor(request),
            text=data["text"],
            reason=data["reason"],
            beside=paragraph,
            before=data["where"] == "before",
        )
        messages.success(request, _("Paragraph inserted."))

    form = _paragraph_form("insert_form", slug, provision, request.POST)
    return _on_paragraph(request, negotiation, provision, form, act)


@require_POST
def delete_paragraph(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    negotiation, paragraph = _chairs_paragraph(request, slug, provision, _("edit the text"))

    def act(data: Data) -> str:
        drafting.delete_provision(
            negotiation, paragraph, by=request_actor(request), reason=data["reason"]
        )
        messages.success(request, _("Paragraph deleted; its history is kept."))
        return _to_the_text(negotiation)

    form = _paragraph_form("delete_form", slug, provision, request.POST)
    return _on_paragraph(request, negotiation, provision, form, act)


def _article_of(negotiation: Negotiation, request: HttpRequest, paragraph: Provision) -> Provision:
    part = working.working_outline(negotiation).get(paragraph.pk)
    if part is None or part.article is None:
        raise NotFound(_("This paragraph is not in an article."))
    return resolve(negotiation, request_actor(request), provision=part.article, kinds=(ARTICLE,))


@require_POST
def delete_article(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    negotiation, paragraph = _chairs_paragraph(request, slug, provision, _("edit the text"))
    article = _article_of(negotiation, request, paragraph)

    def act(data: Data) -> str:
        drafting.delete_provision(
            negotiation, article, by=request_actor(request), reason=data["reason"]
        )
        messages.success(request, _("Article deleted; its history is kept."))
        return _to_the_text(negotiation)

    form = _paragraph_form("delete_article_form", slug, provision, request.POST)
    return _on_paragraph(request, negotiation, provision, form, act)


@require_POST
def move_article(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    negotiation, paragraph = _chairs_paragraph(request, slug, provision, _("edit the text"))
    article = _article_of(negotiation, request, paragraph)
    form = _paragraph_form("move_article_form", slug, provision, request.POST)
    form.offer(working.working_outline(negotiation))

    actor = request_actor(request)

    def act(data: Data) -> None:
        after = data["after"]
        drafting.move_article(
            negotiation,
            article,
            by=actor,
            chapter=resolve(negotiation, actor, provision=data["chapter"], kinds=(CHAPTER,)),
            after=resolve(negotiation, actor, provision=after, kinds=(ARTICLE,)) if after else None,
            reason=data["reason"],
        )
        messages.success(request, _("Article moved."))

    return _on_paragraph(request, negotiation, provision, form, act)


@require_POST
def move_paragraph(request: HttpRequest, slug: str, provision: int) -> HttpResponse:
    """The chair's two buttons: move the paragraph one place up, or down."""
    negotiation, paragraph = _chairs_paragraph(request, slug, provision, _("edit the text"))
    direction = request.POST.get("direction", "")
    if direction not in {"up", "down"}:
        raise InvalidInput(_("Say where the paragraph goes: up or down."))
    drafting.move_paragraph(
        negotiation, paragraph, by=request_actor(request), up=direction == "up", reason=""
    )
    messages.success(request, _("Paragraph moved."))
    return redirect("draft-paragraph", slug=slug, provision=provision)


# --- proposals --------------------------------------------------------------------------------


def _proposal(negotiation: Negotiation, pk: int) -> Proposal:
    proposal = negotiation.proposals.filter(pk=pk).first()
    if proposal is None:
        raise NotFound(_("There is no such proposal."))
    return proposal


def _back_to_paragraph(proposal: Proposal) -> str:
    """The paragraph's page, or the working text when the paragraph is no longer in it."""
    slug = proposal.negotiation.slug
    if proposal.provision_id in working.working_outline(proposal.negotiation):
        return reverse("draft-paragraph", args=[slug, proposal.provision_id])
    return reverse("working-draft", args=[slug])


@require_POST
def proposal_cosponsor(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    proposal = _proposal(get_negotiation(slug), pk)
    delegation = _own_delegation(request, _("Only a delegation co-sponsors proposals."))
    working.cosponsor(proposal, by=request_actor(request), delegation=delegation)
    messages.success(
        request, _("%(delegation)s co-sponsors the proposal.") % {"delegation": delegation}
    )
    return redirect(_back_to_paragraph(proposal))


@require_POST
def cosponsor_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A co-sponsoring delegation leaves the proposal."""
    proposal = _proposal(get_negotiation(slug), pk)
    delegation = _own_delegation(request, _("Only a delegation co-sponsors proposals."))
    working.withdraw_cosponsorship(proposal, by=request_actor(request), delegation=delegation)
    messages.success(
        request,
        _("%(delegation)s no longer co-sponsors the proposal.") % {"delegation": delegation},
    )
    return redirect(_back_to_paragraph(proposal))


@require_POST
def proposal_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    proposal = _proposal(get_negotiation(slug), pk)
    working.withdraw(proposal, by=request_actor(request))
    messages.success(request, _("Proposal withdrawn."))
    return redirect(_back_to_paragraph(proposal))


@require_POST
def proposal_accept(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    proposal = _proposal(negotiation, pk)
    _chairs_paragraph(request, slug, proposal.provision_id, _("accept proposals into the text"))

    def act(data: Data) -> str:
        drafting.accept_proposal(proposal, by=request_actor(request), reason=data["reason"])
        messages.success(request, _("The proposal is taken into the working text."))
        return _back_to_paragraph(proposal)

    form = _accept_form(slug, proposal.pk, request.POST)
    return _on_paragraph(request, negotiation, proposal.provision_id, form, act)


# --- adoption ----------------------------------------------------------------------------------


def _adoption_page(
    request: HttpRequest, negotiation: Negotiation, form: FormMechanics, status: int = 200
) -> HttpResponse:
    slug = negotiation.slug
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


@require_http_methods(["GET", "POST"])
def adopt(request: HttpRequest, slug: str) -> HttpResponse:
    """What stands in the way of adopting the text, with a link to each place to resolve it;
    the chair adopts the text by consensus once nothing does."""
    negotiation = get_negotiation(slug)
    _require_table(request)
    actor = request_actor(request)
    if request.method == "POST":
        require_chair(actor, _("record the adoption of the text"))
    form = AdoptForm(request.POST or None, action=reverse("adopt", args=[slug]), key="adopt")

    def act(data: Data) -> str:
        adoption = packages.adopt_text(
            negotiation,
            by=actor,
            symbol=data["symbol"],
            date=data["date"],
            method="consensus",
        )
        messages.success(request, _("The text is adopted."))
        return reverse("version", args=[slug, getattr(adoption.final, "pk", 0)])

    return handle_form(
        request,
        form,
        act,
        page=lambda form, status: _adoption_page(request, negotiation, form, status),
    )
