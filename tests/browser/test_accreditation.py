"""Accreditation: a member state objects to a request; a stakeholder sees only its own."""

import pytest
from playwright.sync_api import expect

from plenary.process.models import AccreditationObjection, AccreditationRequest, Organization, Role
from tests import factories as f

LAB = "Example University Cyber Law Lab"
REASON = "Example reason: the coalition has not said who funds it."


def request_row(page, organization):
    return page.locator("table.accreditation tbody tr").filter(has_text=organization)


def test_it_lets_a_member_state_delegate_sign_in_and_object(
    page, live_server, ahc, brazil_delegate, sign_in, screenshot
):
    page.goto(f"{live_server.url}/accounts/login/")
    sign_in(brazil_delegate)
    page.goto(f"{live_server.url}/n/cybercrime-ahc/accreditation/")
    row = request_row(page, LAB)
    expect(row.locator(".status")).to_have_text("on the list, non-objection period running")

    row.get_by_label("Objection on behalf of Brazil").fill(REASON)
    row.get_by_role("button", name="Object").click()

    expect(page.get_by_role("status")).to_have_text(f"Objection recorded for {LAB}.")
    row = request_row(page, LAB)
    expect(row.locator(".status")).to_have_text("held: a member state objected")
    objections = row.get_by_role("cell").nth(3)
    expect(objections).to_contain_text(f"Brazil: {REASON}")
    expect(objections.locator("strong")).to_have_text("Brazil")
    expect(row).to_contain_text("Brazil has objected.")
    expect(row.get_by_role("button", name="Object")).to_have_count(0)
    screenshot("objection")

    request = AccreditationRequest.objects.get(
        negotiation=ahc, organization__slug="example-cyber-law-lab"
    )
    objection = AccreditationObjection.objects.get(request=request)
    assert objection.delegation.name == "Brazil"
    assert objection.reason == REASON


@pytest.fixture
def lab_person(ahc):
    organization = Organization.objects.get(slug="example-cyber-law-lab")
    return f.make_user("lab-person", Role.STAKEHOLDER, organization=organization)


def test_it_shows_a_stakeholder_their_own_status_and_not_the_pending_list(
    page, live_server, ahc, lab_person, sign_in, screenshot
):
    page.goto(f"{live_server.url}/accounts/login/")
    sign_in(lab_person)
    page.goto(f"{live_server.url}/n/cybercrime-ahc/accreditation/")

    own = page.get_by_role("region", name=LAB)
    expect(own).to_contain_text("Status: on the list, non-objection period running")
    expect(own).to_contain_text("objections due by")
    expect(page.locator("table.accreditation caption")).to_have_text("Admitted organizations")
    expect(page.get_by_text("Example Cloud Services Ltd.")).to_have_count(0)
    expect(page.get_by_role("columnheader", name="Objections")).to_have_count(0)
    expect(page.get_by_role("textbox")).to_have_count(0)
    expect(page.get_by_role("button", name="Object")).to_have_count(0)
    screenshot("stakeholder-accreditation")
