from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "byregion.indicators"
    label = "indicators"
    verbose_name = _("Figures")

    def ready(self):
        # Fills the region page's slot (networks.slots) with the region's numbers.
        from . import contributions  # noqa: F401
