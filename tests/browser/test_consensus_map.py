"""The consensus map renders, filters by bloc, and its whole table, its summary and its chart
match the data before and after the filter."""

from playwright.sync_api import expect

from plenary.positions.consensus_views import STATUS_LABELS
from plenary.positions.services import (
    Subject,
    among,
    consensus_on,
    map_rows,
    marked_positions,
    numbered,
    object_to_paragraph,
)
from plenary.process.actors import actor_of
from plenary.process.models import Delegation, Role, User
from plenary.text.models import Provision


def expected_rows(result, labels) -> list[list[str]]:
    """The table as the data says it should read: provision, status, supporting, objecting."""
    return [
        [
            labels[p.provision],
            str(STATUS_LABELS[p.status]),
            ", ".join(p.supporting),
            ", ".join(p.objecting),
        ]
        for p in result.provisions
    ]


def shown_rows(page) -> list[list[str]]:
    return page.locator("#consensus-table tbody tr").evaluate_all(
        "rows => rows.map(row => [...row.cells].map(cell => cell.textContent.trim()))"
    )


def test_the_consensus_map_renders_filters_by_bloc_and_matches_its_table(
    page, live_server, ahc_with_examples, screenshot
):
    from django.contrib.auth.models import AnonymousUser

    ahc = ahc_with_examples
    # What the public's map shows: the paragraphs of the latest published version, by label.
    eids, labels, _names = map_rows(ahc, AnonymousUser())
    kenya = Delegation.objects.get(negotiation=ahc, iso2="KE")
    cells, _illustrative = marked_positions(ahc, eids)
    # A paragraph with stances that Kenya does not yet object to.
    eid = next(e for e, _code in cells if cells.get((e, "KE")) != "objects")
    delegate = User.objects.create(username="ke-delegate", role=Role.DELEGATION, delegation=kenya)
    paragraph = Provision.objects.get(pk=numbered(eid, "provision_"))
    object_to_paragraph(
        ahc,
        by=actor_of(delegate),
        delegation=kenya,
        subject=Subject(provision=paragraph),
        reason="Example.",
    )

    page.goto(f"{live_server.url}/n/cybercrime-ahc/consensus/")
    cells, illustrative = marked_positions(ahc, eids)
    expected = consensus_on(ahc, eids, cells)
    expect(page.locator("#summary")).to_have_text(expected.summary)
    notice = f"{len(illustrative):,} stances and objections shown here are illustrative"
    expect(page.get_by_text(notice)).to_be_visible()
    expect(page.locator("svg rect")).to_have_count(len(cells))  # one cell per stance
    assert shown_rows(page) == expected_rows(expected, labels)
    blocked = next(row for row in shown_rows(page) if row[0] == labels[eid])
    assert blocked[1] == "blocked" and "KE" in blocked[3].split(", ")
    screenshot("consensus-map")

    page.get_by_label("Bloc").select_option(label="African Group")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#bloc-note")).to_contain_text("African Group")
    african = {d.code for d in ahc.delegations.filter(blocs__slug="african-group")}
    in_bloc = among(cells, african)
    expected = consensus_on(ahc, eids, in_bloc)
    expect(page.locator("svg rect")).to_have_count(len(in_bloc))
    expect(page.locator("svg")).not_to_contain_text("BR")
    expect(page.locator("#summary")).to_have_text(expected.summary)
    assert shown_rows(page) == expected_rows(expected, labels)
    notice = f"{len(illustrative & in_bloc.keys())} stances and objections shown here"
    expect(page.get_by_text(notice)).to_be_visible()
    # The filter changed what the table says, not only the chart.
    assert shown_rows(page) != expected_rows(consensus_on(ahc, eids, cells), labels)
