from django.urls import path

from . import views

app_name = "registrations"

urlpatterns = [
    path("samlinger/<slug:slug>/pamelding/", views.register, name="register"),
    path("samlinger/<slug:slug>/lenke-sendt/", views.link_sent, name="link_sent"),
    path("samlinger/<slug:slug>/deltakere/", views.participants, name="participants"),
    path("samlinger/<slug:slug>/statistikk/", views.statistics, name="statistics"),
    path("pamelding/<str:token>/", views.personal, name="personal"),
    path("pamelding/<str:token>/avmelding/", views.personal_cancel, name="cancel"),
    path("pamelding/<str:token>/samtykke/", views.personal_consent, name="consent"),
    path("pamelding/<str:token>/bekreft/", views.send_confirmation, name="send_confirmation"),
    path("pamelding/<str:token>/bekreft/<str:code>/", views.confirm_email, name="confirm_email"),
    path("pamelding/<str:token>/evaluering/", views.evaluate, name="evaluate"),
    path("pamelding/<str:token>/evaluering/takk/", views.evaluated, name="evaluated"),
    path("pamelding/<str:token>/program/", views.my_programme, name="my_programme"),
    path("pamelding/<str:token>/program.ics", views.my_programme_ics, name="my_programme_ics"),
    path(
        "pamelding/<str:token>/data.<str:fmt>",
        views.personal_export,
        name="export",
    ),
]
