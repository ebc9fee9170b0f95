"""The treaty part of the reference scenario: true facts with sources, illustrative entries
labelled, and loading twice duplicates nothing."""

import datetime

import pytest

from plenary.decisions.models import Decision
from plenary.scenarios.loader import load_scenario
from plenary.treaty.models import Instrument, NationalStep, Treaty
from plenary.treaty.services.instruments import treaty_status

D = datetime.date
UNTC = "https://treaties.un.org/doc/Publication/MTDSG/Volume%20II/Chapter%20XVIII/XVIII-16.en.xml"


@pytest.fixture
def ahc(db):
    return load_scenario("cybercrime-ahc")


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Decision, Treaty, Instrument, NationalStep)
    }


def test_loading_twice_duplicates_nothing(ahc):
    first = counts()
    load_scenario("cybercrime-ahc")
    assert counts() == first
    assert first["Treaty"] == 1 and first["Instrument"] > 0


def test_the_general_assembly_adopted_it_by_79_243_without_a_vote(ahc):
    treaty = ahc.treaty
    adoption = treaty.adopted_by
    assert (adoption.symbol, adoption.date, adoption.method) == (
        "A/RES/79/243",
        D(2024, 12, 24),
        "without_vote",
    )
    assert adoption.body == "General Assembly" and not adoption.illustrative
    assert {s.get("url") for s in adoption.sources} >= {"https://docs.un.org/en/A/RES/79/243"}


def test_the_committee_approved_the_draft_on_8_august_2024_with_its_source(ahc, client):
    approval = ahc.treaty.approved_by
    assert (approval.date, approval.method, approval.body) == (
        D(2024, 8, 8),
        "consensus",
        "Ad Hoc Committee",
    )
    assert approval.negotiation == ahc and not approval.illustrative
    assert any("coe.int" in s.get("url", "") for s in approval.sources)

    page = client.get("/n/cybercrime-ahc/treaty/").content.decode()
    assert "Approved by the Ad Hoc Committee on 8 August 2024 (consensus)" in page


def test_it_opened_in_hanoi_then_at_headquarters_until_the_end_of_2026(ahc):
    treaty = ahc.treaty
    assert treaty.signature_place == "Hanoi"
    assert (treaty.signature_opens, treaty.signature_first_period_ends) == (
        D(2025, 10, 25),
        D(2025, 10, 26),
    )
    assert treaty.signature_then_at == "United Nations Headquarters, New York"
    assert treaty.signature_closes == D(2026, 12, 31)
    assert (treaty.threshold, treaty.days_after_threshold, treaty.reio_counted) == (40, 90, False)


def test_every_signature_is_on_the_record_with_its_date_and_source(ahc):
    instruments = Instrument.objects.filter(treaty=ahc.treaty)
    assert not instruments.filter(illustrative=True).exists()
    assert not NationalStep.objects.exists()
    assert all(i.kind == "signature" and i.sources for i in instruments)
    by_state = {i.delegation.code: i for i in instruments.select_related("delegation")}
    assert by_state["DZ"].date == D(2025, 10, 25)
    assert UNTC in [s.get("url") for s in by_state["DZ"].sources]
    assert (by_state["ML"].date, by_state["MU"].date) == (D(2025, 10, 26), D(2025, 11, 19))
    assert by_state["European Union"].delegation.kind == "reio"
    assert len(by_state) == 66


def test_the_counts_are_as_of_the_record_checked(ahc, client):
    status = treaty_status(ahc.treaty)
    assert status.entry_into_force.date is None
    assert (status.signatures, status.parties, status.illustrative_instruments) == (66, 0, 0)
    assert ahc.treaty.record_as_of == D(2025, 11, 19)
    page = client.get("/n/cybercrime-ahc/treaty/").content.decode()
    counts = page[page.index('id="counts"') :][:600]
    assert "66 signatories" in counts and "as of 19 November 2025" in counts
    assert "The depositary counted 72 signatories" in page


def test_the_steps_from_approval_to_adoption(ahc, client):
    steps = list(ahc.treaty.steps.all())
    assert [s.body for s in steps] == [
        "Ad Hoc Committee",
        "Third Committee (Social, Humanitarian and Cultural)",
        "Fifth Committee (Administrative and Budgetary)",
        "General Assembly",
    ]
    third = steps[1]
    assert third.date is None and "not in the sources reached" in third.when
    assert "GA/SHC/4428" in [s.get("symbol") for s in third.sources]
    assert "A/C.3/79/L.22" in third.summary
    assert (steps[0].date, steps[3].date) == (D(2024, 8, 8), D(2024, 12, 24))
    page = client.get("/n/cybercrime-ahc/treaty/").content.decode()
    assert "Third Committee (Social, Humanitarian and Cultural)" in page
    assert "A/78/986" in page


def test_the_adoption_links_to_the_resolutions_page(client, ahc):
    page = client.get("/n/cybercrime-ahc/treaty/").content.decode()
    assert 'href="/votes/A/RES/79/243/"' in page
    resolution = client.get("/votes/A/RES/79/243/")
    assert resolution.status_code == 200
    assert "without a vote" in resolution.content.decode()
