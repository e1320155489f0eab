"""Who must sign in with a second factor, and the admin refused to a session without it
(docs/operators/sign-in.md).

A user must have a second factor (an authenticator app, a passkey) when they are a
superuser (BYREGION_MFA_REQUIRED_FOR_SUPERUSERS), in one of BYREGION_MFA_REQUIRED_GROUPS,
hold one of BYREGION_MFA_REQUIRED_PERMISSIONS, or when BYREGION_MFA_REQUIRED_FOR_ALL is on.
Such a user without one is sent to add one before any admin page opens; with one, allauth
asks for it at sign-in, and a session that did not pass it (a sign-in before the factor was
added, or one by another way in) is signed out of the admin. A single sign-on provider whose
configuration says so ("second_factor") counts as the second factor itself.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _

ADMIN_PREFIX = "/admin/"
# The admin's addresses a user who has not passed the second factor may still open.
OPEN_TO_ALL = ("/admin/login/", "/admin/logout/")
FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def second_factor_required(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if settings.BYREGION_MFA_REQUIRED_FOR_ALL:
        return True
    if user.is_superuser:
        return settings.BYREGION_MFA_REQUIRED_FOR_SUPERUSERS
    groups = settings.BYREGION_MFA_REQUIRED_GROUPS
    if groups and user.groups.filter(name__in=groups).exists():
        return True
    return any(
        user.has_perm(permission) for permission in settings.BYREGION_MFA_REQUIRED_PERMISSIONS
    )


def has_second_factor(user) -> bool:
    return is_mfa_enabled(user, FACTORS)


def passed_second_factor(request) -> bool:
    """Whether this session's sign-in included a second factor: allauth's record of the
    ways it was authenticated, or a single sign-on provider that counts as one."""
    from byregion.site.single_sign_on import ACR_SESSION_KEY, counts_as_second_factor

    for record in get_authentication_records(request, request.user):
        if record.get("method") == "mfa":
            return True
        if record.get("method") == "socialaccount" and counts_as_second_factor(
            record.get("provider", ""), request.session.get(ACR_SESSION_KEY)
        ):
            return True
    return False


class SecondFactorMiddleware:
    """After the authentication, allauth's and the messages middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if path.startswith(ADMIN_PREFIX) and not path.startswith(OPEN_TO_ALL):
            refusal = self.refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def refusal(self, request):
        user = request.user
        if not second_factor_required(user) or passed_second_factor(request):
            return None
        if not has_second_factor(user):
            messages.warning(
                request,
                _(
                    "Your account must have a second factor before the admin opens: "
                    "add an authenticator app or a passkey."
                ),
            )
            return redirect("mfa_index")
        logout(request)
        messages.info(request, _("Sign in again, this time with your second factor."))
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
