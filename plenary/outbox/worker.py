"""`plenary worker`: handles the outbox's events and runs the periodic jobs, until stopped.

Safe to run several at once (on PostgreSQL each claims rows no other holds; on SQLite one
transaction writes at a time) and to kill at any moment: an event's handler and its claim
commit together, so nothing is lost and nothing is handled twice. SIGTERM or Ctrl+C stops it
after the event in hand.
"""

import datetime
import logging
import signal
import threading
from types import FrameType

from django.conf import settings
from django.db import OperationalError, close_old_connections, transaction
from django.utils import timezone

from plenary.outbox.events import Pass, periodic, work_once, worker_name
from plenary.outbox.models import Event

log = logging.getLogger(__name__)


@periodic(every=datetime.timedelta(hours=1))
def prune_handled_events() -> int:
    """Handled events are kept OUTBOX_RETENTION_DAYS (to look into), then deleted."""
    before = timezone.now() - datetime.timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    with transaction.atomic():
        Event.objects.filter(handled_at__lt=before).delete()
    return 0  # housekeeping: it never keeps the worker from resting


class Worker:
    def __init__(self, poll: float | None = None) -> None:
        self.poll = settings.WORKER_POLL_SECONDS if poll is None else poll
        self.name = worker_name()
        self._stop = threading.Event()

    def stop(self, signum: int | None = None, frame: FrameType | None = None) -> None:
        self._stop.set()

    def run(self) -> None:
        """Work until stopped: without events, look again every `poll` seconds."""
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, self.stop)
        log.info("Worker %s started.", self.name)
        while not self._stop.is_set():
            done = self.run_pass()
            if not done.busy:
                self._stop.wait(self.poll)
        log.info("Worker %s stopped.", self.name)

    def run_pass(self) -> Pass:
        close_old_connections()
        try:
            return work_once(self.name)
        except OperationalError as error:
            # The database is away: try again later, with a fresh connection.
            log.warning("Worker %s: the database is unavailable (%s).", self.name, error)
            close_old_connections()
            self._stop.wait(max(self.poll, 1.0))
            return Pass()
