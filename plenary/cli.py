"""The `plenary` command: `plenary demo`, `plenary worker`, `plenary load-scenario`,
`plenary create-user`, and every Django management command (`plenary migrate`, ...)."""

import argparse
import os
import secrets
import subprocess
import sys
from pathlib import Path

# Django's own commands use underscores; the project's are spelled with hyphens.
ALIASES = {
    "load-scenario": "load_scenario",
    "create-user": "create_user",
    "revoke-token": "revoke_token",
    "otp-device": "otp_device",
    "otp-enrollment": "otp_enrollment",
    "admit-lapsed-accreditations": "admit_lapsed_accreditations",
    "import-text": "import_text",
    "send-notifications": "send_notifications",
}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "demo":
        demo(argv[1:])
        return
    if argv:
        argv[0] = ALIASES.get(argv[0], argv[0])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["plenary", *argv])


def demo(argv: list[str]) -> None:
    """Run the demo: embedded SQLite, the reference scenario loaded, demo accounts, a server."""
    parser = argparse.ArgumentParser(prog="plenary demo", description=demo.__doc__)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--db", type=Path, default=Path("var/demo.sqlite3"))
    parser.add_argument("--scenario", default="cybercrime-ahc")
    options = parser.parse_args(argv)

    options.db.parent.mkdir(parents=True, exist_ok=True)
    os.environ["PLENARY_MODE"] = "demo"
    os.environ["DATABASE_URL"] = f"sqlite:///{options.db.resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "plenary.settings")

    import django

    django.setup()
    from django.core.management import call_command

    from plenary.scenarios.demo import create_demo_accounts

    call_command("migrate", verbosity=0)
    call_command("load_scenario", options.scenario)
    password = os.environ.get("PLENARY_DEMO_PASSWORD") or secrets.token_urlsafe(9)
    accounts = create_demo_accounts(password)
    print(f"Demo accounts (illustrative people); the password for all: {password}")
    for username, description in accounts:
        print(f"  {username:<22} {description}")
    url = f"http://{options.host}:{options.port}/"
    os.environ["SITE_URL"] = url
    print(f"\nPlenary demo running at {url}  (Ctrl+C to stop)\n", flush=True)

    import uvicorn

    # The worker beside the server, as in production: notifications, emails, red-line flags.
    worker = subprocess.Popen([sys.executable, "-m", "plenary.cli", "worker"])
    try:
        # The live room sends one message per watcher; compressing each costs more than it saves.
        uvicorn.run(
            "plenary.asgi:application",
            host=options.host,
            port=options.port,
            log_level="warning",
            ws_per_message_deflate=False,
            # Plenary reads X-Forwarded-For itself, and only from TRUSTED_PROXIES: uvicorn would
            # believe it from any client on this machine.
            proxy_headers=False,
        )
    finally:
        worker.terminate()
        worker.wait(timeout=10)


if __name__ == "__main__":
    main()
