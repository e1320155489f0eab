"""sitemap.xml's sections for what is not a Wagtail page, on the site's one address."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap


class SiteSitemap(Sitemap):
    """A sitemap whose locations are on `SITE_URL` (Django's default is the request's host;
    Wagtail's page section uses its Site, which follows SITE_URL)."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc
