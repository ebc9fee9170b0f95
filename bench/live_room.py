"""The live room under 1,000 watchers: how long the chair's call takes to reach every one of them.

One uvicorn app server (plenary.asgi, the in-memory channel layer) on a loopback port, against a
SQLite file with the reference scenario and 40 delegations on the list of one agenda item; or,
with --servers and --database, several app servers (their watchers spread over them, the
room's messages through Redis) on SQLite or PostgreSQL (under scripts/with-postgres).
bench/public_pages_load.py --live-room runs this measurement while people browse.
WebSocket watchers (the `websockets` client, all in this process) connect to that item's room,
spread over the six languages as a real room's pages are; then the chair calls the next
speaker through the API over HTTP, several times. Each watcher does what its page does with
an update: it decodes the message and takes the room's HTML from it, checking that it shows the
new speaker; nothing else is asked of the server. Latency is from sending the chair's request
to a watcher holding the new room, so it includes the request itself and the server rendering
the room in six languages; the baseline is the same measure with 10 watchers, in the same run.
"call ms" is the median time the chair waited for the answer to the call itself.
The servers' memory is read from /proc (the largest process).
Targets (docs/design.md): p99 within 1 s for 1,000 watchers; server RSS at most 300 MB. The run
exits with status 1 when a target is missed (or a watcher was not reached), 0 otherwise.
Bounded: at most WATCHERS connections and ROUNDS calls, the whole run within DEADLINE seconds;
the server stops when the run ends, whether it succeeded or not.
Run: .venv/bin/python bench/live_room.py [watchers] [--servers N] [--database sqlite|postgresql]
"""

import argparse
import asyncio
import html
import json
import resource
import statistics
import sys
import time
import urllib.request
from pathlib import Path

import websockets

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import contextlib

from deployment import DATABASES, deployment, process_tree

from tests.live.servers import post

WATCHERS = 1000
BASELINE_WATCHERS = 10
ROUNDS = 10
DEADLINE = 300  # seconds for the whole run
CONNECTING_AT_ONCE = 50
LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh-hans")
TARGET_P99 = 1.0  # seconds
TARGET_RSS = 300  # MB

LONG_LIST = """
import json
from plenary.participation.models import AgendaItem
from plenary.participation.services.speakers import request_floor
from plenary.process.actors import actor_of
from plenary.process.models import Delegation, Role, User
from plenary.process.services.people import issue_api_token
chair = User.objects.create(username="bench-chair", role=Role.CHAIR)
item = AgendaItem.objects.get(session__negotiation__slug="cybercrime-ahc", number=2)
members = Delegation.objects.filter(negotiation=item.session.negotiation, kind="member_state")
for delegation in members.order_by("name")[:40]:
    request_floor(item, by=actor_of(chair), delegation=delegation)
speakers = [d.name for d in members.order_by("name")[:40]]
print(json.dumps({
    "session": item.session_id, "item": item.pk, "token": issue_api_token(chair),
    "speakers": speakers,
}))
"""


def raise_file_limit(needed: int) -> None:
    """Each watcher is a socket at both ends, in this process and in the server (a child)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < needed:
        wanted = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        if wanted < needed:
            sys.exit(f"The open-file limit ({hard}) is below the {needed} this run needs.")


def memory_mb(pid: int) -> tuple[float, float]:
    """The process's resident memory now and at its peak, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _sep, value = line.partition(":")
        fields[name] = value.strip()
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


class Room:
    """Watchers of one room and when each update reached each of them, ready to show."""

    def __init__(self, urls: list[str], origin: str) -> None:
        self.urls, self.origin = urls, origin
        self.sockets: list = []
        self.tasks: list[asyncio.Task] = []
        self.received = 0
        self.expected = 0
        self.all_in = asyncio.Event()
        self.arrivals: list[float] = []
        self.floor: str | None = None  # who the round's update gives the floor to
        self.wrong = 0  # updates whose room did not show that speaker
        self.message_bytes = 0
        self.calls: list[float] = []  # how long each chair's call took to be answered (s)

    async def _connect_one(self, url: str, language: str) -> None:
        socket = await websockets.connect(
            f"{url}?lang={language}",
            origin=self.origin,
            open_timeout=120,
            ping_interval=None,
            close_timeout=2,
            max_size=2**22,
        )
        assert "html" in json.loads(await socket.recv())  # the room on connecting
        self.sockets.append(socket)
        self.tasks.append(asyncio.create_task(self._listen(socket)))

    async def connect(self, count: int) -> None:
        for start in range(0, count, CONNECTING_AT_ONCE):
            batch = range(start, min(start + CONNECTING_AT_ONCE, count))
            await asyncio.gather(
                *(
                    self._connect_one(self.urls[n % len(self.urls)], LANGUAGES[n % len(LANGUAGES)])
                    for n in batch
                )
            )

    async def _listen(self, socket) -> None:
        async for message in socket:
            # What the page does: decode the message and take the room to show.
            room = json.loads(message)["html"]
            self.arrivals.append(time.perf_counter())
            self.message_bytes = max(self.message_bytes, len(message))
            if self.floor is None or f'speaker-now">{html.escape(self.floor)}<' not in room:
                self.wrong += 1
            self.received += 1
            if self.received >= self.expected:
                self.all_in.set()

    async def call_next(self, url: str, token: str, floor: str, timeout: float = 30) -> list[float]:
        """Latencies (s) of one chair's call to every watcher; a watcher not reached is inf."""
        self.arrivals, self.received, self.expected = [], 0, len(self.sockets)
        self.floor = floor
        self.all_in.clear()
        sent = time.perf_counter()
        status, _body = await asyncio.to_thread(post, url, token=token)
        assert status == 200, status
        self.calls.append(time.perf_counter() - sent)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.all_in.wait(), timeout)
        latencies = [arrival - sent for arrival in self.arrivals]
        return latencies + [float("inf")] * (self.expected - len(latencies))

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*(s.close() for s in self.sockets), return_exceptions=True)


def get(url: str) -> None:
    with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (loopback)
        assert response.status == 200, (url, response.status)


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def memory_of(pids: list[int]) -> tuple[float, float]:
    """The largest resident memory, now and at its peak, of the app servers' processes (with
    uvicorn's workers)."""
    sizes = []
    for server in pids:
        for pid in process_tree(server):
            with contextlib.suppress(FileNotFoundError):  # a worker that has just ended
                sizes.append(memory_mb(pid))
    return max(now for now, _peak in sizes), max(peak for _now, peak in sizes)


async def measure(servers: list[tuple[int, int]], room: dict, watchers: int) -> bool:
    """Run both rooms and print the table; whether the targets were met. The watchers are
    spread over the app servers; the chair calls through the first."""
    port = servers[0][0]
    pids = [pid for _port, pid in servers]
    item = f"n/cybercrime-ahc/sessions/{room['session']}/items/{room['item']}"
    socket_urls = [f"ws://127.0.0.1:{p}/ws/{item}/" for p, _pid in servers]
    api = f"negotiations/cybercrime-ahc/sessions/{room['session']}/agenda/{room['item']}"
    call_url = f"http://127.0.0.1:{port}/api/{api}/speakers/next"
    origin = f"http://127.0.0.1:{port}"
    # Warm the servers up (the API's first request imports its routers) outside the timings.
    started = time.perf_counter()
    for p, _pid in servers:
        await asyncio.to_thread(get, f"http://127.0.0.1:{p}/api/{api}/speakers")
        await asyncio.to_thread(get, f"http://127.0.0.1:{p}/{item}/speakers/")
    warm_up = time.perf_counter() - started
    rss_idle, _peak = memory_of(pids)

    rows = []
    speakers = iter(room["speakers"])
    wrong = 0
    message_bytes = 0
    for count, rounds in ((BASELINE_WATCHERS, ROUNDS), (watchers, ROUNDS)):
        watching = Room(socket_urls, origin)
        started = time.perf_counter()
        await watching.connect(count)
        connect_seconds = time.perf_counter() - started
        rss_connected, _peak = memory_of(pids)
        samples: list[float] = []
        for _ in range(rounds):
            samples += await watching.call_next(call_url, room["token"], next(speakers))
        missed = sum(1 for s in samples if s == float("inf"))
        wrong += watching.wrong
        message_bytes = max(message_bytes, watching.message_bytes)
        _rss_after, peak = memory_of(pids)
        rows.append(
            (count, rounds, samples, missed, connect_seconds, rss_connected, peak, watching.calls)
        )
        await watching.close()
        await asyncio.sleep(0.5)

    baseline_p99 = percentile(rows[0][2], 0.99)
    print(
        f"the live room: server RSS before any watcher: {rss_idle:.0f} MB "
        f"(after {warm_up:.1f} s warming up)"
    )
    print(
        f"{'watchers':>9}{'updates':>9}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}"
        f"{'p99 / 10':>10}{'call ms':>9}{'missed':>8}{'connect s':>11}{'RSS MB':>8}"
        f"{'peak MB':>9}"
    )
    for count, _rounds, samples, missed, connect_seconds, rss, peak, calls in rows:
        p99 = percentile(samples, 0.99)
        print(
            f"{count:>9}{len(samples):>9}{statistics.median(samples) * 1000:>9.1f}"
            f"{p99 * 1000:>9.1f}{max(samples) * 1000:>9.1f}{p99 / baseline_p99:>10.1f}"
            f"{statistics.median(calls) * 1000:>9.1f}{missed:>8}{connect_seconds:>11.1f}"
            f"{rss:>8.0f}{peak:>9.0f}"
        )
    count, _rounds, samples, missed, _c, rss, peak, _calls = rows[-1]
    p99 = percentile(samples, 0.99)
    fast, small = p99 <= TARGET_P99, peak <= TARGET_RSS
    print(
        f"largest message: {message_bytes / 1024:.1f} kB; updates not showing the speaker: {wrong}"
    )
    print(
        f"target p99 <= {TARGET_P99 * 1000:.0f} ms for {count} watchers: "
        f"{'met' if fast else 'MISSED'} ({p99 * 1000:.0f} ms); target RSS <= {TARGET_RSS} MB: "
        f"{'met' if small else 'MISSED'} (peak {peak:.0f} MB)"
    )
    return fast and small and not missed and not wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("watchers", type=int, nargs="?", default=WATCHERS)
    parser.add_argument("--database", choices=DATABASES, default="sqlite")
    parser.add_argument("--servers", type=int, default=1)
    options = parser.parse_args()
    raise_file_limit(2 * options.watchers + 256)
    with deployment(options.database, options.servers, 1, LONG_LIST) as deployed:
        print(f"{options.watchers} watchers: {deployed.description}")
        room = json.loads(deployed.prepared)
        met = asyncio.run(
            asyncio.wait_for(measure(deployed.servers, room, options.watchers), DEADLINE)
        )
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
