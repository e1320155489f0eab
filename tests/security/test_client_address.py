"""The API's limit counts the real client (issue 13, finding 3): X-Forwarded-For is believed
only from a configured proxy (FORWARDED_ALLOW_IPS, as gunicorn does), and then only its
right-most address that is not a proxy, so a client cannot choose its own count."""

import pytest
from django.test import RequestFactory

from byregion.api.api import api
from byregion.core.clients import client_address

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_a_minute():
    throttle = api.throttle[0]
    rate = throttle.rate, throttle.num_requests, throttle.duration
    throttle.rate, throttle.num_requests, throttle.duration = "3/m", 3, 60
    yield
    throttle.rate, throttle.num_requests, throttle.duration = rate


def statuses(client, headers) -> list[int]:
    return [client.get("/api/themes", **h).status_code for h in headers]


def test_a_direct_client_cannot_dodge_the_limit_with_forwarded_for(client, three_a_minute):
    headers = [
        {"REMOTE_ADDR": "203.0.113.5", "HTTP_X_FORWARDED_FOR": f"198.51.100.{n}"} for n in range(5)
    ]
    assert statuses(client, headers) == [200, 200, 200, 429, 429]


def test_behind_the_proxy_the_client_it_saw_is_counted(client, three_a_minute, settings):
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.2"]
    # The client puts a made-up address first; the proxy appends the one it saw.
    headers = [
        {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": f"192.0.2.{n}, 198.51.100.7"}
        for n in range(5)
    ]
    assert statuses(client, headers) == [200, 200, 200, 429, 429]
    # Another client behind the same proxy has a count of its own.
    other = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.8"}
    assert client.get("/api/themes", **other).status_code == 200


@pytest.mark.parametrize(
    ("remote", "forwarded", "trusted", "expected"),
    [
        ("203.0.113.5", None, ["127.0.0.1"], "203.0.113.5"),
        ("203.0.113.5", "198.51.100.1", ["127.0.0.1"], "203.0.113.5"),
        ("127.0.0.1", "198.51.100.1", ["127.0.0.1"], "198.51.100.1"),
        ("127.0.0.1", "6.6.6.6, 198.51.100.1", ["127.0.0.1"], "198.51.100.1"),
        # Two proxies in a row, both trusted (a network's range).
        ("10.1.2.3", "198.51.100.1, 10.1.0.9", ["10.1.0.0/16"], "198.51.100.1"),
        # Only proxies in the header: the first of them.
        ("127.0.0.1", "10.1.0.9", ["127.0.0.1", "10.1.0.0/16"], "10.1.0.9"),
        # Garbage in the header is not an address: the last trusted hop is counted.
        ("127.0.0.1", "not-an-address", ["127.0.0.1"], "127.0.0.1"),
        ("127.0.0.1", "", ["127.0.0.1"], "127.0.0.1"),
        ("::1", "2001:db8::5", ["::1"], "2001:db8::5"),
    ],
)
def test_client_address(settings, remote, forwarded, trusted, expected):
    settings.FORWARDED_ALLOW_IPS = trusted
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_address(RequestFactory().get("/", **meta)) == expected
