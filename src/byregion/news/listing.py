"""Which articles a listing shows, in which order, with what loaded: the read side of news.

Every listing (the network-wide index, a section, the home page, the feeds) starts from
`published_articles()`, so each shows the same articles, newest first, with the same few
queries whatever their number: the organisation and the main image joined, the image's
renditions prefetched in the sizes the templates ask for.

The filters' choices (the publishing organisations, the regions, the themes) are the same
for every reader and change only with the content: they are kept with
`pagecache.remember()` (`filter_choices()`), so a listing reads its count and its articles.

A listing's address is its state: `?organisation=&region=&theme=&language=&q=&page=`, so any
view of it can be shared or bookmarked. An unknown value is reported, in the reader's
language, above the list, and the rest of the filters still apply.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.forms.models import ModelChoiceIterator
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from byregion.core import pagecache
from byregion.core.visibility import not_restricted
from byregion.images.models import CreditedImage
from byregion.networks.models import Region
from byregion.organisations.models import Organisation
from byregion.themes.models import Theme

from .feed_links import feed_links
from .models import NewsArticlePage, NewsIndexPage, NewsSectionPage
from .search import MAX_QUERY_LENGTH, matching_article_ids

PER_PAGE = 10
# The rendition specs of a listing's thumbnail; templates/news/includes/article_card.html
# asks for exactly these (srcset), so prefetching them makes the images cost no queries.
CARD_RENDITIONS = ("fill-400x225-c100", "fill-800x450-c100")


def published_articles(renditions=CARD_RENDITIONS):
    """Live, public articles, newest first, with what a card or feed item shows.

    With `renditions=()` the main image is not loaded at all (the home page shows none).
    """
    articles = (
        NewsArticlePage.objects.live()
        .filter(not_restricted())
        .select_related("organisation")
        .order_by("-first_published_at", "-pk")
    )
    if renditions:
        # As CreditedImage.objects.prefetch_renditions() does, one step further: the image
        # is joined, its renditions in the card's sizes are one query.
        wanted = CreditedImage.get_rendition_model().objects.filter(filter_spec__in=renditions)
        articles = articles.select_related("main_image").prefetch_related(
            Prefetch("main_image__renditions", queryset=wanted, to_attr="prefetched_renditions")
        )
    return articles


def latest_articles(limit: int = 3) -> list[NewsArticlePage]:
    """The newest articles of the whole network, without images: one query."""
    return list(published_articles(renditions=())[:limit])


def _filter_choices() -> dict[str, list]:
    return {
        "organisation": list(
            Organisation.objects.filter(news_section__isnull=False)
            .order_by("name")
            .only("pk", "slug", "name")
        ),
        "region": list(Region.objects.order_by("name").only("pk", "slug", "name")),
        "theme": list(Theme.objects.all()),
    }


def filter_choices() -> dict[str, list]:
    """The rows each filter offers, by field name: kept until the content changes."""
    return pagecache.remember("news:filter-choices", _filter_choices)


class _ListedChoices(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.field.listed:
            yield self.choice(row)

    def __len__(self):
        return len(self.field.listed) + (self.field.empty_label is not None)

    def __bool__(self):
        return self.field.empty_label is not None or bool(self.field.listed)


class ListedChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that offers and accepts the rows in `listed` (read beforehand)
    instead of querying its queryset: the same options, values and error messages."""

    iterator = _ListedChoices
    listed: list = []

    def to_python(self, value):
        if value in self.empty_values:
            return None
        self.validate_no_null_characters(value)
        key = self.to_field_name or "pk"
        if isinstance(value, self.queryset.model):
            value = getattr(value, key)
        for row in self.listed:
            if str(getattr(row, key)) == str(value):
                return row
        raise ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class NewsFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search the news"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.SearchInput,
    )
    organisation = ListedChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),  # the publishing ones: filter_choices()
        to_field_name="slug",
        required=False,
        empty_label=_("All organisations"),
    )
    region = ListedChoiceField(
        label=_("Region"),
        queryset=Region.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label=_("All regions"),
    )
    theme = ListedChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
    )
    language = forms.ChoiceField(label=_("Language of the article"), required=False)

    def __init__(self, *args, section=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("All languages")), *settings.LANGUAGES]
        if section is not None:  # a section lists one organisation's news already
            del self.fields["organisation"]
        choices = filter_choices()
        for name in ("organisation", "region", "theme"):
            if name in self.fields:
                self.fields[name].listed = choices[name]
        for name, field in self.fields.items():
            field.widget.attrs["class"] = "ds-input"
            if self.is_bound and name in self.errors:
                field.widget.attrs["aria-describedby"] = f"id_{name}-error"

    def filtered(self, articles):
        """`articles` narrowed by every valid filter.

        Django leaves an invalid field out of `cleaned_data`, so an unknown region does not
        hide the search for a word: the form shows its error, the other filters still apply.
        """
        data = self.cleaned_data if self.is_bound else {}
        if organisation := data.get("organisation"):
            articles = articles.filter(organisation=organisation)
        if region := data.get("region"):
            articles = articles.filter(regions=region)
        if theme := data.get("theme"):
            articles = articles.filter(themes=theme)
        if language := data.get("language"):
            articles = articles.filter(language=language)
        if query := data.get("q"):
            articles = articles.filter(pk__in=matching_article_ids(query))
        return articles

    @property
    def is_filtered(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields)


class KeptCountPaginator(Paginator):
    """Counts the listing once per change of content (`pagecache.kept_count`)."""

    @cached_property
    def count(self) -> int:
        return pagecache.kept_count(self.object_list)


def listing_context(request, page) -> dict:
    """What a news index or section page shows: the filter form, one page of articles."""
    section = page if isinstance(page, NewsSectionPage) else None
    form = NewsFilterForm(request.GET or None, section=section)
    if form.is_bound:
        form.is_valid()  # fills cleaned_data and errors; invalid filters are dropped
    else:
        form.cleaned_data = {}
    articles = published_articles()
    if section is not None:
        articles = articles.filter(organisation_id=section.organisation_id)
    articles = form.filtered(articles)
    paginator = KeptCountPaginator(articles, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "filter_form": form,
        "articles": page_obj,
        "page_range": paginator.get_elided_page_range(page_obj.number, on_each_side=1),
        "feeds": feeds_for(section, form),
    }


def feeds_for(section, form) -> list[dict]:
    """The feeds a listing announces: the one matching its scope, then the site-wide one."""
    data = getattr(form, "cleaned_data", {}) or {}
    if section is not None:
        return feed_links("organisation", section.organisation.slug)
    for scope in ("organisation", "region", "theme"):
        if value := data.get(scope):
            return feed_links(scope, value.slug) + feed_links()
    return feed_links()


def news_index() -> NewsIndexPage | None:
    return NewsIndexPage.objects.live().first()


def news_index_url() -> str:
    """The network-wide listing's address, without a query: its slug is a contract
    (`nyheter`, directly below the home page, as the main menu assumes)."""
    return reverse("wagtail_serve", args=["nyheter/"])
