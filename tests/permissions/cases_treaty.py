"""Permission cases for the treaty after adoption: the public status page and API, and the
secretariat's and chair's record of the adoption, the opening for signature, instruments,
national steps and protocols."""

from plenary.treaty.services import protocols
from tests import factories as f
from tests.permissions.common import PROCESS, A, Case, N, everyone, only
from tests.treaty import factories as tf

# A negotiation whose text is not adopted yet, and a protocol to the test negotiation.
U = "/n/unadopted"
P = "/n/test-protocol"
ADOPTION = {
    "title": "Convention",
    "symbol": "A/RES/99/1",
    "body": "General Assembly",
    "date": "2024-12-24",
    "method": "without_vote",
    "threshold": 40,
    "days_after_threshold": 90,
    "days_after_later_deposit": 30,
}
OPENING = {
    "place": "Hanoi",
    "opens": "2025-10-25",
    "first_period_ends": "2025-10-26",
    "then_at": "United Nations Headquarters, New York",
    "closes": "2026-12-31",
}
PROTOCOL = {
    "slug": "second-protocol",
    "title": "Second additional protocol",
    "short_title": "Second protocol",
    "mandate": "A/RES/99/2",
}

SOURCE = {"source_symbol": "C.N.1.2026.TREATIES-XVIII.16"}

CASES = [
    Case("treaty", "GET", lambda w: f"{N}/treaty/", everyone(200)),
    Case(
        "treaty-instrument-create",
        "GET",
        lambda w: f"{N}/treaty/instruments/new/",
        only(PROCESS, 200, anon=302),
    ),
    Case(
        "treaty-instrument-create",
        "POST",
        lambda w: f"{N}/treaty/instruments/new/",
        only(PROCESS, 302, anon=401),
        data=lambda w: (
            {"delegation": w.kenya.pk, "kind": "signature", "date": "2025-10-25"} | SOURCE
        ),
    ),
    Case(
        "treaty-national-step-create",
        "GET",
        lambda w: f"{N}/treaty/national-steps/new/",
        only(PROCESS, 200, anon=302),
    ),
    Case(
        "treaty-national-step-create",
        "POST",
        lambda w: f"{N}/treaty/national-steps/new/",
        only(PROCESS, 302, anon=401),
        data=lambda w: {"delegation": w.kenya.pk, "date": "2026-04-14", "step": "Cabinet"} | SOURCE,
    ),
    Case(
        "treaty-adoption-create",
        "GET",
        lambda w: f"{N}/treaty/adoption/new/",
        only(PROCESS, 200, anon=302),
    ),
    Case(
        "treaty-adoption-create",
        "POST",
        lambda w: f"{U}/treaty/adoption/new/",
        only(PROCESS, 302, anon=401),
        data=lambda w: ADOPTION,
    ),
    Case(
        "treaty-signature", "GET", lambda w: f"{N}/treaty/signature/", only(PROCESS, 200, anon=302)
    ),
    Case(
        "treaty-signature",
        "POST",
        lambda w: f"{N}/treaty/signature/",
        only(PROCESS, 302, anon=401),
        data=lambda w: OPENING | {"lock_version": w.treaty.lock_version},
    ),
    Case("protocol-create", "GET", lambda w: f"{N}/protocols/new/", only(PROCESS, 200, anon=302)),
    Case(
        "protocol-create",
        "POST",
        lambda w: f"{N}/protocols/new/",
        only(PROCESS, 302, anon=401),
        data=lambda w: PROTOCOL,
    ),
    Case(
        "protocol-admit",
        "GET",
        lambda w: f"{P}/protocol/delegations/new/",
        only(PROCESS, 200, anon=302),
    ),
    Case(
        "protocol-admit",
        "POST",
        lambda w: f"{P}/protocol/delegations/new/",
        only(PROCESS, 302, anon=401),
        data=lambda w: {"delegation": w.kenya.pk},
    ),
    Case("api:treaty_status", "GET", lambda w: f"{A}/treaty", everyone(200), api=True),
    Case(
        "api:record_treaty_adoption",
        "POST",
        lambda w: "/api/negotiations/unadopted/treaty",
        only(PROCESS, 201, anon=401),
        data=lambda w: ADOPTION,
        api=True,
    ),
    Case(
        "api:open_treaty_for_signature",
        "PUT",
        lambda w: f"{A}/treaty/signature",
        only(PROCESS, 200, anon=401),
        data=lambda w: {
            "place": "Hanoi",
            "opens": "2025-10-25",
            "until": "2025-10-26",
            "closes": "2026-12-31",
            "lock_version": w.treaty.lock_version,
        },
        api=True,
    ),
    Case(
        "api:create_protocol",
        "POST",
        lambda w: f"{A}/protocols",
        only(PROCESS, 201, anon=401),
        data=lambda w: PROTOCOL,
        api=True,
    ),
    Case(
        "api:admit_to_protocol",
        "POST",
        lambda w: "/api/negotiations/test-protocol/protocol/delegations",
        only(PROCESS, 201, anon=401),
        data=lambda w: {"state": "KE"},
        api=True,
    ),
    Case(
        "api:record_treaty_instrument",
        "POST",
        lambda w: f"{A}/treaty/instruments",
        only(PROCESS, 201, anon=401),
        data=lambda w: {"state": "KE", "kind": "accession", "date": "2026-01-05"},
        api=True,
    ),
]


def prepare(world) -> None:
    """The adopted treaty these cases act on, a negotiation not adopted yet, and a protocol."""
    world.treaty = tf.make_treaty(world.negotiation)
    f.make_negotiation(slug="unadopted")
    protocols.create_protocol(
        world.negotiation,
        by=world.actors.secretariat,
        slug="test-protocol",
        title="Additional protocol",
        short_title="Protocol",
        mandate="A/RES/99/3",
        open_to_parent_parties_only=False,
    )
