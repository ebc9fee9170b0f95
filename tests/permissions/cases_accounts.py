"""Permission cases for accounts and each person's work: signing up, invitations and passwords
(open to anyone holding the link), the secretariat's people, a focal point's delegation."""

from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from plenary.process.models import Role
from plenary.process.services.accounts import invitation_token, invite_person
from tests import factories as f
from tests.permissions.common import PROCESS, Case, everyone, only

SIGNED_IN = ("stakeholder", "delegate", "secretariat", "chair")
# The world's Brazilian delegate is its delegation's focal point here.
MANAGES_MEMBER = ("delegate", *PROCESS)


def _uid(person) -> str:
    return urlsafe_base64_encode(force_bytes(person.pk))


CASES = [
    Case("my-work", "GET", lambda w: "/my-work/", only(SIGNED_IN, 200, anon=302)),
    # The world holds a protocol beside its negotiation: the page offers both.
    Case("sign-up-choose", "GET", lambda w: "/accounts/sign-up/", everyone(200)),
    Case(
        "sign-up",
        "GET",
        lambda w: "/n/test-ahc/accreditation/sign-up/",
        only(("anon",), 200, anon=200, other=302),
    ),
    Case(
        "sign-up",
        "POST",
        lambda w: "/n/test-ahc/accreditation/sign-up/",
        everyone(302),
        data=lambda w: {
            "name": "Signing Network",
            "slug": "signing-network",
            "kind": "ngo",
            "username": "signing-ngo",
            "email": "contact@signing.example",
            "password": "a-long-new-password-7",
            "password_again": "a-long-new-password-7",
        },
    ),
    Case(
        "welcome",
        "GET",
        lambda w: f"/accounts/welcome/{_uid(w.acc_invited)}/{invitation_token(w.acc_invited)}/",
        everyone(200),
    ),
    Case(
        "welcome",
        "POST",
        lambda w: f"/accounts/welcome/{_uid(w.acc_invited)}/{invitation_token(w.acc_invited)}/",
        everyone(302),
        data=lambda w: {
            "password": "a-long-new-password-7",
            "password_again": "a-long-new-password-7",
        },
    ),
    Case("password-reset", "GET", lambda w: "/accounts/password-reset/", everyone(200)),
    Case(
        "password-reset",
        "POST",
        lambda w: "/accounts/password-reset/",
        everyone(302),
        data=lambda w: {"email": "member@brazil.example"},
    ),
    Case("password-reset-done", "GET", lambda w: "/accounts/password-reset/sent/", everyone(200)),
    Case(
        "password-reset-confirm",
        "GET",
        lambda w: f"/accounts/reset/{_uid(w.acc_member)}/not-a-token/",
        everyone(200),
        label="expired link",
    ),
    Case("password-reset-complete", "GET", lambda w: "/accounts/reset/done/", everyone(200)),
    Case("people", "GET", lambda w: "/people/", only(PROCESS, 200, anon=302)),
    Case(
        "people",
        "POST",
        lambda w: "/people/",
        only(PROCESS, 302, anon=401),
        data=lambda w: {
            "username": "new-officer",
            "email": "officer@un.example",
            "role": "secretariat",
        },
    ),
    Case("person", "GET", lambda w: f"/people/{w.acc_member.pk}/", only(PROCESS, 200, anon=302)),
    Case(
        "person-role",
        "POST",
        lambda w: f"/people/{w.acc_member.pk}/role/",
        only(PROCESS, 302, anon=401),
        data=lambda w: {"role": "delegation", "delegation": w.kenya.pk},
    ),
    Case(
        "person-deactivate",
        "POST",
        lambda w: f"/people/{w.acc_member.pk}/deactivate/",
        only(MANAGES_MEMBER, 302, anon=401),
    ),
    Case(
        "person-reactivate",
        "POST",
        lambda w: f"/people/{w.acc_removed.pk}/reactivate/",
        only(MANAGES_MEMBER, 302, anon=401),
    ),
    Case(
        "person-reinvite",
        "POST",
        lambda w: f"/people/{w.acc_member.pk}/reinvite/",
        only(MANAGES_MEMBER, 302, anon=401),
    ),
    Case(
        "person-enrollment",
        "POST",
        lambda w: f"/people/{w.acc_officer.pk}/enrollment-code/",
        only(PROCESS, 200, anon=401),
    ),
    Case(
        "delegation-members", "GET", lambda w: "/my-delegation/", only(("delegate",), 200, anon=302)
    ),
    Case(
        "delegation-members",
        "POST",
        lambda w: "/my-delegation/",
        only(("delegate",), 302, anon=401),
        data=lambda w: {"username": "br-adviser", "email": "adviser@brazil.example"},
    ),
]


def prepare(world) -> None:
    """A focal point for Brazil, a member of its delegation, one it removed, one invited who has
    not opened the account yet, and a second member of the secretariat."""
    world.delegate.focal_point = True
    world.delegate.save(update_fields=["focal_point"])
    world.acc_member = f.make_user(
        "br-member", Role.DELEGATION, delegation=world.brazil, email="member@brazil.example"
    )
    world.acc_removed = f.make_user(
        "br-former", Role.DELEGATION, delegation=world.brazil, is_active=False
    )
    world.acc_invited = invite_person(
        by=world.actors.secretariat,
        username="br-invited",
        email="invited@brazil.example",
        role=Role.DELEGATION,
        delegation=world.brazil,
    )
    world.acc_officer = f.make_user("officer-two", Role.SECRETARIAT)
