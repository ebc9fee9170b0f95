"""WCAG 2.1 AA: axe-core finds no serious or critical violation on any page of the permission
matrix, as the public and as one signed-in role that may see it; and the browser reports no
breach of the Content-Security-Policy on any of them.

The pages come from the matrix's cases (every GET route whose expected status is 200 for a
role), so a page added later is checked as soon as it has a matrix entry. The matrix's world
is prepared next to the reference scenario; pages that do not name a record of the world
(no id in their path) are checked on the scenario too, where they have their full content.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.browser.conftest import PASSWORD, SCREENSHOTS
from tests.permissions.common import ROLES
from tests.test_permission_matrix import AREAS, CASES, role_user

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, and axe's best practices (landmarks, heading order), which it rates at most
# moderate: they are counted and shown, and only serious or critical violations fail the test.
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}
AXE_URL = "/axe-core-under-test.js"
MATRIX_PREFIX = "/n/test-ahc/"
SCENARIO_PREFIX = "/n/cybercrime-ahc/"
# Routes that answer with something other than an HTML page (files, feeds, the API's JSON);
# the API's documentation is a page.
NOT_PAGES = re.compile(r"(\.(csv|ics|atom)$|/(pdf|akn|docx)/|^/api/(?!docs$))")
API_DOCS = "/api/docs"


@dataclass(frozen=True)
class Visit:
    path: str
    role: str
    # The scenario's copy of a matrix page may name nothing there (its paragraphs differ).
    may_be_missing: bool = False


def visits(world) -> list[Visit]:
    """Each HTML page of the matrix, as the public if it may see it and as one signed-in role."""
    planned: dict[Visit, None] = {}
    for case in CASES:
        if case.method != "GET" or (case.api and case.url(world) != API_DOCS):
            continue
        allowed = [role for role in ROLES if case.expected[role] == 200]
        if not allowed:
            continue
        path = case.url(world)
        if NOT_PAGES.search(path.split("?")[0]):
            continue
        roles = [r for r in ("anon",) if r in allowed]
        signed_in = [r for r in allowed if r != "anon"]
        if signed_in:
            roles.append(signed_in[0])
        for role in roles:
            planned[Visit(path, role)] = None
        rest = path.removeprefix(MATRIX_PREFIX)
        if path.startswith(MATRIX_PREFIX) and not re.search(r"(^|/|=)\d+(/|&|$)", rest):
            for role in roles:
                planned[Visit(SCENARIO_PREFIX + rest, role, may_be_missing=True)] = None
    return list(planned)


@pytest.fixture
def matrix_world_with_scenario(world):
    """The matrix's world, then the reference scenario beside it (it takes over the shared
    General Assembly vote and keeps the world's people, who share the scenario's user names)."""
    from plenary.scenarios.loader import load_scenario

    for area in AREAS:
        if hasattr(area, "prepare"):
            area.prepare(world)
    load_scenario("cybercrime-ahc")
    return world


def serve_axe(context, live_server) -> None:
    """axe-core is served as if from the site itself, so the page's own policy allows it."""
    axe = AXE.read_text(encoding="utf-8")
    context.route(
        f"{live_server.url}{AXE_URL}",
        lambda route: route.fulfill(body=axe, content_type="text/javascript"),
    )


def axe_violations(page) -> list[dict]:
    """What axe-core finds on the page as it is now, under RULES."""
    page.add_script_tag(url=AXE_URL)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", RULES
    )
    return result["violations"]


def blocking(page) -> list[str]:
    """The serious or critical violations on the page, by their rule."""
    return [v["id"] for v in axe_violations(page) if v["impact"] in BLOCKING]


def signed_in_context(browser, live_server, user):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    serve_axe(context, live_server)
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    return context


def test_it_finds_no_serious_or_critical_violation_on_any_page(
    browser, live_server, transactional_db, matrix_world_with_scenario
):
    world = matrix_world_with_scenario
    planned = visits(world)
    contexts = {}
    problems: list[str] = []
    breaches: list[str] = []
    current = [""]

    def watch(message) -> None:
        if "Content Security Policy" in message.text:
            breaches.append(f"{current[0]}: {message.text}")

    checked = lesser = 0
    try:
        for visit in planned:
            if visit.role not in contexts:
                user = role_user(world, visit.role)
                context = signed_in_context(browser, live_server, user)
                page = context.new_page()
                page.on("console", watch)
                page.set_default_timeout(20_000)
                contexts[visit.role] = (context, page)
            page = contexts[visit.role][1]
            current[0] = f"{visit.path} as {visit.role}"
            response = page.goto(live_server.url + visit.path)
            assert response is not None
            if response.status == 404 and visit.may_be_missing:
                continue
            assert response.status == 200, f"{visit.path} as {visit.role}: {response.status}"
            if visit.path == API_DOCS:
                page.wait_for_selector(".opblock")  # Swagger UI draws after loading the schema
            violations = axe_violations(page)
            checked += 1
            for violation in violations:
                lesser += violation["impact"] not in BLOCKING
                if violation["impact"] not in BLOCKING:
                    continue
                targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
                problems.append(
                    f"{visit.path} as {visit.role}: {violation['id']} ({violation['impact']}) "
                    f"{violation['help']} — {len(violation['nodes'])} element(s), e.g. {targets}"
                )
    finally:
        for context, _page in contexts.values():
            context.close()
    summary = (
        f"axe-core: {checked} pages checked, {len(problems)} serious or critical violations, "
        f"{lesser} moderate or minor\n"
    )
    print("\n" + summary)
    SCREENSHOTS.parent.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS.parent / "accessibility.txt").write_text(summary + "\n".join(problems))
    assert checked >= 40
    assert problems == [], "\n".join(problems)
    assert breaches == [], "\n".join(breaches)


def test_the_sign_in_steps_and_the_lockout_page_have_no_serious_violation(page, live_server, world):
    """The pages the matrix reaches only by redirect: the enrollment code, the code set-up, the
    code, the lock-out."""
    serve_axe(page.context, live_server)

    def password(user, secret) -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(secret)
        page.get_by_label("Password").press("Enter")

    from plenary.process.services.people import issue_enrollment_code

    password(world.chair, PASSWORD)
    assert page.get_by_role("heading", name="Add your authenticator app").is_visible()
    assert blocking(page) == []
    enrollment = page.get_by_role("textbox", name="Enrollment code")
    enrollment.fill(issue_enrollment_code(world.chair))
    enrollment.press("Enter")
    assert page.get_by_role("img", name="QR code for your authenticator app").is_visible()
    assert blocking(page) == []
    code = page.get_by_role("textbox", name="Code")
    code.fill("000000")
    code.press("Enter")
    assert page.get_by_text("That code is not right").is_visible()
    assert blocking(page) == []

    for _ in range(5):
        password(world.delegate, "not-the-password")
    assert page.get_by_role("heading", name="Sign-in locked").is_visible()
    assert blocking(page) == []


def test_the_api_docs_show_every_operation_under_the_strict_policy(page, live_server, world):
    """Swagger UI comes from our static files and starts without inline script: it draws every
    operation of the schema, the browser reports no breach of the policy, and axe finds no
    serious or critical violation, with an operation opened."""
    from plenary.api.routes import api

    operations = sum(
        method != "parameters"
        for path in api.get_openapi_schema()["paths"].values()
        for method in path
    )
    breaches: list[str] = []
    page.on(
        "console",
        lambda message: (
            breaches.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    serve_axe(page.context, live_server)
    response = page.goto(live_server.url + API_DOCS)
    assert response is not None and response.status == 200
    assert "script-src 'self';" in response.headers["content-security-policy"]
    page.wait_for_selector(".opblock")
    assert page.locator(".opblock").count() == operations
    first = page.locator(".opblock-summary-control").first
    first.click()
    assert page.get_by_role("button", name="Try it out").first.is_visible()
    assert blocking(page) == []
    assert breaches == []
