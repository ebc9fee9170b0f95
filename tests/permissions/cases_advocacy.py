"""Permission cases for advocacy (coalitions, statements, sign-on, red lines, scorecards) and
notifications (inbox, follows). The world's stakeholder organization forms every coalition here,
so the stakeholder is the member and admin; everyone else is an outsider to them."""

import datetime

from plenary.advocacy.services.coalitions import accept_invitation, create_coalition, invite
from plenary.advocacy.services.red_lines import assess, create_red_line
from plenary.advocacy.services.statements import (
    draft_statement,
    open_for_signature,
    sign_statement,
)
from plenary.notifications.services import follow
from plenary.process.actors import actor_of
from plenary.process.models import Role
from plenary.text.services.versions import import_version
from tests import factories as f
from tests.advocacy.factories import admitted
from tests.permissions.common import ROLES, A, Case, N, everyone, only

MEMBER = ("stakeholder",)
FORMS = ("stakeholder", "delegate")  # organizations and delegations form coalitions
SIGNED_IN = ("stakeholder", "delegate", "secretariat", "chair")
# A statement's title is translated by its coalition's admins, the secretariat and the chair.
TRANSLATORS = only(("stakeholder", "secretariat", "chair"), 302, anon=401)


def members_only(status: int) -> dict[str, int]:
    """A private coalition's drafts and red lines: its member sees them, nobody else."""
    return only(MEMBER, status, anon=404, other=404)


def published(w, eid: str) -> str:
    """The id of the provision with this eId in the latest published version, as the pages'
    provision pickers send it."""
    latest = w.negotiation.versions.filter(published=True).order_by("-position").first()
    return str(f.provision_at(w.negotiation, eid, latest).pk)


def page(w, private=False) -> str:
    return f"{N}/coalitions/{(w.adv_private if private else w.adv_public).slug}"


def api(w, private=False) -> str:
    return f"{A}/coalitions/{(w.adv_private if private else w.adv_public).slug}"


CASES = [
    Case("coalitions", "GET", lambda w: f"{N}/coalitions/", everyone(200)),
    Case(
        "coalition-create",
        "POST",
        lambda w: f"{N}/coalitions/new/",
        only(FORMS, 302, anon=401),
        data=lambda w: {"name": "Open Internet Caucus"},
    ),
    Case("coalition", "GET", lambda w: f"{page(w)}/", everyone(200)),
    Case("coalition", "GET", lambda w: f"{page(w, True)}/", everyone(200), label="private"),
    Case(
        "coalition-invite",
        "POST",
        lambda w: f"{page(w)}/invitations/",
        only(MEMBER, 302, anon=401),
        data=lambda w: {"party": w.adv_organization.slug, "role": "member"},
    ),
    # The world's delegation (Brazil) is invited: only its own people answer.
    Case(
        "coalition-invitation-accept",
        "POST",
        lambda w: f"{page(w)}/invitations/{w.adv_invitation.pk}/accept/",
        only(("delegate",), 302, anon=401),
    ),
    Case(
        "coalition-invitation-decline",
        "POST",
        lambda w: f"{page(w)}/invitations/{w.adv_invitation.pk}/decline/",
        only(("delegate",), 302, anon=401),
    ),
    Case(
        "coalition-invitation-withdraw",
        "POST",
        lambda w: f"{page(w)}/invitations/{w.adv_invitation.pk}/withdraw/",
        only(MEMBER, 302, anon=401),
    ),
    Case(
        "coalition-leave",
        "POST",
        lambda w: f"{page(w)}/leave/",
        only(MEMBER, 302, anon=401),
    ),
    Case(
        "coalition-member-role",
        "POST",
        lambda w: f"{page(w)}/members/{w.adv_member.pk}/role/",
        only(MEMBER, 302, anon=401),
        data=lambda w: {"role": "admin"},
    ),
    Case(
        "coalition-member-remove",
        "POST",
        lambda w: f"{page(w)}/members/{w.adv_member.pk}/remove/",
        only(MEMBER, 302, anon=401),
    ),
    Case(
        "statement-create",
        "POST",
        lambda w: f"{page(w)}/statements/",
        only(MEMBER, 302, anon=401),
        data=lambda w: {
            "kind": "open_letter",
            "title": "Letter",
            "text": "We write.",
            "provisions": published(w, "art_1__para_1"),
        },
    ),
    Case(
        "red-line-create",
        "POST",
        lambda w: f"{page(w)}/red-lines/",
        only(MEMBER, 302, anon=401),
        data=lambda w: {
            "title": "Scope",
            "criterion": "Narrow.",
            "provisions": published(w, "art_1__para_1"),
        },
    ),
    Case("scorecard", "GET", lambda w: f"{page(w)}/scorecard/", everyone(200)),
    Case(
        "scorecard",
        "GET",
        lambda w: f"{page(w, True)}/scorecard/",
        members_only(200),
        label="private",
    ),
    Case("statement", "GET", lambda w: f"{N}/statements/{w.adv_open.pk}/", everyone(200)),
    Case(
        "statement",
        "GET",
        lambda w: f"{N}/statements/{w.adv_private_draft.pk}/",
        members_only(200),
        label="private draft",
    ),
    Case(
        "statement-reword",
        "POST",
        lambda w: f"{N}/statements/{w.adv_draft.pk}/reword/",
        only(MEMBER, 302, anon=401),
        data=lambda w: {"text": "Reworded.", "lock_version": 1},
    ),
    Case(
        "statement-reword",
        "POST",
        lambda w: f"{N}/statements/{w.adv_private_draft.pk}/reword/",
        members_only(302),
        data=lambda w: {"text": "Reworded.", "lock_version": 1},
        label="private draft",
    ),
    Case(
        "statement-translate",
        "POST",
        lambda w: f"{N}/statements/{w.adv_open.pk}/translate/",
        TRANSLATORS | {"anon": 401},
        data=lambda w: {"language": "fr", "title": "Ouvert à la signature"},
    ),
    Case(
        "statement-status",
        "POST",
        lambda w: f"{N}/statements/{w.adv_draft.pk}/status/",
        only(MEMBER, 302, anon=401),
        data=lambda w: {"action": "open"},
    ),
    Case(
        "statement-sign",
        "POST",
        lambda w: f"{N}/statements/{w.adv_open.pk}/sign/",
        only(MEMBER, 302, anon=401),
    ),
    Case(
        "statement-withdraw",
        "POST",
        lambda w: f"{N}/statements/{w.adv_signed.pk}/withdraw/",
        only(MEMBER, 302, anon=401),
    ),
    Case(
        "statement-csv",
        "GET",
        lambda w: f"{N}/statements/{w.adv_signed.pk}/signatories.csv",
        everyone(200),
    ),
    Case(
        "statement-pdf",
        "GET",
        lambda w: f"{N}/statements/{w.adv_private_draft.pk}/pdf/",
        members_only(200),
    ),
    Case("red-line", "GET", lambda w: f"{N}/red-lines/{w.adv_red_line.pk}/", everyone(200)),
    Case(
        "red-line",
        "GET",
        lambda w: f"{N}/red-lines/{w.adv_private_red_line.pk}/",
        members_only(200),
        label="private",
    ),
    Case(
        "red-line-assess",
        "POST",
        lambda w: f"{N}/red-lines/{w.adv_red_line.pk}/assess/",
        only(MEMBER, 302, anon=401),
        data=lambda w: {"version": w.adv_version.pk, "verdict": "met", "reasoning": "Narrow."},
    ),
    # A delegation's public coalition assesses an informal draft: the red line is public, the
    # assessment is not; only the delegation may assess that draft, nobody else may see it.
    Case(
        "red-line",
        "GET",
        lambda w: f"{N}/red-lines/{w.adv_table_red_line.pk}/",
        everyone(200),
        label="assessed on an informal draft",
    ),
    Case(
        "red-line-assess",
        "POST",
        lambda w: f"{N}/red-lines/{w.adv_table_red_line.pk}/assess/",
        {"anon": 404, "stakeholder": 404, "delegate": 302, "secretariat": 403, "chair": 403},
        data=lambda w: {"version": w.adv_informal.pk, "verdict": "met", "reasoning": "Narrow."},
        label="informal draft",
    ),
    Case("inbox", "GET", lambda w: "/inbox/", only(SIGNED_IN, 200, anon=302)),
    Case("inbox-read", "POST", lambda w: "/inbox/read/", only(SIGNED_IN, 302, anon=401)),
    Case(
        "follow",
        "POST",
        lambda w: f"{N}/follow/",
        only(SIGNED_IN, 302, anon=401),
        data=lambda w: {"kind": "paragraph", "key": "art_1__para_1", "next": "/inbox/"},
    ),
    Case(
        "unfollow",
        "POST",
        lambda w: f"{N}/unfollow/",
        only(SIGNED_IN, 302, anon=401),
        data=lambda w: {"kind": "paragraph", "key": str(w.adv_followed.pk)},
    ),
    # The API.
    Case("api:inbox", "GET", lambda w: "/api/inbox", only(SIGNED_IN, 200, anon=401), api=True),
    Case(
        "api:mark_read",
        "POST",
        lambda w: "/api/inbox/read",
        only(SIGNED_IN, 200, anon=401),
        data=lambda w: {"ids": None},
        api=True,
    ),
    Case(
        "api:list_follows",
        "GET",
        lambda w: f"{A}/follows",
        only(SIGNED_IN, 200, anon=401),
        api=True,
    ),
    Case(
        "api:make_follow",
        "POST",
        lambda w: f"{A}/follows",
        only(SIGNED_IN, 201, anon=401),
        data=lambda w: {"kind": "paragraph", "key": "art_1__para_1"},
        api=True,
    ),
    Case(
        "api:make_follow",
        "POST",
        lambda w: f"{A}/follows",
        members_only(201) | {"anon": 401},
        data=lambda w: {"kind": "red_line", "key": str(w.adv_private_red_line.pk)},
        api=True,
        label="private red line",
    ),
    Case(
        "api:stop_following",
        "DELETE",
        lambda w: f"{A}/follows/paragraph/{w.adv_followed.pk}",
        only(SIGNED_IN, 204, anon=401),
        api=True,
    ),
    Case("api:list_coalitions", "GET", lambda w: f"{A}/coalitions", everyone(200), api=True),
    Case(
        "api:make_coalition",
        "POST",
        lambda w: f"{A}/coalitions",
        only(FORMS, 201, anon=401),
        data=lambda w: {"name": "Open Internet Caucus"},
        api=True,
    ),
    Case("api:coalition_detail", "GET", lambda w: api(w), everyone(200), api=True),
    Case(
        "api:add_member",
        "POST",
        lambda w: f"{api(w)}/members",
        only(MEMBER, 201, anon=401),
        data=lambda w: {"organization": w.adv_organization.slug},
        api=True,
    ),
    Case(
        "api:change_member_role",
        "PUT",
        lambda w: f"{api(w)}/members/{w.adv_member.pk}",
        only(MEMBER, 200, anon=401),
        data=lambda w: {"role": "admin"},
        api=True,
    ),
    Case(
        "api:remove_member",
        "DELETE",
        lambda w: f"{api(w)}/members/{w.adv_member.pk}",
        only(MEMBER, 204, anon=401),
        api=True,
    ),
    Case("api:list_statements", "GET", lambda w: f"{A}/statements", everyone(200), api=True),
    Case(
        "api:make_statement",
        "POST",
        lambda w: f"{api(w)}/statements",
        only(MEMBER, 201, anon=401),
        data=lambda w: {"kind": "joint_statement", "title": "Joint", "text": "We call."},
        api=True,
    ),
    Case(
        "api:statement_detail",
        "GET",
        lambda w: f"{A}/statements/{w.adv_open.pk}",
        everyone(200),
        api=True,
    ),
    Case(
        "api:statement_detail",
        "GET",
        lambda w: f"{A}/statements/{w.adv_private_draft.pk}",
        members_only(200),
        api=True,
        label="private draft",
    ),
    Case(
        "api:reword_statement",
        "POST",
        lambda w: f"{A}/statements/{w.adv_draft.pk}/wording",
        only(MEMBER, 201, anon=401),
        data=lambda w: {"text": "Reworded.", "lock_version": 1},
        api=True,
    ),
    Case(
        "api:translate_statement",
        "PUT",
        lambda w: f"{A}/statements/{w.adv_open.pk}/translations/fr",
        only(("stakeholder", "secretariat", "chair"), 200, anon=401),
        data=lambda w: {"title": "Ouvert à la signature"},
        api=True,
    ),
    Case(
        "api:move_statement",
        "POST",
        lambda w: f"{A}/statements/{w.adv_draft.pk}/status",
        only(MEMBER, 200, anon=401),
        data=lambda w: {"action": "open"},
        api=True,
    ),
    Case(
        "api:list_signatures",
        "GET",
        lambda w: f"{A}/statements/{w.adv_signed.pk}/signatures",
        everyone(200),
        api=True,
    ),
    Case(
        "api:sign_statement",
        "POST",
        lambda w: f"{A}/statements/{w.adv_open.pk}/signatures",
        only(MEMBER, 201, anon=401),
        api=True,
    ),
    Case(
        "api:withdraw_signature",
        "POST",
        lambda w: f"{A}/statements/{w.adv_signed.pk}/signatures/withdraw",
        only(MEMBER, 200, anon=401),
        api=True,
    ),
    Case("api:list_red_lines", "GET", lambda w: f"{A}/red-lines", everyone(200), api=True),
    Case(
        "api:make_red_line",
        "POST",
        lambda w: f"{api(w)}/red-lines",
        only(MEMBER, 201, anon=401),
        data=lambda w: {"title": "Scope", "criterion": "Narrow.", "eids": ["art_1__para_1"]},
        api=True,
    ),
    Case(
        "api:red_line_detail",
        "GET",
        lambda w: f"{A}/red-lines/{w.adv_red_line.pk}",
        everyone(200),
        api=True,
    ),
    Case(
        "api:red_line_detail",
        "GET",
        lambda w: f"{A}/red-lines/{w.adv_private_red_line.pk}",
        members_only(200),
        api=True,
        label="private",
    ),
    Case(
        "api:red_line_detail",
        "GET",
        lambda w: f"{A}/red-lines/{w.adv_table_red_line.pk}",
        everyone(200),
        api=True,
        label="assessed on an informal draft",
    ),
    Case(
        "api:assess_red_line",
        "POST",
        lambda w: f"{A}/red-lines/{w.adv_table_red_line.pk}/assessments",
        {"anon": 401, "stakeholder": 404, "delegate": 201, "secretariat": 403, "chair": 403},
        data=lambda w: {"version": w.adv_informal.pk, "verdict": "met", "reasoning": "Narrow."},
        api=True,
        label="informal draft",
    ),
    Case(
        "api:assess_red_line",
        "POST",
        lambda w: f"{A}/red-lines/{w.adv_red_line.pk}/assessments",
        only(MEMBER, 201, anon=401),
        data=lambda w: {"version": w.adv_version.pk, "verdict": "met", "reasoning": "Narrow."},
        api=True,
    ),
    Case(
        "api:coalition_scorecard",
        "GET",
        lambda w: f"{api(w)}/scorecard",
        everyone(200),
        api=True,
    ),
    Case(
        "api:coalition_scorecard",
        "GET",
        lambda w: f"{api(w, True)}/scorecard",
        members_only(200),
        api=True,
        label="private",
    ),
]


def prepare(world) -> None:
    """Two coalitions of the world's stakeholder organization, one private, with statements at
    each stage and red lines; a published text to link them to; a follow for every person."""
    # The same wording the foundation cases use, so the paragraphs they name exist either way.
    world.adv_version = import_version(
        world.negotiation,
        by=world.actors.secretariat,
        lines=["Article 1. Purposes", "1. To combat cybercrime.", "2. To cooperate."],
        label="Advocacy draft",
        date=datetime.date(2023, 5, 1),
        published=True,
    )
    world.adv_paragraph, world.adv_followed = (
        f.provision_at(world.negotiation, eid, world.adv_version)
        for eid in ("art_1__para_1", "art_1__para_2")
    )
    # Organizations act in a negotiation once admitted to it.
    admitted(world.negotiation, world.organization)
    world.adv_organization = admitted(
        world.negotiation, f.make_organization(name="Joining Network")
    )
    world.adv_public = create_coalition(
        world.negotiation, by=world.actors.stakeholder, name="Public"
    )
    leaving = admitted(world.negotiation, f.make_organization(name="Leaving"))
    world.adv_member = accept_invitation(
        invite(world.adv_public, by=world.actors.stakeholder, organization=leaving),
        by=actor_of(f.make_user("leaving-ngo", Role.STAKEHOLDER, organization=leaving)),
    )
    world.adv_invitation = invite(
        world.adv_public, by=world.actors.stakeholder, delegation=world.brazil
    )
    world.adv_private = create_coalition(
        world.negotiation, by=world.actors.stakeholder, name="Private", private=True
    )

    def draft(coalition, title):
        return draft_statement(
            coalition,
            by=world.actors.stakeholder,
            kind="joint_statement",
            title=title,
            text="We call on States.",
            provisions=[world.adv_paragraph],
        )

    world.adv_draft = draft(world.adv_public, "Public draft")
    world.adv_private_draft = draft(world.adv_private, "Private draft")
    world.adv_open = draft(world.adv_public, "Open for sign-on")
    open_for_signature(world.adv_open, by=world.actors.stakeholder)
    world.adv_signed = draft(world.adv_public, "Signed")
    open_for_signature(world.adv_signed, by=world.actors.stakeholder)
    sign_statement(world.adv_signed, by=world.actors.stakeholder, organization=world.organization)
    world.adv_red_line = create_red_line(
        world.adv_public,
        by=world.actors.stakeholder,
        title="Scope",
        criterion="Narrow.",
        provisions=[world.adv_paragraph],
    )
    world.adv_private_red_line = create_red_line(
        world.adv_private,
        by=world.actors.stakeholder,
        title="Scope",
        criterion="Narrow.",
        provisions=[world.adv_paragraph],
    )
    # A delegation's public coalition and its assessment of an informal draft.
    world.adv_informal = import_version(
        world.negotiation,
        by=world.actors.secretariat,
        lines=["Article 1. Purposes", "1. To combat cybercrime.", "2. To cooperate secretly."],
        label="Advocacy informal",
        date=datetime.date(2023, 5, 2),
    )
    table = create_coalition(world.negotiation, by=world.actors.delegate, name="Table")
    world.adv_table_red_line = create_red_line(
        table,
        by=world.actors.delegate,
        title="Scope",
        criterion="Narrow.",
        provisions=[world.adv_paragraph],
    )
    assess(
        world.adv_table_red_line,
        world.adv_informal,
        by=world.actors.delegate,
        verdict="not_met",
        reasoning="Secret cooperation.",
        quoted_wording="To cooperate secretly.",
    )
    for role in ROLES[1:]:
        user = {
            "stakeholder": world.stakeholder,
            "delegate": world.delegate,
            "secretariat": world.secretariat,
            "chair": world.chair,
        }[role]
        follow(actor_of(user), world.negotiation, "paragraph", str(world.adv_followed.pk))
