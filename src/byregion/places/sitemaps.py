"""sitemap.xml's section for the municipality pages: the list, and one page per code.

A code's page covers every version the code has had, so each code is listed once. The data
changes only when KLASS is imported again, which records no time, so no lastmod is given.
"""

from django.urls import reverse

from byregion.core.sitemaps import SiteSitemap

from .models import Place, PlaceKind


class MunicipalitySitemap(SiteSitemap):
    def items(self):
        codes = (
            Place.objects.filter(kind=PlaceKind.MUNICIPALITY)
            .order_by("code")
            .values_list("code", flat=True)
            .distinct()
        )
        return ["", *codes]

    def location(self, code):
        if not code:
            return reverse("places:index")
        return reverse("places:municipality", args=[code])


SITEMAPS = {"municipalities": MunicipalitySitemap}
