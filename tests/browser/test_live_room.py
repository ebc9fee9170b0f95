"""The live room in a real browser: the chair calls the next speaker in one browser, and the
public speakers list open in another shows the new speaker without being reloaded.

pytest-django's live server speaks WSGI, without WebSockets, so this test runs the ASGI app
server (uvicorn) itself, on a loopback port, against a SQLite file it prepares with the
reference scenario and a chair."""

import json

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, SCREENSHOTS
from tests.factories import current_code
from tests.live.servers import app_server, prepare_sqlite, server_env

CHAIR = f"""
import json
from plenary.participation.models import AgendaItem
from plenary.process.models import Role, User
chair = User.objects.create(username="live-chair", role=Role.CHAIR)
chair.set_password({PASSWORD!r})
chair.save()
from tests.factories import totp_device
device = totp_device(chair)
item = AgendaItem.objects.get(session__negotiation__slug="cybercrime-ahc", number=1)
print(json.dumps({{"session": item.session_id, "item": item.pk, "key": device.key}}))
"""


@pytest.fixture
def asgi_server(tmp_path):
    database = tmp_path / "live.sqlite3"
    room = json.loads(prepare_sqlite(database, CHAIR))
    # The same key as the server's device: the code an authenticator app would show.
    device = TOTPDevice(key=room["key"], step=30, t0=0, digits=6, drift=0)
    room["code"] = lambda: current_code(device)
    with app_server(server_env(DATABASE_URL=f"sqlite:///{database}")) as (port, _pid):
        yield f"http://127.0.0.1:{port}", room


@pytest.fixture
def two_people(browser):
    """Two browser contexts: no cookies shared, as two people on two computers."""
    contexts = [
        browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        for _ in range(2)
    ]
    pages = [context.new_page() for context in contexts]
    for page in pages:
        page.set_default_timeout(15_000)
    yield pages
    for context in contexts:
        context.close()


def test_it_shows_the_public_the_next_speaker_without_a_reload(asgi_server, two_people):
    url, room = asgi_server
    chair, public = two_people
    base = f"{url}/n/cybercrime-ahc/sessions/{room['session']}/items/{room['item']}/speakers"

    public.goto(f"{base}/")
    live = public.locator("#live")
    expect(live).to_have_attribute("data-live", "connected")
    floor = public.get_by_role("region", name="Has the floor").locator(".speaker-now")
    expect(floor).to_have_text("Nobody has the floor.")
    # A reload would start a new JavaScript context and lose this mark.
    public.evaluate("window.notReloaded = true")

    chair.goto(f"{url}/accounts/login/?next=/n/cybercrime-ahc/")
    chair.get_by_label("Username").fill("live-chair")
    chair.get_by_label("Password").fill(PASSWORD)
    chair.get_by_role("button", name="Sign in").click()
    # The chair confirms the sign-in with the code of the authenticator device set up above.
    chair.get_by_label("Code").fill(room["code"]())
    chair.get_by_role("button", name="Verify").click()
    expect(chair.get_by_role("button", name="Sign out")).to_be_visible()
    chair.goto(f"{base}/chair/")
    chair.get_by_role("button", name="Call the next speaker").click()
    expect(chair.get_by_role("status")).to_have_text("Brazil has the floor.")

    expect(floor).to_have_text("Brazil")
    rows = public.locator("table.speakers tbody tr")
    expect(rows.nth(0).locator(".status")).to_have_text("has the floor")
    assert public.evaluate("window.notReloaded") is True
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    public.screenshot(path=str(SCREENSHOTS / "live-room-public.png"), full_page=True)

    # The next call reaches the same page, still without a reload.
    chair.get_by_role("button", name="Call the next speaker").click()
    expect(floor).to_have_text("Kenya (on behalf of African Group)")
    assert public.evaluate("window.notReloaded") is True

    # The chair opens the item and names the paragraph under discussion: the public sees both,
    # with the paragraph's wording, and the timer of the current speaker keeps running.
    state = public.get_by_role("region", name="On the floor")
    expect(state.locator(".item-status")).to_contain_text("not taken up yet")
    chair.get_by_role("button", name="Open the item").click()
    expect(state.locator(".item-status")).to_contain_text("under discussion")
    paragraph = chair.get_by_label("Paragraph under discussion")
    option = paragraph.locator("option", has_text="Art. 7(2):")
    paragraph.select_option(option.get_attribute("value"))
    chair.get_by_role("button", name="Show to everyone").click()
    discussed = state.locator(".under-discussion")
    expect(discussed).to_contain_text("Art. 7(2) — Illegal access")
    expect(discussed).to_contain_text("A State Party may require that the offence be committed")
    timer = public.locator(".floor .timer")
    first = timer.text_content()
    public.wait_for_timeout(1500)
    assert timer.text_content() != first
    assert public.evaluate("window.notReloaded") is True
    public.screenshot(path=str(SCREENSHOTS / "live-room-under-discussion.png"), full_page=True)

    chair.get_by_role("button", name="Close the item").click()
    expect(state.locator(".item-status")).to_contain_text("closed")
    expect(floor).to_have_text("Nobody has the floor.")
    expect(discussed).to_contain_text("No paragraph is under discussion.")
    assert public.evaluate("window.notReloaded") is True
