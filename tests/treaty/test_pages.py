"""The treaty status page, the secretariat's forms, and protocols on the negotiation pages."""

import datetime

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from plenary.treaty.models import Instrument
from plenary.treaty.services import protocols
from tests.treaty import factories as tf

D = datetime.date
PAGE = "/n/test-ahc/treaty/"


@pytest.fixture
def treaty(world):
    return tf.make_treaty(world.negotiation)


def test_before_adoption_the_page_says_so(client, world):
    response = client.get(PAGE)
    assert response.status_code == 200
    assert "has not been adopted as a treaty yet" in response.content.decode()


def test_the_page_shows_counts_the_state_table_and_what_is_illustrative(client, world, treaty):
    tf.make_instrument(treaty, world.brazil, "signature", D(2025, 10, 25))
    tf.make_instrument(
        treaty,
        world.brazil,
        "ratification",
        D(2026, 2, 1),
        declarations="Central authority: the Ministry of Justice.",
    )
    tf.make_instrument(treaty, world.kenya, "accession", D(2026, 3, 1), illustrative=True)
    page = client.get(PAGE).content.decode()
    assert "Not yet in force: 2 of 40" in page
    assert "1 signatory" in page and "2 parties" in page
    assert "1 of these instruments is illustrative, not from the record" in page
    assert "Central authority: the Ministry of Justice." in page
    assert page.count("<svg") == 1 and 'class="series-parties"' in page
    # The table beside the chart: the running totals per day.
    assert "<td>1 February 2026</td><td>1</td><td>1</td>" in page.replace(' class="nowrap"', "")


def _forty_deposits(world, treaty, last: datetime.date) -> None:
    for n, state in enumerate(tf.make_states(world.negotiation, 40)):
        tf.make_instrument(treaty, state, "accession", last - datetime.timedelta(39 - n))


def test_the_page_gives_the_computed_date_once_in_force(client, world, treaty):
    last = timezone.localdate() - datetime.timedelta(days=100)
    _forty_deposits(world, treaty, last)
    page = client.get(PAGE).content.decode()
    in_force = last + datetime.timedelta(days=90)
    assert f"In force since {date_format(in_force, 'DATE_FORMAT')}" in page
    assert "Enters into force" not in page


def test_the_page_says_when_it_will_enter_into_force_while_the_date_is_ahead(
    client, world, treaty
):
    last = timezone.localdate() - datetime.timedelta(days=10)
    _forty_deposits(world, treaty, last)
    page = client.get(PAGE).content.decode()
    ahead = last + datetime.timedelta(days=90)
    assert f"Enters into force on {date_format(ahead, 'DATE_FORMAT')}" in page
    assert "In force since" not in page


def test_the_secretariat_records_an_instrument_through_the_form(client, world, treaty):
    client.force_login(world.secretariat)
    response = client.post(
        f"{PAGE}instruments/new/",
        {"delegation": world.kenya.pk, "kind": "accession", "date": "2026-01-05"},
    )
    assert response.status_code == 302
    instrument = Instrument.objects.get()
    assert (instrument.delegation, instrument.kind) == (world.kenya, "accession")
    assert instrument.sources == treaty.depositary_record
    again = client.post(
        f"{PAGE}instruments/new/",
        {"delegation": world.kenya.pk, "kind": "accession", "date": "2026-02-05"},
    )
    assert again.status_code == 409
    assert "Kenya already deposited its instrument of accession" in again.content.decode()


def test_the_form_records_a_national_step_with_its_source(client, world, treaty):
    client.force_login(world.chair)
    response = client.post(
        f"{PAGE}national-steps/new/",
        {
            "delegation": world.brazil.pk,
            "date": "2026-04-14",
            "step": "Parliamentary approval",
            "source_url": "https://parliament.example/act",
        },
    )
    assert response.status_code == 302
    assert treaty.national_steps.get().sources == [{"url": "https://parliament.example/act"}]
    assert "Parliamentary approval" in client.get(PAGE).content.decode()


def test_a_protocol_shows_on_its_page_and_on_its_parents(client, world, treaty):
    protocols.create_protocol(
        world.negotiation,
        by=world.actors.secretariat,
        slug="test-protocol",
        title="Protocol supplementary to the Convention",
        short_title="Additional protocol",
        mandate="A/RES/79/243",
        open_to_parent_parties_only=True,
    )
    parent_page = client.get("/n/test-ahc/").content.decode()
    assert 'href="/n/test-protocol/"' in parent_page and "open only to parties" in parent_page
    child_page = client.get("/n/test-protocol/").content.decode()
    assert "is an additional protocol to" in child_page and 'href="/n/test-ahc/"' in child_page


def test_the_chart_reads_without_colour():
    from plenary.treaty.chart import cumulative, instruments_chart

    points = cumulative([(D(2025, 10, 25), False), (D(2025, 10, 25), False), (D(2026, 1, 5), True)])
    assert [(p.signatures, p.parties) for p in points] == [(2, 0), (2, 1)]
    svg = instruments_chart(points, 40, D(2025, 10, 25))
    # Each series has its own dash pattern and marker shape, and is named in words.
    assert 'class="series-parties"' in svg and 'stroke-dasharray="8 4"' in svg
    assert svg.count("<circle") == 2 and svg.count("<rect") == 2
    assert "Signatures (2)" in svg and "Parties (1)" in svg and "40 needed" in svg
