"""National and regional gatherings of the network: the pages editors write about them.

A gathering is a Wagtail page (editors write its description); its programme, registrations
and statistics are records with rules and live in plain models beside it. The public
addresses below a gathering (its programme, each session, the calendar files) are routes of
the page (`RoutablePageMixin`), so they move with it when an editor moves or renames it;
the work behind each route is in `views.py`, the reads in `programme.py`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from byregion.core import pagecache
from byregion.core.date_input import DateTimePanel
from byregion.core.fields import language_field
from byregion.core.pages import ServingMixin


def _check_period(instance) -> None:
    """An end before the start is refused on the field, in words (the database refuses too)."""
    if instance.start and instance.end and instance.end < instance.start:
        raise ValidationError({"end": _("The end must be after the start.")})


class GatheringIndexPage(ServingMixin, RoutablePageMixin, Page):
    """The list of gatherings: upcoming first, then the past ones; feeds and series below it."""

    language = language_field()
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("language"), FieldPanel("intro")]
    subpage_types = ["gatherings.GatheringPage"]
    max_count = 1

    class Meta:
        verbose_name = _("gathering index")

    @path("")
    def index_route(self, request):
        from . import views

        return views.gathering_index(request, self)

    @path("serie/<slug:programme_slug>/", name="series")
    def series_route(self, request, programme_slug):
        from . import views

        return views.series(request, self, programme_slug)

    @path("feed/", name="feed")
    def feed_route(self, request):
        from .feeds import GatheringsFeed

        return GatheringsFeed(self)(request)

    @path("kalender/", name="calendar")
    def calendar_route(self, request):
        from . import views

        return views.index_calendar(request, self)


class GatheringStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    OPEN = "open", _("open for registration")
    FULL = "full", _("full")
    CLOSED = "closed", _("registration closed")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


def reminder_days(text: str) -> list[int]:
    """The days before the start on which reminders go out, largest first ("7, 1")."""
    days = set()
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= 60:
            raise ValidationError(
                _("Write whole days from 1 to 60, separated by commas, e.g. 7, 1 (not “%(part)s”).")
                % {"part": part},
                code="reminder_days",
            )
        days.add(int(part))
    return sorted(days, reverse=True)


def validate_reminder_days(value: str) -> None:
    reminder_days(value)


class GatheringPage(ServingMixin, RoutablePageMixin, Page):
    language = language_field()
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    dates_only = models.BooleanField(
        _("only the dates are known"),
        default=False,
        help_text=_(
            "The times of day are not announced (or not recorded): pages show the dates only "
            "and calendars show whole days."
        ),
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("venue address"), max_length=300, blank=True)
    town = models.CharField(
        pgettext_lazy("where a gathering is held", "town"),
        max_length=100,
        blank=True,
        help_text=_("The town or city, e.g. Ålesund."),
    )
    host_region = models.ForeignKey(
        "networks.Region",
        verbose_name=_("host region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_gatherings",
    )
    host_organisations = ParentalManyToManyField(
        "organisations.Organisation",
        verbose_name=_("host organisations"),
        blank=True,
        related_name="hosted_gatherings",
        help_text=_("The municipalities or other organisations that host the gathering."),
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
    reminder_days = models.CharField(
        _("reminders (days before)"),
        max_length=50,
        blank=True,
        default="7, 1",
        validators=[validate_reminder_days],
        help_text=_(
            "When participants get a reminder: days before the start, separated by commas, "
            "e.g. 7, 1. Empty: no reminders. A follow-up goes out the day after the end."
        ),
    )
    audience = models.TextField(
        _("audience"),
        blank=True,
        help_text=_("Who the gathering is for, e.g. project leaders, mayors, business people."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(
        _("description"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
    )
    is_generated = models.BooleanField(
        _("generated demo content"),
        default=False,
        help_text=_("Made up to show the site's features; every page of it says so."),
    )
    # A real gathering may carry generated parts: its programme or its registrations, when
    # the sources do not record them. Each is flagged, and every page showing it says so.
    programme_is_example = models.BooleanField(
        _("example programme"),
        default=False,
        help_text=_(
            "The gathering is real but its programme is not recorded: the sessions are an "
            "example, and the programme pages say so."
        ),
    )
    registrations_are_generated = models.BooleanField(
        _("generated registrations"),
        default=False,
        help_text=_(
            "The registrations are generated demo content, not real people; the statistics say so."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("language"),
        FieldPanel("theme"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("dates_only"),
                FieldPanel("status"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("capacity"),
                FieldPanel("registration_opens"),
                FieldPanel("registration_closes"),
                FieldPanel("reminder_days"),
            ],
            heading=_("Registration"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue_name"), FieldPanel("venue_address"), FieldPanel("town")],
            heading=_("Where"),
        ),
        FieldPanel("host_region"),
        FieldPanel("host_organisations"),
        FieldPanel("organiser"),
        FieldPanel("programme"),
        FieldPanel("audience"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("is_generated"),
        FieldPanel("programme_is_example"),
        FieldPanel("registrations_are_generated"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("theme"),
        index.SearchField("intro"),
        index.SearchField("body"),
        index.SearchField("audience"),
        index.SearchField("town"),
        index.FilterField("start"),
    ]
    parent_page_types = ["gatherings.GatheringIndexPage"]
    subpage_types = []
    # What the gathering's page and its JSON-LD show (its programme and session pages read
    # the page's fields only).
    serve_select_related = ("host_region", "organiser", "programme")

    class Meta:
        verbose_name = _("gathering")
        verbose_name_plural = _("gatherings")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="gathering_period")
        ]

    def clean(self):
        super().clean()
        _check_period(self)

    def has_ended(self, now=None) -> bool:
        """Past: its end is before now. The listings, feeds, the API's `when=past`, the
        retention job and the personal links' read-only rule all mean this."""
        pagecache.changes_at(self.end)  # a page that asks reads differently from then on
        return self.end < (now or timezone.now())

    @property
    def place_name(self) -> str:
        """Where, in one line: the venue and the town, whichever are known."""
        return ", ".join(part for part in (self.venue_name, self.town) if part)

    @path("")
    def page_route(self, request):
        from . import views

        return views.gathering(request, self)

    @path("program/", name="programme")
    def programme_route(self, request):
        from . import views

        return views.programme(request, self)

    @path("program/<int:session_id>/", name="session")
    def session_route(self, request, session_id):
        from . import views

        return views.session(request, self, session_id)

    @path("kalender/", name="calendar")
    def calendar_route(self, request):
        from . import views

        return views.gathering_calendar(request, self)

    @path("program/<int:session_id>/kalender/", name="session_calendar")
    def session_calendar_route(self, request, session_id):
        from . import views

        return views.session_calendar(request, self, session_id)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        if urls:
            programme = {**urls[0], "location": urls[0]["location"] + "program/"}
            urls.append(programme)
        return urls


class SessionFormat(models.TextChoices):
    PLENARY = "plenary", _("plenary")
    WORKSHOP = "workshop", _("parallel workshop")
    EXCURSION = "excursion", _("excursion")
    MEAL = "meal", _("dinner or meal")
    BREAK = "break", _("break")


class Session(ClusterableModel):
    """One item of a gathering's programme. Days are the local dates sessions start on.

    A plain model, not part of the page's revisions: registrations refer to sessions, and
    materials are added after the gathering without republishing its page. Speakers and
    materials are its children (edited inline in the admin's session form).
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
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    panels = [
        FieldPanel("gathering"),
        FieldPanel("title"),
        FieldRowPanel([DateTimePanel("start"), DateTimePanel("end")]),
        FieldRowPanel([FieldPanel("format"), FieldPanel("room"), FieldPanel("capacity")]),
        FieldPanel("description"),
        InlinePanel("speakers", heading=_("Speakers"), label=_("speaker")),
        InlinePanel("materials", heading=_("Materials"), label=_("material")),
    ]

    class Meta:
        ordering = ["gathering", "start", "room", "title"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="session_period")
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        _check_period(self)

    def get_url(self, request=None) -> str:
        return self.gathering.get_url(request) + f"program/{self.pk}/"


class Speaker(Orderable):
    """Who speaks in a session: a person, or only a role when the name is not to be shown."""

    session = ParentalKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="speakers"
    )
    name = models.CharField(
        _("name"),
        max_length=200,
        blank=True,
        help_text=_("The person's name. Leave empty to show only the title or role."),
    )
    title = models.CharField(
        _("title or role"), max_length=200, blank=True, help_text=_("E.g. mayor, project leader.")
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("From the directory; or type the name below."),
    )
    organisation_name = models.CharField(
        _("organisation (not in the directory)"), max_length=200, blank=True
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("title")]),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("organisation_name")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(name="") | ~Q(title=""), name="speaker_has_name_or_title"
            )
        ]

    def __str__(self):
        return self.name or self.title

    @property
    def organisation_label(self) -> str:
        return self.organisation.name if self.organisation else self.organisation_name


class MaterialKind(models.TextChoices):
    SLIDES = "slides", _("slides")
    DOCUMENT = "document", _("document")
    LINK = "link", _("link")
    RECORDING = "recording", _("recording")


class Material(Orderable):
    """Slides, a document or a link for a session: before the gathering or after it."""

    session = ParentalKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=12, choices=MaterialKind.choices, default=MaterialKind.SLIDES
    )
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("link"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("document"), FieldPanel("url")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("material")
        verbose_name_plural = _("materials")

    def __str__(self):
        return self.title

    def clean(self):
        if not self.document_id and not self.url:
            raise ValidationError(_("Choose a document or give a link."))
        if self.document_id and self.url:
            raise ValidationError(_("Choose a document or give a link, not both."))

    @property
    def href(self) -> str:
        return self.document.url if self.document else self.url
