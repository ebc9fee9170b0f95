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

import re
import threading
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.utils.functional import cached_property

_clients: dict[str, RedisCacheClient] = {}
_making = threading.Lock()


class SharedRedisCache(RedisCache):
    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._servers_and_options = (
            re.split("[;,]", server) if isinstance(server, str) else server,
            params.get("OPTIONS", {}),
        )

    @cached_property
    def _cache(self) -> RedisCacheClient:
        key = repr(self._servers_and_options)
        client = _clients.get(key)
        if client is None:
            with _making:
                client = _clients.get(key)
                if client is None:
                    servers, options = self._servers_and_options
                    client = _clients[key] = RedisCacheClient(servers, **options)
        return client

    def close(self, **kwargs: Any) -> None:
        """Nothing to close: the connections stay in the process's pool for the next request."""
