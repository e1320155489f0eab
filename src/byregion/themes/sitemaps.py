"""sitemap.xml's section for the theme pages (plain Django views, not pages).

Themes keep no time of their last change, so no lastmod is given.
"""

from django.urls import reverse

from byregion.core.sitemaps import SiteSitemap
from byregion.themes.models import Theme


class ThemeSitemap(SiteSitemap):
    def items(self):
        return [None, *Theme.objects.order_by("pk").only("slug")]

    def location(self, item):
        if item is None:  # the list of themes itself
            return reverse("themes:index")
        return reverse("themes:theme", args=[item.slug])


SITEMAPS = {"themes": ThemeSitemap}
