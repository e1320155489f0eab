"""sitemap.xml's section for the session pages of live, public gatherings.

A gathering page and its programme page are Wagtail's (`GatheringPage.get_sitemap_urls`);
sessions are snippets routed below their gathering, so they are listed here, with the time
each was last edited.
"""

from byregion.core.sitemaps import SiteSitemap
from byregion.core.visibility import public

from .models import GatheringPage, Session


class SessionSitemap(SiteSitemap):
    def items(self):
        gatherings = public(GatheringPage.objects).values("pk")
        return (
            Session.objects.filter(gathering__in=gatherings)
            .select_related("gathering")
            .order_by("gathering_id", "start", "pk")
        )

    def location(self, session):
        return session.get_url()

    def lastmod(self, session):
        return session.updated_at


SITEMAPS = {"sessions": SessionSitemap}
