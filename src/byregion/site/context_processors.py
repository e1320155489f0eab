from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from byregion.core import pagecache
from byregion.organisations import directory
from byregion.site import navigation
from byregion.site.models import SiteChrome
from byregion.site.serving import current_site


def _chrome_values(site, today) -> dict:
    """The header and footer setting of `site` and its operator with what the contact block
    shows on `today` (hours, this week's exceptions): rows, kept in the cache for the day."""
    chrome = SiteChrome.for_site(site)
    operator = None
    if chrome.operator:
        operator = directory.organisation_with_contact(chrome.operator.slug, today=today)
    return {"chrome": chrome, "operator": operator}


def _chrome(request) -> dict:
    """What every page's header and footer read, from the cache until the content changes
    (or the day does: the contact block marks today and this week's exceptions)."""
    if not hasattr(request, "_byregion_chrome"):
        site = current_site(request)
        values = {"chrome": None, "operator": None}
        if site is not None:
            today = timezone.localdate()
            values = pagecache.remember(
                f"chrome:{site.pk}:{today.isoformat()}", lambda: _chrome_values(site, today)
            )
            # Where Wagtail's SiteChrome.for_request() looks first.
            values["chrome"]._request = request
            setattr(request, SiteChrome.get_cache_attr_name(), values["chrome"])
        request._byregion_chrome = values
    return request._byregion_chrome


def _footer(request) -> str:
    """The footer's HTML: the same on every page of a site in one language on one day (it
    reads only the chrome), so it is rendered once until the content or the day changes
    instead of on every page (about a millisecond: the operator's contact block and week)."""
    site = current_site(request)
    today = timezone.localdate()
    key = f"footer:{site.pk if site else 0}:{get_language()}:{today.isoformat()}"
    html = pagecache.remember(
        key, lambda: render_to_string("site/includes/footer.html", request=request)
    )
    return mark_safe(html)


def _site_name(request) -> str:
    site = current_site(request)
    return (site and site.site_name) or settings.WAGTAIL_SITE_NAME


def site_chrome(request):
    """What every page's header and footer need.

    Every value is lazy: this runs for each template rendered with a request, the Wagtail
    admin's included, and only base.html's header and footer read these. None of them costs
    a query once the cache has them (the site, the setting and the operator's contact block:
    `_chrome`; the navigation reads none).
    """
    chrome = SimpleLazyObject(lambda: _chrome(request)["chrome"])

    def accessibility_statement():
        return chrome.accessibility_statement if chrome else settings.ACCESSIBILITY_STATEMENT_URL

    return {
        # Canonical and alternate links name pages on the one public address.
        "site_url": settings.SITE_URL,
        "site_name": SimpleLazyObject(lambda: _site_name(request)),
        "site_chrome": chrome,
        "site_operator": SimpleLazyObject(lambda: _chrome(request)["operator"]),
        "accessibility_statement_url": SimpleLazyObject(accessibility_statement),
        "main_navigation": SimpleLazyObject(lambda: navigation.main_navigation(request)),
        "language_links": SimpleLazyObject(lambda: navigation.language_links(request)),
        "site_footer": SimpleLazyObject(lambda: _footer(request)),
    }
