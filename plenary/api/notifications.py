"""Following targets and reading one's notifications through the API."""

import datetime
from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from plenary.api.auth import WRITE_AUTH
from plenary.notifications import services
from plenary.notifications.models import Follow
from plenary.notifications.targets import name_follows
from plenary.process.actors import Actor, request_actor
from plenary.process.permissions import require_person
from plenary.process.visibility import get_negotiation

router = Router(tags=["notifications"])


class FollowIn(Schema):
    kind: str = Field(
        ..., max_length=20, description="paragraph, article, chapter, session or red_line"
    )
    key: str = Field(
        ...,
        min_length=1,
        max_length=200,
        description="a paragraph's, article's or chapter's provision id or its eId in the text "
        "you see; a session's or a red line's id",
    )


class FollowOut(Schema):
    kind: str
    key: str = Field(
        ..., description="the provision's id (paragraph, article, chapter), session's or red line's"
    )
    provision: int | None = Field(..., description="the provision followed, whatever its number")
    eid: str = Field(..., description="its eId in the latest text you may see, or ''")
    label: str = Field(..., description="what is followed, as you read it now")
    created_at: datetime.datetime


def _follows_out(actor: Actor, follows: list[Follow]) -> list[dict]:
    named = name_follows(actor, follows)
    return [
        {
            "kind": f.kind,
            "key": f.key,
            "provision": f.provision_id,
            "eid": named[f.pk].eid,
            "label": named[f.pk].label,
            "created_at": f.created_at,
        }
        for f in follows
    ]


class NotificationOut(Schema):
    id: int
    negotiation: str | None
    kind: str
    key: str
    subject: str
    body: str
    url: str
    language: str = Field(..., description="the language the subject and body are written in")
    created_at: datetime.datetime
    read_at: datetime.datetime | None

    @staticmethod
    def resolve_negotiation(obj) -> str | None:
        return obj.negotiation.slug if obj.negotiation else None


class ReadIn(Schema):
    ids: list[Annotated[int, Field(ge=1, le=2**63 - 1)]] | None = Field(
        None, max_length=1000, description="all unread when omitted"
    )


class ReadOut(Schema):
    marked: int
    unread: int


class InboxLanguage(Schema):
    language: str = Field(
        ..., max_length=10, description="ar, zh-hans, en, fr, ru or es: how you are written to"
    )


@router.get("/inbox", response=list[NotificationOut], auth=WRITE_AUTH)
def inbox(request: HttpRequest, limit: int = 200):
    return services.inbox(request_actor(request), limit=max(1, min(limit, 1000)))


@router.post("/inbox/read", response=ReadOut, auth=WRITE_AUTH)
def mark_read(request: HttpRequest, payload: ReadIn):
    actor = request_actor(request)
    marked = services.mark_read(actor, payload.ids)
    return {"marked": marked, "unread": services.unread_count(actor)}


@router.get("/inbox/language", response=InboxLanguage, auth=WRITE_AUTH)
def inbox_language(request: HttpRequest):
    """The language your notifications (inbox and email) are written in."""
    return {"language": services.language_of(require_person(request_actor(request)))}


@router.put("/inbox/language", response=InboxLanguage, auth=WRITE_AUTH)
def set_inbox_language(request: HttpRequest, payload: InboxLanguage):
    """Choose the language of your notifications, from the next one on."""
    return {"language": services.set_language(request_actor(request), payload.language).language}


@router.get("/negotiations/{slug}/follows", response=list[FollowOut], auth=WRITE_AUTH)
def list_follows(request: HttpRequest, slug: str):
    actor = request_actor(request)
    person = require_person(actor)
    follows = Follow.objects.filter(user=person, negotiation=get_negotiation(slug))
    return _follows_out(actor, list(follows.select_related("negotiation")))


@router.post("/negotiations/{slug}/follows", response={201: FollowOut}, auth=WRITE_AUTH)
def make_follow(request: HttpRequest, slug: str, payload: FollowIn):
    actor = request_actor(request)
    followed = services.follow(actor, get_negotiation(slug), payload.kind, payload.key)
    return Status(201, _follows_out(actor, [followed])[0])


@router.delete("/negotiations/{slug}/follows/{kind}/{key}", response={204: None}, auth=WRITE_AUTH)
def stop_following(request: HttpRequest, slug: str, kind: str, key: str):
    services.unfollow(request_actor(request), get_negotiation(slug), kind, key)
    return Status(204, None)
