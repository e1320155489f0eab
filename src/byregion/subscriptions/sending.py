"""Sending what the scheduled job planned (`digests`), one batch of subscribers per task.

Exactly once: a task first takes its batch's rows with one conditional UPDATE (unsent, not
held by another sender, past any pause), tagging them with its own run id, and sends only
the rows it got; each row is marked sent as soon as the mail server has accepted it. Two
tasks for the same rows (a batch queued again after a lost worker) cannot both send one.
The one gap, as with the registrations' reminders: a sender that dies after the mail server
accepted a mail and before the row is marked sent sends it again when the lease ends.

A mail server that refuses one mail (an SMTP error answer) leaves that row unsent with a
pause that doubles with each attempt (`MAX_ATTEMPTS` in all); the batch goes on. A server
that cannot be reached or stops answering (a timeout, a dropped connection) ends the batch:
the rows not yet tried are released, to be tried at the next run; nothing is lost.

Memory follows the batch: its rows, the items they carry (one list for the batch) and one
message at a time, sent over one connection.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import uuid

from django.core.mail import get_connection
from django.db.models import F, Q
from django.utils import timezone

from .items import entries
from .mails import digest_email, fragments, notice_email
from .models import DigestMail, Item, Subscription

logger = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=10)  # how long a sender may hold a row before another may try
MAX_ATTEMPTS = 8


def pause_after(attempts: int) -> dt.timedelta:
    return LEASE * (2 ** min(attempts, 6))


def _unreachable(error: Exception) -> bool:
    """The server is gone for now (not one mail refused): stop the batch."""
    if isinstance(error, smtplib.SMTPResponseException):
        return False
    return isinstance(error, (OSError, smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError))


def _close(connection) -> None:
    try:
        connection.close()
    except Exception:
        logger.debug("Closing the mail connection failed", exc_info=True)


def send_batch(mail_ids: list[int], now: dt.datetime | None = None) -> dict[str, int]:
    """Send the digests `mail_ids` that this sender can take; returns counts."""
    now = now or timezone.now()
    run = uuid.uuid4().hex
    DigestMail.objects.filter(
        pk__in=mail_ids, sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS
    ).filter(Q(retry_at__isnull=True) | Q(retry_at__lte=now)).update(
        claimed_by=run, retry_at=now + LEASE, attempts=F("attempts") + 1
    )
    mails = list(
        DigestMail.objects.filter(pk__in=mail_ids, claimed_by=run)
        .select_related("subscription")
        .order_by("pk")
    )
    counts = {"sent": 0, "failed": 0, "empty": 0, "deferred": 0}
    if not mails:
        return counts
    low = min(mail.after_item for mail in mails)
    high = max(mail.upto_item for mail in mails)
    items = list(
        Item.objects.filter(pk__gt=low, pk__lte=high, withdrawn_at__isnull=True).order_by("pk")
    )
    shown: dict[str, dict] = {}  # language: {item id: (entry, text, html)}
    connection = get_connection()
    try:
        for index, mail in enumerate(mails):
            subscription = mail.subscription
            language = subscription.language
            if language not in shown:
                shown[language] = {
                    item_id: (entry, *fragments(entry, language))
                    for item_id, entry in entries(items, language).items()
                }
            parts = [
                shown[language][item.pk]
                for item in items
                if mail.after_item < item.pk <= mail.upto_item
                and item.pk in shown[language]
                and subscription.wants(item)
            ]
            if not parts:  # everything it was to carry was withdrawn meanwhile
                DigestMail.objects.filter(pk=mail.pk).update(sent_at=timezone.now(), item_count=0)
                counts["empty"] += 1
                continue
            try:
                digest_email(subscription, parts, connection).send()
            except Exception as error:
                pause = pause_after(mail.attempts)
                DigestMail.objects.filter(pk=mail.pk).update(retry_at=now + pause)
                # Which mail and why, never to whom.
                logger.warning(
                    "Digest mail %s failed (%s); tried again after %s",
                    mail.pk, type(error).__name__, pause,
                )  # fmt: skip
                counts["failed"] += 1
                _close(connection)
                connection = get_connection()
                if _unreachable(error):
                    rest = [m.pk for m in mails[index + 1 :]]
                    # Not tried: released for the next run, and the attempt not counted.
                    DigestMail.objects.filter(pk__in=rest, claimed_by=run).update(
                        retry_at=now, attempts=F("attempts") - 1, claimed_by=""
                    )
                    counts["deferred"] += len(rest)
                    break
                continue
            DigestMail.objects.filter(pk=mail.pk).update(
                sent_at=timezone.now(), item_count=len(parts)
            )
            counts["sent"] += 1
    finally:
        _close(connection)
    return counts


def send_notice_now(subscription_id: int, kind: str, now: dt.datetime | None = None) -> None:
    """The confirmation or "already subscribed" mail (a task: `tasks.send_notice`), while
    it is owed (`Subscription.notice`). A sender first takes it with a conditional UPDATE
    (its pause over, not held by another), as digests are taken, so a notice queued twice
    goes once. Refused, it is left owed with a pause that doubles, and the scheduled job
    (`digests.requeue`) queues it again; at most MAX_ATTEMPTS tries. A subscription
    confirmed or gone before it went gets nothing."""
    now = now or timezone.now()
    owed = Subscription.objects.filter(pk=subscription_id, notice=kind)
    if kind == "confirm" and owed.filter(confirmed_at__isnull=False).update(notice=""):
        return
    taken = (
        owed.filter(notice_attempts__lt=MAX_ATTEMPTS)
        .filter(Q(notice_retry_at__isnull=True) | Q(notice_retry_at__lte=now))
        .update(notice_retry_at=now + LEASE, notice_attempts=F("notice_attempts") + 1)
    )
    if not taken:
        return
    subscription = Subscription.objects.get(pk=subscription_id)
    try:
        notice_email(subscription, kind).send()
    except Exception as error:
        pause = pause_after(subscription.notice_attempts)
        owed.update(notice_retry_at=now + pause)
        last = subscription.notice_attempts >= MAX_ATTEMPTS
        # A mail server's error names the recipient: say what failed without it.
        logger.log(
            logging.ERROR if last else logging.WARNING,
            "%s mail for subscription %s failed (%s); %s",
            kind, subscription_id, type(error).__name__,
            "given up" if last else f"tried again after {pause}",
        )  # fmt: skip
        raise RuntimeError(
            f"{kind} mail for subscription {subscription_id}: {type(error).__name__}"
        ) from None
    owed.update(notice="", notice_retry_at=None)
