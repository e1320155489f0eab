"""Registrations for gatherings: who comes, to what, and what the organisers must know.

A registration is a record with rules (capacity, waitlist order, deadlines), so it is a plain
model beside the gathering page, not part of the page's revisions. Every change of seats goes
through `registrations.services`, which holds the locks; nothing here decides capacity.

Personal data kept here is the minimum an organiser needs to run the day. `__str__` never
shows it, because Wagtail's audit log stores an object's string as its title.
"""

import secrets
import uuid

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from byregion.core.limits import normalised_email

# Check-in codes avoid letters and digits that look alike when read aloud or typed from paper.
CHECK_IN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PERSONAL_LINK_SALT = "byregion.registrations.personal-link"
EMAIL_CONFIRMATION_SALT = "byregion.registrations.email-confirmation"


def new_check_in_code() -> str:
    return "".join(secrets.choice(CHECK_IN_ALPHABET) for _ in range(10))


def new_token() -> str:
    return secrets.token_urlsafe(32)


class RoleCategory(models.Model):
    """What a participant does, for statistics: an editable list, seeded by a migration."""

    name = models.CharField(_("name in English"), max_length=100)
    name_nb = models.CharField(_("name in Bokmål"), max_length=100)
    name_nn = models.CharField(_("name in Nynorsk"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("role category")
        verbose_name_plural = _("role categories")

    def __str__(self):
        return self.name_in(get_language())

    def name_in(self, language: str | None) -> str:
        language = (language or "").split("-")[0]
        return {"nb": self.name_nb, "nn": self.name_nn}.get(language) or self.name


class Status(models.TextChoices):
    CONFIRMED = "confirmed", _("confirmed")
    WAITLISTED = "waitlisted", _("on the waitlist")
    CANCELLED = "cancelled", pgettext_lazy("registration status", "cancelled")


# A registration holding a seat or a place in line; a person has at most one per gathering.
ACTIVE = (Status.CONFIRMED, Status.WAITLISTED)


class Dietary(models.TextChoices):
    VEGETARIAN = "vegetarian", _("vegetarian")
    VEGAN = "vegan", _("vegan")
    GLUTEN = "gluten", _("gluten-free")
    LACTOSE = "lactose", _("lactose-free")
    NUTS = "nuts", _("nut allergy")
    FISH = "fish", _("fish or shellfish allergy")


class RegistrationQuerySet(models.QuerySet):
    def on_public_list(self):
        """Who the public participant list shows: the one rule for it. A seat, consent, and
        an e-mail address its owner has confirmed (anyone can type a name and someone
        else's address into the form), and not erased."""
        return self.filter(
            status=Status.CONFIRMED,
            public_consent=True,
            email_confirmed_at__isnull=False,
            anonymised_at__isnull=True,
        )


class Registration(models.Model):
    gathering = models.ForeignKey(
        "gatherings.GatheringPage",
        verbose_name=_("gathering"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), max_length=254)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation_name = models.CharField(
        _("organisation name"),
        max_length=200,
        blank=True,
        help_text=_("As the participant gave it, or the directory's name when picked from it."),
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    role = models.ForeignKey(
        RoleCategory,
        verbose_name=_("role category"),
        null=True,
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    region = models.ForeignKey(
        "networks.Region",
        verbose_name=_("home region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    municipality = models.ForeignKey(
        "places.Place",
        verbose_name=_("home municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "municipality"},
    )
    dietary = models.JSONField(_("dietary needs"), default=list, blank=True)
    dietary_other = models.CharField(_("other dietary needs"), max_length=200, blank=True)
    accessibility = models.CharField(_("accessibility needs"), max_length=500, blank=True)
    public_consent = models.BooleanField(
        _("on the public participant list"),
        default=False,
        help_text=_("Name, organisation and region only, and only with the participant's consent."),
    )
    language = models.CharField(_("language"), max_length=8, default="nb")
    # When the owner of `email` opened the link sent to it and confirmed; empty again when
    # the address changes. Only a confirmed address puts a name on the public list.
    email_confirmed_at = models.DateTimeField(
        _("e-mail address confirmed"), null=True, blank=True, editable=False
    )
    # The address before the participant changed it, until it is told of the change
    # (tasks: "address_changed"); then empty again.
    previous_email = models.EmailField(
        _("previous e-mail"), max_length=254, blank=True, editable=False
    )
    idempotency_key = models.UUIDField(_("form key"), unique=True, editable=False)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    check_in_code = models.CharField(
        _("check-in code"), max_length=12, unique=True, default=new_check_in_code, editable=False
    )
    created = models.DateTimeField(_("registered"), auto_now_add=True, db_index=True)
    updated = models.DateTimeField(_("changed"), auto_now=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(
        pgettext_lazy("registration status", "cancelled"), null=True, blank=True
    )
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    needs_erased_at = models.DateTimeField(_("needs erased"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    # Whether the participant has answered the gathering's evaluation: a yes, with no time,
    # so it cannot be matched with an answer (`evaluation`). Set with an UPDATE, which
    # leaves `updated` alone for the same reason.
    evaluated = models.BooleanField(_("evaluation answered"), default=False, editable=False)

    # Wagtail's reference index ("where is this page used?") need not list registrations,
    # and indexing them on every save would sit inside the seat lock.
    objects = RegistrationQuerySet.as_manager()

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["gathering", "created", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        # Model permissions say what a user may do; this one says it for every gathering
        # (the operator's staff), where others reach only their organisation's gatherings.
        permissions = [
            ("manage_every_gathering", _("Can manage the registrations of every gathering"))
        ]
        indexes = [models.Index(fields=["gathering", "status", "created"])]
        constraints = [
            # One active registration per address and gathering, whatever the case of its
            # letters: the services check it under the seat lock (and answer a second
            # attempt by re-sending the link); this is the database's guarantee behind
            # them, and the index their check reads. A partial index on an expression,
            # which SQLite (3.9+) and PostgreSQL both have. Their lower() differs only for
            # letters outside ASCII (SQLite folds ASCII only), which addresses rarely have.
            models.UniqueConstraint(
                "gathering",
                Lower("email"),
                condition=models.Q(status__in=ACTIVE),
                name="one_active_registration_per_address",
            )
        ]

    def __str__(self):
        # No personal data: this string is stored in the audit log.
        return str(_("Registration %(number)s") % {"number": self.pk or "\N{EN DASH}"})

    @property
    def personal_token(self) -> str:
        return signing.Signer(salt=PERSONAL_LINK_SALT).sign(self.token)

    def get_personal_url(self) -> str:
        return reverse("registrations:personal", args=[self.personal_token])

    def get_absolute_personal_url(self) -> str:
        return settings.SITE_URL + self.get_personal_url()

    @property
    def email_confirmation_code(self) -> str:
        """The code in the link that confirms the address: an HMAC (SECRET_KEY, a salt of
        its own) of the registration's secret token and its current address, so it proves
        the link came from us to this address, and stops working when either changes."""
        return signing.Signer(salt=EMAIL_CONFIRMATION_SALT).signature(self._confirmation_value())

    def confirms_email(self, code: str) -> bool:
        """Whether `code` confirms the current address (a key in SECRET_KEY_FALLBACKS too)."""
        value = self._confirmation_value()
        try:
            return signing.Signer(salt=EMAIL_CONFIRMATION_SALT).unsign(f"{value}:{code}") == value
        except signing.BadSignature:
            return False

    def _confirmation_value(self) -> str:
        return f"{self.token}:{normalised_email(self.email)}"

    def get_email_confirmation_url(self) -> str:
        return reverse(
            "registrations:confirm_email",
            args=[self.personal_token, self.email_confirmation_code],
        )

    def get_evaluation_url(self) -> str:
        return reverse("registrations:evaluate", args=[self.personal_token])

    def get_absolute_evaluation_url(self) -> str:
        return settings.SITE_URL + self.get_evaluation_url()

    def get_absolute_email_confirmation_url(self) -> str:
        return settings.SITE_URL + self.get_email_confirmation_url()

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None


class SessionChoice(models.Model):
    """A session a participant picked; a limited session's seats are its confirmed choices."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="session_choices"
    )
    session = models.ForeignKey(
        "gatherings.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="registration_choices",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices[:2])
    created = models.DateTimeField(auto_now_add=True)

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["session__start", "session__title"]
        verbose_name = _("session choice")
        verbose_name_plural = _("session choices")
        constraints = [
            models.UniqueConstraint(fields=["registration", "session"], name="one_choice_each")
        ]
        indexes = [models.Index(fields=["session", "status", "created"])]

    def __str__(self):
        return f"{self.session_id}: {self.status}"


def new_idempotency_key() -> uuid.UUID:
    return uuid.uuid4()


class ReminderMail(models.Model):
    """One reminder or follow-up owed to one registration (`reminders`): made when it falls
    due, sent once. The row is the promise and the ledger: the unique (registration, kind)
    means no mail is owed twice, whoever runs the job, and `sent_at` says it went. A failed
    send waits until `retry_at` and is tried again."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="reminder_mails"
    )
    # "upcoming-7" (7 days before, confirmed), "waitlisted-7", "follow-up".
    kind = models.CharField(max_length=40)
    created = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Taken by a sender until then; after it, anyone may (try again).
    retry_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder e-mail")
        verbose_name_plural = _("reminder e-mails")
        constraints = [
            models.UniqueConstraint(fields=["registration", "kind"], name="one_reminder_each")
        ]
        indexes = [models.Index(fields=["sent_at", "retry_at"])]

    def __str__(self):
        return f"{self.kind}: {self.registration_id}"


class Questionnaire(models.Model):
    """A gathering's evaluation (`evaluation`): which of the fixed questions it asks, whether
    it asks for a rating of each session, and its free-text question. One per gathering; a
    gathering without one asks nothing."""

    gathering = models.OneToOneField(
        "gatherings.GatheringPage",
        verbose_name=_("gathering"),
        on_delete=models.CASCADE,
        related_name="questionnaire",
    )
    ask_overall = models.BooleanField(_("ask for an overall rating"), default=True)
    ask_relevance = models.BooleanField(
        _("ask how relevant it was for the region's work"), default=True
    )
    ask_recommend = models.BooleanField(_("ask whether they would recommend it"), default=True)
    rate_sessions = models.BooleanField(_("ask for a rating of each session"), default=True)
    ask_comment = models.BooleanField(_("ask a free-text question"), default=True)
    comment_prompt = models.CharField(
        _("free-text question"),
        max_length=300,
        blank=True,
        help_text=_("Empty: “What should we keep, and what should we change?”"),
    )
    updated = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("evaluation questionnaire")
        verbose_name_plural = _("evaluation questionnaires")

    def __str__(self):
        return str(_("Evaluation %(number)s") % {"number": self.pk or "\N{EN DASH}"})


class EvaluationResponse(models.Model):
    """One participant's answers, kept apart from who gave them: no link to the
    registration, and only the day it came (the registration's `evaluated` says it was
    given). Ratings are 1\u20135; `recommend` is yes or no; `session_ratings` maps a
    session's id (as text) to its rating."""

    gathering = models.ForeignKey(
        "gatherings.GatheringPage",
        verbose_name=_("gathering"),
        on_delete=models.CASCADE,
        related_name="evaluation_responses",
    )
    submitted_on = models.DateField(_("day submitted"))
    overall = models.PositiveSmallIntegerField(_("overall"), null=True, blank=True)
    relevance = models.PositiveSmallIntegerField(
        _("relevance for the region's work"), null=True, blank=True
    )
    recommend = models.BooleanField(_("would recommend"), null=True, blank=True)
    session_ratings = models.JSONField(_("session ratings"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    is_generated = models.BooleanField(
        _("generated demo data"),
        default=False,
        help_text=_("Made up to show the results page; the results say so."),
    )

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("evaluation answer")
        verbose_name_plural = _("evaluation answers")
        indexes = [models.Index(fields=["gathering", "submitted_on"])]

    def __str__(self):
        return str(_("Evaluation answer %(number)s") % {"number": self.pk or "\N{EN DASH}"})
