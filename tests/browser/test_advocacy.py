"""Advocacy in the browser: an organization signs an open letter and the public count goes up;
a new version that changes a red line's paragraph re-flags it on the scorecard."""

import datetime
from pathlib import Path

from playwright.sync_api import expect

from plenary.advocacy.models import RedLine, Statement
from plenary.advocacy.services.red_lines import assess
from plenary.outbox.events import drain
from plenary.process.actors import actor_of
from plenary.process.models import User
from plenary.text.services.versions import import_version

SCENARIO = Path(__file__).resolve().parents[2] / "plenary" / "scenarios" / "cybercrime_ahc"


def test_an_organization_signs_and_the_public_count_updates(
    page, live_server, ahc, researcher, sign_in, screenshot
):
    letter = Statement.objects.get(status="open")
    url = f"{live_server.url}/n/cybercrime-ahc/statements/{letter.pk}/"
    page.goto(url)
    expect(page.locator("#signature-count")).to_have_text("1")
    expect(page.get_by_text("Illustrative statement written for the demo")).to_be_visible()

    page.goto(f"{live_server.url}/accounts/login/?next=/n/cybercrime-ahc/statements/{letter.pk}/")
    sign_in(researcher)
    page.get_by_role("button", name="Sign for Example Coalition of Security Researchers").click()
    expect(page.get_by_role("status")).to_contain_text("signed")
    expect(page.locator("#signature-count")).to_have_text("2")
    expect(page.locator("#signatories")).to_contain_text(
        "Example Coalition of Security Researchers"
    )
    screenshot("statement-signed")

    page.get_by_role("button", name="Sign out").click()
    page.goto(url)
    expect(page.locator("#signature-count")).to_have_text("2")
    expect(page.get_by_role("button", name="Sign for", exact=False)).to_have_count(0)


def test_the_scorecard_shows_the_reflagged_red_line_after_a_new_version(
    page, live_server, ahc, screenshot
):
    red_line = RedLine.objects.get(title="Security research is not criminalized")
    revised = ahc.versions.get(label="Example revised draft")
    member = User.objects.get(username="ngo-digital-rights")
    assess(
        red_line,
        revised,
        by=actor_of(member),
        verdict="met",
        reasoning="Without right, unbracketed.",
    )
    scorecard = (
        f"{live_server.url}/n/cybercrime-ahc/coalitions/{red_line.coalition.slug}/scorecard/"
    )
    page.goto(scorecard)
    row = page.locator("#scorecard tbody tr").filter(has_text=red_line.title)
    expect(row).not_to_contain_text("needs re-assessment")
    expect(page.locator("#scorecard-counts")).to_contain_text("to re-assess: 0")

    lines = (SCENARIO / "example-revised-draft.txt").read_text(encoding="utf-8").splitlines()
    lines = [
        line.replace("access to a computer system without right", "any access to a computer system")
        for line in lines
    ]
    import_version(
        ahc,
        by=actor_of(User.objects.get(username="secretariat")),
        lines=lines,
        label="Example further revised draft",
        date=datetime.date(2024, 5, 1),
        published=True,
        illustrative=True,
    )
    drain()  # the worker flags the red lines the new version changed
    page.goto(scorecard)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Example further revised draft")
    row = page.locator("#scorecard tbody tr").filter(has_text=red_line.title)
    expect(row).to_contain_text("needs re-assessment (Example further revised draft changed it)")
    expect(page.locator("#scorecard-counts")).to_contain_text("to re-assess: 1")
    expect(page.locator(".chart svg")).to_contain_text("⚑")
    screenshot("scorecard-reflagged")

    row.get_by_role("link", name=red_line.title).click()
    expect(page.locator(".reflag del")).to_contain_text("without right")
    expect(page.locator(".reflag ins")).to_contain_text("any")
    screenshot("red-line-redline")
