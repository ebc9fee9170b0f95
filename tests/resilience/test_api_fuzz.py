"""The API never fails: schemathesis generates requests from the whole OpenAPI schema (valid
and invalid ones) and sends them over real HTTP to a live server holding the reference scenario,
as the public, a delegation and the secretariat. No answer may be a server error, and every
answer must conform to the schema (a 4xx says what is wrong in `{"detail": ...}`)."""

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
)

from plenary.process.models import Role, User
from plenary.text.services.packages import propose_package
from plenary.text.services.versions import import_version
from plenary.text.services.working import propose
from tests import factories as f
from tests.resilience.conftest import REPORT

# Examples per operation and caller (PLENARY_FUZZ_EXAMPLES=200 for a deeper run); the exports
# render a whole document per request.
EXAMPLES = int(os.environ.get("PLENARY_FUZZ_EXAMPLES", "8"))
SLOW_EXAMPLES = max(2, EXAMPLES // 6)
SLOW = ("/pdf", "/docx", "/akn", "/package-search", "/consolidate")
CALLERS = ("public", "delegation", "secretariat")
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


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
    secretariat = User.objects.get(username="secretariat")
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
        by=delegate,
        delegation=brazil,
        eid="art_1__para_1",
        kind="alternative",
        text="To prevent and combat cybercrime.",
    )
    propose_package(
        table,
        by=User.objects.get(username="chair"),
        title="Purposes",
        eids=["art_1__para_1", "art_1__para_2"],
    )
    negotiations = [ahc, table]
    return {
        "headers": {
            "public": {},
            "delegation": {"Authorization": f"Bearer {f.token_for(delegate)}"},
            "secretariat": {"Authorization": f"Bearer {f.token_for(secretariat)}"},
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
        },
    }


def _strategy(operation, known: dict[str, list]):
    """Generated cases, most of them with path parameters that name real records."""
    names = [p.name for p in operation.path_parameters]
    real = st.fixed_dictionaries({n: st.sampled_from(known[n]) for n in names if known.get(n)})
    return st.one_of(
        real.flatmap(lambda p: operation.as_strategy(path_parameters=p)),
        real.flatmap(lambda p: operation.as_strategy(GenerationMode.NEGATIVE, path_parameters=p)),
        operation.as_strategy(),
    )


def _fuzz(operation, base_url: str, headers: dict, known: dict, examples: int) -> tuple[int, list]:
    """Run generated cases of one operation as one caller; return how many and what failed."""
    ran, failed = 0, []

    @given(case=_strategy(operation, known))
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
        try:
            case.call_and_validate(
                base_url=base_url,
                headers=headers,
                checks=CHECKS,
                additional_checks=[detail_on_client_errors],
                timeout=30,
            )
        except (FailureGroup, AssertionError) as failure:
            failed.append(str(failure))

    call()
    return ran, failed


def test_the_api_never_fails(live_server, fuzz_world, record_property, caplog):
    caplog.set_level(logging.ERROR, logger="django.request")  # every refusal is logged
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/openapi.json")
    failures: list[str] = []
    cases = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        examples = SLOW_EXAMPLES if operation.path.endswith(SLOW) else EXAMPLES
        for caller in CALLERS:
            ran, failed = _fuzz(
                operation,
                live_server.url,
                fuzz_world["headers"][caller],
                fuzz_world["paths"],
                examples,
            )
            cases += ran
            failures += [f"{caller}: {operation.label}: {failure}" for failure in failed]
    record_property("api_cases", cases)
    REPORT.append(
        f"API property-based tests ({connection.vendor}): {cases} cases, {len(failures)} failures"
    )
    assert failures == [], "\n".join(failures[:20])
