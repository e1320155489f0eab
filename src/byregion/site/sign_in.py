"""The answer while sign-in is locked (django-axes' AXES_LOCKOUT_CALLABLE): the locked
page in the admin's look, in the visitor's language, as a 429 with Retry-After."""

from django.shortcuts import render

from byregion.core.clients import client_address


def locked(request, original_response=None, credentials=None):
    from axes.helpers import get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    minutes = max(int(cool_off.total_seconds() // 60), 1) if cool_off else None
    response = render(
        request,
        "site/sign_in_locked.html",
        {
            "failure_limit": get_failure_limit(request, credentials),
            "cooloff_timedelta": cool_off,
            "cooloff_minutes": minutes,
        },
        status=429,
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


def address(request) -> str:
    """The client's address for the sign-in limits: the one the rate limits use."""
    return client_address(request)
