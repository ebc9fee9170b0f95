"""Consensus map: who supports, who objects, and what blocks consensus, per provision."""

import time

import pytest

from plenary.analysis.consensus import ConsensusStatus, consensus_map
from plenary.analysis.stances import DelegationStance, Objection, Stance

PROVISIONS = ["art 1", "art 2", "art 3", "art 4", "art 5"]


def stance(delegation, provision, value):
    return DelegationStance(delegation=delegation, provision=provision, stance=value)


def hand_worked_map():
    stances = [
        # art 1: everyone supports -> consensus
        stance("Brazil", "art 1", "support"),
        stance("Kenya", "art 1", "support"),
        stance("Norway", "art 1", Stance.SUPPORT),
        # art 2: Kenya opposes -> blocked by Kenya
        stance("Brazil", "art 2", "support"),
        stance("Kenya", "art 2", "oppose"),
        # art 3: Norway supports but then formally objects -> the objection counts
        stance("Brazil", "art 3", "support"),
        stance("Norway", "art 3", "support"),
        # art 4: amendments and a reservation, nobody objects -> consensus
        stance("Brazil", "art 4", "amend"),
        stance("Kenya", "art 4", "reservation"),
        stance("Norway", "art 4", "silent"),
        # art 5: only silence -> no positions
        stance("Kenya", "art 5", "silent"),
    ]
    return consensus_map(PROVISIONS, stances, [Objection("Norway", "art 3")])


def test_it_finds_consensus_where_every_delegation_supports():
    entry = hand_worked_map().provisions[0]
    assert entry.status is ConsensusStatus.CONSENSUS
    assert entry.supporting == ["Brazil", "Kenya", "Norway"]
    assert entry.objecting == []


def test_it_names_the_delegation_whose_opposition_blocks_consensus():
    entry = hand_worked_map().provisions[1]
    assert entry.status is ConsensusStatus.BLOCKED
    assert entry.supporting == ["Brazil"]
    assert entry.objecting == ["Kenya"]


def test_it_lets_a_formal_objection_outweigh_the_same_delegations_support():
    entry = hand_worked_map().provisions[2]
    assert entry.status is ConsensusStatus.BLOCKED
    assert entry.supporting == ["Brazil"]
    assert entry.objecting == ["Norway"]


def test_it_does_not_treat_amendments_or_reservations_as_blocking():
    entry = hand_worked_map().provisions[3]
    assert entry.status is ConsensusStatus.CONSENSUS
    assert entry.amending == ["Brazil"]
    assert entry.reserving == ["Kenya"]
    assert entry.objecting == []


def test_it_says_no_positions_where_everyone_is_silent():
    entry = hand_worked_map().provisions[4]
    assert entry.status is ConsensusStatus.NO_POSITIONS
    assert entry.supporting == entry.objecting == []


def test_it_summarizes_provisions_without_objection():
    # art 1, art 4 and art 5 have no objection; art 2 and art 3 are blocked.
    result = hand_worked_map()
    assert result.summary == "3 of 5 provisions without objection"


def test_it_lists_what_each_objecting_delegation_blocks():
    assert hand_worked_map().blocked_by() == {"Kenya": ["art 2"], "Norway": ["art 3"]}


def test_it_keeps_the_provisions_in_the_order_given():
    order = [entry.provision for entry in hand_worked_map().provisions]
    assert order == PROVISIONS


def test_it_maps_193_delegations_by_60_provisions_well_within_200_ms():
    delegations = [f"member {d}" for d in range(193)]
    provisions = [f"paragraph {p}" for p in range(60)]
    words = list(Stance)
    stances = [
        stance(d, p, words[(i * 7 + j * 3) % len(words)])
        for i, d in enumerate(delegations)
        for j, p in enumerate(provisions)
    ]
    objections = [Objection(delegations[i], provisions[i % 60]) for i in range(0, 193, 5)]
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        result = consensus_map(provisions, stances, objections)
        timings.append(time.perf_counter() - start)
    assert result.total == 60
    assert min(timings) < 0.2


# -- validation ----------------------------------------------------------------------------


def test_it_rejects_a_stance_on_a_provision_not_given():
    with pytest.raises(ValueError, match="'art 9', which is not among the provisions"):
        consensus_map(PROVISIONS, [stance("Brazil", "art 9", "support")])


def test_it_rejects_an_objection_to_a_provision_not_given():
    with pytest.raises(ValueError, match="objects to 'art 9'"):
        consensus_map(PROVISIONS, [], [Objection("Brazil", "art 9")])


def test_it_rejects_a_word_that_is_not_a_stance():
    with pytest.raises(ValueError, match="'maybe' is not a stance; use one of: support"):
        consensus_map(PROVISIONS, [stance("Brazil", "art 1", "maybe")])


def test_it_rejects_two_different_stances_of_one_delegation_on_one_provision():
    stances = [stance("Brazil", "art 1", "support"), stance("Brazil", "art 1", "oppose")]
    with pytest.raises(ValueError, match="pass only its current stance"):
        consensus_map(PROVISIONS, stances)


def test_it_rejects_a_provision_listed_twice():
    with pytest.raises(ValueError, match="listed twice"):
        consensus_map(["art 1", "art 1"], [])
