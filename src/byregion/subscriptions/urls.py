from django.urls import path

from . import views

app_name = "subscriptions"

urlpatterns = [
    path("abonnement/", views.subscribe, name="subscribe"),
    path("abonnement/sendt/", views.sent, name="sent"),
    path("abonnement/bekreft/<str:token>/", views.confirm, name="confirm"),
    path("abonnement/<str:token>/", views.manage, name="manage"),
    path("abonnement/<str:token>/avslutt/", views.unsubscribe, name="unsubscribe"),
    path("abonnement/<str:token>/data.json", views.export, name="export"),
]
