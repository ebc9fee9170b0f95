"""Django's Redis cache, with one client and one pool of connections per process.

Why: Django keeps a cache object per thread and, under ASGI, per request (its handler keeps
them in context variables), and its Redis backend makes a new client with a new pool of
connections for each such object, closed by nobody until it is collected. Under the app server
every request that touched the cache therefore opened a connection to Redis of its own: the
public pages kept in the cache spent a quarter of the server's time connecting to Redis (seen
with a profiler under bench/public_pages_load.py). Here every cache object of a process shares
the one client for its servers and options; redis-py's pool is safe to share between threads,
and it makes new connections after a fork.
"""

import threading
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.utils.functional import cached_property

_clients: dict[str, RedisCacheClient] = {}
_making = threading.Lock()


class SharedRedisCache(RedisCache):
    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._shared = repr((server, params.get("OPTIONS", {})))

    @cached_property
    def _cache(self) -> RedisCacheClient:
        client = _clients.get(self._shared)
        if client is None:
            with _making:
                client = _clients.get(self._shared)
                if client is None:
                    # Made as Django's backend makes it, once for the process.
                    client = _clients[self._shared] = super()._cache
        return client
