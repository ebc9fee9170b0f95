"""People browsing the public pages at once, against the app as deployed (bench/deployment.py):
uvicorn app servers with their worker processes, on SQLite or PostgreSQL, Redis when there is
more than one process, the reference scenario loaded.

Each simulated person keeps one HTTP/1.1 connection, as a browser does, to one app server (the
people are spread over the servers as a load balancer spreads them), reads in one of the six
languages, and goes from page to page with a short pause between them. The run has two phases
of SECONDS each, with the same people: first they fetch only a static file served by the same
app (WhiteNoise), which gives the throughput the machine reaches for them; then they browse the
public pages with that static file in the mix, which gives the latency baseline under the same
load. Prints requests, throughput, p50/p95 per page and each p95 against the static file's, and
errors (a refused connection, a timeout or a status other than 200).
With --live-room, 1,000 watchers (bench/live_room.py, in a process of its own) follow the room of
an agenda item while the people browse, and the chair calls the next speaker ten times; the
browsing goes on until the live room's measurement is over.

Targets (docs/design.md): 100 people: every page's p95 at most 2 times the static file's, the
throughput at least 70% of the static-only phase's, no error; 1,000 people (on PostgreSQL with
Redis and two app servers): no error, every page's p95 under 1 s; the live room's own targets.
The run exits with status 1 when a target is missed.
Bounded: every request gives up after TIMEOUT seconds (an error); the servers stop when the run
ends, whether it succeeded or not.

The client is plain asyncio (the standard library), not locust: no dependency to add, and one
process of light coroutines leaves the machine's cores to the servers being measured, where
locust's gevent workers and their web interface would compete with them. Browsers would also
keep the static file and revalidate pages (304); here every request is a full one.
Run: .venv/bin/python bench/public_pages_load.py [--people 100] [--seconds 30]
       [--database sqlite|postgresql] [--servers 1] [--workers N] [--live-room]
PostgreSQL: under scripts/with-postgres, which starts a throw-away server and sets DATABASE_URL.
"""

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import resource
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from deployment import DATABASES, deployment

TIMEOUT = 30
PAUSE = (0.2, 1.0)  # seconds a person spends on a page before the next one
BASELINE = "static file (baseline)"
LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh-hans")
TARGET_RATIO = 2.0  # 100 people: each page's p95 against the static file's
TARGET_THROUGHPUT = 0.7  # 100 people: against the static-only phase
TARGET_P95 = 1.0  # more people: seconds

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

    def __init__(self, port: int, language: str = "en") -> None:
        self.port = port
        self.language = language
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None or self.writer.is_closing():
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        request = (
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
            f"Accept-Language: {self.language}\r\n\r\n"
        )
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


class Browsing:
    """What the people got: seconds per request by page, errors by page."""

    def __init__(self) -> None:
        self.samples: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.done = False

    async def person(self, port: int, language: str, paths: dict[str, str]) -> None:
        connection = Connection(port, language)
        names = list(paths)
        try:
            while not self.done:
                name = random.choice(names)
                started = time.perf_counter()
                try:
                    status = await asyncio.wait_for(connection.get(paths[name]), TIMEOUT)
                except (OSError, TimeoutError, ValueError, IndexError, asyncio.IncompleteReadError):
                    self.errors[name] += 1
                    await connection.close()
                else:
                    self.samples[name].append(time.perf_counter() - started)
                    if status != 200:
                        self.errors[name] += 1
                await asyncio.sleep(random.uniform(*PAUSE))
        finally:
            await connection.close()

    @property
    def requests(self) -> int:
        return sum(len(s) for s in self.samples.values()) + sum(self.errors.values())


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]


async def browse(ports: list[int], paths: dict[str, str], people: int, until) -> Browsing:
    """`people` people on `paths` until `until()` says stop."""
    browsing = Browsing()
    tasks = [
        asyncio.create_task(
            browsing.person(ports[n % len(ports)], LANGUAGES[n % len(LANGUAGES)], paths)
        )
        for n in range(people)
    ]
    while not until():
        await asyncio.sleep(0.2)
    browsing.done = True
    await asyncio.gather(*tasks)
    return browsing


async def warm_up(ports: list[int], paths: dict[str, str]) -> None:
    """Every page once per server and language: templates, the API's routers, the caches."""
    for port in ports:
        for language in LANGUAGES:
            connection = Connection(port, language)
            for path in paths.values():
                status = await connection.get(path)
                assert status == 200, (path, status)
            await connection.close()


def live_room_watching(servers, prepared: str, results) -> None:
    """The live room's benchmark, in a process of its own (its watchers must not compete with
    the people for this process's time)."""
    import live_room

    room = json.loads(prepared.splitlines()[-1])
    try:
        results.put(asyncio.run(live_room.measure(servers, room, live_room.WATCHERS)))
    finally:
        sys.stdout.flush()  # a forked process ends without flushing its buffers


def report(
    static: Browsing, mixed: Browsing, paths, people: int, static_seconds: float, seconds: float
) -> list[str]:
    """Print the table; the targets missed."""
    missed = []
    base = p95(mixed.samples[BASELINE])
    static_rate = static.requests / static_seconds
    mixed_rate = mixed.requests / seconds
    print(f"static file only: {static.requests} requests ({static_rate:.0f}/s)")
    print(
        f"browsing: {mixed.requests} requests ({mixed_rate:.0f}/s, "
        f"{mixed_rate / static_rate:.0%} of the static-only throughput)"
    )
    print(f"{'page':<26}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p95 / static':>14}{'errors':>8}")
    for name in paths:
        got = mixed.samples[name] or [float("nan")]
        print(
            f"{name:<26}{len(mixed.samples[name]):>9}{statistics.median(got) * 1000:>9.1f}"
            f"{p95(got) * 1000:>9.1f}{p95(got) / base:>14.1f}{mixed.errors[name]:>8}"
        )
        if people <= 100 and p95(got) > TARGET_RATIO * base:
            missed.append(f"{name}: p95 over {TARGET_RATIO:g} times the static file's")
        if people > 100 and not p95(got) < TARGET_P95:
            missed.append(f"{name}: p95 not under {TARGET_P95:g} s")
    errors = sum(mixed.errors.values()) + sum(static.errors.values())
    print(f"errors in all: {errors}")
    if errors:
        missed.append(f"{errors} errors")
    if people <= 100 and mixed_rate < TARGET_THROUGHPUT * static_rate:
        missed.append(f"throughput under {TARGET_THROUGHPUT:.0%} of the static-only phase's")
    return missed


async def run(options, servers, prepared: str) -> list[str]:
    ports = [port for port, _pid in servers]
    paths = pages(json.loads(prepared.splitlines()[0]))
    await warm_up(ports, paths)

    started = time.monotonic()
    ends = started + options.seconds
    static = await browse(
        ports, {BASELINE: paths[BASELINE]}, options.people, lambda: time.monotonic() >= ends
    )
    static_seconds = time.monotonic() - started

    watching = None
    if options.live_room:
        results = multiprocessing.get_context("fork").Queue()
        watching = multiprocessing.get_context("fork").Process(
            target=live_room_watching, args=(servers, prepared, results)
        )
        watching.start()
    started = time.monotonic()
    ends = started + options.seconds
    mixed = await browse(
        ports,
        paths,
        options.people,
        lambda: time.monotonic() >= ends and (watching is None or not watching.is_alive()),
    )
    seconds = time.monotonic() - started
    print(f"browsing lasted {seconds:.0f} s")
    missed = report(static, mixed, paths, options.people, static_seconds, seconds)
    if watching is not None:
        watching.join()
        if results.empty() or not results.get():
            missed.append("the live room's targets (above)")
    return missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--database", choices=DATABASES, default="sqlite")
    parser.add_argument("--servers", type=int, default=1)
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="worker processes per app server (default: as docs/operations.md says)",
    )
    parser.add_argument("--live-room", action="store_true")
    options = parser.parse_args()
    # As deployed: one worker process per core, over all the app servers of this machine.
    cores = os.cpu_count() or 1
    workers = options.workers or max(1, cores // options.servers)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    needed = 4 * options.people + (4000 if options.live_room else 0) + 256
    if soft < needed:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, needed), hard))

    script = ROOM
    if options.live_room:
        import live_room

        script = ROOM + live_room.LONG_LIST
    with deployment(options.database, options.servers, workers, script) as deployed:
        print(f"{options.people} people, {options.seconds:.0f} s a phase: {deployed.description}")
        missed = asyncio.run(run(options, deployed.servers, deployed.prepared))
    for miss in missed:
        print(f"MISSED: {miss}")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
