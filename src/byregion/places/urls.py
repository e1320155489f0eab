from django.urls import path

from . import views

app_name = "places"
urlpatterns = [
    path("kommuner/", views.index, name="index"),
    path("kommuner/<str:code>/", views.municipality, name="municipality"),
]
