"""Subscriptions by e-mail, without an account: who wants what, what was published, and the
mails owed.

- `Subscription`: one per address (compared without case), with its filters and how often.
  Nothing is sent to it before `confirmed_at` (double opt-in). Its random `token`, signed
  with a salt per use, is the key of its links: confirm (expiring), manage and unsubscribe.
- `Item`: a cheap row written in the request that publishes something (a page published
  for the first time, a council meeting announced): which kind, and what the filters
  compare (language, regions, organisations, themes), copied when it is recorded. Nothing is
  mailed in that request. Unpublished or deleted before it is sent, it is not sent.
- `DigestMail`: one row per mail owed, written by the scheduled job
  (`subscriptions.digests`): the subscription and the range of items it carries.

Each item goes at most once to a subscriber, by a high-water mark rather than a row per
subscriber and item (10,000 subscribers and 50 items would be half a million rows a day):
`Subscription.sent_up_to` is the highest item id already planned for it, and a digest
carries the items in (`after_item`, `upto_item`]. The job moves the mark and writes the mail
row in one transaction, with a conditional UPDATE on the old mark, so two jobs at once plan
a range once. Item ids are taken in the order items are recorded; the job only plans items
recorded at least `digests.SETTLE` ago, so a publishing transaction still open when the job
runs (its item's id taken, not yet visible) is not jumped over.

`__str__` never shows an address: Wagtail's audit log stores an object's string as its title.
"""

import secrets

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from byregion.core.addresses import absolute

CONFIRM_SALT = "byregion.subscriptions.confirm"
MANAGE_SALT = "byregion.subscriptions.manage"
# A confirmation link works this long; an unconfirmed subscription is pruned after it too.
CONFIRM_WITHIN_DAYS = 7


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Kind(models.TextChoices):
    GATHERING = "gathering", _("Gatherings")
    NEWS = "news", _("News")
    EXPERIENCE = "experience", _("Experiences")
    MEETING = "meeting", _("Council meetings")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("At once (a mail for each new item)")
    DAILY = "daily", _("Daily digest")
    WEEKLY = "weekly", _("Weekly digest")


class Subscription(models.Model):
    email = models.EmailField(_("e-mail address"), max_length=254)
    # The language of its mails and pages: the one the form was sent (or last saved) in.
    language = models.CharField(
        _("language of the mails"), max_length=8, choices=settings.LANGUAGES, default="nb"
    )
    frequency = models.CharField(
        _("how often"), max_length=16, choices=Frequency.choices, default=Frequency.DAILY
    )
    # The filters: an empty list means "all". Ids rather than relations: they are compared
    # in bulk with the items' ids, and a deleted region simply never matches again.
    kinds = models.JSONField(_("kinds"), default=list, blank=True)
    content_languages = models.JSONField(_("languages of the content"), default=list, blank=True)
    region_ids = models.JSONField(_("regions"), default=list, blank=True)
    organisation_ids = models.JSONField(_("organisations"), default=list, blank=True)
    theme_ids = models.JSONField(_("themes"), default=list, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created = models.DateTimeField(_("created"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    sent_up_to = models.BigIntegerField(default=0, editable=False)
    last_digest_at = models.DateTimeField(_("last digest"), null=True, blank=True)
    # The notice owed ("confirm" or "already", `sending.send_notice_now`), until a mail
    # server accepts it; refused, it is tried again by the scheduled job after a pause that
    # doubles (`notice_retry_at`), at most `sending.MAX_ATTEMPTS` times.
    notice = models.CharField(max_length=8, blank=True, default="", editable=False)
    notice_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    notice_retry_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["-created", "-pk"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="subscription_unique_email"),
        ]
        indexes = [
            models.Index(fields=["confirmed_at", "frequency", "id"], name="subscription_due"),
            models.Index(fields=["created"], name="subscription_created"),
            models.Index(
                fields=["notice_retry_at"],
                name="subscription_notice_owed",
                condition=~models.Q(notice=""),
            ),
        ]

    def __str__(self):
        return f"{self._meta.verbose_name} {self.pk}"

    # Links. Signed, so a token read from the database alone does not make a link, and a
    # new SECRET_KEY ends them all.
    def manage_token(self) -> str:
        return signing.Signer(salt=MANAGE_SALT).sign(self.token)

    def confirm_token(self) -> str:
        return signing.TimestampSigner(salt=CONFIRM_SALT).sign(self.token)

    def get_manage_url(self) -> str:
        return reverse("subscriptions:manage", args=[self.manage_token()])

    def get_absolute_manage_url(self) -> str:
        return absolute(self.get_manage_url())

    def get_absolute_unsubscribe_url(self) -> str:
        return absolute(reverse("subscriptions:unsubscribe", args=[self.manage_token()]))

    def get_absolute_confirm_url(self) -> str:
        return absolute(reverse("subscriptions:confirm", args=[self.confirm_token()]))

    def wants(self, item: "Item") -> bool:
        """Whether `item` passes this subscription's filters: in each filter that is set,
        the item must share at least one value (an item without themes passes no theme
        filter: council meetings have none)."""
        if self.kinds and item.kind not in self.kinds:
            return False
        if self.content_languages and item.language not in self.content_languages:
            return False
        for mine, theirs in (
            (self.region_ids, item.region_ids),
            (self.organisation_ids, item.organisation_ids),
            (self.theme_ids, item.theme_ids),
        ):
            if mine and not set(mine).intersection(theirs):
                return False
        return True


class Item(models.Model):
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    meeting = models.ForeignKey(
        "networks.Meeting", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(max_length=8, default="nb")
    region_ids = models.JSONField(default=list)
    organisation_ids = models.JSONField(default=list)
    theme_ids = models.JSONField(default=list)
    recorded_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("published item")
        verbose_name_plural = _("published items")
        constraints = [
            models.UniqueConstraint(
                fields=["page"], condition=models.Q(page__isnull=False), name="item_unique_page"
            ),
            models.UniqueConstraint(
                fields=["meeting"],
                condition=models.Q(meeting__isnull=False),
                name="item_unique_meeting",
            ),
        ]
        indexes = [models.Index(fields=["recorded_at"], name="item_recorded")]

    def __str__(self):
        return f"{self.kind} {self.page_id or self.meeting_id}"


class DigestMail(models.Model):
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="mails")
    after_item = models.BigIntegerField()
    upto_item = models.BigIntegerField()
    created = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    # While a sender holds the row: until when (a lease); after a failure: when to try again.
    retry_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=32, blank=True, default="")
    sent_at = models.DateTimeField(null=True, blank=True)
    # How many items it carried when sent (0: every one was withdrawn first; nothing sent).
    item_count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "upto_item"], name="digestmail_unique_range"
            ),
        ]
        indexes = [models.Index(fields=["sent_at", "retry_at"], name="digestmail_unsent")]

    def __str__(self):
        return f"DigestMail {self.pk}"
