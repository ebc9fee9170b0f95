"""The negotiating text through the API: versions and their structured text."""

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from plenary.api.auth import reader
from plenary.api.schemas import SourceOut
from plenary.process.visibility import get_negotiation, get_visible_version, visible_versions

router = Router(tags=["text"])


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
    content = version.content
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
