"""The analysis pages as a reader sees them: forecasts drawn with their table, and the package
search answering for another reservation level."""

from playwright.sync_api import expect

from plenary.positions.readings import issue_forecasts, package_reading


def test_the_forecast_chart_marks_each_model_and_the_table_gives_the_numbers(
    page, live_server, ahc_with_examples, screenshot
):
    ahc = ahc_with_examples
    reading = next(r for r in issue_forecasts(ahc) if r.issue.slug == "example-scope")
    page.goto(f"{live_server.url}/n/cybercrime-ahc/issues/")
    section = page.locator("#issue-example-scope")
    expect(section.get_by_text("illustrative: some inputs here are example data")).to_be_visible()
    chart = section.locator("svg")
    for letter, value in (
        ("C", reading.forecast.compromise),
        ("N", reading.forecast.nash),
        ("T", reading.forecast.two_thirds),
    ):
        expect(chart).to_contain_text(f"{letter} {value:.0f}")
    expect(chart.locator("circle")).to_have_count(len(reading.positions))
    table = section.locator("table.forecast")
    expect(table.locator("tr", has_text="Compromise").locator("td")).to_have_text(
        f"{reading.forecast.compromise:.1f}"
    )
    screenshot("forecasts", section)


def test_the_package_search_answers_for_the_reservation_level_chosen(
    page, live_server, ahc_with_examples, screenshot
):
    ahc = ahc_with_examples
    page.goto(f"{live_server.url}/n/cybercrime-ahc/package-search/")
    demanding = package_reading(ahc, 0.9).result
    page.get_by_label("Delegations accept a package worth at least").select_option("0.9")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(f"{live_server.url}/n/cybercrime-ahc/package-search/?reservation=0.9")
    rows = page.locator("#acceptance-table tbody tr")
    expect(rows).to_have_count(len(demanding.accepted_by) + len(demanding.objecting))
    expect(rows.filter(has_text="no: would object")).to_have_count(len(demanding.objecting))
    for option in demanding.package.values():
        expect(page.locator("#package-table")).to_contain_text(option)
    screenshot("package-search")
