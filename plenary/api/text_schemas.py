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


class ParagraphOut(Schema):
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
    eid: str
    number: str
    title: str
    paragraphs: list[ParagraphOut]


class ChapterOut(Schema):
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
        return obj.delegation.iso2  # type: ignore[no-any-return]


class SubmissionIn(Schema):
    chapter: str = Field(..., min_length=1, max_length=200)
    text: str = Field(..., min_length=1, max_length=200_000)


class ConsolidateIn(Schema):
    chapter: str = Field(..., min_length=1, max_length=200)
    label: str = Field(..., min_length=1, max_length=200)
    date: datetime.date


class ProposalIn(Schema):
    eid: str = Field(..., min_length=1, max_length=200)
    kind: str = Field(..., max_length=20)
    text: str = Field("", max_length=5000)


class ProposalOut(Schema):
    id: int
    eid: str
    kind: str
    text: str
    status: str
    delegation: str
    cosponsors: list[str]
    lock_version: int

    @staticmethod
    def resolve_delegation(obj: Any) -> str:
        return str(obj.delegation.code)

    @staticmethod
    def resolve_cosponsors(obj: Any) -> list[str]:
        return [d.code for d in obj.cosponsors.all()]


class ProposalEditIn(Schema):
    text: str = Field(..., max_length=5000)
    lock_version: int = Field(..., description="The version you edited; a newer one gives 409.")


class ParagraphStatusIn(Schema):
    eid: str = Field(..., min_length=1, max_length=200)
    status: str = Field(..., max_length=20)
    lock_version: int | None = None


class StatusOut(Schema):
    eid: str
    status: str
    lock_version: int


class PackageIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    eids: list[str] = Field(..., min_length=2, max_length=500)
    description: str = Field("", max_length=5000)


class PackageOut(Schema):
    id: int
    title: str
    description: str
    eids: list[str]
    status: str
    lock_version: int


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


class ParagraphHit(Schema):
    version: int = Field(..., alias="version_id")
    version_label: str
    eid: str
    article: str
    number: str
    text: str

    @staticmethod
    def resolve_version_label(obj: Any) -> str:
        return str(obj.version.label)


class ProposalHit(Schema):
    id: int
    eid: str
    kind: str
    text: str


class SearchOut(Schema):
    paragraphs: list[ParagraphHit]
    proposals: list[ProposalHit]


class RunOut(Schema):
    op: str = Field(..., description="equal, insert or delete")
    text: str


class ChangeOut(Schema):
    article_title: str
    old_number: str | None
    new_number: str | None
    eid_old: str | None
    eid_new: str | None
    change: str = Field(..., description="changed, inserted, deleted or moved")
    moved: bool
    runs: list[RunOut]

    @staticmethod
    def resolve_moved(obj: Any) -> bool:
        return obj.move is not None
