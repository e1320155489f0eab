"""The home page, plain editorial pages, and the site-wide settings editors can change."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from byregion.core.fields import language_field
from byregion.core.pages import ServingMixin
from byregion.organisations.models import Organisation
from byregion.site.home import home_sections


class HomePage(ServingMixin, Page):
    language = language_field()
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("language"), FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(home_sections())
        return context


class StandardPage(ServingMixin, Page):
    """A page of text: the privacy statement, "about the network", and the like.

    The text is content, written in one language whatever the visitor's UI language is, so
    the page states which (and the template marks its content with that `lang`).
    """

    language = language_field()
    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(
        _("body"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
    )

    content_panels = [*Page.content_panels, FieldPanel("language"), FieldPanel("intro")]
    content_panels += [FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


@register_setting(icon="site")
class SiteChrome(BaseSiteSetting):
    """What the header and footer of every page show, per site."""

    operator = models.ForeignKey(
        Organisation,
        verbose_name=_("operator"),
        help_text=_(
            "The organisation that runs the network and this website; "
            "its contact details are shown at the bottom of every page."
        ),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_statement_url = models.URLField(
        _("accessibility statement"),
        blank=True,
        help_text=_(
            "Address of the published accessibility statement (on uustatus.no). "
            "Leave empty to use the server's ACCESSIBILITY_STATEMENT_URL setting."
        ),
    )

    select_related = ["operator", "privacy_page"]
    panels = [
        FieldPanel("operator"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_statement_url"),
    ]

    class Meta:
        verbose_name = _("header and footer")

    @property
    def accessibility_statement(self) -> str:
        return self.accessibility_statement_url or settings.ACCESSIBILITY_STATEMENT_URL
