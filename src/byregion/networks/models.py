"""Programmes, the regions they join, and the municipalities that make up each region over time.

A region is a set of municipalities whose membership changes with time and with municipal
reforms. A `Membership` row names one *version* of a municipality (a `places.Place` row) and
the period the region counted it, so a region's members on any date, and the same members
expressed in another date's codes, are answered from places' timeline rather than stored twice.
The questions asked of these rows live in `networks.membership`.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Programme(models.Model):
    """A national programme that joins regions, e.g. Byregionprogrammet."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    owner = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="programmes_owned",
    )
    operator = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("operator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="programmes_operated",
        help_text=_("The organisation that runs the programme's learning network."),
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Last day."))
    purpose = models.TextField(_("purpose"), blank=True)
    language = models.CharField(
        _("language of the text"), max_length=8, default="nb",
        choices=[("nb", "Bokmål"), ("nn", "Nynorsk"), ("en", "English")],
    )  # fmt: skip

    class Meta:
        ordering = ["-start", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="programme_period",
            )
        ]

    def __str__(self):
        return self.name


class RegionKind(models.TextChoices):
    CITY_REGION = "city_region", _("city region")
    COUNTY_REGION = "county_region", _("regional council area")
    OTHER = "other", _("other")


class Region(models.Model):
    """A city and its surrounding municipalities (by og omland), or another grouping a
    network works with."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=RegionKind.choices, default=RegionKind.CITY_REGION
    )
    host = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("host organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_regions",
        help_text=_("The organisation that hosts the region's project."),
    )
    description = models.TextField(_("description"), blank=True)
    programmes = models.ManyToManyField(
        Programme, through="ProgrammeRegion", related_name="regions", blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name


class ProgrammeRegion(models.Model):
    """A region's participation in a programme, from the day it joined to the day it left."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="+"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+"
    )
    joined = models.DateField(_("joined"))
    left = models.DateField(_("left"), null=True, blank=True, help_text=_("Last day."))

    class Meta:
        ordering = ["programme", "region__name"]
        verbose_name = _("programme participation")
        verbose_name_plural = _("programme participations")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "region", "joined"], name="programme_region_unique"
            ),
            models.CheckConstraint(
                condition=Q(left__isnull=True) | Q(left__gte=models.F("joined")),
                name="programme_region_period",
            ),
        ]

    def __str__(self):
        return f"{self.region}, {self.programme}"


class MembershipKind(models.TextChoices):
    MEMBER = "member", _("member")
    OBSERVER = "observer", _("observer")


class Membership(models.Model):
    """One municipality version's membership of a region, for a period.

    `valid_to` is exclusive, as in `places`; empty means "as long as this version of the
    municipality exists". A merger therefore ends the row by itself, and the region's members
    after the merger are the new municipality only if someone records that membership, or the
    question asked maps the old codes forward (see `networks.membership`).
    """

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="memberships"
    )
    municipality = models.ForeignKey(
        "places.Place",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="region_memberships",
        limit_choices_to={"kind": "municipality"},
    )
    kind = models.CharField(
        _("kind of membership"),
        max_length=10,
        choices=MembershipKind.choices,
        default=MembershipKind.MEMBER,
    )
    is_centre = models.BooleanField(
        _("centre municipality"), default=False, help_text=_("The city of the region.")
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("First day it is no longer a member.")
    )
    source_note = models.TextField(
        _("source note"),
        blank=True,
        help_text=_("Where this membership is recorded, and where sources disagree."),
    )

    class Meta:
        ordering = ["region", "municipality__code", "valid_from"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="membership_valid_period",
            )
        ]
        indexes = [models.Index(fields=["valid_from", "valid_to"])]

    def __str__(self):
        return f"{self.municipality}, {self.region}"
