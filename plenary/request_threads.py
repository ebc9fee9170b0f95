"""Django's ASGI handler, with the threads that run requests kept from one request to the next.

Why: under ASGI, Django runs each request's middleware and view in a thread of their own (so
that its database connection and language stay with it), and its handler starts a new thread
for every request and another to wait for the first one's end. Starting and joining them was
most of what a page from the cache cost (several times a static file). Here each app server
process keeps THREADS such threads and lends one to each request in turn; a request that
finds them all busy waits for one. There are no more threads than database connections in a
process's pool (DATABASE_POOL_SIZE), so a request never waits for a connection once it runs.
"""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import ThreadSensitiveContext
from django.conf import settings
from django.core.handlers.asgi import ASGIHandler

THREADS = getattr(settings, "DATABASE_POOL_SIZE", 0) or 10


class PooledThreadsASGIHandler(ASGIHandler):
    def __init__(self) -> None:
        super().__init__()
        self._idle: asyncio.Queue[ThreadPoolExecutor] | None = None

    def _threads(self) -> asyncio.Queue[ThreadPoolExecutor]:
        # Made in the server's event loop, on the first request.
        if self._idle is None:
            self._idle = asyncio.Queue()
            for n in range(THREADS):
                self._idle.put_nowait(
                    ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"request-{n}")
                )
        return self._idle

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            raise ValueError(f"Django can only handle ASGI/HTTP connections, not {scope['type']}.")
        idle = self._threads()
        executor = await idle.get()
        try:
            async with ThreadSensitiveContext(executor=executor):
                await self.handle(scope, receive, send)
        finally:
            idle.put_nowait(executor)
