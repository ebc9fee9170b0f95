"""Schemas of the text API: versions and their text, submissions, proposals, statuses,
packages, adoption and search hits, each with its own name in the OpenAPI schema."""

import datetime
from typing import Any

from ninja import Field, Schema

from plenary.api.schemas import SourceOut


class VersionOut(Schema):
    id: int
    label: str
    date: datetime.date
    position: int
    published: bool
    illustrative: bool
    sources: list[SourceOut]


class SegmentOut(Schema):
    text: str | None = None
    alternatives: list[str] | None = Field(
        None, description="Bracketed text: one optional wording, or competing wordings."
    )
    sponsors: list[list[str]] | None = Field(
        None, description="Who proposed each alternative, where the text records it."
    )


class ProvisionIn(Schema):
    """Which provision: its stable id, or its eId in the latest text you may see."""

    provision: int | None = Field(
        None, description="the provision's stable id (the `provision` of the text's parts)"
    )
    eid: str = Field("", max_length=200, description="or its eId in the latest text you may see")


class ParagraphOut(Schema):
    provision: int = Field(..., description="its identity, stable across versions")
    eid: str
    number: str
    text: str
    status: str
    alternatives: list[list[str]] = Field(..., description="Each open bracket's alternatives.")
    attribution: list[str]
    segments: list[SegmentOut]
    footnotes: list[str]
    children: list["ParagraphOut"]


class ArticleOut(Schema):
    provision: int = Field(..., description="its identity, stable across versions")
    eid: str
    number: str
    title: str
    paragraphs: list[ParagraphOut]


class ChapterOut(Schema):
    provision: int = Field(..., description="its identity, stable across versions")
    eid: str
    number: str
    title: str
    articles: list[ArticleOut]


class VersionTextOut(VersionOut):
    preamble: list[ParagraphOut]
    chapters: list[ChapterOut]
    footnotes: dict[str, str]


class SubmissionOut(Schema):
    id: int
    deadline: int = Field(..., alias="deadline_id")
    chapter: str
    delegation: str
    iso2: str | None
    submitted_at: datetime.datetime
    late: bool
    text: str

    @staticmethod
    def resolve_delegation(obj: Any) -> str:
        return str(obj.delegation.name)

    @staticmethod
    def resolve_iso2(obj: Any) -> str | None:
        return obj.delegation.iso2


class SubmissionIn(Schema):
    chapter: str = Field(..., min_length=1, max_length=200)
    text: str = Field(..., min_length=1, max_length=200_000)


class ArticleMatchIn(Schema):
    title: str = Field(..., min_length=1, max_length=300, description="a consolidated article")
    provision: int | None = Field(
        ..., description="the article of the text it takes the place of; null: a new article"
    )


class ConsolidateIn(Schema):
    chapter: str = Field(..., min_length=1, max_length=200)
    label: str = Field(..., min_length=1, max_length=200)
    date: datetime.date
    matches: list[ArticleMatchIn] = Field(
        default_factory=list,
        max_length=500,
        description="where an article should not take the place of the one of its title",
    )


class ArticlePlanOut(Schema):
    title: str
    paragraphs: int
    sponsors: list[str]
    match: int | None = Field(..., description="the article it would take the place of")


class ProposalIn(ProvisionIn):
    kind: str = Field(..., max_length=20)
    text: str = Field("", max_length=5000)


class ProposalOut(Schema):
    id: int
    provision: int = Field(..., alias="provision_id")
    eid: str = Field(..., description="the paragraph's eId in the working text (or its last)")
    label: str = Field(..., description='e.g. "Art. 7(2) — Illegal access"')
    made_on: str = Field(..., description='"made on Art. 22(1) of …" when renumbered since')
    kind: str
    text: str
    status: str
    closed_because: str
    delegation: str
    cosponsors: list[str]
    lock_version: int


class ProposalEditIn(Schema):
    text: str = Field(..., max_length=5000)
    lock_version: int = Field(..., description="The version you edited; a newer one gives 409.")


class ParagraphStatusIn(ProvisionIn):
    status: str = Field(..., max_length=20)
    lock_version: int | None = None


class StatusOut(Schema):
    provision: int = Field(..., alias="provision_id")
    eid: str
    status: str
    lock_version: int


class PackageIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    provisions: list[int] = Field(default_factory=list, max_length=500)
    eids: list[str] = Field(
        default_factory=list, max_length=500, description="or the paragraphs' eIds"
    )
    description: str = Field("", max_length=5000)


class PackageOut(Schema):
    id: int
    title: str
    description: str
    provisions: list[int]
    eids: list[str]
    status: str
    lock_version: int


class ReasonIn(Schema):
    reason: str = Field("", max_length=2000, description="kept with the change")


class ChooseAlternativeIn(ProvisionIn, ReasonIn):
    bracket: int = Field(..., ge=0, le=1000, description="which bracket of the paragraph, from 0")
    alternative: int = Field(..., ge=0, le=1000, description="which of its alternatives, from 0")


class MergeAlternativesIn(ProvisionIn, ReasonIn):
    bracket: int = Field(..., ge=0, le=1000)
    wording: str = Field(..., min_length=1, max_length=5000)


class EditWordingIn(ProvisionIn, ReasonIn):
    text: str = Field(..., min_length=1, max_length=5000)
    seen: str | None = Field(
        None, max_length=5000, description="the wording you edited; a newer one gives 409"
    )


class InsertParagraphIn(ReasonIn):
    beside: int | None = Field(None, description="a paragraph to insert beside")
    before: bool = False
    article: int | None = Field(None, description="or an article to add the paragraph to")
    text: str = Field(..., min_length=1, max_length=5000)


class InsertArticleIn(ReasonIn):
    chapter: int
    after: int | None = Field(None, description="the article it follows; null: first")
    title: str = Field(..., min_length=1, max_length=300)
    text: str = Field("", max_length=5000)


class DeleteIn(ProvisionIn, ReasonIn):
    pass


class MoveIn(ProvisionIn, ReasonIn):
    chapter: int | None = Field(None, description="for an article: the chapter it goes to")
    after: int | None = Field(None, description="for an article: the article it follows")
    up: bool | None = Field(None, description="for a paragraph: one place up, or down")


class IssueVersionIn(Schema):
    label: str = Field(..., min_length=1, max_length=200, description='e.g. "Rev.2"')
    date: datetime.date
    renumber: bool = Field(False, description="number the articles 1, 2, ... first")


class TextChangeOut(Schema):
    id: int
    kind: str
    provision: int | None = Field(..., alias="provision_id")
    proposal: int | None = Field(..., alias="proposal_id")
    before: dict[str, Any]
    after: dict[str, Any]
    reason: str
    made_by: str | None
    made_at: datetime.datetime
    issued_in: int | None = Field(..., alias="issued_in_id")

    @staticmethod
    def resolve_made_by(obj: Any) -> str | None:
        return obj.made_by.get_username() if obj.made_by_id else None


class BlockerOut(Schema):
    provision: int
    label: str
    kind: str = Field(..., description="brackets, proposals or objections")
    count: int
    by: list[str]


class PackageDecisionIn(Schema):
    accept: bool
    lock_version: int | None = None


class VoteIn(Schema):
    iso2: str = Field(..., min_length=2, max_length=2)
    vote: str = Field(..., max_length=10)


class PackageVoteIn(Schema):
    symbol: str = Field(..., min_length=1, max_length=60, description="the decision's symbol")
    date: datetime.date
    votes: list[VoteIn] = Field(..., min_length=1, max_length=250)
    lock_version: int | None = None


class AdoptionIn(Schema):
    symbol: str = Field(..., min_length=1, max_length=60)
    date: datetime.date
    method: str = Field("consensus", description="consensus or recorded_vote")
    votes: list[VoteIn] = Field(default_factory=list, max_length=250)


HIGHLIGHTED = "the wording, escaped, with the matches in <mark> (an excerpt of a long record)"


class ParagraphHit(Schema):
    version: int = Field(..., alias="version_id")
    version_label: str
    provision: int = Field(..., alias="provision_id")
    eid: str
    article: str
    number: str
    text: str
    label: str = Field(..., description='as readers cite it: "Art. 7(2) — Illegal access"')
    url: str = Field(..., description="the paragraph's page in that version")
    highlighted: str = Field(..., description=HIGHLIGHTED)
    rank: float

    @staticmethod
    def resolve_version_label(obj: Any) -> str:
        return str(obj.version.label)


class ProposalHit(Schema):
    id: int
    provision: int = Field(..., alias="provision_id")
    eid: str = Field(..., description="the paragraph's eId in the working text (or its last)")
    kind: str
    text: str
    label: str = Field(..., description="the paragraph it is on, as readers cite it")
    url: str
    delegation: str
    highlighted: str = Field(..., description=HIGHLIGHTED)
    rank: float

    @staticmethod
    def resolve_delegation(obj: Any) -> str:
        return str(obj.delegation)


class StatementHit(Schema):
    id: int
    coalition: str
    kind: str
    status: str
    title: str = Field(..., alias="label", description="in the reader's language where translated")
    title_highlighted: str = Field(..., alias="title_html")
    url: str
    provisions: list[str] = Field(..., alias="addresses", description='"Art. 7(2)", …')
    highlighted: str = Field(..., description=HIGHLIGHTED)
    rank: float

    @staticmethod
    def resolve_coalition(obj: Any) -> str:
        return str(obj.coalition.name)


class InterventionHit(Schema):
    id: int
    kind: str = Field(..., description="statement or contribution")
    by: str = Field(..., alias="author_label")
    session: int
    agenda_item: int = Field(..., alias="agenda_item_id")
    title: str = Field(..., alias="label", description="its title, or who made it")
    url: str
    provisions: list[str] = Field(..., alias="addresses", description='"Art. 7(2)", …')
    highlighted: str = Field(..., description=HIGHLIGHTED)
    rank: float

    @staticmethod
    def resolve_session(obj: Any) -> int:
        return int(obj.agenda_item.session_id)


class DocumentHit(Schema):
    id: int
    kind: str
    title: str = Field(..., alias="label")
    title_highlighted: str = Field(..., alias="title_html")
    authors: str
    date: datetime.date | None
    url: str
    highlighted: str = Field(..., description=HIGHLIGHTED)
    rank: float


class SearchOut(Schema):
    paragraphs: list[ParagraphHit]
    proposals: list[ProposalHit]
    statements: list[StatementHit]
    interventions: list[InterventionHit]
    documents: list[DocumentHit]
    query: str
    version: int | None = Field(..., description="the version searched; null: all versions")
    all_versions: bool
    chapter: int | None
    kinds: list[str]
    language: str = Field(..., description="the reader's language, searched where translated")
    languages: list[str] = Field(..., description="the languages searched")
    full_text: bool = Field(..., description="PostgreSQL's dictionaries, or words as typed")

    @staticmethod
    def resolve_version(obj: Any) -> int | None:
        return obj.version.pk if obj.version is not None else None

    @staticmethod
    def resolve_all_versions(obj: Any) -> bool:
        return bool(obj.scope.all_versions)


class RunOut(Schema):
    op: str = Field(..., description="equal, insert or delete")
    text: str


class ChangeOut(Schema):
    article_title: str
    old_number: str | None
    new_number: str | None
    eid_old: str | None
    eid_new: str | None
    provision: int | None = Field(..., description="the paragraph's identity")
    change: str = Field(..., description="changed, inserted, deleted or moved")
    moved: bool
    runs: list[RunOut]

    @staticmethod
    def resolve_moved(obj: Any) -> bool:
        return obj.move is not None

    @staticmethod
    def resolve_provision(obj: Any) -> int | None:
        key = obj.key or ""
        return int(key) if key.isdigit() else None
