"""The outbox: what happened, written in the transaction of the change, for a worker to act on.

One row per event and handler, so that one handler failing never holds up another. A row holds
ids and codes (never rendered words); its handler reads the record as it is when it runs.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone


class Event(models.Model):
    kind = models.CharField(max_length=80)
    handler = models.CharField(max_length=120)
    negotiation = models.ForeignKey(
        "process.Negotiation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    payload = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    # Not handled before this moment: a retry waits, and an event the app handles itself
    # (the live room) is left to the worker only if the app did not.
    due_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.CharField(max_length=120, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["due_at", "id"], condition=Q(handled_at__isnull=True), name="event_due"
            ),
            models.Index(fields=["handled_at"], name="event_handled"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.handler} #{self.pk}"
