from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "byregion.api"
    label = "byregion_api"
    verbose_name = _("Open API")
