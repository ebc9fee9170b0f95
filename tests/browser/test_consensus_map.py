"""The consensus map renders, filters by bloc, and its table matches the data."""

from playwright.sync_api import expect

from plenary.positions.services import consensus_on, object_to_paragraph, record_stance
from plenary.process.models import Delegation, Role, User
from plenary.text.structure import walk_paragraphs

SOURCE = [{"title": "Example statement (illustrative)", "url": "https://example.org/statement"}]


def test_the_consensus_map_renders_filters_by_bloc_and_matches_its_table(
    page, live_server, ahc, screenshot
):
    secretariat = User.objects.get(username="secretariat")
    version = ahc.versions.order_by("-position").first()
    eids = [p["eid"] for p in walk_paragraphs(version.content)]
    kenya = Delegation.objects.get(negotiation=ahc, iso2="KE")
    brazil = Delegation.objects.get(negotiation=ahc, iso2="BR")
    for eid in eids[:5]:
        record_stance(
            ahc,
            by=secretariat,
            delegation=brazil,
            stance="support",
            eid=eid,
            sources=SOURCE,
            illustrative=True,
        )
    delegate = User.objects.create(username="ke-delegate", role=Role.DELEGATION, delegation=kenya)
    object_to_paragraph(ahc, by=delegate, delegation=kenya, eid=eids[2], reason="Example.")

    page.goto(f"{live_server.url}/n/cybercrime-ahc/consensus/")
    expected = consensus_on(ahc, eids)
    expect(page.locator("#summary")).to_have_text(expected.summary)
    expect(page.get_by_text("5 stances shown here are illustrative")).to_be_visible()
    expect(page.locator("svg rect")).to_have_count(6)  # five supports and one objection
    rows = page.locator("#consensus-table tbody tr")
    expect(rows).to_have_count(len(eids))
    blocked = rows.filter(has_text=eids[2])
    expect(blocked).to_contain_text("blocked")
    expect(blocked.locator("td").nth(3)).to_have_text("KE")
    screenshot("consensus-map")

    page.get_by_label("Bloc").select_option(label="African Group")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("svg rect")).to_have_count(1)  # only Kenya's objection remains
    expect(page.locator("svg")).not_to_contain_text("BR")
