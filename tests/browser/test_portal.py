"""The portal's summary of where things stand, in English, Arabic and Chinese; a closed meeting
as the public and a delegation see it; and the charts legible in Arabic and Chinese, each
beside its table, with no label lost or overlapping and axe-core finding nothing serious."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.test_accessibility import blocking, serve_axe

SUMMARY = {
    "en": ("Where it stands", "Subscribe:", "Next session"),
    "ar": ("الوضع الراهن", "اشترك:", "الدورة التالية"),
    "zh-hans": ("进展情况", "订阅", "下届会议"),
}


def in_language(page, live_server, code: str) -> None:
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "url": live_server.url}]
    )


@pytest.mark.parametrize("code", ["en", "ar", "zh-hans"])
def test_the_summary_says_where_it_stands_in_each_language(
    page, live_server, ahc, screenshot, code
):
    in_language(page, live_server, code)
    serve_axe(page.context, live_server)
    page.goto(f"{live_server.url}/n/cybercrime-ahc/")
    heading, subscribe, next_session = SUMMARY[code]
    summary = page.locator("section.standing").first
    expect(summary.get_by_role("heading", level=2).first).to_have_text(heading)
    expect(summary.locator("#counts-cybercrime-ahc")).to_contain_text("66")
    expect(summary.locator("#counts-cybercrime-ahc .as-of")).to_contain_text("2025")
    expect(summary.locator(":scope > dl.facts > dt").filter(has_text=next_session)).to_have_count(1)
    expect(summary.locator(":scope > p.subscribe")).to_contain_text(subscribe)
    expect(page.locator('head link[rel="alternate"][type="text/calendar"]')).to_have_count(1)
    # The feeds are where the summary says.
    calendar = summary.locator(":scope > p.subscribe a").first.get_attribute("href")
    assert (
        page.request.get(live_server.url + calendar)
        .headers["content-type"]
        .startswith("text/calendar")
    )
    assert blocking(page) == []
    screenshot(f"portal-summary-{code}", summary)
    page.goto(f"{live_server.url}/")
    expect(page.locator("#stage-cybercrime-protocol")).to_be_visible()
    screenshot(f"portal-home-{code}")


def test_a_closed_meeting_shows_the_public_its_facts_and_a_delegation_its_content(
    page, live_server, ahc, signed_in, brazil_delegate, screenshot
):
    informal = ahc.sessions.get(kind="informal")
    page.goto(f"{live_server.url}/n/cybercrime-ahc/")
    row = page.locator(f"#session-{informal.pk}")
    expect(row).to_contain_text("content not public")
    expect(row).not_to_contain_text("Informal consultations on the draft text")
    row.get_by_role("link").click()
    expect(page.locator("#withheld")).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text("The Chair (example)")
    expect(page.locator("dl.facts")).to_contain_text("New York")
    screenshot("closed-meeting-public")
    signed_in(brazil_delegate)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Informal consultations on the draft text (example)"
    )
    expect(page.locator("#withheld")).to_have_count(0)
    screenshot("closed-meeting-delegation")


def labels_inside(page, svg_selector: str) -> list[str]:
    """The texts of the chart that are cut off by its edges."""
    return page.evaluate(
        """selector => {
            const svg = document.querySelector(selector);
            const box = svg.getBoundingClientRect();
            return [...svg.querySelectorAll('text')].filter(t => {
                const r = t.getBoundingClientRect();
                return r.left < box.left - 1 || r.right > box.right + 1;
            }).map(t => t.textContent);
        }""",
        svg_selector,
    )


def overlapping(page, selector: str) -> list[list[str]]:
    """Pairs of labels of the chart whose boxes overlap."""
    return page.evaluate(
        """selector => {
            const texts = [...document.querySelectorAll(selector)];
            const boxes = texts.map(t => t.getBoundingClientRect());
            const pairs = [];
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
                const a = boxes[i], b = boxes[j];
                if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
                    pairs.push([texts[i].textContent, texts[j].textContent]);
            }
            return pairs;
        }""",
        selector,
    )


@pytest.mark.parametrize("code", ["ar", "zh-hans"])
def test_the_charts_read_in_arabic_and_chinese(
    page, live_server, ahc_with_examples, screenshot, code
):
    in_language(page, live_server, code)
    serve_axe(page.context, live_server)
    page.goto(f"{live_server.url}/n/cybercrime-ahc/consensus/")
    chart = page.locator(".chart svg").first
    expect(chart).to_be_visible()
    assert labels_inside(page, ".chart svg") == []
    # Every row's label is in the part of the map the reader sees before scrolling.
    hidden = page.evaluate(
        """() => {
            const box = document.querySelector('.chart').getBoundingClientRect();
            const rows = [...document.querySelectorAll('.chart svg text[text-anchor="end"]')];
            return [rows.length, rows.filter(t => {
                const r = t.getBoundingClientRect();
                return r.left < box.left - 1 || r.right > box.right + 1 || r.width === 0;
            }).map(t => t.textContent)];
        }"""
    )
    assert hidden[0] > 0 and hidden[1] == []
    expect(page.locator("table").first).to_be_visible()
    assert blocking(page) == []
    screenshot(f"consensus-map-{code}")

    page.goto(f"{live_server.url}/n/cybercrime-ahc/treaty/")
    assert labels_inside(page, ".chart svg") == []
    assert overlapping(page, ".chart svg > text") == []
    expect(page.locator("#over-time-table")).to_be_visible()
    assert blocking(page) == []
    screenshot(f"treaty-chart-{code}", page.locator("section[aria-labelledby=over-time]"))
