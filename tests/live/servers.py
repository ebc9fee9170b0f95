"""Real servers for the live-room tests and benchmarks: redis-server and uvicorn app servers on
loopback ports, each stopped when its `with` block ends, whether the block succeeded or not."""

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class ServerFailed(RuntimeError):
    """A server did not come up; the message carries what it printed."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(**overrides: str | None) -> dict[str, str]:
    """The environment of an app server: test mode, plenary.settings, and the overrides (a None
    removes the variable). The tests' own switches (async-unsafe ORM) are not passed on."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env |= {"PLENARY_MODE": "test", "DJANGO_SETTINGS_MODULE": "plenary.settings"}
    env.pop("REDIS_URL", None)
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def _wait_for_port(port: int, process: subprocess.Popen, log, name: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    log.seek(0)
    output = log.read().decode(errors="replace")[-3000:]
    raise ServerFailed(f"{name} did not listen on 127.0.0.1:{port}:\n{output}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def _serving(
    name: str, args: list[str], port: int, env: dict[str, str], timeout: float
) -> Iterator[subprocess.Popen]:
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(  # noqa: S603 (our own program and arguments)
            args, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            _wait_for_port(port, process, log, name, timeout)
            yield process
        finally:
            _stop(process)


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """A throw-away redis-server on a loopback port, without persistence; yields its URL."""
    program = shutil.which("redis-server")
    if program is None:
        raise ServerFailed(
            "redis-server is not installed: run scripts/setup --test (Debian's redis-server)."
        )
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        args = [program, "--bind", "127.0.0.1", "--port", str(port), "--dir", folder]
        args += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
        with _serving("redis-server", args, port, os.environ.copy(), timeout=10):
            yield f"redis://127.0.0.1:{port}/0"


@contextlib.contextmanager
def app_server(
    env: dict[str, str], timeout: float = 60, workers: int = 1
) -> Iterator[tuple[int, int]]:
    """One ASGI app server (uvicorn, plenary.asgi:application) on a loopback port, with
    `workers` processes; yields the port and the process id (uvicorn's own, which starts the
    workers as its children when there are several)."""
    port = free_port()
    args = [sys.executable, "-m", "uvicorn", "plenary.asgi:application", "--workers", str(workers)]
    args += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    args += ["--no-access-log", "--timeout-graceful-shutdown", "3"]
    # As deployed: Plenary reads X-Forwarded-For itself, from TRUSTED_PROXIES only.
    args += ["--no-proxy-headers"]
    # As deployed (docs/operations.md): the live room's message is the same for a thousand
    # watchers, so it is not deflated once per connection (browsers offer per-message
    # compression).
    args += ["--ws-per-message-deflate", "false"]
    with _serving(f"uvicorn on port {port}", args, port, env, timeout) as process:
        yield port, process.pid


def post(url: str, *, token: str, timeout: float = 30) -> tuple[int, object]:
    """POST with a bearer token, as a program using the API would; the status and JSON body."""
    request = urllib.request.Request(  # noqa: S310 (a loopback http URL we built)
        url, method="POST", data=b"", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return response.status, json.loads(response.read() or b"null")


def prepare_sqlite(path: Path, script: str = "") -> str:
    """Create a SQLite database file with the migrations and the reference scenario, then run
    `script` (Python, with Django set up) against it; what the script prints comes back."""
    return prepare_database(f"sqlite:///{path}", script)


def prepare_database(url: str, script: str = "") -> str:
    """Migrate the (empty) database at `url`, load the reference scenario, then run `script`
    (Python, with Django set up) against it; what the script prints comes back."""
    program = (
        "import django; django.setup()\n"
        "import io\n"
        "from django.core.management import call_command\n"
        "call_command('migrate', verbosity=0)\n"
        "call_command('load_scenario', 'cybercrime-ahc', stdout=io.StringIO())\n" + script
    )
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", program],
        env=server_env(DATABASE_URL=url),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        raise ServerFailed(f"preparing the database failed:\n{done.stderr[-3000:]}")
    return done.stdout
