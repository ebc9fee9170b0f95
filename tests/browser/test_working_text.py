"""At the table: a delegation proposes an alternative and sees it bracketed; the chair may not
agree the paragraph ad referendum while it is open, takes the proposal into the text instead,
and the page says what still stands in the way."""

from playwright.sync_api import expect

from plenary.process.models import Role
from plenary.text.models import ParagraphState
from tests import factories as f

EID = "art_7__para_1"  # Illegal access, paragraph 1, in the example revised draft


def test_a_delegate_proposes_an_alternative_and_the_chair_agrees_ad_ref(
    page, live_server, ahc_with_examples, brazil_delegate, sign_in, screenshot
):
    draft = f"{live_server.url}/n/cybercrime-ahc/draft/"
    page.goto(f"{live_server.url}/accounts/login/?next=/n/cybercrime-ahc/draft/")
    sign_in(brazil_delegate)
    page.locator(f"li#{EID}").get_by_role("link", name="Propose on 1").click()
    page.get_by_label("Proposal", exact=True).select_option("alternative")
    page.get_by_label("Wording", exact=True).fill(
        "access to the whole or any part of a computer system"
    )
    page.get_by_role("button", name="Propose").click()
    expect(page.get_by_role("status")).to_contain_text("Proposal recorded.")
    expect(page.locator("#paragraph-proposals")).to_contain_text("add an alternative (BR)")
    page.goto(draft)
    bracket = page.locator(f"li#{EID} > div .bracket").first
    expect(bracket).to_contain_text("/ access to the whole or any part of a computer system (BR)")
    screenshot("proposal-bracketed")

    page.get_by_role("button", name="Sign out").click()
    page.goto(f"{live_server.url}/accounts/login/?next=/n/cybercrime-ahc/draft/")
    sign_in(f.make_user("chair-test", Role.CHAIR))
    page.goto(f"{draft}#{EID}")
    page.locator(f"li#{EID}").get_by_role("link", name="Draft or set the status of 1").click()
    page.get_by_label("Status").select_option("agreed_ad_ref")
    page.get_by_role("button", name="Set status").click()
    # The example positions object to this paragraph, and Brazil's
    # proposal is open: the refusal names both, and the status form keeps the choice.
    refusal = page.locator("#form-status")
    expect(refusal).to_contain_text("1 open proposal (BR)")
    expect(refusal).to_contain_text("standing objection")
    expect(page.get_by_label("Status")).to_have_value("agreed_ad_ref")
    screenshot("agreement-refused-with-reasons")
    page.locator("#paragraph-proposals li", has_text="access to the whole").get_by_role(
        "button", name="Take it into the text"
    ).click()
    expect(page.get_by_role("status")).to_contain_text("taken into the working text")
    expect(page.locator("#paragraph-wording")).to_contain_text(
        "access to the whole or any part of a computer system (BR)"
    )
    assert not ParagraphState.objects.filter(status="agreed_ad_ref").exists()
