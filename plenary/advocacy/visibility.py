"""Who belongs to a coalition, and what each person may see of it.

A coalition's name and its published statements are public. A private coalition shows its
membership list to its members, the secretariat and the chair; its drafts and red lines to its
members only. A statement opened for sign-on is public: organizations must be able to sign it.
An assessment is shown only to those who may see the version it assesses: a delegation in a
public coalition may assess an informal draft, which stays invisible to everyone else.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from plenary.advocacy.models import (
    Assessment,
    Coalition,
    CoalitionInvitation,
    CoalitionMember,
    MemberRole,
    Reassessment,
    RedLine,
    Statement,
    StatementStatus,
)
from plenary.errors import NotFound
from plenary.process.actors import Actor, Viewer, actor_of
from plenary.process.capabilities import can_run_process
from plenary.process.models import Negotiation
from plenary.process.visibility import visible_versions


def membership_of(user: Viewer, coalition: Coalition) -> CoalitionMember | None:
    """The membership through which this person acts for the coalition, if any."""
    actor = actor_of(user)
    if actor.user is None:
        return None
    party = _party_filter(actor)
    if party is None:
        return None
    return coalition.members.filter(party).first()


def _party_filter(actor: Actor) -> Q | None:
    if actor.organization_id:
        return Q(organization_id=actor.organization_id)
    if actor.delegation_id:
        return Q(delegation_id=actor.delegation_id)
    return None


def is_member(user: Any, coalition: Coalition) -> bool:
    return membership_of(user, coalition) is not None


def is_admin(user: Any, coalition: Coalition) -> bool:
    membership = membership_of(user, coalition)
    return membership is not None and membership.role == MemberRole.ADMIN


def translates_statement(statement: Statement, user: Any) -> bool:
    """Besides the secretariat and the chair, the coalition's admins translate a statement's
    title."""
    return is_admin(user, statement.coalition)


def sees_members(user: Any, coalition: Coalition) -> bool:
    """A public list is for everyone; a private one for members, the secretariat and the chair."""
    if not coalition.private:
        return True
    return can_run_process(user) or is_member(user, coalition)


def sees_internal(user: Any, coalition: Coalition) -> bool:
    """Drafts and red lines of a private coalition are for its members only."""
    return not coalition.private or is_member(user, coalition)


def _member_coalitions(user: Viewer) -> QuerySet[CoalitionMember] | None:
    actor = actor_of(user)
    party = _party_filter(actor) if actor.user is not None else None
    if party is None:
        return None
    return CoalitionMember.objects.filter(party, coalition=OuterRef("coalition"))


def visible_statements(user: Any, negotiation: Negotiation) -> QuerySet[Statement]:
    """Statements past drafting, drafts of public coalitions, and one's own coalitions' drafts."""
    shown = Q(coalition__private=False) | ~Q(status=StatementStatus.DRAFT)
    statements = Statement.objects.filter(coalition__negotiation=negotiation)
    members = _member_coalitions(user)
    if members is not None:
        statements = statements.annotate(mine=Exists(members))
        shown |= Q(mine=True)
    return statements.filter(shown).select_related("coalition")


def get_visible_statement(user: Any, negotiation: Negotiation, pk: int) -> Statement:
    statement = visible_statements(user, negotiation).filter(pk=pk).first()
    if statement is None:
        raise NotFound(_("There is no such statement."))
    return statement


def visible_red_lines(user: Any, negotiation: Negotiation) -> QuerySet[RedLine]:
    """Red lines of public coalitions, and those of one's own coalitions."""
    red_lines = RedLine.objects.filter(coalition__negotiation=negotiation)
    shown = Q(coalition__private=False)
    members = _member_coalitions(user)
    if members is not None:
        red_lines = red_lines.annotate(mine=Exists(members))
        shown |= Q(mine=True)
    return red_lines.filter(shown).select_related("coalition__negotiation")


def get_visible_red_line(user: Any, negotiation: Negotiation, pk: int) -> RedLine:
    red_line = visible_red_lines(user, negotiation).filter(pk=pk).first()
    if red_line is None:
        raise NotFound(_("There is no such red line."))
    return red_line


def assessments_and_flags(
    user: Any, negotiation: Negotiation, red_lines: Sequence[RedLine]
) -> dict[int, tuple[list[Assessment], list[Reassessment]]]:
    """Each red line's assessments of versions this person may see (informal drafts: the table),
    and its flags still to re-assess as this person sees it, in two queries however many red
    lines: a flag is cleared by an assessment of its version or a later one that this person
    may see (an informal draft's assessment clears it for the table only, and tells nobody else
    that it exists)."""
    found: dict[int, tuple[list[Assessment], list[Reassessment]]] = {
        red_line.pk: ([], []) for red_line in red_lines
    }
    assessments = Assessment.objects.filter(
        red_line__in=list(found), version__in=visible_versions(user, negotiation)
    ).select_related("version")
    for assessment in assessments:
        found[assessment.red_line_id][0].append(assessment)
    flags = (
        Reassessment.objects.filter(red_line__in=list(found))
        .select_related("version", "previous")
        .order_by("-flagged_at", "-id")
    )
    for flag in flags:
        shown, still_open = found[flag.red_line_id]
        if flag.is_open(a.version.position for a in shown):
            still_open.append(flag)
    return found


def get_coalition(negotiation: Negotiation, slug: str) -> Coalition:
    coalition = negotiation.coalitions.filter(slug=slug).first()
    if coalition is None:
        raise NotFound(_("There is no coalition called %(slug)s.") % {"slug": repr(slug)})
    return coalition


# Once a private coalition's statement is open for sign-on it is public, and so is its sign-on
# and publication; how it was drafted stays with the coalition.
PUBLIC_STATEMENT_ACTIONS = {
    "statement.opened",
    "statement.closed",
    "statement.published",
    "statement.signed",
    "statement.signature_withdrawn",
}


def audit_entry_hidden(user: Any, negotiation: Negotiation) -> Callable[[Any], bool]:
    """Whether an audit entry's subject is hidden from this person: a private coalition's drafts,
    red lines and their assessments are for its members only, and its membership list for its
    members, the secretariat and the chair (the same rules as the pages). Read once; the
    returned test asks nothing more of the database."""
    private = {
        c.pk: c for c in negotiation.coalitions.filter(private=True) if not is_member(user, c)
    }
    if not private:
        return lambda entry: False
    unlisted = {pk for pk, c in private.items() if not sees_members(user, c)}
    statements = dict(
        Statement.objects.filter(coalition_id__in=list(private)).values_list("pk", "status")
    )
    red_lines = set(
        RedLine.objects.filter(coalition_id__in=list(private)).values_list("pk", flat=True)
    )
    assessments = set(
        Assessment.objects.filter(red_line_id__in=red_lines).values_list("pk", flat=True)
    )
    flags = set(Reassessment.objects.filter(red_line_id__in=red_lines).values_list("pk", flat=True))
    invitations = set(
        CoalitionInvitation.objects.filter(coalition_id__in=list(unlisted)).values_list(
            "pk", flat=True
        )
    )

    def hidden(entry: Any) -> bool:
        kind, raw = entry.subject_type, entry.target_id
        pk = int(raw) if raw.isdigit() else None
        if kind == "advocacy.statement" and pk in statements:
            public = statements[pk] != StatementStatus.DRAFT
            return not (public and entry.action in PUBLIC_STATEMENT_ACTIONS)
        return (
            (kind == "advocacy.redline" and pk in red_lines)
            or (kind == "advocacy.assessment" and pk in assessments)
            or (kind == "advocacy.reassessment" and pk in flags)
            or (kind == "advocacy.coalition" and pk in unlisted)
            or (kind == "advocacy.coalitioninvitation" and pk in invitations)
        )

    return hidden
