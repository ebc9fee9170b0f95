"""One shared world for tests: a small negotiation and a person in every role."""

from dataclasses import dataclass

import pytest

from plenary.process.actors import Actor, actor_of
from plenary.process.models import Role
from plenary.process.models.participants import DelegationKind
from tests import factories as f


@pytest.fixture(autouse=True)
def fresh_cache():
    """Pages cache what they compute by the ids of the records behind it and by the state of
    the record; test databases reuse ids, and a test's rolled-back changes take the state back,
    so every test starts with an empty cache (and none of the pages kept in memory)."""
    from django.core.cache import cache

    from plenary.page_cache import _recent

    cache.clear()
    _recent.clear()


@pytest.fixture(autouse=True)
def english_unless_the_test_says_otherwise():
    """A request in another language leaves that language active in the test's thread (the
    locale middleware activates it and nothing deactivates it); each test starts in English."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"


@dataclass(frozen=True)
class Actors:
    """The world's people as the actors services take."""

    stakeholder: Actor
    delegate: Actor
    other_delegate: Actor
    observer_delegate: Actor
    secretariat: Actor
    chair: Actor


@dataclass
class World:
    negotiation: object
    brazil: object
    kenya: object
    holy_see: object
    bloc: object
    open_session: object
    closed_session: object
    deadline: object
    organization: object
    stakeholder: object
    delegate: object
    other_delegate: object
    observer_delegate: object
    secretariat: object
    chair: object

    @property
    def actors(self) -> Actors:
        """Each person as an actor, made from their account as it is now (a test may change a
        role or a delegation)."""
        return Actors(
            stakeholder=actor_of(self.stakeholder),
            delegate=actor_of(self.delegate),
            other_delegate=actor_of(self.other_delegate),
            observer_delegate=actor_of(self.observer_delegate),
            secretariat=actor_of(self.secretariat),
            chair=actor_of(self.chair),
        )


@pytest.fixture
def world(db) -> World:
    negotiation = f.make_negotiation(slug="test-ahc")
    brazil = f.make_delegation(negotiation, "BR", "Brazil")
    kenya = f.make_delegation(negotiation, "KE", "Kenya", region="Africa")
    holy_see = f.make_delegation(
        negotiation, "VA", "Holy See", kind=DelegationKind.OBSERVER_STATE, region="Europe"
    )
    bloc = f.make_bloc(negotiation, "african-group", [kenya], name="African Group")
    organization = f.make_organization(slug="digital-rights", name="Digital Rights Network")
    return World(
        negotiation=negotiation,
        brazil=brazil,
        kenya=kenya,
        holy_see=holy_see,
        bloc=bloc,
        open_session=f.make_session(negotiation, title="First session", number=1),
        closed_session=f.make_session(
            negotiation,
            kind="informal",
            number=None,
            title="Closed informals",
            openness="closed",
        ),
        deadline=f.make_deadline(negotiation),
        organization=organization,
        stakeholder=f.make_user("ngo", Role.STAKEHOLDER, organization=organization),
        delegate=f.make_user("delegate-br", Role.DELEGATION, delegation=brazil),
        other_delegate=f.make_user("delegate-ke", Role.DELEGATION, delegation=kenya),
        observer_delegate=f.make_user("delegate-va", Role.DELEGATION, delegation=holy_see),
        secretariat=f.make_user("secretariat", Role.SECRETARIAT),
        chair=f.make_user("chair", Role.CHAIR),
    )
