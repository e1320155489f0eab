"""Who is asking: the client's address, for limits and counts.

X-Forwarded-For is whatever a client writes, so it is believed only from a proxy named in
FORWARDED_ALLOW_IPS (the setting gunicorn reads for the same purpose), and then only
from its right end: each proxy appends the address it saw, so the right-most address that
is not one of our proxies is the client. A client's own additions stand to the left of it
and are never read.
"""

import ipaddress

from django.conf import settings


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _is_proxy(address) -> bool:
    for entry in settings.FORWARDED_ALLOW_IPS:
        if entry == "*":
            return True
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def client_address(request) -> str:
    """The address of the client that made `request`, as our own proxies saw it."""
    remote = request.META.get("REMOTE_ADDR", "")
    nearest = _address(remote)
    if nearest is None or not _is_proxy(nearest):
        return remote
    for text in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(text)
        if address is None:
            break  # not written by a proxy: nothing further left is to be believed
        nearest = address
        if not _is_proxy(address):
            break
    return str(nearest)
