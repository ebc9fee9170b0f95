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
from plenary.notifications.models import Follow, Notification
from plenary.notifications.services import follow, is_following, unfollow, unread_count
from plenary.outbox.events import drain
from plenary.outbox.models import Event
from plenary.process.actors import PUBLIC, actor_of
from plenary.process.models import Role
from tests import factories as f
from tests.advocacy.factories import ZERO_DRAFT, make_coalition, make_red_line, publish, revised
from tests.conftest import World
from tests.factories import provision_at, token_for
from tests.notifications.conftest import free_port

CHANGED = revised({1: "1. To combat cybercrime only."})  # art_1__para_1


def _with_email(world: World) -> None:
    world.delegate.email = "delegate@example.org"
    world.delegate.save(update_fields=["email"])


@pytest.mark.django_db(transaction=True)
def test_the_change_keeps_its_event_and_the_worker_emails_the_notification_once(world, smtp):
    _with_email(world)
    publish(world)
    follow(world.actors.delegate, world.negotiation, "paragraph", "art_1__para_1")
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
    follow(world.actors.delegate, world.negotiation, "paragraph", "art_1__para_1")
    publish(world, CHANGED, label="Revised draft", day=2)
    drain()
    stored = Notification.objects.get(user=world.delegate)
    assert stored.subject == "Art. 1(1) — Purposes changed in Revised draft"
    assert stored.emailed_at is not None
    assert len(smtp.messages) == 1
    assert "Art. 1(1) — Purposes" in smtp.messages[0].content.decode()
    assert b"art_1__para_1" not in smtp.messages[0].content  # names, not codes


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_notifies_nobody(world, smtp):
    _with_email(world)
    publish(world)
    follow(world.actors.delegate, world.negotiation, "paragraph", "art_1__para_1")
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
    follow(world.actors.delegate, world.negotiation, "article", "art_1")
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
    follow(world.actors.delegate, world.negotiation, "paragraph", "art_2__para_1")
    publish(world, CHANGED, label="Revised draft", day=2)
    drain()
    assert not Notification.objects.exists()


def test_a_person_following_a_paragraph_and_its_article_is_told_once(world):
    publish(world)
    follow(world.actors.delegate, world.negotiation, "paragraph", "art_1__para_1")
    follow(world.actors.delegate, world.negotiation, "article", "art_1")
    follow(world.actors.stakeholder, world.negotiation, "article", "art_1")
    publish(world, CHANGED, label="Revised draft", day=2)
    drain()
    assert Notification.objects.filter(user=world.delegate).count() == 1
    assert Notification.objects.filter(user=world.stakeholder).count() == 1


def test_followers_of_a_red_line_are_told_when_it_is_reflagged(world):
    zero = publish(world)
    red_line = make_red_line(world, make_coalition(world), eids=["art_1__para_1"])
    follow(world.actors.delegate, world.negotiation, "red_line", str(red_line.pk))
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
        follow(PUBLIC, world.negotiation, "paragraph", "art_1__para_1")
    with pytest.raises(NotFound):
        follow(world.actors.delegate, world.negotiation, "paragraph", "art_9__para_9")
    follow(world.actors.delegate, world.negotiation, "paragraph", "art_1__para_1")
    with pytest.raises(Conflict):
        follow(world.actors.delegate, world.negotiation, "paragraph", "art_1__para_1")


def test_a_private_red_line_cannot_be_followed_by_outsiders(world):
    publish(world)
    red_line = make_red_line(world, make_coalition(world, private=True))
    with pytest.raises(NotFound):
        follow(world.actors.chair, world.negotiation, "red_line", str(red_line.pk))
    follow(world.actors.stakeholder, world.negotiation, "red_line", str(red_line.pk))


def test_the_inbox_shows_the_unread_count_and_marks_read(world, client):
    publish(world)
    follow(world.actors.delegate, world.negotiation, "paragraph", "art_1__para_1")
    publish(world, CHANGED, label="Revised draft", day=2)
    drain()
    client.force_login(world.delegate)
    page = client.get("/inbox/").content.decode()
    assert 'id="unread-count">1<' in page
    assert "Art. 1(1) — Purposes changed in Revised draft" in page
    # What the person follows is named as they read it, not by a code.
    follows = page[page.index('id="follows"') :]
    assert "paragraph Art. 1(1) — Purposes" in follows and "art_1__para_1" not in follows
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
    article = provision_at(world.negotiation, "art_1")
    assert {k: made.json()[k] for k in ("kind", "key", "provision", "eid", "label")} == {
        "kind": "article",
        "key": str(article.pk),
        "provision": article.pk,
        "eid": "art_1",
        "label": "Art. 1 — Purposes",
    }
    publish(world, CHANGED, label="Revised draft", day=2)
    drain()
    (told,) = client.get("/api/inbox", headers=token).json()
    assert told["kind"] == "article" and told["read_at"] is None
    assert told["key"] == str(article.pk)
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


RENUMBERED = [
    *ZERO_DRAFT[:3],
    "Article 2. Definitions",
    "1. Terms have the meaning given here.",
    "2. Each State Party shall define its terms.",
    "Article 3. Safeguards",
    *ZERO_DRAFT[4:],
]


def test_a_follow_made_by_eid_stays_on_its_paragraph_when_the_text_is_renumbered(world, client):
    publish(world)
    research = provision_at(world.negotiation, "art_2__para_2")
    followed = follow(world.actors.delegate, world.negotiation, "paragraph", "art_2__para_2")
    assert (followed.provision, followed.key) == (research, str(research.pk))
    # A new Article 2 pushes Safeguards to Article 3: the paragraph followed is now
    # art_3__para_2, its wording unchanged, and art_2__para_2 names a new paragraph.
    renumbered = publish(world, RENUMBERED, label="Renumbered draft", day=2)
    drain()
    assert provision_at(world.negotiation, "art_3__para_2") == research
    assert not Notification.objects.filter(user=world.delegate).exists()
    assert is_following(world.delegate, world.negotiation, "paragraph", "art_3__para_2")
    assert not is_following(world.delegate, world.negotiation, "paragraph", "art_2__para_2")
    client.force_login(world.delegate)
    pages = f"/n/{world.negotiation.slug}/versions/{renumbered.pk}/p"
    assert "Stop following" in client.get(f"{pages}/art_3__para_2/").content.decode()
    assert "Stop following" not in client.get(f"{pages}/art_2__para_2/").content.decode()
    # When its wording changes, the follower is told, by its new number.
    reworded = [*RENUMBERED[:-1], "2. Each State Party may protect security research."]
    publish(world, reworded, label="Revised draft", day=3)
    drain()
    (told,) = Notification.objects.filter(user=world.delegate)
    assert told.subject == "Art. 3(2) — Safeguards changed in Revised draft"
    follows = client.get("/inbox/").content.decode()
    assert "paragraph Art. 3(2) — Safeguards" in follows[follows.index('id="follows"') :]
    # And stops following it by the eId it has now.
    unfollow(world.actors.delegate, world.negotiation, "paragraph", "art_3__para_2")
    assert not Follow.objects.filter(user=world.delegate).exists()
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
        follow(actor_of(person), world.negotiation, "paragraph", "art_1__para_1")
    publish(world, CHANGED, label="Revised draft", day=2)
    drain()
    assert len(smtp.messages) == 30
    assert smtp.connections == 1
