"""Following targets and telling followers: stored first, emailed after commit, retried.

Any part of Plenary tells followers with `notify(negotiation, kind, keys, ...)` inside its own
transaction: the notifications are written with the change, and the emails go out only once it
commits. A send that fails leaves the notification unsent; `plenary send-notifications` (cron)
retries every unsent one. A notification is marked emailed only when the mail server took it.
"""

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from plenary.audit.services import record
from plenary.errors import Conflict, InvalidInput, NotFound
from plenary.notifications.models import Follow, Notification, TargetKind
from plenary.notifications.targets import article_of, chapters_of, check_target
from plenary.process.models import Negotiation
from plenary.process.permissions import require_signed_in
from plenary.text.structure import walk_paragraphs

log = logging.getLogger(__name__)
# A sender that died mid-send leaves its claim; after this long another sender may retry.
CLAIM_TIMEOUT = datetime.timedelta(minutes=10)
MAX_ATTEMPTS = 20


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
            followed = Follow.objects.create(user=user, negotiation=negotiation, kind=kind, key=key)
            record("follow.started", followed, by=user, negotiation=negotiation)
    except IntegrityError:
        raise Conflict(_("You already follow this.")) from None
    return followed


def unfollow(user: Any, negotiation: Negotiation, kind: str, key: str) -> None:
    """Stop following a target."""
    require_signed_in(user)
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
    subject: str,
    body: str,
    url: str = "",
    exclude: Iterable[int] = (),
) -> list[Notification]:
    """Store one notification per follower of these targets (each person once), and email them
    after the current transaction commits."""
    keys = list(keys)
    subject = " ".join(subject.split())  # one line: a mail header cannot hold a line break
    followers = (
        Follow.objects.filter(negotiation=negotiation, kind=kind, key__in=keys)
        .exclude(user_id__in=list(exclude))
        .values_list("user_id", flat=True)
        .distinct()
    )
    notifications = Notification.objects.bulk_create(
        Notification(
            user_id=user_id,
            negotiation=negotiation,
            kind=kind,
            key=keys[0] if keys else "",
            subject=subject[:300],
            body=body,
            url=url[:500],
        )
        for user_id in sorted(set(followers))
    )
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
        send_mail(
            notification.subject,
            _email_body(notification),
            None,
            [notification.user.email],
        )
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
    (or of its article) that the new version changed it."""
    previous = (
        type(version)
        .objects.filter(
            negotiation_id=version.negotiation_id, published=True, position__lt=version.position
        )
        .order_by("-position")
        .first()
    )
    if previous is None:
        return
    old = {p["eid"]: p["text"] for p in walk_paragraphs(previous.content)}
    new = {p["eid"]: p["text"] for p in walk_paragraphs(version.content)}
    changed = sorted(eid for eid in old.keys() | new.keys() if old.get(eid) != new.get(eid))
    if not changed:
        return
    negotiation = version.negotiation
    compare = f"/n/{negotiation.slug}/compare/?from={previous.pk}&to={version.pk}"
    chapter = chapters_of(previous.content) | chapters_of(version.content)
    with transaction.atomic():
        told: set[int] = set()
        for eid in changed:
            article = article_of(eid)
            for kind, key in (
                (TargetKind.PARAGRAPH, eid),
                (TargetKind.ARTICLE, article),
                (TargetKind.CHAPTER, chapter.get(article, "")),
            ):
                if not key:
                    continue
                sent = notify(
                    negotiation,
                    kind,
                    [key],
                    subject=_("%(eid)s changed in %(version)s") % {"eid": eid, "version": version},
                    body=_("%(version)s changes %(eid)s, which you follow.")
                    % {"version": version, "eid": eid},
                    url=compare,
                    exclude=told,
                )
                told |= {n.user_id for n in sent}


def notify_session_followers(sender: Any, session: Any, change: str, **kwargs: Any) -> None:
    """Receiver of plenary.process.signals.session_changed: tell the session's followers."""
    negotiation = session.negotiation
    with transaction.atomic():
        notify(
            negotiation,
            TargetKind.SESSION,
            [str(session.pk)],
            subject=_("%(session)s: %(change)s") % {"session": session.title, "change": change},
            body=_(
                "%(session)s, which you follow, changed (%(change)s). It is now %(status)s, "
                "from %(start)s to %(end)s."
            )
            % {
                "session": session.title,
                "change": change,
                "status": session.get_status_display(),
                "start": session.start,
                "end": session.end,
            },
            url=f"/n/{negotiation.slug}/sessions/{session.pk}/",
        )
