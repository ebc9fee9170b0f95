"""Several app servers agree on the limits: two uvicorn servers sharing one Redis count the same
caller's calls together, so the analysis endpoints' limit per address holds across them.

Real processes on loopback: a redis-server and two app servers on one SQLite file (the analysis
endpoints read nothing from the database); the caller is a program."""

import json
import urllib.error
import urllib.request

from tests.live.servers import app_server, redis_server, server_env
from tests.resilience.faults import run_plenary

FORECAST = {"positions": [{"id": "BR", "position": 40, "salience": 1}], "status_quo": 0}


def forecast(port: int) -> tuple[int, str]:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/analysis/forecast",
        method="POST",
        data=json.dumps(FORECAST).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Retry-After", "")


LIMIT = 6


def test_two_app_servers_sharing_redis_count_one_callers_calls_together(tmp_path):
    database = f"sqlite:///{tmp_path / 'plenary.sqlite3'}"
    run_plenary("migrate", "--verbosity", "0", DATABASE_URL=database)
    # Counted by the hour here, so that no counting window ends during the test.
    limits = json.dumps({"analysis": {"address": f"{LIMIT}/h"}})
    with redis_server() as redis:
        env = server_env(DATABASE_URL=database, REDIS_URL=redis, RATE_LIMITS=limits)
        with app_server(env) as (first, _pid), app_server(env) as (second, _pid2):
            answers = [forecast((first, second)[n % 2]) for n in range(LIMIT + 2)]
    assert [status for status, _ in answers[:LIMIT]] == [200] * LIMIT
    # The next call, to either server, is one too many; each says when to try again.
    for status, retry_after in answers[LIMIT:]:
        assert status == 429 and 1 <= int(retry_after) <= 3600
