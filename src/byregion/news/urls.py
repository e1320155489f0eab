"""The news feeds; the news pages themselves are Wagtail pages below /nyheter/."""

from django.urls import path

from .feeds import news_feed

app_name = "news"

urlpatterns = [
    path("feed/nyheter/<str:format>/", news_feed, name="feed"),
    path("feed/nyheter/<str:scope>/<slug:slug>/<str:format>/", news_feed, name="scoped_feed"),
]
