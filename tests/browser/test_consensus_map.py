"""The consensus map renders, filters by bloc, and its table matches the data."""

from playwright.sync_api import expect

from plenary.positions.models import Objection, Stance
from plenary.positions.services import consensus_on, object_to_paragraph, positions_on
from plenary.process.models import Delegation, Role, User
from plenary.text.structure import walk_paragraphs


def test_the_consensus_map_renders_filters_by_bloc_and_matches_its_table(
    page, live_server, ahc, screenshot
):
    version = ahc.versions.order_by("-position").first()
    eids = [p["eid"] for p in walk_paragraphs(version.content)]
    kenya = Delegation.objects.get(negotiation=ahc, iso2="KE")
    objected = set(Objection.objects.filter(delegation=kenya).values_list("eid", flat=True))
    eid = next(e for e in eids if e not in objected and e in {s.eid for s in Stance.objects.all()})
    delegate = User.objects.create(username="ke-delegate", role=Role.DELEGATION, delegation=kenya)
    object_to_paragraph(ahc, by=delegate, delegation=kenya, eid=eid, reason="Example.")

    page.goto(f"{live_server.url}/n/cybercrime-ahc/consensus/")
    expected = consensus_on(ahc, eids)
    cells = positions_on(ahc, eids)
    illustrative = Stance.objects.filter(eid__in=eids, illustrative=True).count()
    expect(page.locator("#summary")).to_have_text(expected.summary)
    # Grouped as English groups thousands (1,720).
    expect(
        page.get_by_text(f"{illustrative:,} stances shown here are illustrative")
    ).to_be_visible()
    expect(page.locator("svg rect")).to_have_count(len(cells))  # one cell per stance
    rows = page.locator("#consensus-table tbody tr")
    expect(rows).to_have_count(len(eids))
    blocked = rows.filter(has_text=eid).first
    expect(blocked).to_contain_text("blocked")
    row = next(p for p in expected.provisions if p.provision == eid)
    assert "KE" in row.objecting
    expect(blocked.locator("td").nth(3)).to_have_text(", ".join(row.objecting))
    screenshot("consensus-map")

    page.get_by_label("Bloc").select_option(label="African Group")
    page.get_by_role("button", name="Show").click()
    african = {d.code for d in ahc.delegations.filter(blocs__slug="african-group")}
    expect(page.locator("svg rect")).to_have_count(
        sum(1 for (_eid, code) in cells if code in african)
    )
    expect(page.locator("svg")).not_to_contain_text("BR")
