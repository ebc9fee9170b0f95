"""Following targets and telling followers: stored first, emailed after commit, retried.

Any part of Plenary tells followers with `notify(negotiation, kind, keys, ...)` inside its own
transaction: the notifications are written with the change, and the emails go out only once it
commits. A send that fails leaves the notification unsent; `plenary send-notifications` (cron)
retries every unsent one, up to MAX_ATTEMPTS times, and reports the ones it gave up on. A
notification is marked emailed only when the mail server took it.

Each person is written to in their own language: `notify(..., message=...)` renders the
subject and body once per language among the followers.
"""

import datetime
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenary.audit.services import record
from plenary.errors import Conflict, InvalidInput, NotFound
from plenary.moments import in_zone
from plenary.notifications.models import (
    Follow,
    Notification,
    NotificationPreference,
    TargetKind,
)
from plenary.notifications.targets import PROVISION_KINDS, check_target, stored_key
from plenary.participation.services.agenda import session_opens_at
from plenary.process.models import Negotiation
from plenary.process.models.sessions import SessionStatus
from plenary.process.permissions import require_signed_in
from plenary.text.provisions import changed_paragraphs
from plenary.translations import LANGUAGES, supported_language, translated

log = logging.getLogger(__name__)
# A sender that died mid-send leaves its claim; after this long another sender may retry.
CLAIM_TIMEOUT = datetime.timedelta(minutes=10)
MAX_ATTEMPTS = 20
# The words the process sends with session_changed, in each reader's language.
SESSION_CHANGES = {
    "updated": gettext_lazy("updated"),
    "rescheduled": gettext_lazy("rescheduled"),
    "reconvened": gettext_lazy("reconvened"),
} | {status.value: status.label for status in SessionStatus}
# What a notification says, rendered in the language active when it is called.
Message = Callable[[], tuple[str, str]]


def language_of(user: Any) -> str:
    """The language a person is written to in: their choice, else Plenary's default."""
    found = NotificationPreference.objects.filter(user_id=user.pk).values_list("language").first()
    return found[0] if found else str(settings.LANGUAGE_CODE)


def set_language(user: Any, language: str) -> NotificationPreference:
    """A person chooses the language of their inbox and emails."""
    require_signed_in(user)
    if language not in LANGUAGES:
        raise InvalidInput(
            _("Choose one of the languages: %(languages)s.") % {"languages": ", ".join(LANGUAGES)}
        )
    with transaction.atomic():
        preference, _created = NotificationPreference.objects.update_or_create(
            user=user, defaults={"language": language}
        )
        record("notifications.language_set", preference, by=user, after={"language": language})
    return preference


def follow(user: Any, negotiation: Negotiation, kind: str, key: str) -> Follow:
    """Anyone signed in follows a paragraph, an article or a red line they may see."""
    require_signed_in(user)
    if kind not in TargetKind.values:
        raise InvalidInput(
            _("You can follow: %(kinds)s.") % {"kinds": ", ".join(TargetKind.values)}
        )
    key = check_target(user, negotiation, kind, (key or "").strip())
    try:
        with transaction.atomic():
            followed = Follow.objects.create(
                user=user,
                negotiation=negotiation,
                kind=kind,
                key=key,
                provision_id=int(key) if kind in PROVISION_KINDS else None,
            )
            record("follow.started", followed, by=user, negotiation=negotiation)
            # Until they choose, people are written to in the language they follow things in.
            NotificationPreference.objects.get_or_create(
                user=user, defaults={"language": supported_language(translation.get_language())}
            )
    except IntegrityError:
        raise Conflict(_("You already follow this.")) from None
    return followed


def unfollow(user: Any, negotiation: Negotiation, kind: str, key: str) -> None:
    """Stop following a target."""
    require_signed_in(user)
    key = stored_key(user, negotiation, kind, (key or "").strip())
    with transaction.atomic():
        followed = Follow.objects.filter(
            user=user, negotiation=negotiation, kind=kind, key=key
        ).first()
        if followed is None:
            raise NotFound(_("You do not follow this."))
        record("follow.stopped", followed, by=user, negotiation=negotiation)
        followed.delete()


def is_following(user: Any, negotiation: Negotiation, kind: str, key: str) -> bool:
    if user is None or not user.is_authenticated:
        return False
    key = stored_key(user, negotiation, kind, key)
    return Follow.objects.filter(user=user, negotiation=negotiation, kind=kind, key=key).exists()


def followed(negotiation: Negotiation, kind: str, keys: Iterable[str]) -> set[str]:
    """Which of these targets anyone follows, in one query."""
    return set(
        Follow.objects.filter(negotiation=negotiation, kind=kind, key__in=list(keys))
        .values_list("key", flat=True)
        .distinct()
    )


def notify(
    negotiation: Negotiation,
    kind: str,
    keys: Iterable[str],
    *,
    message: Message,
    url: str = "",
    exclude: Iterable[int] = (),
) -> list[Notification]:
    """Store one notification per follower of these targets (each person once), in their own
    language, and email them after the current transaction commits."""
    keys = list(keys)
    followers = sorted(
        set(
            Follow.objects.filter(negotiation=negotiation, kind=kind, key__in=keys)
            .exclude(user_id__in=list(exclude))
            .values_list("user_id", flat=True)
        )
    )
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=followers).values_list(
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
    for user_id in followers:
        language = chosen.get(user_id, settings.LANGUAGE_CODE)
        text_subject, text_body = in_language(language)
        rows.append(
            Notification(
                user_id=user_id,
                negotiation=negotiation,
                kind=kind,
                key=keys[0] if keys else "",
                # One line: a mail header cannot hold a line break.
                subject=" ".join(text_subject.split())[:300],
                body=text_body,
                url=url[:500],
                language=language,
            )
        )
    notifications = Notification.objects.bulk_create(rows)
    ids = [n.pk for n in notifications]
    if ids and settings.NOTIFY_BY_EMAIL:
        transaction.on_commit(lambda: send_notifications(Notification.objects.filter(pk__in=ids)))
    return notifications


def unsent() -> QuerySet[Notification]:
    """Notifications still to be emailed (to people with an address), oldest first."""
    return (
        Notification.objects.filter(emailed_at__isnull=True, email_attempts__lt=MAX_ATTEMPTS)
        .exclude(user__email="")
        .order_by("created_at", "id")
    )


def given_up() -> QuerySet[Notification]:
    """Notifications not emailed after MAX_ATTEMPTS tries: no longer retried, to be looked at."""
    return (
        Notification.objects.filter(emailed_at__isnull=True, email_attempts__gte=MAX_ATTEMPTS)
        .exclude(user__email="")
        .order_by("created_at", "id")
    )


def retry_given_up() -> int:
    """Let the given-up notifications be tried again (after the mail problem is fixed)."""
    return given_up().update(email_attempts=0, email_claimed_at=None)


def send_notifications(notifications: QuerySet[Notification] | None = None) -> tuple[int, int]:
    """Email the given (or all unsent) notifications; returns (sent, failed)."""
    if not settings.NOTIFY_BY_EMAIL:
        return 0, 0
    sent = failed = 0
    candidates = (notifications if notifications is not None else unsent()).filter(
        emailed_at__isnull=True
    )
    for pk in list(candidates.exclude(user__email="").values_list("pk", flat=True)):
        outcome = _send_one(pk)
        if outcome is True:
            sent += 1
        elif outcome is False:
            failed += 1
    return sent, failed


def _send_one(pk: int) -> bool | None:
    """Claim, send, mark: True sent, False failed (kept for a retry), None claimed elsewhere."""
    now = timezone.now()
    claimed = (
        Notification.objects.filter(pk=pk, emailed_at__isnull=True)
        .filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - CLAIM_TIMEOUT))
        .update(email_claimed_at=now)
    )
    if not claimed:
        return None
    notification = Notification.objects.select_related("user").get(pk=pk)
    try:
        with translation.override(notification.language):
            text = _email_body(notification)
        send_mail(notification.subject, text, None, [notification.user.email])
    except Exception as error:  # any failure of the mail server: kept for a retry
        log.warning("Notification %s not emailed: %s", pk, error)
        Notification.objects.filter(pk=pk).update(
            email_claimed_at=None,
            email_attempts=notification.email_attempts + 1,
            email_error=str(error)[:1000],
        )
        return False
    Notification.objects.filter(pk=pk).update(
        emailed_at=timezone.now(),
        email_claimed_at=None,
        email_attempts=notification.email_attempts + 1,
        email_error="",
    )
    return True


def _email_body(notification: Notification) -> str:
    lines = [notification.body]
    if notification.url:
        lines += ["", notification.url]
    lines += ["", _("You receive this because you follow it in Plenary.")]
    return "\n".join(lines)


def unread_count(user: Any) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(user: Any, notification_ids: Iterable[int] | None = None) -> int:
    """Mark some (or all) of one's own notifications read; returns how many."""
    require_signed_in(user)
    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        rows = rows.filter(pk__in=list(notification_ids))
    return rows.update(read_at=timezone.now())


def notify_text_followers(sender: Any, version: Any, **kwargs: Any) -> None:
    """Receiver of plenary.text.signals.version_published: tell the followers of each paragraph
    the new version changed (or of its article or chapter), each person once."""
    changes = changed_paragraphs(version)
    if changes is None or not changes.paragraphs:
        return
    negotiation = version.negotiation
    compare = f"/n/{negotiation.slug}/compare/?from={changes.previous.pk}&to={version.pk}"
    with transaction.atomic():
        told: set[int] = set()
        for paragraph in changes.paragraphs:
            for kind, key in (
                (TargetKind.PARAGRAPH, paragraph.provision),
                (TargetKind.ARTICLE, paragraph.article),
                (TargetKind.CHAPTER, paragraph.chapter),
            ):
                if key is None:
                    continue
                sent = notify(
                    negotiation,
                    kind,
                    [str(key)],
                    message=_version_changed(version, changes.label(paragraph.provision)),
                    url=compare,
                    exclude=told,
                )
                told |= {n.user_id for n in sent}


def _version_changed(version: Any, label: Callable[[], str]) -> Message:
    def message() -> tuple[str, str]:
        name = translated(version, "label") or version.label
        provision = label()
        return (
            _("%(provision)s changed in %(version)s") % {"provision": provision, "version": name},
            _("%(version)s changes %(provision)s, which you follow.")
            % {"version": name, "provision": provision},
        )

    return message


def notify_session_followers(sender: Any, session: Any, change: str, **kwargs: Any) -> None:
    """Receiver of plenary.process.signals.session_changed: tell the session's followers."""
    negotiation = session.negotiation

    def message() -> tuple[str, str]:
        title = translated(session, "title") or session.title
        what = str(SESSION_CHANGES.get(change, change))
        return (
            _("%(session)s: %(change)s") % {"session": title, "change": what},
            _(
                "%(session)s, which you follow, changed (%(change)s). It is now %(status)s, "
                "from %(start)s to %(end)s; its first meeting opens on %(opens)s."
            )
            % {
                "session": title,
                "change": what,
                "status": session.get_status_display(),
                "start": formats.date_format(session.start, "DATE_FORMAT"),
                "end": formats.date_format(session.end, "DATE_FORMAT"),
                # On the clocks of the place where it meets.
                "opens": in_zone(session_opens_at(session), session),
            },
        )

    with transaction.atomic():
        notify(
            negotiation,
            TargetKind.SESSION,
            [str(session.pk)],
            message=message,
            url=f"/n/{negotiation.slug}/sessions/{session.pk}/",
        )
