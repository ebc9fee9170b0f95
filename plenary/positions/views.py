"""The page of a recorded vote, and the actions on positions from the paragraph page: a
delegation's stance, its objection and the withdrawal of an objection."""

from types import SimpleNamespace

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from plenary.decisions.models import Decision, VoteChoice
from plenary.decisions.services import majority_of, vote_counts, vote_result
from plenary.errors import NotAllowed, NotFound
from plenary.forms import Back, handle_form
from plenary.page_cache import public_page
from plenary.positions.forms import ObjectionForm, StanceForm, WithdrawalForm, stance_subjects
from plenary.positions.models import Objection
from plenary.positions.services import (
    Subject,
    object_to_paragraph,
    provision_key,
    record_stance,
    subject_named,
    withdraw_objection,
)
from plenary.process.actors import request_actor
from plenary.process.models import Bloc, Delegation, Negotiation, Role
from plenary.process.models.negotiation import VotingMajority
from plenary.process.names import name_in, sort_key
from plenary.process.permissions import require_acting_delegation, require_signed_in
from plenary.process.visibility import get_negotiation
from plenary.text.provisions import describe


def _own_delegation(request: HttpRequest, negotiation: Negotiation) -> Delegation:
    """The person's delegation in this negotiation (their State's seat, at a protocol)."""
    actor = require_signed_in(request_actor(request))
    if actor.role != Role.DELEGATION:
        raise NotAllowed(_("Only a delegation states its stance or objects here."))
    return require_acting_delegation(actor, negotiation)


def _paragraph_of(subject: Subject) -> int | None:
    """The paragraph a stance's subject belongs to (a proposal's own paragraph; a package has
    none)."""
    if subject.provision is not None:
        return subject.provision.pk
    return subject.proposal.provision_id if subject.proposal is not None else None


def _back_to(slug: str, provision: int | None) -> str:
    """Back to the paragraph's page; a package has none, so to the working text."""
    if provision is None:
        return reverse("working-draft", args=[slug])
    return reverse("draft-paragraph", args=[slug, provision])


def _back(slug: str, provision: int | None) -> Back:
    return Back(_("Back to the paragraph"), _back_to(slug, provision))


def _named(negotiation, user, provision: int | None) -> str:
    """The paragraph as readers cite it ("Art. 7(2) — Illegal access")."""
    if provision is None:
        return _("the package")
    named = describe(negotiation, user, [provision]).get(provision)
    return named.label if named is not None else ""


def stance_form(negotiation, delegation, provision: int | None, data=None) -> StanceForm:
    return StanceForm(
        data,
        delegation=delegation,
        subjects=stance_subjects(negotiation, provision) if provision is not None else (),
        initial={"subject": provision_key(provision)} if provision is not None else {},
        key=f"stance-{provision}",
        action=reverse("record-stance", args=[negotiation.slug]),
    )


def objection_form(negotiation, delegation, provision: int | None, data=None) -> ObjectionForm:
    return ObjectionForm(
        data,
        delegation=delegation,
        initial={"subject": provision_key(provision)} if provision is not None else {},
        key=f"objection-{provision}",
        action=reverse("object", args=[negotiation.slug]),
    )


def withdrawal_form(negotiation, objection, data=None) -> WithdrawalForm:
    form = WithdrawalForm(
        data,
        key=f"withdrawal-{objection.pk}",
        action=reverse("withdraw-objection", args=[negotiation.slug, objection.pk]),
    )
    form.source_legend = _(
        "Record that %(code)s withdrew this objection: the source (a symbol or an address)"
    ) % {"code": objection.delegation.code}
    form.fieldsets = [(form.source_legend, ["source_title", "source_symbol", "source_url"])]
    return form


@require_POST
def record_stance_view(request: HttpRequest, slug: str) -> HttpResponse:
    """A delegation records its own stance on a paragraph or on one of its proposals, with the
    source it is from."""
    negotiation = get_negotiation(slug)
    delegation = _own_delegation(request, negotiation)
    actor = request_actor(request)
    subject = subject_named(
        negotiation, actor, name=request.POST.get("subject", "")[:200], proposals=True
    )
    paragraph = _paragraph_of(subject)
    form = stance_form(negotiation, delegation, paragraph, request.POST)

    def act(data):
        record_stance(
            negotiation,
            by=actor,
            delegation=delegation,
            stance=data["stance"],
            sources=form.sources(),
            subject=subject,
        )
        return _back_to(slug, paragraph)

    return handle_form(
        request,
        form,
        act,
        done=_("Stance recorded."),
        heading=_("Stance of %(delegation)s on %(eid)s")
        % {"delegation": delegation, "eid": _named(negotiation, actor, paragraph)},
        negotiation=negotiation,
        back=_back(slug, paragraph),
    )


@require_POST
def object_view(request: HttpRequest, slug: str) -> HttpResponse:
    """A delegation objects to a paragraph, with its reason."""
    negotiation = get_negotiation(slug)
    delegation = _own_delegation(request, negotiation)
    actor = request_actor(request)
    subject = subject_named(negotiation, actor, name=request.POST.get("subject", "")[:200])
    paragraph = _paragraph_of(subject)

    def act(data):
        object_to_paragraph(
            negotiation,
            by=actor,
            delegation=delegation,
            subject=subject,
            reason=data["reason"],
        )
        return _back_to(slug, paragraph)

    return handle_form(
        request,
        objection_form(negotiation, delegation, paragraph, request.POST),
        act,
        done=_("Objection recorded."),
        heading=_("Objection of %(delegation)s to %(eid)s")
        % {"delegation": delegation, "eid": _named(negotiation, actor, paragraph)},
        negotiation=negotiation,
        back=_back(slug, paragraph),
    )


@require_POST
def withdraw_objection_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A delegation withdraws its objection, or the secretariat records its withdrawal."""
    negotiation = get_negotiation(slug)
    actor = require_signed_in(request_actor(request))
    objection = (
        Objection.objects.filter(negotiation=negotiation, pk=pk)
        .select_related("delegation")
        .first()
    )
    if objection is None:
        raise NotFound(_("There is no such objection."))
    form = withdrawal_form(negotiation, objection, request.POST)

    def act(data):
        withdraw_objection(objection, by=actor, sources=form.sources(), note=data["note"])
        return _back_to(slug, objection.provision_id)

    return handle_form(
        request,
        form,
        act,
        done=_("Objection withdrawn."),
        heading=_("Withdrawal of the objection of %(delegation)s")
        % {"delegation": objection.delegation},
        negotiation=negotiation,
        back=_back(slug, objection.provision_id),
    )


def _vote_rows(decision: Decision, votes, blocs) -> list[dict[str, str]]:
    """The roll call in world order (grouped by region and subregion, then by name as the
    reader's language orders the UN's names), as plain values: a table of 193 states renders
    several times faster from these than from the records."""
    labels = {value: str(label) for value, label in VoteChoice.choices}
    named = Bloc.names_by_delegation(decision.negotiation, blocs)
    rows = [
        {
            "vote": choice,
            "label": labels[choice],
            "region": region,
            "subregion": subregion,
            "name": name_in(SimpleNamespace(name=name, iso2=iso2, translations=translated)),
            "iso2": iso2 or "",
            "blocs": named.get(delegation, ""),
        }
        for choice, delegation, region, subregion, name, iso2, translated in votes.values_list(
            "vote",
            "delegation_id",
            "delegation__region",
            "delegation__subregion",
            "delegation__name",
            "delegation__iso2",
            "delegation__translations",
        )
    ]
    key = sort_key()
    return sorted(rows, key=lambda row: (row["region"], row["subregion"], key(row["name"])))


@require_GET
@public_page(floor=False)
def vote_detail(request: HttpRequest, symbol: str) -> HttpResponse:
    decision = Decision.objects.select_related("negotiation").filter(symbol=symbol).first()
    if decision is None:
        raise NotFound(_("There is no recorded decision %(symbol)s.") % {"symbol": symbol})
    query = request.GET.get("q", "").strip()[:100]
    bloc = request.GET.get("bloc", "").strip()[:60]
    vote = request.GET.get("vote", "").strip()
    votes = decision.votes.all()
    if query:
        votes = votes.filter(
            Q(delegation__name__icontains=query) | Q(delegation__iso2__iexact=query)
        )
    if bloc:
        votes = votes.filter(delegation__blocs__slug=bloc)
    if vote in VoteChoice.values:
        votes = votes.filter(vote=vote)
    # Read once, for the filter and for naming each State's blocs in the table.
    blocs = decision.negotiation.blocs.all()
    context = {
        "decision": decision,
        "counts": vote_counts(decision),
        "result": vote_result(decision),
        "majority": VotingMajority(majority_of(decision)).label,
        # Computed only when the page is not in the cache (page_cache: shared_fragment).
        "votes": SimpleLazyObject(lambda: _vote_rows(decision, votes, blocs)),
        "blocs": blocs,
        "query": query,
        "bloc": bloc,
        "vote": vote,
        "choices": VoteChoice,
    }
    template = "positions/_vote_rows.html" if request.headers.get("HX-Request") else None
    return render(request, template or "positions/vote.html", context)
