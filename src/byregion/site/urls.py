"""Wagtail's front-end addresses, its pages served through `serving.serve` (one query to find
a page instead of two per path segment). The patterns and their names are Wagtail's own."""

from django.urls import re_path
from wagtail import urls as wagtail_urls

from .serving import serve

urlpatterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve"),
]
