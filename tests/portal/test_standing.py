"""The portal answers "where does it stand?": the stage, what comes next, the treaty's status
with the date of the record behind each count, the current text and the latest changes."""

import datetime

import pytest
from django.utils import timezone

from plenary.portal.standing import PUBLIC, standing_of
from plenary.scenarios.loader import load_scenario

D = datetime.date


@pytest.fixture
def ahc(db):
    return load_scenario("cybercrime-ahc")


def test_it_works_out_the_stage_from_the_record_and_the_day(ahc):
    open_day = standing_of(ahc, PUBLIC, D(2026, 12, 7))
    assert open_day.stage == "open_for_signature" and open_day.signature_open
    assert open_day.earliest_entry_into_force == D(2027, 3, 7)
    assert (open_day.status.signatures, open_day.status.parties) == (66, 0)
    closed_day = standing_of(ahc, PUBLIC, D(2027, 1, 5))
    assert closed_day.stage == "adopted" and not closed_day.signature_open
    in_session = standing_of(ahc, PUBLIC, D(2023, 4, 12))
    assert in_session.stage == "in_session"
    assert in_session.current_session.number == 5
    assert in_session.next_deadline is None and in_session.next_session.start == D(2023, 6, 20)
    early = standing_of(ahc, PUBLIC, D(2022, 3, 1))
    assert early.next_deadline.date == D(2022, 4, 8)
    protocol = open_day.protocols[0]
    assert protocol.negotiation.slug == "cybercrime-protocol" and protocol.stage == "negotiating"
    assert protocol.next_session is None and protocol.last_session.start == D(2026, 1, 26)


def test_the_home_page_leads_with_where_each_negotiation_stands(ahc, client):
    page = client.get("/").content.decode()
    today = timezone.localdate()
    assert "Where it stands" not in page  # each card is headed by its negotiation instead
    assert 'id="stage-cybercrime-ahc"' in page and 'id="stage-cybercrime-protocol"' in page
    assert "the depositary's record as of 19 November 2025" in page
    if today <= D(2026, 12, 31):
        assert "open for signature until 31 December 2026" in page
    assert 'rel="alternate" type="application/atom+xml"' in page
    assert 'href="/feeds/cybercrime-ahc/sessions.ics"' in page and "Subscribe:" in page


def test_the_negotiation_page_marks_the_current_text_and_the_latest_changes(ahc, client):
    page = client.get("/n/cybercrime-ahc/").content.decode()
    standing = page[page.index("Where it stands") :]
    assert "Example revised draft" in standing[: standing.index("Latest changes")]
    assert "Latest changes" in standing
    assert 'rel="alternate" type="text/calendar" href="/feeds/cybercrime-ahc/sessions.ics"' in page
    versions = client.get("/n/cybercrime-ahc/versions/").content.decode()
    assert versions.index("Example revised draft") < versions.index("Example zero draft")
    assert versions.count("badge current") == 1


def test_the_latest_changes_are_dated_in_the_negotiations_own_time_zone(ahc, client):
    page = client.get("/n/cybercrime-protocol/").content.decode()
    changes = page[page.index("Latest changes") :]
    assert "EU Statement at the Ad Hoc Committee" in changes
    assert "26 January 2026" in changes and "25 January 2026" not in changes
