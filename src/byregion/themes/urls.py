from django.urls import path

from . import views

app_name = "themes"

urlpatterns = [
    path("tema/", views.theme_index, name="index"),
    path("tema/<slug:slug>/", views.theme_page, name="theme"),
]
