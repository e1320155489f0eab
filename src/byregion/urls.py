from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from byregion.api.api import api
from byregion.core import sitemaps as site_sitemaps
from byregion.gatherings.sitemaps import SITEMAPS as GATHERINGS
from byregion.indicators.sitemaps import SITEMAPS as INDICATORS
from byregion.networks.sitemaps import SITEMAPS as NETWORKS
from byregion.organisations.sitemaps import SITEMAPS as ORGANISATIONS
from byregion.places.sitemaps import SITEMAPS as PLACES
from byregion.themes.sitemaps import SITEMAPS as THEMES


class PageSitemap(Sitemap):
    limit = site_sitemaps.LIMIT


# sitemap.xml's sections: Wagtail's pages; an app with public non-page URLs adds its
# django.contrib.sitemaps.Sitemap classes in its own sitemaps.py, named there. sitemap.xml
# is their index; each section is /sitemap-<section>.xml, in files of LIMIT locations.
SITEMAPS = {
    "pages": PageSitemap,
    **GATHERINGS,
    **INDICATORS,
    **NETWORKS,
    **ORGANISATIONS,
    **PLACES,
    **THEMES,
}

urlpatterns = [
    path("sitemap.xml", site_sitemaps.index, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    # The admin's sign-in is allauth's (settings: WAGTAILADMIN_LOGIN_URL; docs/operators/
    # sign-in.md); Wagtail's own form sends there, keeping `next`.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # The API answers in the caller's Accept-Language, without a language prefix.
    path("api/", api.urls),
]

urlpatterns += i18n_patterns(
    path("", include("byregion.places.urls")),
    path("", include("byregion.organisations.urls")),
    path("", include("byregion.networks.urls")),
    path("", include("byregion.indicators.urls")),
    path("", include("byregion.registrations.urls")),
    path("", include("byregion.news.urls")),
    path("", include("byregion.knowledge.urls")),
    path("", include("byregion.themes.urls")),
    path("", include("byregion.search.urls")),
    path("", include("byregion.subscriptions.urls")),
    # Wagtail's page tree comes last: it catches every path the apps above did not. Its
    # pages are served through byregion.site.serving (the route and site from the cache).
    path("", include("byregion.site.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    # Images only, as the proxy does in production: documents go through their view.
    for folder in ("original_images", "images"):
        prefix = f"{settings.MEDIA_URL}{folder}/"
        urlpatterns = static(prefix, document_root=settings.MEDIA_ROOT / folder) + urlpatterns
