"""Limits: the sign-in lock-out counts per account and real client address, believing
X-Forwarded-For only from the proxies we trust, so that nobody locks the chair out from behind
the proxy and a rotating header defeats nothing; rates per address and per account on sign-in,
every anonymous POST, uploads and the analysis endpoints answer 429 with Retry-After."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory

from plenary.client_address import client_address
from plenary.rate_limits import rate_limited
from tests.security.test_sign_in import LOGIN, PASSWORD

PROXY = "10.0.0.5"
ATTACKER, CHAIR_OFFICE = "203.0.113.7", "198.51.100.9"


def address(remote: str, forwarded: str | None = None) -> str:
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **meta))


def test_it_reads_the_client_address_only_from_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = []
    assert address(ATTACKER, "1.2.3.4") == ATTACKER  # a client's header is not believed
    settings.TRUSTED_PROXIES = [PROXY, "10.1.0.0/16"]
    assert address(PROXY, ATTACKER) == ATTACKER
    # What the client wrote stands left of what our proxy appended, and is never read.
    assert address(PROXY, f"1.2.3.4, {ATTACKER}") == ATTACKER
    # Through two proxies we trust.
    assert address(PROXY, f"1.2.3.4, {ATTACKER}, 10.1.2.3") == ATTACKER
    assert address(PROXY, "not-an-address") == PROXY
    assert address(PROXY) == PROXY
    assert address("2001:db8::1", "1.2.3.4") == "2001:db8::1"


def fail_to_sign_in(client: Client, username: str, times: int, **meta) -> list[int]:
    return [
        client.post(LOGIN, {"username": username, "password": "wrong"}, **meta).status_code
        for _ in range(times)
    ]


def test_behind_a_proxy_nobody_locks_the_chair_out_from_elsewhere(world, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    attacker, chair = Client(REMOTE_ADDR=PROXY), Client(REMOTE_ADDR=PROXY)
    statuses = fail_to_sign_in(attacker, "chair", 6, HTTP_X_FORWARDED_FOR=ATTACKER)
    assert statuses[-1] == 429  # locked: the chair's name from the attacker's address
    right = chair.post(
        LOGIN,
        {"username": "chair", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR=CHAIR_OFFICE,
    )
    assert right.status_code == 302 and right["Location"] == "/accounts/login/set-up/"


def test_a_rotating_forwarded_header_defeats_nothing(world, settings):
    settings.TRUSTED_PROXIES = []
    client = Client(REMOTE_ADDR=ATTACKER)
    statuses = [
        client.post(
            LOGIN,
            {"username": "delegate-br", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        ).status_code
        for n in range(6)
    ]
    assert statuses[-1] == 429
    right = client.post(
        LOGIN, {"username": "delegate-br", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="192.0.2.99"
    )
    assert right.status_code == 429  # still locked: it is one address
    # The same account from another address is not locked by it.
    other = Client(REMOTE_ADDR=CHAIR_OFFICE)
    assert other.post(LOGIN, {"username": "delegate-br", "password": PASSWORD}).status_code == 302


def refused(response) -> tuple[int, int]:
    return response.status_code, int(response.get("Retry-After", "0"))


def test_sign_ins_are_limited_per_address(world, settings):
    settings.RATE_LIMITS = settings.RATE_LIMITS | {
        "sign-in": {"address": "3/m", "account": "100/m"}
    }
    client = Client(REMOTE_ADDR=ATTACKER)
    for username in ("a", "b", "c"):
        # A refused sign-in is the form again, with what was typed (400).
        assert client.post(LOGIN, {"username": username, "password": "x"}).status_code == 400
    status, retry_after = refused(client.post(LOGIN, {"username": "d", "password": "x"}))
    assert status == 429 and 1 <= retry_after <= 60
    page = client.post(LOGIN, {"username": "e", "password": "x"}).content.decode()
    assert "Too many requests in a short time; try again in" in page


def test_sign_ins_are_limited_per_account_whatever_the_address(world, settings):
    settings.RATE_LIMITS = settings.RATE_LIMITS | {
        "sign-in": {"address": "100/m", "account": "3/m"}
    }
    statuses = [
        Client(REMOTE_ADDR=f"192.0.2.{n}")
        .post(LOGIN, {"username": "Chair", "password": "x"})
        .status_code
        for n in range(4)
    ]
    assert statuses == [400, 400, 400, 429]
    # Another account is not held back by it.
    other = Client(REMOTE_ADDR="192.0.2.50")
    assert other.post(LOGIN, {"username": "secretariat"}).status_code == 400


def test_every_anonymous_post_counts_against_its_address(world, settings):
    settings.RATE_LIMITS = settings.RATE_LIMITS | {"anonymous-post": {"address": "2/m"}}
    client = Client(REMOTE_ADDR=ATTACKER)
    statuses = [client.post("/i18n/setlang/", {"language": "en"}).status_code for _ in range(3)]
    assert statuses[:2] == [302, 302] and statuses[2] == 429
    api = client.post("/api/analysis/forecast", {}, "application/json")
    assert api.status_code == 429 and "try again in" in api.json()["detail"]
    assert int(api["Retry-After"]) >= 1
    # Signed in, the same address is not held back by the anonymous limit.
    client.force_login(world.delegate)
    assert client.post("/i18n/setlang/", {"language": "en"}).status_code == 302


FORECAST = {"positions": [{"id": "BR", "position": 40, "salience": 1}], "status_quo": 0}


def test_the_analysis_endpoints_are_limited_per_address_and_per_account(world, settings):
    settings.RATE_LIMITS = settings.RATE_LIMITS | {"analysis": {"address": "2/m", "account": "3/m"}}
    anonymous = Client(REMOTE_ADDR=ATTACKER)
    answers = [
        anonymous.post("/api/analysis/forecast", FORECAST, "application/json").status_code
        for _ in range(3)
    ]
    assert answers == [200, 200, 429]
    search = anonymous.post("/api/analysis/package-search", {}, "application/json")
    assert search.status_code == 429 and int(search["Retry-After"]) >= 1

    from tests.factories import token_for

    token = {"Authorization": f"Bearer {token_for(world.delegate)}"}
    answers = [
        Client(REMOTE_ADDR=f"192.0.2.{n}")
        .post("/api/analysis/forecast", FORECAST, "application/json", headers=token)
        .status_code
        for n in range(4)
    ]
    assert answers == [200, 200, 200, 429]


def test_uploads_are_limited_per_account(world, settings, client):
    settings.RATE_LIMITS = settings.RATE_LIMITS | {"upload": {"address": "100/h", "account": "2/h"}}
    client.force_login(world.secretariat)
    url = f"/n/{world.negotiation.slug}/versions/import/"

    def upload():
        text = SimpleUploadedFile("draft.txt", b"Article 1. Purposes\n1. To prevent.\n")
        return client.post(url, {"file": text, "label": "Draft", "date": "2023-06-01"})

    assert [upload().status_code for _ in range(2)] != [429, 429]
    status, retry_after = refused(upload())
    assert status == 429 and retry_after >= 1


def test_other_pages_take_a_limit_by_its_name(rf, settings):
    """The decorator the account pages (sign-up, password reset) use."""
    settings.RATE_LIMITS = settings.RATE_LIMITS | {"sign-up": {"address": "1/h"}}

    @rate_limited("sign-up")
    def sign_up(request):
        from django.http import HttpResponse

        return HttpResponse("welcome")

    assert sign_up(rf.post("/accounts/sign-up/", REMOTE_ADDR=ATTACKER)).status_code == 200
    status, retry_after = refused(sign_up(rf.post("/accounts/sign-up/", REMOTE_ADDR=ATTACKER)))
    assert status == 429 and retry_after >= 1
    assert sign_up(rf.get("/accounts/sign-up/", REMOTE_ADDR=ATTACKER)).status_code == 200
