"""Pages that show nothing of a session's floor stay in the cache while the chair gives the floor,
and are then exactly what they would be if rendered afresh; pages that show the floor change
with it."""

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

# Every view marked public_page(floor=False), by module and name.
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


def pages(version, session) -> dict[str, str]:
    """An address of each page beside the floor, by its view."""
    n = "/n/test-ahc"
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
        "plenary.api.routes.session_detail": f"/api/negotiations/test-ahc/sessions/{session}",
        "plenary.portal.views.home": "/",
        "plenary.portal.views.negotiation_home": f"{n}/",
    }


def marked_beside_the_floor() -> set[str]:
    marked = set()
    for name in MODULES:
        module = importlib.import_module(name)
        for attribute, value in inspect.getmembers(module, callable):
            if getattr(value, "shows_the_floor", True) is False and value.__module__ == name:
                marked.add(f"{name}.{attribute}")
    return marked


@pytest.fixture
def floor(world):
    version = publish_text(world)
    f.make_vote(world.negotiation, "A/RES/1", {world.brazil: "yes", world.kenya: "no"})
    item = make_agenda_item(make_upcoming_session(world.negotiation), eids=["art_7"])
    return version, item


def test_every_page_marked_beside_the_floor_is_walked_here(floor):
    version, item = floor
    assert marked_beside_the_floor() == set(pages(version, item.session_id))


def test_the_floor_moves_the_state_but_not_the_settled_state(world):
    for action in state.FLOOR_ACTIONS:
        before = state.current()
        record(action, world.open_session, by=world.chair)
        after = state.current()
        assert after.changes > before.changes and after.settled == before.settled, action
    before = state.current()
    record("session.changed", world.open_session, by=world.secretariat)
    after = state.current()
    assert after.changes > before.changes and after.settled > before.settled


def test_pages_beside_the_floor_stay_kept_while_the_chair_gives_the_floor(client, world, floor):
    version, item = floor
    addresses = pages(version, item.session_id)
    speakers = f"/n/test-ahc/sessions/{item.session_id}/items/{item.pk}/speakers/"
    before = {view: client.get(address) for view, address in addresses.items()}
    assert all(r.status_code == 200 for r in before.values()), {
        v: r.status_code for v, r in before.items() if r.status_code != 200
    }
    speakers_before = client.get(speakers).content

    (paragraph,) = parts(world.negotiation, ["art_7__para_1"])
    request_floor(item, by=world.actors.delegate, delegation=world.brazil)
    open_item(item, by=world.actors.chair)
    put_under_discussion(item, by=world.actors.chair, provision=paragraph)
    call_next_speaker(item, by=world.actors.chair)
    close_item(item, by=world.actors.chair)

    assert client.get(speakers).content != speakers_before  # the floor's own page moved on
    for view, address in addresses.items():
        with CaptureQueriesContext(connection) as queries:
            kept = client.get(address)
        assert kept.content == before[view].content and kept["ETag"] == before[view]["ETag"]
        # Served from the cache: the state of the record is all it read.
        assert len([q for q in queries if "SET CONSTRAINTS" not in q["sql"]]) == 1, view
    cache.clear()
    _recent.clear()
    for view, address in addresses.items():
        assert client.get(address).content == before[view].content, f"{view} shows the floor"
