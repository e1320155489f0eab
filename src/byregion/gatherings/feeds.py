"""An Atom feed of all gatherings (Django's syndication framework), served by the index page.

Entries are the gatherings themselves, newest start first: a reader subscribed to it hears of
a new gathering when it is published, and `updated` tells when its page last changed. The
calendar subscription of the same gatherings is `<index>/kalender/` (see `calendar.py`).
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from byregion.core.addresses import absolute
from byregion.core.visibility import public

from .formatting import format_date_range
from .models import GatheringIndexPage, GatheringPage

FEED_ITEMS = 50


class GatheringsFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, index: GatheringIndexPage):
        super().__init__()
        self.index = index

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index

    def title(self, index):
        return index.title

    def subtitle(self, index):
        return index.intro or _("Gatherings of the network")

    def link(self, index):
        return absolute(index.get_url(self.request))

    def feed_url(self, index):
        return absolute(index.get_url(self.request) + index.reverse_subpage("feed"))

    def items(self, index):
        return (
            public(GatheringPage.objects.child_of(index))
            .select_related("organiser")
            .order_by("-start", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        when = format_date_range(item.start, item.end)
        parts = [when, item.place_name, item.theme, item.intro]
        return " · ".join(part for part in parts if part)

    def item_link(self, item):
        return absolute(item.get_url(self.request))

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return item.organiser.name if item.organiser else None
