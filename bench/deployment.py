"""The app as deployed, for the load benchmarks: the reference scenario in SQLite (a throw-away
file) or PostgreSQL (the server scripts/with-postgres starts, from DATABASE_URL), one or several
uvicorn app servers with several worker processes each, and, when there is more than one
process, a redis-server for the shared cache and the live room's channel layer. Everything
started here stops when the `with` block ends, whether it succeeded or not."""

import contextlib
import os
import sys
import tempfile
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.live.servers import app_server, prepare_database, redis_server, server_env

DATABASES = ("sqlite", "postgresql")


@dataclass
class Deployment:
    servers: list[tuple[int, int]]  # (port, process id) of each app server
    prepared: str  # what the preparation script printed
    description: str


def database_url(database: str, folder: Path) -> str:
    if database == "sqlite":
        return f"sqlite:///{folder / 'bench.sqlite3'}"
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit(
            "--database postgresql runs against a throw-away PostgreSQL server: run the benchmark "
            "under scripts/with-postgres (for example PLENARY_PG_PORT=54330 scripts/with-postgres "
            ".venv/bin/python bench/public_pages_load.py --database postgresql)."
        )
    # A new, empty database on that server for this run.
    import psycopg

    name = urllib.parse.urlsplit(url).path.lstrip("/")
    server = urllib.parse.urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url


@contextlib.contextmanager
def deployment(
    database: str, servers: int, workers: int, script: str, redis: bool = False
) -> Iterator[Deployment]:
    """The database prepared with the scenario and `script`, and the app servers running."""
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        url = database_url(database, folder)
        prepared = prepare_database(url, script)
        env = {"DATABASE_URL": url}
        shared = redis or servers * workers > 1
        if shared:
            env["REDIS_URL"] = stack.enter_context(redis_server())
        running = [
            stack.enter_context(app_server(server_env(**env), timeout=120, workers=workers))
            for _ in range(servers)
        ]
        description = (
            f"{servers} app server{'s' if servers > 1 else ''} × {workers} "
            f"worker{'s' if workers > 1 else ''} (uvicorn) on {database}"
            + (", Redis for the cache and the channel layer" if shared else "")
            + f", on a machine with {os.cpu_count()} cores"
        )
        yield Deployment(running, prepared, description)


def process_tree(pid: int) -> list[int]:
    """A process and its descendants (uvicorn's workers), from /proc."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except FileNotFoundError:  # a thread that has just ended
            continue
        for child in children:
            found += process_tree(int(child))
    return found
