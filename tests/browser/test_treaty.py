"""The treaty status page: counts as of the depositary's record, entry into force, the chart and
its table, the table by State, and the secretariat's form."""

from playwright.sync_api import expect

from plenary.process.models import Role
from plenary.treaty.models import Instrument
from tests import factories as f


def test_the_status_page_shows_where_the_convention_stands(
    page, live_server, ahc, sign_in, screenshot
):
    page.goto(f"{live_server.url}/n/cybercrime-ahc/")
    page.get_by_role("link", name="Treaty status").click()
    expect(page).to_have_url(f"{live_server.url}/n/cybercrime-ahc/treaty/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Treaty status")
    expect(page.locator("#adopted")).to_contain_text("A/RES/79/243")
    expect(page.locator("#adopted")).to_contain_text("24 December 2024 (without a vote)")
    expect(page.locator("#opening")).to_contain_text("Hanoi from 25 October 2025 to 26 October")
    expect(page.locator("#opening")).to_contain_text("until 31 December 2026")
    expect(page.locator("#entry-into-force")).to_have_text("Not yet in force: 0 of 40")
    expect(page.locator("#counts")).to_contain_text("66 signatories · 0 parties")
    expect(page.locator("#counts .as-of")).to_have_text(
        "(the depositary's record as of 19 November 2025)"
    )
    expect(page.locator("#status-note")).to_contain_text(
        "The depositary counted 72 signatories at the close of the signing ceremony"
    )
    chart = page.locator(".chart svg")
    expect(chart.locator("polyline.series-signatures")).to_have_count(1)
    expect(chart.locator("polyline.series-parties")).to_have_count(1)
    expect(chart).to_contain_text("Signatures (66)")
    # The chart's data as a table: the two days in Hanoi, then Mauritius at Headquarters.
    rows = page.locator("#over-time-table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first.locator("td")).to_have_text(["25 October 2025", "62", "0"])
    mauritius = page.locator("#states-table tbody tr").filter(has_text="Mauritius")
    expect(mauritius).to_contain_text("19 November 2025")
    expect(page.locator("#states-table .illustrative")).to_have_count(0)
    expect(page.locator("#states-table tbody tr").filter(has_text="Brazil")).to_contain_text(
        "XVIII-16"
    )
    screenshot("treaty-status")

    secretariat = f.make_user("treaty-secretariat", Role.SECRETARIAT)
    page.goto(f"{live_server.url}/accounts/login/?next=/n/cybercrime-ahc/treaty/")
    sign_in(secretariat)
    page.get_by_role("link", name="Record a signature or an instrument").click()
    page.get_by_label("State").select_option(label="Kenya")
    page.get_by_label("Instrument").select_option(label="accession")
    page.get_by_label("Date of signature or deposit").fill("2026-10-01")
    page.get_by_label("Illustrative (not from the public record)").check()
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("status")).to_have_text("Instrument recorded.")
    expect(page.locator("#entry-into-force")).to_have_text("Not yet in force: 1 of 40")
    kenya = page.locator("#states-table tbody tr").filter(has_text="Kenya")
    expect(kenya).to_contain_text("accession, 1 October 2026")
    expect(kenya.locator(".illustrative")).to_have_count(1)
    assert Instrument.objects.get(delegation__iso2="KE", treaty=ahc.treaty).illustrative
