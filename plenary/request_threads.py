"""Django's ASGI handler, with the threads that run requests kept from one request to the next,
and the people at work served before the crowd.

Why: under ASGI, Django runs each request's middleware and view in a thread of their own (so
that its database connection and language stay with it), and its handler starts a new thread
for every request and another to wait for the first one's end. Starting and joining them was
most of what a page from the cache cost (several times a static file). Here each app server
process keeps THREADS such threads and lends one to each request in turn; a request that
finds none it may have waits for one. There are no more threads than database connections in a
process's pool (DATABASE_POOL_SIZE), so a request never waits for a connection once it runs.

The crowd (people reading without being signed in) may hold at most CROWD_THREADS of them at
once, and a thread that comes free goes first to whoever is signed in or writing: the chair's
call, a delegation's form, the secretariat's pages. Right after a change the crowd's requests
render the public pages again; Python runs one thread at a time, so ten threads rendering for
the crowd left the event loop, which sends the live room's messages and every answer, a tenth
of the process's time, and the chair's call waited behind them for a thread
(bench/public_pages_load.py --live-room).
"""

import asyncio
from collections import deque
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext
from django.conf import settings
from django.core.handlers.asgi import ASGIHandler

from plenary.page_cache import anonymous_scope

THREADS = getattr(settings, "DATABASE_POOL_SIZE", 0) or 10
# Half: under bench/public_pages_load.py --live-room both the live room and the pages did
# better than with all of them (the crowd's renderings starved the event loop) or a quarter
# (the pages that change with the floor waited for their renderings).
CROWD_THREADS = max(1, THREADS // 2)
READING = frozenset({"GET", "HEAD", "OPTIONS"})


def of_the_crowd(scope: dict) -> bool:
    """A request that reads a page, made by someone not signed in (no session, no token). Not
    a static file: it costs almost nothing to serve, and its thread mostly waits for the event
    loop (in production the reverse proxy serves them, docs/operations.md)."""
    return (
        scope["method"] in READING
        and not scope["path"].startswith(settings.STATIC_URL)
        and anonymous_scope(scope)
    )


class Threads:
    """The process's request threads, lent one per request: first to people at work, to the
    crowd only while fewer than `crowd_most` are the crowd's; each in order of asking. Only
    touched in the server's event loop."""

    def __init__(self, count: int, crowd_most: int) -> None:
        self.all = [
            ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"request-{n}")
            for n in range(count)
        ]
        self.idle = list(self.all)
        self.crowd_most = crowd_most
        self.crowds = 0  # threads lent to the crowd
        self.waiting: dict[bool, deque[asyncio.Future[ThreadPoolExecutor]]] = {
            False: deque(),
            True: deque(),
        }

    def _may_lend(self, crowd: bool) -> bool:
        return bool(self.idle) and (not crowd or self.crowds < self.crowd_most)

    def _lend(self, crowd: bool) -> ThreadPoolExecutor:
        self.crowds += crowd
        return self.idle.pop()

    async def borrow(self, crowd: bool) -> ThreadPoolExecutor:
        if self._may_lend(crowd) and not self.waiting[False] and not self.waiting[crowd]:
            return self._lend(crowd)
        lent: asyncio.Future[ThreadPoolExecutor] = asyncio.get_running_loop().create_future()
        self.waiting[crowd].append(lent)
        try:
            return await lent
        except asyncio.CancelledError:
            if lent.done() and not lent.cancelled():
                self.give_back(lent.result(), crowd)  # lent as it was cancelled
            else:
                self.waiting[crowd].remove(lent)
            raise

    def give_back(self, thread: ThreadPoolExecutor, crowd: bool) -> None:
        self.crowds -= crowd
        self.idle.append(thread)
        for turn in (False, True):  # people at work first
            queue = self.waiting[turn]
            while queue and self._may_lend(turn):
                lent = queue.popleft()
                if not lent.done():
                    lent.set_result(self._lend(turn))


class PooledThreadsASGIHandler(ASGIHandler):
    def __init__(self) -> None:
        super().__init__()
        self.threads: Threads | None = None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        if self.threads is None:
            self.threads = Threads(THREADS, CROWD_THREADS)
        crowd = of_the_crowd(scope)
        thread = await self.threads.borrow(crowd)
        try:
            async with ThreadSensitiveContext(executor=thread):
                await self.handle(scope, receive, send)
        finally:
            self.threads.give_back(thread, crowd)
