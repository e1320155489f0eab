"""Signing in to the admin is throttled (issue 13, finding 4): five wrong passwords lock the
account, and five from one address lock that address, for a cool-off time, with a
translated answer. Before, six wrong passwords got six quiet answers. The form is allauth's
(/accounts/login/, fields `login` and `password`), which the admin's sign-in sends to."""

import time

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
PASSWORD = "riktig-passord-2026"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        username="redaktor", password=PASSWORD, is_staff=True, is_superuser=True
    )


def sign_in(client, username, password, address="192.0.2.10"):
    return client.post(LOGIN, {"login": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def test_a_right_password_signs_in(client, editor):
    assert sign_in(client, "redaktor", PASSWORD).status_code == 302
    assert signed_in(client)


def test_five_wrong_passwords_lock_the_account_with_a_translated_answer(client, editor):
    for _ in range(4):
        assert sign_in(client, "redaktor", "feil").status_code == 200  # the form again
    assert sign_in(client, "redaktor", "feil").status_code == 429  # the fifth locks
    locked = sign_in(client, "redaktor", PASSWORD)
    assert locked.status_code == 429
    assert "For mange mislykkede innlogginger" in locked.content.decode()
    assert not signed_in(client)
    # From another address too: the account itself is locked.
    elsewhere = Client()
    assert sign_in(elsewhere, "redaktor", PASSWORD, address="198.51.100.7").status_code == 429


def test_five_failures_from_one_address_lock_that_address(client, editor, django_user_model):
    django_user_model.objects.create_user(username="annan", password=PASSWORD, is_staff=True)
    for n in range(5):
        sign_in(client, f"gjetting-{n}", "feil")
    assert sign_in(client, "annan", PASSWORD).status_code == 429
    # The same account from an address that did nothing wrong signs in.
    assert sign_in(Client(), "annan", PASSWORD, address="198.51.100.7").status_code == 302


def test_a_forged_forwarded_for_does_not_give_a_new_address(client, editor):
    for n in range(5):
        client.post(
            LOGIN,
            {"login": f"gjetting-{n}", "password": "feil"},
            REMOTE_ADDR="192.0.2.10",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    refused = client.post(
        LOGIN,
        {"login": "redaktor", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.10",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )
    assert refused.status_code == 429


def test_the_lock_ends_after_the_cool_off_time(client, editor, monkeypatch):
    for _ in range(5):
        sign_in(client, "redaktor", "feil")
    assert sign_in(client, "redaktor", PASSWORD).status_code == 429
    later = time.time() + 16 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert sign_in(Client(), "redaktor", PASSWORD).status_code == 302
