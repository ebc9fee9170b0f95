"""100 people browsing the demo's public pages at once, against one uvicorn app server.

The app server (plenary.asgi) runs on a loopback port against a SQLite file with the reference
scenario, as `plenary demo` does. Each simulated person keeps one HTTP/1.1 connection, as a
browser does, and goes from page to page with a short pause between them; a static file served
by the same app (WhiteNoise) is in the mix as the baseline, so it is measured under the same load.
Prints requests, p50/p95 and errors per page, and each p95 against the static file's.
Bounded: USERS people for SECONDS seconds; every request gives up after TIMEOUT seconds (an
error); the server stops when the run ends, whether it succeeded or not.

The client is plain asyncio (the standard library), not locust: no dependency to add, and one
process of light coroutines leaves the machine's cores to the server being measured, where
locust's gevent workers and their web interface would compete with it.
Run: .venv/bin/python bench/public_pages_load.py [users] [seconds]
"""

import asyncio
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.live.servers import app_server, prepare_sqlite, server_env

USERS = 100
SECONDS = 30
TIMEOUT = 30
PAUSE = (0.2, 1.0)  # seconds a person spends on a page before the next one
BASELINE = "static file (baseline)"

ROOM = """
import json
from plenary.participation.models import AgendaItem
from plenary.text.models import Version
item = AgendaItem.objects.get(session__negotiation__slug="cybercrime-ahc", number=1)
version = Version.objects.published().filter(negotiation=item.session.negotiation).last()
print(json.dumps({"session": item.session_id, "item": item.pk, "version": version.pk}))
"""


def pages(room: dict) -> dict[str, str]:
    n = "/n/cybercrime-ahc"
    return {
        BASELINE: "/static/participation/participation.css",
        "negotiation": f"{n}/",
        "versions": f"{n}/versions/",
        "a version's text": f"{n}/versions/{room['version']}/",
        "consensus map": f"{n}/consensus/",
        "issues": f"{n}/issues/",
        "delegations": f"{n}/delegations/",
        "treaty status": f"{n}/treaty/",
        "agenda": f"{n}/sessions/{room['session']}/agenda/",
        "speakers list": f"{n}/sessions/{room['session']}/items/{room['item']}/speakers/",
        "GA vote 74/247": "/votes/A/RES/74/247/",
        "API: sessions": "/api/negotiations/cybercrime-ahc/sessions",
    }


class Connection:
    """One keep-alive HTTP/1.1 connection, reopened when the server closes it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None or self.writer.is_closing():
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n\r\n"
        self.writer.write(request.encode())
        await self.writer.drain()
        status = int((await self.reader.readline()).split()[1])
        headers = {}
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _sep, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            while size := int((await self.reader.readline()).strip(), 16):
                await self.reader.readexactly(size + 2)
            await self.reader.readline()
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def person(port: int, paths: dict[str, str], until: float, samples, errors) -> None:
    connection = Connection(port)
    names = list(paths)
    try:
        while time.monotonic() < until:
            name = random.choice(names)
            started = time.perf_counter()
            try:
                status = await asyncio.wait_for(connection.get(paths[name]), TIMEOUT)
            except (OSError, TimeoutError, ValueError, IndexError, asyncio.IncompleteReadError):
                errors[name] += 1
                await connection.close()
            else:
                samples[name].append(time.perf_counter() - started)
                if status != 200:
                    errors[name] += 1
            await asyncio.sleep(random.uniform(*PAUSE))
    finally:
        await connection.close()


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]


async def load(port: int, paths: dict[str, str], users: int, seconds: float) -> None:
    connection = Connection(port)
    for path in paths.values():  # warm up: templates, the API's routers, caches
        status = await connection.get(path)
        assert status == 200, (path, status)
    await connection.close()

    samples: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    until = time.monotonic() + seconds
    await asyncio.gather(*(person(port, paths, until, samples, errors) for _ in range(users)))

    base = p95(samples[BASELINE])
    total = sum(len(s) for s in samples.values())
    print(f"{users} people for {seconds:.0f} s: {total} requests ({total / seconds:.0f}/s)")
    print(f"{'page':<26}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p95 / static':>14}{'errors':>8}")
    for name in paths:
        got = samples[name] or [float("nan")]
        print(
            f"{name:<26}{len(samples[name]):>9}{statistics.median(got) * 1000:>9.1f}"
            f"{p95(got) * 1000:>9.1f}{p95(got) / base:>14.1f}{errors[name]:>8}"
        )
    print(f"errors in all: {sum(errors.values())}")


def main() -> None:
    users = int(sys.argv[1]) if len(sys.argv) > 1 else USERS
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else SECONDS
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < 4 * users + 256:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 4 * users + 256), hard))
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "demo.sqlite3"
        room = json.loads(prepare_sqlite(database, ROOM))
        with app_server(server_env(DATABASE_URL=f"sqlite:///{database}")) as (port, _pid):
            asyncio.run(asyncio.wait_for(load(port, pages(room), users, seconds), seconds + 120))


if __name__ == "__main__":
    main()
