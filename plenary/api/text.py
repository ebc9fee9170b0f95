"""The negotiating text through the API: versions, their structured text, and submissions."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from plenary.api.auth import WRITE_AUTH, reader
from plenary.api.text_schemas import (
    AdoptionIn,
    ChangeOut,
    ConsolidateIn,
    PackageDecisionIn,
    PackageIn,
    PackageOut,
    PackageVoteIn,
    ParagraphStatusIn,
    ProposalEditIn,
    ProposalIn,
    ProposalOut,
    SearchOut,
    StatusOut,
    SubmissionIn,
    SubmissionOut,
    VersionOut,
    VersionTextOut,
    VoteIn,
)
from plenary.errors import InvalidInput, NotAllowed, NotFound
from plenary.process.visibility import get_negotiation, get_visible_version, visible_versions
from plenary.text.comparing import compare_versions
from plenary.text.exports import akn_response, docx_response, pdf_response
from plenary.text.search import search_text
from plenary.text.services import packages, submissions, working

router = Router(tags=["text"])


def _paragraph(paragraph: dict[str, Any]) -> dict[str, Any]:
    return paragraph | {
        "alternatives": [s["alternatives"] for s in paragraph["segments"] if "alternatives" in s],
        "children": [_paragraph(child) for child in paragraph["children"]],
    }


@router.get("/{slug}/versions", response=list[VersionOut])
def list_versions(request: HttpRequest, slug: str):
    return visible_versions(reader(request), get_negotiation(slug))


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
    delegation = getattr(request.user, "delegation", None)
    if delegation is None:
        raise NotAllowed(_("Only a delegation submits text."))
    submission = submissions.submit_text(
        deadline, by=request.user, delegation=delegation, chapter=payload.chapter, text=payload.text
    )
    return Status(201, submission)


@router.post(
    "/{slug}/roadmap/{deadline_id}/consolidate", response={201: VersionOut}, auth=WRITE_AUTH
)
def consolidate(request: HttpRequest, slug: str, deadline_id: int, payload: ConsolidateIn):
    version = submissions.consolidate_submissions(
        _deadline(slug, deadline_id),
        by=request.user,
        chapter=payload.chapter,
        label=payload.label,
        date=payload.date,
    )
    return Status(201, version)


def _table(request: HttpRequest) -> Any:
    """The working text and its proposals are for delegations, the secretariat and the chair."""
    user = reader(request)
    if not getattr(user, "sees_closed_meetings", False):
        raise NotFound(_("There is no working text open to you."))
    return user


def _delegation_of(user: Any) -> Any:
    delegation = getattr(user, "delegation", None)
    if delegation is None:
        raise NotAllowed(_("Only a delegation makes or joins proposals."))
    return delegation


@router.get("/{slug}/draft", response=VersionTextOut)
def working_draft(request: HttpRequest, slug: str):
    _table(request)
    version, content = working.working_text(get_negotiation(slug))
    return _version_text(version, content)


@router.get("/{slug}/proposals", response=list[ProposalOut])
def list_proposals(request: HttpRequest, slug: str):
    _table(request)
    return (
        get_negotiation(slug).proposals.select_related("delegation").prefetch_related("cosponsors")
    )


@router.post("/{slug}/proposals", response={201: ProposalOut}, auth=WRITE_AUTH)
def make_proposal(request: HttpRequest, slug: str, payload: ProposalIn):
    proposal = working.propose(
        get_negotiation(slug),
        by=request.user,
        delegation=_delegation_of(request.user),
        eid=payload.eid,
        kind=payload.kind,
        text=payload.text,
    )
    return Status(201, proposal)


def _proposal(slug: str, proposal_id: int) -> Any:
    proposal = get_negotiation(slug).proposals.filter(pk=proposal_id).first()
    if proposal is None:
        raise NotFound(_("There is no such proposal."))
    return proposal


@router.post("/{slug}/proposals/{proposal_id}/cosponsor", response=ProposalOut, auth=WRITE_AUTH)
def cosponsor_proposal(request: HttpRequest, slug: str, proposal_id: int):
    proposal = _proposal(slug, proposal_id)
    return working.cosponsor(proposal, by=request.user, delegation=_delegation_of(request.user))


@router.patch("/{slug}/proposals/{proposal_id}", response=ProposalOut, auth=WRITE_AUTH)
def edit_proposal(request: HttpRequest, slug: str, proposal_id: int, payload: ProposalEditIn):
    return working.edit_proposal(
        _proposal(slug, proposal_id),
        by=request.user,
        text=payload.text,
        expected_version=payload.lock_version,
    )


@router.post("/{slug}/proposals/{proposal_id}/withdraw", response=ProposalOut, auth=WRITE_AUTH)
def withdraw_proposal(request: HttpRequest, slug: str, proposal_id: int):
    return working.withdraw(_proposal(slug, proposal_id), by=request.user)


@router.post("/{slug}/paragraphs/status", response=StatusOut, auth=WRITE_AUTH)
def set_paragraph_status(request: HttpRequest, slug: str, payload: ParagraphStatusIn):
    return working.set_status(
        get_negotiation(slug),
        payload.eid,
        by=request.user,
        status=payload.status,
        expected_version=payload.lock_version,
    )


@router.get("/{slug}/packages", response=list[PackageOut])
def list_packages(request: HttpRequest, slug: str):
    _table(request)
    return get_negotiation(slug).packages.all()


@router.post("/{slug}/packages", response={201: PackageOut}, auth=WRITE_AUTH)
def make_package(request: HttpRequest, slug: str, payload: PackageIn):
    package = packages.propose_package(
        get_negotiation(slug),
        by=request.user,
        title=payload.title,
        eids=payload.eids,
        description=payload.description,
    )
    return Status(201, package)


def _package(slug: str, package_id: int) -> Any:
    package = get_negotiation(slug).packages.filter(pk=package_id).first()
    if package is None:
        raise NotFound(_("There is no such package."))
    return package


@router.post("/{slug}/packages/{package_id}/decision", response=PackageOut, auth=WRITE_AUTH)
def decide_package(request: HttpRequest, slug: str, package_id: int, payload: PackageDecisionIn):
    return packages.decide_package(
        _package(slug, package_id),
        by=request.user,
        accept=payload.accept,
        expected_version=payload.lock_version,
    )


@router.post("/{slug}/packages/{package_id}/vote", response=PackageOut, auth=WRITE_AUTH)
def vote_on_package(request: HttpRequest, slug: str, package_id: int, payload: PackageVoteIn):
    """The chair puts a package to a recorded vote: accepted if the vote carries under the
    negotiation's rule, rejected if not; the roll call is kept under the decision's symbol."""
    package = _package(slug, package_id)
    packages.put_package_to_vote(
        package,
        by=request.user,
        symbol=payload.symbol,
        date=payload.date,
        votes=_roll_call(package.negotiation, payload.votes),
        expected_version=payload.lock_version,
    )
    # The decision was recorded on this very instance (audited_change reloads and saves it).
    return package


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
    negotiation = get_negotiation(slug)
    final = packages.adopt_text(
        negotiation,
        by=request.user,
        symbol=payload.symbol,
        date=payload.date,
        method=payload.method,
        votes=_roll_call(negotiation, payload.votes) if payload.votes else None,
    )
    return Status(201, final)


@router.get("/{slug}/search", response=SearchOut)
def search(request: HttpRequest, slug: str, q: str = ""):
    """Full-text search of the versions the caller may see (PostgreSQL ranks the results)."""
    return search_text(get_negotiation(slug), reader(request), q)


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
