"""The public page of a paragraph of a published version: its wording and status, what was said
about it and who holds a red line on it, and the buttons to follow it and its article."""

import datetime

import pytest

from plenary.advocacy.services.red_lines import assess
from plenary.advocacy.services.statements import open_for_signature, publish_statement
from plenary.notifications.models import Follow
from plenary.participation.services.interventions import submit_written_contribution
from plenary.text.services.versions import import_version
from tests.advocacy.factories import make_coalition, make_red_line, make_statement, publish
from tests.factories import provision_at
from tests.participation.factories import accredit, make_agenda_item, make_upcoming_session

EID = "art_2__para_2"  # "Each State Party shall protect security research."


@pytest.fixture
def zero(world):
    return publish(world)


def url(version, eid=EID):
    return f"/n/test-ahc/versions/{version.pk}/p/{eid}/"


def page(client, version, user=None, eid=EID):
    if user is not None:
        client.force_login(user)
    response = client.get(url(version, eid))
    assert response.status_code == 200
    return response.content.decode()


def test_it_links_each_paragraph_of_a_version_to_its_page(client, world, zero):
    html = client.get(f"/n/test-ahc/versions/{zero.pk}/").content.decode()
    assert f'href="{url(zero)}"' in html
    assert f'href="{url(zero, "art_1__para_1")}"' in html


def test_it_shows_the_wording_and_the_status_to_the_public(client, world, zero):
    html = page(client, zero)
    assert "Each State Party shall protect security research." in html
    assert "<h1>Art. 2(2) — Safeguards</h1>" in html
    assert 'id="paragraph-status">open<' in html


def test_it_shows_published_statements_and_public_red_lines_on_it(client, world, zero):
    coalition = make_coalition(world)
    published = make_statement(world, coalition, eids=(EID,), title="Protect research now")
    open_for_signature(published, by=world.actors.stakeholder)
    publish_statement(published, by=world.actors.stakeholder)
    make_statement(world, coalition, eids=(EID,), title="Still a draft")
    red_line = make_red_line(world, coalition, eids=(EID,), title="Research protected")
    assess(red_line, zero, by=world.actors.stakeholder, verdict="partly_met", reasoning="Weak.")
    private = make_coalition(world, private=True, name="Quiet Caucus")
    make_red_line(world, private, eids=(EID,), title="Quiet line")
    html = page(client, zero)
    assert "Protect research now" in html and "Still a draft" not in html
    assert "Research protected" in html and "partly met" in html
    assert "Quiet line" not in html
    assert "Quiet line" in page(client, zero, world.stakeholder)


def test_it_shows_the_published_interventions_on_it_but_not_those_of_closed_sessions(
    client, world, zero
):
    accredit(world.negotiation, world.organization)
    item = make_agenda_item(make_upcoming_session(world.negotiation), eids=[EID])
    submit_written_contribution(
        item,
        by=world.actors.stakeholder,
        organization=world.organization,
        text="Research needs a shield.",
    )
    closed = make_agenda_item(world.closed_session, eids=[EID])
    submit_written_contribution(
        closed, by=world.actors.delegate, delegation=world.brazil, text="Said behind closed doors."
    )
    public = page(client, zero)
    assert "Research needs a shield." in public and "written contribution" in public
    assert "behind closed doors" not in public
    assert "behind closed doors" in page(client, zero, world.delegate)


def test_it_offers_to_follow_the_paragraph_and_its_article(client, world, zero):
    assert "Sign in to follow" in page(client, zero)
    html = page(client, zero, world.stakeholder)
    paragraph = provision_at(world.negotiation, EID)
    article = provision_at(world.negotiation, "art_2")
    assert 'name="kind" value="paragraph"' in html and f'value="{paragraph.pk}"' in html
    assert 'name="kind" value="article"' in html and f'value="{article.pk}"' in html
    response = client.post(
        "/n/test-ahc/follow/", {"kind": "article", "key": "art_2", "next": url(zero)}
    )
    assert response.status_code == 302
    followed = Follow.objects.get(user=world.stakeholder, kind="article")
    assert (followed.provision, followed.key) == (article, str(article.pk))
    assert "Stop following" in page(client, zero)


def test_a_renumbered_paragraph_names_where_it_stands_now_and_links_each_version(
    client, world, zero
):
    later = import_version(
        world.negotiation,
        by=world.actors.secretariat,
        lines=[
            "Article 1. Purposes",
            "1. To prevent cybercrime.",
            "Article 3. Safeguards",
            "1. Each State Party shall respect human rights.",
            "2. Each State Party shall protect security research.",
        ],
        label="Revised draft",
        date=datetime.date(2023, 9, 1),
        published=True,
    )
    html = page(client, zero)
    assert "Now Art. 3(2) — Safeguards in the latest text." in html
    others = html.split('id="other-versions"', 1)[1].split("</ul>")[0]
    assert f'href="{url(later, "art_3__para_2")}"' in others and "Art. 3(2)" in others


def test_an_informal_draft_has_no_public_paragraph_pages(client, world, zero):
    informal = import_version(
        world.negotiation,
        by=world.actors.secretariat,
        lines=["Article 1. Purposes", "1. To prevent cybercrime in secret."],
        label="Informal",
        date=datetime.date(2023, 7, 1),
    )
    assert client.get(url(informal, "art_1__para_1")).status_code == 404
    client.force_login(world.stakeholder)
    assert client.get(url(informal, "art_1__para_1")).status_code == 404
    assert "in secret" in page(client, informal, world.delegate, "art_1__para_1")
    # The public page of the published version does not point to the informal draft.
    assert "Informal" not in page(client, zero, world.stakeholder, "art_1__para_1")


def test_it_answers_404_for_a_paragraph_the_version_does_not_have(client, world, zero):
    response = client.get(url(zero, "art_9__para_9"))
    assert response.status_code == 404
    assert "no paragraph art_9__para_9" in response.content.decode()
