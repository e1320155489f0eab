from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GatheringsConfig(AppConfig):
    name = "byregion.gatherings"
    label = "gatherings"
    verbose_name = _("Gatherings")

    def ready(self):
        # Fills the slots of the pages below (core.contributions).
        from . import contributions  # noqa: F401
