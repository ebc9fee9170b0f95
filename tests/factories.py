"""Small factories for test data: plain functions with sensible defaults, no fixed ids."""

import datetime
import itertools

from plenary.decisions.models import Decision, VoteCast
from plenary.process.actors import AT_THE_TABLE
from plenary.process.models import (
    AccreditationRequest,
    Bloc,
    Delegation,
    Negotiation,
    Organization,
    RoadmapDeadline,
    Session,
    User,
)
from plenary.process.models.accreditation import AccreditationPath, AccreditationStatus
from plenary.process.models.participants import DelegationKind
from plenary.process.services.people import issue_api_token
from plenary.text.services.versions import import_version

_counter = itertools.count(1)


def make_negotiation(**fields) -> Negotiation:
    n = next(_counter)
    defaults = {
        "slug": f"negotiation-{n}",
        "title": f"Ad Hoc Committee number {n}",
        "short_title": f"Committee {n}",
        "mandate": f"A/RES/99/{n}",
        "body": "Ad Hoc Committee",
        "secretariat": "UNODC",
        "decision_rule": "Consensus, failing which two thirds of members present and voting.",
        "timezone": "America/New_York",
    }
    return Negotiation.objects.create(**(defaults | fields))


def make_delegation(negotiation, iso2="BR", name=None, kind=DelegationKind.MEMBER_STATE, **f):
    return Delegation.objects.create(
        negotiation=negotiation,
        iso2=iso2,
        name=name or f"State {iso2}",
        kind=kind,
        region=f.pop("region", "Americas"),
        **f,
    )


def make_bloc(negotiation, slug="g-example", members=(), **fields) -> Bloc:
    bloc = Bloc.objects.create(
        negotiation=negotiation, slug=slug, name=fields.pop("name", slug.upper()), **fields
    )
    bloc.members.set(members)
    return bloc


def make_session(negotiation, **fields) -> Session:
    defaults = {
        "kind": "substantive",
        "number": next(_counter),
        "title": "A session",
        "start": datetime.date(2022, 2, 28),
        "end": datetime.date(2022, 3, 11),
        "city": "New York",
        "timezone": "America/New_York",
        "mode": "in_person",
        "openness": "open",
    }
    return Session.objects.create(negotiation=negotiation, **(defaults | fields))


def make_deadline(negotiation, **fields) -> RoadmapDeadline:
    defaults = {"date": datetime.date(2022, 4, 8), "chapters": ["Criminalization"]}
    return RoadmapDeadline.objects.create(negotiation=negotiation, **(defaults | fields))


def make_organization(**fields) -> Organization:
    n = next(_counter)
    defaults = {"slug": f"org-{n}", "name": f"Organization {n}", "kind": "ngo"}
    return Organization.objects.create(**(defaults | fields))


def make_request(negotiation, organization, *, at, status=AccreditationStatus.PENDING):
    return AccreditationRequest.objects.create(
        negotiation=negotiation,
        organization=organization,
        path=AccreditationPath.NON_OBJECTION,
        status=status,
        requested_at=at,
        non_objection_deadline=at + datetime.timedelta(days=negotiation.non_objection_days),
    )


def make_user(username, role, **fields) -> User:
    user = User.objects.create(username=username, role=role, **fields)
    user.set_password("a-long-test-password")
    user.save()
    return user


def make_vote(negotiation, symbol, votes: dict, **fields) -> Decision:
    decision = Decision.objects.create(
        negotiation=negotiation,
        symbol=symbol,
        body="General Assembly",
        title=fields.pop("title", "A resolution"),
        date=fields.pop("date", datetime.date(2019, 12, 27)),
        method="recorded_vote",
        **fields,
    )
    VoteCast.objects.bulk_create(
        VoteCast(decision=decision, delegation=d, vote=v) for d, v in votes.items()
    )
    return decision


PURPOSES = ["Article 1. Purposes", "1. To prevent.", "2. To cooperate."]


def make_version(
    world, lines=PURPOSES, *, label="Zero draft", published=True, date=datetime.date(2023, 6, 1)
):
    """A version of the test negotiation's text, imported by its secretariat: by default a
    published zero draft of one article with two paragraphs."""
    return import_version(
        world.negotiation,
        by=world.actors.secretariat,
        label=label,
        published=published,
        date=date,
        lines=lines,
    )


def token_for(user) -> str:
    return issue_api_token(user)


def totp_device(user):
    """The confirmed authenticator device of a member of the secretariat or the chair."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def current_code(device) -> str:
    """The code an authenticator app shows now."""
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def provision_at(negotiation, eid, version=None):
    """The provision with this eId in the text at the table (or in `version`): tests name
    paragraphs as the text numbers them, and services take provisions."""
    from plenary.text.models import Provision
    from plenary.text.provisions import outline_of, text_outline

    outline = outline_of(version) if version is not None else text_outline(negotiation)
    part = outline.by_eid(eid)
    if part is None:
        raise AssertionError(f"no {eid} in the text")
    return Provision.objects.get(pk=part.provision)


def on(negotiation, name):
    """What a stance or an objection is on, named as people do: a paragraph's eId in the
    working text, package_<id> or proposal_<id>."""
    from plenary.positions.services import subject_named

    return subject_named(negotiation, AT_THE_TABLE, name=name, proposals=True)


def keys(negotiation, eids):
    """The consensus map's keys of these paragraphs (by their eIds in the working text)."""
    from plenary.positions.services import provision_key

    return [provision_key(provision_at(negotiation, eid).pk) for eid in eids]
