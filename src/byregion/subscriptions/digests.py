"""What the scheduled job (`byregion send-subscriptions`) decides: who is due a mail, with
which items; then queue one task per batch of subscribers (`tasks.send_digests`), which
builds and sends the batch's mails (`sending.send_batch`).

Due: an "immediate" subscription at every run; a daily one when its last digest is a day
old, a weekly one when it is a week old (each less `SLACK`, so a job run at the same hour
every day does not slip by its own running time). A subscription is due only when there is
something past its mark (`Subscription.sent_up_to`, see models.py): the items recorded at
least `SETTLE` ago, not withdrawn, that pass its filters. Nothing new that it wants: its
mark moves on, and no mail.

Per batch of `BYREGION_SUBSCRIPTION_BATCH_SIZE` subscriptions (200 by default), in one
transaction with the batch's rows locked: one `DigestMail` row per mail owed (the range of
items it carries) and the marks moved past the range. Then, once committed, one task for
the batch. Two jobs at once: the second waits for the lock and finds the marks moved.

Mails a mail server refused earlier, and batches whose task was lost, are queued again
(`requeue`) when their pause is over.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from . import services
from .models import DigestMail, Frequency, Item, Subscription
from .sending import MAX_ATTEMPTS
from .tasks import send_digests, send_notice

SETTLE = dt.timedelta(minutes=2)
SLACK = dt.timedelta(minutes=30)
INTERVAL = {Frequency.DAILY: dt.timedelta(days=1), Frequency.WEEKLY: dt.timedelta(days=7)}
# A planned mail whose task never ran (the queue was lost) is queued again after this.
STUCK = dt.timedelta(hours=1)


def _due(now: dt.datetime, cutoff: int) -> Q:
    condition = Q(frequency=Frequency.IMMEDIATE)
    for frequency, interval in INTERVAL.items():
        condition |= Q(frequency=frequency) & (
            Q(last_digest_at__isnull=True) | Q(last_digest_at__lte=now - interval + SLACK)
        )
    return Q(confirmed_at__isnull=False, sent_up_to__lt=cutoff) & condition


def _enqueue(mail_ids: list[int]) -> None:
    send_digests.enqueue(mail_ids)


def plan(now: dt.datetime | None = None, batch_size: int | None = None) -> dict[str, int]:
    """Write the mails owed now and queue their batches; returns counts."""
    now = now or timezone.now()
    batch_size = batch_size or settings.BYREGION_SUBSCRIPTION_BATCH_SIZE
    counts = {"mails": 0, "batches": 0, "moved": 0}
    cutoff = Item.objects.filter(recorded_at__lte=now - SETTLE).aggregate(top=Max("pk"))["top"]
    if not cutoff:
        return counts
    due = Subscription.objects.filter(_due(now, cutoff))
    low = due.aggregate(low=Min("sent_up_to"))["low"]
    if low is None:
        return counts
    # The items any due subscription may get: recorded after the lowest mark, up to the
    # cutoff. A week of publishing at most (the weekly digest), a few hundred rows.
    items = list(
        Item.objects.filter(pk__gt=low, pk__lte=cutoff, withdrawn_at__isnull=True).order_by("pk")
    )
    last = 0
    while True:
        batch = list(
            due.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch_size]
        )
        if not batch:
            break
        last = batch[-1]
        made, moved = _plan_batch(batch, items, cutoff, now)
        counts["mails"] += len(made)
        counts["moved"] += moved
        if made:
            counts["batches"] += 1
    return counts


def _plan_batch(ids: list[int], items: list[Item], cutoff: int, now: dt.datetime):
    with transaction.atomic():
        # Locked, and read again under the lock: another job may have planned them.
        subscriptions = list(
            Subscription.objects.select_for_update()
            .filter(pk__in=ids, sent_up_to__lt=cutoff, confirmed_at__isnull=False)
            .only("pk", "sent_up_to", *services.CHOICE_FIELDS)
        )
        owed = [
            DigestMail(subscription_id=s.pk, after_item=s.sent_up_to, upto_item=cutoff, created=now)
            for s in subscriptions
            if any(s.sent_up_to < item.pk and s.wants(item) for item in items)
        ]
        made = DigestMail.objects.bulk_create(owed)
        Subscription.objects.filter(pk__in=[s.pk for s in subscriptions]).update(sent_up_to=cutoff)
        Subscription.objects.filter(pk__in=[m.subscription_id for m in made]).update(
            last_digest_at=now
        )
        mail_ids = [mail.pk for mail in made]
        if mail_ids:
            transaction.on_commit(partial(_enqueue, mail_ids))
    return mail_ids, len(subscriptions)


def requeue(now: dt.datetime | None = None, batch_size: int | None = None) -> int:
    """Queue again the unsent mails whose pause is over (refused before, released by a
    batch that stopped, or held by a sender that died) and those whose task never ran."""
    now = now or timezone.now()
    batch_size = batch_size or settings.BYREGION_SUBSCRIPTION_BATCH_SIZE
    waiting = (
        DigestMail.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(retry_at__lte=now) | Q(retry_at__isnull=True, created__lt=now - STUCK))
        .order_by("pk")
    )
    count, last = 0, 0
    while batch := list(waiting.filter(pk__gt=last).values_list("pk", flat=True)[:batch_size]):
        _enqueue(batch)
        count += len(batch)
        last = batch[-1]
    # The confirmation and "already subscribed" notices a mail server refused, or whose
    # task never ran: one task each (there are few; each is a form sent by a person).
    notices = (
        Subscription.objects.exclude(notice="")
        .filter(notice_attempts__lt=MAX_ATTEMPTS)
        .filter(
            Q(notice_retry_at__lte=now) | Q(notice_retry_at__isnull=True, created__lt=now - STUCK)
        )
        .values_list("pk", "notice")
    )
    for pk, notice in notices.iterator():
        send_notice.enqueue(pk, notice)
        count += 1
    return count


def run(now: dt.datetime | None = None) -> dict[str, int]:
    """What the scheduled job does: prune the unconfirmed, queue again what waited, plan
    what is due."""
    now = now or timezone.now()
    pruned = services.prune(now)
    requeued = requeue(now)
    return {"pruned": pruned, "requeued": requeued, **plan(now)}
