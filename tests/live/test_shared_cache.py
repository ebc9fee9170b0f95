"""An app server keeps its connections to Redis from one request to the next.

Under ASGI, Django makes a cache object for each request, and its own Redis backend a new
client and pool for each of them, so every request that touched the cache connected to Redis
anew (plenary/shared_cache.py). Real processes on loopback: a redis-server and an app server;
the calls are counted in the shared cache by the rate limits, each one a read and a write."""

import json

import redis

from tests.live.servers import app_server, redis_server, server_env
from tests.live.test_shared_limits import forecast
from tests.resilience.faults import run_plenary

CALLS = 40


def connections_received(url: str) -> int:
    client = redis.Redis.from_url(url)
    try:
        return int(client.info("stats")["total_connections_received"])
    finally:
        client.close()


def test_requests_that_use_the_cache_share_the_processs_connections_to_redis(tmp_path):
    database = f"sqlite:///{tmp_path / 'plenary.sqlite3'}"
    run_plenary("migrate", "--verbosity", "0", DATABASE_URL=database)
    limits = json.dumps({"analysis": {"address": f"{10 * CALLS}/h"}})
    with redis_server() as url:
        env = server_env(DATABASE_URL=database, REDIS_URL=url, RATE_LIMITS=limits)
        with app_server(env) as (port, _pid):
            assert forecast(port)[0] == 200  # the process's first connections
            before = connections_received(url)
            answers = [forecast(port)[0] for _ in range(CALLS)]
            after = connections_received(url)
    assert answers == [200] * CALLS
    # Our own two INFO connections, and at most a few more of the app server's pool.
    assert after - before <= 4, f"{after - before} connections for {CALLS} calls"
