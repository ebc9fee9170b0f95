"""Pages that show nothing of a session's floor stay in the cache while the chair gives the floor,
and are then exactly what they would be if rendered afresh; pages that show the floor change
with it. A page whose only part that shows the floor is a live part (the speakers' list's room)
is kept too, and served with the room as the live room rendered it for the new state. The
agenda, which shows the items' status but no speakers' list, is kept while speakers are called
and changes when an item is opened."""

import importlib
import inspect

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plenary.audit import state
from plenary.audit.services import record
from plenary.page_cache import _recent
from plenary.participation.services.floor import close_item, open_item, put_under_discussion
from plenary.participation.services.speakers import call_next_speaker, request_floor
from tests import factories as f
from tests.participation.factories import (
    make_agenda_item,
    make_upcoming_session,
    parts,
    publish_text,
)

# Every view marked public_page(floor=False) or public_page(speakers=False), by module and name.
MODULES = (
    "plenary.text.views",
    "plenary.text.paragraph_page",
    "plenary.process.views",
    "plenary.api.routes",
    "plenary.positions.views",
    "plenary.positions.analysis_views",
    "plenary.positions.consensus_views",
    "plenary.treaty.views",
    "plenary.participation.views",
    "plenary.portal.views",
)


def pages(version, item) -> dict[str, str]:
    """An address of each page beside the floor, by its view."""
    n, api = "/n/test-ahc", "/api/negotiations/test-ahc"
    text = f"{n}/versions/{version.pk}/"
    return {
        "plenary.text.views.version_list": f"{n}/versions/",
        "plenary.text.views.version_detail": text,
        "plenary.text.paragraph_page.version_paragraph": f"{text}p/art_7__para_1/",
        "plenary.process.views.documents": f"{n}/documents/",
        "plenary.process.views.delegations": f"{n}/delegations/",
        "plenary.positions.analysis_views.issues_page": f"{n}/issues/",
        "plenary.positions.analysis_views.opinion_map_page": f"{n}/opinion-map/",
        "plenary.positions.analysis_views.package_search_page": f"{n}/package-search/",
        "plenary.positions.consensus_views.consensus_map_page": f"{n}/consensus/",
        "plenary.treaty.views.treaty_status_page": f"{n}/treaty/",
        "plenary.positions.views.vote_detail": "/votes/A/RES/1/",
        "plenary.api.routes.vote_detail": "/api/votes/A%2FRES%2F1",
        "plenary.api.routes.list_negotiations": "/api/negotiations",
        "plenary.api.routes.negotiation_detail": "/api/negotiations/test-ahc",
        "plenary.api.routes.list_roadmap": "/api/negotiations/test-ahc/roadmap",
        "plenary.api.routes.list_delegations": "/api/negotiations/test-ahc/delegations",
        "plenary.api.routes.list_blocs": "/api/negotiations/test-ahc/blocs",
        "plenary.api.routes.list_sessions": "/api/negotiations/test-ahc/sessions",
        "plenary.api.routes.session_detail": f"{api}/sessions/{item.session_id}",
        "plenary.portal.views.home": "/",
        "plenary.portal.views.negotiation_home": f"{n}/",
        "plenary.process.views.session_detail": f"{n}/sessions/{item.session_id}/",
        "plenary.participation.views.speakers_page": SPEAKERS.format(n=n, item=item),
        "plenary.participation.views.agenda_page": f"{n}/sessions/{item.session_id}/agenda/",
    }


SPEAKERS = "{n}/sessions/{item.session_id}/items/{item.pk}/speakers/"
# Pages kept beside the floor with the floor in a live part (plenary/page_cache.live_part).
LIVE = {"plenary.participation.views.speakers_page"}


def marked_beside_the_floor() -> dict[str, str]:
    """Each marked view, with the count of the state it is kept under."""
    marked = {}
    for name in MODULES:
        module = importlib.import_module(name)
        for attribute, value in inspect.getmembers(module, callable):
            under = getattr(value, "kept_under", None)
            if under is not None and value.__module__ == name:
                marked[f"{name}.{attribute}"] = under
    return marked


@pytest.fixture
def floor(world):
    version = publish_text(world)
    f.make_vote(world.negotiation, "A/RES/1", {world.brazil: "yes", world.kenya: "no"})
    item = make_agenda_item(make_upcoming_session(world.negotiation), eids=["art_7"])
    return version, item


def test_every_page_marked_beside_the_floor_is_walked_here(floor):
    version, item = floor
    assert set(marked_beside_the_floor()) == set(pages(version, item))
    assert marked_beside_the_floor()["plenary.participation.views.agenda_page"] == "agenda"


def test_the_floor_moves_the_state_but_not_the_settled_state(world):
    for action in state.FLOOR_ACTIONS:
        before = state.current()
        record(action, world.open_session, by=world.chair)
        after = state.current()
        assert after.changes > before.changes and after.settled == before.settled, action
        if action in state.SPEAKERS_ACTIONS:
            assert after.agenda == before.agenda, action
        else:
            assert after.agenda > before.agenda, action
    before = state.current()
    record("session.changed", world.open_session, by=world.secretariat)
    after = state.current()
    assert after.changes > before.changes and after.settled > before.settled
    assert after.agenda > before.agenda


def test_pages_beside_the_floor_stay_kept_while_the_chair_gives_the_floor(
    client, world, floor, django_capture_on_commit_callbacks
):
    version, item = floor
    addresses = pages(version, item)
    under = marked_beside_the_floor()
    before = {view: client.get(address) for view, address in addresses.items()}
    assert all(r.status_code == 200 for r in before.values()), {
        v: r.status_code for v, r in before.items() if r.status_code != 200
    }
    (paragraph,) = parts(world.negotiation, ["art_7__para_1"])

    def after(changes, unchanged: set[str]) -> dict:
        """The pages after `changes`, committed as a request's are (the live room renders the
        room for the new state): those kept under a count in `unchanged` are as before."""
        with django_capture_on_commit_callbacks(execute=True):
            changes()
        now = {}
        for view, address in addresses.items():
            with CaptureQueriesContext(connection) as queries:
                now[view] = page = client.get(address)
            if view in LIVE or under[view] in unchanged:
                # Served from the cache: the state of the record is all it read.
                assert len([q for q in queries if "SET CONSTRAINTS" not in q["sql"]]) == 1, view
            same = page.content == before[view].content and page["ETag"] == before[view]["ETag"]
            assert same == (view not in LIVE and under[view] in unchanged), view
        return now

    def speakers_called():
        request_floor(item, by=world.actors.delegate, delegation=world.brazil)
        call_next_speaker(item, by=world.actors.chair)

    def items_moved():
        open_item(item, by=world.actors.chair)
        put_under_discussion(item, by=world.actors.chair, provision=paragraph)
        close_item(item, by=world.actors.chair)

    called = after(speakers_called, {"settled", "agenda"})
    assert b"Brazil" in called["plenary.participation.views.speakers_page"].content
    before = called
    moved = after(items_moved, {"settled"})
    assert b"item-closed" in moved["plenary.participation.views.agenda_page"].content
    cache.clear()
    _recent.clear()
    for view, address in addresses.items():
        assert client.get(address).content == moved[view].content, f"{view} shows the floor"


def test_the_speakers_list_renders_its_room_when_nobody_has_for_the_state(client, world, floor):
    """A change whose room the live room has not rendered (another process's, or one handled
    later by the worker): the kept rest of the page waits for no one, the room is rendered for
    the new state, and the page answers 304 to the browser that has it."""
    _version, item = floor
    address = SPEAKERS.format(n="/n/test-ahc", item=item)
    before = client.get(address)
    request_floor(item, by=world.actors.delegate, delegation=world.brazil)  # not committed
    with CaptureQueriesContext(connection) as queries:
        page = client.get(address)
    assert b"Brazil" in page.content and b"Brazil" not in before.content
    # Only the room was rendered: nothing of the rest of the page was read.
    assert not [q for q in queries if "participation_intervention" in q["sql"]]
    assert page["ETag"] != before["ETag"] and "public" in page["Cache-Control"]
    assert client.get(address, headers={"If-None-Match": page["ETag"]}).status_code == 304
    assert client.get(address, headers={"If-None-Match": before["ETag"]}).status_code == 200
    assert client.get(f"{address}?part=live").content in page.content
    cache.clear()
    _recent.clear()
    assert client.get(address).content == page.content
