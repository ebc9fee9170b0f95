"""Events: written by a service in the transaction of its change, handled afterwards.

A service says what happened with `emit(kind, negotiation=..., **ids)`; every handler registered
for that kind (`@handles(kind)`, in the listening app's `ready()`) gets a row of its own, written
with the change, so a crash after the commit loses nothing and one failing handler holds up no
other. The worker (`plenary worker`, plenary/outbox/worker.py) claims each row and runs its
handler in one transaction with the claim: the handler's writes and the row marked handled
commit together, so a worker killed at any moment leaves the event to be handled again, and a
handled event is never handled twice. Handlers therefore write to the database only, or do
what may safely happen twice (the live room sends the room's current state).

A handler registered `inline=True` (the live room) is also run by the app itself right after
the commit, so that watchers hear at once and one app server with an in-memory channel layer
needs no worker for it; the worker takes such an event only if the app has not handled it
within INLINE_GRACE (the app crashed, or the handler failed).
"""

import datetime
import logging
import os
import socket
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from plenary.outbox.models import Event

log = logging.getLogger(__name__)

# A handler that keeps failing is retried with a growing pause, then given up and reported.
MAX_ATTEMPTS = 12
MAX_PAUSE = datetime.timedelta(hours=1)
INLINE_GRACE = datetime.timedelta(seconds=10)

Handler = Callable[[Event], None]


@dataclass(frozen=True)
class Registered:
    name: str
    function: Handler
    inline: bool


HANDLERS: dict[str, list[Registered]] = {}
BY_NAME: dict[str, Registered] = {}


def handles(kind: str, *, inline: bool = False) -> Callable[[Handler], Handler]:
    """Register a function as a handler of one kind of event (one row per event for it)."""

    def register(function: Handler) -> Handler:
        name = f"{function.__module__}.{function.__qualname__}"
        registered = Registered(name, function, inline)
        if name not in BY_NAME:
            HANDLERS.setdefault(kind, []).append(registered)
            BY_NAME[name] = registered
        return function

    return register


def emit(kind: str, *, negotiation: Any = None, **payload: Any) -> list[Event]:
    """Record that something happened, in the current transaction: one row per handler.
    The payload holds ids and codes, JSON-safe; never words in someone's language."""
    handlers = HANDLERS.get(kind, [])
    if not handlers:
        return []
    now = timezone.now()
    events = Event.objects.bulk_create(
        Event(
            kind=kind,
            handler=handler.name,
            negotiation=negotiation,
            payload=payload,
            created_at=now,
            due_at=now + INLINE_GRACE if handler.inline else now,
        )
        for handler in handlers
    )
    inline = [event.pk for event, handler in zip(events, handlers, strict=True) if handler.inline]
    if inline:
        transaction.on_commit(lambda: handle_inline(inline), robust=True)
    return events


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _pending() -> QuerySet[Event]:
    return Event.objects.filter(handled_at__isnull=True, attempts__lt=MAX_ATTEMPTS)


def _claim_and_handle(event: Event, by: str) -> bool | None:
    """Inside a transaction: claim the event and run its handler. True handled, False failed
    (kept for a retry), None handled by someone else or by no known handler."""
    now = timezone.now()
    claimed = Event.objects.filter(pk=event.pk, handled_at__isnull=True).update(
        handled_at=now, handled_by=by[:120]
    )
    if not claimed:
        return None
    registered = BY_NAME.get(event.handler)
    if registered is None:
        # A handler that no longer exists: nothing will ever handle it; say so once.
        log.error("No handler %s for event %s; left unhandled.", event.handler, event.pk)
        Event.objects.filter(pk=event.pk).update(
            handled_at=None,
            handled_by="",
            attempts=MAX_ATTEMPTS,
            error=f"no handler called {event.handler}",
        )
        return False
    try:
        with transaction.atomic():
            registered.function(event)
    except Exception as error:  # any failure of a handler: kept, retried later, reported
        log.warning("Event %s (%s) failed: %s", event.pk, event.handler, error)
        pause = min(datetime.timedelta(seconds=2 ** (event.attempts + 1)), MAX_PAUSE)
        Event.objects.filter(pk=event.pk).update(
            handled_at=None,
            handled_by="",
            attempts=F("attempts") + 1,
            due_at=now + pause,
            error="".join(traceback.format_exception_only(error)).strip()[:2000],
        )
        return False
    return True


def handle_next(by: str, *, everything: bool = False) -> bool | None:
    """Claim and handle the next due event in one transaction. None when nothing is due;
    otherwise whether it was handled (False: it failed and waits for a retry)."""
    now = timezone.now()
    due = _pending().order_by("due_at", "id")
    # `everything` also takes what waits for the app (inline handlers), never a retry early.
    due = due.filter(Q(due_at__lte=now) | Q(attempts=0) if everything else Q(due_at__lte=now))
    # A plain read first: on SQLite a transaction takes the write lock, which an idle
    # worker must not hold several times a second.
    if not due.exists():
        return None
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            # Several workers on PostgreSQL: each takes a row no other holds.
            due = due.select_for_update(skip_locked=True)
        event = due.first()
        if event is None:
            return None
        outcome = _claim_and_handle(event, by)
    return outcome is not False


def handle_inline(pks: Iterable[int]) -> None:
    """Run inline handlers in the app that committed the events (after its commit)."""
    by = f"app {worker_name()}"
    for pk in pks:
        try:
            with transaction.atomic():
                event = Event.objects.filter(pk=pk, handled_at__isnull=True).first()
                if event is not None:
                    _claim_and_handle(event, by)
        except Exception:  # the database went away: the worker will handle it
            log.exception("Event %s left to the worker.", pk)


@dataclass
class Job:
    """Work the worker does from time to time (emails, admissions, pruning)."""

    name: str
    function: Callable[[], int]
    every: datetime.timedelta
    last_run: datetime.datetime | None = field(default=None)


JOBS: dict[str, Job] = {}


def periodic(every: datetime.timedelta) -> Callable[[Callable[[], int]], Callable[[], int]]:
    """Register a job the worker runs at most this often; it returns how much it did, and is
    run again at once while it does something."""

    def register(function: Callable[[], int]) -> Callable[[], int]:
        name = f"{function.__module__}.{function.__qualname__}"
        JOBS.setdefault(name, Job(name, function, every))
        return function

    return register


@dataclass
class Pass:
    handled: int = 0
    failed: int = 0
    done_by_jobs: int = 0

    @property
    def busy(self) -> bool:
        return bool(self.handled or self.failed or self.done_by_jobs)


def work_once(by: str, *, everything: bool = False, limit: int = 500) -> Pass:
    """One pass of the worker: handle the events that are due (up to `limit`), then run the
    jobs that are due. `everything` handles events before they are due and runs every job."""
    done = Pass()
    while done.handled + done.failed < limit:
        outcome = handle_next(by, everything=everything)
        if outcome is None:
            break
        if outcome:
            done.handled += 1
        else:
            done.failed += 1
    now = timezone.now()
    for job in JOBS.values():
        if everything or job.last_run is None or now - job.last_run >= job.every:
            job.last_run = now
            done.done_by_jobs += job.function()
    return done


def drain(rounds: int = 100_000) -> int:
    """Handle every event now (a failed one waits for its retry), and run every job, until
    nothing is left: what the worker would do, in this process (tests, and
    `plenary worker --once`). Returns the events handled. `rounds` only bounds a job that
    would never run out of work; emails go a batch a round, so it is far above any backlog."""
    handled = 0
    by = f"drain {worker_name()}"
    for _round in range(rounds):
        done = work_once(by, everything=True)
        handled += done.handled
        if not done.handled and not done.done_by_jobs:
            break
    return handled


def given_up() -> QuerySet[Event]:
    """Events whose handler failed MAX_ATTEMPTS times: no longer retried, to be looked at."""
    return Event.objects.filter(handled_at__isnull=True, attempts__gte=MAX_ATTEMPTS)


def failing() -> QuerySet[Event]:
    """Events whose handler failed and that wait for a retry."""
    return _pending().filter(attempts__gt=0)


def retry_given_up() -> int:
    """Let given-up events be tried again (after their cause is fixed)."""
    return given_up().update(attempts=0, due_at=timezone.now(), error="")
