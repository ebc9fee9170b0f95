"""The chair's packages, and adoption of the text as a whole: nothing is agreed until
everything is agreed, so adoption is refused while anything is open in the text."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from plenary.audit.services import audited_change, record
from plenary.decisions.models import Decision, DecisionMethod
from plenary.decisions.services import record_decision, tally_votes
from plenary.errors import Conflict, InvalidInput, NotFound
from plenary.process.actors import Actor
from plenary.process.models import Delegation, Negotiation
from plenary.process.permissions import require_chair
from plenary.text import blockers
from plenary.text.models import (
    Package,
    PackageStatus,
    ParagraphStatus,
    Provision,
    Version,
)
from plenary.text.provisions import save_version, working_content
from plenary.text.services.working import (
    blockers_of,
    change_status,
    ensure_not_adopted,
    refuse_agreement,
    working_outline,
)
from plenary.text.signals import announce_published
from plenary.text.structure import Outline, open_brackets
from plenary.translations import translated, written_by_plenary

ADOPTED_LABEL = "Final text"


def propose_package(
    negotiation: Negotiation,
    *,
    by: Actor,
    title: str,
    provisions: list[Provision],
    description: str = "",
) -> Package:
    """Group paragraphs into one package, to be accepted or rejected as a whole."""
    require_chair(by, _("propose packages"))
    ensure_not_adopted(negotiation)
    title = (title or "").strip()
    if not title or len(title) > 200:
        raise InvalidInput(_("A package needs a title of 1 to 200 characters."))
    ids = [p.pk for p in provisions]
    if len(ids) < 2 or len(set(ids)) != len(ids):
        raise InvalidInput(_("A package ties together at least two different paragraphs."))
    outline = working_outline(negotiation)
    missing = [p for p in provisions if p.negotiation_id != negotiation.pk or p.pk not in outline]
    if missing:
        raise InvalidInput(_("Every paragraph of a package is a paragraph of the working text."))
    with transaction.atomic():
        # Packages are proposed one at a time, so that no paragraph ends up in two of them.
        Negotiation.objects.select_for_update().filter(pk=negotiation.pk).first()
        for other in negotiation.packages.filter(status=PackageStatus.PROPOSED):
            shared = sorted(set(other.provisions.values_list("pk", flat=True)) & set(ids))
            if shared:
                raise Conflict(
                    _("%(provisions)s already belong to the package %(package)s.")
                    % {
                        "provisions": ", ".join(outline.short_label(p) for p in shared),
                        "package": other.title,
                    }
                )
        package = Package.objects.create(
            negotiation=negotiation, title=title, description=description, created_by=by.user
        )
        package.provisions.set(provisions)
        record(
            "package.proposed",
            package,
            by=by.user,
            negotiation=negotiation,
            after={"title": title, "provisions": ids, "description": description},
        )
    return package


def decide_package(
    package: Package,
    *,
    by: Actor,
    accept: bool,
    expected_version: int | None = None,
    note: str = "",
) -> Package:
    """Accept a package (all its paragraphs become agreed ad referendum at once, under the same
    rule as one paragraph) or reject it."""
    require_chair(by, _("decide on packages"))
    negotiation = package.negotiation
    ensure_not_adopted(negotiation)
    action = "package.accepted" if accept else "package.rejected"
    with audited_change(
        action,
        package,
        by=by.user,
        negotiation=negotiation,
        expected_version=expected_version,
        note=note,
    ):
        if package.status != PackageStatus.PROPOSED:
            raise Conflict(
                _("This package was already %(status)s.") % {"status": package.get_status_display()}
            )
        package.status = PackageStatus.ACCEPTED if accept else PackageStatus.REJECTED
        if accept:
            provisions = list(package.provisions.select_for_update().order_by("pk"))
            outline = working_outline(negotiation)
            refuse_agreement(negotiation, outline, [p.pk for p in provisions if p.pk in outline])
            for provision in provisions:
                state = getattr(provision, "state", None)
                if state is None or state.status != ParagraphStatus.AGREED_AD_REFERENDUM:
                    change_status(
                        negotiation,
                        provision,
                        ParagraphStatus.AGREED_AD_REFERENDUM,
                        by=by,
                        note=package.title,
                    )
    return package


def put_package_to_vote(
    package: Package,
    *,
    by: Actor,
    symbol: str,
    date: datetime.date,
    votes: dict[Delegation, str],
    expected_version: int | None = None,
) -> Decision:
    """Put a package to a recorded vote: the roll call is kept, and the package is accepted if
    the vote carries under the negotiation's rule and rejected if it does not."""
    require_chair(by, _("put packages to a vote"))
    # decide_package refuses a package already decided, inside this transaction, so the vote
    # is not recorded either.
    with transaction.atomic():
        title, translations = written_by_plenary(
            "title", lambda: _("Package: %(title)s") % {"title": package.title}
        )
        decision = record_decision(
            package.negotiation,
            by=by,
            symbol=symbol,
            body=package.negotiation.body,
            title=title,
            translations=translations,
            date=date,
            method=DecisionMethod.RECORDED_VOTE,
            votes=votes,
        )
        decide_package(
            package,
            by=by,
            accept=tally_votes(package.negotiation, votes).carried,
            expected_version=expected_version,
            note=decision.symbol,
        )
    return decision


def adoption_blockers(negotiation: Negotiation, method: str) -> tuple[Outline, list[Any]]:
    """Everything that stands in the way of adopting the working text as a whole: brackets and
    open proposals anywhere in it, and for adoption by consensus standing objections. Only
    what is in the text counts: a proposal on a deleted provision was closed with it."""
    outline = working_outline(negotiation)
    found = blockers_of(negotiation, outline, [p.provision for p in outline.paragraphs])
    if method != DecisionMethod.CONSENSUS:
        found = [b for b in found if b.kind != blockers.OBJECTIONS]
    return outline, found


@dataclass(frozen=True)
class Adoption:
    """What happened when the text was put to adoption: the decision recorded, and the final
    version when it carried (a recorded vote that did not carry adopts nothing)."""

    decision: Decision
    final: Version | None


def adopt_text(
    negotiation: Negotiation,
    *,
    by: Actor,
    symbol: str,
    date: datetime.date,
    method: str,
    votes: dict[Delegation, str] | None = None,
    body: str = "",
) -> Adoption:
    """Adopt the whole text in one decision; refused while anything is still open."""
    require_chair(by, _("record the adoption of the text"))
    ensure_not_adopted(negotiation)
    if method not in {DecisionMethod.CONSENSUS, DecisionMethod.RECORDED_VOTE}:
        raise InvalidInput(_("The text is adopted by consensus or by a recorded vote."))
    _outline, found = adoption_blockers(negotiation, method)
    if found:
        raise Conflict(
            _(
                "The text cannot be adopted while anything is open: %(count)s provisions hold "
                "%(blockers)s. The adoption page lists them."
            )
            % {"count": len({b.provision for b in found}), "blockers": _totals(found)}
        )
    version, content = working_content(negotiation)
    if version is None or content is None:
        raise NotFound(_("There is no text to work on yet."))
    title, translations = written_by_plenary(
        "title",
        lambda: _("Adoption of the text: %(title)s")
        % {"title": translated(negotiation, "title") or negotiation.title},
    )
    decision_fields: dict[str, Any] = {
        "by": by,
        "symbol": symbol,
        "body": body or negotiation.body,
        "title": title,
        "translations": translations,
        "date": date,
        "method": method,
        "votes": votes,
    }
    with transaction.atomic():
        decision = record_decision(negotiation, **decision_fields)
        carried = not votes or tally_votes(negotiation, votes).carried
        if method == DecisionMethod.RECORDED_VOTE and not carried:
            # The vote happened and stays on record; the text is not adopted.
            return Adoption(decision, None)
        final = save_version(
            negotiation,
            content,
            by=by,
            label=ADOPTED_LABEL,
            date=date,
            published=True,
            adopted_by=decision,
            illustrative=version.illustrative,
        )
        record(
            "text.adopted",
            final,
            by=by.user,
            negotiation=negotiation,
            after={
                "decision": decision.symbol,
                "method": method,
                "based_on": version.label,
                "open_brackets": open_brackets(content),
            },
        )
        announce_published(final)
    return Adoption(decision, final)


def refusal_of_failed_vote(
    negotiation: Negotiation, adoption: Adoption, votes: dict[Delegation, str]
) -> Conflict:
    """The sentence that says a recorded vote on the text did not carry (the vote is kept)."""
    result = tally_votes(negotiation, votes)
    return Conflict(
        _(
            "The vote did not carry: %(yes)s in favour, %(no)s against, %(abstain)s "
            "abstaining; %(required)s votes in favour were needed of %(voting)s present "
            "and voting (%(rule)s). The vote is recorded as %(symbol)s; the text is not "
            "adopted."
        )
        % {
            "yes": result.yes,
            "no": result.no,
            "abstain": result.abstain,
            "required": result.required,
            "voting": result.present_and_voting,
            "rule": negotiation.get_voting_majority_display(),
            "symbol": adoption.decision.symbol,
        }
    )


def _totals(found: list[Any]) -> str:
    totals: dict[str, int] = {}
    for blocker in found:
        totals[blocker.kind] = totals.get(blocker.kind, 0) + blocker.count
    return blockers.listed([blockers.Blocker(0, kind, count) for kind, count in totals.items()])
