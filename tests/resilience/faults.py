"""Real faults for tests: a TCP proxy in front of the database that can be cut and restored,
the app served by uvicorn in its own process, and the command line run in its own process."""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLENARY = [sys.executable, "-m", "plenary.cli"]


def cli_environment(**env: str) -> dict[str, str]:
    """The whole environment of a command run in its own process: these settings, in test mode
    unless they say otherwise."""
    return {"PATH": os.environ.get("PATH", ""), "PLENARY_MODE": "test"} | env


def run_plenary(*arguments: str, **env: str) -> None:
    """Run `plenary ARGUMENTS` in its own process, with only these settings, to its end."""
    subprocess.run(  # noqa: S603 -- our own interpreter and command line
        [*PLENARY, *arguments],
        cwd=ROOT,
        env=cli_environment(**env),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class CuttableLink:
    """Forwards 127.0.0.1:port to the database server. `cut()` refuses new connections and
    drops the open ones, as a database server that stops does; `restore()` listens again."""

    def __init__(self, upstream_host: str, upstream_port: int):
        self.upstream = (upstream_host, upstream_port)
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(32)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            for conn in self._open:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
                conn.close()
            self._open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open |= {client, server}
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            for conn in (source, target):
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)


class AppServer:
    """`uvicorn plenary.asgi:application` on a loopback port, in its own process."""

    def __init__(self, database_url: str, **env: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            "PATH": os.environ.get("PATH", ""),
            "PLENARY_MODE": "test",
            "DATABASE_URL": database_url,
            "PYTHONDONTWRITEBYTECODE": "1",
        } | env
        self.process: subprocess.Popen | None = None
        # A file, not a pipe: the server's error log must never block it.
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in __exit__)

    def __enter__(self) -> "AppServer":
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "uvicorn",
                "plenary.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
                "--no-proxy-headers",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2),
            ):
                return self
            if self.process.poll() is not None:
                raise RuntimeError(self.errors())
            time.sleep(0.1)
        raise RuntimeError("the app server did not start within 30 s")

    def __exit__(self, *exc) -> None:
        assert self.process is not None
        self.process.terminate()
        self.process.wait(timeout=10)
        self.log.close()

    def errors(self) -> str:
        """What the server logged."""
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def get(self, path: str, **headers: str) -> tuple[int, Message, str]:
        """The status, the headers (read whatever their case: HTTP names are not
        case-sensitive, and uvicorn's fast parser sends them in lower case) and the body."""
        request = urllib.request.Request(self.url + path, headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()


class WriteTransactionWatch:
    """Tells, from outside, whether another process is inside a write transaction on the
    database: on SQLite, whether it holds the write lock (a `BEGIN IMMEDIATE` here is refused
    at once); on PostgreSQL, whether its connection (found by its application_name) is in a
    transaction that has written (it has a transaction id)."""

    def __init__(self, url: str, application_name: str):
        self.url = url
        self.application_name = application_name

    def process_url(self) -> str:
        """The database URL for the watched process."""
        if self.url.startswith("sqlite"):
            return self.url
        separator = "&" if "?" in self.url else "?"
        return f"{self.url}{separator}application_name={self.application_name}"

    def inside(self) -> bool:
        if self.url.startswith("sqlite"):
            import sqlite3

            path = self.url.removeprefix("sqlite:///")
            probe = sqlite3.connect(path, timeout=0, isolation_level=None)
            try:
                probe.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:
                return True
            else:
                probe.execute("ROLLBACK")
                return False
            finally:
                probe.close()
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE application_name = %s AND backend_xid IS NOT NULL",
                [self.application_name],
            )
            return cursor.fetchone()[0] > 0
