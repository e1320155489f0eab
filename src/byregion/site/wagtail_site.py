"""Wagtail's default Site follows `SITE_URL`, so its page addresses (`page.full_url`, the
sitemap's pages) are the same as every other absolute URL the site writes
(`core.addresses`). Done after every `migrate` (deploys and `byregion demo` run it)."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site


def site_url_parts() -> tuple[str, int]:
    """The host name and port Wagtail's Site needs for `SITE_URL`. Wagtail writes port 443
    as https and any other as http, so https on another port cannot be said."""
    parts = urlsplit(settings.SITE_URL)
    default = 443 if parts.scheme == "https" else 80
    return parts.hostname or "localhost", parts.port or default


def follow_site_url(**kwargs) -> Site | None:
    """Set the default Site's host and port to SITE_URL's (a post_migrate receiver)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    hostname, port = site_url_parts()
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()  # save(), not update(): Wagtail's cached site root paths are cleared
    return site
