"""An Atom feed of the experiences the regions share: `/feed/erfaringer/atom/`.

Newest first by first publication, so a subscriber hears of an experience when it is
published; `updated` tells when it last changed. The feed's title is in the UI language of
its address (`/nn/feed/erfaringer/atom/` is in Nynorsk), each entry in its own language's
words. The experiences index announces it with <link rel="alternate">.
"""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from byregion.core.addresses import absolute
from byregion.core.visibility import public
from byregion.networks.models import Region

from .models import ExperienceIndexPage, ExperiencePage

FEED_LENGTH = 20
MIME_TYPE = "application/atom+xml"


class ExperiencesFeed(Feed):
    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("%(site)s: experiences") % {"site": _("Byregion")}

    def description(self):
        return _("What the regions have done, what came of it and what they learnt.")

    subtitle = description  # Atom's name for it

    def link(self):
        index = ExperienceIndexPage.objects.live().first()
        return absolute(
            index.get_url(self.request) if index else reverse("wagtail_serve", args=[""])
        )

    def feed_url(self):
        return absolute(self.request.path)

    def items(self):
        return (
            public(ExperiencePage.objects)
            .prefetch_related(
                "themes", Prefetch("regions", queryset=Region.objects.order_by("name"))
            )
            .order_by("-first_published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return absolute(item.get_url(self.request))

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        names = [region.name for region in item.regions.all()]
        return ", ".join(names) or None

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


def experiences_feed(request):
    """A fresh feed object per request: the feed keeps the request on itself."""
    return ExperiencesFeed()(request)
