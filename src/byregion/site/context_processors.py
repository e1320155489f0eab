from django.conf import settings
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from byregion.organisations import directory
from byregion.site import navigation
from byregion.site.models import SiteChrome


def _chrome(request) -> SiteChrome | None:
    return SiteChrome.for_request(request) if Site.find_for_request(request) else None


def _site_name(request) -> str:
    site = Site.find_for_request(request)
    return (site and site.site_name) or settings.WAGTAIL_SITE_NAME


def site_chrome(request):
    """What every page's header and footer need.

    Every value is lazy: this runs for each template rendered with a request, the Wagtail
    admin's included, and only base.html's header and footer read these.
    """
    chrome = SimpleLazyObject(lambda: _chrome(request))

    def operator():
        # With what the contact block shows (hours, this week's exceptions) loaded up front.
        if chrome and chrome.operator:
            return directory.organisation_with_contact(chrome.operator.slug)
        return None

    def accessibility_statement():
        return chrome.accessibility_statement if chrome else settings.ACCESSIBILITY_STATEMENT_URL

    return {
        # Canonical and alternate links name pages on the one public address.
        "site_url": settings.SITE_URL,
        "site_name": SimpleLazyObject(lambda: _site_name(request)),
        "site_chrome": chrome,
        "site_operator": SimpleLazyObject(operator),
        "accessibility_statement_url": SimpleLazyObject(accessibility_statement),
        "main_navigation": SimpleLazyObject(lambda: navigation.main_navigation(request)),
        "language_links": SimpleLazyObject(lambda: navigation.language_links(request)),
    }
