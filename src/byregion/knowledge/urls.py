"""The experiences feed; the experience pages themselves are Wagtail pages below /erfaringer/."""

from django.urls import path

from .feeds import experiences_feed

app_name = "knowledge"

urlpatterns = [path("feed/erfaringer/atom/", experiences_feed, name="feed")]
