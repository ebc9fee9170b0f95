import datetime

import pytest

from plenary.errors import Conflict, InvalidInput, NotAllowed, StaleEdit
from plenary.process.services.roadmap import move_roadmap_deadline, set_roadmap_deadline
from tests import factories as f

D = datetime.date
UTC = datetime.UTC


def test_a_deadline_closes_at_the_end_of_its_day_in_the_negotiations_time_zone(world):
    deadline = set_roadmap_deadline(
        world.negotiation, by=world.actors.secretariat, date=D(2032, 7, 1), chapters=["Preamble"]
    )
    # New York is UTC-4 in July: the day ends at 04:00 UTC the next day.
    assert deadline.closes_at.astimezone(UTC) == datetime.datetime(2032, 7, 2, 4, 0, tzinfo=UTC)
    assert not deadline.has_passed(datetime.datetime(2032, 7, 2, 3, 59, tzinfo=UTC))
    assert deadline.has_passed(datetime.datetime(2032, 7, 2, 4, 0, tzinfo=UTC))


def test_a_deadline_in_the_past_is_refused_with_a_sentence(world):
    with pytest.raises(InvalidInput, match="1 July 2022 has passed") as refused:
        set_roadmap_deadline(
            world.negotiation,
            by=world.actors.secretariat,
            date=D(2022, 7, 1),
            chapters=["Preamble"],
        )
    assert refused.value.field == "date"
    with pytest.raises(InvalidInput, match="has passed"):
        move_roadmap_deadline(
            world.deadline, by=world.actors.chair, expected_version=1, date=D(2022, 7, 1)
        )
    assert not world.negotiation.roadmap.filter(chapters=["Preamble"]).exists()


def test_a_chapter_has_several_rounds_over_time_but_one_deadline_a_day(world):
    second = set_roadmap_deadline(
        world.negotiation, by=world.actors.chair, date=D(2033, 2, 1), chapters=["criminalization"]
    )
    assert second.chapters == ["criminalization"] and world.deadline.pk != second.pk
    with pytest.raises(Conflict, match="already has a deadline on that day"):
        set_roadmap_deadline(
            world.negotiation,
            by=world.actors.chair,
            date=D(2033, 2, 1),
            chapters=["Criminalization"],
        )


def test_a_deadline_needs_chapters(world):
    with pytest.raises(InvalidInput, match="at least one chapter"):
        set_roadmap_deadline(
            world.negotiation, by=world.actors.chair, date=D(2032, 7, 1), chapters=[]
        )


@pytest.mark.parametrize("date", [D(58, 12, 1), D(1944, 12, 31), D(2200, 1, 1)])
def test_a_deadline_outside_the_modern_calendar_is_refused(world, client, date):
    # Found by the property-based API tests: year 58 closed at "00:00:00-04:56:02" (New York's
    # local mean time), which is not a valid date-time in the API's answer.
    with pytest.raises(InvalidInput, match="between 1945 and 2199"):
        set_roadmap_deadline(
            world.negotiation, by=world.actors.chair, date=date, chapters=["Preamble"]
        )
    with pytest.raises(InvalidInput, match="between 1945 and 2199"):
        move_roadmap_deadline(
            world.deadline, by=world.actors.chair, expected_version=None, date=date
        )


def test_a_deadline_set_at_a_session_is_not_before_it(world):
    session = f.make_session(world.negotiation, start=D(2031, 3, 1), end=D(2031, 3, 12))
    with pytest.raises(InvalidInput, match="cannot fall before"):
        set_roadmap_deadline(
            world.negotiation,
            by=world.actors.chair,
            date=D(2031, 1, 1),
            chapters=["Preamble"],
            set_at=session,
        )


def test_delegations_cannot_set_deadlines(world):
    with pytest.raises(NotAllowed):
        set_roadmap_deadline(
            world.negotiation, by=world.actors.delegate, date=D(2022, 7, 1), chapters=["Preamble"]
        )


def test_moving_a_deadline_checks_the_version(world):
    deadline = world.deadline
    move_roadmap_deadline(deadline, by=world.actors.chair, expected_version=1, date=D(2032, 4, 15))
    deadline.refresh_from_db()
    assert deadline.date == D(2032, 4, 15) and deadline.lock_version == 2
    with pytest.raises(StaleEdit):
        move_roadmap_deadline(
            deadline, by=world.actors.chair, expected_version=1, date=D(2032, 5, 1)
        )
