"""Every form of the site, sent with something wrong in it, comes back as the same form: what was
typed is still there (passwords and files excepted), each message shows once, beside its field
or at the top, and is tied to its field by aria-describedby; as a whole page for a plain post,
as the form alone for htmx.

The forms are those of the URL conf: every route that takes a POST (the permission matrix
lists them all) is walked below, or is an action with nothing to type (a button).
"""

from dataclasses import dataclass, field
from typing import Any

import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from plenary.process.services.accounts import invitation_token
from tests.permissions.common import N
from tests.test_permission_matrix import AREAS, CASES, role_user

P = "/n/test-protocol"


@dataclass
class Walk:
    """A form sent by `role` to `url` with `data`, one value of which is wrong."""

    name: str
    role: str
    url: Any
    data: Any
    # Inputs whose typed value cannot come back as typed: a choice that is not offered.
    unkeepable: set[str] = field(default_factory=set)
    files: Any = None
    # Forms that are not swapped by htmx (Django's own sign-in, the chair's order of speakers).
    htmx: bool = True
    label: str = ""


def session_page(w, rest: str) -> str:
    return f"{N}/sessions/{w.part_session.pk}/{rest}"


def item_page(w, rest: str) -> str:
    return session_page(w, f"items/{w.part_item.pk}/{rest}")


def session_data(w, **changes) -> dict:
    return {
        "kind": "substantive",
        "number": 7,
        "title": "Seventh session",
        "start": "2031-01-08",
        "end": "2031-01-19",
        "venue": "Palais des Nations",
        "city": "Geneva",
        "timezone": "Europe/Zurich",
        "mode": "in_person",
        "openness": "open",
        "lock_version": w.open_session.lock_version,
    } | changes


@pytest.fixture
def forms_world(world):
    """The permission matrix's world: a record of everything each form acts on."""
    for area in AREAS:
        if hasattr(area, "prepare"):
            area.prepare(world)
    return world


def welcome_url(w) -> str:
    uid = urlsafe_base64_encode(force_bytes(w.acc_invited.pk))
    return f"/accounts/welcome/{uid}/{invitation_token(w.acc_invited)}/"


def reset_confirm_url(w, client) -> str:
    """Django's reset link sends the browser on to the form's own address."""
    from django.contrib.auth.tokens import default_token_generator

    uid = urlsafe_base64_encode(force_bytes(w.acc_member.pk))
    token = default_token_generator.make_token(w.acc_member)
    return client.get(f"/accounts/reset/{uid}/{token}/")["Location"]


WALKS = [
    # The process: sessions, roadmap, accreditation.
    Walk(
        "session-create",
        "secretariat",
        lambda w: f"{N}/manage/sessions/new/",
        lambda w: session_data(w, end="2031-01-01"),
    ),
    Walk(
        "session-edit",
        "secretariat",
        lambda w: f"{N}/manage/sessions/{w.open_session.pk}/edit/",
        lambda w: session_data(w, number=1, title=""),
    ),
    Walk(
        "session-suspend",
        "secretariat",
        lambda w: f"{N}/manage/sessions/{w.open_session.pk}/suspend/",
        lambda w: {"on": "not a date", "note": "Out of time."},
    ),
    Walk(
        "session-reconvene",
        "secretariat",
        lambda w: f"{N}/manage/sessions/{w.suspended.pk}/reconvene/",
        lambda w: {
            "title": "Resumed",
            "start": "2031-07-29",
            "end": "2031-07-01",
            "city": "New York",
            "timezone": "America/New_York",
            "mode": "in_person",
            "note": "As decided.",
        },
    ),
    Walk(
        "deadline-create",
        "secretariat",
        lambda w: f"{N}/manage/roadmap/new/",
        lambda w: {"date": "2022-07-01", "chapters": "Preamble", "note": "Passed already."},
        label="a deadline in the past",
    ),
    Walk(
        "deadline-edit",
        "secretariat",
        lambda w: f"{N}/manage/roadmap/{w.deadline.pk}/edit/",
        lambda w: {"date": "", "chapters": "Criminalization", "note": "Kept", "lock_version": 1},
    ),
    Walk(
        "accreditation-list-organization",
        "secretariat",
        lambda w: f"{N}/accreditation/list-organization/",
        lambda w: {"name": "Listed NGO", "slug": "not a slug", "kind": "ngo", "country": "KE"},
    ),
    Walk(
        "accreditation-object",
        "delegate",
        lambda w: f"{N}/accreditation/{w.pending.pk}/object/",
        lambda w: {"reason": "x" * 2001},
    ),
    Walk(
        "accreditation-decide",
        "secretariat",
        lambda w: f"{N}/accreditation/{w.held.pk}/decide/",
        lambda w: {"admit": "0", "note": "", "lock_version": w.held.lock_version},
    ),
    # Accounts.
    Walk(
        "login",
        "anon",
        lambda w: "/accounts/login/",
        lambda w: {"username": "delegate-br", "password": "not the password"},
        htmx=False,
    ),
    Walk(
        "sign-up",
        "anon",
        lambda w: f"{N}/accreditation/sign-up/",
        lambda w: {
            "name": "Signing Network",
            "slug": "not a slug",
            "kind": "ngo",
            "country": "KE",
            "website": "https://signing.example",
            "username": "signing-ngo",
            "email": "contact@signing.example",
            "password": "a-long-new-password-7",
            "password_again": "a-long-new-password-7",
        },
    ),
    Walk(
        "welcome",
        "anon",
        welcome_url,
        lambda w: {"password": "1234", "password_again": "1234"},
    ),
    Walk(
        "password-reset", "anon", lambda w: "/accounts/password-reset/", lambda w: {"email": "no"}
    ),
    Walk(
        "password-reset-confirm",
        "anon",
        reset_confirm_url,
        lambda w: {"new_password1": "a-long-new-password-7", "new_password2": "another-one-7"},
    ),
    Walk(
        "people",
        "secretariat",
        lambda w: "/people/",
        lambda w: {"username": "bad name", "email": "officer@un.example", "role": "secretariat"},
    ),
    Walk(
        "person-role",
        "secretariat",
        lambda w: f"/people/{w.acc_member.pk}/role/",
        lambda w: {"role": "delegation", "delegation": "", "focal_point": "on"},
    ),
    Walk(
        "delegation-members",
        "delegate",
        lambda w: "/my-delegation/",
        lambda w: {"username": "bad name", "email": "adviser@brazil.example"},
    ),
    # Positions on a paragraph.
    Walk(
        "record-stance",
        "delegate",
        lambda w: f"{N}/stances/",
        lambda w: {"subject": f"provision_{w.p1.pk}", "stance": "oppose", "source_title": ""},
        label="a stance without a source",
    ),
    Walk(
        "object",
        "delegate",
        lambda w: f"{N}/objections/",
        lambda w: {"subject": f"provision_{w.p2.pk}", "reason": ""},
    ),
    Walk(
        "withdraw-objection",
        "secretariat",
        lambda w: f"{N}/objections/{w.brazils_objection.pk}/withdraw/",
        lambda w: {"source_symbol": "A/AC.291/CRP.9", "source_url": "not an address", "note": "n"},
    ),
    # Sessions as they happen.
    Walk(
        "agenda-add",
        "secretariat",
        lambda w: session_page(w, "agenda/add/"),
        lambda w: {
            "number": 9,
            "title": "Other matters",
            "scheduled_at": "2040-01-01T10:00",
        },
        label="an agenda item outside its session",
    ),
    Walk(
        "arrangements",
        "secretariat",
        lambda w: session_page(w, "arrangements/"),
        lambda w: {
            "opens_at": "18:00",
            "closes_at": "09:00",
            "registration_closes_days": 5,
            "advance_notice_hours": 24,
            "member_state_seconds": 180,
            "bloc_seconds": 300,
            "observer_seconds": 180,
            "stakeholder_seconds": 120,
            "remote_url": "https://meet.example.org/plenary",
        },
    ),
    Walk(
        "register",
        "delegate",
        lambda w: session_page(w, "register/"),
        lambda w: {"name": "", "function": "Adviser", "attendance": "remote"},
    ),
    Walk(
        "speakers-request",
        "secretariat",
        lambda w: item_page(w, "speakers/request/"),
        lambda w: {"speaker": "delegation-999999"},
        unkeepable={"speaker"},
    ),
    Walk(
        "speakers-reorder",
        "chair",
        lambda w: item_page(w, "speakers/reorder/"),
        lambda w: {f"place-{w.waiting_entry.pk}": "first"},
        # Its inputs stand in the rows of the list: the chair's page comes back whole.
        htmx=False,
    ),
    Walk(
        "statement-publish",
        "secretariat",
        lambda w: item_page(w, f"speakers/{w.spoken_entry.pk}/publish/"),
        lambda w: {"title": "Opening", "text": "", "provisions": w.p1.pk},
    ),
    Walk(
        "contribute",
        "delegate",
        lambda w: item_page(w, "contribute/"),
        lambda w: {"title": "Ours", "text": "x" * 50_001},
        label="a contribution one character too long",
    ),
    Walk(
        "intervention-files-add",
        "secretariat",
        lambda w: item_page(w, f"interventions/{w.part_intervention.pk}/files/"),
        lambda w: {},
        files=lambda w: {"files": [SimpleUploadedFile("run.exe", b"MZ not a document")]},
    ),
    Walk(
        "under-discussion",
        "chair",
        lambda w: session_page(w, f"items/{w.open_item.pk}/under-discussion/"),
        lambda w: {"provision": "", "lock_version": 999},
        label="a stale edit",
    ),
    # Advocacy.
    Walk(
        "coalition-create",
        "stakeholder",
        lambda w: f"{N}/coalitions/new/",
        lambda w: {"name": "", "slug": "caucus", "description": "For an open internet."},
    ),
    Walk(
        "coalition-invite",
        "stakeholder",
        lambda w: f"{N}/coalitions/{w.adv_public.slug}/invitations/",
        lambda w: {"party": "no-such-network", "role": "member"},
    ),
    Walk(
        "coalition-member-role",
        "stakeholder",
        lambda w: f"{N}/coalitions/{w.adv_public.slug}/members/{w.adv_member.pk}/role/",
        lambda w: {"role": "boss"},
        unkeepable={"role"},
    ),
    Walk(
        "statement-create",
        "stakeholder",
        lambda w: f"{N}/coalitions/{w.adv_public.slug}/statements/",
        lambda w: {
            "kind": "open_letter",
            "title": "Letter",
            "text": "",
            "provisions": w.p1.pk,
        },
    ),
    Walk(
        "statement-reword",
        "stakeholder",
        lambda w: f"{N}/statements/{w.adv_draft.pk}/reword/",
        lambda w: {"text": "", "lock_version": 1},
    ),
    Walk(
        "statement-translate",
        "stakeholder",
        lambda w: f"{N}/statements/{w.adv_open.pk}/translate/",
        lambda w: {"language": "fr", "title": "x" * 301},
    ),
    Walk(
        "red-line-create",
        "stakeholder",
        lambda w: f"{N}/coalitions/{w.adv_public.slug}/red-lines/",
        lambda w: {"title": "Scope", "criterion": "", "provisions": w.p1.pk},
    ),
    Walk(
        "red-line-assess",
        "stakeholder",
        lambda w: f"{N}/red-lines/{w.adv_red_line.pk}/assess/",
        lambda w: {"version": w.adv_version.pk, "verdict": "met", "reasoning": ""},
    ),
    Walk(
        "inbox-language",
        "delegate",
        lambda w: "/inbox/language/",
        lambda w: {"language": "xx"},
        unkeepable={"language"},
    ),
    # The treaty.
    Walk(
        "treaty-instrument-create",
        "secretariat",
        lambda w: f"{N}/treaty/instruments/new/",
        lambda w: {"delegation": w.kenya.pk, "kind": "signature", "date": "", "source_symbol": "S"},
    ),
    Walk(
        "treaty-national-step-create",
        "secretariat",
        lambda w: f"{N}/treaty/national-steps/new/",
        lambda w: {"delegation": w.kenya.pk, "date": "2026-04-14", "step": "", "source_title": "T"},
    ),
    Walk(
        "treaty-adoption-create",
        "secretariat",
        lambda w: "/n/unadopted/treaty/adoption/new/",
        lambda w: {
            "title": "Convention",
            "symbol": "A/RES/99/1",
            "body": "General Assembly",
            "date": "2024-12-24",
            "method": "recorded_vote",
            "votes": "ZZ yes",
            "threshold": 40,
            "days_after_threshold": 90,
            "days_after_later_deposit": 30,
        },
    ),
    Walk(
        "treaty-signature",
        "secretariat",
        lambda w: f"{N}/treaty/signature/",
        lambda w: {
            "place": "Hanoi",
            "opens": "2025-10-25",
            "first_period_ends": "2025-10-26",
            "then_at": "United Nations Headquarters, New York",
            "closes": "",
            "lock_version": w.treaty.lock_version,
        },
    ),
    Walk(
        "protocol-create",
        "secretariat",
        lambda w: f"{N}/protocols/new/",
        lambda w: {
            "slug": "not a slug",
            "title": "Second additional protocol",
            "short_title": "Second protocol",
            "mandate": "A/RES/99/2",
        },
    ),
    Walk(
        "protocol-admit",
        "secretariat",
        lambda w: f"{P}/protocol/delegations/new/",
        lambda w: {"delegation": "999999"},
        unkeepable={"delegation"},
    ),
    # The text: submissions, consolidation, imports.
    Walk(
        "submit",
        "delegate",
        lambda w: f"{N}/roadmap/{w.open_deadline.pk}/submit/",
        lambda w: {
            "chapter": "Final provisions",
            "text": "Article 1. Purposes\n1. The States Parties [agree / decide.",
        },
        label="a chapter with an unclosed bracket",
    ),
    Walk(
        "deadline-consolidate",
        "secretariat",
        lambda w: f"{N}/manage/roadmap/{w.open_deadline.pk}/consolidate/",
        lambda w: {
            "chapter": "Final provisions",
            "match-0": w.article.pk,
            "label": "CND",
            "date": "not a date",
        },
    ),
    Walk(
        "version-import",
        "secretariat",
        lambda w: f"{N}/manage/versions/import/",
        lambda w: {"label": "", "date": "2023-06-01"},
        files=lambda w: {"file": SimpleUploadedFile("draft.txt", b"Article 1. Purposes\n1. Text.")},
    ),
    # The working text.
    Walk(
        "propose",
        "delegate",
        lambda w: f"{N}/draft/p/{w.p1.pk}/propose/",
        lambda w: {"kind": "replace", "text": "To [end cybercrime."},
        label="a wording with a bracket",
    ),
    Walk(
        "paragraph-status",
        "chair",
        lambda w: f"{N}/draft/p/{w.p1.pk}/status/",
        lambda w: {"status": "agreed_ad_ref", "lock_version": 1},
        label="agreed while a bracket and proposals are open",
    ),
    Walk(
        "edit-wording",
        "chair",
        lambda w: f"{N}/draft/p/{w.p2.pk}/edit/",
        lambda w: {"text": "To cooperate widely.", "reason": "", "seen": "To cooperate."},
    ),
    Walk(
        "merge-alternatives",
        "chair",
        lambda w: f"{N}/draft/p/{w.p1.pk}/merge/0/",
        lambda w: {"wording": "prevent [and combat", "reason": "Both kept."},
        label="a merged wording with a bracket",
    ),
    Walk(
        "insert-paragraph",
        "chair",
        lambda w: f"{N}/draft/p/{w.p2.pk}/insert/",
        lambda w: {"where": "before", "text": "", "reason": "Proposed by the chair."},
    ),
    Walk(
        "delete-paragraph",
        "chair",
        lambda w: f"{N}/draft/p/{w.p2.pk}/delete/",
        lambda w: {"reason": ""},
    ),
    Walk(
        "delete-article",
        "chair",
        lambda w: f"{N}/draft/p/{w.p2.pk}/delete-article/",
        lambda w: {"reason": "x" * 2001},
        label="a reason one character too long",
    ),
    Walk(
        "move-article",
        "chair",
        lambda w: f"{N}/draft/p/{w.p2.pk}/move-article/",
        lambda w: {"chapter": w.chapter.pk, "after": w.article.pk, "reason": "Tidier."},
        label="after itself",
    ),
    Walk(
        "accept-proposal",
        "chair",
        lambda w: f"{N}/draft/proposals/{w.kenya_proposal.pk}/accept/",
        lambda w: {"reason": "Agreed in informals. " * 100},
        label="a reason too long",
    ),
    Walk(
        "insert-article",
        "chair",
        lambda w: f"{N}/draft/articles/",
        lambda w: {
            "chapter": w.chapter.pk,
            "after": w.article.pk,
            "title": "",
            "text": "1. To review.",
            "reason": "Proposed by the chair.",
        },
    ),
    Walk(
        "renumber",
        "chair",
        lambda w: f"{N}/draft/renumber/",
        lambda w: {"reason": "In order."},
        label="a text already numbered in order",
    ),
    Walk(
        "issue-version",
        "secretariat",
        lambda w: f"{N}/draft/issue/",
        lambda w: {"label": "Rev.1", "date": "2024-02-30", "renumber": "on"},
    ),
    Walk(
        "package-propose",
        "chair",
        lambda w: f"{N}/draft/packages/",
        lambda w: {"title": "Scope", "provisions": w.p1.pk, "description": "One alone."},
        label="a package of one paragraph",
    ),
    Walk(
        "adopt",
        "chair",
        lambda w: f"{N}/draft/adopt/",
        lambda w: {"symbol": "A/AC.291/L.1", "date": "2024-08-08"},
        label="while a bracket is open",
    ),
]

# Actions with nothing to type: a button, whose refusal is a page saying why, with a way back.
ACTIONS = {
    "accreditation-request",
    "choose-alternative",
    "coalition-invitation-accept",
    "coalition-invitation-decline",
    "coalition-invitation-withdraw",
    "coalition-leave",
    "coalition-member-remove",
    "cosponsor",
    "cosponsor-withdraw",
    "deadline-late",
    "follow",
    "inbox-read",
    "item-close",
    "item-open",
    "logout",
    "move-paragraph",
    "package-decide",
    "person-deactivate",
    "person-enrollment",
    "person-reactivate",
    "person-reinvite",
    "speakers-next",
    "speakers-withdraw",
    "statement-sign",
    "statement-status",
    "statement-withdraw",
    "unfollow",
    "version-publish",
    "withdraw",
    # Django's own language switch: a choice from a list, always valid.
    "set_language",
}
# The second steps of signing in, reached only from the first one (tests/security covers them).
SIGN_IN_STEPS = {"login-code", "login-setup"}
# Routes whose form is reached by GET in the matrix (the page) and posted to the same address.
FORM_PAGES = {"login", "password-reset-confirm", "version-import"}


def test_it_walks_every_form_of_the_url_conf():
    posted = {c.name for c in CASES if c.method == "POST" and not c.api} | FORM_PAGES
    walked = {walk.name for walk in WALKS}
    assert walked.isdisjoint(ACTIONS | SIGN_IN_STEPS)
    assert posted - walked - ACTIONS - SIGN_IN_STEPS == set(), (
        "walk these forms in WALKS (or say why not)"
    )
    assert (walked | ACTIONS | SIGN_IN_STEPS) - posted == set()


def _controls(form, document):
    """The form's inputs: inside it, or outside and tied to it by form="…"."""
    inside = form.xpath(".//input|.//textarea|.//select")
    form_id = form.get("id")
    outside = document.xpath(f'//*[@form="{form_id}"]') if form_id else []
    return inside + outside


def _value_of(control) -> set[str] | str | None:
    tag = control.tag
    if tag == "textarea":
        # A browser drops the line break that follows <textarea> (as HTML says); lxml keeps it.
        return (control.text or "").removeprefix("\n")
    if tag == "select":
        return {o.get("value") for o in control.xpath(".//option[@selected]")}
    if control.get("type") == "checkbox":
        return "on" if control.get("checked") is not None else ""
    return control.get("value") or ""


def check_form(document, url: str, sent: dict, walk: Walk) -> None:
    # A form without an action posts to the page's own address.
    forms = [f for f in document.xpath("//form") if (f.get("action") or url) == url]
    forms = [f for f in forms if f.get("method", "").lower() == "post"]
    assert len(forms) == 1, f"the form posting to {url} is not in the answer once"
    form = forms[0]
    controls = _controls(form, document)
    for name, value in sent.items():
        if "password" in name or name in walk.unkeepable:
            continue
        found = [c for c in controls if c.get("name") == name]
        assert found, f"{name} is not in the form that came back"
        kept = _value_of(found[0])
        if isinstance(kept, set):
            assert str(value) in kept, f"{name}: {value!r} was not kept ({kept})"
        elif found[0].get("type") == "checkbox":
            assert kept == "on", f"{name} was not kept checked"
        else:
            assert kept == str(value), f"{name}: {value!r} came back as {kept!r}"
    # Messages in the form, and those beside its inputs that stand outside it.
    lists = form.xpath(".//ul[contains(@class, 'errorlist')]")
    for control in controls:
        found = document.xpath(f'//ul[@id="{control.get("id")}_error"]')
        lists += [e for e in found if e not in lists]
    messages = [li.text_content().strip() for errors in lists for li in errors.xpath("./li")]
    assert messages, "the form came back without saying what is wrong"
    page_text = document.text_content()
    for message in messages:
        assert page_text.count(message) == 1, f"{message!r} is shown more than once"
    described = " ".join(
        e.get("aria-describedby", "") for e in document.xpath("//*[@aria-describedby]")
    ).split()
    for errors in [e for e in lists if e.get("id")]:
        assert errors.get("id") in described, f"{errors.get('id')} is tied to no field"
    top = form.xpath(".//*[contains(@class, 'form-errors')]")
    for block in top:
        assert block.get("id") in (form.get("aria-describedby") or "").split()


def _send(client, walk: Walk, world, htmx: bool):
    url = walk.url(world) if walk.url.__code__.co_argcount == 1 else walk.url(world, client)
    data = walk.data(world)
    files = walk.files(world) if walk.files else {}
    headers = {"HX-Request": "true"} if htmx else {}
    return url, data, client.post(url, {**data, **files}, headers=headers)


@pytest.mark.parametrize("walk", WALKS, ids=[f"{w.name} {w.label}".strip() for w in WALKS])
def test_a_refused_form_comes_back_with_what_was_typed_and_each_message_once(
    client, forms_world, walk
):
    user = role_user(forms_world, walk.role)
    if user is not None:
        client.force_login(user)
    url, data, response = _send(client, walk, forms_world, htmx=False)
    assert 400 <= response.status_code < 500, response.content[:1000]
    document = lxml.html.document_fromstring(response.content)
    assert document.xpath("//main//h1"), "a form's page has a heading"
    check_form(document, url, data, walk)


@pytest.mark.parametrize(
    "walk", [w for w in WALKS if w.htmx], ids=[w.name for w in WALKS if w.htmx]
)
def test_htmx_gets_the_refused_form_alone_to_swap_in_place(client, forms_world, walk):
    user = role_user(forms_world, walk.role)
    if user is not None:
        client.force_login(user)
    url, data, response = _send(client, walk, forms_world, htmx=True)
    assert 400 <= response.status_code < 500, response.content[:1000]
    body = response.content.decode()
    assert body.lstrip().startswith("<form"), "htmx gets the form alone"
    document = lxml.html.fragment_fromstring(body, create_parent="div")
    check_form(document, url, data, walk)
