"""The site's URLs plus one trivial view, the benchmarks' anchor: what any request costs here
(gunicorn, Django's middleware, the client) before a view does any work."""

from django.http import HttpResponse
from django.urls import path

from byregion.urls import urlpatterns as site_urlpatterns


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial), *site_urlpatterns]
