"""Pages of advocacy: coalitions, and statements with their sign-on (red lines and scorecards are
in red_line_views.py)."""


from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plenary.advocacy import exports
from plenary.advocacy.forms import (
    CoalitionForm,
    InviteForm,
    MemberRoleForm,
    RedLineForm,
    RewordForm,
    StatementForm,
    TitleTranslationForm,
)
from plenary.advocacy.models import (
    Coalition,
    InvitationStatus,
    MemberRole,
    Signature,
    StatementStatus,
)
from plenary.advocacy.services import coalitions, statements
from plenary.advocacy.visibility import (
    get_coalition,
    get_visible_statement,
    is_admin,
    is_member,
    membership_of,
    sees_internal,
    sees_members,
    visible_statements,
)
from plenary.errors import InvalidInput, NotAllowed, NotFound
from plenary.forms import handle_form
from plenary.process.actors import request_actor
from plenary.process.models import Organization, Role
from plenary.process.permissions import require_signed_in
from plenary.process.services.translations import may_translate, translate
from plenary.process.visibility import (
    get_negotiation,
    visible_sessions,
    visible_versions,
)
from plenary.text.provisions import current_outline, public_outline, resolve_many


def _int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def _coalition_form(negotiation, data=None) -> CoalitionForm:
    return CoalitionForm(data, action=reverse("coalition-create", args=[negotiation.slug]))


def _coalitions_page(request: HttpRequest, negotiation, form=None, status: int = 200):
    actor = request_actor(request)
    shown = visible_statements(actor, negotiation).exclude(status=StatementStatus.DRAFT)
    can_form = bool(actor.organization_id) or actor.role == Role.DELEGATION
    return render(
        request,
        "advocacy/coalitions.html",
        {
            "negotiation": negotiation,
            "coalitions": negotiation.coalitions.all(),
            "statements": statements.with_signature_count(shown),
            "coalition_form": (form or _coalition_form(negotiation)) if can_form else None,
        },
        status=status,
    )


@require_GET
def coalition_list(request: HttpRequest, slug: str) -> HttpResponse:
    return _coalitions_page(request, get_negotiation(slug))


@require_POST
def coalition_create(request: HttpRequest, slug: str) -> HttpResponse:
    negotiation = get_negotiation(slug)
    actor = require_signed_in(request_actor(request))

    def act(data):
        coalition = coalitions.create_coalition(negotiation, by=actor, **data)
        messages.success(request, _("Coalition %(name)s formed.") % {"name": coalition.name})
        return reverse("coalition", args=[slug, coalition.slug])

    return handle_form(
        request,
        _coalition_form(negotiation, request.POST),
        act,
        page=lambda form, status: _coalitions_page(request, negotiation, form, status),
    )


def _invite_form(coalition, data=None) -> InviteForm:
    args = [coalition.negotiation.slug, coalition.slug]
    return InviteForm(data, action=reverse("coalition-invite", args=args))


def _role_form(coalition, member, data=None) -> MemberRoleForm:
    args = [coalition.negotiation.slug, coalition.slug, member.pk]
    return MemberRoleForm(
        data,
        member=member,
        initial={"role": member.role},
        key=f"role-{member.pk}",
        action=reverse("coalition-member-role", args=args),
    )


def _statement_form(coalition, data=None) -> StatementForm:
    """What the public will read names paragraphs of the latest published version only."""
    args = [coalition.negotiation.slug, coalition.slug]
    return StatementForm(
        data,
        sessions=visible_sessions(AnonymousUser(), coalition.negotiation),
        outline=public_outline(coalition.negotiation),
        action=reverse("statement-create", args=args),
    )


def _red_line_form(coalition, user, data=None) -> RedLineForm:
    """A public coalition's red lines are public: they name published paragraphs only."""
    args = [coalition.negotiation.slug, coalition.slug]
    negotiation = coalition.negotiation
    return RedLineForm(
        data,
        outline=current_outline(negotiation, user)
        if coalition.private
        else public_outline(negotiation),
        key="red-line",
        action=reverse("red-line-create", args=args),
    )


def _coalition_page(request: HttpRequest, found: Coalition, bound=None, status: int = 200):
    """The coalition's page, and what this person may do there; `bound`, a refused form."""
    bound = bound or {}
    negotiation = found.negotiation
    actor = request_actor(request)
    internal = sees_internal(actor, found)
    member = membership_of(actor, found)
    admin = member is not None and member.role == MemberRole.ADMIN
    members = (
        list(found.members.select_related("organization", "delegation"))
        if sees_members(actor, found)
        else None
    )
    return render(
        request,
        "advocacy/coalition.html",
        {
            "negotiation": negotiation,
            "coalition": found,
            "members": [
                (m, (bound.get(("role", m.pk)) or _role_form(found, m)) if admin else None)
                for m in members
            ]
            if members is not None
            else None,
            "statements": visible_statements(actor, negotiation).filter(coalition=found),
            "red_lines": found.red_lines.prefetch_related("provisions") if internal else None,
            "membership": member,
            "is_admin": admin,
            "successor": coalitions.last_admin_successor(found, member) if member else None,
            "invitation": coalitions.invitations_for(actor).filter(coalition=found).first(),
            "invitations": found.invitations.filter(status=InvitationStatus.PENDING).select_related(
                "organization", "delegation"
            )
            if admin
            else [],
            "invite_form": (bound.get("invite") or _invite_form(found)) if admin else None,
            "statement_form": (bound.get("statement") or _statement_form(found))
            if member
            else None,
            "red_line_form": (bound.get("red_line") or _red_line_form(found, actor))
            if member
            else None,
            "latest": visible_versions(actor, negotiation).order_by("-position").first(),
        },
        status=status,
    )


@require_GET
def coalition_detail(request: HttpRequest, slug: str, coalition: str) -> HttpResponse:
    return _coalition_page(request, get_coalition(get_negotiation(slug), coalition))


def _coalition(request: HttpRequest, slug: str, coalition: str) -> Coalition:
    return get_coalition(get_negotiation(slug), coalition)


def coalition_url(found: Coalition) -> str:
    return reverse("coalition", args=[found.negotiation.slug, found.slug])


@require_POST
def coalition_invite(request: HttpRequest, slug: str, coalition: str) -> HttpResponse:
    """An admin invites an organization (by its short name) or a delegation (by its ISO code)."""
    found = _coalition(request, slug, coalition)
    actor = request_actor(request)
    coalitions.require_admin(actor, found, _("invite members"))

    def act(data):
        party = data["party"].strip()
        organization = Organization.objects.filter(slug=party).first()
        delegation = (
            found.negotiation.delegations.filter(iso2=party.upper()).first()
            if organization is None
            else None
        )
        if organization is None and delegation is None:
            raise InvalidInput(
                _("No organization (short name) or delegation (ISO code) %(party)s.")
                % {"party": repr(party)},
                field="party",
            )
        invitation = coalitions.invite(
            found,
            by=actor,
            organization=organization,
            delegation=delegation,
            role=data["role"],
        )
        messages.success(
            request,
            _("%(party)s is invited; it joins when one of its people accepts.")
            % {"party": invitation.party},
        )
        return coalition_url(found)

    return handle_form(
        request,
        _invite_form(found, request.POST),
        act,
        page=lambda form, status: _coalition_page(request, found, {"invite": form}, status),
    )


def _invitation(found: Coalition, pk: int):
    invitation = (
        found.invitations.select_related("coalition__negotiation", "organization", "delegation")
        .filter(pk=pk)
        .first()
    )
    if invitation is None:
        raise NotFound(_("There is no such invitation."))
    return invitation


@require_POST
def invitation_accept(request: HttpRequest, slug: str, coalition: str, pk: int) -> HttpResponse:
    found = _coalition(request, slug, coalition)
    member = coalitions.accept_invitation(_invitation(found, pk), by=request_actor(request))
    messages.success(
        request,
        _("%(party)s joined %(coalition)s.") % {"party": member, "coalition": found},
    )
    return redirect(coalition_url(found))


@require_POST
def invitation_decline(request: HttpRequest, slug: str, coalition: str, pk: int) -> HttpResponse:
    found = _coalition(request, slug, coalition)
    invitation = coalitions.decline_invitation(_invitation(found, pk), by=request_actor(request))
    messages.success(
        request,
        _("%(party)s declined to join %(coalition)s.")
        % {"party": invitation.party, "coalition": found},
    )
    return redirect("my-work")


@require_POST
def invitation_withdraw(request: HttpRequest, slug: str, coalition: str, pk: int) -> HttpResponse:
    found = _coalition(request, slug, coalition)
    invitation = coalitions.withdraw_invitation(_invitation(found, pk), by=request_actor(request))
    messages.success(
        request, _("The invitation of %(party)s is withdrawn.") % {"party": invitation.party}
    )
    return redirect(coalition_url(found))


@require_POST
def coalition_leave(request: HttpRequest, slug: str, coalition: str) -> HttpResponse:
    found = _coalition(request, slug, coalition)
    left = coalitions.leave_coalition(found, by=request_actor(request))
    messages.success(
        request, _("%(party)s left %(coalition)s.") % {"party": left, "coalition": found}
    )
    return redirect(coalition_url(found))


@require_POST
def coalition_member_role(
    request: HttpRequest, slug: str, coalition: str, member: int
) -> HttpResponse:
    found = _coalition(request, slug, coalition)
    actor = request_actor(request)
    row = coalitions.get_member(actor, found, member, _("change roles"))

    def act(data):
        changed = coalitions.change_role(found, row, by=actor, role=data["role"])
        messages.success(
            request,
            _("%(member)s is now %(role)s.")
            % {"member": changed, "role": changed.get_role_display()},
        )
        return coalition_url(found)

    return handle_form(
        request,
        _role_form(found, row, request.POST),
        act,
        page=lambda form, status: _coalition_page(request, found, {("role", row.pk): form}, status),
    )


@require_POST
def coalition_member_remove(
    request: HttpRequest, slug: str, coalition: str, member: int
) -> HttpResponse:
    found = _coalition(request, slug, coalition)
    actor = request_actor(request)
    row = coalitions.get_member(actor, found, member, _("remove members"))
    coalitions.remove_member(found, row, by=actor)
    messages.success(request, _("%(member)s was removed from the coalition.") % {"member": row})
    return redirect(coalition_url(found))


@require_POST
def statement_create(request: HttpRequest, slug: str, coalition: str) -> HttpResponse:
    found = _coalition(request, slug, coalition)
    actor = request_actor(request)
    statements.require_member(actor, found, _("draft its statements"))

    def act(data):
        statement = statements.draft_statement(
            found,
            by=actor,
            kind=data["kind"],
            title=data["title"],
            text=data["text"],
            provisions=resolve_many(found.negotiation, actor, provisions=data["provisions"]),
            session_ids=data["sessions"],
        )
        return reverse("statement", args=[slug, statement.pk])

    return handle_form(
        request,
        _statement_form(found, request.POST),
        act,
        done=_("Draft saved."),
        page=lambda form, status: _coalition_page(request, found, {"statement": form}, status),
    )


def _reword_form(statement, data=None) -> RewordForm:
    args = [statement.coalition.negotiation.slug, statement.pk]
    wording = statement.wording
    return RewordForm(
        data,
        initial={"text": wording.text if wording else "", "lock_version": statement.lock_version},
        action=reverse("statement-reword", args=args),
    )


def _translation_form(statement, data=None) -> TitleTranslationForm:
    args = [statement.coalition.negotiation.slug, statement.pk]
    return TitleTranslationForm(data, action=reverse("statement-translate", args=args))


def _statement_page(request: HttpRequest, statement, bound=None, status: int = 200):
    bound = bound or {}
    negotiation = statement.coalition.negotiation
    actor = request_actor(request)
    organization = actor.organization
    own = (
        Signature.objects.filter(statement=statement, organization=organization).first()
        if organization
        else None
    )
    member = is_member(actor, statement.coalition)
    return render(
        request,
        "advocacy/statement.html",
        {
            "negotiation": negotiation,
            "statement": statement,
            "coalition": statement.coalition,
            "wording": statement.wording,
            "wordings": statement.wordings.all()
            if sees_internal(actor, statement.coalition)
            else [],
            "signatories": statements.signatories(statement),
            "withdrawn": statement.signatures.filter(withdrawn_at__isnull=False).select_related(
                "organization"
            ),
            "organization": organization,
            "own_signature": own,
            "is_member": member,
            "is_admin": is_admin(actor, statement.coalition),
            "sessions": statement.sessions.all(),
            "published_version": _latest_published(negotiation),
            "reword_form": (bound.get("reword") or _reword_form(statement))
            if member and statement.status == StatementStatus.DRAFT
            else None,
            "translation_form": (bound.get("translate") or _translation_form(statement))
            if may_translate(statement, actor)
            else None,
        },
        status=status,
    )


@require_GET
def statement_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    negotiation = get_negotiation(slug)
    return _statement_page(request, get_visible_statement(request_actor(request), negotiation, pk))


def _latest_published(negotiation):
    """Where the public reads a paragraph: the latest published version."""
    return negotiation.versions.published().order_by("-position").first()


@require_POST
def statement_translate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    statement = _statement(request, slug, pk)
    actor = require_signed_in(request_actor(request))

    def act(data):
        translate(statement, "title", data["language"], data["title"], by=actor)
        return reverse("statement", args=[slug, pk])

    return handle_form(
        request,
        _translation_form(statement, request.POST),
        act,
        done=_("Translation saved."),
        page=lambda form, status: _statement_page(request, statement, {"translate": form}, status),
    )


def _statement(request: HttpRequest, slug: str, pk: int):
    return get_visible_statement(request_actor(request), get_negotiation(slug), pk)


@require_POST
def statement_reword(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    statement = _statement(request, slug, pk)
    actor = request_actor(request)
    statements.require_member(actor, statement.coalition, _("reword its statements"))

    def act(data):
        wording = statements.reword_statement(
            statement, by=actor, text=data["text"], expected_version=data["lock_version"]
        )
        messages.success(
            request, _("Wording version %(number)s saved.") % {"number": wording.number}
        )
        return reverse("statement", args=[slug, pk])

    return handle_form(
        request,
        _reword_form(statement, request.POST),
        act,
        page=lambda form, status: _statement_page(request, statement, {"reword": form}, status),
    )


STATUS_ACTIONS = {
    "open": statements.open_for_signature,
    "close": statements.close_signature,
    "publish": statements.publish_statement,
}


@require_POST
def statement_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    statement = _statement(request, slug, pk)
    action = STATUS_ACTIONS.get(request.POST.get("action", ""))
    actor = request_actor(request)
    if action is None:
        require_signed_in(actor)
        raise InvalidInput(_("Say what to do: open, close or publish."))
    action(statement, by=actor)
    messages.success(
        request, _("The statement is %(status)s.") % {"status": statement.get_status_display()}
    )
    return redirect("statement", slug=slug, pk=pk)


def _own_organization(request: HttpRequest) -> Organization:
    organization = require_signed_in(request_actor(request)).organization
    if organization is None:
        raise NotAllowed(_("Organizations sign statements; you do not belong to one."))
    return organization


@require_POST
def statement_sign(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    statement = _statement(request, slug, pk)
    organization = _own_organization(request)
    statements.sign_statement(statement, by=request_actor(request), organization=organization)
    messages.success(request, _("%(organization)s signed.") % {"organization": organization})
    return redirect("statement", slug=slug, pk=pk)


@require_POST
def statement_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    statement = _statement(request, slug, pk)
    organization = _own_organization(request)
    statements.withdraw_signature(statement, by=request_actor(request), organization=organization)
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
