"""The blocks an article's body is written in.

Every image in a body carries its photo credit (from the image itself, where Wagtail's image
library keeps it) and an optional caption; alt text is the image's own `description`, and
publishing an article whose images lack it is refused (see `forms.NewsArticleForm`).

Regions are chosen from a plain select list rather than a snippet chooser: there are a few
dozen of them, and the networks app decides whether regions are snippets.
"""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from byregion.networks.models import Region


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "news/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("who said it"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "news/blocks/quote.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("link text"),
        required=False,
        max_length=200,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "news/blocks/document.html"


class RegionChooserBlock(blocks.ChooserBlock):
    """A region picked from a select list (see the module docstring for why not a chooser)."""

    @cached_property
    def target_model(self):
        return Region

    @cached_property
    def widget(self):
        return forms.Select()

    def get_form_state(self, value):
        # A Select widget's state in the StreamField client is the chosen value itself.
        return self.widget.format_value(self.get_prep_value(value))

    class Meta:
        icon = "site"


class NewsBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        template="news/blocks/paragraph.html",
    )
    heading = blocks.CharBlock(
        label=_("Heading"), max_length=200, icon="title", template="news/blocks/heading.html"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    document = DocumentBlock()
    gathering = blocks.PageChooserBlock(
        label=_("Link to a gathering"),
        page_type="gatherings.GatheringPage",
        template="news/blocks/gathering.html",
    )
    region = RegionChooserBlock(label=_("Link to a region"), template="news/blocks/region.html")
    organisation = SnippetChooserBlock(
        "organisations.Organisation",
        label=_("Link to an organisation"),
        icon="group",
        template="news/blocks/organisation.html",
    )
