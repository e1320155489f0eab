from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("organisasjoner/", views.organisation_list, name="index"),
    path("organisasjoner/<slug:slug>/", views.organisation_detail, name="detail"),
]
