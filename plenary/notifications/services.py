"""Following targets, and telling followers in their own language what they may see.

The worker tells followers (plenary/notifications/handlers.py, one handler per kind of event)
with `notify(negotiation, kind, keys, message=...)`, in the transaction that handles the event:
each follower who may see the subject gets one notification, written in their language; the
worker then emails it (plenary/notifications/mail.py), checking again that they may see it.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plenary.audit.services import record
from plenary.errors import Conflict, InvalidInput, NotFound
from plenary.notifications.models import (
    Follow,
    Notification,
    NotificationPreference,
    TargetKind,
)
from plenary.notifications.targets import PROVISION_KINDS, check_target, stored_key
from plenary.process.actors import Actor, Viewer, actor_of
from plenary.process.models import Negotiation, User
from plenary.process.permissions import require_person
from plenary.translations import LANGUAGES, supported_language

INBOX_SIZE = 200
# What a notification says, rendered in the language active when it is called.
Message = Callable[[], tuple[str, str]]
# Targets whose visibility can change after they are followed: a session can be made closed,
# a member can leave a private coalition. Text targets are told of published versions and
# published statements only, which everyone may see.
GUARDED_KINDS = {TargetKind.SESSION, TargetKind.RED_LINE}


def language_of(person: User) -> str:
    """The language a person is written to in: their choice, else Plenary's default."""
    found = NotificationPreference.objects.filter(user_id=person.pk).values_list("language").first()
    return found[0] if found else str(settings.LANGUAGE_CODE)


def set_language(by: Actor, language: str) -> NotificationPreference:
    """A person chooses the language of their inbox and emails."""
    person = require_person(by)
    if language not in LANGUAGES:
        raise InvalidInput(
            _("Choose one of the languages: %(languages)s.") % {"languages": ", ".join(LANGUAGES)}
        )
    with transaction.atomic():
        preference, _created = NotificationPreference.objects.update_or_create(
            user=person, defaults={"language": language}
        )
        record("notifications.language_set", preference, by=person, after={"language": language})
    return preference


def follow(by: Actor, negotiation: Negotiation, kind: str, key: str) -> Follow:
    """Anyone signed in follows a paragraph, an article or a red line they may see."""
    person = require_person(by)
    if kind not in TargetKind.values:
        raise InvalidInput(
            _("You can follow: %(kinds)s.") % {"kinds": ", ".join(TargetKind.values)}
        )
    key = check_target(by, negotiation, kind, (key or "").strip())
    try:
        with transaction.atomic():
            followed = Follow.objects.create(
                user=person,
                negotiation=negotiation,
                kind=kind,
                key=key,
                provision_id=int(key) if kind in PROVISION_KINDS else None,
            )
            record("follow.started", followed, by=person, negotiation=negotiation)
            # Until they choose, people are written to in the language they follow things in.
            NotificationPreference.objects.get_or_create(
                user=person, defaults={"language": supported_language(translation.get_language())}
            )
    except IntegrityError:
        raise Conflict(_("You already follow this.")) from None
    return followed


def unfollow(by: Actor, negotiation: Negotiation, kind: str, key: str) -> None:
    """Stop following a target."""
    person = require_person(by)
    key = stored_key(by, negotiation, kind, (key or "").strip())
    with transaction.atomic():
        followed = Follow.objects.filter(
            user=person, negotiation=negotiation, kind=kind, key=key
        ).first()
        if followed is None:
            raise NotFound(_("You do not follow this."))
        record("follow.stopped", followed, by=person, negotiation=negotiation)
        followed.delete()


def is_following(reader: Viewer, negotiation: Negotiation, kind: str, key: str) -> bool:
    actor = actor_of(reader)
    if actor.user is None:
        return False
    key = stored_key(actor, negotiation, kind, key)
    return Follow.objects.filter(
        user=actor.user, negotiation=negotiation, kind=kind, key=key
    ).exists()


def followed(negotiation: Negotiation, kind: str, keys: Iterable[str]) -> set[str]:
    """Which of these targets anyone follows, in one query."""
    return set(
        Follow.objects.filter(negotiation=negotiation, kind=kind, key__in=list(keys))
        .values_list("key", flat=True)
        .distinct()
    )


def reader_may_see(person: User, negotiation: Negotiation, kind: str, key: str) -> bool:
    """Whether this person may see what a notification on this target is about, now."""
    if not person.is_active:
        return False
    if kind not in GUARDED_KINDS:
        return True
    try:
        check_target(person, negotiation, kind, key)
    except NotFound:
        return False
    return True


def _seeing(negotiation: Negotiation, kind: str, key: str, users: Iterable[User]) -> set[int]:
    """Those of these people who may see the target: checked once per kind of reader (role,
    delegation, organization), since that is all that visibility depends on."""
    verdicts: dict[tuple[Any, ...], bool] = {}
    seeing = set()
    for user in users:
        reader = (user.is_active, user.role, user.delegation_id, user.organization_id)
        if reader not in verdicts:
            verdicts[reader] = reader_may_see(user, negotiation, kind, key)
        if verdicts[reader]:
            seeing.add(user.pk)
    return seeing


def notify(
    negotiation: Negotiation,
    kind: str,
    keys: Iterable[str],
    *,
    message: Message,
    url: str = "",
    exclude: Iterable[int] = (),
) -> list[Notification]:
    """Store one notification per follower of these targets who may see them (each person
    once), in their own language; the worker emails them."""
    keys = list(keys)
    follows = (
        Follow.objects.filter(negotiation=negotiation, kind=kind, key__in=keys)
        .exclude(user_id__in=list(exclude))
        .select_related("user")
        .order_by("user_id", "key")
    )
    by_key: dict[str, list[User]] = {}
    for followed_target in follows:
        by_key.setdefault(followed_target.key, []).append(followed_target.user)
    # Each person once, under the first of the keys they follow and may see.
    told: dict[int, str] = {}
    for key in keys:
        for user_id in sorted(_seeing(negotiation, kind, key, by_key.get(key, []))):
            told.setdefault(user_id, key)
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=list(told)).values_list(
            "user_id", "language"
        )
    )
    written: dict[str, tuple[str, str]] = {}

    def in_language(language: str) -> tuple[str, str]:
        """Subject and body in one language, each rendered once however many read it."""
        if language not in written:
            with translation.override(language):
                written[language] = message()
        return written[language]

    rows = []
    for user_id, key in sorted(told.items()):
        language = chosen.get(user_id, settings.LANGUAGE_CODE)
        text_subject, text_body = in_language(language)
        rows.append(
            Notification(
                user_id=user_id,
                negotiation=negotiation,
                kind=kind,
                key=key,
                # One line: a mail header cannot hold a line break.
                subject=" ".join(text_subject.split())[:300],
                body=text_body,
                url=url[:500],
                language=language,
            )
        )
    return Notification.objects.bulk_create(rows)


def _hidden_targets(
    person: User, notifications: QuerySet[Notification]
) -> set[tuple[int, str, str]]:
    """The guarded targets among these notifications that this person may no longer see."""
    targets = set(
        notifications.filter(kind__in=GUARDED_KINDS, negotiation__isnull=False)
        .values_list("negotiation_id", "kind", "key")
        .distinct()
    )
    negotiations = Negotiation.objects.in_bulk({negotiation for negotiation, _k, _key in targets})
    return {
        (negotiation, kind, key)
        for negotiation, kind, key in targets
        if not reader_may_see(person, negotiations[negotiation], kind, key)
    }


def _visible(person: User, notifications: QuerySet[Notification]) -> QuerySet[Notification]:
    """These notifications without those whose subject this person may no longer see (a
    session since made closed, a private coalition they have left)."""
    for negotiation, kind, key in _hidden_targets(person, notifications):
        notifications = notifications.exclude(negotiation_id=negotiation, kind=kind, key=key)
    return notifications


def inbox(reader: Viewer, limit: int = INBOX_SIZE) -> list[Notification]:
    """One's notifications that one may still see, newest first."""
    person = require_person(reader)
    return list(_visible(person, person.notifications.select_related("negotiation"))[:limit])


def unread_count(reader: Viewer) -> int:
    person = actor_of(reader).user
    if person is None:
        return 0
    return _visible(person, Notification.objects.filter(user=person, read_at__isnull=True)).count()


def mark_read(by: Actor, notification_ids: Iterable[int] | None = None) -> int:
    """Mark some (or all) of one's own notifications read; returns how many."""
    person = require_person(by)
    rows = Notification.objects.filter(user=person, read_at__isnull=True)
    if notification_ids is not None:
        rows = rows.filter(pk__in=list(notification_ids))
    return rows.update(read_at=timezone.now())
