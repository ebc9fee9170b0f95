"""The API never fails: schemathesis generates requests from the whole OpenAPI schema (valid
and invalid ones) and sends them over real HTTP to a live server holding the reference scenario,
as the public, a stakeholder, a delegation and the secretariat. No answer may be a server
error, and every answer must be one the schema declares: its status code, its content type and
its body (every operation declares its refusals as `{"detail": "..."}`, so refusals are checked
as strictly as successes). Path parameters name real records of every kind most of the time, so
that the generated requests reach past the 404 of an unknown id."""

import datetime
import logging
import os

import pytest
import schemathesis
from django.db import connection
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from plenary.advocacy.models import Coalition, RedLine, Statement
from plenary.notifications.models import Follow
from plenary.notifications.services import follow
from plenary.participation.models import AgendaItem, SpeakerEntry
from plenary.process.actors import actor_of
from plenary.process.models import Role, User
from plenary.text.services.packages import propose_package
from plenary.text.services.versions import import_version
from plenary.text.services.working import propose
from tests import factories as f
from tests.factories import provision_at
from tests.participation.factories import make_agenda_item, make_speaker, make_upcoming_session
from tests.resilience.conftest import REPORT

# Examples per operation and caller (PLENARY_FUZZ_EXAMPLES=200 for a deeper run); the exports
# render a whole document per request.
EXAMPLES = int(os.environ.get("PLENARY_FUZZ_EXAMPLES", "8"))
SLOW_EXAMPLES = max(2, EXAMPLES // 6)
SLOW = ("/pdf", "/docx", "/akn", "/package-search", "/consolidate")
CALLERS = ("public", "stakeholder", "delegation", "secretariat")
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def detail_on_client_errors(ctx, response, case):
    """A refusal says what is wrong, as `{"detail": ...}`."""
    if 400 <= response.status_code < 500:
        try:
            body = response.json()
        except ValueError:
            body = response.text[:200]
        assert isinstance(body, dict) and "detail" in body, (
            f"{response.status_code} without a detail: {body!r}"
        )


@pytest.fixture
def fuzz_world(transactional_db):
    """The reference scenario, plus a negotiation whose text is still being negotiated (the
    scenario's is adopted), with a proposal and a package, so that ids in paths are real."""
    from plenary.scenarios.loader import load_scenario

    ahc = load_scenario("cybercrime-ahc")
    table = f.make_negotiation(slug="table")
    brazil = f.make_delegation(table, "BR", "Brazil")
    f.make_delegation(table, "KE", "Kenya", region="Africa")
    f.make_session(table, title="First session", number=1)
    f.make_deadline(table)
    secretariat = actor_of(User.objects.get(username="secretariat"))
    delegate = f.make_user("table-delegate-br", Role.DELEGATION, delegation=brazil)
    import_version(
        table,
        by=secretariat,
        label="Zero draft",
        date=datetime.date(2023, 6, 1),
        lines=["Article 1. Purposes", "1. To prevent cybercrime.", "2. To cooperate."],
    )
    propose(
        table,
        by=actor_of(delegate),
        delegation=brazil,
        provision=provision_at(table, "art_1__para_1"),
        kind="alternative",
        text="To prevent and combat cybercrime.",
    )
    propose_package(
        table,
        by=actor_of(User.objects.get(username="chair")),
        title="Purposes",
        provisions=[provision_at(table, "art_1__para_1"), provision_at(table, "art_1__para_2")],
    )
    upcoming = make_upcoming_session(table, title="Second session", number=2)
    make_speaker(make_agenda_item(upcoming), delegation=brazil)
    stakeholder = User.objects.get(username="ngo-digital-rights")
    session = ahc.sessions.first()
    follow(actor_of(delegate), table, "paragraph", "art_1__para_1")
    follow(actor_of(stakeholder), ahc, "session", str(session.pk))
    red_line = RedLine.objects.first()
    follow(actor_of(stakeholder), ahc, "red_line", str(red_line.pk))
    negotiations = [ahc, table]
    follows = Follow.objects.select_related("negotiation")
    return {
        "headers": {
            "public": {},
            "stakeholder": {"Authorization": f"Bearer {f.token_for(stakeholder)}"},
            "delegation": {"Authorization": f"Bearer {f.token_for(delegate)}"},
            "secretariat": {"Authorization": f"Bearer {f.token_for(secretariat.user)}"},
        },
        "paths": {
            "slug": [n.slug for n in negotiations],
            "session_id": [s.pk for n in negotiations for s in n.sessions.all()],
            "deadline_id": [d.pk for n in negotiations for d in n.roadmap.all()],
            "request_id": [r.pk for r in ahc.accreditation_requests.all()],
            "version_id": [v.pk for n in negotiations for v in n.versions.all()],
            "proposal_id": [p.pk for p in table.proposals.all()],
            "package_id": [p.pk for p in table.packages.all()],
            "symbol": list(ahc.decisions.values_list("symbol", flat=True)),
            "item_id": list(AgendaItem.objects.values_list("pk", flat=True)),
            "speaker_id": list(SpeakerEntry.objects.values_list("pk", flat=True)),
            "statement_id": list(Statement.objects.values_list("pk", flat=True)),
            "coalition": list(Coalition.objects.values_list("slug", flat=True)),
            "red_line_id": list(RedLine.objects.values_list("pk", flat=True)),
            "kind": sorted({follow.kind for follow in follows}),
            "key": sorted({follow.key for follow in follows}),
        },
        # Parameters that belong together (a speaker of an item of a session of a negotiation).
        "related": [
            *[
                {
                    "slug": speaker.agenda_item.session.negotiation.slug,
                    "session_id": speaker.agenda_item.session_id,
                    "item_id": speaker.agenda_item_id,
                    "speaker_id": speaker.pk,
                }
                for speaker in SpeakerEntry.objects.select_related(
                    "agenda_item__session__negotiation"
                )
            ],
            *[
                {
                    "slug": item.session.negotiation.slug,
                    "session_id": item.session_id,
                    "item_id": item.pk,
                }
                for item in AgendaItem.objects.select_related("session__negotiation")
            ],
            *[
                {"slug": n.slug, "statement_id": pk}
                for n in negotiations
                for pk in Statement.objects.filter(coalition__negotiation=n).values_list(
                    "pk", flat=True
                )
            ],
            *[
                {"slug": n.slug, "red_line_id": pk}
                for n in negotiations
                for pk in RedLine.objects.filter(coalition__negotiation=n).values_list(
                    "pk", flat=True
                )
            ],
            *[
                {"slug": c.negotiation.slug, "coalition": c.slug}
                for c in Coalition.objects.select_related("negotiation")
            ],
            *[
                {"slug": follow.negotiation.slug, "kind": follow.kind, "key": follow.key}
                for follow in follows
            ],
        ],
    }


def _strategy(operation, known: dict[str, list], related: list[dict]):
    """Generated cases, most of them with path parameters that name real records (and, where
    the parameters belong together, records that belong together)."""
    names = [p.name for p in operation.path_parameters]
    real = st.fixed_dictionaries({n: st.sampled_from(known[n]) for n in names if known.get(n)})
    together = sorted(
        {tuple((n, row[n]) for n in names) for row in related if set(names) <= set(row)}
    )
    if together and len(names) > 1:
        real = st.one_of(st.sampled_from(together).map(dict), real)
    return st.one_of(
        real.flatmap(lambda p: operation.as_strategy(path_parameters=p)),
        real.flatmap(lambda p: operation.as_strategy(GenerationMode.NEGATIVE, path_parameters=p)),
        operation.as_strategy(),
    )


def _fuzz(
    operation, base_url: str, headers: dict, world: dict, examples: int
) -> tuple[int, list, set]:
    """Run generated cases of one operation as one caller; return how many, what failed and
    the statuses answered."""
    ran, failed, statuses = 0, [], set()

    @given(case=_strategy(operation, world["paths"], world["related"]))
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def call(case):
        nonlocal ran
        ran += 1
        response = case.call(base_url=base_url, headers=headers, timeout=30)
        statuses.add(response.status_code)
        try:
            case.validate_response(
                response,
                checks=CHECKS,
                additional_checks=[detail_on_client_errors],
                headers=headers,
            )
        except (FailureGroup, AssertionError) as failure:
            failed.append(str(failure))

    call()
    return ran, failed, statuses


def test_the_api_never_fails(live_server, fuzz_world, record_property, caplog, settings):
    caplog.set_level(logging.ERROR, logger="django.request")  # every refusal is logged
    # Thousands of calls from one address: the limits (tested on their own) would answer most
    # of them 429 before the operation is reached.
    settings.RATE_LIMITS = {
        scope: dict.fromkeys(rates, "100000/m") for scope, rates in settings.RATE_LIMITS.items()
    }
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/openapi.json")
    failures: list[str] = []
    cases = operations = 0
    only_not_found: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        examples = SLOW_EXAMPLES if operation.path.endswith(SLOW) else EXAMPLES
        answered: set[int] = set()
        for caller in CALLERS:
            ran, failed, statuses = _fuzz(
                operation,
                live_server.url,
                fuzz_world["headers"][caller],
                fuzz_world,
                examples,
            )
            cases += ran
            answered |= statuses
            failures += [f"{caller}: {operation.label}: {failure}" for failure in failed]
        if answered <= {404}:
            only_not_found.append(operation.label)
    record_property("api_cases", cases)
    REPORT.append(
        f"API property-based tests ({connection.vendor}): {operations} operations, {cases} "
        f"cases, {len(failures)} failures (server errors, or a status, content type or body "
        "the schema does not declare)"
    )
    assert failures == [], "\n".join(failures[:20])
    # Every operation got past "not found" at least once: the ids it was given were real.
    assert only_not_found == [], only_not_found
