"""sitemap.xml's sections for the networks app's own pages (they are not Wagtail pages).

Meetings carry the time they were last edited; programmes, regions and councils have no such
time, so they are listed without one rather than with a guess.
"""

from django.urls import reverse

from byregion.core.sitemaps import SiteSitemap

from .models import Council, Meeting, Programme, Region


class NetworkIndexSitemap(SiteSitemap):
    def items(self):
        return ["networks:index"]

    def location(self, item):
        return reverse(item)


class ProgrammeSitemap(SiteSitemap):
    def items(self):
        return Programme.objects.order_by("pk")


class RegionSitemap(SiteSitemap):
    def items(self):
        return Region.objects.order_by("pk")


class CouncilSitemap(SiteSitemap):
    def items(self):
        return Council.objects.select_related("region").order_by("pk")


class MeetingSitemap(SiteSitemap):
    def items(self):
        return Meeting.objects.select_related("council__region").order_by("pk")

    def lastmod(self, meeting):
        return meeting.updated


SITEMAPS = {
    "regions": RegionSitemap,
    "programmes": ProgrammeSitemap,
    "councils": CouncilSitemap,
    "meetings": MeetingSitemap,
    "networks-index": NetworkIndexSitemap,
}
