"""The site's addresses and one public view that sets a cookie (test_page_cache.py)."""

from django.http import HttpResponse
from django.urls import path

from byregion.urls import urlpatterns as site


def sets_a_cookie(request):
    response = HttpResponse("Ei side som set ei informasjonskapsel.")
    response.set_cookie("kake", "berre-din")
    return response


urlpatterns = [path("kake/", sets_a_cookie), *site]
