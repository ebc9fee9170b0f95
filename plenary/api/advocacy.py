"""Coalitions, statements and their signatures, red lines and assessments through the API."""

from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from plenary.advocacy.models import Assessment, Coalition, Reassessment, RedLine, Statement
from plenary.advocacy.services import coalitions, red_lines, statements
from plenary.advocacy.visibility import (
    assessments_and_flags,
    get_coalition,
    get_visible_red_line,
    get_visible_statement,
    sees_internal,
    sees_members,
    visible_red_lines,
    visible_statements,
)
from plenary.api.advocacy_schemas import (
    AssessmentIn,
    CoalitionIn,
    CoalitionOut,
    InvitationOut,
    MemberIn,
    MemberOut,
    RedLineIn,
    RedLineOut,
    RoleIn,
    ScorecardOut,
    SignatureOut,
    StatementIn,
    StatementOut,
    StatementStatusIn,
    TitleTranslationIn,
    WordingIn,
)
from plenary.api.auth import WRITE_AUTH, reader
from plenary.errors import InvalidInput, NotAllowed, NotFound
from plenary.process.actors import Viewer, actor_of, request_actor
from plenary.process.models import Negotiation, Organization
from plenary.process.services.translations import translate
from plenary.process.visibility import get_negotiation, get_visible_version, visible_versions
from plenary.text import provisions

router = Router(tags=["advocacy"])


def _member_out(member: Any) -> dict[str, Any]:
    return {
        "id": member.pk,
        "organization": member.organization.slug if member.organization else None,
        "delegation": member.delegation.code if member.delegation else None,
        "role": member.role,
    }


def _coalition_out(user: Any, coalition: Coalition) -> dict[str, Any]:
    members = None
    if sees_members(user, coalition):
        members = [
            _member_out(m) for m in coalition.members.select_related("organization", "delegation")
        ]
    return {
        "slug": coalition.slug,
        "name": coalition.name,
        "description": coalition.description,
        "private": coalition.private,
        "members": members,
        "illustrative": coalition.illustrative,
        "sources": coalition.sources,
    }


Named = tuple[list[int], list[str]]


def _named(negotiation: Negotiation, viewer: Any, linked: list[list[int]]) -> list[Named]:
    """For each record's provisions, those this person may see and their eIds in the text they
    read now; the text is read once for all the records of a list."""
    described = provisions.describe(negotiation, viewer, [p for ids in linked for p in ids])
    return [
        ([p for p in ids if p in described], [described[p].eid for p in ids if p in described])
        for ids in linked
    ]


def _statements_out(negotiation: Negotiation, shown: Sequence[Statement]) -> list[dict[str, Any]]:
    # A statement is about the published text; its eIds are those of the public's version.
    named = _named(
        negotiation,
        AnonymousUser(),
        [sorted(p.pk for p in statement.provisions.all()) for statement in shown],
    )
    return [_statement_out(s, names) for s, names in zip(shown, named, strict=True)]


def _statement_out(statement: Statement, named: Named | None = None) -> dict[str, Any]:
    wording = statement.wording
    if named is None:
        (named,) = _named(
            statement.coalition.negotiation,
            AnonymousUser(),
            [sorted(p.pk for p in statement.provisions.all())],
        )
    ids, eids = named
    count = getattr(statement, "signature_count", None)
    if count is None:
        count = statement.signatures.filter(withdrawn_at__isnull=True).count()
    return {
        "id": statement.pk,
        "coalition": statement.coalition.slug,
        "kind": statement.kind,
        "title": statement.title,
        "status": statement.status,
        "text": wording.text if wording else "",
        "wording_version": wording.number if wording else 0,
        "provisions": ids,
        "eids": eids,
        "sessions": [s.pk for s in statement.sessions.all()],
        "signatory_count": count,
        "opened_at": statement.opened_at,
        "closed_at": statement.closed_at,
        "published_at": statement.published_at,
        "lock_version": statement.lock_version,
        "illustrative": statement.illustrative,
        "sources": statement.sources,
        "translations": statement.translations,
    }


def _red_lines_out(
    user: Any, negotiation: Negotiation, red_lines: Sequence[RedLine]
) -> list[dict[str, Any]]:
    shown = assessments_and_flags(user, negotiation, red_lines)
    named = _named(
        negotiation,
        user,
        [sorted(p.pk for p in red_line.provisions.all()) for red_line in red_lines],
    )
    return [
        _red_line_out(red_line, *shown[red_line.pk], *names)
        for red_line, names in zip(red_lines, named, strict=True)
    ]


def _red_line_out(
    red_line: RedLine,
    assessments: list[Assessment],
    flags: list[Reassessment],
    ids: list[int],
    eids: list[str],
) -> dict[str, Any]:
    return {
        "id": red_line.pk,
        "coalition": red_line.coalition.slug,
        "title": red_line.title,
        "criterion": red_line.criterion,
        "provisions": ids,
        "eids": eids,
        "needs_reassessment": bool(flags),
        "assessments": [
            {
                "version": a.version_id,
                "version_label": a.version.label,
                "verdict": a.verdict,
                "reasoning": a.reasoning,
                "quoted_wording": a.quoted_wording,
                "assessed_at": a.assessed_at,
                "lock_version": a.lock_version,
                "illustrative": a.illustrative,
            }
            for a in assessments
        ],
        "flags": [
            {
                "version": f.version_id,
                "previous": f.previous_id,
                "changes": f.changes,
                "flagged_at": f.flagged_at,
            }
            for f in flags
        ],
        "illustrative": red_line.illustrative,
        "sources": red_line.sources,
    }


@router.get("/{slug}/coalitions", response=list[CoalitionOut])
def list_coalitions(request: HttpRequest, slug: str):
    user = reader(request)
    return [_coalition_out(user, c) for c in get_negotiation(slug).coalitions.all()]


@router.post("/{slug}/coalitions", response={201: CoalitionOut}, auth=WRITE_AUTH)
def make_coalition(request: HttpRequest, slug: str, payload: CoalitionIn):
    actor = request_actor(request)
    coalition = coalitions.create_coalition(get_negotiation(slug), by=actor, **payload.dict())
    return Status(201, _coalition_out(actor, coalition))


@router.get("/{slug}/coalitions/{coalition}", response=CoalitionOut)
def coalition_detail(request: HttpRequest, slug: str, coalition: str):
    return _coalition_out(reader(request), get_coalition(get_negotiation(slug), coalition))


@router.post(
    "/{slug}/coalitions/{coalition}/members", response={201: InvitationOut}, auth=WRITE_AUTH
)
def add_member(request: HttpRequest, slug: str, coalition: str, payload: MemberIn):
    """An admin invites an organization or a delegation; it becomes a member when one of its
    own people accepts the invitation (on the coalition's page)."""
    found = get_coalition(get_negotiation(slug), coalition)
    organization = delegation = None
    if payload.organization:
        organization = Organization.objects.filter(slug=payload.organization).first()
    if payload.delegation:
        delegation = found.negotiation.delegations.filter(iso2=payload.delegation.upper()).first()
    actor = request_actor(request)
    if organization is None and delegation is None:
        coalitions.require_admin(actor, found, _("add members"))
        raise InvalidInput(_("Name an existing organization (slug) or delegation (ISO code)."))
    invitation = coalitions.invite(
        found,
        by=actor,
        organization=organization,
        delegation=delegation,
        role=payload.role,
    )
    return Status(
        201,
        {
            "id": invitation.pk,
            "organization": invitation.organization.slug if invitation.organization else None,
            "delegation": invitation.delegation.iso2 if invitation.delegation else None,
            "role": invitation.role,
            "status": invitation.status,
            "invited_at": invitation.invited_at,
        },
    )


@router.put(
    "/{slug}/coalitions/{coalition}/members/{member_id}", response=MemberOut, auth=WRITE_AUTH
)
def change_member_role(
    request: HttpRequest, slug: str, coalition: str, member_id: int, payload: RoleIn
):
    """An admin makes a member an admin, or an admin a member (never the last admin)."""
    found = get_coalition(get_negotiation(slug), coalition)
    actor = request_actor(request)
    row = coalitions.get_member(actor, found, member_id, _("change roles"))
    return _member_out(coalitions.change_role(found, row, by=actor, role=payload.role))


@router.delete(
    "/{slug}/coalitions/{coalition}/members/{member_id}", response={204: None}, auth=WRITE_AUTH
)
def remove_member(request: HttpRequest, slug: str, coalition: str, member_id: int):
    """An admin removes a member (never the last admin)."""
    found = get_coalition(get_negotiation(slug), coalition)
    actor = request_actor(request)
    row = coalitions.get_member(actor, found, member_id, _("remove members"))
    coalitions.remove_member(found, row, by=actor)
    return Status(204, None)


@router.get("/{slug}/statements", response=list[StatementOut])
def list_statements(request: HttpRequest, slug: str):
    negotiation = get_negotiation(slug)
    shown = statements.with_signature_count(
        visible_statements(reader(request), negotiation)
    ).prefetch_related("sessions", "wordings", "provisions")
    return _statements_out(negotiation, list(shown))


@router.post(
    "/{slug}/coalitions/{coalition}/statements", response={201: StatementOut}, auth=WRITE_AUTH
)
def make_statement(request: HttpRequest, slug: str, coalition: str, payload: StatementIn):
    negotiation = get_negotiation(slug)
    found = get_coalition(negotiation, coalition)
    actor = request_actor(request)
    statement = statements.draft_statement(
        found,
        by=actor,
        kind=payload.kind,
        title=payload.title,
        text=payload.text,
        provisions=provisions.resolve_many(
            negotiation, actor, provisions=payload.provisions, eids=payload.eids
        ),
        session_ids=payload.sessions,
    )
    return Status(201, _statement_out(statement))


@router.get("/{slug}/statements/{statement_id}", response=StatementOut)
def statement_detail(request: HttpRequest, slug: str, statement_id: int):
    return _statement_out(
        get_visible_statement(reader(request), get_negotiation(slug), statement_id)
    )


@router.post(
    "/{slug}/statements/{statement_id}/wording", response={201: StatementOut}, auth=WRITE_AUTH
)
def reword_statement(request: HttpRequest, slug: str, statement_id: int, payload: WordingIn):
    actor = request_actor(request)
    statement = get_visible_statement(actor, get_negotiation(slug), statement_id)
    statements.reword_statement(
        statement,
        by=actor,
        text=payload.text,
        expected_version=payload.lock_version,
    )
    statement.refresh_from_db()
    return Status(201, _statement_out(statement))


@router.post("/{slug}/statements/{statement_id}/status", response=StatementOut, auth=WRITE_AUTH)
def move_statement(request: HttpRequest, slug: str, statement_id: int, payload: StatementStatusIn):
    actor = request_actor(request)
    statement = get_visible_statement(actor, get_negotiation(slug), statement_id)
    actions = {
        "open": statements.open_for_signature,
        "close": statements.close_signature,
        "publish": statements.publish_statement,
    }
    if payload.action not in actions:
        raise InvalidInput(_("Say what to do: open, close or publish."))
    return _statement_out(actions[payload.action](statement, by=actor))


@router.put(
    "/{slug}/statements/{statement_id}/translations/{language}",
    response=StatementOut,
    auth=WRITE_AUTH,
)
def translate_statement(
    request: HttpRequest, slug: str, statement_id: int, language: str, payload: TitleTranslationIn
):
    """The statement's title in another UN language (its coalition's admins, the secretariat
    and the chair)."""
    actor = request_actor(request)
    statement = get_visible_statement(actor, get_negotiation(slug), statement_id)
    translate(statement, "title", language, payload.title, by=actor)
    return _statement_out(statement)


def _signature_out(signature: Any) -> dict[str, Any]:
    return {
        "organization": signature.organization.slug,
        "organization_name": signature.organization.name,
        "signed_at": signature.signed_at,
        "withdrawn_at": signature.withdrawn_at,
        "illustrative": signature.illustrative,
    }


@router.get("/{slug}/statements/{statement_id}/signatures", response=list[SignatureOut])
def list_signatures(request: HttpRequest, slug: str, statement_id: int):
    statement = get_visible_statement(reader(request), get_negotiation(slug), statement_id)
    rows = statement.signatures.select_related("organization").order_by("signed_at", "id")
    return [_signature_out(s) for s in rows]


def _own_organization(user: Viewer) -> Organization:
    organization = actor_of(user).organization
    if organization is None:
        raise NotAllowed(_("Organizations sign statements; you do not belong to one."))
    return organization


@router.post(
    "/{slug}/statements/{statement_id}/signatures", response={201: SignatureOut}, auth=WRITE_AUTH
)
def sign_statement(request: HttpRequest, slug: str, statement_id: int):
    actor = request_actor(request)
    statement = get_visible_statement(actor, get_negotiation(slug), statement_id)
    organization = _own_organization(actor)
    signature = statements.sign_statement(statement, by=actor, organization=organization)
    return Status(201, _signature_out(signature))


@router.post(
    "/{slug}/statements/{statement_id}/signatures/withdraw",
    response=SignatureOut,
    auth=WRITE_AUTH,
)
def withdraw_signature(request: HttpRequest, slug: str, statement_id: int):
    actor = request_actor(request)
    statement = get_visible_statement(actor, get_negotiation(slug), statement_id)
    organization = _own_organization(actor)
    signature = statements.withdraw_signature(statement, by=actor, organization=organization)
    return _signature_out(signature)


@router.get("/{slug}/red-lines", response=list[RedLineOut])
def list_red_lines(request: HttpRequest, slug: str):
    user = reader(request)
    negotiation = get_negotiation(slug)
    return _red_lines_out(
        user, negotiation, list(visible_red_lines(user, negotiation).prefetch_related("provisions"))
    )


@router.post(
    "/{slug}/coalitions/{coalition}/red-lines", response={201: RedLineOut}, auth=WRITE_AUTH
)
def make_red_line(request: HttpRequest, slug: str, coalition: str, payload: RedLineIn):
    negotiation = get_negotiation(slug)
    found = get_coalition(negotiation, coalition)
    actor = request_actor(request)
    red_line = red_lines.create_red_line(
        found,
        by=actor,
        title=payload.title,
        criterion=payload.criterion,
        provisions=provisions.resolve_many(
            negotiation, actor, provisions=payload.provisions, eids=payload.eids
        ),
    )
    return Status(201, _red_lines_out(actor, found.negotiation, [red_line])[0])


@router.get("/{slug}/red-lines/{red_line_id}", response=RedLineOut)
def red_line_detail(request: HttpRequest, slug: str, red_line_id: int):
    user = reader(request)
    negotiation = get_negotiation(slug)
    red_line = get_visible_red_line(user, negotiation, red_line_id)
    return _red_lines_out(user, negotiation, [red_line])[0]


@router.post(
    "/{slug}/red-lines/{red_line_id}/assessments", response={201: RedLineOut}, auth=WRITE_AUTH
)
def assess_red_line(request: HttpRequest, slug: str, red_line_id: int, payload: AssessmentIn):
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    red_line = get_visible_red_line(actor, negotiation, red_line_id)
    version = get_visible_version(actor, negotiation, payload.version)
    red_lines.assess(
        red_line,
        version,
        by=actor,
        verdict=payload.verdict,
        reasoning=payload.reasoning,
        quoted_wording=payload.quoted_wording,
        expected_version=payload.lock_version,
    )
    return Status(201, _red_lines_out(actor, negotiation, [red_line])[0])


@router.get("/{slug}/coalitions/{coalition}/scorecard", response=ScorecardOut)
def coalition_scorecard(request: HttpRequest, slug: str, coalition: str, version: int = 0):
    user = reader(request)
    negotiation = get_negotiation(slug)
    found = get_coalition(negotiation, coalition)
    if not sees_internal(user, found):
        raise NotFound(_("There is no such scorecard."))
    if version:
        shown = get_visible_version(user, negotiation, version)
    else:
        shown = visible_versions(user, negotiation).order_by("-position").first()
        if shown is None:
            raise NotFound(_("There is no version of the text to score yet."))
    card = red_lines.scorecard(user, found, shown)
    return {
        "version": shown.pk,
        "counts": card.counts,
        "rows": [
            {
                "red_line": row.red_line.pk,
                "title": row.red_line.title,
                "verdict": row.assessment.verdict if row.assessment else None,
                "needs_reassessment": row.flag is not None,
                "trend": [{"version": v.pk, "verdict": verdict} for v, verdict, _ in row.trend],
            }
            for row in card.rows
        ],
    }
