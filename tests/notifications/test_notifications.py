"""Following and being told: the change's event is stored with it; the worker writes the
notifications and emails each once through a real SMTP server; a failed send is kept and
retried."""

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from plenary.advocacy.models import Reassessment
from plenary.advocacy.services.red_lines import flag_red_lines
from plenary.errors import Conflict, NotFound, NotSignedIn
from plenary.notifications.mail import send_notifications
from plenary.notifications.models import Notification
from plenary.notifications.services import follow, unread_count
from plenary.outbox.events import drain
from plenary.outbox.models import Event
from plenary.process.models import Role
from tests import factories as f
from tests.advocacy.factories import make_coalition, make_red_line, publish, revised
from tests.conftest import World
from tests.factories import token_for
from tests.notifications.conftest import free_port

CHANGED = revised({1: "1. To combat cybercrime only."})  # art_1__para_1


def _with_email(world: World) -> None:
    world.delegate.email = "delegate@example.org"
    world.delegate.save(update_fields=["email"])


@pytest.mark.django_db(transaction=True)
def test_the_change_keeps_its_event_and_the_worker_emails_the_notification_once(world, smtp):
    _with_email(world)
    publish(world)
    follow(world.delegate, world.negotiation, "paragraph", "art_1__para_1")
    with transaction.atomic():
        publish(world, CHANGED, label="Revised draft", day=2)
        assert Event.objects.filter(kind="version.published", handled_at=None).exists()
    # Committed: nothing is sent by the request; the worker does it.
    assert smtp.messages == [] and not Notification.objects.exists()
    drain()
    stored = Notification.objects.get(user=world.delegate)
    assert len(smtp.messages) == 1
    assert smtp.messages[0].rcpt_tos == ["delegate@example.org"]
    stored.refresh_from_db()
    assert stored.emailed_at is not None and stored.email_attempts == 1
    assert send_notifications() == (0, 0)  # a sent one is never sent again
    drain()
    assert len(smtp.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_a_new_version_emails_the_followers_of_a_changed_paragraph_once(world, smtp):
    _with_email(world)
    publish(world)
    follow(world.delegate, world.negotiation, "paragraph", "art_1__para_1")
    publish(world, CHANGED, label="Revised draft", day=2)
    drain()
    stored = Notification.objects.get(user=world.delegate)
    assert "art_1__para_1" in stored.subject and stored.emailed_at is not None
    assert len(smtp.messages) == 1
    assert b"art_1__para_1" in smtp.messages[0].content


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_notifies_nobody(world, smtp):
    _with_email(world)
    publish(world)
    follow(world.delegate, world.negotiation, "paragraph", "art_1__para_1")
    drain()
    with pytest.raises(RuntimeError), transaction.atomic():
        publish(world, CHANGED, label="Revised draft", day=2)
        raise RuntimeError("the import failed later")
    assert not Event.objects.filter(handled_at=None).exists()
    drain()
    assert smtp.messages == []
    assert not Notification.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_failed_send_is_kept_and_the_command_retries_it(world, smtp, settings):
    _with_email(world)
    publish(world)
    follow(world.delegate, world.negotiation, "article", "art_1")
    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens there: the send fails
    publish(world, CHANGED, label="Revised draft", day=2)
    drain()
    stored = Notification.objects.get(user=world.delegate)
    assert stored.emailed_at is None and stored.email_attempts == 1
    assert stored.email_error
    with pytest.raises(CommandError, match="kept for the next run"):
        call_command("send_notifications")
    stored.refresh_from_db()
    assert stored.emailed_at is None and stored.email_attempts == 2
    assert smtp.messages == []

    settings.EMAIL_PORT = working_port
    call_command("send_notifications")
    call_command("send_notifications")
    stored.refresh_from_db()
    assert stored.emailed_at is not None and stored.email_attempts == 3
    assert len(smtp.messages) == 1


def test_an_unchanged_paragraph_notifies_nobody(world):
    publish(world)
    follow(world.delegate, world.negotiation, "paragraph", "art_2__para_1")
    publish(world, CHANGED, label="Revised draft", day=2)
    drain()
    assert not Notification.objects.exists()


def test_a_person_following_a_paragraph_and_its_article_is_told_once(world):
    publish(world)
    follow(world.delegate, world.negotiation, "paragraph", "art_1__para_1")
    follow(world.delegate, world.negotiation, "article", "art_1")
    follow(world.stakeholder, world.negotiation, "article", "art_1")
    publish(world, CHANGED, label="Revised draft", day=2)
    drain()
    assert Notification.objects.filter(user=world.delegate).count() == 1
    assert Notification.objects.filter(user=world.stakeholder).count() == 1


def test_followers_of_a_red_line_are_told_when_it_is_reflagged(world):
    zero = publish(world)
    red_line = make_red_line(world, make_coalition(world), eids=["art_1__para_1"])
    follow(world.delegate, world.negotiation, "red_line", str(red_line.pk))
    new = publish(world, CHANGED, label="Revised draft", day=2)
    drain()
    Notification.objects.all().delete()  # leave out the paragraph notifications, if any
    Reassessment.objects.all().delete()
    flag_red_lines(new)
    drain()
    (told,) = Notification.objects.filter(user=world.delegate)
    assert told.kind == "red_line" and red_line.title in told.subject
    assert told.url == f"/n/{world.negotiation.slug}/red-lines/{red_line.pk}/"
    assert zero.pk != new.pk


def test_following_needs_an_account_a_real_target_and_happens_once(world):
    publish(world)
    with pytest.raises(NotSignedIn):
        follow(None, world.negotiation, "paragraph", "art_1__para_1")
    with pytest.raises(NotFound):
        follow(world.delegate, world.negotiation, "paragraph", "art_9__para_9")
    follow(world.delegate, world.negotiation, "paragraph", "art_1__para_1")
    with pytest.raises(Conflict):
        follow(world.delegate, world.negotiation, "paragraph", "art_1__para_1")


def test_a_private_red_line_cannot_be_followed_by_outsiders(world):
    publish(world)
    red_line = make_red_line(world, make_coalition(world, private=True))
    with pytest.raises(NotFound):
        follow(world.chair, world.negotiation, "red_line", str(red_line.pk))
    follow(world.stakeholder, world.negotiation, "red_line", str(red_line.pk))


def test_the_inbox_shows_the_unread_count_and_marks_read(world, client):
    publish(world)
    follow(world.delegate, world.negotiation, "paragraph", "art_1__para_1")
    publish(world, CHANGED, label="Revised draft", day=2)
    drain()
    client.force_login(world.delegate)
    page = client.get("/inbox/").content.decode()
    assert 'id="unread-count">1<' in page and "art_1__para_1" in page
    client.post("/inbox/read/")
    assert unread_count(world.delegate) == 0
    assert 'id="unread-count"' not in client.get("/inbox/").content.decode()


def test_a_person_follows_from_the_red_line_page_and_returns_to_it(world, client):
    publish(world)
    red_line = make_red_line(world, make_coalition(world))
    page = f"/n/{world.negotiation.slug}/red-lines/{red_line.pk}/"
    client.force_login(world.delegate)
    assert "Follow: be told when it changes" in client.get(page).content.decode()
    response = client.post(
        f"/n/{world.negotiation.slug}/follow/",
        {"kind": "red_line", "key": str(red_line.pk), "next": page},
    )
    assert response.status_code == 302 and response["Location"] == page
    assert "Stop following" in client.get(page).content.decode()
    outside = client.post(
        f"/n/{world.negotiation.slug}/follow/",
        {"kind": "paragraph", "key": "art_1__para_1", "next": "https://elsewhere.example/"},
    )
    assert outside["Location"] == "/inbox/"  # never sent off the site


def test_the_api_follows_and_reads_the_inbox(world, client):
    publish(world)
    token = {"Authorization": f"Bearer {token_for(world.delegate)}"}
    base = f"/api/negotiations/{world.negotiation.slug}"
    made = client.post(
        f"{base}/follows",
        {"kind": "article", "key": "art_1"},
        content_type="application/json",
        headers=token,
    )
    assert made.status_code == 201
    publish(world, CHANGED, label="Revised draft", day=2)
    drain()
    (told,) = client.get("/api/inbox", headers=token).json()
    assert told["kind"] == "article" and told["read_at"] is None
    read = client.post("/api/inbox/read", {}, content_type="application/json", headers=token)
    assert read.json() == {"marked": 1, "unread": 0}
    bad = client.post(
        f"{base}/follows",
        {"kind": "article", "key": "art_99"},
        content_type="application/json",
        headers=token,
    )
    assert bad.status_code == 404 and "art_99" in bad.json()["detail"]


def test_the_plenary_command_spells_it_with_a_hyphen(world, capsys):
    from plenary.cli import main

    main(["send-notifications"])
    assert capsys.readouterr().out.strip() == "0 sent, 0 failed, 0 given up."


def test_marking_read_refuses_ids_no_database_can_hold(world, client):
    response = client.post(
        "/api/inbox/read",
        {"ids": [3828200758853974360064]},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(world.delegate)}"},
    )
    assert response.status_code == 422
    assert "detail" in response.json()


@pytest.mark.django_db(transaction=True)
def test_the_worker_emails_many_followers_over_one_connection(world, smtp):
    publish(world)
    for n in range(30):
        person = f.make_user(
            f"reader-{n}",
            Role.STAKEHOLDER,
            organization=world.organization,
            email=f"r{n}@example.org",
        )
        follow(person, world.negotiation, "paragraph", "art_1__para_1")
    publish(world, CHANGED, label="Revised draft", day=2)
    drain()
    assert len(smtp.messages) == 30
    assert smtp.connections == 1
