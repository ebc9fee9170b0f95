"""Joint statements and open letters: drafting, sign-on by organizations, publication."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from plenary.advocacy.models import (
    Coalition,
    Signature,
    Statement,
    StatementKind,
    StatementStatus,
    StatementWording,
)
from plenary.advocacy.services.coalitions import require_admin
from plenary.advocacy.visibility import is_member
from plenary.audit.services import audited_change, record, snapshot
from plenary.errors import Conflict, InvalidInput, NotAllowed
from plenary.locking import claim_version
from plenary.outbox.events import emit
from plenary.process.actors import Actor
from plenary.process.models import Negotiation, Organization, Session
from plenary.process.permissions import (
    require_admitted,
    require_organization_member,
    require_signed_in,
    require_takes_part_as,
)
from plenary.process.visibility import visible_sessions
from plenary.sources import clean_sources
from plenary.text.models import Provision
from plenary.text.provisions import current_outline, public_outline
from plenary.validation import max_length

MAX_WORDING = max_length(StatementWording, "text")
MAX_PROVISIONS = 200
MAX_ID = 2**63 - 1  # the largest id a database holds


def require_member(by: Actor, coalition: Coalition, doing: str) -> None:
    """People of the coalition's members draft its texts."""
    require_signed_in(by)
    if not is_member(by, coalition):
        raise NotAllowed(
            _("Only members of %(coalition)s can %(doing)s.")
            % {"coalition": coalition, "doing": doing}
        )
    require_takes_part_as(by, coalition.negotiation)


def clean_provisions(
    user: Any, negotiation: Negotiation, provisions: Iterable[Provision], *, public: bool = True
) -> list[Provision]:
    """The paragraphs named, each of which must be in the latest text this person may see and,
    for what the public will read, in the latest published version (so that nothing public
    names a paragraph that only an informal draft holds)."""
    wanted = list({p.pk: p for p in provisions}.values())
    if len(wanted) > MAX_PROVISIONS:
        raise InvalidInput(
            _("Link at most %(limit)s paragraphs.") % {"limit": MAX_PROVISIONS}, field="provisions"
        )
    outline = public_outline(negotiation) if public else current_outline(negotiation, user)
    missing = [p for p in wanted if p.pk not in outline or p.negotiation_id != negotiation.pk]
    if missing:
        raise InvalidInput(
            _("Link paragraphs of the latest published version of the text only.")
            if public
            else _("Link paragraphs of the latest version of the text only."),
            field="provisions",
        )
    return wanted


def _clean_wording(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise InvalidInput(_("A statement needs its wording."), field="text")
    if len(text) > MAX_WORDING:
        raise InvalidInput(
            _("A statement is at most %(limit)s characters.") % {"limit": MAX_WORDING},
            field="text",
        )
    return text


def _sessions(by: Actor, coalition: Coalition, session_ids: Iterable[int | str]) -> list[Session]:
    """The sessions a statement is for, named by their ids: each of this negotiation and open
    to stakeholders, since the statement becomes public. A session the drafter may not see
    (closed to stakeholders) answers exactly as one that does not exist."""
    asked = [str(pk).strip() for pk in session_ids if str(pk).strip()]
    ids = [int(pk) for pk in asked if pk.isdigit() and 0 < int(pk) <= MAX_ID]
    found = visible_sessions(by, coalition.negotiation).filter(pk__in=ids)
    sessions = {str(session.pk): session for session in found}
    unknown = sorted(set(asked) - set(sessions))
    if unknown:
        raise InvalidInput(
            _("There is no session %(ids)s in this negotiation: choose from the list.")
            % {"ids": ", ".join(unknown)},
            field="sessions",
        )
    if any(s.is_closed for s in sessions.values()):
        raise InvalidInput(
            _("Link sessions open to stakeholders only: a statement becomes public."),
            field="sessions",
        )
    return list(sessions.values())


def draft_statement(
    coalition: Coalition,
    *,
    by: Actor,
    kind: str,
    title: str,
    text: str,
    provisions: Iterable[Provision] = (),
    session_ids: Iterable[int | str] = (),
    sources: Any = None,
    illustrative: bool = False,
) -> Statement:
    """A member drafts a joint statement or an open letter for the coalition."""
    require_member(by, coalition, _("draft its statements"))
    sessions = _sessions(by, coalition, session_ids)
    if kind not in StatementKind.values:
        raise InvalidInput(
            _("Kind must be one of: %(kinds)s.") % {"kinds": ", ".join(StatementKind.values)}
        )
    title = (title or "").strip()
    if not title or len(title) > 300:
        raise InvalidInput(_("A statement needs a title of 1 to 300 characters."), field="title")
    text = _clean_wording(text)
    linked = clean_provisions(by, coalition.negotiation, provisions)
    with transaction.atomic():
        statement = Statement.objects.create(
            coalition=coalition,
            kind=kind,
            title=title,
            created_by=by.user,
            sources=clean_sources(sources),
            illustrative=illustrative,
        )
        statement.sessions.set(sessions)
        statement.provisions.set(linked)
        StatementWording.objects.create(
            statement=statement, number=1, text=text, written_by=by.user
        )
        record(
            "statement.drafted",
            statement,
            by=by.user,
            negotiation=coalition.negotiation,
            after=snapshot(statement) | {"text": text, "provisions": [p.pk for p in linked]},
        )
    return statement


def reword_statement(
    statement: Statement, *, by: Actor, text: str, expected_version: int | None = None
) -> StatementWording:
    """A member writes a new version of a draft's wording; the earlier ones are kept."""
    require_member(by, statement.coalition, _("reword its statements"))
    text = _clean_wording(text)
    with transaction.atomic():
        claim_version(statement, expected_version)
        status = Statement.objects.values_list("status", flat=True).get(pk=statement.pk)
        if status != StatementStatus.DRAFT:
            raise Conflict(_("Only a draft is reworded; this statement is past drafting."))
        statement.save(update_fields=["lock_version"])
        last = statement.wordings.order_by("-number").first()
        wording = StatementWording.objects.create(
            statement=statement,
            number=(last.number if last else 0) + 1,
            text=text,
            written_by=by.user,
        )
        record(
            "statement.reworded",
            statement,
            by=by.user,
            negotiation=statement.coalition.negotiation,
            before={"text": last.text if last else ""},
            after={"text": text, "version": wording.number},
        )
    return wording


def _move(statement: Statement, *, by: Actor, action: str, frm: set[str], to: str) -> Statement:
    with audited_change(action, statement, by=by.user, negotiation=statement.coalition.negotiation):
        if statement.status not in frm:
            raise Conflict(
                _("This statement is %(status)s; that cannot be done now.")
                % {"status": statement.get_status_display()}
            )
        now = timezone.now()
        statement.status = to
        if to == StatementStatus.OPEN:
            statement.opened_at = now
        if to in {StatementStatus.CLOSED, StatementStatus.PUBLISHED} and not statement.closed_at:
            statement.closed_at = now
        if to == StatementStatus.PUBLISHED:
            statement.published_at = now
    return statement


def open_for_signature(statement: Statement, *, by: Actor) -> Statement:
    """An admin opens a draft for sign-on: its wording is then fixed."""
    require_admin(by, statement.coalition, _("open statements for sign-on"))
    return _move(
        statement, by=by, action="statement.opened", frm={StatementStatus.DRAFT}, to="open"
    )


def close_signature(statement: Statement, *, by: Actor) -> Statement:
    """An admin closes the sign-on."""
    require_admin(by, statement.coalition, _("close the sign-on"))
    return _move(
        statement, by=by, action="statement.closed", frm={StatementStatus.OPEN}, to="closed"
    )


def publish_statement(statement: Statement, *, by: Actor) -> Statement:
    """An admin publishes the statement with its signatories (closing the sign-on if open);
    it is listed on the pages of the sessions it is for, and the followers of the paragraphs
    it addresses and of those sessions are told (each person once)."""
    require_admin(by, statement.coalition, _("publish statements"))
    with transaction.atomic():
        _move(
            statement,
            by=by,
            action="statement.published",
            frm={StatementStatus.OPEN, StatementStatus.CLOSED},
            to=StatementStatus.PUBLISHED,
        )
        emit(
            "statement.published",
            negotiation=statement.coalition.negotiation,
            statement=statement.pk,
        )
    return statement


def sign_statement(
    statement: Statement, *, by: Actor, organization: Organization, illustrative: bool = False
) -> Signature:
    """A person of an organization signs for it, once it is admitted to the negotiation; an
    organization signs once."""
    require_organization_member(by, organization)
    require_admitted(organization, statement.coalition.negotiation)
    with transaction.atomic():
        locked = Statement.objects.select_for_update().get(pk=statement.pk)
        if locked.status != StatementStatus.OPEN:
            raise Conflict(_("This statement is not open for sign-on."))
        earlier = Signature.objects.filter(statement=statement, organization=organization).first()
        if earlier is not None:
            if earlier.withdrawn_at:
                raise Conflict(
                    _(
                        "%(organization)s withdrew its signature on %(date)s; an organization "
                        "signs once."
                    )
                    % {
                        "organization": organization,
                        "date": date_format(earlier.withdrawn_at, "DATE_FORMAT"),
                    }
                )
            raise Conflict(
                _("%(organization)s has already signed.") % {"organization": organization}
            )
        signature = Signature.objects.create(
            statement=statement,
            organization=organization,
            signed_by=by.user,
            signed_at=timezone.now(),
            illustrative=illustrative,
        )
        record(
            "statement.signed",
            statement,
            by=by.user,
            negotiation=statement.coalition.negotiation,
            note=str(organization),
        )
    return signature


def withdraw_signature(statement: Statement, *, by: Actor, organization: Organization) -> Signature:
    """A person of a signing organization withdraws its signature while the sign-on is open;
    the date is kept. Once closed or published, the list of signatories stands."""
    require_organization_member(by, organization)
    with transaction.atomic():
        locked = Statement.objects.select_for_update().get(pk=statement.pk)
        if locked.status != StatementStatus.OPEN:
            raise Conflict(
                _(
                    "The sign-on of this statement is %(status)s: a signature is withdrawn only "
                    "while it is open."
                )
                % {"status": locked.get_status_display()}
            )
        signature = (
            Signature.objects.select_for_update()
            .filter(statement=statement, organization=organization, withdrawn_at__isnull=True)
            .first()
        )
        if signature is None:
            raise Conflict(
                _("%(organization)s has no signature to withdraw.") % {"organization": organization}
            )
        signature.withdrawn_at = timezone.now()
        signature.withdrawn_by = by.user
        signature.save(update_fields=["withdrawn_at", "withdrawn_by"])
        record(
            "statement.signature_withdrawn",
            statement,
            by=by.user,
            negotiation=statement.coalition.negotiation,
            note=str(organization),
        )
    return signature


def with_signature_count(statements: QuerySet[Statement]) -> QuerySet[Statement]:
    """The statements, each with the number of signatures that stand (signature_count)."""
    return statements.annotate(
        signature_count=Count("signatures", filter=Q(signatures__withdrawn_at__isnull=True))
    )


def signatories(statement: Statement) -> list[Signature]:
    """The organizations whose signature stands, in the order they signed."""
    return list(
        statement.signatures.filter(withdrawn_at__isnull=True)
        .select_related("organization")
        .order_by("signed_at", "id")
    )
