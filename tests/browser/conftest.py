"""Browser tests: Playwright driving Debian's Chromium against a live server.

Every test here gets the real reference scenario (cybercrime-ahc) in a fresh database, a new
browser context (no cookies shared between tests) and a `screenshot` helper that saves to
test-artifacts/screenshots/. A failing test also leaves `failed-<test name>.png` there.
"""

import os
import re
from pathlib import Path

import pytest

from plenary.process.models import Delegation, Organization, Role
from tests import factories as f
from tests.factories import current_code, totp_device

# Playwright's sync API runs an event loop in this thread, and Django's ORM refuses to run
# while one is running; the tests and the live server only touch the database one at a time.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HERE = Path(__file__).resolve().parent
SCREENSHOTS = HERE.parents[1] / "test-artifacts" / "screenshots"
PASSWORD = "a-long-test-password"


def pytest_collection_modifyitems(items):
    """Mark every test in this folder (and only those) as a browser test."""
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the test so the page fixture can tell that the test failed.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing, so the browser tests cannot run. Install Debian's "
            "chromium package (apt-get install chromium); do not download a browser.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        page.screenshot(path=str(SCREENSHOTS / f"failed-{name}.png"), full_page=True)
    context.close()


@pytest.fixture
def screenshot(page):
    """Save what the user sees (the whole page, or one element) as NAME.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str, element=None) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        if element is None:
            page.screenshot(path=str(path), full_page=True)
        else:
            element.screenshot(path=str(path))
        return path

    return take


@pytest.fixture
def ahc(transactional_db):
    """The reference scenario: the Ad Hoc Committee on cybercrime, as on the public record."""
    from plenary.scenarios.loader import load_scenario

    return load_scenario("cybercrime-ahc")


@pytest.fixture
def ahc_with_examples(ahc):
    """The reference scenario with the illustrative example positions that tests of the
    analysis pages need (the scenario itself states only the positions of the record)."""
    from plenary.scenarios.example_positions import load_example_positions

    load_example_positions(ahc)
    return ahc


@pytest.fixture
def brazil_delegate(ahc):
    brazil = Delegation.objects.get(negotiation=ahc, iso2="BR")
    return f.make_user("br-delegate", Role.DELEGATION, delegation=brazil)


@pytest.fixture
def researcher(ahc):
    organization = Organization.objects.get(slug="example-security-researchers")
    return f.make_user("researcher", Role.STAKEHOLDER, organization=organization)


@pytest.fixture
def sign_in(page):
    """Fill in the sign-in form that the page shows, as a person would."""
    from playwright.sync_api import expect

    def as_user(user) -> None:
        device = totp_device(user) if user.runs_process else None
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        if device is not None:
            page.get_by_label("Code").fill(current_code(device))
            page.get_by_role("button", name="Verify").click()
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    return as_user


@pytest.fixture
def signed_in(page, live_server):
    """Give the page's browser a session for `user` (as force_login does), skipping the form."""
    from django.conf import settings
    from django.test import Client

    def as_user(user) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )

    return as_user
