"""The interface in Arabic and Chinese, chosen with the switcher in the header: Arabic mirrors
the page right to left, the choice holds from page to page, and the screenshots show the
scripts drawn with real glyphs (home page and a version of the draft, in each language)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from plenary.text.models import Version


@pytest.mark.parametrize(
    ("code", "direction", "heading"), [("ar", "rtl", "المفاوضات"), ("zh-hans", "ltr", "谈判")]
)
def test_it_switches_the_language_and_keeps_it_on_the_draft(
    page, live_server, ahc, screenshot, code, direction, heading
):
    page.goto(live_server.url)
    page.get_by_label("Language").select_option(code)
    page.get_by_role("button", name="Change language").click()
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator("html")).to_have_attribute("dir", direction)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    brand = page.locator("header.site .brand").bounding_box()
    switcher = page.locator("header.site form.languages").bounding_box()
    # The brand opens the header: on the right in Arabic, on the left otherwise.
    assert (brand["x"] > switcher["x"]) == (direction == "rtl")
    screenshot(f"home-{code}")

    version = Version.objects.filter(negotiation=ahc, published=True).order_by("position").last()
    page.goto(live_server.url + reverse("version", args=[ahc.slug, version.pk]))
    expect(page.locator("html")).to_have_attribute("lang", code)
    screenshot(f"version-{code}")
