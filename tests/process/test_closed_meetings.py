"""A meeting closed to stakeholders is a fact of the record for everyone (its kind, dates,
place and who convened it); its content is for delegations, the secretariat and the chair."""

from plenary.process.models import RecordDocument
from tests import factories as f


def closed_with_convener(world):
    session = world.closed_session
    session.convened_by = "the Chair"
    session.city = "Vienna"
    session.save(update_fields=["convened_by", "city"])
    return session


def test_the_public_sees_that_it_took_place_but_not_its_content(client, world):
    session = closed_with_convener(world)
    page = client.get(f"/n/test-ahc/sessions/{session.pk}/").content.decode()
    assert "This meeting was closed to stakeholders and the public" in page
    assert "the Chair" in page and "Vienna" in page
    assert "Closed informals" not in page
    assert client.get(f"/n/test-ahc/sessions/{session.pk}/agenda/").status_code == 404
    timeline = client.get("/n/test-ahc/").content.decode()
    assert f'href="/n/test-ahc/sessions/{session.pk}/"' in timeline
    assert "content not public" in timeline and "Closed informals" not in timeline


def test_a_stakeholder_sees_the_facts_too(client, world):
    session = closed_with_convener(world)
    client.force_login(world.stakeholder)
    page = client.get(f"/n/test-ahc/sessions/{session.pk}/").content.decode()
    assert "convened" in page.lower() and "Closed informals" not in page


def test_a_delegation_sees_its_content(client, world):
    session = closed_with_convener(world)
    client.force_login(world.delegate)
    page = client.get(f"/n/test-ahc/sessions/{session.pk}/").content.decode()
    assert "Closed informals" in page and "This meeting was closed" not in page
    assert client.get(f"/n/test-ahc/sessions/{session.pk}/agenda/").status_code == 200


def test_the_api_gives_the_public_the_facts_and_the_delegation_the_content(client, world):
    session = closed_with_convener(world)
    public = client.get(f"/api/negotiations/test-ahc/sessions/{session.pk}").json()
    assert public["content_withheld"] and public["convened_by"] == "the Chair"
    assert public["title"] == "informal consultation" and public["city"] == "Vienna"
    token = f.token_for(world.delegate)
    seen = client.get(
        f"/api/negotiations/test-ahc/sessions/{session.pk}",
        headers={"Authorization": f"Bearer {token}"},
    ).json()
    assert seen["title"] == "Closed informals" and not seen["content_withheld"]


def test_its_documents_are_listed_and_found_only_by_those_who_see_its_content(client, world):
    session = closed_with_convener(world)
    RecordDocument.objects.create(
        negotiation=world.negotiation,
        kind="report",
        title="Notes of the closed consultation",
        authors="the Chair",
        session=session,
        illustrative=True,
    )
    for who in (None, world.stakeholder):
        if who is not None:
            client.force_login(who)
        assert "Notes of the closed" not in client.get("/n/test-ahc/documents/").content.decode()
        assert client.get("/api/negotiations/test-ahc/documents").json() == []
        search = client.get("/api/negotiations/test-ahc/search", {"q": "closed consultation"})
        assert search.json()["documents"] == []
    client.force_login(world.delegate)
    assert "Notes of the closed" in client.get("/n/test-ahc/documents/").content.decode()
    assert len(client.get("/api/negotiations/test-ahc/documents").json()) == 1
    search = client.get("/api/negotiations/test-ahc/search", {"q": "closed consultation"})
    assert [d["title"] for d in search.json()["documents"]] == ["Notes of the closed consultation"]
