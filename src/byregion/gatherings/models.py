"""National and regional gatherings of the network: the pages editors write about them.

A gathering is a Wagtail page (editors write its description); its programme, registrations
and statistics are records with rules and live in plain models beside it.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from byregion.site.models import language_field


class GatheringIndexPage(Page):
    """The list of gatherings: upcoming first, then the past ones."""

    language = language_field()
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("language"), FieldPanel("intro")]
    subpage_types = ["gatherings.GatheringPage"]
    max_count = 1

    class Meta:
        verbose_name = _("gathering index")


class GatheringStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    OPEN = "open", _("open for registration")
    FULL = "full", _("full")
    CLOSED = "closed", _("registration closed")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class GatheringPage(Page):
    language = language_field()
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("venue address"), max_length=300, blank=True)
    host_region = models.ForeignKey(
        "networks.Region",
        verbose_name=_("host region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_gatherings",
    )
    organiser = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_gatherings",
    )
    programme = models.ForeignKey(
        "networks.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gatherings",
        help_text=_("The national programme this gathering belongs to, if any."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=GatheringStatus.choices, default=GatheringStatus.PLANNED
    )
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Seats in all. Empty: no limit.")
    )
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(
        _("description"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("language"),
        FieldPanel("theme"),
        MultiFieldPanel(
            [FieldPanel("start"), FieldPanel("end"), FieldPanel("status")], heading=_("When")
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("registration_opens"),
                FieldPanel("registration_closes"),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue_name"), FieldPanel("venue_address")], heading=_("Where")
        ),
        FieldPanel("host_region"),
        FieldPanel("organiser"),
        FieldPanel("programme"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("theme"),
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("start"),
    ]
    parent_page_types = ["gatherings.GatheringIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("gathering")
        verbose_name_plural = _("gatherings")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="gathering_period")
        ]


class SessionFormat(models.TextChoices):
    PLENARY = "plenary", _("plenary")
    WORKSHOP = "workshop", _("parallel workshop")
    EXCURSION = "excursion", _("excursion")
    MEAL = "meal", _("dinner or meal")
    BREAK = "break", _("break")


class Session(models.Model):
    """One item of a gathering's programme. Days are the local dates sessions start on.

    A plain model, not part of the page's revisions: registrations refer to sessions, and
    materials are added after the gathering without republishing its page.
    """

    gathering = models.ForeignKey(
        GatheringPage,
        verbose_name=_("gathering"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    title = models.CharField(_("title"), max_length=300)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    room = models.CharField(_("room or track"), max_length=200, blank=True)
    format = models.CharField(
        _("format"), max_length=12, choices=SessionFormat.choices, default=SessionFormat.PLENARY
    )
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Seats, for a session with limited room (a workshop). Empty: no limit."),
    )

    class Meta:
        ordering = ["gathering", "start", "room", "title"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="session_period")
        ]

    def __str__(self):
        return self.title
