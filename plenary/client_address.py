"""The address of the person at the other end of a request, behind the proxies we trust.

REMOTE_ADDR is the machine that connected: the client, or a proxy in front of Plenary. Only
when it is one of TRUSTED_PROXIES is X-Forwarded-For believed, and then only as far as the
proxies we trust wrote it: read from the right (each proxy appends the address it saw), the
first address that is not a trusted proxy is the client's. Whatever a client writes into the
header itself stands to the left of that and is never read, so a rotating X-Forwarded-For
changes nothing. The sign-in lock-out and the rate limits key on this address.
"""

import ipaddress
from typing import Any

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _parsed(text: str) -> Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address: Address | None) -> bool:
    if address is None:
        return False
    return any(
        address in ipaddress.ip_network(proxy, strict=False) for proxy in settings.TRUSTED_PROXIES
    )


def client_address(request: Any) -> str:
    """The client's address: REMOTE_ADDR, unless it is a trusted proxy that forwarded it."""
    remote = request.META.get("REMOTE_ADDR", "") or ""
    address = _parsed(remote)
    if not _trusted(address):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    found = str(address)
    for hop in reversed([hop for hop in forwarded.split(",") if hop.strip()]):
        parsed = _parsed(hop)
        if parsed is None:
            break  # not an address: a proxy we trust would not have written it
        found = str(parsed)
        if not _trusted(parsed):
            break
    return found
