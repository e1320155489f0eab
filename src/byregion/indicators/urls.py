from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("regioner/programmer/<slug:slug>/tal/", views.programme, name="programme"),
    path(
        "regioner/programmer/<slug:slug>/tal/regioner.csv",
        views.programme_csv,
        name="programme_csv",
    ),
    path("regioner/<slug:slug>/tal/", views.region, name="region"),
    path("regioner/<slug:slug>/tal/<str:table>.csv", views.region_csv, name="region_csv"),
]
