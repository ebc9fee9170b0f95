"""Schemas of the advocacy API: coalitions and members, statements and signatures, red lines,
assessments and scorecards, each with its own name in the OpenAPI schema."""

import datetime
from typing import Any

from ninja import Field, Schema

from plenary.api.schemas import SourceOut


class MemberOut(Schema):
    id: int
    organization: str | None
    delegation: str | None
    role: str


class InvitationOut(Schema):
    """An invitation to join a coalition: the party becomes a member when one of its own people
    accepts it (status then "accepted")."""

    id: int
    organization: str | None
    delegation: str | None
    role: str
    status: str
    invited_at: datetime.datetime


class CoalitionOut(Schema):
    slug: str
    name: str
    description: str
    private: bool
    members: list[MemberOut] | None = Field(
        ..., description="null when the membership list is private to you"
    )
    illustrative: bool
    sources: list[SourceOut]


class CoalitionIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    slug: str = Field("", max_length=80)
    description: str = Field("", max_length=5000)
    private: bool = False


class MemberIn(Schema):
    organization: str | None = Field(None, max_length=80, description="the organization's slug")
    delegation: str | None = Field(None, max_length=2, description="the delegation's ISO code")
    role: str = Field("member", max_length=10)


class StatementOut(Schema):
    id: int
    coalition: str
    kind: str
    title: str
    status: str
    text: str
    wording_version: int
    provisions: list[int] = Field(..., description="the paragraphs addressed (stable ids)")
    eids: list[str] = Field(..., description="their eIds in the latest published version")
    sessions: list[int]
    signatory_count: int
    opened_at: datetime.datetime | None
    closed_at: datetime.datetime | None
    published_at: datetime.datetime | None
    lock_version: int
    illustrative: bool
    sources: list[SourceOut]
    translations: dict[str, dict[str, str]] = Field(
        ..., description='The title in other UN languages: {language: {"title": text}}'
    )


class StatementIn(Schema):
    kind: str = Field(..., max_length=20)
    title: str = Field(..., min_length=1, max_length=300)
    text: str = Field(..., min_length=1, max_length=20_000)
    provisions: list[int] = Field(
        default_factory=list, max_length=200, description="paragraphs addressed (stable ids)"
    )
    eids: list[str] = Field(
        default_factory=list, max_length=200, description="or their eIds in the text you see"
    )
    sessions: list[int] = Field(default_factory=list, max_length=50)


class WordingIn(Schema):
    text: str = Field(..., min_length=1, max_length=20_000)
    lock_version: int | None = Field(None, description="The version you edited; newer gives 409.")


class StatementStatusIn(Schema):
    action: str = Field(..., description="open, close or publish")


class SignatureOut(Schema):
    organization: str
    organization_name: str
    signed_at: datetime.datetime
    withdrawn_at: datetime.datetime | None
    illustrative: bool


class AssessmentOut(Schema):
    version: int
    version_label: str
    verdict: str
    reasoning: str
    quoted_wording: str
    assessed_at: datetime.datetime
    lock_version: int
    illustrative: bool


class FlagOut(Schema):
    version: int
    previous: int
    changes: list[dict[str, Any]]
    flagged_at: datetime.datetime


class RedLineOut(Schema):
    id: int
    coalition: str
    title: str
    criterion: str
    provisions: list[int] = Field(..., description="its paragraphs (stable ids)")
    eids: list[str] = Field(..., description="their eIds in the latest text you may see")
    needs_reassessment: bool
    assessments: list[AssessmentOut]
    flags: list[FlagOut]
    illustrative: bool
    sources: list[SourceOut]


class RedLineIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    criterion: str = Field(..., min_length=1, max_length=5000)
    provisions: list[int] = Field(
        default_factory=list, max_length=200, description="its paragraphs (stable ids)"
    )
    eids: list[str] = Field(
        default_factory=list, max_length=200, description="or their eIds in the text you see"
    )


class AssessmentIn(Schema):
    version: int
    verdict: str = Field(..., max_length=20, description="met, partly_met or not_met")
    reasoning: str = Field(..., min_length=1, max_length=5000)
    quoted_wording: str = Field("", max_length=5000)
    lock_version: int | None = Field(
        None,
        description="The assessment's version you re-assess (0: you saw none yet); "
        "newer gives 409.",
    )


class ScorecardRowOut(Schema):
    red_line: int
    title: str
    verdict: str | None
    needs_reassessment: bool
    trend: list[dict[str, Any]]


class ScorecardOut(Schema):
    version: int
    counts: dict[str, int]
    rows: list[ScorecardRowOut]


class RoleIn(Schema):
    role: str = Field(..., max_length=10, description="member or admin")


class TitleTranslationIn(Schema):
    title: str = Field(..., max_length=300, description="Empty removes the translation.")
