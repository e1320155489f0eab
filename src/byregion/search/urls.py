from django.urls import path

from . import themes, views

app_name = "search"

urlpatterns = [
    path("sok/", views.search_page, name="index"),
    path("tema/", themes.theme_index, name="themes"),
    path("tema/<slug:slug>/", themes.theme_page, name="theme"),
]
