"""A subscription's life: subscribe, confirm, change, unsubscribe; and a person's rights
(export, erase) and the retention rule (prune the unconfirmed).

Called by the views, the admin and the scheduled job alike. Each change is one transaction;
the mails it causes are queued as tasks when it commits (`tasks.send_notice`), never sent
inside it. Nothing here logs an address.

Subscribing never tells the form who is subscribed already: the answer is the same ("check
your inbox") for a new address, an unconfirmed one (its choices are replaced and the link
sent again) and a confirmed one (which is left as it is, and gets a mail with its manage
link instead).

Unsubscribing deletes the subscription and everything it held (its mails owed with it):
there is no reason to keep an address that wants nothing. So unsubscribing and erasing are
one operation, and a second click on an unsubscribe link finds nothing and says so kindly.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core import signing
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from byregion.core.limits import normalised_email

from .models import (
    CONFIRM_SALT,
    CONFIRM_WITHIN_DAYS,
    MANAGE_SALT,
    Item,
    Subscription,
)
from .tasks import send_notice

logger = logging.getLogger(__name__)

CHOICE_FIELDS = (
    "frequency",
    "kinds",
    "content_languages",
    "region_ids",
    "organisation_ids",
    "theme_ids",
)


class LinkInvalid(Exception):
    """The link was not made by this site (or is incomplete)."""


class LinkExpired(Exception):
    """The link was ours, but its time is over, or what it pointed to is gone."""


def _choices(choices: dict) -> dict:
    return {field: choices[field] for field in CHOICE_FIELDS if field in choices}


def subscribe(email: str, choices: dict, language: str) -> Subscription:
    """Record a wish to subscribe, and queue the mail that confirms it (or, for an address
    already confirmed, the mail with its manage link)."""
    email = normalised_email(email)
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().filter(email=email).first()
        if subscription is None:
            subscription = Subscription.objects.create(
                email=email, language=language, created=timezone.now(), **_choices(choices)
            )
            notice = "confirm"
        elif subscription.confirmed_at is None:
            for field, value in _choices(choices).items():
                setattr(subscription, field, value)
            subscription.language = language
            subscription.created = timezone.now()  # a week from the latest link
            subscription.save()
            notice = "confirm"
        else:
            notice = "already"
        # Owed until a mail server accepts it (the scheduled job tries again).
        Subscription.objects.filter(pk=subscription.pk).update(
            notice=notice, notice_attempts=0, notice_retry_at=None
        )
        pk = subscription.pk
        transaction.on_commit(lambda: send_notice.enqueue(pk, notice))
    logger.info("Subscription %s: %s mail queued", pk, notice)
    return subscription


def confirm(subscription: Subscription, now: dt.datetime | None = None) -> bool:
    """Confirm the address (double opt-in). What was published before is not sent: the mark
    starts at the latest item. Returns False when it was confirmed already."""
    now = now or timezone.now()
    with transaction.atomic():
        latest = Item.objects.aggregate(latest=Max("pk"))["latest"] or 0
        changed = Subscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
            confirmed_at=now, sent_up_to=latest, last_digest_at=now
        )
    if changed:
        subscription.refresh_from_db()
        logger.info("Subscription %s confirmed", subscription.pk)
    return bool(changed)


def update(subscription: Subscription, choices: dict, language: str) -> None:
    with transaction.atomic():
        Subscription.objects.filter(pk=subscription.pk).update(
            language=language, **_choices(choices)
        )
    subscription.refresh_from_db()


def unsubscribe(subscription: Subscription, *, actor: str = "subscriber") -> None:
    """Unsubscribe and erase: the row and its mails owed are deleted."""
    with transaction.atomic():
        deleted, _ = Subscription.objects.filter(pk=subscription.pk).delete()
    if deleted:
        logger.info("Subscription %s erased by the %s", subscription.pk, actor)


erase = unsubscribe


def personal_data(subscription: Subscription) -> dict:
    """Everything stored about a subscription, for its owner's export or staff's."""
    subscription.refresh_from_db()

    def moment(value):
        return value.isoformat() if value else None

    return {
        "email": subscription.email,
        "language": subscription.language,
        "frequency": subscription.frequency,
        "kinds": subscription.kinds,
        "content_languages": subscription.content_languages,
        "region_ids": subscription.region_ids,
        "organisation_ids": subscription.organisation_ids,
        "theme_ids": subscription.theme_ids,
        "created": moment(subscription.created),
        "confirmed_at": moment(subscription.confirmed_at),
        "last_digest_at": moment(subscription.last_digest_at),
        "mails": [
            {
                "created": moment(mail.created),
                "sent_at": moment(mail.sent_at),
                "items": mail.item_count,
            }
            for mail in subscription.mails.order_by("created")
        ],
    }


def prune(now: dt.datetime | None = None) -> int:
    """Delete subscriptions left unconfirmed for `CONFIRM_WITHIN_DAYS`; returns how many."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=CONFIRM_WITHIN_DAYS)
    with transaction.atomic():
        _deleted, per_model = Subscription.objects.filter(
            confirmed_at__isnull=True, created__lt=cutoff
        ).delete()
    return per_model.get("subscriptions.Subscription", 0)


# Links -----------------------------------------------------------------------------------


def from_manage_token(signed: str) -> Subscription:
    """The subscription of a manage or unsubscribe link. LinkInvalid when the link is not
    ours; LinkExpired when it was, but the subscription is gone (unsubscribed, erased)."""
    try:
        token = signing.Signer(salt=MANAGE_SALT).unsign(signed)
    except signing.BadSignature:
        raise LinkInvalid from None
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is None:
        raise LinkExpired
    return subscription


def from_confirm_token(signed: str) -> Subscription:
    try:
        token = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(
            signed, max_age=dt.timedelta(days=CONFIRM_WITHIN_DAYS)
        )
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None
    subscription = Subscription.objects.filter(token=token).first()
    if subscription is None:
        raise LinkExpired
    return subscription
