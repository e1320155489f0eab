"""Atom and RSS feeds of the news: the whole network, or one organisation, region or theme.

    /feed/nyheter/atom/                         every article
    /feed/nyheter/organisasjon/<slug>/rss/      one organisation's articles
    /feed/nyheter/region/<slug>/atom/           articles about one region
    /feed/nyheter/tema/<slug>/atom/             articles on one theme

The feed's own title and description are in the UI language of its address (/nn/feed/...
is in Nynorsk); the articles are in the languages they were written in. Listings and
articles announce the feeds that match them with <link rel="alternate"> (`feed_links.feed_links`).
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from byregion.core.addresses import absolute
from byregion.networks.models import Region
from byregion.organisations.models import Organisation
from byregion.themes.models import Theme

from .feed_links import SCOPES
from .listing import news_index, published_articles

FEED_LENGTH = 20
FORMATS = {"atom": Atom1Feed, "rss": Rss201rev2Feed}
MODELS = {"organisation": Organisation, "region": Region, "theme": Theme}


class NewsFeed(Feed):
    def __call__(self, request, format, scope=None, slug=None):
        if format not in FORMATS:
            raise Http404
        self.feed_type = FORMATS[format]
        self.request = request
        return super().__call__(request, scope=scope, slug=slug)

    def get_object(self, request, scope=None, slug=None):
        if scope is None:
            return None
        names = {word: name for name, word in SCOPES.items()}
        if scope not in names:
            raise Http404
        self.scope = names[scope]
        return get_object_or_404(MODELS[self.scope], slug=slug)

    def title(self, obj):
        site = _("Byregion")
        if obj is None:
            return _("%(site)s: news") % {"site": site}
        if isinstance(obj, Organisation):
            return _("%(site)s: news from %(name)s") % {"name": obj.name, "site": site}
        if isinstance(obj, Region):
            return _("%(site)s: news about %(name)s") % {"name": obj.name, "site": site}
        return _("%(site)s: news on the theme %(name)s") % {"name": obj.name, "site": site}

    def description(self, obj):
        return _("News from the municipalities and organisations in the regional networks.")

    subtitle = description  # Atom's name for it

    def link(self, obj):
        index = news_index()
        url = index.get_url(self.request) if index else reverse("wagtail_serve", args=[""])
        if obj is None:
            return absolute(url)
        return absolute(f"{url}?{urlencode({self.scope: obj.slug})}")

    def feed_url(self, obj):
        return absolute(self.request.path)

    def items(self, obj):
        articles = published_articles(renditions=()).prefetch_related("themes")
        if obj is not None:
            field = {"organisation": "organisation", "region": "regions", "theme": "themes"}
            articles = articles.filter(**{field[self.scope]: obj})
        return articles[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return absolute(item.get_url(self.request))

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.organisation.name

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


def news_feed(request, format, scope=None, slug=None):
    """A fresh feed object per request: the feed keeps the request and format on itself."""
    return NewsFeed()(request, format, scope=scope, slug=slug)
