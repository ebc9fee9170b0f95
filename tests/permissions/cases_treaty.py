"""Permission cases for the treaty after adoption: the public status page and API, and the
secretariat's and chair's record of instruments and national steps."""

from tests.permissions.common import PROCESS, A, Case, N, everyone, only
from tests.treaty import factories as tf

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
    Case("api:treaty_status", "GET", lambda w: f"{A}/treaty", everyone(200), api=True),
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
    """The adopted treaty these cases act on."""
    world.treaty = tf.make_treaty(world.negotiation)
