"""A deployment's data moves from eIds to provisions without loss: data is built on the schema
before provisions (as the old code left it, including a consolidation that renumbered the text),
the migrations run, and every reference lands on the right provision."""

import datetime

import pytest
from django.utils import timezone

from plenary.text.parsing import parse_draft
from plenary.text.structure import Outline
from tests.migrating import migrate, migrate_to_the_latest

BEFORE = [
    ("text", "0006_version_label_translations"),
    ("positions", "0006_objection_illustrative"),
    ("advocacy", "0002_statement_title_translations"),
    ("participation", "0004_one_pending_entry_per_speaker"),
    ("notifications", "0003_notification_languages"),
]

ZERO = [
    "Preamble",
    "The States Parties to this Convention,",
    "Chapter I. General provisions",
    "Article 1. Purposes",
    "1. To prevent cybercrime.",
    "Chapter II. Criminalization",
    "Article 7. Illegal access",
    "1. Access without right.",
    "2. A State Party may require dishonest intent.",
    "Article 8. Illegal interception",
    "Interception without right.",
]
# What the old consolidation made of it: every article renumbered from 1, so that art_2 is now
# "Illegal access" and art_3 "Illegal interception"; the old eIds name other paragraphs.
RENUMBERED = [
    "Preamble",
    "The States Parties to this Convention,",
    "Chapter I. General provisions",
    "Article 1. Purposes",
    "1. To prevent cybercrime.",
    "Chapter II. Criminalization",
    "Article 2. Illegal access",
    "1. Access without right.",
    "2. A State Party may require dishonest intent.",
    "Article 3. Illegal interception",
    "Interception without right.",
    "Chapter III. Jurisdiction",
    "Article 4. Jurisdiction",
    "Territory.",
]


def old_content(lines):
    """A version's content as the code before provisions stored it (no provision ids)."""
    from plenary.text.structure import content_from_parsed, walk_parts

    content = content_from_parsed(parse_draft(lines))
    for _kind, node in walk_parts(content):
        node.pop("provision", None)
    return content




@pytest.fixture
def old_schema(transactional_db):
    apps = migrate(BEFORE)
    yield apps
    migrate_to_the_latest()


def test_every_reference_lands_on_the_provision_it_was_made_on(old_schema):
    apps = old_schema
    model = apps.get_model
    now = timezone.now()
    t0, t1, t2 = (now - datetime.timedelta(days=d) for d in (30, 20, 10))
    negotiation = model("process", "Negotiation").objects.create(
        slug="old",
        title="Old committee",
        short_title="Old",
        mandate="A/RES/1/1",
        body="Ad Hoc Committee",
        secretariat="UNODC",
        decision_rule="Consensus.",
    )
    delegation = model("process", "Delegation").objects.create(
        negotiation=negotiation, iso2="BR", name="Brazil", kind="member_state", region="Americas"
    )
    Version = model("text", "Version")
    zero = Version.objects.create(
        negotiation=negotiation,
        label="Zero draft",
        date=datetime.date(2023, 6, 1),
        position=1,
        published=True,
        content=old_content(ZERO),
    )
    renumbered = Version.objects.create(
        negotiation=negotiation,
        label="CND",
        date=datetime.date(2023, 7, 1),
        position=2,
        content=old_content(RENUMBERED),
    )
    Version.objects.filter(pk=zero.pk).update(created_at=t0)
    Version.objects.filter(pk=renumbered.pk).update(created_at=t1)
    # Made while the zero draft was the text: art_8__p_1 was "Illegal interception".
    stance = model("positions", "Stance").objects.create(
        negotiation=negotiation,
        delegation=delegation,
        eid="art_8__p_1",
        stance="oppose",
        sources=[{"symbol": "X/1"}],
    )
    model("positions", "Stance").objects.filter(pk=stance.pk).update(
        recorded_at=t0 + datetime.timedelta(days=1)
    )
    objection = model("positions", "Objection").objects.create(
        negotiation=negotiation, delegation=delegation, eid="art_7__para_2", reason="Too broad."
    )
    model("positions", "Objection").objects.filter(pk=objection.pk).update(
        objected_at=t0 + datetime.timedelta(days=1)
    )
    # Made after the renumbering: art_2__para_1 is then "Illegal access", paragraph 1.
    proposal = model("text", "Proposal").objects.create(
        negotiation=negotiation,
        eid="art_2__para_1",
        kind="replace",
        text="Access.",
        delegation=delegation,
    )
    model("text", "Proposal").objects.filter(pk=proposal.pk).update(made_at=t2)
    package = model("text", "Package").objects.create(
        negotiation=negotiation, title="Access", eids=["art_2__para_1", "art_2__para_2"]
    )
    model("text", "Package").objects.filter(pk=package.pk).update(created_at=t2)
    model("text", "ParagraphState").objects.create(
        negotiation=negotiation, eid="art_4__p_1", status="informally_agreed"
    )
    model("positions", "Issue").objects.create(
        negotiation=negotiation,
        slug="scope",
        title="Scope",
        eids=["art_3__p_1"],
        illustrative=True,
    )
    coalition = model("advocacy", "Coalition").objects.create(
        negotiation=negotiation, slug="c", name="C"
    )
    red_line = model("advocacy", "RedLine").objects.create(
        coalition=coalition, title="Research", criterion="Protected.", eids=["art_7__para_1"]
    )
    model("advocacy", "RedLine").objects.filter(pk=red_line.pk).update(
        created_at=t0 + datetime.timedelta(days=1)
    )
    session = model("process", "Session").objects.create(
        negotiation=negotiation,
        kind="substantive",
        number=1,
        title="First",
        start=datetime.date(2023, 8, 1),
        end=datetime.date(2023, 8, 10),
        city="New York",
        timezone="America/New_York",
        mode="in_person",
        openness="open",
    )
    model("participation", "AgendaItem").objects.create(
        session=session,
        number=1,
        title="Criminalization",
        eids=["chp_2", "preamble"],
        under_discussion="art_3__p_1",
        opened_at=t2,
    )
    user = model("process", "User").objects.create(username="reader", role="secretariat")
    follow = model("notifications", "Follow").objects.create(
        user=user, negotiation=negotiation, kind="article", key="art_8"
    )
    model("notifications", "Follow").objects.filter(pk=follow.pk).update(
        created_at=t0 + datetime.timedelta(days=2)
    )

    migrate([("text", "0009_provisions_required")])
    migrate_to_the_latest()

    from plenary.advocacy.models import RedLine
    from plenary.notifications.models import Follow
    from plenary.participation.models import AgendaItem
    from plenary.positions.models import Issue, Objection, Stance
    from plenary.text.models import Package, ParagraphState, Proposal, Version

    latest = Outline(Version.objects.get(label="CND").content)

    def named(provision):
        """Where a provision stands in the renumbered text, by article title and place."""
        part = latest.get(provision)
        article = latest.get(part.article) if part and part.article else None
        return (article.title if article else None, part.kind, part.text or part.title)

    assert named(Stance.objects.get().provision_id) == (
        "Illegal interception",
        "paragraph",
        "Interception without right.",
    )
    assert named(Objection.objects.get().provision_id) == (
        "Illegal access",
        "paragraph",
        "A State Party may require dishonest intent.",
    )
    assert named(Proposal.objects.get().provision_id) == (
        "Illegal access",
        "paragraph",
        "Access without right.",
    )
    assert Proposal.objects.get().made_on.label == "CND"
    assert sorted(named(p.pk)[2] for p in Package.objects.get().provisions.all()) == [
        "A State Party may require dishonest intent.",
        "Access without right.",
    ]
    assert named(ParagraphState.objects.get().provision_id)[2] == "Territory."
    assert [named(p.pk)[2] for p in Issue.objects.get().provisions.all()] == [
        "Interception without right."
    ]
    assert [named(p.pk)[2] for p in RedLine.objects.get().provisions.all()] == [
        "Access without right."
    ]
    agenda = AgendaItem.objects.get()
    assert sorted(named(p.pk)[2] for p in agenda.provisions.all()) == [
        "Criminalization",
        "The States Parties to this Convention,",
    ]
    assert named(agenda.under_discussion_id)[2] == "Interception without right."
    followed = Follow.objects.get()
    assert named(followed.provision_id) == (
        "Illegal interception",
        "article",
        "Illegal interception",
    )
    assert followed.key == str(followed.provision_id)
    # The two versions share the provisions they have in common, whatever their numbers.
    zero = Outline(Version.objects.get(label="Zero draft").content)
    by_title = {p.title: p.provision for p in zero.of_kind("article")}
    assert {p.title: p.provision for p in latest.of_kind("article") if p.title in by_title} == (
        by_title
    )
