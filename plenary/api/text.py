"""The negotiating text through the API: versions, their structured text, and submissions."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from plenary.api.auth import WRITE_AUTH, reader
from plenary.api.text_schemas import (
    AdoptionIn,
    ArticlePlanOut,
    BlockerOut,
    ChangeOut,
    ChooseAlternativeIn,
    ConsolidateIn,
    DeleteIn,
    EditWordingIn,
    InsertArticleIn,
    InsertParagraphIn,
    IssueVersionIn,
    MergeAlternativesIn,
    MoveIn,
    PackageDecisionIn,
    PackageIn,
    PackageOut,
    PackageVoteIn,
    ParagraphStatusIn,
    ProposalEditIn,
    ProposalIn,
    ProposalOut,
    ProvisionIn,
    ReasonIn,
    SearchOut,
    StatusOut,
    SubmissionIn,
    SubmissionOut,
    TextChangeOut,
    VersionOut,
    VersionTextOut,
    VoteIn,
)
from plenary.errors import InvalidInput, NotAllowed, NotFound
from plenary.process.actors import request_actor
from plenary.process.capabilities import can_view_working_text
from plenary.process.models import Delegation
from plenary.process.permissions import require_runs_process
from plenary.process.visibility import get_negotiation, get_visible_version, visible_versions
from plenary.text import provisions
from plenary.text.comparing import compare_versions
from plenary.text.exports import akn_response, docx_response, pdf_response
from plenary.text.search import search_text
from plenary.text.search_form import SearchForm
from plenary.text.services import drafting, packages, submissions, versions, working
from plenary.text.structure import ARTICLE, CHAPTER, PARAGRAPH

router = Router(tags=["text"])


def _paragraph(paragraph: dict[str, Any]) -> dict[str, Any]:
    return paragraph | {
        "alternatives": [s["alternatives"] for s in paragraph["segments"] if "alternatives" in s],
        "children": [_paragraph(child) for child in paragraph["children"]],
    }


@router.get("/{slug}/versions", response=list[VersionOut])
def list_versions(request: HttpRequest, slug: str):
    return visible_versions(reader(request), get_negotiation(slug))


@router.post("/{slug}/versions/{version_id}/publish", response=VersionOut, auth=WRITE_AUTH)
def publish_version(request: HttpRequest, slug: str, version_id: int):
    """Make an informal draft public (the secretariat or the chair); it is then fixed."""
    actor = request_actor(request)
    version = get_visible_version(actor, get_negotiation(slug), version_id)
    return versions.publish_version(version, by=actor)


@router.get("/{slug}/versions/{version_id}", response=VersionTextOut)
def version_text(request: HttpRequest, slug: str, version_id: int):
    version = get_visible_version(reader(request), get_negotiation(slug), version_id)
    return _version_text(version, version.content)


def _version_text(version: Any, content: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": version.pk,
        "label": version.label,
        "date": version.date,
        "position": version.position,
        "published": version.published,
        "illustrative": version.illustrative,
        "sources": version.sources,
        "preamble": [_paragraph(p) for p in content["preamble"]],
        "chapters": [
            chapter
            | {
                "articles": [
                    article | {"paragraphs": [_paragraph(p) for p in article["paragraphs"]]}
                    for article in chapter["articles"]
                ]
            }
            for chapter in content["chapters"]
        ],
        "footnotes": content["footnotes"],
    }


def _deadline(slug: str, deadline_id: int) -> Any:
    deadline = get_negotiation(slug).roadmap.filter(pk=deadline_id).first()
    if deadline is None:
        raise NotFound(_("There is no such deadline."))
    return deadline


@router.get("/{slug}/roadmap/{deadline_id}/submissions", response=list[SubmissionOut])
def list_submissions(request: HttpRequest, slug: str, deadline_id: int):
    return _deadline(slug, deadline_id).submissions.select_related("delegation")


@router.post(
    "/{slug}/roadmap/{deadline_id}/submissions", response={201: SubmissionOut}, auth=WRITE_AUTH
)
def make_submission(request: HttpRequest, slug: str, deadline_id: int, payload: SubmissionIn):
    deadline = _deadline(slug, deadline_id)
    actor = request_actor(request)
    delegation = actor.delegation
    if delegation is None:
        raise NotAllowed(_("Only a delegation submits text."))
    submission = submissions.submit_text(
        deadline,
        by=actor,
        delegation=delegation,
        chapter=payload.chapter,
        text=payload.text,
    )
    return Status(201, submission)


@router.post(
    "/{slug}/roadmap/{deadline_id}/consolidate", response={201: VersionOut}, auth=WRITE_AUTH
)
def consolidate(request: HttpRequest, slug: str, deadline_id: int, payload: ConsolidateIn):
    """Consolidate a chapter's submissions into a new informal version in which only that
    chapter changes; `matches` overrides which article of the text a consolidated one takes
    the place of (see the consolidation plan)."""
    version = submissions.consolidate_submissions(
        _deadline(slug, deadline_id),
        by=request_actor(request),
        chapter=payload.chapter,
        label=payload.label,
        date=payload.date,
        matches={m.title: m.provision for m in payload.matches},
    )
    return Status(201, version)


@router.get(
    "/{slug}/roadmap/{deadline_id}/consolidation", response=list[ArticlePlanOut], auth=WRITE_AUTH
)
def consolidation_plan(request: HttpRequest, slug: str, deadline_id: int, chapter: str):
    """What consolidating a chapter would do: each consolidated article and the article of the
    text it would take the place of (for the secretariat and the chair)."""
    require_runs_process(request_actor(request), _("consolidate submissions"))
    return submissions.consolidation_plan(_deadline(slug, deadline_id), chapter[:200])


def _table(request: HttpRequest) -> Any:
    """The working text and its proposals are for delegations, the secretariat and the chair."""
    user = reader(request)
    if not can_view_working_text(user):
        raise NotFound(_("There is no working text open to you."))
    return user


def _delegation_of(request: HttpRequest) -> Delegation:
    """The delegation of the person writing (a token's or a signed-in session's)."""
    delegation = request_actor(request).delegation
    if delegation is None:
        raise NotAllowed(_("Only a delegation makes or joins proposals."))
    return delegation


@router.get("/{slug}/draft", response=VersionTextOut)
def working_draft(request: HttpRequest, slug: str):
    _table(request)
    version, content = working.working_text(get_negotiation(slug))
    return _version_text(version, content)


def _provision(
    request: HttpRequest, negotiation: Any, payload: ProvisionIn, kinds: tuple[str, ...]
) -> Any:
    """The provision a payload names by id or by eId, among those the caller may see."""
    return provisions.resolve(
        negotiation,
        request_actor(request),
        provision=payload.provision,
        eid=payload.eid or None,
        kinds=kinds,
    )


def _named(negotiation: Any, viewer: Any, items: list[Any]) -> list[Any]:
    """Each proposal with its paragraph's eId and label in the text the viewer sees now, and
    where it was made when the paragraph was renumbered since."""
    outline = provisions.current_outline(negotiation, viewer)
    described = provisions.describe(
        negotiation, viewer, [i.provision_id for i in items], outline=outline
    )
    made_on = provisions.MadeOn(outline)
    for item in items:
        seen = described.get(item.provision_id)
        item.eid = seen.eid if seen else ""
        item.label = seen.label if seen else ""
        item.made_on_label = made_on(item.provision_id, item.made_on)
    return items


def _proposals_out(negotiation: Any, viewer: Any, proposals: Any) -> list[dict[str, Any]]:
    rows = _named(negotiation, viewer, list(proposals))
    return [
        {
            "id": p.pk,
            "provision_id": p.provision_id,
            "eid": p.eid,
            "label": p.label,
            "made_on": p.made_on_label,
            "kind": p.kind,
            "text": p.text,
            "status": p.status,
            "closed_because": p.closed_because,
            "delegation": p.delegation.code,
            "cosponsors": [d.code for d in p.cosponsors.all()],
            "lock_version": p.lock_version,
        }
        for p in rows
    ]


def _one_proposal(request: HttpRequest, proposal: Any) -> dict[str, Any]:
    return _proposals_out(proposal.negotiation, request_actor(request), [proposal])[0]


@router.get("/{slug}/proposals", response=list[ProposalOut])
def list_proposals(request: HttpRequest, slug: str):
    viewer = _table(request)
    negotiation = get_negotiation(slug)
    proposals = negotiation.proposals.select_related("delegation").prefetch_related(
        "cosponsors", "made_on"
    )
    return _proposals_out(negotiation, viewer, proposals)


@router.post("/{slug}/proposals", response={201: ProposalOut}, auth=WRITE_AUTH)
def make_proposal(request: HttpRequest, slug: str, payload: ProposalIn):
    negotiation = get_negotiation(slug)
    proposal = working.propose(
        negotiation,
        by=request_actor(request),
        delegation=_delegation_of(request),
        provision=_provision(request, negotiation, payload, (PARAGRAPH,)),
        kind=payload.kind,
        text=payload.text,
    )
    return Status(201, _one_proposal(request, proposal))


def _proposal(slug: str, proposal_id: int) -> Any:
    proposal = get_negotiation(slug).proposals.filter(pk=proposal_id).first()
    if proposal is None:
        raise NotFound(_("There is no such proposal."))
    return proposal


@router.post("/{slug}/proposals/{proposal_id}/cosponsor", response=ProposalOut, auth=WRITE_AUTH)
def cosponsor_proposal(request: HttpRequest, slug: str, proposal_id: int):
    proposal = _proposal(slug, proposal_id)
    working.cosponsor(proposal, by=request_actor(request), delegation=_delegation_of(request))
    return _one_proposal(request, proposal)


@router.delete(
    "/{slug}/proposals/{proposal_id}/cosponsors/{code}", response=ProposalOut, auth=WRITE_AUTH
)
def withdraw_cosponsorship(request: HttpRequest, slug: str, proposal_id: int, code: str):
    """A co-sponsoring delegation (named by its code, as in `cosponsors`) leaves the proposal;
    only its own people may take it off."""
    proposal = _proposal(slug, proposal_id)
    delegation = _delegation_of(request)
    if code.casefold() != delegation.code.casefold():
        raise NotAllowed(
            _("You act for %(own)s; only %(code)s itself withdraws its co-sponsorship.")
            % {"own": delegation.code, "code": code}
        )
    working.withdraw_cosponsorship(proposal, by=request_actor(request), delegation=delegation)
    return _one_proposal(request, proposal)


@router.patch("/{slug}/proposals/{proposal_id}", response=ProposalOut, auth=WRITE_AUTH)
def edit_proposal(request: HttpRequest, slug: str, proposal_id: int, payload: ProposalEditIn):
    proposal = working.edit_proposal(
        _proposal(slug, proposal_id),
        by=request_actor(request),
        text=payload.text,
        expected_version=payload.lock_version,
    )
    return _one_proposal(request, proposal)


@router.post("/{slug}/proposals/{proposal_id}/withdraw", response=ProposalOut, auth=WRITE_AUTH)
def withdraw_proposal(request: HttpRequest, slug: str, proposal_id: int):
    proposal = working.withdraw(_proposal(slug, proposal_id), by=request_actor(request))
    return _one_proposal(request, proposal)


@router.post("/{slug}/proposals/{proposal_id}/accept", response=TextChangeOut, auth=WRITE_AUTH)
def accept_proposal(request: HttpRequest, slug: str, proposal_id: int, payload: ReasonIn):
    """The chair takes a proposal into the working text, attributed to its sponsors."""
    return drafting.accept_proposal(
        _proposal(slug, proposal_id), by=request_actor(request), reason=payload.reason
    )


@router.post("/{slug}/paragraphs/status", response=StatusOut, auth=WRITE_AUTH)
def set_paragraph_status(request: HttpRequest, slug: str, payload: ParagraphStatusIn):
    """The chair sets a paragraph's status; "agreed ad referendum" is refused (409) while the
    paragraph holds brackets, open proposals or standing objections, and the answer names
    them."""
    negotiation = get_negotiation(slug)
    provision = _provision(request, negotiation, payload, (PARAGRAPH,))
    actor = request_actor(request)
    state = working.set_status(
        negotiation,
        provision,
        by=actor,
        status=payload.status,
        expected_version=payload.lock_version,
    )
    eid = provisions.describe(negotiation, actor, [provision.pk])[provision.pk].eid
    return {
        "provision_id": state.provision_id,
        "eid": eid,
        "status": state.status,
        "lock_version": state.lock_version,
    }


def _package_out(negotiation: Any, viewer: Any, package: Any) -> dict[str, Any]:
    ids = sorted(package.provisions.values_list("pk", flat=True))
    described = provisions.describe(negotiation, viewer, ids)
    return {
        "id": package.pk,
        "title": package.title,
        "description": package.description,
        "provisions": ids,
        "eids": [described[p].eid for p in ids if p in described],
        "status": package.status,
        "lock_version": package.lock_version,
    }


@router.get("/{slug}/packages", response=list[PackageOut])
def list_packages(request: HttpRequest, slug: str):
    viewer = _table(request)
    negotiation = get_negotiation(slug)
    return [_package_out(negotiation, viewer, p) for p in negotiation.packages.all()]


@router.post("/{slug}/packages", response={201: PackageOut}, auth=WRITE_AUTH)
def make_package(request: HttpRequest, slug: str, payload: PackageIn):
    negotiation = get_negotiation(slug)
    actor = request_actor(request)
    package = packages.propose_package(
        negotiation,
        by=actor,
        title=payload.title,
        provisions=provisions.resolve_many(
            negotiation, actor, provisions=payload.provisions, eids=payload.eids
        ),
        description=payload.description,
    )
    return Status(201, _package_out(negotiation, actor, package))


def _package(slug: str, package_id: int) -> Any:
    package = get_negotiation(slug).packages.filter(pk=package_id).first()
    if package is None:
        raise NotFound(_("There is no such package."))
    return package


@router.post("/{slug}/packages/{package_id}/decision", response=PackageOut, auth=WRITE_AUTH)
def decide_package(request: HttpRequest, slug: str, package_id: int, payload: PackageDecisionIn):
    """Accept a package (all its paragraphs agreed ad referendum at once, refused with 409
    while any of them holds brackets, open proposals or standing objections) or reject it."""
    actor = request_actor(request)
    package = packages.decide_package(
        _package(slug, package_id),
        by=actor,
        accept=payload.accept,
        expected_version=payload.lock_version,
    )
    return _package_out(package.negotiation, actor, package)


@router.post("/{slug}/packages/{package_id}/vote", response=PackageOut, auth=WRITE_AUTH)
def vote_on_package(request: HttpRequest, slug: str, package_id: int, payload: PackageVoteIn):
    """The chair puts a package to a recorded vote: accepted if the vote carries under the
    negotiation's rule, rejected if not; the roll call is kept under the decision's symbol."""
    package = _package(slug, package_id)
    actor = request_actor(request)
    packages.put_package_to_vote(
        package,
        by=actor,
        symbol=payload.symbol,
        date=payload.date,
        votes=_roll_call(package.negotiation, payload.votes),
        expected_version=payload.lock_version,
    )
    # The decision was recorded on this very instance (audited_change reloads and saves it).
    return _package_out(package.negotiation, actor, package)


def _roll_call(negotiation: Any, votes: list[VoteIn]) -> dict[Any, str]:
    """Each vote under its delegation; codes that are not this negotiation's are refused."""
    delegations = {d.iso2: d for d in negotiation.delegations.exclude(iso2=None)}
    unknown = [v.iso2 for v in votes if v.iso2.upper() not in delegations]
    if unknown:
        raise InvalidInput(
            _("Not delegations of this negotiation: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    return {delegations[v.iso2.upper()]: v.vote for v in votes}


@router.post("/{slug}/adoption", response={201: VersionOut}, auth=WRITE_AUTH)
def adopt_text(request: HttpRequest, slug: str, payload: AdoptionIn):
    """Adopt the whole text in one decision (refused with 409 while anything is open: see
    `…/adoption/blockers`); a recorded vote that does not carry is kept on record and answered
    with 409, the text not adopted."""
    negotiation = get_negotiation(slug)
    votes = _roll_call(negotiation, payload.votes) if payload.votes else None
    adoption = packages.adopt_text(
        negotiation,
        by=request_actor(request),
        symbol=payload.symbol,
        date=payload.date,
        method=payload.method,
        votes=votes,
    )
    if adoption.final is None:
        # The vote is committed by now; only the answer says it did not carry.
        raise packages.refusal_of_failed_vote(negotiation, adoption, votes or {})
    return Status(201, adoption.final)


@router.get("/{slug}/adoption/blockers", response=list[BlockerOut])
def adoption_blockers(request: HttpRequest, slug: str, method: str = "consensus"):
    """Everything that stands in the way of adopting the working text, provision by provision."""
    _table(request)
    outline, found = packages.adoption_blockers(get_negotiation(slug), method[:20])
    return [
        {
            "provision": b.provision,
            "label": outline.label(b.provision),
            "kind": b.kind,
            "count": b.count,
            "by": b.by,
        }
        for b in found
    ]


# --- the chair's drafting loop ------------------------------------------------------------------


@router.get("/{slug}/draft/changes", response=list[TextChangeOut])
def draft_changes(request: HttpRequest, slug: str, issued: bool = False):
    """The chair's changes to the working text not yet in a version (`?issued=true`: all)."""
    _table(request)
    negotiation = get_negotiation(slug)
    if issued:
        return negotiation.text_changes.select_related("made_by")
    return drafting.unissued_changes(negotiation)


@router.post("/{slug}/draft/choose", response=TextChangeOut, auth=WRITE_AUTH)
def choose_alternative(request: HttpRequest, slug: str, payload: ChooseAlternativeIn):
    """Settle a bracket by keeping one of its alternatives (the chair)."""
    negotiation = get_negotiation(slug)
    return drafting.choose_alternative(
        negotiation,
        _provision(request, negotiation, payload, (PARAGRAPH,)),
        by=request_actor(request),
        bracket=payload.bracket,
        alternative=payload.alternative,
        reason=payload.reason,
    )


@router.post("/{slug}/draft/merge", response=TextChangeOut, auth=WRITE_AUTH)
def merge_alternatives(request: HttpRequest, slug: str, payload: MergeAlternativesIn):
    """Settle a bracket with one wording that merges its alternatives (the chair)."""
    negotiation = get_negotiation(slug)
    return drafting.merge_alternatives(
        negotiation,
        _provision(request, negotiation, payload, (PARAGRAPH,)),
        by=request_actor(request),
        bracket=payload.bracket,
        wording=payload.wording,
        reason=payload.reason,
    )


@router.post("/{slug}/draft/edit", response=TextChangeOut, auth=WRITE_AUTH)
def edit_wording(request: HttpRequest, slug: str, payload: EditWordingIn):
    """Reword a paragraph, with the reason (the chair); 409 if it changed since `seen`."""
    negotiation = get_negotiation(slug)
    return drafting.edit_wording(
        negotiation,
        _provision(request, negotiation, payload, (PARAGRAPH,)),
        by=request_actor(request),
        text=payload.text,
        reason=payload.reason,
        seen=payload.seen,
    )


def _by_id(request: HttpRequest, negotiation: Any, provision: int | None, kind: str) -> Any:
    if provision is None:
        return None
    return provisions.resolve(
        negotiation, request_actor(request), provision=provision, kinds=(kind,)
    )


@router.post("/{slug}/draft/paragraphs", response={201: TextChangeOut}, auth=WRITE_AUTH)
def insert_paragraph(request: HttpRequest, slug: str, payload: InsertParagraphIn):
    """Insert a paragraph beside another, or at the end of an article (the chair)."""
    negotiation = get_negotiation(slug)
    change = drafting.insert_paragraph(
        negotiation,
        by=request_actor(request),
        text=payload.text,
        reason=payload.reason,
        beside=_by_id(request, negotiation, payload.beside, PARAGRAPH),
        before=payload.before,
        article=_by_id(request, negotiation, payload.article, ARTICLE),
    )
    return Status(201, change)


@router.post("/{slug}/draft/articles", response={201: TextChangeOut}, auth=WRITE_AUTH)
def insert_article(request: HttpRequest, slug: str, payload: InsertArticleIn):
    """Insert an article in a chapter ("22 bis" after 22; the chair)."""
    negotiation = get_negotiation(slug)
    change = drafting.insert_article(
        negotiation,
        by=request_actor(request),
        chapter=_by_id(request, negotiation, payload.chapter, CHAPTER),
        after=_by_id(request, negotiation, payload.after, ARTICLE),
        title=payload.title,
        text=payload.text,
        reason=payload.reason,
    )
    return Status(201, change)


@router.post("/{slug}/draft/delete", response=TextChangeOut, auth=WRITE_AUTH)
def delete_provision(request: HttpRequest, slug: str, payload: DeleteIn):
    """Take a paragraph, an article or an empty chapter out of the working text (the chair);
    open proposals on it are closed."""
    negotiation = get_negotiation(slug)
    return drafting.delete_provision(
        negotiation,
        _provision(request, negotiation, payload, (PARAGRAPH, ARTICLE, CHAPTER)),
        by=request_actor(request),
        reason=payload.reason,
    )


@router.post("/{slug}/draft/move", response=TextChangeOut, auth=WRITE_AUTH)
def move_provision(request: HttpRequest, slug: str, payload: MoveIn):
    """Move an article to a chapter (after another article), or a paragraph up or down."""
    negotiation = get_negotiation(slug)
    provision = _provision(request, negotiation, payload, (PARAGRAPH, ARTICLE))
    actor = request_actor(request)
    if provision.kind == ARTICLE:
        if payload.chapter is None:
            raise InvalidInput(_("Say which chapter the article goes to."))
        return drafting.move_article(
            negotiation,
            provision,
            by=actor,
            chapter=_by_id(request, negotiation, payload.chapter, CHAPTER),
            after=_by_id(request, negotiation, payload.after, ARTICLE),
            reason=payload.reason,
        )
    if payload.up is None:
        raise InvalidInput(_("Say whether the paragraph moves up or down."))
    return drafting.move_paragraph(
        negotiation, provision, by=actor, up=payload.up, reason=payload.reason
    )


@router.post("/{slug}/draft/renumber", response=TextChangeOut, auth=WRITE_AUTH)
def renumber_articles(request: HttpRequest, slug: str, payload: ReasonIn):
    """Number the articles 1, 2, ... in reading order (the chair)."""
    return drafting.renumber_articles(
        get_negotiation(slug), by=request_actor(request), reason=payload.reason
    )


@router.post("/{slug}/draft/issue", response={201: VersionOut}, auth=WRITE_AUTH)
def issue_version(request: HttpRequest, slug: str, payload: IssueVersionIn):
    """Make the working text the next informal version in one step ("Rev.2"); publish it with
    the version's publish action."""
    version = drafting.issue_version(
        get_negotiation(slug),
        by=request_actor(request),
        label=payload.label,
        date=payload.date,
        renumber=payload.renumber,
    )
    return Status(201, version)


@router.get("/{slug}/search", response=SearchOut)
def search(
    request: HttpRequest,
    slug: str,
    q: str = "",
    version: str = Query("", description="current (the default), all, or a version's id"),
    chapter: str = Query("", description="a chapter's provision id, in the version searched"),
    kind: str = Query(
        "", description="text, proposals (the table only), statements, interventions, documents"
    ),
):
    """Search the text of the version chosen (the current one by default, or all the caller may
    see) and the records on it, ranked, with the matches highlighted."""
    negotiation, viewer = get_negotiation(slug), reader(request)
    asked = {"q": q, "version": "" if version == "current" else version}
    form = SearchForm(
        asked | {"chapter": chapter, "kind": kind}, negotiation=negotiation, viewer=viewer
    )
    if not form.is_valid():
        field = next(iter(form.errors), None)
        raise InvalidInput(form.first_error(), field=field)
    return search_text(negotiation, viewer, form.cleaned_data["q"], form.scope())


@router.get("/{slug}/versions/{version_id}/akn", response={200: None})
def version_akn(request: HttpRequest, slug: str, version_id: int):
    """The version in Akoma Ntoso 3.0 XML (validates against the OASIS schema)."""
    return akn_response(get_visible_version(reader(request), get_negotiation(slug), version_id))


@router.get("/{slug}/versions/{version_id}/docx", response={200: None})
def version_docx(request: HttpRequest, slug: str, version_id: int):
    """The version as a Word document."""
    return docx_response(get_visible_version(reader(request), get_negotiation(slug), version_id))


@router.get("/{slug}/compare", response=list[ChangeOut])
def compare(request: HttpRequest, slug: str):
    """The changed paragraphs from one version to another (`?from=ID&to=ID`), word by word."""
    _old, _new, changes = compare_versions(
        reader(request), get_negotiation(slug), request.GET.get("from"), request.GET.get("to")
    )
    return changes


@router.get("/{slug}/versions/{version_id}/pdf", response={200: None})
def version_pdf(request: HttpRequest, slug: str, version_id: int):
    """The version as a PDF with embedded fonts."""
    return pdf_response(get_visible_version(reader(request), get_negotiation(slug), version_id))
