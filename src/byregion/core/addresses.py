"""The site's one public address (`SITE_URL`), for every absolute URL it writes.

Canonical links, structured data, feeds, calendars, the sitemap and the API name pages on
`SITE_URL`, never on the host a request happened to use (a proxy's, an IP address), so a
page is known by one address everywhere. Wagtail's Site is kept in step with it
(`site.wagtail_site`).
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute(path_or_url: str) -> str:
    """`path_or_url` on the site's address; an address that is absolute already (media on
    object storage) is returned as it is."""
    if urlsplit(path_or_url).scheme:
        return path_or_url
    return settings.SITE_URL + "/" + path_or_url.lstrip("/")


def site_host() -> str:
    """The site's host name, without port: the domain of calendar UIDs."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"
