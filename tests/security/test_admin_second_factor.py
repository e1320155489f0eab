"""A second factor for the admin (issue 13, finding 4): superusers, the administrators'
group ("Moderators"), the registration desk (who may see registrations) and, with
BYREGION_MFA_REQUIRED_FOR_ALL, everyone, must have one before the admin opens, and must pass
it at sign-in; others may add one. Before, a password alone opened the admin to everyone."""

from types import SimpleNamespace

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from allauth.mfa.totp.internal.auth import generate_totp_secret as new_secret
from django.contrib.auth.models import Group, Permission

pytestmark = pytest.mark.django_db

PASSWORD = "riktig-passord-2026"


# One moment for the authenticator app and for the site's check: a code made at the end of a
# 30-second window and checked in the next (a slow CI machine) would fail.
NOW = 1_796_000_015


def code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, NOW // 30))


@pytest.fixture
def still_clock(monkeypatch):
    """allauth's TOTP check reads this module's clock; only it is stopped."""
    import allauth.mfa.totp.internal.auth as totp

    monkeypatch.setattr(totp, "time", SimpleNamespace(time=lambda: NOW))


@pytest.fixture(autouse=True)
def second_factor_policy(settings):
    """The shipped policy (tests/conftest.py turns it off for the other tests)."""
    settings.BYREGION_MFA_REQUIRED_FOR_SUPERUSERS = True
    settings.BYREGION_MFA_REQUIRED_GROUPS = ["Moderators"]
    settings.BYREGION_MFA_REQUIRED_PERMISSIONS = ["registrations.view_registration"]


@pytest.fixture
def admin_access():
    return Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")


def make_user(django_user_model, username, *, superuser=False, permissions=(), groups=()):
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, is_superuser=superuser
    )
    user.user_permissions.add(*permissions)
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def sign_in(client, username):
    return client.post("/accounts/login/", {"login": username, "password": PASSWORD})


def test_a_superuser_without_a_second_factor_is_sent_to_add_one(client, django_user_model):
    make_user(django_user_model, "sjef", superuser=True)
    assert sign_in(client, "sjef").status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/"
    assert client.get("/admin/pages/")["Location"] == "/accounts/2fa/"
    assert client.get("/accounts/2fa/").status_code == 200


def test_an_editor_outside_the_required_groups_may_go_without(
    client, django_user_model, admin_access
):
    make_user(django_user_model, "skribent", permissions=[admin_access])
    sign_in(client, "skribent")
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("group", ["Moderators"])
def test_the_administrators_group_must_have_one(client, django_user_model, admin_access, group):
    make_user(django_user_model, "moderator", permissions=[admin_access], groups=[group])
    sign_in(client, "moderator")
    assert client.get("/admin/")["Location"] == "/accounts/2fa/"


def test_the_registration_desk_must_have_one(client, django_user_model, admin_access):
    registrations = Permission.objects.get(
        content_type__app_label="registrations", codename="view_registration"
    )
    make_user(django_user_model, "skranke", permissions=[admin_access, registrations])
    sign_in(client, "skranke")
    assert client.get("/admin/")["Location"] == "/accounts/2fa/"


def test_everyone_must_have_one_when_the_setting_says_so(
    client, django_user_model, admin_access, settings
):
    settings.BYREGION_MFA_REQUIRED_FOR_ALL = True
    make_user(django_user_model, "skribent", permissions=[admin_access])
    sign_in(client, "skribent")
    assert client.get("/admin/")["Location"] == "/accounts/2fa/"


def test_with_an_authenticator_app_the_sign_in_asks_for_its_code(
    client, django_user_model, still_clock
):
    user = make_user(django_user_model, "sjef", superuser=True)
    secret = new_secret()
    TOTP.activate(user, secret)
    response = client.post(
        "/accounts/login/?next=/admin/pages/", {"login": "sjef", "password": PASSWORD}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302  # not signed in yet
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    response = client.post("/accounts/2fa/authenticate/", {"code": code(secret)})
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_a_session_without_the_second_factor_is_signed_out_of_the_admin(client, django_user_model):
    user = make_user(django_user_model, "sjef", superuser=True)
    TOTP.activate(user, new_secret())
    client.force_login(user)  # past allauth's sign-in, as another way in would be
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"
    assert "_auth_user_id" not in client.session


def test_recovery_codes_stand_in_for_the_authenticator(client, django_user_model):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    user = make_user(django_user_model, "sjef", superuser=True)
    TOTP.activate(user, new_secret())
    recovery = RecoveryCodes.activate(user)
    first = recovery.get_unused_codes()[0]
    sign_in(client, "sjef")
    response = client.post("/accounts/2fa/authenticate/", {"code": first})
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert Authenticator.objects.filter(user=user, type="recovery_codes").exists()
    assert (
        first
        not in RecoveryCodes(
            Authenticator.objects.get(user=user, type="recovery_codes")
        ).get_unused_codes()
    )


def test_the_way_to_add_one_is_translated(client, django_user_model):
    make_user(django_user_model, "sjef", superuser=True)
    sign_in(client, "sjef")
    page = client.get("/admin/", follow=True).content.decode()
    assert "Kontoen din må ha en andre faktor" in page
    assert 'class="login' in page  # in the admin's look
