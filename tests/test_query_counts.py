"""Every public page costs a fixed number of queries, whatever the size of the record: measured
on the reference scenario and on a record ten times its size (ten times the delegations with
their votes, bloc memberships, stances, objections, capabilities, instruments and speaking
requests, ten times the sessions, agenda items, versions and accredited organizations), with
an empty cache, so that every page is computed."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from plenary.page_cache import _recent
from plenary.participation.models import AgendaItem, SpeakerEntry
from plenary.process.models import (
    AccreditationRequest,
    Bloc,
    Delegation,
    Organization,
    Session,
    User,
)
from plenary.process.models.sessions import SessionEvent
from plenary.text.models import Version

N = "/n/cybercrime-ahc"

# The most queries each page may make, computed (the cache empty); the public pages' count
# includes reading the state of the record.
MOST = {
    # Where each negotiation and its protocols stand (portal/standing.py): its sessions, next
    # deadline, treaty, current text and latest changes, about eleven queries a negotiation.
    "home": ("/", 23),
    # The same standing for the negotiation and its protocol, then its own record.
    "negotiation": (f"{N}/", 31),
    # With the session's record documents (and their delegations) and statements.
    "session": (f"{N}/sessions/{{session}}/", 10),
    "delegations": (f"{N}/delegations/", 6),
    "vote": ("/votes/A/RES/74/247/", 7),
    # With the steps of the treaty's adoption.
    "treaty": (f"{N}/treaty/", 7),
    "consensus map": (f"{N}/consensus/", 11),
    # With the provisions each issue concerns, named as the latest published version does.
    "issues": (f"{N}/issues/", 8),
    "opinion map": (f"{N}/opinion-map/", 7),
    "package search": (f"{N}/package-search/", 7),
    # With the provisions of the items, named in the latest text (read once for all items).
    "agenda": (f"{N}/sessions/{{session}}/agenda/", 8),
    "speakers list": (f"{N}/sessions/{{session}}/items/{{item}}/speakers/", 12),
    "accreditation": (f"{N}/accreditation/", 4),
    "coalitions": (f"{N}/coalitions/", 3),
    "versions": (f"{N}/versions/", 3),
    "a version's text": (f"{N}/versions/{{version}}/", 3),
    "API: sessions": ("/api/negotiations/cybercrime-ahc/sessions", 4),
    "API: delegations": ("/api/negotiations/cybercrime-ahc/delegations", 4),
    "API: a vote": ("/api/votes/A%2FRES%2F74%2F247", 5),
    "sessions feed": ("/feeds/cybercrime-ahc/sessions.ics", 5),
}


@pytest.fixture(scope="module")
def scenario(django_db_setup, django_db_blocker):
    """The reference scenario, loaded once for the module and removed after it."""
    from plenary.scenarios.loader import load_scenario

    with django_db_blocker.unblock():
        negotiation = load_scenario("cybercrime-ahc")
        item = AgendaItem.objects.filter(session__negotiation=negotiation, number=1).first()
        ids = {
            "session": item.session_id,
            "item": item.pk,
            "version": Version.objects.published().filter(negotiation=negotiation).last().pk,
        }
    yield negotiation, ids
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def copies(rows, **changes):
    """Unsaved copies of these rows, with some fields changed (a callable gets the row)."""
    made = []
    for row in rows:
        row.pk = None
        row._state.adding = True
        for name, value in changes.items():
            setattr(row, name, value(row) if callable(value) else value)
        made.append(row)
    return made


def grow_tenfold(negotiation, ids) -> None:
    """Nine more of what each page lists (see the module's docstring)."""
    originals = list(negotiation.delegations.all())
    pointing = [
        field
        for model in {f.related_model for f in Delegation._meta.related_objects}
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is Delegation and model not in (User, Bloc)
    ]
    for n in range(1, 10):
        clones = Delegation.objects.bulk_create(
            copies(
                [Delegation.objects.get(pk=d.pk) for d in originals],
                iso2=None,
                name=lambda d, n=n: f"{d.name} {n}",
            )
        )
        clone_of = {d.pk: c.pk for d, c in zip(originals, clones, strict=True)}
        Delegation.blocs.through.objects.bulk_create(
            copies(
                Delegation.blocs.through.objects.filter(delegation__in=originals),
                delegation_id=lambda r, clone_of=clone_of: clone_of[r.delegation_id],
            )
        )
        for field in pointing:
            model = field.model
            rows = model.objects.filter(**{f"{field.name}__in": originals})
            if model is SpeakerEntry:
                rows = rows.filter(on_behalf_of=None)
            model.objects.bulk_create(
                copies(
                    rows,
                    **{
                        field.attname: lambda r, a=field.attname, clone_of=clone_of: clone_of[
                            getattr(r, a)
                        ]
                    },
                )
            )
    sessions = list(negotiation.sessions.all())
    events = list(SessionEvent.objects.filter(session__in=sessions))
    items = list(AgendaItem.objects.filter(session_id=ids["session"]))
    versions = list(negotiation.versions.all())
    requests = list(negotiation.accreditation_requests.select_related("organization"))
    for n in range(1, 10):
        made = Session.objects.bulk_create(
            copies(
                [Session.objects.get(pk=s.pk) for s in sessions],
                number=None,
                title=lambda s, n=n: f"{s.title} ({n})",
            )
        )
        copy_of = {s.pk: c.pk for s, c in zip(sessions, made, strict=True)}
        SessionEvent.objects.bulk_create(
            copies(
                [SessionEvent.objects.get(pk=e.pk) for e in events],
                session_id=lambda e, copy_of=copy_of: copy_of[e.session_id],
            )
        )
        AgendaItem.objects.bulk_create(
            copies(
                [AgendaItem.objects.get(pk=i.pk) for i in items],
                number=lambda i, n=n: i.number + 100 * n,
            )
        )
        top = negotiation.versions.order_by("-position").first().position
        Version.objects.bulk_create(
            copies(
                [Version.objects.get(pk=v.pk) for v in versions],
                position=lambda v, n=n, top=top: v.position + top * n,
            )
        )
        for request in requests:
            organization = Organization.objects.get(pk=request.organization_id)
            organization = copies([organization], slug=f"{organization.slug}-{n}")[0]
            organization.save()
            copy = AccreditationRequest.objects.get(pk=request.pk)
            copies([copy], organization=organization)[0].save()


def queries(client: Client, url: str) -> int:
    # Once first: a page may record what time alone has changed (lapsed accreditation requests).
    client.get(url)
    # Forgotten both in the shared cache and in this process's own memory of the pages it
    # served last (plenary/page_cache.py), so that the page is computed.
    cache.clear()
    _recent.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    # On PostgreSQL, inside the test's transaction, reading the state of the record counts the
    # test's own changes with two more statements (plenary/audit/state.py); a request has none.
    return len([q for q in captured if "SET CONSTRAINTS" not in q["sql"]])


@pytest.mark.parametrize("page", MOST)
def test_the_page_makes_a_fixed_number_of_queries_at_any_size(scenario, db, page):
    negotiation, ids = scenario
    url, most = MOST[page]
    url = url.format(**ids)
    client = Client()
    at_its_size = queries(client, url)
    grow_tenfold(negotiation, ids)
    at_ten_times = queries(client, url)
    assert at_its_size <= most and at_ten_times <= most, (at_its_size, at_ten_times)
    assert at_ten_times == at_its_size
