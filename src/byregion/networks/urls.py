from django.urls import path

from . import views

app_name = "networks"
urlpatterns = [
    path("regioner/", views.index, name="index"),
    path("regioner/programmer/<slug:slug>/", views.programme, name="programme"),
    path("regioner/<slug:slug>/", views.region, name="region"),
    path("regioner/<slug:slug>/rad/kalender.ics", views.region_councils_ics, name="region_ics"),
    path("regioner/<slug:region>/rad/<slug:slug>/", views.council, name="council"),
    path(
        "regioner/<slug:region>/rad/<slug:slug>/kalender.ics",
        views.council_ics,
        name="council_ics",
    ),
    path(
        "regioner/<slug:region>/rad/<slug:council>/moter/<int:pk>/",
        views.meeting,
        name="meeting",
    ),
    path(
        "regioner/<slug:region>/rad/<slug:council>/moter/<int:pk>/kalender.ics",
        views.meeting_ics,
        name="meeting_ics",
    ),
]
