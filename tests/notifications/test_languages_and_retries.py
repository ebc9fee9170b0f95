"""Each person is written to in their own language, whoever made the change; notifications the
sender gave up on are reported, not dropped in silence."""

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from plenary.advocacy.services.red_lines import flag_red_lines
from plenary.advocacy.services.statements import open_for_signature, publish_statement
from plenary.errors import InvalidInput
from plenary.notifications.mail import MAX_ATTEMPTS
from plenary.notifications.models import Notification
from plenary.notifications.services import follow, language_of, set_language
from plenary.outbox.events import drain
from plenary.process.services.sessions import suspend_session
from plenary.text.provisions import outline_of
from tests.advocacy.factories import (
    make_coalition,
    make_red_line,
    make_statement,
    paragraphs,
    publish,
    revised,
)
from tests.factories import provision_at, token_for

CHANGED = revised({1: "1. To combat cybercrime only."})  # art_1__para_1


@pytest.mark.django_db(transaction=True)
def test_it_emails_each_follower_in_their_own_language(world, smtp):
    publish(world)
    world.delegate.email = "delegate@example.org"
    world.stakeholder.email = "ngo@example.org"
    for person in (world.delegate, world.stakeholder):
        person.save(update_fields=["email"])
    follow(world.actors.delegate, world.negotiation, "paragraph", "art_1__para_1")
    follow(world.actors.stakeholder, world.negotiation, "paragraph", "art_1__para_1")
    set_language(world.actors.delegate, "es")

    # The secretariat works in French; each reader still gets their own language.
    with translation.override("fr"):
        publish(world, CHANGED, label="Revised draft", day=2)
    drain()

    spanish = Notification.objects.get(user=world.delegate)
    english = Notification.objects.get(user=world.stakeholder)
    (paragraph,) = paragraphs(world, ["art_1__para_1"])
    with translation.override("es"):
        in_spanish = outline_of(world.negotiation.versions.last()).label(paragraph.pk)
    assert (spanish.language, spanish.subject) == (
        "es",
        f"{in_spanish} modificado en Revised draft",
    )
    assert (english.language, english.subject) == (
        "en",
        "Art. 1(1) — Purposes changed in Revised draft",
    )
    mails = {m.rcpt_tos[0]: m.content.decode() for m in smtp.messages}
    assert "Recibe este mensaje porque lo sigue en Plenary." in mails["delegate@example.org"]
    assert "You receive this because you follow it in Plenary." in mails["ngo@example.org"]


def test_it_says_what_happened_to_a_session_in_the_readers_language(world):
    follow(world.actors.stakeholder, world.negotiation, "session", str(world.open_session.pk))
    set_language(world.actors.stakeholder, "es")
    suspend_session(world.open_session, by=world.actors.secretariat, on=world.open_session.end)
    drain()
    (told,) = Notification.objects.filter(user=world.stakeholder)
    assert told.subject == f"{world.open_session.title}: suspendido"


def test_a_person_is_written_to_in_the_language_they_followed_in_until_they_choose(world, client):
    publish(world)
    assert language_of(world.delegate) == "en"
    with translation.override("fr"):
        follow(world.actors.delegate, world.negotiation, "paragraph", "art_1__para_1")
    assert language_of(world.delegate) == "fr"
    with translation.override("ru"):
        follow(world.actors.delegate, world.negotiation, "article", "art_1")
    assert language_of(world.delegate) == "fr"  # the first choice stays
    with pytest.raises(InvalidInput, match="Choose one of the languages"):
        set_language(world.actors.delegate, "de")

    client.force_login(world.delegate)
    page = client.get("/inbox/").content.decode()
    assert '<option value="fr" lang="fr" selected>' in page
    assert client.post("/inbox/language/", {"language": "ar"}).status_code == 302
    assert language_of(world.delegate) == "ar"

    token = {"Authorization": f"Bearer {token_for(world.delegate)}"}
    changed = client.put(
        "/api/inbox/language", {"language": "zh-hans"}, "application/json", headers=token
    )
    assert changed.json() == {"language": "zh-hans"}
    assert client.get("/api/inbox/language", headers=token).json() == {"language": "zh-hans"}
    refused = client.put(
        "/api/inbox/language", {"language": "xx"}, "application/json", headers=token
    )
    assert refused.status_code == 400


def test_an_article_followed_through_the_api_tells_of_its_paragraphs(world, client):
    publish(world)
    token = {"Authorization": f"Bearer {token_for(world.stakeholder)}"}
    base = f"/api/negotiations/{world.negotiation.slug}/follows"
    made = client.post(base, {"kind": "article", "key": "art_1"}, "application/json", headers=token)
    assert made.status_code == 201
    article = provision_at(world.negotiation, "art_1")
    assert [
        (f["kind"], f["key"], f["provision"], f["eid"])
        for f in client.get(base, headers=token).json()
    ] == [("article", str(article.pk), article.pk, "art_1")]
    publish(world, CHANGED, label="Revised draft", day=2)
    drain()
    (told,) = client.get("/api/inbox", headers=token).json()
    assert (told["kind"], told["key"], told["language"]) == ("article", str(article.pk), "en")
    assert "Art. 1(1) — Purposes" in told["subject"]
    # A tool stops following by the eId it followed by, or by the id.
    assert client.delete(f"{base}/article/art_1", headers=token).status_code == 204
    assert client.get(base, headers=token).json() == []


@pytest.mark.django_db(transaction=True)
def test_the_command_reports_what_it_gave_up_on_and_can_try_it_again(world, smtp, capsys):
    world.delegate.email = "delegate@example.org"
    world.delegate.save(update_fields=["email"])
    stuck = Notification.objects.create(
        user=world.delegate,
        negotiation=world.negotiation,
        kind="paragraph",
        key="art_1__para_1",
        subject="art_1__para_1 changed",
        body="…",
        email_attempts=MAX_ATTEMPTS,
        email_error="550 mailbox unavailable",
    )

    with pytest.raises(CommandError, match="1 were given up after 20 failed sends"):
        call_command("send_notifications")
    out = capsys.readouterr().out
    assert "0 sent, 0 failed, 1 given up." in out
    assert f"given up: #{stuck.pk} to delegate@example.org" in out
    assert "550 mailbox unavailable" in out
    assert smtp.messages == []

    call_command("send_notifications", retry_given_up=True)
    stuck.refresh_from_db()
    assert stuck.emailed_at is not None and stuck.email_attempts == 1
    assert len(smtp.messages) == 1
    call_command("send_notifications")  # nothing left: exit 0


def test_it_tells_of_a_red_line_and_a_statement_in_the_readers_language(world):
    publish(world)
    coalition = make_coalition(world)
    red_line = make_red_line(world, coalition, eids=["art_1__para_1"], title="Intent and harm")
    statement = make_statement(world, coalition, title="Protect researchers")
    follow(world.actors.delegate, world.negotiation, "red_line", str(red_line.pk))
    follow(world.actors.delegate, world.negotiation, "paragraph", "art_1__para_1")
    set_language(world.actors.delegate, "es")

    with translation.override("fr"):
        flag_red_lines(publish(world, CHANGED, label="Revised draft", day=2))
        open_for_signature(statement, by=world.actors.stakeholder)
        publish_statement(statement, by=world.actors.stakeholder)
    drain()

    subjects = set(
        Notification.objects.filter(user=world.delegate).values_list("subject", flat=True)
    )
    assert "Línea roja que debe reevaluarse: Intent and harm" in subjects
    assert f"{coalition} publicó: Protect researchers" in subjects
