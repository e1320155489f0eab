"""Signing in to the admin through django-allauth (docs/operators/sign-in.md).

Nobody signs up: administrators make the accounts in Wagtail's admin. A single sign-on
provider (BYREGION_OIDC_PROVIDERS) may make an account on first sign-in only when its
configuration says so ("create_users"), and each sign-in through it sets the Wagtail groups
its claim maps to.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        from .single_sign_on import provider_settings

        return bool(provider_settings(sociallogin.account.provider).get("create_users"))


SIGN_IN_PREFIX = "/accounts/"


class SignInLanguageMiddleware:
    """The sign-in pages (/accounts/, never cached) in the visitor's language: a signed-in
    user's admin language (Wagtail's preference), else the language cookie or the browser's
    Accept-Language, else Bokmål. They have one address in every language, so that a single
    sign-on provider knows one return address. After LocaleMiddleware and the authentication
    middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(SIGN_IN_PREFIX):
            language = None
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                language = _admin_language(user)
            language = language or translation.get_language_from_request(request)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
            if request.path == SIGN_IN_PAGE:
                allow_single_sign_on_forms(response)
            return response
        return self.get_response(request)


SIGN_IN_PAGE = "/accounts/login/"


def allow_single_sign_on_forms(response) -> None:
    """The sign-in page's single sign-on buttons post to the site, which sends the browser on
    to the provider: the Content-Security-Policy's form-action must name where (browsers
    check it along the redirects of a form's post). django-csp's per-answer update."""
    from .single_sign_on import authorization_origins

    origins = authorization_origins()
    if origins:
        update = dict(getattr(response, "_csp_update", None) or {})
        update["form-action"] = [*update.get("form-action", ()), *origins]
        response._csp_update = update


def _admin_language(user) -> str | None:
    from wagtail.users.models import UserProfile

    preferred = UserProfile.get_for_user(user).get_preferred_language()
    codes = {code for code, _name in settings.LANGUAGES}
    return preferred if preferred in codes else None
