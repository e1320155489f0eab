"""Signing in to the admin in a real browser (issue 13, finding 4): an editor who must have
a second factor adds an authenticator app (the code computed from the secret the page
shows), keeps the recovery codes shown once, and signs in again with the app's code; and an
editor signs in through an OpenID Connect provider (allauth's own, started on loopback by
tests/oidc_provider/server.py) and lands in the admin in the group its claim maps to.

The admin's own pages, so the `page` fixture's checks do not apply; anything outside the
site (and the test provider) is blocked, as in test_registrations.py."""

import json
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.contrib.auth.models import Group, Permission

from byregion.settings import single_sign_on
from tests.browser.conftest import DESKTOP, save_screenshot
from tests.oidc_provider.server import oidc_provider  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def admin_page(chromium, live_server, *others: str):
    context = chromium.new_context(base_url=live_server.url, viewport=DESKTOP)
    context.set_default_timeout(10_000)
    allowed = (live_server.url, *others)
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(allowed) else route.abort(),
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors


def sign_in(page, username, password):
    page.fill("#id_login", username)
    page.fill("#id_password", password)
    page.click("form.login-form button[type=submit]")


def test_an_editor_adds_an_authenticator_app_and_signs_in_with_it(
    chromium, live_server, home_page, django_user_model, settings
):
    settings.BYREGION_MFA_REQUIRED_FOR_SUPERUSERS = True
    django_user_model.objects.create_superuser("sjef", "sjef@example.invalid", "pw-sjef-2026")
    context, page, errors = admin_page(chromium, live_server)

    page.goto("/admin/")
    page.wait_for_url("**/accounts/login/?next=/admin/")
    sign_in(page, "sjef", "pw-sjef-2026")
    # Sent to add a second factor before the admin opens.
    page.wait_for_url("**/accounts/2fa/")
    assert "Kontoen din må ha en andre faktor" in page.content()
    save_screenshot(page, "sign-in-second-factor-required")
    page.click("a[href='/accounts/2fa/totp/activate/']")
    # Changing one's factors asks for the password again (allauth's reauthentication).
    page.wait_for_url("**/accounts/reauthenticate/**")
    page.fill("#id_password", "pw-sjef-2026")
    page.click("form button[type=submit]")
    page.wait_for_url("**/accounts/2fa/totp/activate/")
    secret = page.input_value("#authenticator_secret")
    page.fill("#id_code", totp_code(secret))
    save_screenshot(page, "sign-in-activate-totp")
    page.click("form button[type=submit]")
    # The recovery codes, shown this once.
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    codes = page.locator("#recovery_codes").input_value()
    assert len(codes.split()) == 10
    save_screenshot(page, "sign-in-recovery-codes")

    # This session signed in before the factor existed: the admin signs it out.
    page.goto("/admin/")
    page.wait_for_url("**/accounts/login/?next=/admin/")
    sign_in(page, "sjef", "pw-sjef-2026")
    page.wait_for_url("**/accounts/2fa/authenticate/")
    if time.time() % 30 > 27:  # a code about to change: wait for the next one
        time.sleep(30.5 - time.time() % 30)
    page.fill("#id_code", totp_code(secret))
    save_screenshot(page, "sign-in-authenticate-totp")
    page.click("form button[type=submit]")
    page.wait_for_url("**/admin/")
    assert page.locator("#wagtail-sidebar, [data-side-panel], .sidebar").count() > 0
    context.close()
    assert not errors, errors


def test_an_editor_signs_in_through_the_openid_connect_provider(
    chromium,
    live_server,
    home_page,
    django_user_model,
    settings,
    oidc_provider,  # noqa: F811
):
    editors = Group.objects.create(name="Redaktørar")
    editors.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    settings.SOCIALACCOUNT_PROVIDERS, settings.BYREGION_SINGLE_SIGN_ON = single_sign_on(
        json.dumps(
            [
                oidc_provider.app(
                    groups_claim="groups",
                    groups={oidc_provider.group: ["Redaktørar"]},
                    create_users=True,
                )
            ]
        )
    )
    oidc_provider.allow_redirects_to(f"{live_server.url}/accounts/oidc/lokal/login/callback/")
    context, page, errors = admin_page(chromium, live_server, oidc_provider.issuer)

    page.goto("/admin/")
    page.wait_for_url("**/accounts/login/?next=/admin/")
    save_screenshot(page, "sign-in-page")
    page.click("button[data-provider=lokal]")
    page.wait_for_url(f"{oidc_provider.issuer}/accounts/login/**")
    page.fill("#id_login", oidc_provider.username)
    page.fill("#id_password", oidc_provider.password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    user = django_user_model.objects.get(socialaccount__provider="lokal")
    assert list(user.groups.values_list("name", flat=True)) == ["Redaktørar"]
    save_screenshot(page, "sign-in-single-sign-on-admin")
    context.close()
    assert not errors, errors


def test_an_editor_adds_a_passkey_and_signs_in_with_it(
    chromium, live_server, home_page, django_user_model, settings
):
    """WebAuthn with Chromium's virtual authenticator (DevTools' WebAuthn domain): allauth's
    scripts under the site's Content-Security-Policy, the key made and then used."""
    from allauth.mfa.models import Authenticator

    settings.BYREGION_MFA_REQUIRED_FOR_SUPERUSERS = True
    # The live server speaks http://localhost, which WebAuthn accepts in browsers; allauth
    # checks the origin itself and takes only https unless told (production is https).
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
    user = django_user_model.objects.create_superuser("sjef", "sjef@example.invalid", "pw-sjef-26")
    context, page, errors = admin_page(chromium, live_server)
    devtools = context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )

    page.goto("/admin/")
    sign_in(page, "sjef", "pw-sjef-26")
    page.wait_for_url("**/accounts/2fa/")
    page.goto("/accounts/2fa/webauthn/add/")
    page.wait_for_url("**/accounts/reauthenticate/**")
    page.fill("#id_password", "pw-sjef-26")
    page.click("form button[type=submit]")
    page.wait_for_url("**/accounts/2fa/webauthn/add/")
    page.fill("#id_name", "Testnøkkel")
    page.click("#mfa_webauthn_add")
    page.wait_for_url("**/accounts/2fa/recovery-codes/")
    assert Authenticator.objects.filter(user=user, type="webauthn").exists()

    page.goto("/admin/")  # signed in before the key existed: signed out
    page.wait_for_url("**/accounts/login/?next=/admin/")
    sign_in(page, "sjef", "pw-sjef-26")
    page.wait_for_url("**/accounts/2fa/authenticate/")
    page.click("#mfa_webauthn_authenticate")
    page.wait_for_url("**/admin/")
    context.close()
    assert not errors, errors
