"""The speakers list: the chair calls the next speaker; the public list shows who has the floor."""

import re

from playwright.sync_api import expect

from plenary.participation.models import AgendaItem
from plenary.process.models import Role
from tests import factories as f


def test_it_lets_the_chair_call_the_next_speaker_and_the_list_shows_it(
    page, live_server, ahc, sign_in, screenshot
):
    chair = f.make_user("the-chair", Role.CHAIR)
    item = AgendaItem.objects.get(session__negotiation=ahc, number=1)
    base = f"{live_server.url}/n/cybercrime-ahc/sessions/{item.session_id}/items/{item.pk}"

    page.goto(f"{live_server.url}/accounts/login/?next=/n/cybercrime-ahc/")
    sign_in(chair)
    page.goto(f"{base}/speakers/chair/")
    floor = page.get_by_role("region", name="Has the floor")
    expect(floor).to_contain_text("Nobody has the floor.")

    page.get_by_role("button", name="Call the next speaker").click()
    expect(page.get_by_role("status")).to_have_text("Brazil has the floor.")
    floor = page.get_by_role("region", name="Has the floor")
    expect(floor.locator(".speaker-now")).to_have_text("Brazil")
    # The timer script counts down from Brazil's 3 minutes.
    expect(floor.locator(".timer")).to_have_text(re.compile(r"^[23]:[0-5]\d$"))
    screenshot("speakers-chair")

    page.goto(f"{base}/speakers/")
    expect(page.get_by_text("Illustrative agenda item and speakers")).to_be_visible()
    rows = page.locator("table.speakers tbody tr")
    expect(rows.nth(0)).to_contain_text("Brazil")
    expect(rows.nth(0).locator(".status")).to_have_text("has the floor")
    expect(rows.nth(1)).to_contain_text("Kenya (on behalf of African Group)")
    expect(rows.nth(1).locator(".status")).to_have_text("waiting")
    expect(page.get_by_role("region", name="Has the floor").locator(".speaker-now")).to_have_text(
        "Brazil"
    )
    screenshot("speakers-list")
