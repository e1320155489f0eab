"""The mails: the confirmation link, "you already subscribe", and the digest.

Every mail has a text and an HTML part in the subscription's language (and says so in
Content-Language), its own Message-ID and Date, and one-click unsubscribe (RFC 8058):
`List-Unsubscribe` with the https link and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`,
so a mail program can unsubscribe with one POST, and a link to manage the subscription.

A digest is built for many subscribers at once (`sending.send_batch`): each item is rendered
once per language (`fragments`), and each subscriber's mail only joins the fragments it
carries, so building 10,000 mails does not render 500,000 item templates.
"""

from __future__ import annotations

from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from byregion.core.addresses import site_host

from .items import Entry
from .models import Subscription


def _headers(subscription: Subscription) -> dict:
    return {
        "List-Unsubscribe": f"<{subscription.get_absolute_unsubscribe_url()}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Content-Language": subscription.language,
        # Made here, on the site's host: Django's own would look up this machine's name.
        "Message-ID": make_msgid(domain=site_host()),
        "Date": formatdate(localtime=False),
    }


def _message(subscription, subject, text, html, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [subscription.email],
        headers=_headers(subscription),
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def notice_email(subscription: Subscription, kind: str) -> EmailMultiAlternatives:
    """ "confirm": the link that confirms the address; "already": the address subscribes
    already, here is the link to change it (someone, maybe not its owner, filled in the form
    again)."""
    with translation.override(subscription.language):
        context = {
            "subscription": subscription,
            "kind": kind,
            "confirm_url": subscription.get_absolute_confirm_url() if kind == "confirm" else "",
            "manage_url": subscription.get_absolute_manage_url(),
            "unsubscribe_url": subscription.get_absolute_unsubscribe_url(),
        }
        subject = (
            gettext("Confirm your subscription to Byregion")
            if kind == "confirm"
            else gettext("Your subscription to Byregion")
        )
        text = render_to_string("subscriptions/email/notice.txt", context)
        html = render_to_string("subscriptions/email/notice.html", context)
    return _message(subscription, subject, text, html)


def fragments(entry: Entry, language: str) -> tuple[str, str]:
    """One item's text and HTML, rendered once per language for a whole batch."""
    with translation.override(language):
        context = {"entry": entry}
        return (
            render_to_string("subscriptions/email/item.txt", context).strip(),
            render_to_string("subscriptions/email/item.html", context).strip(),
        )


def digest_email(
    subscription: Subscription, parts: list[tuple[Entry, str, str]], connection=None
) -> EmailMultiAlternatives:
    """A digest of `parts` (each an entry with its text and HTML fragments)."""
    with translation.override(subscription.language):
        if len(parts) == 1:
            subject = parts[0][0].title
        else:
            subject = ngettext(
                "%(count)d new item on Byregion", "%(count)d new items on Byregion", len(parts)
            ) % {"count": len(parts)}
        context = {
            "subscription": subscription,
            "texts": [text for _, text, _ in parts],
            "htmls": [mark_safe(html) for _, _, html in parts],
            "count": len(parts),
            "manage_url": subscription.get_absolute_manage_url(),
            "unsubscribe_url": subscription.get_absolute_unsubscribe_url(),
        }
        text = render_to_string("subscriptions/email/digest.txt", context)
        html = render_to_string("subscriptions/email/digest.html", context)
    return _message(subscription, subject, text, html, connection)
