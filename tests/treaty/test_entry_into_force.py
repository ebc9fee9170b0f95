"""Entry into force from the treaty's own rule, on hand-worked cases and as a property."""

import ast
import datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from plenary.treaty.entry_into_force import Deposit, Rule, entry_into_force

D = datetime.date
FIRST_DAY = D(2026, 1, 1)
CYBERCRIME = Rule(threshold=40, days_after_threshold=90, days_after_later_deposit=30)


def ratifications(count, first=FIRST_DAY, kind="ratification"):
    """`count` States depositing one a day from `first`."""
    return [Deposit(f"S{n}", kind, first + datetime.timedelta(days=n)) for n in range(count)]


def test_39_instruments_do_not_bring_it_into_force():
    result = entry_into_force(ratifications(39), CYBERCRIME)
    assert result.date is None and not result.in_force_on(D(2100, 1, 1))
    assert (result.counted, result.threshold) == (39, 40)
    assert result.for_party == {}


def test_the_40th_brings_it_into_force_on_the_90th_day_after_its_deposit():
    deposits = ratifications(40)  # the 40th on 9 February 2026
    result = entry_into_force(deposits, CYBERCRIME)
    assert result.threshold_reached_on == D(2026, 2, 9)
    assert result.date == D(2026, 5, 10)  # 9 Feb + 90 days
    assert set(result.for_party.values()) == {D(2026, 5, 10)}


def test_it_is_in_force_from_its_date_not_before():
    result = entry_into_force(ratifications(40), CYBERCRIME)
    assert not result.in_force_on(D(2026, 5, 9))
    assert result.in_force_on(D(2026, 5, 10))


def test_signatures_do_not_count():
    deposits = [*ratifications(39), Deposit("X", "signature", D(2026, 1, 2))]
    assert entry_into_force(deposits, CYBERCRIME).counted == 39


def test_every_kind_of_consent_counts():
    kinds = ["ratification", "acceptance", "approval", "accession"]
    deposits = [
        Deposit(f"S{n}", kinds[n % 4], D(2026, 1, 1) + datetime.timedelta(days=n))
        for n in range(40)
    ]
    assert entry_into_force(deposits, CYBERCRIME).date == D(2026, 5, 10)


def test_the_european_union_is_not_counted_in_addition_to_its_members():
    deposits = [*ratifications(39), Deposit("EU", "approval", D(2026, 1, 5), reio=True)]
    result = entry_into_force(deposits, CYBERCRIME)
    assert result.date is None and result.counted == 39
    # Once in force, the organization is a party like the others, on the treaty's date.
    deposits.append(Deposit("S40", "ratification", D(2026, 3, 1)))
    result = entry_into_force(deposits, CYBERCRIME)
    assert result.date == D(2026, 5, 30)  # 1 March + 90 days
    assert result.for_party["EU"] == D(2026, 5, 30)


def test_a_rule_that_counts_organizations_counts_them():
    rule = Rule(
        threshold=40, days_after_threshold=90, days_after_later_deposit=30, reio_counted=True
    )
    deposits = [*ratifications(39), Deposit("EU", "approval", D(2026, 3, 1), reio=True)]
    assert entry_into_force(deposits, rule).date == D(2026, 5, 30)


def test_a_later_state_has_its_own_date_30_days_after_its_deposit():
    deposits = ratifications(40)  # in force on 10 May 2026
    deposits.append(Deposit("LATE", "accession", D(2026, 7, 1)))
    result = entry_into_force(deposits, CYBERCRIME)
    assert result.date == D(2026, 5, 10)
    assert result.for_party["LATE"] == D(2026, 7, 31)


def test_a_later_state_depositing_before_the_treaty_date_joins_on_the_treaty_date():
    deposits = ratifications(40)  # 40th on 9 February, in force on 10 May 2026
    deposits.append(Deposit("SOON", "ratification", D(2026, 3, 1)))  # + 30 = 31 March
    result = entry_into_force(deposits, CYBERCRIME)
    assert result.for_party["SOON"] == D(2026, 5, 10)


def test_several_instruments_deposited_the_same_day_all_count_from_that_day():
    # 38 deposited earlier, then three on the same day: the 40th is among them.
    deposits = ratifications(38) + [
        Deposit(code, "ratification", D(2026, 6, 1)) for code in ("X", "Y", "Z")
    ]
    result = entry_into_force(deposits, CYBERCRIME)
    assert result.counted == 41
    assert result.threshold_reached_on == D(2026, 6, 1)
    assert result.date == D(2026, 8, 30)
    assert {result.for_party[c] for c in ("X", "Y", "Z")} == {D(2026, 8, 30)}


def test_a_second_instrument_of_the_same_state_is_not_counted_again():
    deposits = [*ratifications(39), Deposit("S0", "accession", D(2026, 4, 1))]
    assert entry_into_force(deposits, CYBERCRIME).counted == 39


# A party is an organization of States or it is not: "EU" is one, the others are States.
deposit = st.builds(
    lambda party, kind, date: Deposit(party, kind, date, reio=party == "EU"),
    party=st.sampled_from([f"S{n}" for n in range(12)] + ["EU"]),
    kind=st.sampled_from(["signature", "ratification", "acceptance", "approval", "accession"]),
    date=st.dates(D(2025, 1, 1), D(2027, 12, 31)),
)
small_rule = st.builds(
    Rule,
    threshold=st.integers(1, 8),
    days_after_threshold=st.integers(0, 120),
    days_after_later_deposit=st.integers(0, 60),
    reio_counted=st.booleans(),
)


@given(st.lists(deposit, max_size=20), deposit, small_rule)
def test_a_newly_deposited_instrument_never_moves_any_date_earlier(deposits, new, rule):
    """Instruments arrive in time order: one deposited on or after the latest never brings the
    treaty's date, or any party's date, earlier (and never takes the treaty out of force)."""
    latest = max((d.date for d in deposits), default=new.date)
    new = Deposit(new.party, new.kind, max(new.date, latest), new.reio)
    before = entry_into_force(deposits, rule)
    after = entry_into_force([*deposits, new], rule)
    if before.date is not None:
        assert after.date == before.date
    for party, date in before.for_party.items():
        assert after.for_party[party] >= date


@given(st.lists(deposit, max_size=20), deposit, small_rule)
def test_any_added_instrument_never_delays_the_treaty(deposits, new, rule):
    """Recorded out of order (a past deposit entered late), an instrument may only bring the
    date earlier: more instruments never delay entry into force."""
    before = entry_into_force(deposits, rule)
    after = entry_into_force([*deposits, new], rule)
    if before.date is not None:
        assert after.date is not None and after.date <= before.date


def test_the_rule_module_imports_no_django_and_nothing_else_of_plenary():
    import plenary.treaty.entry_into_force as module

    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert imported == {"datetime", "collections.abc", "dataclasses"}
