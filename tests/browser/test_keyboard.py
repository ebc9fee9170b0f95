"""Keyboard only: the speakers list and the proposal form work with Tab, Enter, Space and the
arrow keys, and whatever has the focus shows it."""

import re

from playwright.sync_api import expect

from plenary.participation.models import AgendaItem
from plenary.process.models import Delegation, Role
from plenary.text.models import Proposal
from tests import factories as f

EID = "art_7__para_1"  # Illegal access, paragraph 1, in the example revised draft


def tab_to(page, target, limit: int = 80) -> None:
    """Press Tab until `target` has the focus, and check that the focus can be seen."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            outline = target.evaluate(
                "element => { const s = getComputedStyle(element);"
                " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
            )
            assert outline[0] != "none" and outline[1] >= 2, f"no visible focus: {outline}"
            return
    raise AssertionError(f"Tab never reached {target}")


def test_a_delegation_asks_for_the_floor_and_the_chair_calls_the_next_speaker(
    page, live_server, ahc, signed_in, screenshot
):
    iceland = Delegation.objects.get(negotiation=ahc, iso2="IS")
    delegate = f.make_user("is-delegate", Role.DELEGATION, delegation=iceland)
    item = AgendaItem.objects.get(session__negotiation=ahc, number=1)
    base = f"{live_server.url}/n/cybercrime-ahc/sessions/{item.session_id}/items/{item.pk}"

    signed_in(delegate)
    page.goto(f"{base}/speakers/")
    tab_to(page, page.get_by_role("button", name="Ask for the floor for Iceland"))
    page.keyboard.press("Enter")
    expect(page.locator("table.speakers tbody")).to_contain_text("Iceland")

    page.context.clear_cookies()
    signed_in(f.make_user("the-chair", Role.CHAIR))
    page.goto(f"{base}/speakers/chair/")
    tab_to(page, page.get_by_role("button", name="Call the next speaker"))
    screenshot("keyboard-chair-focus")
    page.keyboard.press("Space")
    expect(page.get_by_role("region", name="Has the floor").locator(".speaker-now")).to_have_text(
        "Brazil"
    )


def test_a_delegation_proposes_an_alternative_with_the_keyboard(
    page, live_server, ahc, brazil_delegate, signed_in, screenshot
):
    signed_in(brazil_delegate)
    paragraph = f.provision_at(ahc, EID)
    page.goto(f"{live_server.url}/n/cybercrime-ahc/draft/p/{paragraph.pk}/")
    kind = page.get_by_label(re.compile(r"^Proposal:?$"))
    tab_to(page, kind)
    first = kind.input_value()
    page.keyboard.press("ArrowDown")
    chosen = kind.input_value()
    assert chosen != first
    tab_to(page, page.get_by_label(re.compile(r"^Wording:?$")), limit=3)
    page.keyboard.type("Illegal access shall require the infringement of security measures.")
    tab_to(page, page.get_by_role("button", name="Propose"), limit=3)
    screenshot("keyboard-proposal-focus")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.get_by_role("status")).to_be_visible()
    proposal = Proposal.objects.get(delegation__iso2="BR", provision=paragraph, kind=chosen)
    assert proposal.text.startswith("Illegal access shall require")
