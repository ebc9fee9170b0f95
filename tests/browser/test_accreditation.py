"""Signing in and objecting to an accreditation request; a stakeholder's own view."""

from playwright.sync_api import expect

from plenary.process.models import AccreditationObjection


def test_a_delegate_signs_in_and_objects_for_their_state(
    page, live_server, ahc, sign_in, screenshot
):
    sign_in("delegate-br")
    page.goto(f"{live_server.url}/n/cybercrime-ahc/accreditation/")
    row = page.locator("tr").filter(has_text="Example Coalition of Security Researchers")
    row.get_by_label("Objection on behalf of Brazil").fill("Example reason for the test.")
    row.get_by_role("button", name="Object").click()
    expect(page.get_by_role("status")).to_contain_text("Objection recorded")
    row = page.locator("tr").filter(has_text="Example Coalition of Security Researchers")
    expect(row).to_contain_text("held: a member state objected")
    expect(row).to_contain_text("Brazil: Example reason for the test.")
    expect(row).to_contain_text("Brazil has objected.")
    expect(row.get_by_role("button", name="Object")).to_have_count(0)
    screenshot("objection")
    objection = AccreditationObjection.objects.get(
        request__organization__slug="example-security-researchers"
    )
    assert objection.delegation.iso2 == "BR"


def test_a_stakeholder_sees_their_own_status_and_not_the_list(page, live_server, ahc, sign_in):
    sign_in("security-researchers")
    page.goto(f"{live_server.url}/n/cybercrime-ahc/accreditation/")
    own = page.locator("section.box")
    expect(own).to_contain_text("Example Coalition of Security Researchers")
    expect(own).to_contain_text("non-objection period running")
    expect(page.get_by_text("Example Cloud Services Ltd.")).to_have_count(0)
    expect(page.get_by_role("button", name="Object")).to_have_count(0)
