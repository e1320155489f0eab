"""How often one client, and one e-mail address, may make the site send mail (issue 13):
the counter behind the registration form (`registrations.limits`) and the subscription
form (`subscriptions.forms`), each with its own settings and scopes.

Every counted attempt is counted per client address (`core.clients.client_address`, which
believes X-Forwarded-For only from our own proxies; an IPv6 client by its /64 network) and
per e-mail address, each against its setting. A count is one number in the shared cache
(`caches["default"]`: Redis or Valkey in production, the file cache all workers share on
the embedded default), in a fixed window of the rate's period: `cache.add` starts it at
zero, `cache.incr` counts. Over the limit, the caller answers 429 with Retry-After, the
seconds until the window ends.

A fixed window lets a client make up to twice its count across a window's edge; that is
the price of one cache key per count, and still bounds a flood. On the file cache `incr`
is a read and a write, so two workers counting the same key at the same instant may count
one: the limit is approximate there, and exact on Redis.

Keys hold a keyed digest of the address (HMAC with SECRET_KEY), never the address: the
cache is not a place for personal data.
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import math
import time

from django.conf import settings
from django.core.cache import caches
from django.core.checks import Error
from django.utils.crypto import salted_hmac
from ninja.throttling import SimpleRateThrottle

from .clients import client_address

logger = logging.getLogger(__name__)

# The registrations' names, kept so the counts in the cache carry on across this move.
KEY_SALT = "byregion.registrations.limits"
KEY_PREFIX = "registrations:limit"


def normalised_email(address) -> str:
    """An address as the rules compare it: surrounding spaces and case aside."""
    return (address or "").strip().casefold()


@functools.lru_cache(maxsize=16)
def parse_rate(rate: str) -> tuple[int, int]:
    """ "30/h" as (30, 3600): the API limit's format ("count/s|m|h|d"), read by the same code
    (django-ninja's throttle), so a rate means the same in every setting. ValueError when
    it cannot be read."""
    if not isinstance(rate, str) or not rate:
        raise ValueError(f"Invalid rate format: {rate!r}")
    throttle = SimpleRateThrottle(rate)
    if throttle.num_requests < 0 or throttle.duration <= 0:
        raise ValueError(f"Invalid rate format: {rate!r}")
    return throttle.num_requests, throttle.duration


def check_rate_settings(names, check_id: str) -> list[Error]:
    """For a system check (`byregion check`, and every start): a rate setting that cannot
    be read would otherwise be a server error on the first attempt."""
    errors = []
    for name in names:
        rate = getattr(settings, name)
        try:
            parse_rate(rate)
        except ValueError:
            errors.append(
                Error(
                    f"{name} is {rate!r}; write it as count/period, e.g. 30/h "
                    "(period s, m, h or d).",
                    id=check_id,
                )
            )
    return errors


def attempt(scope: str, ident: str, rate: str) -> int:
    """Count one attempt of `ident` in `scope`; 0 when it is within `rate`, else how many
    seconds until the count starts again."""
    limit, period = parse_rate(rate)
    now = time.time()
    window = int(now // period)
    digest = salted_hmac(KEY_SALT, f"{scope}:{ident}").hexdigest()[:32]
    key = f"{KEY_PREFIX}:{scope}:{digest}:{window}"
    cache = caches["default"]
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:
        # Evicted or expired between add and incr: this attempt starts the count again.
        cache.add(key, 1, timeout=period)
        count = 1
    if count <= limit:
        return 0
    return max(1, math.ceil((window + 1) * period - now))


def client_key(address: str) -> str:
    """What the per-client count counts: the address, or for IPv6 its /64 network, which a
    single home or office gets whole (and so can pick a new address for every post)."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped:  # ::ffff:a.b.c.d is an IPv4 client
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))


def wait_before_mailing(
    request, email: str, *, scopes: tuple[str, str], rates: tuple[str, str], what: str,
    per_client: bool = True,
) -> int:  # fmt: skip
    """Count an attempt that may send mail to `email`: 0 when it may go on, else the
    seconds to wait. `scopes` and `rates` are the (client, e-mail) scope names and rate
    settings; `what` names the attempt in the log. The client is counted first; an attempt
    refused there is not counted against the address."""
    limits = [(scopes[1], normalised_email(email), getattr(settings, rates[1]))]
    if per_client:
        limits.insert(
            0, (scopes[0], client_key(client_address(request)), getattr(settings, rates[0]))
        )
    for scope, ident, rate in limits:
        wait = attempt(scope, ident, rate)
        if wait:
            # Which limit, never whose: the proxy's access log has the client's 429s.
            logger.warning("%s refused: the per-%s limit %s is reached", what, scope, rate)
            return wait
    return 0
