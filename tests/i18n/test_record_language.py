"""The record stores codes and facts, not sentences in the language of whoever acted: every write
service, run once in French and once in Arabic on the same world, leaves the same rows in every
table (times aside). Words are rendered when shown, in the reader's language.

A person's own choice of language (the language their notifications are written in) is a fact
about them, and they choose it here before anything is written to them."""

import contextlib
import datetime
import re
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone, translation

from plenary.advocacy.services import coalitions, red_lines, statements
from plenary.decisions import services as decisions
from plenary.notifications import services as notifications
from plenary.outbox.events import drain
from plenary.participation.services import agenda, floor, interventions, registration, speakers
from plenary.positions.services import Subject, issues, objections, stances
from plenary.process.actors import actor_of
from plenary.process.models import (
    AccreditationRequest,
    ApiToken,
    Delegation,
    Negotiation,
    Organization,
    Role,
    Session,
    User,
)
from plenary.process.services import accreditation, organizations, people, roadmap, sessions
from plenary.text.services import versions
from plenary.treaty.services import adoption, instruments, protocols
from tests import factories as f

D = datetime.date
SOURCE = [{"symbol": "A/AC.291/1", "title": "A source"}]
# Values that are random by design (token hashes, stored file names), not words.
RANDOM = {
    ("process.apitoken", "prefix"),
    ("process.apitoken", "key_hash"),
    ("process.user", "password"),
}
WHEN = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")
# The files of interventions are stored under random names.
FILE_NAME = re.compile(r"interventions/\S+")


class Rollback(Exception):
    pass


def _normalized(value: Any, secrets: set[str]) -> Any:
    if isinstance(value, str):
        value = FILE_NAME.sub("interventions/…", WHEN.sub("<when>", value))
        for secret in secrets:
            value = value.replace(secret, "<token>")
        return value
    if isinstance(value, dict):
        return {k: _normalized(v, secrets) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalized(v, secrets) for v in value]
    return value


def record_of_every_table() -> dict[tuple[str, Any, str], Any]:
    """Every stored value of Plenary's tables, by (table, primary key, field), times aside."""
    found = {}
    # A token's prefix is random, and named in the audit trail.
    secrets = set(ApiToken.objects.values_list("prefix", flat=True))
    for model in apps.get_models():
        if not model.__module__.startswith("plenary."):
            continue
        label = model._meta.label_lower
        fields = [
            field
            for field in model._meta.concrete_fields
            if not isinstance(field, models.DateTimeField)
            and (label, field.name) not in RANDOM
            and not field.primary_key
        ]
        for row in model.objects.values("pk", *[field.attname for field in fields]):
            for field in fields:
                found[(label, row["pk"], field.name)] = _normalized(row[field.attname], secrets)
    return found


def in_language(language: str, scenario) -> dict:
    """Run the scenario in one language, read every table, and roll it all back."""
    _same_ids_next()
    with contextlib.suppress(Rollback), transaction.atomic():
        with translation.override(language):
            scenario()
            drain()
        seen = record_of_every_table()
        raise Rollback
    return seen


def _same_ids_next() -> None:
    """PostgreSQL's sequences do not roll back: set each to follow the rows there are, so that
    both runs get the same ids (SQLite's roll back with the rows)."""
    if connection.vendor != "postgresql":
        return
    plenary_models = [m for m in apps.get_models() if m.__module__.startswith("plenary.")]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), plenary_models):
            cursor.execute(sql)


def differences(first: dict, second: dict) -> list[str]:
    return sorted(
        f"{key[0]} #{key[1]} {key[2]}: {first.get(key)!r} / {second.get(key)!r}"
        for key in first.keys() | second.keys()
        if first.get(key) != second.get(key)
    )


def every_write_service(ids: dict[str, int]) -> None:
    """Each write service of the process, positions, participation, advocacy, treaty and
    notifications, as people use them (fresh copies of the world, so that both runs start
    alike)."""
    negotiation = Negotiation.objects.get(pk=ids["negotiation"])
    brazil = Delegation.objects.get(pk=ids["brazil"])
    kenya = Delegation.objects.get(pk=ids["kenya"])
    organization = Organization.objects.get(pk=ids["organization"])
    secretariat, chair, delegate, other, ngo = (
        User.objects.get(pk=ids[name])
        for name in ("secretariat", "chair", "delegate", "other_delegate", "stakeholder")
    )
    open_session = Session.objects.get(pk=ids["open_session"])
    now = timezone.now()

    # Notifications: each reader chooses their language, then follows.
    for person in (delegate, ngo, chair):
        notifications.set_language(actor_of(person), "es")

    # Process: people, organizations, accreditation, sessions, the roadmap.
    listed = organizations.register_organization(
        by=actor_of(secretariat), slug="listed-ngo", name="Listed NGO", kind="ngo", sources=SOURCE
    )
    ecosoc = organizations.register_organization(
        by=actor_of(secretariat),
        slug="ecosoc-ngo",
        name="ECOSOC NGO",
        kind="ngo",
        ecosoc_status=True,
    )
    member = people.create_user(
        "listed-person",
        role=Role.STAKEHOLDER,
        organization=listed,
        password=None,
        by=actor_of(secretariat),
    )
    token = people.issue_api_token_with_expiry(member, by=actor_of(secretariat), label="scripts")[1]
    people.revoke_api_token(token, by=actor_of(secretariat))
    accreditation.request_accreditation(negotiation, ecosoc, by=actor_of(secretariat))
    held = accreditation.request_accreditation(negotiation, listed, by=actor_of(member))
    accreditation.object_to_accreditation(
        held, by=actor_of(delegate), delegation=brazil, reason="Unknown."
    )
    accreditation.decide_accreditation(held, by=actor_of(chair), admit=True, note="Bureau, 3 May.")
    lapsing = organizations.register_organization(
        by=actor_of(secretariat), slug="lapsing-ngo", name="Lapsing NGO", kind="academia"
    )
    accreditation.request_accreditation(
        negotiation, lapsing, by=actor_of(secretariat), at=now - datetime.timedelta(days=30)
    )
    accreditation.admit_lapsed_requests(negotiation)
    second = sessions.create_session(
        negotiation,
        by=actor_of(secretariat),
        kind="substantive",
        number=7,
        title="Seventh session",
        start=D(2030, 1, 7),
        end=D(2030, 1, 18),
        city="Vienna",
        timezone="Europe/Vienna",
        mode="in_person",
        openness="open",
    )
    notifications.follow(actor_of(ngo), negotiation, "session", str(second.pk))
    notifications.follow(actor_of(delegate), negotiation, "session", str(second.pk))
    sessions.update_session(second, by=actor_of(secretariat), expected_version=None, city="Geneva")
    sessions.suspend_session(second, by=actor_of(secretariat), on=D(2030, 1, 10), note="Budget.")
    sessions.reconvene_session(
        second, by=actor_of(secretariat), start=D(2030, 3, 1), end=D(2030, 3, 5), mode="remote"
    )
    third = sessions.create_session(
        negotiation,
        by=actor_of(secretariat),
        kind="substantive",
        number=8,
        title="Eighth session",
        start=D(2031, 1, 7),
        end=D(2031, 1, 18),
        city="New York",
        timezone="America/New_York",
        mode="in_person",
        openness="open",
    )
    sessions.postpone_session(third, by=actor_of(secretariat), on=D(2030, 12, 1), note="No venue.")
    sessions.reschedule_session(
        third, by=actor_of(secretariat), on=D(2030, 12, 2), start=D(2031, 2, 7), end=D(2031, 2, 18)
    )
    sessions.conclude_session(open_session, by=actor_of(secretariat), on=open_session.end)
    deadline = roadmap.set_roadmap_deadline(
        negotiation, by=actor_of(secretariat), date=D(2030, 4, 8), chapters=["Jurisdiction"]
    )
    roadmap.move_roadmap_deadline(
        deadline,
        by=actor_of(secretariat),
        expected_version=None,
        date=D(2030, 4, 15),
        note="Moved.",
    )

    # The text (the text app's own services are checked in the text's test).
    zero = versions.import_version(
        negotiation,
        by=actor_of(secretariat),
        lines=["Article 1. Purposes", "1. To prevent cybercrime.", "2. To cooperate."],
        label="Zero draft",
        date=D(2023, 6, 1),
        published=True,
    )
    notifications.follow(actor_of(delegate), negotiation, "paragraph", "art_1__para_1")
    notifications.follow(actor_of(ngo), negotiation, "article", "art_1")
    first, second_paragraph, article = (
        f.provision_at(negotiation, eid) for eid in ("art_1__para_1", "art_1__para_2", "art_1")
    )

    # Positions.
    decisions.record_decision(
        negotiation,
        by=actor_of(secretariat),
        symbol="A/RES/99/1",
        body="General Assembly",
        title="A resolution",
        date=D(2019, 12, 27),
        method="recorded_vote",
        votes={brazil: "yes", kenya: "no"},
    )
    issue = issues.define_issue(
        negotiation,
        by=actor_of(secretariat),
        slug="scope",
        title="Scope",
        provisions=[first],
        options=[{"label": "narrow", "value": 0}, {"label": "wide", "value": 100}],
        sources=SOURCE,
    )
    issues.set_capability(
        negotiation, by=actor_of(secretariat), delegation=kenya, value=2, sources=SOURCE
    )
    stances.record_stance(
        negotiation,
        by=actor_of(delegate),
        delegation=brazil,
        stance="support",
        issue=issue,
        position=30,
        salience=0.5,
        sources=SOURCE,
    )
    stances.record_stance(
        negotiation,
        by=actor_of(delegate),
        delegation=brazil,
        stance="amend",
        subject=Subject(provision=first),
        sources=SOURCE,
    )
    objection = objections.object_to_paragraph(
        negotiation,
        by=actor_of(other),
        delegation=kenya,
        subject=Subject(provision=second_paragraph),
        reason="Too wide.",
    )
    objections.withdraw_objection(objection, by=actor_of(chair), sources=SOURCE, note="Lifted.")

    # Participation.
    upcoming = sessions.create_session(
        negotiation,
        by=actor_of(secretariat),
        kind="substantive",
        number=9,
        title="Ninth session",
        start=now.date() + datetime.timedelta(days=20),
        end=now.date() + datetime.timedelta(days=29),
        city="Vienna",
        timezone="Europe/Vienna",
        mode="in_person",
        openness="open",
    )
    notifications.follow(actor_of(ngo), negotiation, "session", str(upcoming.pk))
    # The notice is long past: a stakeholder is added by the chair, and flagged late.
    agenda.set_arrangements(upcoming, by=actor_of(secretariat), advance_notice_hours=24 * 30)
    item = agenda.add_agenda_item(
        upcoming, by=actor_of(secretariat), number=1, title="General debate", provisions=[article]
    )
    registration.register_participant(
        upcoming,
        by=actor_of(delegate),
        name="A. Delegate",
        attendance="in_person",
        delegation=brazil,
    )
    registration.register_participant(
        upcoming, by=actor_of(ngo), name="N. Person", attendance="remote", organization=organization
    )
    floor.open_item(item, by=actor_of(chair))
    floor.put_under_discussion(item, by=actor_of(chair), provision=first)
    brazil_entry = speakers.request_floor(item, by=actor_of(delegate), delegation=brazil)
    kenya_entry = speakers.request_floor(item, by=actor_of(other), delegation=kenya)
    ngo_entry = speakers.request_floor(item, by=actor_of(chair), organization=organization)
    speakers.reorder_speakers(
        item, by=actor_of(chair), order=[kenya_entry.pk, brazil_entry.pk, ngo_entry.pk]
    )
    speakers.withdraw_request(kenya_entry, by=actor_of(other))
    speakers.call_next_speaker(item, by=actor_of(chair))
    speakers.call_next_speaker(item, by=actor_of(chair))
    brazil_entry.refresh_from_db()
    spoken = interventions.publish_statement(
        brazil_entry, by=actor_of(delegate), text="Brazil supports the draft.", provisions=[first]
    )
    interventions.attach_files(
        spoken, by=actor_of(delegate), files=[("notes.txt", b"Our notes.\n")]
    )
    interventions.submit_written_contribution(
        item, by=actor_of(ngo), organization=organization, text="We ask for safeguards."
    )
    floor.close_item(item, by=actor_of(chair))

    # Advocacy.
    coalition = coalitions.create_coalition(
        negotiation, by=actor_of(ngo), name="Caucus", sources=SOURCE
    )
    joined = coalitions.accept_invitation(
        coalitions.invite(coalition, by=actor_of(ngo), organization=listed), by=actor_of(member)
    )
    coalitions.change_role(coalition, joined, by=actor_of(ngo), role="admin")
    coalitions.change_role(coalition, joined, by=actor_of(ngo), role="member")
    red_line = red_lines.create_red_line(
        coalition,
        by=actor_of(ngo),
        title="Intent",
        criterion="Intent required.",
        provisions=[first],
    )
    notifications.follow(actor_of(ngo), negotiation, "red_line", str(red_line.pk))
    red_lines.assess(
        red_line, zero, by=actor_of(ngo), verdict="partly_met", reasoning="Half of it."
    )
    statement = statements.draft_statement(
        coalition,
        by=actor_of(ngo),
        kind="open_letter",
        title="Protect research",
        text="We call on States.",
        provisions=[first],
        session_ids=[upcoming.pk],
    )
    statements.reword_statement(statement, by=actor_of(ngo), text="We call on all States.")
    statements.open_for_signature(statement, by=actor_of(ngo))
    statements.sign_statement(statement, by=actor_of(ngo), organization=organization)
    statements.sign_statement(statement, by=actor_of(member), organization=listed)
    statements.withdraw_signature(statement, by=actor_of(member), organization=listed)
    statements.close_signature(statement, by=actor_of(ngo))
    statements.publish_statement(statement, by=actor_of(ngo))
    coalitions.remove_member(coalition, joined, by=actor_of(ngo))
    revised = versions.import_version(
        negotiation,
        by=actor_of(secretariat),
        lines=["Article 1. Purposes", "1. To prevent all cybercrime.", "2. To cooperate."],
        label="Revised draft",
        date=D(2023, 9, 1),
        published=True,
    )
    red_lines.flag_red_lines(revised)

    # The treaty's life.
    approval = adoption.record_approval(
        negotiation,
        by=actor_of(chair),
        symbol="A/AC.291/L.99",
        date=D(2024, 8, 8),
        method="consensus",
    )
    treaty = adoption.record_adoption(
        negotiation,
        by=actor_of(secretariat),
        title="Convention",
        symbol="A/RES/79/243",
        date=D(2024, 12, 24),
        method="without_vote",
        threshold=40,
        days_after_threshold=90,
        days_after_later_deposit=30,
        approved_by=approval,
    )
    adoption.open_for_signature(
        treaty,
        by=actor_of(secretariat),
        place="Hanoi",
        opens=D(2025, 10, 25),
        first_period_ends=D(2025, 10, 26),
        then_at="United Nations Headquarters, New York",
        closes=D(2026, 12, 31),
    )
    instruments.record_instrument(
        treaty,
        by=actor_of(secretariat),
        delegation=brazil,
        kind="signature",
        date=D(2025, 10, 25),
        sources=SOURCE,
    )
    instruments.record_national_step(
        treaty,
        by=actor_of(secretariat),
        delegation=brazil,
        date=D(2025, 11, 1),
        step="Sent to Congress",
        sources=SOURCE,
    )
    protocol = protocols.create_protocol(
        negotiation,
        by=actor_of(secretariat),
        slug="protocol-1",
        title="Protocol",
        short_title="Protocol",
        mandate="A/RES/80/1",
        open_to_parent_parties_only=False,
    )
    protocols.admit_to_protocol(protocol, by=actor_of(secretariat), state=kenya)

    # Notifications: read them, stop following.
    notifications.mark_read(actor_of(delegate))
    notifications.unfollow(actor_of(ngo), negotiation, "article", "art_1")


def _ids(world) -> dict[str, int]:
    return {
        name: getattr(world, name).pk
        for name in (
            "negotiation",
            "brazil",
            "kenya",
            "organization",
            "secretariat",
            "chair",
            "delegate",
            "other_delegate",
            "stakeholder",
            "open_session",
        )
    }


def test_every_write_service_stores_the_same_record_in_french_and_in_arabic(world):
    # The world's organization is accredited, so that it takes part.
    f.make_request(world.negotiation, world.organization, at=timezone.now())
    AccreditationRequest.objects.filter(organization=world.organization).update(status="admitted")
    ids = _ids(world)
    french = in_language("fr", lambda: every_write_service(ids))
    arabic = in_language("ar", lambda: every_write_service(ids))
    assert len(french) > 1000  # the scenario wrote a record to compare
    found = differences(french, arabic)
    assert not found, "stored in the language of the request:\n" + "\n".join(found)


def the_text_services(ids: dict[str, int]) -> None:
    """The text app's write services, as the table uses them."""
    from plenary.text.services import packages, submissions, working

    negotiation = Negotiation.objects.get(pk=ids["negotiation"])
    brazil = Delegation.objects.get(pk=ids["brazil"])
    kenya = Delegation.objects.get(pk=ids["kenya"])
    secretariat, chair, delegate, other = (
        User.objects.get(pk=ids[name])
        for name in ("secretariat", "chair", "delegate", "other_delegate")
    )
    deadline = roadmap.set_roadmap_deadline(
        negotiation, by=actor_of(secretariat), date=D(2030, 4, 8), chapters=["Procedural measures"]
    )
    offence = "Article 1. Illegal access\n1. Each State Party shall establish the offence."
    submissions.submit_text(
        deadline,
        by=actor_of(delegate),
        delegation=brazil,
        chapter="Procedural measures",
        text=offence,
    )
    submissions.allow_late_submissions(deadline, by=actor_of(secretariat), allowed=True)
    submissions.submit_text(
        deadline,
        by=actor_of(other),
        delegation=kenya,
        chapter="Procedural measures",
        text=offence.replace("shall", "may"),
        at=datetime.datetime(2030, 4, 20, 12, tzinfo=datetime.UTC),
    )
    submissions.consolidate_submissions(
        deadline,
        by=actor_of(chair),
        chapter="Procedural measures",
        label="Consolidated",
        date=D(2030, 5, 1),
    )
    informal = versions.import_version(
        negotiation,
        by=actor_of(secretariat),
        lines=["Article 1. Purposes", "1. One.", "2. Two.", "3. Three.", "4. Four."],
        label="Informal",
        date=D(2030, 6, 1),
    )
    versions.publish_version(informal, by=actor_of(secretariat))
    one, two, three, four = (
        f.provision_at(negotiation, f"art_1__para_{n}", informal) for n in (1, 2, 3, 4)
    )
    proposal = working.propose(
        negotiation,
        by=actor_of(delegate),
        delegation=brazil,
        provision=one,
        kind="replace",
        text="Un.",
    )
    working.cosponsor(proposal, by=actor_of(other), delegation=kenya)
    proposal.refresh_from_db()
    working.edit_proposal(
        proposal, by=actor_of(delegate), text="Uno.", expected_version=proposal.lock_version
    )
    working.withdraw(proposal, by=actor_of(delegate))
    working.set_status(negotiation, one, by=actor_of(chair), status="informally_agreed")
    first = packages.propose_package(
        negotiation, by=actor_of(chair), title="Purposes", provisions=[one, two]
    )
    packages.decide_package(first, by=actor_of(chair), accept=True)
    second = packages.propose_package(
        negotiation, by=actor_of(chair), title="Others", provisions=[three, four]
    )
    packages.put_package_to_vote(
        second, by=actor_of(chair), symbol="A/AC.1/V.1", date=D(2030, 7, 1), votes={brazil: "yes"}
    )
    packages.adopt_text(
        negotiation, by=actor_of(chair), symbol="A/AC.1/L.1", date=D(2030, 7, 2), method="consensus"
    )


def test_the_text_services_store_the_same_record_in_french_and_in_arabic(world):
    ids = _ids(world)
    french = in_language("fr", lambda: the_text_services(ids))
    arabic = in_language("ar", lambda: the_text_services(ids))
    found = differences(french, arabic)
    assert not found, "stored in the language of the request:\n" + "\n".join(found)
