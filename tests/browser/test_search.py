"""Search as a reader uses it on the reference scenario, on a desktop and on a phone: words typed
in the search form, then narrowed to a chapter and to the text, then widened to all versions;
matches highlighted, each paragraph named as readers cite it and linked to its page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import blocking, serve_axe

VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.mark.parametrize("device", list(VIEWPORTS))
def test_a_reader_searches_and_narrows_with_the_filters(
    page, live_server, ahc, screenshot, device
):
    width, height = VIEWPORTS[device]
    page.set_viewport_size({"width": width, "height": height})
    serve_axe(page.context, live_server)
    # A visitor types words in the search form.
    page.goto(f"{live_server.url}/n/cybercrime-ahc/search/")
    search = page.get_by_role("search", name="Search the text and the record")
    search.get_by_label("Words").fill("illegal access")
    search.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"q=illegal\+access"))
    # Every kind of record the public may see: the text, statements, interventions, documents.
    text = page.locator("section[aria-labelledby='found-paragraphs']")
    expect(text.get_by_role("heading")).to_have_text("2 paragraphs")
    expect(text.get_by_role("link", name="Art. 7(1) — Illegal access")).to_be_visible()
    expect(text.locator("a mark").first).to_have_text("Illegal")
    expect(text.locator("p mark").first).to_have_text("access")
    expect(text).to_contain_text("Example revised draft")
    expect(text).not_to_contain_text("Example zero draft")  # the current text only
    statements = page.locator("section[aria-labelledby='found-statements']")
    expect(statements.locator("mark").first).to_be_visible()
    expect(page.locator("#searched-language")).to_contain_text("Searched in English")
    screenshot(f"search-{device}")
    assert blocking(page) == []

    # Narrowed to Chapter II and to the text alone.
    search.get_by_label("Chapter").select_option(label="Chapter II — Criminalization")
    search.get_by_label("Records").select_option(label="The text")
    search.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"kind=text"))
    expect(page.locator("section[aria-labelledby='found-statements']")).to_have_count(0)
    expect(search.get_by_label("Records")).to_have_value("text")
    expect(text.get_by_role("heading")).to_have_text("2 paragraphs")

    # Every version: the zero draft's paragraphs come too, each with its version.
    search.get_by_label("Version").select_option(label="All versions")
    search.get_by_role("button", name="Search").click()
    expect(text.get_by_role("heading")).to_have_text("4 paragraphs")
    expect(text).to_contain_text("Example zero draft")
    screenshot(f"search-filtered-{device}")

    # A result leads to the paragraph's page.
    text.get_by_role("link", name="Art. 7(1) — Illegal access").first.click()
    expect(page).to_have_url(re.compile(r"/versions/\d+/p/art_7__para_1/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Art. 7(1)")
