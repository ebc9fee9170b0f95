"""Submitting text by the roadmap's deadlines, late only when allowed, and consolidating it."""

import datetime

import pytest

from plenary.audit.models import AuditEntry
from plenary.errors import DeadlinePassed, InvalidInput, NotAllowed, NotYourDelegation
from plenary.text.models import Submission
from plenary.text.services.submissions import (
    allow_late_submissions,
    consolidate_submissions,
    submit_text,
)

UTC = datetime.UTC
BEFORE = datetime.datetime(2022, 4, 8, 20, 0, tzinfo=UTC)  # 16:00 in New York, 8 April
AFTER = datetime.datetime(2022, 4, 9, 4, 30, tzinfo=UTC)  # 00:30 in New York, 9 April
ACCESS = "Article 1. Illegal access\n1. Each State Party shall criminalize access without right."


def submit(world, *, by=None, delegation=None, text=ACCESS, at=BEFORE, chapter="criminalization"):
    return submit_text(
        world.deadline,
        by=by or world.actors.delegate,
        delegation=delegation or world.brazil,
        chapter=chapter,
        text=text,
        at=at,
    )


def test_a_delegation_submits_for_a_chapter_before_the_deadline(world):
    submission = submit(world)
    assert (submission.chapter, submission.late) == ("Criminalization", False)
    assert AuditEntry.objects.filter(action="submission.made").count() == 1


def test_after_the_end_of_the_deadlines_day_in_new_york_it_is_refused(world):
    with pytest.raises(DeadlinePassed, match=r"8 April 2022 \(end of day, America/New_York\)"):
        submit(world, at=AFTER)
    assert not Submission.objects.exists()


def test_when_the_secretariat_allows_it_a_late_submission_is_accepted_and_flagged(world):
    allow_late_submissions(world.deadline, by=world.actors.secretariat, allowed=True)
    assert submit(world, at=AFTER).late is True


def test_a_resubmission_replaces_the_text_and_stays_late_if_it_ever_was(world):
    allow_late_submissions(world.deadline, by=world.actors.secretariat, allowed=True)
    submit(world, at=AFTER)
    again = submit(world, at=AFTER, text=ACCESS.replace("access", "entry"))
    assert Submission.objects.count() == 1 and again.late and "entry" in again.text


def test_a_delegation_submits_only_for_itself(world):
    with pytest.raises(NotYourDelegation):
        submit(world, delegation=world.kenya)
    with pytest.raises(NotAllowed):
        submit(world, by=world.actors.stakeholder)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"chapter": "Preamble"}, "not due by this deadline"),
        ({"text": "   "}, "has no text"),
        ({"text": "Article 1. A\n1. one [unclosed"}, "does not read at line 2"),
        ({"text": "Just a sentence."}, "proposes articles"),
    ],
)
def test_a_bad_submission_says_why(world, changes, message):
    with pytest.raises(InvalidInput, match=message):
        submit(world, **changes)


def test_only_the_secretariat_or_the_chair_allows_late_submissions(world):
    with pytest.raises(NotAllowed):
        allow_late_submissions(world.deadline, by=world.actors.delegate, allowed=True)


def test_consolidation_makes_an_informal_version_with_attribution(world):
    submit(world)
    submit(
        world,
        by=world.actors.other_delegate,
        delegation=world.kenya,
        text=ACCESS.replace("without right", "without authorization"),
    )
    version = consolidate_submissions(
        world.deadline,
        by=world.actors.chair,
        chapter="Criminalization",
        label="Consolidated negotiating document",
        date=datetime.date(2022, 5, 30),
    )
    assert not version.published
    chapter = version.content["chapters"][0]
    assert (chapter["number"], chapter["title"]) == ("I", "Criminalization")
    paragraph = chapter["articles"][0]["paragraphs"][0]
    assert paragraph["attribution"] == ["BR", "KE"]
    assert paragraph["segments"][0]["sponsors"] == [["BR"], ["KE"]]
    entry = AuditEntry.objects.get(action="text.consolidated")
    assert entry.after == {
        "chapter": "Criminalization",
        "submissions": 2,
        "based_on": None,
        "open_brackets": 1,
        "articles": [{"title": "Illegal access", "provision": None}],
    }


def test_consolidating_changes_that_chapter_only_and_keeps_what_no_submission_addresses(world):
    from plenary.text.services.versions import import_version

    import_version(
        world.negotiation,
        by=world.actors.secretariat,
        label="Base",
        date=datetime.date(2022, 5, 1),
        lines=[
            "Chapter I. General provisions",
            "Article 1. Purposes",
            "Text.",
            "Chapter II. Criminalization",
            "Article 2. Old",
            "Old text.",
        ],
    )
    submit(world)
    version = consolidate_submissions(
        world.deadline,
        by=world.actors.chair,
        chapter="Criminalization",
        label="CND",
        date=datetime.date(2022, 5, 30),
    )
    base = world.negotiation.versions.get(label="Base")
    chapters = version.content["chapters"]
    assert chapters[0] == base.content["chapters"][0]
    assert chapters[1]["articles"][0] == base.content["chapters"][1]["articles"][0]
    added = chapters[1]["articles"][1]
    assert (added["number"], added["title"], added["eid"]) == ("3", "Illegal access", "art_3")


def test_a_second_round_on_a_chapter_builds_on_the_first_without_rewriting_it(world):
    from tests import factories as f

    submit(world)
    first = consolidate_submissions(
        world.deadline,
        by=world.actors.chair,
        chapter="Criminalization",
        label="CND",
        date=datetime.date(2022, 5, 30),
    )
    access = first.content["chapters"][0]["articles"][0]
    # A round of the record's past: the roadmap's service refuses to set a date gone by now.
    second_round = f.make_deadline(
        world.negotiation, date=datetime.date(2022, 10, 1), chapters=["Criminalization"]
    )
    submit_text(
        second_round,
        by=world.actors.other_delegate,
        delegation=world.kenya,
        chapter="Criminalization",
        text=ACCESS.replace("without right", "without authorization"),
        at=datetime.datetime(2022, 9, 1, tzinfo=UTC),
    )
    second = consolidate_submissions(
        second_round,
        by=world.actors.chair,
        chapter="Criminalization",
        label="CND Rev.1",
        date=datetime.date(2022, 10, 20),
    )
    again = second.content["chapters"][0]["articles"][0]
    assert (again["provision"], again["number"]) == (access["provision"], access["number"])
    assert again["paragraphs"][0]["provision"] == access["paragraphs"][0]["provision"]
    assert again["paragraphs"][0]["attribution"] == ["KE"]
    first.refresh_from_db()
    assert first.content["chapters"][0]["articles"][0] == access
    assert Submission.objects.filter(deadline=world.deadline).count() == 1


def test_nothing_submitted_means_nothing_to_consolidate(world):
    with pytest.raises(InvalidInput, match="Nothing has been submitted"):
        consolidate_submissions(
            world.deadline,
            by=world.actors.chair,
            chapter="Criminalization",
            label="CND",
            date=datetime.date(2022, 5, 30),
        )


def test_a_delegate_submits_through_the_page_and_everyone_sees_it(client, world):
    from tests import factories as f

    deadline = f.make_deadline(
        world.negotiation, date=datetime.date(2099, 1, 1), chapters=["Preamble"]
    )
    client.force_login(world.delegate)
    response = client.post(
        f"/n/test-ahc/roadmap/{deadline.pk}/submit/",
        {"chapter": "Preamble", "text": ACCESS},
        follow=True,
    )
    assert "Submission on Preamble recorded." in response.content.decode()
    client.logout()
    page = client.get(f"/n/test-ahc/roadmap/{deadline.pk}/").content.decode()
    assert "Brazil" in page and "Illegal access" in page


def test_a_late_submission_through_the_page_is_refused_with_the_reason(client, world):
    client.force_login(world.delegate)
    response = client.post(
        f"/n/test-ahc/roadmap/{world.deadline.pk}/submit/",
        {"chapter": "Criminalization", "text": ACCESS},
    )
    assert response.status_code == 409
    assert "has not allowed late submissions" in response.content.decode()


def test_a_late_submission_stays_flagged_late_in_the_consolidated_text(world):
    allow_late_submissions(world.deadline, by=world.actors.secretariat, allowed=True)
    submit(world, at=AFTER)
    version = consolidate_submissions(
        world.deadline,
        by=world.actors.chair,
        chapter="Criminalization",
        label="CND",
        date=datetime.date(2022, 5, 30),
    )
    paragraph = version.content["chapters"][0]["articles"][0]["paragraphs"][0]
    assert paragraph["attribution"] == ["BR (late)"]


def test_a_delegate_uploads_a_word_document_as_its_submission(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from plenary.text.parsing import parse_draft
    from plenary.text.structure import content_from_parsed
    from plenary.text.word import version_to_docx
    from tests import factories as f

    deadline = f.make_deadline(
        world.negotiation, date=datetime.date(2099, 1, 1), chapters=["Preamble"]
    )
    data = version_to_docx(content_from_parsed(parse_draft(ACCESS.splitlines())), title="BR")
    client.force_login(world.delegate)
    response = client.post(
        f"/n/test-ahc/roadmap/{deadline.pk}/submit/",
        {"chapter": "Preamble", "file": SimpleUploadedFile("brazil.docx", data)},
    )
    assert response.status_code == 302
    assert "Illegal access" in Submission.objects.get(deadline=deadline).text
