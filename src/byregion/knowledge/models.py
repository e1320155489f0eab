"""What the regions learnt: experience pages (case studies) written by a region.

An experience is a Wagtail page because editors write it. It points at the regions,
municipalities, themes and gathering sessions it belongs to, so a region's page, a theme's page
and a session can each list it through the reverse relations named here (`experiences`).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import F, Prefetch, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from byregion.core import pagecache
from byregion.core.fields import language_field
from byregion.core.pages import ServingMixin
from byregion.core.visibility import public
from byregion.gatherings.models import Session
from byregion.networks.models import Region
from byregion.themes.models import Theme

from .structured_data import experience_json_ld

TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ExperienceIndexPage(ServingMixin, Page):
    """All experiences, newest period first, filterable by region and theme."""

    language = language_field()
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("language"), FieldPanel("intro")]
    subpage_types = ["knowledge.ExperiencePage"]
    max_count = 1

    class Meta:
        verbose_name = _("experience index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["listing"] = experience_listing(self, request.GET)
        return context


class ExperiencePage(ServingMixin, Page):
    language = language_field()
    summary = models.TextField(_("summary"), max_length=600)
    what_was_done = RichTextField(_("what was done"), blank=True, features=TEXT_FEATURES)
    results = RichTextField(_("results"), blank=True, features=TEXT_FEATURES)
    lessons = RichTextField(_("lessons learnt"), blank=True, features=TEXT_FEATURES)
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(
        _("period to"), null=True, blank=True, help_text=_("Empty while the work goes on.")
    )
    regions = ParentalManyToManyField(
        "networks.Region", verbose_name=_("regions"), related_name="experiences", blank=True
    )
    municipalities = ParentalManyToManyField(
        "places.Place",
        verbose_name=_("municipalities"),
        related_name="experiences",
        blank=True,
        limit_choices_to={"kind": "municipality"},
    )
    themes = ParentalManyToManyField(
        "themes.Theme", verbose_name=_("themes"), related_name="experiences", blank=True
    )
    sessions = ParentalManyToManyField(
        "gatherings.Session",
        verbose_name=_("presented at"),
        related_name="experiences",
        blank=True,
        help_text=_("Gathering sessions where this experience was presented."),
    )
    generated = models.BooleanField(
        _("generated demo text"),
        default=False,
        help_text=_("Marks text written for the demo, so readers are told it is not a source."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("language"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")], heading=_("Period")),
        FieldPanel("what_was_done"),
        FieldPanel("results"),
        FieldPanel("lessons"),
        MultiFieldPanel(
            [
                FieldPanel("regions"),
                FieldPanel("municipalities"),
                FieldPanel("themes"),
                FieldPanel("sessions"),
            ],
            heading=_("Where and what"),
        ),
        InlinePanel("contacts", label=_("Contacts")),
        InlinePanel("attachments", label=_("Attachments")),
        FieldPanel("generated"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("what_was_done"),
        index.SearchField("results"),
        index.SearchField("lessons"),
        index.FilterField("language"),
        index.FilterField("period_start"),
    ]
    parent_page_types = ["knowledge.ExperienceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("experience")
        verbose_name_plural = _("experiences")

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        detail = experience_detail(self)
        context.update(detail)
        context["json_ld"] = experience_json_ld(self, request, detail)
        return context


class ExperienceContact(Orderable):
    """Who to ask: an organisation and a position; a person's name only with their consent."""

    page = ParentalKey(ExperiencePage, on_delete=models.CASCADE, related_name="contacts")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    person_name = models.CharField(_("name of the person"), max_length=200, blank=True)
    name_consent = models.BooleanField(
        _("the person agrees to be named"),
        default=False,
        help_text=_("A person's name is published only with their consent."),
    )

    panels = [
        FieldPanel("organisation"),
        FieldPanel("position"),
        FieldRowPanel([FieldPanel("person_name"), FieldPanel("name_consent")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.CheckConstraint(
                condition=Q(person_name="") | Q(name_consent=True),
                name="experience_contact_name_needs_consent",
            )
        ]

    def clean(self):
        super().clean()
        if self.person_name and not self.name_consent:
            raise ValidationError(
                {
                    "person_name": _(
                        "A person's name is published only with their consent: tick the "
                        "consent box, or leave the name empty and give the position."
                    )
                }
            )


class ExperienceAttachment(Orderable):
    """A report, presentation or web page that documents the experience."""

    page = ParentalKey(ExperiencePage, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("title"), max_length=300)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    url = models.URLField(_("link"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("document"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=(Q(document__isnull=False) & Q(url=""))
                | (Q(document__isnull=True) & ~Q(url="")),
                name="experience_attachment_one_target",
            )
        ]

    def clean(self):
        super().clean()
        if bool(self.document_id) == bool(self.url):
            raise ValidationError(_("Give either a document or a link, not both and not neither."))

    @property
    def href(self) -> str:
        return self.document.url if self.document_id else self.url


# The reads the knowledge pages make, each in a fixed number of queries.

EXPERIENCES_PER_PAGE = 20


@dataclass(frozen=True)
class ExperienceListing:
    page: object  # a Paginator page of ExperiencePage
    regions: list
    themes: list
    region: Region | None
    theme: Theme | None
    query_string: str  # the active filters, for pagination links

    @property
    def filtered(self) -> bool:
        return bool(self.region or self.theme)


def experience_filters(index_page) -> tuple[list[Region], list[Theme]]:
    """The regions and themes the live experiences under `index_page` name: the filters'
    choices, the same for every reader, kept until the content changes."""

    def read():
        shown = public(ExperiencePage.objects.child_of(index_page))
        regions = list(Region.objects.filter(experiences__in=shown).distinct().order_by("name"))
        return regions, list(Theme.objects.filter(experiences__in=shown).distinct())

    return pagecache.remember(f"knowledge:filters:{index_page.pk}", read)


def experience_listing(index_page, params) -> ExperienceListing:
    """Live experiences under `index_page`, newest period first, filtered by `?region=` and
    `?theme=` slugs (an unknown slug filters nothing out rather than erroring: shared links
    outlive renamed regions)."""
    shown = public(ExperiencePage.objects.child_of(index_page))
    regions, themes = experience_filters(index_page)
    region = next((r for r in regions if r.slug == params.get("region")), None)
    theme = next((t for t in themes if t.slug == params.get("theme")), None)

    experiences = shown
    if region:
        experiences = experiences.filter(regions=region)
    if theme:
        experiences = experiences.filter(themes=theme)
    experiences = experiences.order_by(
        F("period_start").desc(nulls_last=True), "-first_published_at", "title"
    ).prefetch_related(Prefetch("regions", queryset=Region.objects.order_by("name")), "themes")
    paginator = Paginator(experiences, EXPERIENCES_PER_PAGE)
    page = paginator.get_page(params.get("page"))
    query = []
    if region:
        query.append(f"region={region.slug}")
    if theme:
        query.append(f"theme={theme.slug}")
    return ExperienceListing(
        page=page,
        regions=regions,
        themes=sorted(themes, key=lambda t: t.name),
        region=region,
        theme=theme,
        query_string="&".join(query),
    )


def experience_detail(page) -> dict:
    """Everything an experience page shows besides its own fields."""
    municipalities = list(page.municipalities.select_related("parent").order_by("code"))
    sessions = list(
        Session.objects.filter(experiences=page)
        .select_related("gathering")
        .filter(gathering__live=True)
        .order_by("start", "pk")
    )
    return {
        "regions": list(page.regions.order_by("name")),
        "municipalities": municipalities,
        "themes": sorted(page.themes.all(), key=lambda t: t.name),
        "sessions": sessions,
        "contacts": list(page.contacts.select_related("organisation")),
        "attachments": list(page.attachments.select_related("document")),
    }
