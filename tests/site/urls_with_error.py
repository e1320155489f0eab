"""The site's URLs plus one view with a bug, to see the 500 page as a visitor would."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from byregion.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [
    *i18n_patterns(path("feil/", broken_view), prefix_default_language=False),
    *site_urlpatterns,
]
