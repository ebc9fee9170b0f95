"""Recording the treaty's life after adoption through its services."""

import datetime

import pytest

from plenary.audit.models import AuditEntry
from plenary.decisions.models import Decision
from plenary.errors import Conflict, InvalidInput, NotAllowed, NotSignedIn
from plenary.process.actors import actor_of
from plenary.treaty.entry_into_force import CONSENT_KINDS
from plenary.treaty.models import Instrument, InstrumentKind
from plenary.treaty.services import adoption, instruments, protocols
from tests.treaty import factories as tf

D = datetime.date
HANOI = D(2025, 10, 25)


@pytest.fixture
def treaty(world):
    return tf.make_treaty(world.negotiation)


def sign(treaty, by, delegation, date=HANOI):
    return instruments.record_instrument(
        treaty,
        by=actor_of(by),
        delegation=delegation,
        kind="signature",
        date=date,
        sources=tf.SOURCE,
    )


def test_the_consent_kinds_are_the_instrument_kinds_other_than_signature():
    assert set(InstrumentKind.values) - {"signature"} == CONSENT_KINDS


def test_it_records_the_adoption_as_a_decision_linked_to_the_treaty(world):
    approval = adoption.record_approval(
        world.negotiation,
        by=world.actors.chair,
        symbol="A/AC.291/L.99",
        date=D(2024, 8, 8),
        method="consensus",
        sources=[{"symbol": "A/AC.291/L.99"}],
    )
    treaty = adoption.record_adoption(
        world.negotiation,
        by=world.actors.secretariat,
        title="Convention against Cybercrime",
        symbol="A/RES/79/243",
        date=D(2024, 12, 24),
        method="without_vote",
        threshold=40,
        days_after_threshold=90,
        days_after_later_deposit=30,
        approved_by=approval,
        sources=[{"symbol": "A/RES/79/243"}],
    )
    resolution = Decision.objects.get(symbol="A/RES/79/243")
    assert treaty.adopted_by == resolution and treaty.approved_by == approval
    assert (resolution.body, resolution.date, resolution.method) == (
        "General Assembly",
        D(2024, 12, 24),
        "without_vote",
    )
    assert approval.body == world.negotiation.body
    assert AuditEntry.objects.filter(action="treaty.adopted").count() == 1
    with pytest.raises(Conflict, match="already recorded"):
        adoption.record_adoption(
            world.negotiation,
            by=world.actors.secretariat,
            title="Again",
            symbol="A/RES/79/999",
            date=D(2024, 12, 24),
            method="without_vote",
            threshold=40,
            days_after_threshold=90,
            days_after_later_deposit=30,
        )


def test_the_committees_adoption_of_the_final_text_is_its_approval(world):
    from plenary.text.services.packages import adopt_text
    from plenary.text.services.versions import import_version

    import_version(
        world.negotiation,
        by=world.actors.secretariat,
        lines=["Article 1. Purposes", "1. To combat cybercrime."],
        label="Final draft",
        date=D(2024, 8, 1),
        published=True,
    )
    final = adopt_text(
        world.negotiation,
        by=world.actors.chair,
        symbol="A/AC.291/L.1",
        date=D(2024, 8, 8),
        method="consensus",
    ).final
    treaty = adoption.record_adoption(
        world.negotiation,
        by=world.actors.secretariat,
        title="Convention",
        symbol="A/RES/79/1",
        date=D(2024, 12, 24),
        method="without_vote",
        threshold=40,
        days_after_threshold=90,
        days_after_later_deposit=30,
    )
    assert treaty.approved_by == final.adopted_by
    assert treaty.approved_by.body == world.negotiation.body


def test_an_adoption_by_recorded_vote_keeps_each_states_vote(world):
    treaty = adoption.record_adoption(
        world.negotiation,
        by=world.actors.chair,
        title="Convention",
        symbol="A/RES/80/1",
        date=D(2025, 1, 10),
        method="recorded_vote",
        votes={world.brazil: "yes", world.kenya: "abstain"},
        threshold=3,
        days_after_threshold=30,
        days_after_later_deposit=30,
    )
    votes = dict(treaty.adopted_by.votes.values_list("delegation__iso2", "vote"))
    assert votes == {"BR": "yes", "KE": "abstain"}


def test_only_the_secretariat_or_the_chair_record_instruments(world, treaty):
    with pytest.raises(NotSignedIn):
        sign(treaty, None, world.brazil)
    for person in (world.stakeholder, world.delegate):
        with pytest.raises(NotAllowed):
            sign(treaty, person, world.brazil)
    assert sign(treaty, world.secretariat, world.brazil).kind == "signature"
    assert treaty.instruments.count() == 1


def test_a_state_signs_once(world, treaty):
    sign(treaty, world.secretariat, world.brazil)
    with pytest.raises(Conflict, match="Brazil already signed the treaty, on 2025-10-25"):
        sign(treaty, world.chair, world.brazil, D(2025, 11, 3))
    assert treaty.instruments.count() == 1


def test_a_signature_falls_within_the_signature_period(world, treaty):
    with pytest.raises(InvalidInput, match="open for signature from 2025-10-25 to 2026-12-31"):
        sign(treaty, world.secretariat, world.brazil, D(2025, 10, 24))
    treaty.signature_opens = None
    treaty.save()
    with pytest.raises(InvalidInput, match="not been opened for signature"):
        sign(treaty, world.secretariat, world.brazil)


def test_no_instrument_is_dated_before_the_adoption_or_in_the_future(world, treaty):
    with pytest.raises(InvalidInput, match="before the treaty's adoption on 2024-12-24"):
        instruments.record_instrument(
            treaty,
            by=world.actors.secretariat,
            delegation=world.kenya,
            kind="accession",
            date=D(2024, 12, 1),
        )
    with pytest.raises(InvalidInput, match="in the future"):
        instruments.record_instrument(
            treaty,
            by=world.actors.secretariat,
            delegation=world.kenya,
            kind="accession",
            date=D(2999, 1, 1),
        )
    assert not Instrument.objects.exists()


def test_a_signatory_ratifies_and_a_non_signatory_accedes(world, treaty):
    with pytest.raises(InvalidInput, match="without a signature it joins by accession"):
        instruments.record_instrument(
            treaty,
            by=world.actors.secretariat,
            delegation=world.brazil,
            kind="ratification",
            date=D(2026, 2, 1),
        )
    sign(treaty, world.secretariat, world.brazil)
    with pytest.raises(InvalidInput, match="accession is for States that did not sign"):
        instruments.record_instrument(
            treaty,
            by=world.actors.secretariat,
            delegation=world.brazil,
            kind="accession",
            date=D(2026, 2, 1),
        )
    with pytest.raises(InvalidInput, match="before Brazil signed"):
        instruments.record_instrument(
            treaty,
            by=world.actors.secretariat,
            delegation=world.brazil,
            kind="ratification",
            date=D(2025, 1, 1),
        )
    ratified = instruments.record_instrument(
        treaty,
        by=world.actors.secretariat,
        delegation=world.brazil,
        kind="ratification",
        date=D(2026, 2, 1),
        declarations="Central authority: the Ministry of Justice.",
    )
    assert ratified.declarations == "Central authority: the Ministry of Justice."
    with pytest.raises(Conflict, match="already deposited its instrument of ratification"):
        instruments.record_instrument(
            treaty,
            by=world.actors.secretariat,
            delegation=world.brazil,
            kind="approval",
            date=D(2026, 3, 1),
        )


def test_an_instrument_without_its_own_source_cites_the_depositary_record(world, treaty):
    instrument = instruments.record_instrument(
        treaty,
        by=world.actors.secretariat,
        delegation=world.kenya,
        kind="accession",
        date=D(2026, 1, 5),
    )
    assert instrument.sources == treaty.depositary_record and not instrument.illustrative
    entry = AuditEntry.objects.get(action="treaty.instrument_recorded")
    assert entry.after["kind"] == "accession" and entry.actor == world.secretariat
    treaty.depositary_record = []
    treaty.save()
    with pytest.raises(InvalidInput, match="needs its source"):
        instruments.record_instrument(
            treaty,
            by=world.actors.secretariat,
            delegation=world.brazil,
            kind="accession",
            date=D(2026, 1, 5),
        )
    example = instruments.record_instrument(
        treaty,
        by=world.actors.secretariat,
        delegation=world.brazil,
        kind="accession",
        date=D(2026, 1, 5),
        illustrative=True,
    )
    assert example.illustrative and example.sources == []


def test_the_status_counts_signatories_parties_and_what_is_still_needed(world, treaty):
    tf.make_instrument(treaty, world.brazil, "signature", D(2025, 10, 25))
    tf.make_instrument(treaty, world.brazil, "ratification", D(2026, 2, 1))
    tf.make_instrument(treaty, world.kenya, "accession", D(2026, 3, 1), illustrative=True)
    status = instruments.treaty_status(treaty)
    assert (status.signatures, status.parties, status.illustrative_instruments) == (1, 2, 1)
    assert status.entry_into_force.date is None and status.still_needed == 38


def test_the_status_computes_entry_into_force_from_the_treatys_rule(world, treaty):
    states = tf.make_states(world.negotiation, 40)
    for n, state in enumerate(states):
        tf.make_instrument(treaty, state, "accession", D(2026, 1, 1) + datetime.timedelta(n))
    tf.make_instrument(treaty, tf.make_eu(world.negotiation), "accession", D(2025, 12, 1))
    status = instruments.treaty_status(treaty)
    assert status.parties == 41 and status.entry_into_force.counted == 40
    assert status.entry_into_force.date == D(2026, 5, 10)


def test_it_records_national_steps_with_their_source(world, treaty):
    step = instruments.record_national_step(
        treaty,
        by=world.actors.secretariat,
        delegation=world.kenya,
        date=D(2026, 4, 14),
        step="Parliamentary approval",
        sources=[{"url": "https://parliament.example/act"}],
    )
    assert treaty.national_steps.get() == step
    with pytest.raises(Conflict, match="already recorded"):
        instruments.record_national_step(
            treaty,
            by=world.actors.secretariat,
            delegation=world.kenya,
            date=D(2026, 4, 14),
            step="Parliamentary approval",
            sources=[{"url": "https://parliament.example/act"}],
        )
    with pytest.raises(InvalidInput, match="needs its source"):
        instruments.record_national_step(
            treaty,
            by=world.actors.secretariat,
            delegation=world.kenya,
            date=D(2026, 5, 1),
            step="Cabinet approval",
        )
    with pytest.raises(NotAllowed):
        instruments.record_national_step(
            treaty,
            by=world.actors.delegate,
            delegation=world.brazil,
            date=D(2026, 5, 1),
            step="Cabinet approval",
            illustrative=True,
        )


def test_the_signature_terms_follow_each_other_after_adoption(world, treaty):
    with pytest.raises(InvalidInput, match="before its adoption"):
        adoption.open_for_signature(
            treaty,
            by=world.actors.secretariat,
            place="Hanoi",
            opens=D(2024, 1, 1),
            first_period_ends=D(2024, 1, 2),
            then_at="New York",
            closes=D(2026, 12, 31),
        )
    adoption.open_for_signature(
        treaty,
        by=world.actors.secretariat,
        place="Hanoi",
        opens=D(2025, 10, 25),
        first_period_ends=D(2025, 10, 26),
        then_at="New York",
        closes=D(2026, 12, 31),
        expected_version=treaty.lock_version,
    )
    treaty.refresh_from_db()
    assert (treaty.signature_place, treaty.signature_closes) == ("Hanoi", D(2026, 12, 31))
    assert AuditEntry.objects.filter(action="treaty.opened_for_signature").count() == 1


@pytest.fixture
def protocol(world, treaty):
    return protocols.create_protocol(
        world.negotiation,
        by=world.actors.secretariat,
        slug="test-protocol",
        title="Protocol supplementary to the Convention",
        short_title="Protocol",
        mandate="A/RES/79/243",
        open_to_parent_parties_only=True,
    )


def test_a_protocol_is_a_child_negotiation(world, protocol):
    assert protocol.parent == world.negotiation
    assert list(world.negotiation.protocols.all()) == [protocol]
    assert protocol.body == world.negotiation.body


def test_a_protocol_open_to_parties_refuses_a_state_that_is_not_a_party(world, treaty, protocol):
    tf.make_instrument(treaty, world.brazil, "signature", D(2025, 10, 25))
    with pytest.raises(NotAllowed, match=r"open only to parties to .*Brazil is not a party"):
        protocols.admit_to_protocol(protocol, by=world.actors.secretariat, state=world.brazil)
    assert not protocol.delegations.exists()
    tf.make_instrument(treaty, world.brazil, "ratification", D(2026, 2, 1))
    seated = protocols.admit_to_protocol(protocol, by=world.actors.secretariat, state=world.brazil)
    assert (seated.negotiation, seated.iso2) == (protocol, "BR")
    with pytest.raises(Conflict, match="already takes part"):
        protocols.admit_to_protocol(protocol, by=world.actors.secretariat, state=world.brazil)


def test_a_protocol_open_to_all_seats_any_state_of_the_parent(world, protocol):
    protocol.open_to_parent_parties_only = False
    protocol.save()
    assert (
        protocols.admit_to_protocol(protocol, by=world.actors.chair, state=world.kenya).iso2 == "KE"
    )
    with pytest.raises(NotAllowed):
        protocols.admit_to_protocol(protocol, by=world.actors.delegate, state=world.brazil)
