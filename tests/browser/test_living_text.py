"""The living text in the browser, on the reference scenario: a round of submissions on
Jurisdiction is consolidated after the secretariat confirms which article each consolidated one
takes the place of; both wordings show as attributed alternatives; the chair keeps one, issues
Rev.2 and publishes it; the redline shows exactly that change; the consensus map outside the
chapter is as it was. Screenshots of each step are kept."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from plenary.process.actors import actor_of
from plenary.process.models import Delegation, Role
from plenary.process.services.roadmap import set_roadmap_deadline
from plenary.text.services.submissions import submit_text
from tests import factories as f

BRAZIL = (
    "A State Party may also establish its jurisdiction over any such offence when the offence "
    "is committed against a national of that State Party."
)
KENYA = (
    "A State Party shall also establish its jurisdiction over any such offence when the offence "
    "is committed by a national of that State Party."
)


def consensus_rows(page):
    return page.locator("#consensus-table tbody tr").evaluate_all(
        "rows => rows.map(row => [...row.cells].map(cell => cell.textContent.trim()))"
    )


def test_a_round_on_one_chapter_to_a_published_rev_2(page, live_server, ahc, signed_in, screenshot):
    url = f"{live_server.url}/n/cybercrime-ahc"
    secretariat = f.make_user("sec-browser", Role.SECRETARIAT)
    chair = f.make_user("chair-browser", Role.CHAIR)
    deadline = set_roadmap_deadline(
        ahc,
        by=actor_of(secretariat),
        date=timezone.localdate() + datetime.timedelta(days=30),
        chapters=["Jurisdiction"],
    )
    for code, wording in (("BR", BRAZIL), ("KE", KENYA)):
        delegation = Delegation.objects.get(negotiation=ahc, iso2=code)
        delegate = f.make_user(f"{code.lower()}-browser", Role.DELEGATION, delegation=delegation)
        submit_text(
            deadline,
            by=actor_of(delegate),
            delegation=delegation,
            chapter="Jurisdiction",
            text=f"Article 22. Jurisdiction\n1. {wording}",
        )
    page.goto(f"{url}/consensus/")
    map_before = consensus_rows(page)

    signed_in(secretariat)
    page.goto(f"{url}/roadmap/{deadline.pk}/")
    page.get_by_role("button", name="Consolidate Jurisdiction…").click()
    plan = page.locator("#consolidation-plan")
    expect(plan).to_contain_text("BR, KE")
    place = page.get_by_label("Which article Jurisdiction takes the place of")
    expect(place.locator("option:checked")).to_have_text("Art. 22 — Jurisdiction")
    screenshot("consolidation-plan")
    page.get_by_label("Label of the new version").fill("Rev.1")
    page.get_by_label("Date").fill("2024-02-01")
    page.get_by_role("button", name="Consolidate into a new informal version").click()
    expect(page.get_by_role("status")).to_contain_text("Consolidated into Rev.1")
    article = page.locator("section.article", has_text="Article 22. Jurisdiction")
    expect(article).to_contain_text(f"{BRAZIL} (BR)")
    expect(article).to_contain_text(f"{KENYA} (KE)")
    expect(article).to_contain_text("committed in its territory")  # no submission touched it
    screenshot("consolidated-rev-1", article)

    page.context.clear_cookies()
    signed_in(chair)
    page.goto(f"{url}/draft/")
    page.locator("li.paragraph", has_text="against a national").get_by_role(
        "link", name="Draft or set the status of 1"
    ).click()
    # Agreed ad referendum is refused while the bracket is open, and the page says why.
    page.get_by_label("Status").select_option("agreed_ad_ref")
    page.get_by_role("button", name="Set status").click()
    expect(page.locator("#form-status")).to_contain_text("1 bracket")
    screenshot("agreement-refused")
    page.locator("#bracket-0 li", has_text="by a national").get_by_role(
        "button", name="Keep this one"
    ).click()
    expect(page.get_by_role("status")).to_contain_text("The bracket is settled.")
    expect(page.locator("#paragraph-wording")).to_have_text(KENYA)
    page.goto(f"{url}/draft/")
    expect(page.locator("#changes")).to_contain_text(
        "alternative chosen: Art. 22(1) — Jurisdiction"
    )
    page.locator("#issue summary").click()
    page.get_by_label("Label of the new version (e.g. Rev.2)").fill("Rev.2")
    page.get_by_label("Date").fill("2024-02-09")
    page.get_by_role("button", name="Issue the version (informal, to publish afterwards)").click()
    expect(page.get_by_role("status")).to_contain_text("Rev.2 issued")
    screenshot("rev-2-issued")
    for label in ("Rev.1", "Rev.2"):
        version = ahc.versions.get(label=label)
        page.goto(f"{url}/versions/{version.pk}/")
        page.get_by_role("button", name="Publish this version").click()
        expect(page.get_by_role("status")).to_contain_text("is public")

    rev1, rev2 = ahc.versions.get(label="Rev.1"), ahc.versions.get(label="Rev.2")
    page.context.clear_cookies()
    page.goto(f"{url}/compare/?from={rev1.pk}&to={rev2.pk}")
    # Exactly one change: the bracket settled on Kenya's wording.
    changes = page.locator("ol.redline > li")
    expect(changes).to_have_count(1)
    expect(changes.first).to_contain_text("Jurisdiction · 1 · changed")
    expect(changes.first.locator("ins")).to_have_count(0)
    deleted = "".join(changes.first.locator("del").all_inner_texts())
    kept = changes.first.locator("div").nth(1).evaluate(
        "div => [...div.childNodes].filter(n => n.nodeName !== 'DEL')"
        ".map(n => n.textContent).join('')"
    )
    assert "against a national" in deleted and kept == KENYA
    screenshot("redline-rev-1-rev-2")

    page.goto(f"{url}/consensus/")
    after = consensus_rows(page)
    outside = [row for row in after if not row[0].startswith("Art. 22")]
    assert outside == [row for row in map_before if not row[0].startswith("Art. 22")]
