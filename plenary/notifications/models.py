"""Following things in a negotiation, and the notifications that say they changed.

A notification is stored first, in the transaction of the change; email is sent after commit and
marked sent only when the mail server took it, so a failed send is retried, never lost.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetKind(models.TextChoices):
    """What can be followed; each kind's key is named in plenary.notifications.targets."""

    PARAGRAPH = "paragraph", _("paragraph")
    ARTICLE = "article", _("article")
    CHAPTER = "chapter", _("chapter")
    SESSION = "session", _("session")
    RED_LINE = "red_line", _("red line")


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    negotiation = models.ForeignKey(
        "process.Negotiation", on_delete=models.CASCADE, related_name="follows"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TargetKind.choices)
    key = models.CharField(
        _("key"), max_length=200, help_text=_("The id of the provision, session or red line.")
    )
    # For a paragraph, an article or a chapter: the provision followed, whatever its number.
    provision = models.ForeignKey(
        "text.Provision", null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "negotiation", "kind", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "negotiation", "kind", "key"], name="follow_once"
            )
        ]
        indexes = [models.Index(fields=["negotiation", "kind", "key"], name="follow_target")]

    def __str__(self) -> str:
        return f"{self.user} follows {self.kind} {self.key}"


class Notification(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    negotiation = models.ForeignKey(
        "process.Negotiation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TargetKind.choices)
    key = models.CharField(_("key"), max_length=200)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    url = models.CharField(_("link"), max_length=500, blank=True)
    # The language the subject and body were written in: the recipient's, when it was stored.
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Email: claimed by one sender at a time, marked sent only once the server accepted it.
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notification_unread"),
            models.Index(fields=["emailed_at"], name="notification_unsent"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.subject}"


class NotificationPreference(models.Model):
    """How a person is told: in which of the UN languages their inbox and emails are written.

    Set when they first follow something (the language they use Plenary in then), and changed
    on the inbox page or through the API."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.language}"
