"""What the public sees: the negotiation and its mandate, the timeline, the recorded vote."""

import re

from playwright.sync_api import expect

# The real sessions of the Ad Hoc Committee, in the order they met.
SESSIONS_IN_ORDER = [
    "Organizational session",
    "Session on organizational matters",
    "First session",
    "First intersessional consultation",
    "Second session",
    "Third session",
    "Fourth session",
    "Fifth session",
    "Sixth session",
    "Concluding session",
    "Reconvened concluding session",
]
CLOSED_INFORMALS = "Informal consultations on the draft text (example)"


def timeline_row(page, title):
    """The timeline row whose session link reads exactly `title`."""
    link = page.get_by_role("link", name=title, exact=True)
    return page.locator("table.timeline tbody tr").filter(has=link)


def test_it_leads_from_the_home_page_to_the_negotiation_and_its_mandate(
    page, live_server, ahc, screenshot
):
    page.goto(live_server.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Negotiations")
    expect(page.get_by_text("Ad Hoc Committee to Elaborate a Comprehensive")).to_be_visible()
    screenshot("home")

    page.get_by_role("link", name="Cybercrime convention", exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/n/cybercrime-ahc/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Cybercrime convention")
    mandate = page.get_by_role("region", name="Mandate")
    expect(mandate).to_contain_text("General Assembly resolution A/RES/74/247 of 27 December 2019")
    expect(mandate.locator(".vote-summary strong")).to_have_text(["79", "60", "33"])
    expect(mandate.locator(".vote-summary")).to_contain_text(
        "79 in favour, 60 against, 33 abstentions"
    )
    expect(mandate.get_by_role("link", name="A/RES/74/247")).to_have_attribute(
        "href", "https://undocs.org/A/RES/74/247"
    )
    committee = page.get_by_role("region", name="The committee")
    expect(committee.get_by_text("Chair: Faouzia Boumaiza Mebarki (Algeria)")).to_be_visible()
    screenshot("negotiation")


def test_it_lists_the_sessions_in_date_order_with_their_history(page, live_server, ahc, screenshot):
    page.goto(f"{live_server.url}/n/cybercrime-ahc/")

    timeline = page.locator("table.timeline")
    titles = timeline.locator("tbody tr td:nth-child(2) a").all_inner_texts()
    assert [t for t in titles if t in SESSIONS_IN_ORDER] == SESSIONS_IN_ORDER
    expect(timeline_row(page, "First session")).to_contain_text("New York")
    expect(timeline_row(page, "Second session")).to_contain_text("Vienna")
    concluding = timeline_row(page, "Concluding session")
    expect(concluding.locator(".status")).to_have_text("suspended")
    expect(concluding.locator(".event")).to_have_count(2)
    expect(concluding.locator(".event").nth(0)).to_contain_text("suspended 9 February 2024")
    expect(concluding.locator(".event").nth(1)).to_contain_text("reconvened 29 July 2024")
    expect(timeline_row(page, "Reconvened concluding session")).to_contain_text("29 July")

    regional = timeline_row(page, "Regional consultation (example)")
    expect(regional.get_by_text("illustrative", exact=True)).to_be_visible()
    expect(timeline_row(page, "First session").get_by_text("illustrative")).to_have_count(0)
    screenshot("timeline", timeline)


def test_it_shows_the_closed_informals_as_facts_and_their_title_once_a_delegation_signs_in(
    page, live_server, ahc, brazil_delegate, sign_in
):
    page.goto(f"{live_server.url}/n/cybercrime-ahc/")
    expect(page.locator("table.timeline")).to_contain_text("Second session")
    expect(page.get_by_text(CLOSED_INFORMALS)).to_have_count(0)
    expect(page.locator("table.timeline")).to_contain_text("content not public")
    expect(page.get_by_text("Of meetings closed to stakeholders, only the facts")).to_be_visible()

    page.get_by_role("link", name="Sign in").click()
    sign_in(brazil_delegate)

    expect(page).to_have_url(f"{live_server.url}/n/cybercrime-ahc/")
    closed = timeline_row(page, CLOSED_INFORMALS)
    expect(closed).to_contain_text("closed to stakeholders")
    expect(closed.get_by_text("illustrative", exact=True).first).to_be_visible()


def test_it_filters_the_vote_table_as_you_type_without_reloading(
    page, live_server, ahc, screenshot
):
    page.goto(f"{live_server.url}/votes/A/RES/74/247/")
    rows = page.locator("#vote-rows tr:not(.region-row)")
    expect(rows.filter(has_text="France")).to_have_count(1)
    # A full page load would forget this; an HTMX swap keeps it.
    page.evaluate("window.stillTheSamePage = true")

    page.get_by_label("State").fill("Bra")

    expect(rows.filter(has_text="Brazil")).to_be_visible()
    expect(rows.filter(has_text="France")).to_have_count(0)
    expect(rows).to_have_count(1)
    expect(page).to_have_url(re.compile(r"[?&]q=Bra\b"))
    assert page.evaluate("window.stillTheSamePage") is True

    page.get_by_label("State").fill("")
    page.get_by_label("Bloc").select_option(label="European Union")

    expect(rows).to_have_count(27)
    expect(rows.filter(has_text="France")).to_have_count(1)
    expect(rows.filter(has_text="Brazil")).to_have_count(0)
    blocs = rows.locator("td:nth-child(5)").all_inner_texts()
    assert all("European Union" in cell for cell in blocs), blocs
    assert page.evaluate("window.stillTheSamePage") is True
    screenshot("vote")
