"""News: a network-wide index, one section per publishing organisation, articles below it.

A section per organisation because Wagtail grants page permissions on a subtree: an
organisation's writers and editors get rights on its section only, and its workflow is
attached there. See docs/developers/news.md (The shape).
"""

from django import forms
from django.db import models
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.signals import post_page_move

from byregion.core.fields import language_field
from byregion.core.pages import ServingMixin
from byregion.core.visibility import public

from .blocks import NewsBodyBlock
from .feed_links import feed_links
from .forms import NewsArticleForm, NewsSectionForm
from .structured_data import article_json_ld, share_image_url

# Open Graph wants a territory with the language.
OG_LOCALES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}


class NewsIndexPage(ServingMixin, Page):
    """All news of the network, newest first (the `nyheter/` entry of the main menu)."""

    language = language_field()
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("language"), FieldPanel("intro")]
    parent_page_types = ["site.HomePage"]
    subpage_types = ["news.NewsSectionPage"]
    max_count = 1
    template = "news/news_listing.html"

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        from .listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(request, self))
        return context


class NewsSectionPage(ServingMixin, Page):
    """One organisation's news; its writers and editors have rights here and only here."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        verbose_name=_("publishing organisation"),
        on_delete=models.PROTECT,
        related_name="news_section",
    )
    language = language_field()
    intro = models.TextField(_("introduction"), blank=True)

    base_form_class = NewsSectionForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("organisation"),
        FieldPanel("language"),
        FieldPanel("intro"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = ["news.NewsArticlePage"]
    template = "news/news_listing.html"
    serve_select_related = ("organisation",)

    class Meta:
        verbose_name = _("news section")
        verbose_name_plural = _("news sections")

    def get_context(self, request, *args, **kwargs):
        from .listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(request, self))
        return context


class NewsArticlePage(ServingMixin, Page):
    language = language_field()
    lead = models.TextField(
        _("lead"),
        max_length=600,
        help_text=_("One or two sentences that say what the article is about."),
    )
    main_image = models.ForeignKey(
        "images.CreditedImage",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its alt text and photo credit come from the image library."),
    )
    main_image_caption = models.CharField(_("caption"), max_length=300, blank=True)
    body = StreamField(NewsBodyBlock(), verbose_name=_("body"), blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("publishing organisation"),
        on_delete=models.PROTECT,
        related_name="news_articles",
        editable=False,
    )
    themes = ParentalManyToManyField(
        "themes.Theme", verbose_name=_("themes"), blank=True, related_name="news_articles"
    )
    regions = ParentalManyToManyField(
        "networks.Region", verbose_name=_("related regions"), blank=True,
        related_name="news_articles",
    )  # fmt: skip
    gatherings = ParentalManyToManyField(
        "gatherings.GatheringPage", verbose_name=_("related gatherings"), blank=True,
        related_name="news_articles",
    )  # fmt: skip

    base_form_class = NewsArticleForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("language"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("main_image"), FieldPanel("main_image_caption")],
            heading=_("Main image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("gatherings"),
            ],
            heading=_("Related"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.RelatedFields("main_image", [index.SearchField("credit")]),
        index.RelatedFields("organisation", [index.SearchField("name")]),
        index.FilterField("language"),
        index.FilterField("organisation"),
        index.FilterField("first_published_at"),
    ]
    parent_page_types = ["news.NewsSectionPage"]
    subpage_types = []
    serve_select_related = ("organisation", "main_image")

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def save(self, *args, **kwargs):
        section = self.section()
        if section is not None:
            self.organisation_id = section.organisation_id
        return super().save(*args, **kwargs)

    def section(self) -> "NewsSectionPage | None":
        """The section this article sits in (None while it has no place in the tree)."""
        if not self.path or self.depth is None or self.depth < 2:
            return None
        parent_path = self.path[: -self.steplen]
        return NewsSectionPage.objects.filter(path=parent_path).first()

    def get_context(self, request, *args, **kwargs):

        if self.organisation_id is None:  # the preview of an article not saved yet
            self.organisation = self.section().organisation
        context = super().get_context(request, *args, **kwargs)
        context["themes"] = themes = list(self.themes.all())
        context["json_ld"] = article_json_ld(self, request, themes)
        context["share_image"] = share_image_url(self, request)
        context["og_locale"] = OG_LOCALES.get(self.language, "nb_NO")
        # Open Graph tags describe the text, so they are named in the article's language.
        context["tags"] = [getattr(t, f"name_{self.language}", "") or t.name for t in themes]
        context["regions"] = list(self.regions.all())
        gatherings = self.gatherings.all()
        if hasattr(gatherings, "public"):
            gatherings = public(gatherings)
        else:  # a preview: modelcluster's in-memory relation has no page filters
            gatherings = [gathering for gathering in gatherings if gathering.live]
        context["related_gatherings"] = list(gatherings)
        context["feeds"] = feed_links("organisation", self.organisation.slug) + feed_links()
        index = self.get_parent().get_parent()
        context["news_index_url"] = index.get_url(request)
        first, last = self.first_published_at, self.last_published_at
        context["updated"] = bool(first and last and last.date() > first.date())
        return context


@receiver(post_page_move)
def _keep_organisation_in_step(sender, instance, **kwargs):
    """An article moved to another section is published by that section's organisation.

    Moving changes the tree, not the article's revision, so the copy is updated in place
    (live row and latest revision alike read it from the row's column).
    """
    if isinstance(instance.specific_deferred, NewsArticlePage):
        for article in NewsArticlePage.objects.filter(path__startswith=instance.path):
            section = article.section()
            if section is not None and section.organisation_id != article.organisation_id:
                NewsArticlePage.objects.filter(pk=article.pk).update(
                    organisation_id=section.organisation_id
                )
