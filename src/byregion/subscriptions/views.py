"""The subscription pages: the form, the confirmation link, the manage page, one-click
unsubscribe and the export.

All are per visitor: the form carries a CSRF token and every page behind a link is that
subscriber's, so none is kept in the page cache (`never_cache`: private, no-store), and
the personal ones send no Referer off the site. Opening a link never changes anything (mail
scanners and link previews open links): confirming and unsubscribing take a POST, the page
behind the link asks for it with a button. The unsubscribe address takes the POST a mail
program sends by itself (RFC 8058, `List-Unsubscribe=One-Click`), so it cannot ask for a
CSRF token; its signed token is what authorises it.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .forms import ChoicesForm, SubscribeForm, wait_before_mailing


def _personal(response: HttpResponse) -> HttpResponse:
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _language() -> str:
    return (get_language() or "nb").split("-")[0]


def _bad_link(request, error: Exception) -> HttpResponse:
    """An unknown link (404) or one whose time is over (410): a page that says so and
    changes nothing."""
    expired = isinstance(error, services.LinkExpired)
    response = render(
        request,
        "subscriptions/bad_link.html",
        {"expired": expired},
        status=410 if expired else 404,
    )
    return _personal(response)


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            wait = wait_before_mailing(request, form.cleaned_data["email"])
            if not wait:
                services.subscribe(form.cleaned_data["email"], form.choices(), _language())
                return redirect("subscriptions:sent")
            minutes = max(1, -(-wait // 60))
            form.add_error(
                None,
                ngettext(
                    "Too many attempts. Please try again in %(minutes)d minute.",
                    "Too many attempts. Please try again in %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            status = 429
        else:
            status = 400
    response = render(request, "subscriptions/subscribe.html", {"form": form}, status=status)
    if status == 429:
        response["Retry-After"] = str(wait)
    return response


@never_cache
def sent(request):
    return render(request, "subscriptions/sent.html")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    try:
        subscription = services.from_confirm_token(token)
    except (services.LinkInvalid, services.LinkExpired) as error:
        return _bad_link(request, error)
    if request.method == "POST" and subscription.confirmed_at is None:
        services.confirm(subscription)
        messages.success(request, gettext("Your subscription is confirmed."))
        return redirect(subscription.get_manage_url())
    if subscription.confirmed_at is not None:
        return redirect(subscription.get_manage_url())
    return _personal(render(request, "subscriptions/confirm.html", {"subscription": subscription}))


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    try:
        subscription = services.from_manage_token(token)
    except (services.LinkInvalid, services.LinkExpired) as error:
        return _bad_link(request, error)
    form = ChoicesForm(request.POST or None, initial=ChoicesForm.initial_from(subscription))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.update(subscription, form.choices(), _language())
            messages.success(request, gettext("Your choices are saved."))
            return redirect(subscription.get_manage_url())
        status = 400
    context = {"subscription": subscription, "form": form, "token": token}
    return _personal(render(request, "subscriptions/manage.html", context, status=status))


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET: a page with a button. POST (the button, or a mail program's one-click POST with
    `List-Unsubscribe=One-Click`): unsubscribe and erase. Twice is fine: the second finds
    nothing and says so."""
    try:
        subscription = services.from_manage_token(token)
    except services.LinkInvalid as error:
        return _bad_link(request, error)
    except services.LinkExpired:
        subscription = None
    if request.method == "POST":
        if subscription is not None:
            services.unsubscribe(subscription)
        return _personal(render(request, "subscriptions/unsubscribed.html"))
    if subscription is None:
        return _personal(render(request, "subscriptions/unsubscribed.html"))
    context = {"subscription": subscription, "token": token}
    return _personal(render(request, "subscriptions/unsubscribe.html", context))


@never_cache
@require_POST
def export(request, token):
    """What is stored about the subscription, as JSON (a POST: it is a download with
    personal data, not a page to prefetch)."""
    try:
        subscription = services.from_manage_token(token)
    except (services.LinkInvalid, services.LinkExpired) as error:
        return _bad_link(request, error)
    data = services.personal_data(subscription)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="byregion-subscription.json"'
    return _personal(response)
