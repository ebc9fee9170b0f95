"""The working text at the table (delegations, the secretariat and the chair): the draft with
its open proposals, a paragraph's page, proposals, statuses, packages and adoption."""

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plenary.errors import InvalidInput, NotAllowed, NotFound
from plenary.process.models import Role
from plenary.process.permissions import require_signed_in
from plenary.process.visibility import get_negotiation
from plenary.text.models import ParagraphStatus, Proposal, ProposalKind
from plenary.text.rendering import segments_html, working_html
from plenary.text.services import packages, working
from plenary.text.structure import find_paragraph, open_brackets


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
