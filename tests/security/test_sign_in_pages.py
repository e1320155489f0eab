"""The admin signs in through django-allauth (issue 13, finding 4): Wagtail's own form sends
there keeping `next`, nobody signs up, and the page is in the admin's look and translated."""

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "riktig-passord-2026"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user(
        username="redaktor", password=PASSWORD, is_staff=True, is_superuser=True
    )


def test_the_admin_sends_to_allauths_sign_in_keeping_next(client):
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


def test_wagtails_own_sign_in_address_sends_there_too(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


def test_signing_in_goes_to_next(client, editor):
    response = client.post(
        "/accounts/login/?next=/admin/pages/", {"login": "redaktor", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"


def test_the_sign_in_page_is_in_the_admins_look_and_translated(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="nb").content.decode()
    assert 'class="login' in page  # Wagtail's sign-in frame
    assert "Logg inn på Byregion" in page
    assert "sign up" not in page.lower() and "registrer deg" not in page.lower()
    english = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Sign in to Byregion" in english
    nynorsk = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="nn").content.decode()
    assert "Logg inn på Byregion" in nynorsk


def test_nobody_signs_up(client, django_user_model):
    response = client.post(
        "/accounts/signup/",
        {"username": "ny", "password1": "Eit-langt-passord-9", "password2": "Eit-langt-passord-9"},
    )
    assert not django_user_model.objects.filter(username="ny").exists()
    assert response.status_code in (200, 403)
