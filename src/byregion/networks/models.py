"""Programmes, the regions they join, and the municipalities that make up each region over time.

A region is a set of municipalities whose membership changes with time and with municipal
reforms. A `Membership` row names one *version* of a municipality (a `places.Place` row) and
the period the region counted it, so a region's members on any date, and the same members
expressed in another date's codes, are answered from places' timeline rather than stored twice.
The questions asked of these rows live in `networks.membership`.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from byregion.core.dates import long_date
from byregion.core.fields import language_field
from byregion.organisations.fields import PhoneNumberField


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
    language = language_field()

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

    def get_absolute_url(self):
        return reverse("networks:programme", kwargs={"slug": self.slug})


class RegionKind(models.TextChoices):
    CITY_REGION = "city_region", _("city region")
    COUNTY_REGION = "county_region", _("regional council area")
    OTHER = "other", _("other")


class Region(ClusterableModel):
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
    language = language_field()
    # The project's contact person is a work role the region chooses to publish; nothing
    # here is filled in unless an editor enters it.
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_title = models.CharField(_("contact's position"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact's e-mail"), blank=True)
    contact_phone = PhoneNumberField(_("contact's phone"), blank=True)
    editor_groups = models.ManyToManyField(
        "auth.Group",
        verbose_name=_("editor groups"),
        blank=True,
        related_name="editable_regions",
        help_text=_(
            "Members of these groups may edit this region, its councils and their meetings."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        permissions = [
            (
                "change_every_region",
                _("Can edit every programme, region, council and meeting (the operator)"),
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:region", kwargs={"slug": self.slug})

    def clean(self):
        # The region's pages live below /regioner/<slug>/ beside the programme pages.
        if self.slug == "programmer":
            raise ValidationError({"slug": _("This slug is reserved; choose another.")})


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

    region = ParentalKey(
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

    @property
    def ends(self):
        """The first day it no longer counts: its own end or its municipality version's."""
        ends = [d for d in (self.valid_to, self.municipality.valid_to) if d]
        return min(ends) if ends else None

    @property
    def last_day(self):
        ends = self.ends
        return ends - dt.timedelta(days=1) if ends else None

    def is_valid_on(self, date) -> bool:
        ends = self.ends
        return self.valid_from <= date and (ends is None or date < ends)

    def clean(self):
        """One row's rules: it ends after it starts, within its municipality version's life."""
        errors = {}
        start, end = self.valid_from, self.valid_to
        if start and end and end <= start:
            errors["valid_to"] = _(
                "The membership must end after it starts: “valid to” is the first day it no "
                "longer counts, after %(start)s."
            ) % {"start": long_date(start)}
        if start and self.municipality_id:
            place = self.municipality
            outlived = end and place.valid_to and end > place.valid_to
            if start < place.valid_from or (place.valid_to and start >= place.valid_to) or outlived:
                if place.valid_to:
                    last = place.valid_to - dt.timedelta(days=1)
                    message = _(
                        "%(place)s existed from %(start)s to %(end)s; a membership of it must "
                        "lie within that period. Record a later municipality as a membership of "
                        "its own."
                    )
                    dates = {"start": long_date(place.valid_from), "end": long_date(last)}
                else:
                    message = _(
                        "%(place)s exists from %(start)s; a membership of it cannot start earlier."
                    )
                    dates = {"start": long_date(place.valid_from)}
                message = message % {"place": place, **dates}
                errors["municipality"] = message
        if errors:
            raise ValidationError(errors)


class Sector(models.Model):
    """A part of society a council draws its members from (an editable list)."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name (Bokmål)"), max_length=100)
    name_nn = models.CharField(_("name (Nynorsk)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")

    def __str__(self):
        return self.localized_name

    @property
    def localized_name(self) -> str:
        language = (get_language() or "nb").split("-")[0]
        return {"nn": self.name_nn, "en": self.name_en}.get(language) or self.name


class Council(ClusterableModel):
    """A region's council: people from the sectors of the region who advise and meet."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="councils"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    mandate = models.TextField(_("mandate"), blank=True)
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True, help_text=_("Last day."))
    language = language_field()
    source_note = models.TextField(
        _("source note"), blank=True, help_text=_("Where the composition is recorded.")
    )

    class Meta:
        ordering = ["region__name", "name"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="council_unique_slug"),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True)
                | Q(term_start__isnull=True)
                | Q(term_end__gte=models.F("term_start")),
                name="council_term",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:council", kwargs={"region": self.region.slug, "slug": self.slug})

    def clean(self):
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": _("The term cannot end before it starts.")})


class CouncilRole(models.TextChoices):
    CHAIR = "chair", _("chair")
    DEPUTY = "deputy", _("deputy chair")
    MEMBER = "member", _("member")


class CouncilMember(Orderable):
    """A seat on a council: a position in an organisation, from a sector.

    The person's name is optional and shown only when `name_is_public` says the person
    agreed to it; a seat without a name still counts in the composition.
    """

    council = ParentalKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="members"
    )
    person_name = models.CharField(_("name"), max_length=200, blank=True)
    name_is_public = models.BooleanField(
        _("name may be published"),
        default=False,
        help_text=_("Tick only when the person has agreed to their name being shown."),
    )
    position = models.CharField(
        _("position"), max_length=200, help_text=_("E.g. Mayor, or Youth council member.")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council_seats",
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="members"
    )
    role = models.CharField(
        _("role"), max_length=10, choices=CouncilRole.choices, default=CouncilRole.MEMBER
    )

    class Meta(Orderable.Meta):
        verbose_name = _("council member")
        verbose_name_plural = _("council members")

    def __str__(self):
        return self.public_label

    @property
    def public_name(self) -> str:
        return self.person_name if self.name_is_public else ""

    @property
    def public_label(self) -> str:
        parts = [self.public_name, self.position]
        if self.organisation_id:
            parts.append(self.organisation.name)
        return ", ".join(p for p in parts if p)


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class Meeting(ClusterableModel):
    """A council meeting. Times are stored in UTC and shown in Norway's time."""

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Empty: the council's name.")
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    venue_name = models.CharField(_("place"), max_length=200, blank=True)
    venue_address = models.CharField(_("address"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    minutes = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The calendar file's DTSTAMP and LAST-MODIFIED: the same bytes until someone edits.
    updated = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["council", "start"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gt=models.F("start")),
                name="meeting_period",
            )
        ]

    def __str__(self):
        return f"{self.display_title}, {timezone.localtime(self.start):%d.%m.%Y}"

    @property
    def display_title(self) -> str:
        return self.title or self.council.name

    def get_absolute_url(self):
        council = self.council
        return reverse(
            "networks:meeting",
            kwargs={"region": council.region.slug, "council": council.slug, "pk": self.pk},
        )

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The meeting must end after it starts.")
        if self.minutes_id and self.status != MeetingStatus.HELD:
            errors["minutes"] = _("Only a meeting that was held has minutes.")
        if errors:
            raise ValidationError(errors)


class AgendaItem(Orderable):
    meeting = ParentalKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    title = models.CharField(_("item"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("present")
    APOLOGIES = "apologies", _("sent apologies")
    ABSENT = "absent", _("absent")
    SUBSTITUTE = "substitute", _("substitute attended")


class Attendance(models.Model):
    """Whether a seat was filled at a meeting, recorded by the region's editors with the
    minutes. It names a seat (shown by its position and organisation, and by the person's
    name only where they agreed to it), not a person."""

    meeting = ParentalKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
    )
    member = models.ForeignKey(
        CouncilMember,
        verbose_name=_("council member"),
        on_delete=models.CASCADE,
        related_name="attendance",
    )
    status = models.CharField(
        _("attendance"),
        max_length=12,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.PRESENT,
    )

    class Meta:
        ordering = ["member__sort_order", "member__pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="one_attendance_per_seat")
        ]

    def __str__(self):
        return f"{self.member}: {self.get_status_display()}"


class MeetingAttachment(Orderable):
    meeting = ParentalKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Empty: the document's title.")
    )

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title or self.document.title
