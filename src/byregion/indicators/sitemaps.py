"""sitemap.xml's sections for the numbers pages: a region's figures (every region that has
taken part in a programme: its members, and so its figures, are known) and a programme's
regions side by side (every programme with regions). The figures have no edit time of
their own to give as lastmod: they change when Statistics Norway's tables are imported."""

from django.urls import reverse

from byregion.core.sitemaps import SiteSitemap
from byregion.networks.models import Programme, ProgrammeRegion, Region


class RegionNumbersSitemap(SiteSitemap):
    def items(self):
        taking_part = ProgrammeRegion.objects.values("region")
        return Region.objects.filter(pk__in=taking_part).order_by("pk")

    def location(self, region):
        return reverse("indicators:region", kwargs={"slug": region.slug})


class ProgrammeNumbersSitemap(SiteSitemap):
    def items(self):
        with_regions = ProgrammeRegion.objects.values("programme")
        return Programme.objects.filter(pk__in=with_regions).order_by("pk")

    def location(self, programme):
        return reverse("indicators:programme", kwargs={"slug": programme.slug})


SITEMAPS = {
    "region-numbers": RegionNumbersSitemap,
    "programme-numbers": ProgrammeNumbersSitemap,
}
