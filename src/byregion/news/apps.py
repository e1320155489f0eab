from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "byregion.news"
    label = "news"
    verbose_name = _("News")

    def ready(self):
        # Fills the slots of the pages below (core.contributions).
        from . import contributions  # noqa: F401
