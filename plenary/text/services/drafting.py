"""The chair's drafting loop: turning the table's work into the next text. Each change is made
to the working text under its lock, recorded as a TextChange with its author and reason and in
the audit trail; issuing a version makes the working text the next informal version ("Rev.2"),
which the secretariat or the chair then publishes."""

import copy
import datetime
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.audit.services import record
from plenary.errors import Conflict, InvalidInput, NotFound, StaleEdit
from plenary.process.actors import Actor
from plenary.process.models import Negotiation
from plenary.process.models.participants import delegation_codes
from plenary.process.permissions import require_chair, require_runs_process
from plenary.text import drafting
from plenary.text.models import (
    ClosedBecause,
    Proposal,
    ProposalKind,
    ProposalStatus,
    Provision,
    TextChange,
    TextChangeKind,
    Version,
    WorkingText,
)
from plenary.text.provisions import identify, save_version
from plenary.text.services.working import ensure_not_adopted
from plenary.text.structure import Content, Outline, open_brackets

MAX_REASON = 2000


def _working(negotiation: Negotiation) -> WorkingText:
    """The working text, locked for this transaction (made from the latest version if need be)."""
    latest = negotiation.versions.order_by("-position").first()
    if latest is None:
        raise NotFound(_("There is no text to work on yet."))
    working, _created = WorkingText.objects.select_for_update().get_or_create(
        negotiation=negotiation, defaults={"based_on": latest, "content": latest.content}
    )
    if working.based_on_id != latest.pk:
        working.based_on, working.content = latest, latest.content
    return working


def _reason(reason: str, *, required: bool = True) -> str:
    reason = " ".join((reason or "").split())
    if required and not reason:
        raise InvalidInput(_("Say why: the reason is kept with the change."))
    if len(reason) > MAX_REASON:
        raise InvalidInput(_("A reason is at most %(limit)s characters.") % {"limit": MAX_REASON})
    return reason


def _change(
    negotiation: Negotiation,
    *,
    by: Actor,
    kind: str,
    apply: Callable[[Content], dict[str, Any] | None],
    provision: Provision | None = None,
    proposal: Proposal | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> TextChange:
    """Apply one change to the working text in one transaction: lock, change a copy, give new
    parts their provisions, save, record the change and audit it. `apply` returns what the
    change was ({"before": …, "after": …}) and raises DraftingError to refuse."""
    ensure_not_adopted(negotiation)
    with transaction.atomic():
        working = _working(negotiation)
        if expected_version is not None and expected_version != working.lock_version:
            raise StaleEdit(
                _("The working text changed since you opened it; look at it again first.")
            )
        content = copy.deepcopy(working.content)
        try:
            what = apply(content) or {}
        except drafting.DraftingError as error:
            raise InvalidInput(str(error)) from error
        identify(negotiation, content, base=None)
        working.content = content
        working.lock_version += 1
        working.save()
        change = TextChange.objects.create(
            negotiation=negotiation,
            provision=provision or _inserted(what),
            kind=kind,
            proposal=proposal,
            before=what.get("before", {}),
            after=what.get("after", {}),
            reason=reason,
            made_by=by.user,
            made_at=timezone.now(),
        )
        record(
            f"text.{kind}",
            change,
            by=by.user,
            negotiation=negotiation,
            before=change.before,
            after=change.after | {"provision": change.provision_id},
            note=reason,
        )
    return change


def _inserted(what: dict[str, Any]) -> Provision | None:
    node = what.get("node")
    return Provision.objects.get(pk=node["provision"]) if node else None


def _paragraph(content: Content, provision: Provision) -> dict[str, Any]:
    found = drafting.find(content, provision.pk)
    if found.kind != "paragraph":
        raise drafting.DraftingError(_("That provision is not a paragraph."))
    return found.node


def _sponsors(proposal: Proposal) -> list[str]:
    codes = delegation_codes(proposal.negotiation)
    ids = [proposal.delegation_id, *proposal.cosponsors.values_list("pk", flat=True)]
    return [codes.get(d, "?") for d in ids]


def accept_proposal(proposal: Proposal, *, by: Actor, reason: str = "") -> TextChange:
    """Take a proposal into the working text: a replacement becomes the paragraph's wording, an
    alternative is bracketed against it, an insertion becomes a new paragraph, a deletion
    takes the paragraph out; each attributed to the proposal's sponsors."""
    require_chair(by, _("accept proposals into the text"))
    negotiation = proposal.negotiation
    reason = _reason(reason, required=False)
    if proposal.kind == ProposalKind.COMMENT:
        raise InvalidInput(_("A comment is not wording to take into the text."))
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.OPEN:
            raise Conflict(_("This proposal is no longer open."))
        sponsors = _sponsors(proposal)
        removed: list[int] = []

        def apply(content: Content) -> dict[str, Any]:
            if proposal.kind in {ProposalKind.INSERT_BEFORE, ProposalKind.INSERT_AFTER}:
                node = drafting.insert_paragraph(
                    content,
                    beside=proposal.provision_id,
                    before=proposal.kind == ProposalKind.INSERT_BEFORE,
                    text=proposal.text,
                    attribution=sponsors,
                )
                return {"after": {"text": node["text"], "attribution": sponsors}, "node": node}
            if proposal.kind == ProposalKind.DELETE:
                before = _paragraph(content, proposal.provision)["text"]
                removed.extend(drafting.delete(content, proposal.provision_id))
                return {"before": {"text": before}}
            node = _paragraph(content, proposal.provision)
            before = {"text": node["text"], "attribution": list(node["attribution"])}
            if proposal.kind == ProposalKind.REPLACE:
                drafting.set_wording(node, drafting.read_wording(proposal.text))
                node["attribution"] = sponsors
            else:
                drafting.add_alternative(node, proposal.text, sponsors)
                node["attribution"] = list(dict.fromkeys([*node["attribution"], *sponsors]))
            return {"before": before, "after": {"text": node["text"], "attribution": sponsors}}

        change = _change(
            negotiation,
            by=by,
            kind=TextChangeKind.PROPOSAL_ACCEPTED,
            apply=apply,
            provision=proposal.provision,
            proposal=proposal,
            reason=reason,
        )
        proposal.status = ProposalStatus.ACCEPTED
        proposal.save(update_fields=["status"])
        _close_proposals_on(negotiation, removed, by=by)
    return change


def choose_alternative(
    negotiation: Negotiation,
    provision: Provision,
    *,
    by: Actor,
    bracket: int,
    alternative: int,
    reason: str = "",
) -> TextChange:
    """Settle a bracket by keeping one of its alternatives."""
    require_chair(by, _("settle brackets"))
    reason = _reason(reason, required=False)

    def apply(content: Content) -> dict[str, Any]:
        node = _paragraph(content, provision)
        before = node["text"]
        chosen, sponsors = drafting.choose(node, bracket, alternative)
        return {
            "before": {"text": before},
            "after": {"text": node["text"], "chosen": chosen, "sponsors": sponsors},
        }

    return _change(
        negotiation,
        by=by,
        kind=TextChangeKind.ALTERNATIVE_CHOSEN,
        apply=apply,
        provision=provision,
        reason=reason,
    )


def merge_alternatives(
    negotiation: Negotiation,
    provision: Provision,
    *,
    by: Actor,
    bracket: int,
    wording: str,
    reason: str,
) -> TextChange:
    """Settle a bracket with one wording that merges its alternatives."""
    require_chair(by, _("settle brackets"))
    reason = _reason(reason)

    def apply(content: Content) -> dict[str, Any]:
        node = _paragraph(content, provision)
        before = node["text"]
        sponsors = drafting.merge(node, bracket, wording)
        return {"before": {"text": before}, "after": {"text": node["text"], "sponsors": sponsors}}

    return _change(
        negotiation,
        by=by,
        kind=TextChangeKind.ALTERNATIVES_MERGED,
        apply=apply,
        provision=provision,
        reason=reason,
    )


def edit_wording(
    negotiation: Negotiation,
    provision: Provision,
    *,
    by: Actor,
    text: str,
    reason: str,
    seen: str | None = None,
) -> TextChange:
    """The chair rewords a paragraph (brackets may be written). `seen` is the wording the chair
    edited: if someone changed it since, the edit is refused and says what it reads now."""
    require_chair(by, _("edit the text"))
    reason = _reason(reason)

    def apply(content: Content) -> dict[str, Any]:
        node = _paragraph(content, provision)
        if seen is not None and " ".join(seen.split()) != " ".join(node["text"].split()):
            raise StaleEdit(
                _("Someone changed this paragraph since you opened it. It now reads: “%(text)s”.")
                % {"text": node["text"]}
            )
        before = node["text"]
        drafting.set_wording(node, drafting.read_wording(text))
        if node["text"] == before:
            raise drafting.DraftingError(_("The wording is the same as before."))
        return {"before": {"text": before}, "after": {"text": node["text"]}}

    return _change(
        negotiation,
        by=by,
        kind=TextChangeKind.EDITED,
        apply=apply,
        provision=provision,
        reason=reason,
    )


def insert_paragraph(
    negotiation: Negotiation,
    *,
    by: Actor,
    text: str,
    reason: str,
    beside: Provision | None = None,
    before: bool = False,
    article: Provision | None = None,
) -> TextChange:
    """A new paragraph, before or after another or at the end of an article."""
    require_chair(by, _("edit the text"))
    reason = _reason(reason)
    if (beside is None) == (article is None):
        raise InvalidInput(_("Say where the paragraph goes: beside a paragraph, or in an article."))
    where = article.pk if article is not None else 0

    def apply(content: Content) -> dict[str, Any]:
        if beside is not None:
            node = drafting.insert_paragraph(
                content, beside=beside.pk, before=before, text=text, attribution=[]
            )
        else:
            node = drafting.append_paragraph(content, article=where, text=text, attribution=[])
        return {"after": {"text": node["text"]}, "node": node}

    return _change(negotiation, by=by, kind=TextChangeKind.INSERTED, apply=apply, reason=reason)


def insert_article(
    negotiation: Negotiation,
    *,
    by: Actor,
    chapter: Provision,
    after: Provision | None,
    title: str,
    text: str,
    reason: str,
) -> TextChange:
    """A new article in a chapter ("22 bis" after 22), with its first paragraph if given."""
    require_chair(by, _("edit the text"))
    reason = _reason(reason)

    def apply(content: Content) -> dict[str, Any]:
        node = drafting.insert_article(
            content, chapter=chapter.pk, after=after.pk if after else None, title=title, text=text
        )
        return {"after": {"number": node["number"], "title": node["title"]}, "node": node}

    return _change(negotiation, by=by, kind=TextChangeKind.INSERTED, apply=apply, reason=reason)


def delete_provision(
    negotiation: Negotiation, provision: Provision, *, by: Actor, reason: str
) -> TextChange:
    """Take a paragraph, an article or an empty chapter out of the working text. It keeps its
    history; the open proposals on it are closed, saying why."""
    require_chair(by, _("edit the text"))
    reason = _reason(reason)
    removed: list[int] = []

    def apply(content: Content) -> dict[str, Any]:
        outline = Outline(content)
        label = outline.label(provision.pk)
        part = outline.get(provision.pk)
        removed.extend(drafting.delete(content, provision.pk))
        return {"before": {"label": label, "text": part.text if part else ""}}

    with transaction.atomic():
        change = _change(
            negotiation,
            by=by,
            kind=TextChangeKind.DELETED,
            apply=apply,
            provision=provision,
            reason=reason,
        )
        _close_proposals_on(negotiation, removed, by=by)
    return change


def _close_proposals_on(negotiation: Negotiation, provisions: list[int], *, by: Actor) -> None:
    """Open proposals on provisions taken out of the text are closed, with the reason."""
    for proposal in Proposal.objects.filter(
        negotiation=negotiation, provision_id__in=provisions, status=ProposalStatus.OPEN
    ):
        proposal.status = ProposalStatus.CLOSED
        proposal.closed_because = ClosedBecause.PROVISION_DELETED
        proposal.save(update_fields=["status", "closed_because"])
        record(
            "proposal.closed",
            proposal,
            by=by.user,
            negotiation=negotiation,
            before={"status": ProposalStatus.OPEN},
            after={"status": ProposalStatus.CLOSED, "closed_because": proposal.closed_because},
        )


def move_article(
    negotiation: Negotiation,
    article: Provision,
    *,
    by: Actor,
    chapter: Provision,
    after: Provision | None,
    reason: str,
) -> TextChange:
    """Move an article within its chapter or to another; it stays the same provision."""
    require_chair(by, _("edit the text"))
    reason = _reason(reason, required=False)

    def apply(content: Content) -> dict[str, Any]:
        outline = Outline(content)
        before = outline.get(article.pk)
        drafting.move_article(
            content, article.pk, chapter=chapter.pk, after=after.pk if after else None
        )
        return {
            "before": {"chapter": before.chapter if before else None},
            "after": {"chapter": chapter.pk, "after": after.pk if after else None},
        }

    return _change(
        negotiation, by=by, kind=TextChangeKind.MOVED, apply=apply, provision=article, reason=reason
    )


def move_paragraph(
    negotiation: Negotiation, paragraph: Provision, *, by: Actor, up: bool, reason: str
) -> TextChange:
    """Move a paragraph one place up or down in its article; paragraphs are renumbered."""
    require_chair(by, _("edit the text"))
    reason = _reason(reason, required=False)

    def apply(content: Content) -> dict[str, Any]:
        drafting.move_paragraph(content, paragraph.pk, up=up)
        return {"after": {"direction": "up" if up else "down"}}

    return _change(
        negotiation,
        by=by,
        kind=TextChangeKind.MOVED,
        apply=apply,
        provision=paragraph,
        reason=reason,
    )


def renumber_articles(negotiation: Negotiation, *, by: Actor, reason: str = "") -> TextChange:
    """Number the articles 1, 2, ... in reading order; identities do not change."""
    require_chair(by, _("renumber the text"))
    reason = _reason(reason, required=False)

    def apply(content: Content) -> dict[str, Any]:
        changed = drafting.renumber_articles(content)
        if not changed:
            raise drafting.DraftingError(_("The articles are already numbered in order."))
        return {"after": {"renumbered": {str(p): n for p, n in changed.items()}}}

    return _change(negotiation, by=by, kind=TextChangeKind.RENUMBERED, apply=apply, reason=reason)


def unissued_changes(negotiation: Negotiation) -> Any:
    """The changes made to the working text since the last version, oldest first."""
    return TextChange.objects.filter(
        negotiation=negotiation, issued_in__isnull=True
    ).select_related("provision", "made_by", "proposal")


def issue_version(
    negotiation: Negotiation,
    *,
    by: Actor,
    label: str,
    date: datetime.date,
    renumber: bool = False,
) -> Version:
    """Make the working text the next informal version in one step, with its changes; with
    `renumber`, the articles are numbered 1, 2, ... first. Publish it afterwards."""
    require_runs_process(by, _("issue versions of the text"))
    ensure_not_adopted(negotiation)
    label = (label or "").strip()
    if not label or len(label) > 200:
        raise InvalidInput(_("A version needs a label of 1 to 200 characters."))
    with transaction.atomic():
        working = _working(negotiation)
        changes = list(unissued_changes(negotiation).select_for_update(of=("self",)))
        if renumber:
            content = copy.deepcopy(working.content)
            if drafting.renumber_articles(content):
                working.content = content
        if not changes and working.content == working.based_on.content:
            raise Conflict(
                _("Nothing has changed since %(version)s.") % {"version": working.based_on.label}
            )
        based_on = working.based_on
        version = save_version(
            negotiation,
            working.content,
            by=by,
            label=label,
            date=date,
            illustrative=based_on.illustrative,
        )
        TextChange.objects.filter(pk__in=[c.pk for c in changes]).update(issued_in=version)
        record(
            "version.issued",
            version,
            by=by.user,
            negotiation=negotiation,
            after={
                "label": label,
                "date": date.isoformat(),
                "based_on": based_on.label,
                "changes": len(changes),
                "renumbered": renumber,
                "open_brackets": open_brackets(working.content),
            },
        )
    return version
