"""Organisations: who takes part in a network, and how the public reaches them.

An `Organisation` is one legal entity. When municipalities merge, the old municipality's
organisation is dissolved and the new one is another organisation (often with a new
organisation number), so an organisation links to the one municipality *version* it was
the council of. Contact details and opening hours are public facts about the organisation,
never about a person.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)

from . import hours
from .fields import OrganisationNumberField, PhoneNumberField
from .formatting import format_hours, format_org_number
from .forms import OrganisationForm
from .validators import validate_postcode

# Letters slugify() would drop rather than transliterate ("Ørskog" -> "rskog").
NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def norwegian_slug(name: str) -> str:
    """ "Ørskog kommune" -> "orskog-kommune": readable URLs in plain ASCII."""
    return slugify(name.translate(NORWEGIAN_LETTERS))


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    COUNTY_COUNCIL = "county_council", _("county council")
    MINISTRY = "ministry", _("ministry")
    DIRECTORATE = "directorate", _("directorate or operator")
    COMPANY = "company", _("company")
    RESEARCH = "research", _("research or education body")
    OTHER = "other", _("other")


@dataclass(frozen=True)
class Address:
    street: str
    postcode: str
    town: str


class Organisation(ClusterableModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_(
            "The last part of the page's address, e.g. alesund-kommune. "
            "Leave it empty to make one from the name."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    org_number = OrganisationNumberField(
        _("organisation number"),
        blank=True,
        help_text=_("From the Central Coordinating Register for Legal Entities, e.g. 942 953 119."),
    )
    # SET_NULL, not PROTECT: the places app corrects its records without asking us; a lost
    # link is visible in the admin and quickly made again.
    municipality = models.ForeignKey(
        "places.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("For a municipality: the version of the municipality it is the council of."),
    )
    logo = models.ForeignKey(
        "images.CreditedImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("short description"), max_length=600, blank=True)
    established = models.DateField(_("established"), null=True, blank=True)
    dissolved = models.DateField(
        _("dissolved"),
        null=True,
        blank=True,
        help_text=_("The first day it no longer existed as a legal entity, e.g. after a merger."),
    )

    phone = PhoneNumberField(_("switchboard phone"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("web site"), blank=True)
    postal_street = models.CharField(
        _("postal address"), max_length=200, blank=True, help_text=_("E.g. Postboks 1521.")
    )
    postal_postcode = models.CharField(
        _("postcode"), max_length=4, blank=True, validators=[validate_postcode]
    )
    postal_town = models.CharField(_("town"), max_length=100, blank=True)
    visiting_street = models.CharField(_("visiting address"), max_length=200, blank=True)
    visiting_postcode = models.CharField(
        _("postcode"), max_length=4, blank=True, validators=[validate_postcode]
    )
    visiting_town = models.CharField(_("town"), max_length=100, blank=True)
    registration_groups = models.ManyToManyField(
        "auth.Group",
        verbose_name=_("registration managers"),
        blank=True,
        related_name="registration_organisations",
        help_text=_(
            "Members of these groups manage the registrations of the gatherings this "
            "organisation organises, and no others (with the rights their group gives: "
            "view, change, delete)."
        ),
    )

    base_form_class = OrganisationForm
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("name"),
                    FieldPanel("slug"),
                    FieldPanel("kind"),
                    FieldPanel("org_number"),
                    FieldPanel("municipality"),
                    FieldPanel("logo"),
                    FieldPanel("description"),
                    FieldRowPanel([FieldPanel("established"), FieldPanel("dissolved")]),
                ],
                heading=_("Organisation"),
            ),
            ObjectList(
                [
                    FieldPanel("phone"),
                    FieldPanel("email"),
                    FieldPanel("website"),
                    MultiFieldPanel(
                        [
                            FieldPanel("postal_street"),
                            FieldRowPanel(
                                [FieldPanel("postal_postcode"), FieldPanel("postal_town")]
                            ),
                        ],
                        heading=_("Postal address"),
                    ),
                    MultiFieldPanel(
                        [
                            FieldPanel("visiting_street"),
                            FieldRowPanel(
                                [FieldPanel("visiting_postcode"), FieldPanel("visiting_town")]
                            ),
                        ],
                        heading=_("Visiting address"),
                    ),
                ],
                heading=_("Contact"),
            ),
            ObjectList(
                [
                    InlinePanel("switchboard_hours", heading=_("Switchboard hours")),
                    InlinePanel("opening_hours", heading=_("Opening hours")),
                    InlinePanel("hours_exceptions", heading=_("Exceptions")),
                ],
                heading=_("Hours"),
            ),
            ObjectList([FieldPanel("registration_groups")], heading=_("Access")),
        ]
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["kind", "name"]), models.Index(fields=["name"])]
        constraints = [
            models.UniqueConstraint(
                fields=["org_number"],
                condition=~Q(org_number=""),
                name="organisation_unique_org_number",
                violation_error_message=_(
                    "Organisation number: another organisation already has this number."
                ),
            ),
            models.CheckConstraint(
                condition=Q(dissolved__isnull=True)
                | Q(established__isnull=True)
                | Q(dissolved__gt=models.F("established")),
                name="organisation_dissolved_after_established",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    def clean(self):
        if not self.slug:
            self.slug = norwegian_slug(self.name)
        errors = {}
        if self.municipality_id and self.kind != OrganisationKind.MUNICIPALITY:
            errors["municipality"] = _(
                "Choose a municipality only for an organisation of the kind municipality."
            )
        if self.established and self.dissolved and self.dissolved <= self.established:
            errors["dissolved"] = _("Dissolved must be after established.")
        for prefix in ("postal", "visiting"):
            parts = [getattr(self, f"{prefix}_{part}") for part in ("street", "postcode", "town")]
            if any(parts):
                for part in ("postcode", "town"):
                    if not getattr(self, f"{prefix}_{part}"):
                        errors[f"{prefix}_{part}"] = _("An address needs a postcode and a town.")
        if errors:
            raise ValidationError(errors)

    @property
    def org_number_display(self) -> str:
        return format_org_number(self.org_number)

    @property
    def postal_address(self) -> Address | None:
        if not self.postal_town:
            return None
        return Address(self.postal_street, self.postal_postcode, self.postal_town)

    @property
    def visiting_address(self) -> Address | None:
        if not self.visiting_town:
            return None
        return Address(self.visiting_street, self.visiting_postcode, self.visiting_town)

    @property
    def has_contact_details(self) -> bool:
        """Whether a contact block would show anything (many demo councils have nothing yet)."""
        return bool(
            self.phone
            or self.email
            or self.website
            or self.postal_address
            or self.visiting_address
            or self.org_number
            or self.this_week
        )

    @cached_property
    def switchboard_summary(self) -> tuple[hours.DaysHours, ...]:
        return hours.summarise(self.switchboard_hours.all())

    @cached_property
    def this_week(self) -> hours.Week:
        """This week's hours in Norway, exceptions applied.

        The read functions in `directory` fill this in from their prefetch; anywhere else it
        costs three queries.
        """
        today = timezone.localdate()
        return hours.week_hours(
            today,
            self.opening_hours.all(),
            self.switchboard_hours.all(),
            self.hours_exceptions.filter(date__range=hours.week_dates(today)),
        )


class WeeklyHours(models.Model):
    """A weekday's hours in a regular week; a weekday without a row is closed."""

    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=list(WEEKDAYS.items()))
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta:
        abstract = True
        ordering = ["weekday"]

    def __str__(self):
        return f"{self.get_weekday_display()} {format_hours(self.opens, self.closes)}"

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Closing time must be after opening time.")})


class OpeningHours(WeeklyHours):
    """When the organisation's front desk (visiting address) is open."""

    organisation = ParentalKey(Organisation, on_delete=models.CASCADE, related_name="opening_hours")

    class Meta(WeeklyHours.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        # unique_together, not a UniqueConstraint: modelcluster checks it across the inline
        # forms, so a weekday entered twice is an error in the form, not a failed save.
        unique_together = [("organisation", "weekday")]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")), name="openinghours_closes_after_opens"
            )
        ]


class SwitchboardHours(WeeklyHours):
    """When the switchboard phone is staffed."""

    organisation = ParentalKey(
        Organisation, on_delete=models.CASCADE, related_name="switchboard_hours"
    )

    class Meta(WeeklyHours.Meta):
        verbose_name = _("switchboard hours")
        verbose_name_plural = _("switchboard hours")
        unique_together = [("organisation", "weekday")]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")),
                name="switchboardhours_closes_after_opens",
            )
        ]


class HoursException(models.Model):
    """A date whose hours differ from the regular week, in every schedule: closed or other hours."""

    organisation = ParentalKey(
        Organisation, on_delete=models.CASCADE, related_name="hours_exceptions"
    )
    date = models.DateField(_("date"))
    label = models.CharField(
        _("occasion"), max_length=100, help_text=_("E.g. Christmas Eve, Constitution Day.")
    )
    closed = models.BooleanField(_("closed"), default=False)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("label")]),
        FieldRowPanel([FieldPanel("closed"), FieldPanel("opens"), FieldPanel("closes")]),
    ]

    class Meta:
        ordering = ["date"]
        verbose_name = _("exception")
        verbose_name_plural = _("exceptions")
        unique_together = [("organisation", "date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed=True, opens__isnull=True, closes__isnull=True)
                | Q(closed=False, opens__isnull=False, closes__gt=models.F("opens")),
                name="hoursexception_closed_or_hours",
            )
        ]

    def __str__(self):
        return f"{self.date} {self.label}"

    def clean(self):
        if self.closed and (self.opens or self.closes):
            raise ValidationError(_("Either tick closed or give the hours, not both."))
        if not self.closed:
            if not (self.opens and self.closes):
                raise ValidationError(_("Give the hours it opens and closes, or tick closed."))
            if self.closes <= self.opens:
                raise ValidationError({"closes": _("Closing time must be after opening time.")})
