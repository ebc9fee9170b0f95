"""Every journey finishes, in the browser, on a desktop (1280 px) and on a phone (390 px):
failures keep what was typed, organizations sign up and are admitted, people reset their
password and open their account by email, coalitions are joined by consent and left, a
session in Geneva keeps Geneva's time. axe-core finds no serious or critical violation on any
page along the way."""

import datetime
import re
import urllib.request
import zoneinfo
from email import message_from_bytes

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from plenary.advocacy.models import CoalitionMember
from plenary.advocacy.services.coalitions import create_coalition
from plenary.participation.models import AgendaItem, Arrangements
from plenary.positions.models import Stance
from plenary.process.actors import actor_of
from plenary.process.models import (
    AccreditationRequest,
    Delegation,
    Negotiation,
    Organization,
    Role,
    Session,
    User,
)
from plenary.process.models.accreditation import AccreditationStatus
from tests import factories as f
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_accessibility import blocking, serve_axe
from tests.notifications.conftest import smtp  # noqa: F401 -- the real SMTP server on loopback
from tests.participation.factories import make_upcoming_session

VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}
AHC = "/n/cybercrime-ahc"
EID = "art_7__para_1"  # Illegal access, paragraph 1, in the example revised draft
NEW_PASSWORD = "a-new-long-password-2031"


@pytest.fixture(params=list(VIEWPORTS))
def device(request):
    return request.param


@pytest.fixture
def browse(browser, live_server, device, request):
    """A fresh browser window of the device's width (in Europe, the reader's own time zone),
    with axe-core served from the site; `visit.check()` runs axe on the page as it is."""
    width, height = VIEWPORTS[device]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        locale="en-GB",
        timezone_id="America/New_York",
        is_mobile=device == "phone",
        has_touch=device == "phone",
    )
    serve_axe(context, live_server)
    page = context.new_page()
    page.set_default_timeout(15_000)

    class Visit:
        def __init__(self):
            self.page = page
            self.url = live_server.url
            self.device = device
            self.checked = 0

        def go(self, path: str):
            return page.goto(self.url + path)

        def check(self, name: str) -> None:
            """No serious or critical violation; on a phone, nothing wider than the screen and
            every control big enough to touch."""
            assert blocking(page) == [], f"{name}: {blocking(page)}"
            if device == "phone":
                assert_fits_a_phone(page, name)
            self.checked += 1
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"journey-{name}-{device}.png"), full_page=True)

        def sign_in_as(self, user) -> None:
            """A session for `user` (as force_login does): the sign-in form is tested elsewhere."""
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
            )

        def menu(self) -> None:
            """On a phone the header's links are behind the menu button: open it."""
            # The page's script folds the header when the document has been read: until then
            # the button is hidden and the links are shown, so wait for it before looking.
            page.wait_for_load_state("domcontentloaded")
            toggle = page.get_by_role("button", name="Menu")
            if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
                toggle.click()

    yield Visit()
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        page.screenshot(path=str(SCREENSHOTS / f"failed-{name}.png"), full_page=True)
    context.close()


def assert_fits_a_phone(page, name: str) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name}: the page is {overflow} px wider than the phone"
    small = page.evaluate(
        """() => [...document.querySelectorAll(
              'button, select, textarea, summary, input:not([type=hidden]):not([type=checkbox])'
              + ':not([type=radio]), header a, .actions a')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.outerHTML.slice(0, 80), e.getBoundingClientRect()])
            .filter(([html, r]) => r.height < 44 || r.width < 44)
            .map(([html, r]) => `${html} (${Math.round(r.width)}×${Math.round(r.height)})`)"""
    )
    assert small == [], f"{name}: too small to touch: {small[:5]}"


def test_a_stance_without_a_source_keeps_its_form(browse, ahc):
    brazil = Delegation.objects.get(negotiation=ahc, iso2="BR")
    delegate = f.make_user("br-delegate", Role.DELEGATION, delegation=brazil)
    paragraph = f.provision_at(ahc, EID)
    browse.sign_in_as(delegate)
    page = browse.page
    browse.go(f"{AHC}/draft/p/{paragraph.pk}/")
    page.get_by_label("Stance of Brazil").select_option("oppose")
    page.get_by_role("button", name="Record the stance").click()

    refused = page.locator(f"form#form-stance-{paragraph.pk}")
    expect(refused.get_by_role("alert")).to_have_text(
        "A stance needs its source: the statement, submission, vote or address it is from."
    )
    expect(page.get_by_label("Stance of Brazil")).to_have_value("oppose")
    # Still on the paragraph, the form in place.
    assert page.url.endswith(f"/draft/p/{paragraph.pk}/")
    expect(page.get_by_text("A stance needs its source")).to_have_count(1)
    browse.check("stance-refused")

    refused.get_by_label("Document symbol").fill("A/AC.291/CRP.9")
    refused.get_by_role("button", name="Record the stance").click()
    expect(page.get_by_role("status")).to_have_text("Stance recorded.")
    stance = Stance.objects.get(delegation=brazil, provision=paragraph, recorded_by=delegate)
    assert stance.stance == "oppose" and stance.sources == [{"symbol": "A/AC.291/CRP.9"}]


def test_an_organization_signs_up_and_is_admitted_after_the_non_objection_period(browse, ahc):
    page = browse.page
    session = make_upcoming_session(ahc, days_ahead=60, title="Ninth session", number=9)
    browse.go("/accounts/login/")
    page.get_by_role("link", name="A stakeholder organization? Sign up").click()
    # Accreditation is to one negotiation at a time: the convention's, not the protocol's.
    page.get_by_role("link", name="Cybercrime convention", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign up your organization")
    browse.check("sign-up")

    page.get_by_label("Name of the organization").fill("Open Source Defenders")
    page.get_by_label("Short name").fill("open source defenders")
    page.get_by_label("Kind of organization").select_option("technical_community")
    page.get_by_label("Country (ISO code, e.g. KE)").fill("KE")
    page.get_by_label("User name").fill("osd-focal")
    page.get_by_label("Email address").fill("focal@osd.example")
    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign up and request accreditation").click()
    slug = page.get_by_label("Short name")
    expect(slug).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Name of the organization")).to_have_value("Open Source Defenders")
    expect(page.get_by_label("User name")).to_have_value("osd-focal")
    browse.check("sign-up-refused")

    slug.fill("open-source-defenders")
    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign up and request accreditation").click()
    expect(page.get_by_role("status")).to_contain_text("Open Source Defenders is on the list")
    own = page.get_by_role("region", name="Open Source Defenders")
    expect(own).to_contain_text("on the list, non-objection period running")
    expect(own).to_contain_text("New York time")  # the negotiation's deadline, and the reader's
    browse.check("accreditation-requested")

    # Not yet admitted: the session says so, and offers no registration.
    browse.go(f"{AHC}/sessions/{session.pk}/agenda/")
    expect(page.locator(".refusal")).to_contain_text("is not accredited to this negotiation")
    expect(page.get_by_role("button", name="Register")).to_have_count(0)

    # The period passes without objection.
    request = AccreditationRequest.objects.get(organization__slug="open-source-defenders")
    AccreditationRequest.objects.filter(pk=request.pk).update(
        non_objection_deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    browse.go(f"{AHC}/accreditation/")
    expect(page.get_by_role("region", name="Open Source Defenders")).to_contain_text("admitted")
    browse.go(f"{AHC}/sessions/{session.pk}/agenda/")
    page.get_by_label("Name", exact=True).fill("Wanjiru Kamau")
    page.get_by_label("Attendance").select_option("remote")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("status")).to_have_text("Registered: Wanjiru Kamau.")
    browse.check("registered")
    assert request.organization.registrations.filter(session=session).count() == 1


def _link_in(message) -> str:
    body = message_from_bytes(message.content).get_payload(decode=True).decode()
    return re.search(r"https?://\S+", body).group(0)


def test_a_forgotten_password_is_reset_by_email(browse, ahc, smtp):  # noqa: F811
    brazil = Delegation.objects.get(negotiation=ahc, iso2="BR")
    f.make_user("br-delegate", Role.DELEGATION, delegation=brazil, email="delegate@brazil.example")
    page = browse.page
    browse.go("/accounts/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    page.get_by_label("Email").fill("not an address")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_label("Email")).to_have_value("not an address")
    expect(page.get_by_text("Enter a valid email address.")).to_have_count(1)
    browse.check("password-reset-refused")
    page.get_by_label("Email").fill("delegate@brazil.example")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Look in your email")
    browse.check("password-reset-sent")

    assert [m.rcpt_tos for m in smtp.messages] == [["delegate@brazil.example"]]
    page.goto(_link_in(smtp.messages[0]))
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill("something else")
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_text("The two password fields didn\u2019t match.")).to_have_count(1)
    browse.check("password-reset-mismatch")
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save the new password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Password changed")

    page.get_by_role("main").get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("br-delegate")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    browse.menu()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_the_secretariat_invites_a_person_who_opens_the_account_by_email(browse, ahc, smtp):  # noqa: F811
    page = browse.page
    browse.sign_in_as(f.make_user("officer", Role.SECRETARIAT))
    browse.go("/people/")
    form = page.locator("#form-person")
    form.get_by_label("User name").fill("is-adviser")
    form.get_by_label("Email address").fill("adviser@iceland.example")
    form.get_by_label("Role").select_option("delegation")
    form.get_by_role("button", name="Create the account and send the invitation").click()
    expect(page.get_by_text("A delegation member belongs to a delegation")).to_have_count(1)
    expect(form.get_by_label("User name")).to_have_value("is-adviser")
    browse.check("people-refused")
    iceland = Delegation.objects.get(negotiation=ahc, iso2="IS")
    form.get_by_label("Delegation (for a delegation member)").select_option(str(iceland.pk))
    form.get_by_label("Focal point of the delegation").check()
    form.get_by_role("button", name="Create the account and send the invitation").click()
    expect(page.get_by_role("status")).to_contain_text("is-adviser is invited")
    browse.check("person")

    page.context.clear_cookies()
    page.goto(_link_in(smtp.messages[0]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, is-adviser")
    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Password again").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Open my account").click()
    expect(page.get_by_role("status")).to_have_text("Your account is open.")
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    browse.check("my-work-delegation")

    # As its focal point, the new member adds a colleague to Iceland's delegation.
    page.get_by_role("link", name="Members of Iceland").click()
    page.get_by_label("User name", exact=True).fill("is-second")
    page.get_by_label("Email address").fill("second@iceland.example")
    page.get_by_role("button", name="Add and send the invitation").click()
    expect(page.get_by_role("status")).to_contain_text("is-second is invited")
    browse.check("delegation-members")
    assert User.objects.get(username="is-second").delegation == iceland
    assert [m.rcpt_tos for m in smtp.messages][1] == ["second@iceland.example"]
    # The link works once.
    page.goto(_link_in(smtp.messages[0]))
    expect(page.get_by_role("alert")).to_contain_text("has expired or has been used")


def test_a_coalition_invitation_is_accepted_then_the_member_leaves(browse, ahc):
    page = browse.page
    digital = Organization.objects.get(slug="example-digital-rights")
    researchers = Organization.objects.get(slug="example-security-researchers")
    admin = f.make_user("dr-admin", Role.STAKEHOLDER, organization=digital)
    researcher = f.make_user("researcher", Role.STAKEHOLDER, organization=researchers)
    coalition = create_coalition(ahc, by=actor_of(admin), name="Encryption Caucus")
    browse.sign_in_as(admin)
    browse.go(f"{AHC}/coalitions/{coalition.slug}/")
    party = page.get_by_label("Invite an organization (short name) or a delegation (ISO code)")
    party.fill("example-security-researcher")
    page.get_by_role("button", name="Invite", exact=True).click()
    expect(page.get_by_text("No organization (short name) or delegation (ISO code)")).to_have_count(
        1
    )
    expect(party).to_have_value("example-security-researcher")
    browse.check("invite-refused")
    party.fill("example-security-researchers")
    page.get_by_role("button", name="Invite", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("joins when one of its people accepts")
    members = page.locator("#members")
    expect(members).not_to_contain_text("Security Researchers")
    assert not CoalitionMember.objects.filter(
        coalition=coalition, organization=researchers
    ).exists()

    page.context.clear_cookies()
    browse.sign_in_as(researcher)
    browse.go("/")
    browse.menu()
    expect(page.locator("#my-work-count")).to_contain_text("1")
    page.get_by_role("link", name=re.compile("^My work")).click()
    browse.check("my-work-invitation")
    page.get_by_role("button", name="Accept and join Encryption Caucus").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Example Coalition of Security Researchers joined Encryption Caucus."
    )
    expect(page.locator("#members")).to_contain_text("Security Researchers")
    browse.check("joined")
    page.get_by_role(
        "button", name="Leave the coalition (Example Coalition of Security Researchers)"
    ).click()
    expect(page.get_by_role("status")).to_contain_text("left Encryption Caucus")
    expect(page.locator("#members")).not_to_contain_text("Security Researchers")
    assert not CoalitionMember.objects.filter(
        coalition=coalition, organization=researchers
    ).exists()


def test_a_session_in_geneva_keeps_genevas_time_in_the_page_the_calendar_and_the_live_room(
    browse, ahc
):
    page = browse.page
    browse.sign_in_as(f.make_user("officer", Role.SECRETARIAT))
    browse.go(f"{AHC}/manage/sessions/new/")
    page.get_by_label("Kind").select_option("substantive")
    page.get_by_label("Number").fill("12")
    page.get_by_label("Title").fill("Twelfth session")
    page.get_by_label("First day").fill("2031-03-10")
    page.get_by_label("Last day").fill("2031-03-07")
    page.get_by_label("Venue").fill("Palais des Nations, Room XIX")
    page.get_by_label("City (empty if online)").fill("Geneva")
    page.get_by_label("Time zone").select_option("Europe/Zurich")
    page.get_by_label("Mode", exact=True).select_option("in_person")
    page.get_by_label("Openness").select_option("open")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("a session ends on or after the day it starts")).to_have_count(1)
    expect(page.get_by_label("Venue")).to_have_value("Palais des Nations, Room XIX")
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Zurich")
    browse.check("session-refused")
    page.get_by_label("Last day").fill("2031-03-21")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("Session created.")
    session = Session.objects.get(negotiation=ahc, title="Twelfth session")
    assert session.timezone == "Europe/Zurich"

    page.get_by_role("link", name="Change the arrangements").click()
    page.get_by_label("Meetings open at").fill("15:00")
    page.get_by_label("Meetings close at").fill("10:00")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The meetings close (10:00) after they open (15:00).")).to_have_count(1)
    browse.check("arrangements-refused")
    page.get_by_label("Meetings open at").fill("10:00")
    page.get_by_label("Meetings close at").fill("18:00")
    page.get_by_label("Remote participation (address)").fill("https://webtv.example/plenary")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("Arrangements saved.")

    page.get_by_label("Number").fill("1")
    page.get_by_label("Title").fill("Opening of the session")
    page.get_by_label("Taken up at (the session's local time)").fill("2031-03-22T15:00")
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.get_by_text("is outside the session, which meets from")).to_have_count(1)
    browse.check("agenda-refused")
    page.get_by_label("Taken up at (the session's local time)").fill("2031-03-10T15:00")
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.get_by_role("status")).to_contain_text("Added to the agenda")
    agenda = page.get_by_role("main")
    expect(agenda).to_contain_text("10 March 2031, 15:00 Geneva time")
    expect(agenda).to_contain_text("(10 Mar 2031, 10:00 your time)")  # the reader is in New York
    expect(agenda).to_contain_text("10 March 2031, 10:00 Geneva time")  # the first meeting
    browse.check("agenda-geneva")

    with urllib.request.urlopen(f"{browse.url}/feeds/cybercrime-ahc/sessions.ics") as feed:  # noqa: S310
        ics = feed.read().decode()
    assert "TZID:Europe/Zurich" in ics
    assert "DTSTART;TZID=Europe/Zurich:20310310T100000" in ics
    assert "DTSTART;TZID=Europe/Zurich:20310310T150000" in ics

    item = AgendaItem.objects.get(session=session, number=1)
    chair = f.make_user("chair-test", Role.CHAIR)
    page.context.clear_cookies()
    browse.sign_in_as(chair)
    brazil = Delegation.objects.get(negotiation=ahc, iso2="BR")
    from plenary.participation.services.speakers import request_floor

    request_floor(item, by=actor_of(chair), delegation=brazil)
    browse.go(f"{AHC}/sessions/{session.pk}/items/{item.pk}/speakers/chair/")
    page.get_by_role("button", name="Call the next speaker").click()
    expect(page.locator(".floor")).to_contain_text("Geneva time")
    called = item.speakers.get().called_at.astimezone(ZURICH)
    expect(page.locator(".floor time")).to_have_text(called.strftime("%H:%M:%S"))
    browse.check("live-room-geneva")
    assert Arrangements.objects.get(session=session).opens_at == datetime.time(10, 0)


ZURICH = zoneinfo.ZoneInfo("Europe/Zurich")


def test_on_a_phone_the_header_folds_into_a_menu(browse, ahc, device):
    if device != "phone":
        pytest.skip("the menu folds on narrow screens only")
    page = browse.page
    browse.go(f"{AHC}/accreditation/")
    toggle = page.get_by_role("button", name="Menu")
    expect(toggle).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    browse.check("menu-open")
    for path in ("/", f"{AHC}/", f"{AHC}/delegations/", f"{AHC}/versions/", "/votes/A/RES/74/247/"):
        browse.go(path)
        assert_fits_a_phone(page, path)
    assert Negotiation.objects.filter(slug="cybercrime-ahc").exists()
    assert AccreditationStatus.ADMITTED in {r.status for r in AccreditationRequest.objects.all()}
