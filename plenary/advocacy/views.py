"""Pages of advocacy: coalitions, and statements with their sign-on (red lines and scorecards are
in red_line_views.py)."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plenary.advocacy import exports
from plenary.advocacy.models import (
    Coalition,
    MemberRole,
    Signature,
    StatementKind,
    StatementStatus,
)
from plenary.advocacy.services import coalitions, statements
from plenary.advocacy.visibility import (
    get_coalition,
    get_visible_statement,
    is_admin,
    is_member,
    sees_internal,
    sees_members,
    visible_statements,
)
from plenary.errors import InvalidInput, NotAllowed
from plenary.process.models import Organization, Role
from plenary.process.permissions import require_signed_in
from plenary.process.visibility import (
    get_negotiation,
    visible_sessions,
    visible_versions,
)
from plenary.text.provisions import resolve_many
from plenary.translations import may_translate, translate


def _provisions(request: HttpRequest, negotiation: Any) -> list[Any]:
    """The paragraphs chosen in a form's provision picker (ids), as provisions; anything else
    sent is taken for an eId, and refused with a sentence when the text has no such paragraph."""
    values = [v.strip()[:200] for v in request.POST.getlist("provisions") if v.strip()][:500]
    return resolve_many(
        negotiation,
        request.user,
        provisions=[int(v) for v in values if v.isdigit()],
        eids=[v for v in values if not v.isdigit()],
    )


def _int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


@require_GET
def coalition_list(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    user = request.user
    shown = visible_statements(user, negotiation).exclude(status=StatementStatus.DRAFT)
    return render(
        request,
        "advocacy/coalitions.html",
        {
            "negotiation": negotiation,
            "coalitions": negotiation.coalitions.all(),
            "statements": statements.with_signature_count(shown),
            "can_form": bool(getattr(user, "organization_id", None))
            or getattr(user, "role", "") == Role.DELEGATION,
        },
    )


@require_POST
def coalition_create(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    coalition = coalitions.create_coalition(
        negotiation,
        by=request.user,
        name=request.POST.get("name", ""),
        slug=request.POST.get("slug", ""),
        description=request.POST.get("description", ""),
        private=request.POST.get("private") == "1",
    )
    messages.success(request, _("Coalition %(name)s formed.") % {"name": coalition.name})
    return redirect("coalition", slug=slug, coalition=coalition.slug)


@require_GET
def coalition_detail(request: HttpRequest, slug: str, coalition: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    found = get_coalition(negotiation, coalition)
    user = request.user
    internal = sees_internal(user, found)
    return render(
        request,
        "advocacy/coalition.html",
        {
            "negotiation": negotiation,
            "coalition": found,
            "members": found.members.select_related("organization", "delegation")
            if sees_members(user, found)
            else None,
            "statements": visible_statements(user, negotiation).filter(coalition=found),
            "red_lines": found.red_lines.prefetch_related("provisions") if internal else None,
            # A public coalition's red lines are public: they name published paragraphs only.
            "public_red_lines": not found.private,
            "is_member": is_member(user, found),
            "is_admin": is_admin(user, found),
            "kinds": StatementKind.choices,
            "roles": MemberRole.choices,
            "sessions": visible_sessions(AnonymousUser(), negotiation)
            if is_member(user, found)
            else [],
            "latest": visible_versions(user, negotiation).order_by("-position").first(),
        },
    )


def _coalition(request: HttpRequest, slug: str, coalition: str) -> Coalition:
    return get_coalition(get_negotiation(slug), coalition)


@require_POST
def coalition_add_member(request: HttpRequest, slug: str, coalition: str) -> HttpResponse:
    found = _coalition(request, slug, coalition)
    organization = delegation = None
    party = request.POST.get("party", "").strip()
    if party:
        organization = Organization.objects.filter(slug=party).first()
        if organization is None:
            delegation = found.negotiation.delegations.filter(iso2=party.upper()).first()
    if organization is None and delegation is None:
        # Refuse an outsider first; only then say the name is unknown.
        coalitions.require_admin(request.user, found, _("add members"))
        raise InvalidInput(
            _("No organization (short name) or delegation (ISO code) %(party)s.")
            % {"party": repr(party)}
        )
    member = coalitions.add_member(
        found,
        by=request.user,
        organization=organization,
        delegation=delegation,
        role=request.POST.get("role", MemberRole.MEMBER),
    )
    messages.success(request, _("%(member)s joined the coalition.") % {"member": member})
    return redirect("coalition", slug=slug, coalition=found.slug)


@require_POST
def coalition_member_role(
    request: HttpRequest, slug: str, coalition: str, member: int
) -> HttpResponse:
    found = _coalition(request, slug, coalition)
    row = coalitions.get_member(request.user, found, member, _("change roles"))
    changed = coalitions.change_role(found, row, by=request.user, role=request.POST.get("role", ""))
    messages.success(
        request,
        _("%(member)s is now %(role)s.") % {"member": changed, "role": changed.get_role_display()},
    )
    return redirect("coalition", slug=slug, coalition=found.slug)


@require_POST
def coalition_member_remove(
    request: HttpRequest, slug: str, coalition: str, member: int
) -> HttpResponse:
    found = _coalition(request, slug, coalition)
    row = coalitions.get_member(request.user, found, member, _("remove members"))
    coalitions.remove_member(found, row, by=request.user)
    messages.success(request, _("%(member)s left the coalition.") % {"member": row})
    return redirect("coalition", slug=slug, coalition=found.slug)


@require_POST
def statement_create(request: HttpRequest, slug: str, coalition: str) -> HttpResponse:
    found = _coalition(request, slug, coalition)
    statement = statements.draft_statement(
        found,
        by=request.user,
        kind=request.POST.get("kind", ""),
        title=request.POST.get("title", ""),
        text=request.POST.get("text", ""),
        provisions=_provisions(request, found.negotiation),
        session_ids=request.POST.getlist("sessions"),
    )
    messages.success(request, _("Draft saved."))
    return redirect("statement", slug=slug, pk=statement.pk)


@require_GET
def statement_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    statement = get_visible_statement(request.user, negotiation, pk)
    user = request.user
    organization = getattr(user, "organization", None) if user.is_authenticated else None
    own = (
        Signature.objects.filter(statement=statement, organization=organization).first()
        if organization
        else None
    )
    return render(
        request,
        "advocacy/statement.html",
        {
            "negotiation": negotiation,
            "statement": statement,
            "coalition": statement.coalition,
            "wording": statement.wording,
            "wordings": statement.wordings.all()
            if sees_internal(user, statement.coalition)
            else [],
            "signatories": statements.signatories(statement),
            "withdrawn": statement.signatures.filter(withdrawn_at__isnull=False).select_related(
                "organization"
            ),
            "organization": organization,
            "own_signature": own,
            "is_member": is_member(user, statement.coalition),
            "is_admin": is_admin(user, statement.coalition),
            "sessions": statement.sessions.all(),
            "published_version": _latest_published(negotiation),
            "may_translate": may_translate(statement, user),
            "title_languages": [(code, name) for code, name in settings.LANGUAGES if code != "en"],
        },
    )


def _latest_published(negotiation):
    """Where the public reads a paragraph: the latest published version."""
    return negotiation.versions.published().order_by("-position").first()


@require_POST
def statement_translate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    statement = _statement(request, slug, pk)
    translate(
        statement,
        "title",
        request.POST.get("language", ""),
        request.POST.get("title", ""),
        by=request.user,
    )
    messages.success(request, _("Translation saved."))
    return redirect("statement", slug=slug, pk=pk)


def _statement(request: HttpRequest, slug: str, pk: int):
    return get_visible_statement(request.user, get_negotiation(slug), pk)


@require_POST
def statement_reword(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    statement = _statement(request, slug, pk)
    wording = statements.reword_statement(
        statement,
        by=request.user,
        text=request.POST.get("text", ""),
        expected_version=_int(request.POST.get("lock_version")),
    )
    messages.success(request, _("Wording version %(number)s saved.") % {"number": wording.number})
    return redirect("statement", slug=slug, pk=pk)


STATUS_ACTIONS = {
    "open": statements.open_for_signature,
    "close": statements.close_signature,
    "publish": statements.publish_statement,
}


@require_POST
def statement_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    statement = _statement(request, slug, pk)
    action = STATUS_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        require_signed_in(request.user)
        raise InvalidInput(_("Say what to do: open, close or publish."))
    action(statement, by=request.user)
    messages.success(
        request, _("The statement is %(status)s.") % {"status": statement.get_status_display()}
    )
    return redirect("statement", slug=slug, pk=pk)


def _own_organization(request: HttpRequest) -> Organization:
    require_signed_in(request.user)
    organization = getattr(request.user, "organization", None)
    if organization is None:
        raise NotAllowed(_("Organizations sign statements; you do not belong to one."))
    return organization


@require_POST
def statement_sign(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    statement = _statement(request, slug, pk)
    organization = _own_organization(request)
    statements.sign_statement(statement, by=request.user, organization=organization)
    messages.success(request, _("%(organization)s signed.") % {"organization": organization})
    return redirect("statement", slug=slug, pk=pk)


@require_POST
def statement_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    statement = _statement(request, slug, pk)
    organization = _own_organization(request)
    statements.withdraw_signature(statement, by=request.user, organization=organization)
    messages.success(
        request, _("%(organization)s withdrew its signature.") % {"organization": organization}
    )
    return redirect("statement", slug=slug, pk=pk)


@require_GET
def statement_csv(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return exports.signatories_csv(_statement(request, slug, pk))


@require_GET
def statement_pdf(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return exports.statement_pdf(_statement(request, slug, pk))
