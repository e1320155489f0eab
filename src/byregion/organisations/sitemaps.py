"""sitemap.xml's section for the organisation directory (plain Django views, not pages).

Organisations keep no time of their last change, so no lastmod is given.
"""

from django.urls import reverse

from byregion.core.sitemaps import SiteSitemap

from .models import Organisation


class OrganisationSitemap(SiteSitemap):
    def items(self):
        return [None, *Organisation.objects.order_by("pk").only("slug")]

    def location(self, item):
        if item is None:  # the directory itself
            return reverse("organisations:index")
        return reverse("organisations:detail", args=[item.slug])


SITEMAPS = {"organisations": OrganisationSitemap}
