"""Emailing notifications: by the worker, in batches over one SMTP connection, each once.

Each notification is claimed before it is sent, so two workers never send it together. It is
recorded as sent just before the mail server is asked to take it (the final "." of SMTP's
DATA): a worker killed before that leaves it to be sent again, and the server, which never got
the whole message, keeps nothing; killed after it, the message is already on its way to the
server. So a kill never sends an email twice. A refusal by the server undoes the record and
keeps the notification for a retry, up to MAX_ATTEMPTS times; `plenary send-notifications`
lists those given up. Each email is checked again, when it is sent, against what its reader
may see; links are absolute, from SITE_URL.
"""

import datetime
import logging
import re
import smtplib
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.message import sanitize_address
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from plenary.notifications.models import Notification
from plenary.notifications.services import reader_may_see
from plenary.outbox.events import periodic

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 20
# A failed send waits before the next try: 30 s, then twice as long each time, at most 2 hours
# (20 tries span about a day).
FIRST_PAUSE = datetime.timedelta(seconds=30)
MAX_PAUSE = datetime.timedelta(hours=2)
# Notifications sent over one connection to the mail server.
BATCH = 100
# The server refused one message; the connection is still good for the next.
REFUSED = (smtplib.SMTPSenderRefused, smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError)


def unsent(*, waiting_too: bool = False) -> QuerySet[Notification]:
    """Notifications to be emailed now (to people with an address), oldest first; a failed one
    waits for its retry unless `waiting_too`."""
    unsent = Notification.objects.filter(
        emailed_at__isnull=True, withheld_at__isnull=True, email_attempts__lt=MAX_ATTEMPTS
    ).exclude(user__email="")
    if not waiting_too:
        unsent = unsent.filter(
            Q(email_retry_at__isnull=True) | Q(email_retry_at__lte=timezone.now())
        )
    return unsent.order_by("created_at", "id")


def given_up() -> QuerySet[Notification]:
    """Notifications not emailed after MAX_ATTEMPTS tries: no longer retried, to be looked at."""
    return (
        Notification.objects.filter(
            emailed_at__isnull=True, withheld_at__isnull=True, email_attempts__gte=MAX_ATTEMPTS
        )
        .exclude(user__email="")
        .order_by("created_at", "id")
    )


def retry_given_up() -> int:
    """Let the given-up notifications be tried again (after the mail problem is fixed)."""
    return given_up().update(email_attempts=0, email_claimed_at=None, email_retry_at=None)


def site_link(path: str) -> str:
    """An absolute address on this site, for an email."""
    if not path:
        return ""
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def _message(notification: Notification) -> EmailMessage:
    lines = [notification.body]
    if notification.url:
        lines += ["", site_link(notification.url)]
    with translation.override(notification.language):
        lines += ["", _("You receive this because you follow it in Plenary.")]
    host = urlsplit(settings.SITE_URL).hostname or "plenary.invalid"
    return EmailMessage(
        notification.subject,
        "\n".join(lines),
        None,
        [notification.user.email],
        # The same identity however often it is sent, so mail systems can tell a repeat.
        headers={"Message-ID": f"<notification-{notification.pk}@{host}>"},
    )


def deliver(backend: BaseEmailBackend, message: EmailMessage, sent: Callable[[], None]) -> None:
    """Send one message over an open connection. `sent` records it sent; over SMTP it is called
    when the server has the whole message but before the final "." asks it to take it."""
    if not isinstance(backend, SmtpBackend):
        backend.send_messages([message])
        sent()
        return
    smtp = backend.connection
    if smtp is None:
        raise smtplib.SMTPServerDisconnected("The connection to the mail server is not open.")
    encoding = message.encoding or settings.DEFAULT_CHARSET
    sender = sanitize_address(message.from_email, encoding)
    recipients = [sanitize_address(address, encoding) for address in message.recipients()]
    data = message.message().as_bytes(linesep="\r\n")  # type: ignore[call-arg]
    smtp.ehlo_or_helo_if_needed()
    code, reply = smtp.mail(sender)
    if code != 250:
        smtp.rset()
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    for recipient in recipients:
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            smtp.rset()
            raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
    code, reply = smtp.docmd("data")
    if code != 354:
        smtp.rset()
        raise smtplib.SMTPDataError(code, reply)
    # Lines starting with "." are doubled (RFC 5321, 4.5.2), as smtplib does.
    quoted = re.sub(rb"(?m)^\.", b"..", data)
    if not quoted.endswith(b"\r\n"):
        quoted += b"\r\n"
    smtp.send(quoted)
    sent()
    smtp.send(b".\r\n")
    code, reply = smtp.getreply()
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)


def _claim_timeout() -> datetime.timedelta:
    """A sender that died mid-send leaves its claim; after this long another may send it."""
    return datetime.timedelta(seconds=settings.EMAIL_CLAIM_SECONDS)


def _claim(pk: int) -> bool:
    now = timezone.now()
    return bool(
        Notification.objects.filter(pk=pk, emailed_at__isnull=True, withheld_at__isnull=True)
        .filter(Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=now - _claim_timeout()))
        .update(email_claimed_at=now)
    )


def _failed(notification: Notification, error: Exception | str) -> None:
    log.warning("Notification %s not emailed: %s", notification.pk, error)
    attempts = notification.email_attempts + 1
    Notification.objects.filter(pk=notification.pk).update(
        emailed_at=None,
        email_claimed_at=None,
        email_attempts=attempts,
        email_error=str(error)[:1000],
        email_retry_at=timezone.now() + min(FIRST_PAUSE * 2 ** (attempts - 1), MAX_PAUSE),
    )


def send_notifications(
    notifications: QuerySet[Notification] | None = None,
    *,
    limit: int | None = None,
    waiting_too: bool = False,
) -> tuple[int, int]:
    """Email the given (or all unsent) notifications, BATCH at a time over one connection;
    returns (sent, failed). `waiting_too` also tries those waiting for a retry."""
    if not settings.NOTIFY_BY_EMAIL:
        return 0, 0
    if notifications is None:
        notifications = unsent(waiting_too=waiting_too)
    candidates = notifications.filter(
        emailed_at__isnull=True, withheld_at__isnull=True
    )
    pks = list(candidates.exclude(user__email="").values_list("pk", flat=True)[:limit])
    sent = failed = 0
    for start in range(0, len(pks), BATCH):
        batch_sent, batch_failed = _send_batch(pks[start : start + BATCH])
        sent, failed = sent + batch_sent, failed + batch_failed
    return sent, failed


def _send_batch(pks: list[int]) -> tuple[int, int]:
    sent = failed = 0
    backend = get_connection()
    try:
        backend.open()
    except Exception as error:  # the mail server cannot be reached: each is tried again later
        for notification in Notification.objects.filter(pk__in=pks, emailed_at__isnull=True):
            _failed(notification, error)
        return 0, len(pks)
    try:
        for pk in pks:
            if not _claim(pk):
                continue
            notification = Notification.objects.select_related("user", "negotiation").get(pk=pk)
            if notification.negotiation is not None and not reader_may_see(
                notification.user,
                notification.negotiation,
                notification.kind,
                notification.key,
            ):
                Notification.objects.filter(pk=pk).update(
                    withheld_at=timezone.now(), email_claimed_at=None
                )
                continue

            def record_sent(notification: Notification = notification) -> None:
                Notification.objects.filter(pk=notification.pk).update(
                    emailed_at=timezone.now(),
                    email_claimed_at=None,
                    email_attempts=notification.email_attempts + 1,
                    email_error="",
                    email_retry_at=None,
                )

            try:
                deliver(backend, _message(notification), record_sent)
            except REFUSED as error:  # this message refused: kept for a retry
                _failed(notification, error)
                failed += 1
            except Exception as error:  # the connection is gone: the rest waits for a pass
                _failed(notification, error)
                failed += 1
                break
            else:
                sent += 1
    finally:
        try:
            backend.close()
        except Exception:  # closing a broken connection
            log.debug("Closing the mail connection failed.", exc_info=True)
    return sent, failed


@periodic(every=datetime.timedelta(seconds=0))
def send_due_emails() -> int:
    """The worker's job: one batch of unsent notifications at each pass."""
    sent, _failed_count = send_notifications(limit=BATCH)
    return sent
