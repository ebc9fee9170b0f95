"""What the public sees: the negotiation, its mandate and vote, the timeline."""

from playwright.sync_api import expect


def test_it_shows_the_negotiation_from_the_home_page(page, live_server, ahc, screenshot):
    page.goto(live_server.url)
    page.get_by_role("link", name="Cybercrime convention").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cybercrime convention")
    summary = page.locator(".vote-summary")
    expect(summary).to_contain_text("79 in favour")
    expect(summary).to_contain_text("60 against")
    expect(summary).to_contain_text("33 abstentions")
    expect(page.get_by_text("Chair: Faouzia Boumaiza Mebarki (Algeria)")).to_be_visible()
    expect(page.get_by_role("link", name="A/RES/74/247").first).to_have_attribute(
        "href", "https://undocs.org/A/RES/74/247"
    )
    screenshot("negotiation")


def test_the_timeline_lists_the_sessions_in_order_with_their_history(
    page, live_server, ahc, screenshot
):
    page.goto(f"{live_server.url}/n/cybercrime-ahc/")
    rows = page.locator("table.timeline tbody tr")
    titles = rows.locator("td:nth-child(2) a").all_inner_texts()
    assert titles.index("First session") < titles.index("Second session")
    assert titles.index("Concluding session") < titles.index("Reconvened concluding session")
    expect(rows.filter(has_text="Second session")).to_contain_text("Vienna")
    concluding = rows.filter(has_text="Concluding session").first
    expect(concluding).to_contain_text("suspended 9 February 2024")
    expect(concluding).to_contain_text("reconvened 29 July 2024")
    expect(rows.filter(has_text="Regional consultation (example)")).to_contain_text("illustrative")
    assert "Informal consultations on the draft text (example)" not in titles
    screenshot("timeline")


def test_a_delegation_sees_the_closed_informals(page, live_server, ahc, sign_in):
    sign_in("delegate-br")
    page.goto(f"{live_server.url}/n/cybercrime-ahc/")
    closed = page.locator("table.timeline tbody tr").filter(has_text="Informal consultations")
    expect(closed).to_contain_text("closed to stakeholders")


def test_the_vote_table_filters_as_you_type_without_reloading(page, live_server, ahc, screenshot):
    page.goto(f"{live_server.url}/votes/A/RES/74/247/")
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("State").fill("Bra")
    rows = page.locator("#vote-rows tr:not(.region-row)")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Brazil")
    assert page.evaluate("window.stillTheSamePage") is True
    page.get_by_label("State").fill("")
    page.get_by_label("Bloc").select_option(label="European Union")
    expect(rows).to_have_count(27)
    expect(page.locator("#vote-rows")).to_contain_text("France")
    assert page.evaluate("window.stillTheSamePage") is True
    screenshot("vote")
