"""sitemap.xml's sections for what is not a Wagtail page, on the site's one address."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap

# Locations per sitemap file: a file stays quick to make however large the site grows (the
# protocol's own limit is 50,000); sitemap.xml is the index of the files.
LIMIT = 1000


class SiteSitemap(Sitemap):
    """A sitemap whose locations are on `SITE_URL` (Django's default is the request's host;
    Wagtail's page section uses its Site, which follows SITE_URL)."""

    limit = LIMIT

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


def index(request, sitemaps):
    """sitemap.xml: the index of every section's files, on `SITE_URL` (Django's own index
    names them on the request's host). No dates: a section's latest change would cost a
    pass over all of its items."""
    from django.contrib.sitemaps.views import SitemapIndexItem
    from django.template.response import TemplateResponse
    from django.urls import reverse
    from wagtail.contrib.sitemaps.views import prepare_sitemaps

    from .addresses import absolute
    from .pagecache import remember

    items = []
    for section, sitemap in prepare_sitemaps(request, sitemaps).items():
        if isinstance(sitemap, type):
            sitemap = sitemap()
        location = absolute(reverse("sitemap-section", kwargs={"section": section}))
        items.append(SitemapIndexItem(location, None))
        pages = remember(f"sitemap:{section}:pages", lambda s=sitemap: s.paginator.num_pages)
        for number in range(2, pages + 1):
            items.append(SitemapIndexItem(f"{location}?p={number}", None))
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )
