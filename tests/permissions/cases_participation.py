"""Permission cases for participation: agenda, registration, speakers lists, the floor,
interventions and their files, feeds, and the language of one's notifications. The world's
organization is not accredited here (the foundation's cases ask for its accreditation), so
stakeholders' writes are refused; tests/participation covers their success."""

from django.utils import timezone

from plenary.participation.models import (
    FloorStatus,
    Intervention,
    InterventionFile,
    InterventionKind,
    ItemStatus,
)
from tests import factories as f
from tests.participation.factories import make_agenda_item, make_speaker, make_upcoming_session
from tests.permissions.common import PROCESS, SEES_CLOSED, A, Case, N, everyone, only

HIDDEN = {"anon": 404, "stakeholder": 404}
SIGNED_IN = ("stakeholder", "delegate", "secretariat", "chair")


def page(w, rest: str = "", closed: bool = False) -> str:
    session = w.part_closed if closed else w.part_session
    return f"{N}/sessions/{session.pk}/{rest}"


def item_page(w, rest: str = "", closed: bool = False) -> str:
    item = w.closed_item if closed else w.part_item
    return page(w, f"items/{item.pk}/{rest}", closed)


def api(w, rest: str = "", closed: bool = False) -> str:
    session = w.part_closed if closed else w.part_session
    return f"{A}/sessions/{session.pk}/{rest}"


def api_item(w, rest: str = "", closed: bool = False) -> str:
    item = w.closed_item if closed else w.part_item
    return api(w, f"agenda/{item.pk}{rest}", closed)


def file_page(w, closed: bool = False) -> str:
    intervention, found = (
        (w.closed_intervention, w.closed_file) if closed else (w.part_intervention, w.part_file)
    )
    return item_page(w, f"interventions/{intervention.pk}/files/{found.pk}/", closed)


def published(w, eid: str) -> str:
    """The id of the provision with this eId in the latest published version (the text of an
    open session's room), as the pages' provision pickers send it."""
    latest = w.negotiation.versions.filter(published=True).order_by("-position").first()
    return str(f.provision_at(w.negotiation, eid, latest).pk)


def statement(w) -> dict:
    return {"text": "Thank you, Chair.", "provisions": published(w, "art_1__para_1")}


CASES = [
    Case("agenda", "GET", lambda w: page(w, "agenda/"), everyone(200)),
    Case(
        "agenda",
        "GET",
        lambda w: page(w, "agenda/", closed=True),
        only(SEES_CLOSED, 200, anon=404, other=404),
        label="closed",
    ),
    Case(
        "agenda-add",
        "POST",
        lambda w: page(w, "agenda/add/"),
        only(PROCESS, 302, anon=401),
        data=lambda w: {"number": 9, "title": "Other matters", "provisions": published(w, "art_1")},
    ),
    Case("arrangements", "GET", lambda w: page(w, "arrangements/"), only(PROCESS, 200, 302)),
    Case(
        "arrangements",
        "POST",
        lambda w: page(w, "arrangements/"),
        only(PROCESS, 302, anon=401),
        data=lambda w: {
            "opens_at": "09:00",
            "closes_at": "17:30",
            "registration_closes_days": 5,
            "advance_notice_hours": 24,
            "member_state_seconds": 180,
            "bloc_seconds": 300,
            "observer_seconds": 180,
            "stakeholder_seconds": 120,
            "remote_url": "https://meet.example.org/plenary",
        },
    ),
    Case(
        "register",
        "POST",
        lambda w: page(w, "register/"),
        only(("delegate",), 302, anon=401),
        data=lambda w: {"name": "Ana Souza", "attendance": "remote"},
    ),
    Case(
        "register",
        "POST",
        lambda w: page(w, "register/", closed=True),
        only(("delegate",), 302, anon=404) | HIDDEN,
        data=lambda w: {"name": "Ana Souza", "attendance": "in_person"},
        label="closed",
    ),
    Case("participants", "GET", lambda w: page(w, "participants/"), only(PROCESS, 200, 302)),
    Case(
        "participants-csv",
        "GET",
        lambda w: page(w, "participants.csv"),
        only(PROCESS, 200, 302),
    ),
    Case("badges", "GET", lambda w: page(w, "badges/"), only(PROCESS, 200, 302)),
    Case(
        "badges",
        "GET",
        lambda w: page(w, "badges/", closed=True),
        only(PROCESS, 200, 404) | {"stakeholder": 404},
        label="closed",
    ),
    Case("speakers", "GET", lambda w: item_page(w, "speakers/"), everyone(200)),
    Case(
        "speakers",
        "GET",
        lambda w: item_page(w, "speakers/", closed=True),
        only(SEES_CLOSED, 200, anon=404, other=404),
        label="closed",
    ),
    Case(
        "speakers-chair",
        "GET",
        lambda w: item_page(w, "speakers/chair/"),
        only(("chair",), 200, 302),
    ),
    Case(
        "speakers-request",
        "POST",
        lambda w: item_page(w, "speakers/request/"),
        only(("delegate", *PROCESS), 302, anon=401),
        data=lambda w: {"speaker": f"delegation-{w.holy_see.pk}"},
    ),
    Case(
        "speakers-request",
        "POST",
        lambda w: item_page(w, "speakers/request/", closed=True),
        only(("delegate", *PROCESS), 302, anon=404) | HIDDEN,
        data=lambda w: {"speaker": f"delegation-{w.holy_see.pk}"},
        label="closed",
    ),
    Case(
        "speakers-next",
        "POST",
        lambda w: item_page(w, "speakers/next/"),
        only(("chair",), 302, anon=401),
    ),
    Case(
        "speakers-reorder",
        "POST",
        lambda w: item_page(w, "speakers/reorder/"),
        only(("chair",), 302, anon=401),
        data=lambda w: {f"place-{w.waiting_entry.pk}": "1"},
    ),
    Case(
        "statement-publish",
        "POST",
        lambda w: item_page(w, f"speakers/{w.spoken_entry.pk}/publish/"),
        only(("delegate", *PROCESS), 302, anon=401),
        data=statement,
    ),
    Case(
        "contribute",
        "POST",
        lambda w: item_page(w, "contribute/"),
        only(("delegate",), 302, anon=401),
        data=statement,
    ),
    Case(
        "speakers-withdraw",
        "POST",
        lambda w: page(w, f"items/{w.withdraw_item.pk}/speakers/{w.brazil_waiting.pk}/withdraw/"),
        only(("delegate", "chair"), 302, anon=401),
    ),
    Case("item-open", "POST", lambda w: item_page(w, "open/"), only(("chair",), 302, anon=401)),
    Case(
        "item-open",
        "POST",
        lambda w: item_page(w, "open/", closed=True),
        only(("chair",), 302, anon=404) | HIDDEN,
        label="closed",
    ),
    Case(
        "item-close",
        "POST",
        lambda w: page(w, f"items/{w.open_item.pk}/close/"),
        only(("chair",), 302, anon=401),
    ),
    Case(
        "under-discussion",
        "POST",
        lambda w: page(w, f"items/{w.open_item.pk}/under-discussion/"),
        only(("chair",), 302, anon=401),
        data=lambda w: {"provision": published(w, "art_1__para_1")},
    ),
    # The matrix writes no files: a file one may see answers 410 (its bytes are not stored
    # here), one of a closed session 404; tests/participation downloads real ones.
    Case(
        "intervention-file",
        "GET",
        lambda w: file_page(w),
        everyone(410),
    ),
    Case(
        "intervention-file",
        "GET",
        lambda w: file_page(w, closed=True),
        only(SEES_CLOSED, 410, anon=404, other=404),
        label="closed",
    ),
    # Without a file chosen, those who may attach get 400, after the permission check.
    Case(
        "intervention-files-add",
        "POST",
        lambda w: item_page(w, f"interventions/{w.part_intervention.pk}/files/"),
        only(("delegate", *PROCESS), 400, anon=401),
    ),
    Case(
        "intervention-files-add",
        "POST",
        lambda w: item_page(w, f"interventions/{w.closed_intervention.pk}/files/", closed=True),
        only(("delegate", *PROCESS), 400, anon=404) | HIDDEN,
        label="closed",
    ),
    # The language of one's notifications (the other inbox routes are in cases_advocacy).
    Case(
        "inbox-language",
        "POST",
        lambda w: "/inbox/language/",
        only(SIGNED_IN, 302, anon=401),
        data=lambda w: {"language": "fr"},
    ),
    Case(
        "api:inbox_language",
        "GET",
        lambda w: "/api/inbox/language",
        only(SIGNED_IN, 200, anon=401),
        api=True,
    ),
    Case(
        "api:set_inbox_language",
        "PUT",
        lambda w: "/api/inbox/language",
        only(SIGNED_IN, 200, anon=401),
        data=lambda w: {"language": "es"},
        api=True,
    ),
    Case("feed-sessions", "GET", lambda w: "/feeds/test-ahc/sessions.ics", everyone(200)),
    Case("feed-updates", "GET", lambda w: "/feeds/test-ahc/updates.atom", everyone(200)),
    # The API.
    Case("api:list_agenda", "GET", lambda w: api(w, "agenda"), everyone(200), api=True),
    Case(
        "api:list_agenda",
        "GET",
        lambda w: api(w, "agenda", closed=True),
        only(SEES_CLOSED, 200, anon=404, other=404),
        api=True,
        label="closed",
    ),
    Case(
        "api:add_agenda_item",
        "POST",
        lambda w: api(w, "agenda"),
        only(PROCESS, 201, anon=401),
        data=lambda w: {"number": 9, "title": "Other matters", "eids": ["art_1"]},
        api=True,
    ),
    Case("api:get_arrangements", "GET", lambda w: api(w, "arrangements"), everyone(200), api=True),
    Case(
        "api:set_arrangements",
        "PUT",
        lambda w: api(w, "arrangements"),
        only(PROCESS, 200, anon=401),
        data=lambda w: {"advance_notice_hours": 72},
        api=True,
    ),
    Case(
        "api:list_registrations",
        "GET",
        lambda w: api(w, "registrations"),
        only(("stakeholder", "delegate", *PROCESS), 200, anon=401),
        api=True,
    ),
    Case(
        "api:list_registrations",
        "GET",
        lambda w: api(w, "registrations", closed=True),
        only(SEES_CLOSED, 200, anon=401, other=404),
        api=True,
        label="closed",
    ),
    Case(
        "api:register",
        "POST",
        lambda w: api(w, "registrations"),
        only(("delegate",), 201, anon=401),
        data=lambda w: {"name": "Ana Souza", "attendance": "remote"},
        api=True,
    ),
    Case(
        "api:list_speakers",
        "GET",
        lambda w: api_item(w, "/speakers"),
        everyone(200),
        api=True,
    ),
    Case(
        "api:list_speakers",
        "GET",
        lambda w: api_item(w, "/speakers", closed=True),
        only(SEES_CLOSED, 200, anon=404, other=404),
        api=True,
        label="closed",
    ),
    Case(
        "api:request_floor",
        "POST",
        lambda w: api_item(w, "/speakers"),
        only(("delegate", *PROCESS), 201, anon=401),
        data=lambda w: {"delegation": "VA"},
        api=True,
    ),
    Case(
        "api:call_next_speaker",
        "POST",
        lambda w: api_item(w, "/speakers/next"),
        only(("chair",), 200, anon=401),
        api=True,
    ),
    Case(
        "api:reorder_speakers",
        "POST",
        lambda w: api_item(w, "/speakers/order"),
        only(("chair",), 200, anon=401),
        data=lambda w: {"order": [w.waiting_entry.pk]},
        api=True,
    ),
    Case(
        "api:publish_statement",
        "POST",
        lambda w: api_item(w, f"/speakers/{w.spoken_entry.pk}/statement"),
        only(("delegate", *PROCESS), 201, anon=401),
        data=lambda w: {"text": "Thank you, Chair."},
        api=True,
    ),
    Case(
        "api:list_interventions",
        "GET",
        lambda w: api_item(w, "/interventions"),
        everyone(200),
        api=True,
    ),
    Case(
        "api:list_interventions",
        "GET",
        lambda w: api_item(w, "/interventions", closed=True),
        only(SEES_CLOSED, 200, anon=404, other=404),
        api=True,
        label="closed",
    ),
    Case(
        "api:withdraw_request",
        "POST",
        lambda w: api(w, f"agenda/{w.withdraw_item.pk}/speakers/{w.brazil_waiting.pk}/withdraw"),
        only(("delegate", "chair"), 200, anon=401),
        api=True,
    ),
    Case(
        "api:open_item",
        "POST",
        lambda w: api_item(w, "/open"),
        only(("chair",), 200, anon=401),
        api=True,
    ),
    Case(
        "api:open_item",
        "POST",
        lambda w: api_item(w, "/open", closed=True),
        only(("chair",), 200, anon=401, other=403) | {"stakeholder": 404},
        api=True,
        label="closed",
    ),
    Case(
        "api:close_item",
        "POST",
        lambda w: api(w, f"agenda/{w.open_item.pk}/close"),
        only(("chair",), 200, anon=401),
        api=True,
    ),
    Case(
        "api:put_under_discussion",
        "PUT",
        lambda w: api(w, f"agenda/{w.open_item.pk}/under-discussion"),
        only(("chair",), 200, anon=401),
        data=lambda w: {"eid": "art_1__para_1"},
        api=True,
    ),
    Case(
        "api:attach_files",
        "POST",
        lambda w: api_item(w, f"/interventions/{w.part_intervention.pk}/files"),
        only(("delegate", *PROCESS), 400, anon=401),
        api=True,
    ),
    Case(
        "api:attach_files",
        "POST",
        lambda w: api_item(w, f"/interventions/{w.closed_intervention.pk}/files", closed=True),
        only(("delegate", *PROCESS), 400, anon=401, other=404),
        api=True,
        label="closed",
    ),
    Case(
        "api:submit_written_contribution",
        "POST",
        lambda w: api_item(w, "/interventions"),
        only(("delegate",), 201, anon=401),
        data=lambda w: {"text": "Our written contribution."},
        api=True,
    ),
]


def prepare(world) -> None:
    """Upcoming sessions, open and closed, each with an item; one speaker waits, one spoke."""
    world.part_session = make_upcoming_session(world.negotiation, title="Upcoming session")
    world.part_item = make_agenda_item(world.part_session, title="Criminalization")
    world.part_closed = make_upcoming_session(
        world.negotiation, kind="informal", number=None, openness="closed", title="Informals"
    )
    world.closed_item = make_agenda_item(world.part_closed, title="Informal item")
    world.waiting_entry = make_speaker(world.part_item, delegation=world.kenya)
    world.spoken_entry = make_speaker(
        world.part_item, delegation=world.brazil, status=FloorStatus.SPOKE
    )
    world.withdraw_item = make_agenda_item(world.part_session, title="Other matters")
    world.brazil_waiting = make_speaker(world.withdraw_item, delegation=world.brazil)
    world.open_item = make_agenda_item(
        world.part_session, title="Procedural measures", status=ItemStatus.OPEN
    )

    def contribution(item):
        made = Intervention.objects.create(
            agenda_item=item,
            kind=InterventionKind.WRITTEN,
            delegation=world.brazil,
            text="Our contribution.",
            published_at=timezone.now(),
        )
        # A record of a file, without its bytes: the matrix writes nothing to the uploads.
        found = InterventionFile.objects.create(
            intervention=made,
            file=f"interventions/{made.pk}/not-stored.txt",
            name="contribution.txt",
            kind="txt",
            size=10,
            uploaded_at=timezone.now(),
        )
        return made, found

    world.part_intervention, world.part_file = contribution(world.part_item)
    world.closed_intervention, world.closed_file = contribution(world.closed_item)
