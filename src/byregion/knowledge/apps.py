from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "byregion.knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self):
        # Fills the slots of the pages below (core.contributions).
        from . import contributions  # noqa: F401
