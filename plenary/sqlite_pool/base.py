"""Django's SQLite backend, with the connections of finished requests kept open for the next.

Why: under ASGI every request runs in a thread of its own, so Django opens a new connection for
each request and closes it at the end. Opening one costs SQLite a read and parse of the whole
schema, and the first connection to a WAL database also maps its shared memory: about 1.5 ms
for Plenary's hundred tables, which is more than serving a page from the cache
(plenary/page_cache.py) and as much as serving a static file. A process keeps up to
`POOL_SIZE` idle connections (the database file's, never an in-memory one's) and a request
takes the last one put back; a connection goes back only outside any transaction, so every
request starts as on a fresh connection. PostgreSQL has Django's own pool (psycopg_pool).
"""

import queue

from django.db.backends.sqlite3 import base

POOL_SIZE = 16


class DatabaseWrapper(base.DatabaseWrapper):
    _idle: dict[str, queue.LifoQueue] = {}

    def _pool(self) -> queue.LifoQueue | None:
        if self.is_in_memory_db():
            return None
        return self._idle.setdefault(self.settings_dict["NAME"], queue.LifoQueue(POOL_SIZE))

    def get_new_connection(self, conn_params):
        pool = self._pool()
        if pool is not None:
            try:
                return pool.get_nowait()
            except queue.Empty:
                pass
        return super().get_new_connection(conn_params)

    def _close(self):
        pool = self._pool()
        connection = self.connection
        if (
            pool is not None
            and connection is not None
            and not connection.in_transaction
            and not self.in_atomic_block
            and not self.errors_occurred
        ):
            try:
                pool.put_nowait(connection)
            except queue.Full:
                pass
            else:
                return None
        return super()._close()  # type: ignore[misc]
