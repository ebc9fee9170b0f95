"""The text's forms as people meet their refusals: what was typed comes back with the reason,
and the page says what it needs to (which line, what the paragraph reads now); a co-sponsor
leaves a proposal it no longer supports."""

import datetime

import lxml.html
import pytest

from plenary.audit.models import AuditEntry
from plenary.errors import Conflict, NotYourDelegation
from plenary.text.services.drafting import edit_wording
from plenary.text.services.versions import import_version
from plenary.text.services.working import cosponsor, propose, withdraw_cosponsorship
from tests import factories as f

N = "/n/test-ahc"


@pytest.fixture
def draft(world):
    return import_version(
        world.negotiation,
        by=world.actors.secretariat,
        label="Zero draft",
        date=datetime.date(2023, 6, 1),
        lines=["Article 1. Purposes", "1. To prevent cybercrime.", "2. To cooperate."],
    )


def paragraph(world, eid="art_1__para_2"):
    return f.provision_at(world.negotiation, eid)


def test_a_submission_with_an_unclosed_bracket_names_its_line_and_keeps_the_text(client, world):
    deadline = f.make_deadline(
        world.negotiation, date=datetime.date(2099, 1, 1), chapters=["Final provisions"]
    )
    typed = "Article 1. Purposes\n1. The States Parties [agree / decide."
    client.force_login(world.delegate)
    response = client.post(
        f"{N}/roadmap/{deadline.pk}/submit/", {"chapter": "Final provisions", "text": typed}
    )
    assert response.status_code == 400
    document = lxml.html.document_fromstring(response.content)
    (textarea,) = document.xpath('//textarea[@name="text"]')
    assert textarea.text.removeprefix("\n") == typed
    assert "The text does not read at line 2" in document.text_content()
    assert not deadline.submissions.exists()


def test_a_wording_changed_since_the_chair_opened_it_comes_back_with_both_wordings(
    client, world, draft
):
    second = paragraph(world)
    # Another of the chair's sessions (or a colleague) rewords it first.
    edit_wording(
        world.negotiation,
        second,
        by=world.actors.chair,
        text="To cooperate widely.",
        reason="Agreed in informals.",
        seen="To cooperate.",
    )
    client.force_login(world.chair)
    typed = "To cooperate as widely as possible."
    response = client.post(
        f"{N}/draft/p/{second.pk}/edit/",
        {"text": typed, "reason": "The chair's wording.", "seen": "To cooperate."},
    )
    assert response.status_code == 409
    document = lxml.html.document_fromstring(response.content)
    (form,) = document.xpath('//form[.//input[@name="seen"]]')
    assert form.xpath('.//textarea[@name="text"]')[0].text.removeprefix("\n") == typed
    # What it reads now is what the chair now answers to: sending again replaces it.
    assert form.xpath('.//input[@name="seen"]')[0].get("value") == "To cooperate widely."
    assert "To cooperate widely." in document.text_content()
    again = client.post(
        f"{N}/draft/p/{second.pk}/edit/",
        {"text": typed, "reason": "The chair's wording.", "seen": "To cooperate widely."},
    )
    assert again.status_code == 302
    page = client.get(f"{N}/draft/p/{second.pk}/").content.decode()
    assert typed in page


def test_a_paragraphs_page_is_titled_by_its_label_alone(client, world, draft):
    client.force_login(world.delegate)
    page = client.get(f"{N}/draft/p/{paragraph(world).pk}/")
    document = lxml.html.document_fromstring(page.content)
    title = document.findtext(".//title")
    assert title.split(" · ")[0].strip() == "Art. 1(2) — Purposes"
    assert "<form" not in title and "stance" not in title.lower()


@pytest.fixture
def cosponsored(world, draft):
    proposal = propose(
        world.negotiation,
        by=world.actors.other_delegate,
        delegation=world.kenya,
        provision=paragraph(world),
        kind="alternative",
        text="To cooperate fully.",
    )
    return cosponsor(proposal, by=world.actors.delegate, delegation=world.brazil)


def test_a_cosponsor_withdraws_its_cosponsorship_from_the_paragraph_page(
    client, world, cosponsored
):
    client.force_login(world.delegate)
    page = client.get(f"{N}/draft/p/{paragraph(world).pk}/").content.decode()
    assert "Withdraw the co-sponsorship" in page
    response = client.post(f"{N}/draft/proposals/{cosponsored.pk}/cosponsor/withdraw/")
    assert response.status_code == 302
    assert not cosponsored.cosponsors.exists()
    assert cosponsored.delegation == world.kenya  # the proposal stays its sponsor's
    entry = AuditEntry.objects.get(action="proposal.cosponsorship_withdrawn")
    assert entry.before == {"cosponsor": "BR"}
    page = client.get(f"{N}/draft/p/{paragraph(world).pk}/").content.decode()
    assert "Withdraw the co-sponsorship" not in page and "Co-sponsor" in page
    # Twice is refused with a reason.
    with pytest.raises(Conflict, match="does not co-sponsor"):
        withdraw_cosponsorship(cosponsored, by=world.actors.delegate, delegation=world.brazil)


def test_only_the_cosponsors_own_people_withdraw_it(client, world, cosponsored):
    with pytest.raises(NotYourDelegation):
        withdraw_cosponsorship(cosponsored, by=world.actors.other_delegate, delegation=world.brazil)
    api = f"/api/negotiations/test-ahc/proposals/{cosponsored.pk}/cosponsors"
    kenya = {"Authorization": f"Bearer {f.token_for(world.other_delegate)}"}
    refused = client.delete(f"{api}/BR", headers=kenya)
    assert refused.status_code == 403
    assert "only BR itself" in refused.json()["detail"]
    brazil = {"Authorization": f"Bearer {f.token_for(world.delegate)}"}
    left = client.delete(f"{api}/br", headers=brazil)
    assert left.status_code == 200 and left.json()["cosponsors"] == []
